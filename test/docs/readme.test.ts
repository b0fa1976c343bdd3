/**
 * The README stays true: its first commands are the whole set-up (they name
 * scripts and tools that exist), its settings table is the manifest's, and
 * every relative link in it and in docs/ leads to a file (and heading) that
 * exists.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../support/expectations';

const read = (p: string) => fs.readFileSync(path.join(ROOT, p), 'utf8');
const readme = read('README.md');
const pkg = JSON.parse(read('package.json')) as {
  scripts: Record<string, string>;
  bin: Record<string, string>;
  contributes: { configuration: { properties: Record<string, unknown> } | { properties: Record<string, unknown> }[] };
};

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

function headings(markdown: string): Set<string> {
  const out = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const m = !fenced && /^#{1,6}\s+(.*)$/.exec(line);
    if (m) out.add(anchor(m[1]));
  }
  return out;
}

function markdownFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? markdownFiles(path.join(dir, e.name)) : e.name.endsWith('.md') ? [path.join(dir, e.name)] : [],
  );
}

describe('README', () => {
  it('starts with the set-up: one command checks the bundled examples, one runs the tests', () => {
    const first = /```sh\n([\s\S]*?)```/.exec(readme);
    assert.ok(first, 'a first sh block');
    const lines = first[1].trim().split('\n');
    assert.equal(lines.length, 2);
    assert.match(lines[0], /^npm ci && npm run build && npx counting-rules check examples$/);
    assert.equal(lines[1], 'npm run test:all');
    for (const script of ['build', 'test', 'test:all', 'test:editor', 'bench', 'fuzz:long', 'package', 'watch']) {
      assert.ok(pkg.scripts[script], `package.json has the script '${script}' the README names`);
    }
    assert.ok(pkg.bin['counting-rules'] && pkg.bin['counting-rules-server']);
    assert.ok(fs.existsSync(path.join(ROOT, 'examples')), 'the bundled examples');
  });

  it('lists every setting the extension contributes, with its default', () => {
    const sections = ([] as { properties: Record<string, unknown> }[]).concat(pkg.contributes.configuration);
    for (const s of sections) {
      for (const [key, spec] of Object.entries(s.properties)) {
        const row = readme.split('\n').find((l) => l.startsWith(`| \`${key}\` |`));
        assert.ok(row, `README settings table lists ${key}`);
        const def = (spec as { default?: unknown }).default;
        const shown = typeof def === 'string' ? def : JSON.stringify(def);
        assert.ok(row.includes(`\`${shown}\``), `${key} shows its default ${shown}`);
      }
    }
  });

  it('has a table row linking the page of every rule', () => {
    const catalog = JSON.parse(read('rules-data/rules.json')) as { rules: { id: string }[] };
    for (const { id } of catalog.rules) {
      assert.ok(readme.includes(`| [${id}](docs/rules/${id}.md) |`), `README table row for ${id}`);
    }
  });

  it('documents suppressions, and has a section on privacy and security', () => {
    assert.match(readme, /^## Suppressing a finding$/m);
    assert.match(readme, /counting-rules-disable-next-line/);
    assert.match(readme, /^## Privacy and security$/m);
  });

  for (const file of ['README.md', ...markdownFiles('docs'), 'rules-data/README.md', 'examples/README.md']) {
    it(`${file}: every relative link leads somewhere`, () => {
      const text = read(file);
      const broken: string[] = [];
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1];
        if (/^[a-z]+:/i.test(target)) continue; // http:, https:, mailto:, file:
        const [p, hash] = target.split('#');
        const resolved = p ? path.join(path.dirname(path.join(ROOT, file)), p) : path.join(ROOT, file);
        if (!fs.existsSync(resolved)) {
          broken.push(`${target} (no such file)`);
          continue;
        }
        if (hash && resolved.endsWith('.md') && !headings(fs.readFileSync(resolved, 'utf8')).has(hash)) broken.push(`${target} (no such heading)`);
      }
      assert.deepEqual(broken, []);
    });
  }
});
