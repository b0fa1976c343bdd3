/**
 * The extension manifest (package.json) against what it names: files that
 * must exist, the rule catalogue, the configuration schema, the server's
 * settings, the commands the client implements, and the translations
 * (package.nls.json for the manifest, l10n/bundle.l10n.json for the client).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE, RULES } from '../../server/src/core';
import { COMMANDS, SETTINGS_SECTION } from '../../server/src/lsp/protocol';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';

const ROOT = path.resolve(__dirname, '../../..');
const read = (p: string) => fs.readFileSync(path.join(ROOT, p), 'utf8');
const json = (p: string) => JSON.parse(read(p)) as any;

const pkg = json('package.json');
const nls = json('package.nls.json') as Record<string, string>;
const props = pkg.contributes.configuration.properties as Record<string, any>;

/** Manifest paths are relative ("./x"); the file must exist. */
function exists(p: string): boolean {
  return fs.existsSync(path.join(ROOT, p));
}

/** Every string the client passes to vscode.l10n.t (or to the `t` it is handed), unescaped. */
function clientMessages(): Set<string> {
  const found = new Set<string>();
  const dir = path.join(ROOT, 'client', 'src');
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    for (const m of text.matchAll(/\bt\(\s*(['"])((?:\\.|(?!\1)[^\\])*)\1/g)) found.add(m[2].replace(/\\(.)/g, '$1'));
  }
  return found;
}

describe('extension manifest', () => {
  it('starts the client bundle that scripts/build.mjs writes, on ilog documents and the config file', () => {
    assert.equal(pkg.main, './dist/extension.js');
    assert.match(read('scripts/build.mjs'), /in: 'client\/src\/extension\.ts', out: 'dist\/extension\.js'/);
    assert.ok(pkg.activationEvents.includes('onLanguage:ilog'));
    assert.ok(pkg.activationEvents.includes(`workspaceContains:**/${CONFIG_FILE}`));
    assert.match(read('client/src/extension.ts'), /asAbsolutePath\('dist\/server\.js'\)/);
  });

  it('declares the ilog language with its grammar and language configuration', () => {
    const ilog = pkg.contributes.languages.find((l: any) => l.id === 'ilog');
    assert.deepEqual(ilog.extensions, ['.ilog']);
    assert.ok(ilog.aliases.includes('Incident log'));
    assert.ok(exists(ilog.configuration));
    const grammar = pkg.contributes.grammars.find((g: any) => g.language === 'ilog');
    assert.ok(exists(grammar.path));
    assert.equal(json(grammar.path).scopeName, grammar.scopeName);
    assert.equal(grammar.scopeName, 'source.ilog');
  });

  it('comments with # and folds incidents, regions and nothing that merely looks like them', () => {
    const config = json('language-configuration.json');
    assert.equal(config.comments.lineComment, '#');
    const start = new RegExp(config.folding.markers.start);
    const end = new RegExp(config.folding.markers.end);
    for (const l of ['Incident 2018/0314/0457', 'INCIDENT X', '# region suspects', '  #region']) assert.ok(start.test(l), l);
    for (const l of ['Incidental: x', ' Incident 1', '# regional note', 'Closing: x']) assert.ok(!start.test(l), l);
    for (const l of ['Closing: DOMESTIC - CRIME RECORDED', 'closing : x', '# endregion']) assert.ok(end.test(l), l);
    for (const l of ['Closingtime: x', '    Closing: x', 'Incident 2']) assert.ok(!end.test(l), l);
    const word = new RegExp(config.wordPattern, 'g');
    assert.deepEqual('late-recording, 2018/0314/0457 V1.'.match(word), ['late-recording', '2018/0314/0457', 'V1']);
  });

  it('validates the configuration file, read as JSON with comments, against the schema', () => {
    const v = pkg.contributes.jsonValidation.find((j: any) => j.fileMatch === CONFIG_FILE);
    assert.equal(v.url, './rules-data/schemas/counting-rules-config.schema.json');
    assert.ok(exists(v.url));
    assert.ok(pkg.contributes.languages.some((l: any) => l.id === 'jsonc' && l.filenames?.includes(CONFIG_FILE)));
  });

  it('offers per-rule severities for exactly the rules of the catalogue, with the config file’s values', () => {
    const rules = props[`${SETTINGS_SECTION}.rules`];
    assert.equal(rules.type, 'object');
    assert.equal(rules.additionalProperties, false);
    assert.deepEqual(Object.keys(rules.properties), RULES.map((r) => r.id));
    const schema = json('rules-data/schemas/counting-rules-config.schema.json');
    const levels = schema.properties.rules.additionalProperties.enum;
    for (const r of RULES) {
      const p = rules.properties[r.id];
      assert.deepEqual(p.enum, levels, r.id);
      assert.equal(p.description, `%rule.${r.id}%`);
      assert.equal(nls[`rule.${r.id}`], r.title, `package.nls.json rule.${r.id} is not the catalogue's title`);
    }
  });

  it('has the settings the server reads, with the server’s defaults, per folder', () => {
    const expected: Record<string, unknown> = {
      enable: DEFAULT_SETTINGS.enable,
      run: DEFAULT_SETTINGS.run,
      rules: DEFAULT_SETTINGS.rules,
      'codeLens.enable': DEFAULT_SETTINGS.codeLens.enable,
      maxFileSizeMB: DEFAULT_SETTINGS.maxFileSizeMB,
      'trace.server': 'off',
    };
    assert.deepEqual(Object.keys(props).sort(), Object.keys(expected).map((k) => `${SETTINGS_SECTION}.${k}`).sort());
    for (const [k, v] of Object.entries(expected)) {
      const p = props[`${SETTINGS_SECTION}.${k}`];
      assert.deepEqual(p.default, v, k);
      assert.equal(p.scope, k === 'trace.server' ? 'window' : 'resource', k);
    }
    assert.deepEqual(props[`${SETTINGS_SECTION}.run`].enum, ['onType', 'onSave']);
    assert.deepEqual(props[`${SETTINGS_SECTION}.trace.server`].enum, ['off', 'messages', 'verbose']);
  });

  it('contributes every command the client registers, in the Counting Rules category', () => {
    const contributed = pkg.contributes.commands.map((c: any) => c.command).sort();
    const source = read('client/src/commands.ts');
    const registered = [...source.matchAll(/^\s+(\w+): '(countingRules\.\w+)',?$/gm)].map((m) => m[2]);
    const fromProtocol = Object.values(COMMANDS);
    assert.deepEqual(contributed, [...registered, ...fromProtocol].sort());
    for (const c of pkg.contributes.commands) {
      assert.equal(c.category, '%category%');
      assert.match(c.title, /^%command\.\w+%$/);
    }
    const hidden = pkg.contributes.menus.commandPalette.find((m: any) => m.command === COMMANDS.insertSuppression);
    assert.equal(hidden.when, 'false', 'insertSuppression needs arguments from the server, so it is not in the Command Palette');
  });

  it('supports untrusted workspaces in a limited way, restricting only its own settings', () => {
    const u = pkg.capabilities.untrustedWorkspaces;
    assert.equal(u.supported, 'limited');
    assert.match(u.description, /^%.+%$/);
    for (const key of u.restrictedConfigurations) assert.ok(props[key], key);
    assert.match(read('client/src/extension.ts'), /trusted: vscode\.workspace\.isTrusted/);
  });

  it('has every manifest string in package.nls.json, and no other', () => {
    const used = new Set<string>();
    JSON.stringify(pkg).replace(/"%([^"%]+)%"/g, (_m, k: string) => {
      used.add(k);
      return '';
    });
    for (const k of used) assert.ok(k in nls, `%${k}% has no entry in package.nls.json`);
    for (const k of Object.keys(nls)) assert.ok(used.has(k), `package.nls.json has an unused key ${k}`);
    for (const c of pkg.contributes.commands) assert.ok(c.title.startsWith('%'), `${c.command}: title is not localised`);
    for (const [key, p] of Object.entries(props)) {
      const texts = [p.description, p.markdownDescription, ...(p.enumDescriptions ?? [])].filter((x) => x !== undefined);
      assert.ok(texts.length > 0, key);
      for (const t of texts) assert.match(t, /^%.+%$/, `${key}: '${t}' is not localised`);
    }
  });

  it('ships the English bundle of every client message, and no stale one', () => {
    assert.equal(pkg.l10n, './l10n');
    const bundle = json('l10n/bundle.l10n.json') as Record<string, string>;
    const messages = clientMessages();
    assert.ok(messages.size > 10, `only ${messages.size} messages found: the extraction is broken`);
    for (const m of messages) assert.equal(bundle[m], m, `l10n/bundle.l10n.json lacks: ${m}`);
    for (const k of Object.keys(bundle)) assert.ok(messages.has(k), `l10n/bundle.l10n.json has a message no code uses: ${k}`);
  });

  it('packages with vsce after a production build, without npm dependencies', () => {
    assert.equal(pkg.scripts.package, 'vsce package --no-dependencies --no-rewrite-relative-links');
    assert.match(pkg.scripts['vscode:prepublish'], /node scripts\/build\.mjs --production/);
    assert.equal(pkg.license, 'MIT');
    assert.match(read('LICENSE'), /^MIT License/);
    assert.ok(exists('CHANGELOG.md'));
  });
});
