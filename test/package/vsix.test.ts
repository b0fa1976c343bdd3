/**
 * The .vsix as `npm run package` builds it: the files .vscodeignore lets in
 * (the allow-list) and its size. The test packs the current build with
 * vsce's own packer, without the prepublish step, so it neither rebuilds
 * dist/ nor writes into the repository; `npm test` builds first. The
 * production build that `npm run package` makes is minified and smaller.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RULES, ruleDocPath } from '../../server/src/core';

const ROOT = path.resolve(__dirname, '../../..');
const LIMIT = 1.5 * 1024 * 1024;

interface PackResult {
  packagePath: string;
  files: { path: string }[];
}
// vsce's packer (what `vsce package` runs after the prepublish script); @vscode/vsce is pinned to 3.9.2.
const { pack } = require('@vscode/vsce/out/package') as {
  pack(options: { cwd: string; packagePath: string; dependencies: boolean; rewriteRelativeLinks: boolean }): Promise<PackResult>;
};

/** What may be in the package, below `extension/`: what runs, what VS Code reads, what the user opens. */
const ALLOWED = [
  /^dist\/(extension|server)\.js$/,
  /^package\.json$/,
  /^package\.nls\.json$/,
  /^readme\.md$/,
  /^changelog\.md$/,
  /^LICENSE\.txt$/,
  /^language-configuration\.json$/,
  /^syntaxes\/[^/]+\.tmLanguage\.json$/,
  /^l10n\/bundle\.l10n(\.[a-z-]+)?\.json$/,
  /^rules-data\/schemas\/[^/]+\.schema\.json$/,
  /^docs\/rules\/([a-z0-9-]+|README)\.md$/,
  /^docs\/[a-z]+\.md$/,
  /^rules-data\/README\.md$/,
];

describe('the .vsix package', function () {
  this.timeout(120_000);
  let result: PackResult;
  let inPackage: Set<string>;
  let dir: string;

  before(async () => {
    for (const bundle of ['dist/extension.js', 'dist/server.js']) {
      assert.ok(fs.existsSync(path.join(ROOT, bundle)), `${bundle} is missing: run npm run build first`);
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'counting-rules-vsix-'));
    // vsce prints the file tree; the assertions below say what matters.
    const log = console.log;
    console.log = () => undefined;
    try {
      result = await pack({ cwd: ROOT, packagePath: path.join(dir, 'test.vsix'), dependencies: false, rewriteRelativeLinks: false });
    } finally {
      console.log = log;
    }
    inPackage = new Set(result.files.map((f) => f.path).filter((p) => p.startsWith('extension/')).map((p) => p.slice('extension/'.length)));
  });

  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('holds only the allowed files: no sources, tests, maps or node_modules', () => {
    for (const f of inPackage) assert.ok(ALLOWED.some((re) => re.test(f)), `${f} should not be in the package`);
    for (const f of inPackage) assert.doesNotMatch(f, /\.(ts|map)$|^(node_modules|client|server|test|out|scripts|examples|bin)\//, f);
  });

  it('holds what the extension runs and what its manifest names', () => {
    for (const f of ['dist/extension.js', 'dist/server.js', 'package.json', 'package.nls.json', 'LICENSE.txt', 'changelog.md', 'docs/format.md', 'l10n/bundle.l10n.json']) {
      assert.ok(inPackage.has(f), `${f} is missing`);
    }
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const named = [
      pkg.main,
      ...pkg.contributes.languages.map((l: { configuration?: string }) => l.configuration).filter(Boolean),
      ...pkg.contributes.grammars.map((g: { path: string }) => g.path),
      ...pkg.contributes.jsonValidation.map((j: { url: string }) => j.url),
    ];
    for (const p of named) assert.ok(inPackage.has(path.posix.normalize(p)), `${p} (named in package.json) is missing`);
    if (fs.existsSync(path.join(ROOT, 'README.md'))) assert.ok(inPackage.has('readme.md'), 'README.md is missing');
  });

  it('holds the documentation page of every rule (Show Rule Documentation offers them all)', () => {
    for (const r of RULES) assert.ok(inPackage.has(ruleDocPath(r.id)), `${ruleDocPath(r.id)} is missing`);
    for (const page of fs.readdirSync(path.join(ROOT, 'docs/rules')).filter((f) => f.endsWith('.md'))) {
      assert.ok(inPackage.has(`docs/rules/${page}`), `docs/rules/${page} is missing`);
    }
  });

  it('has every relative link of its documentation pages resolve inside the package (the preview is offline)', () => {
    const docs = [...inPackage].filter((f) => f.startsWith('docs/') && f.endsWith('.md'));
    assert.ok(docs.length > 0);
    for (const doc of docs) {
      const text = fs.readFileSync(path.join(ROOT, doc), 'utf8');
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1].split('#')[0];
        if (!target || /^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
        const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(doc), decodeURIComponent(target)));
        assert.ok(inPackage.has(resolved), `${doc} links to ${m[1]}, which is not in the package`);
      }
    }
  });

  it(`is smaller than ${LIMIT / 1024 / 1024} MB`, () => {
    const size = fs.statSync(result.packagePath).size;
    assert.ok(size < LIMIT, `${(size / 1024 / 1024).toFixed(2)} MB`);
  });
});
