/**
 * The parser, the analysers and the rules know nothing of LSP or VS Code: the
 * server and the CLI are thin shells over the same core.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../support/expectations';

const CORE = ['text', 'parser', 'analysis', 'data', 'rules', 'engine', 'config'];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

describe('layers', () => {
  it('the core imports no LSP or VS Code package', () => {
    const offenders: string[] = [];
    const files = [...CORE.flatMap((d) => sources(path.join(ROOT, 'server', 'src', d))), path.join(ROOT, 'server', 'src', 'core.ts'), path.join(ROOT, 'server', 'src', 'findings.ts')];
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      for (const m of text.matchAll(/(?:from|require\()\s*['"]([^'"]+)['"]/g)) {
        if (/^vscode/.test(m[1]) || m[1].includes('/lsp') || m[1].includes('/cli') || m[1].includes('client/')) offenders.push(`${path.relative(ROOT, f)} imports ${m[1]}`);
      }
    }
    assert.ok(files.length > 20);
    assert.deepEqual(offenders, []);
  });

  it('each rule lives in its own file, named by its id', () => {
    const dir = path.join(ROOT, 'server', 'src', 'rules');
    const index = fs.readFileSync(path.join(dir, 'index.ts'), 'utf8');
    for (const m of index.matchAll(/import \{ rule as \w+ \} from '\.\/([a-z0-9-]+)'/g)) {
      const text = fs.readFileSync(path.join(dir, `${m[1]}.ts`), 'utf8');
      assert.match(text, new RegExp(`RULE_ID = '${m[1]}'`), `${m[1]}.ts does not define rule ${m[1]}`);
    }
  });
});
