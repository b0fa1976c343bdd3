/**
 * Configuration through the protocol: `.counting-rules.json` found in the
 * workspace and watched, editor settings from `workspace/configuration`
 * laid over it, and an untrusted workspace.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DiagnosticSeverity, type CodeLens, type Registration, type RegistrationParams, type ShowMessageParams } from 'vscode-languageserver-protocol/node';
import { fileUri, LspClient, ofRule } from './lsp-client';
import { example } from './texts';

/** A narrative that discloses an offence only through the force's own trigger phrase. */
const FORCE_WORDS = [
  'Incident U-1',
  'Received: 02/06/2018 20:51',
  'Reporter: victim',
  'Victim: V1 female, 24',
  'Suspect: S1 male, 26',
  '',
  '20:51 CH5120: V1 says S1 zorbled her car in the street.',
  '',
].join('\n');

function workspace(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'counting-rules-protocol-'));
}

describe('protocol: configuration', function () {
  let dir: string;
  let client: LspClient;
  before(async () => {
    dir = workspace();
    client = await LspClient.start({ folders: [dir] });
  });
  after(() => {
    client.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('registers a watcher for the configuration file and for settings changes', async () => {
    const reg = await client.waitFor<RegistrationParams>('client/registerCapability', (p) =>
      p.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'),
    );
    const watched = reg.registrations.find((r: Registration) => r.method === 'workspace/didChangeWatchedFiles')!;
    assert.deepEqual(watched.registerOptions, { watchers: [{ globPattern: '**/.counting-rules.json' }] });
    await client.waitFor<RegistrationParams>('client/registerCapability', (p) => p.registrations.some((r) => r.method === 'workspace/didChangeConfiguration'));
  });

  it('re-checks when .counting-rules.json changes, without a restart', async () => {
    const file = path.join(dir, 'logs', 'may.ilog');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const text = example('recording-decisions.ilog');
    fs.writeFileSync(file, text);
    const uri = fileUri(file);
    await client.open(uri, text);
    assert.equal(ofRule((await client.pullFull(uri)).items, 'late-recording').length, 1);

    const config = path.join(dir, '.counting-rules.json');
    fs.writeFileSync(config, JSON.stringify({ rules: { 'late-recording': 'off' }, timelinessHours: 24 }));
    const from = client.received.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(config), type: 1 }] });
    await client.waitFor('workspace/diagnostic/refresh', () => true, from);
    await client.waitFor('workspace/codeLens/refresh', () => true, from);
    assert.equal(ofRule((await client.pullFull(uri)).items, 'late-recording').length, 0, 'turned off by the file');

    // Editor settings go on top of the file.
    client.settings = { rules: { 'late-recording': 'error' } };
    const from2 = client.received.length;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitFor('workspace/diagnostic/refresh', () => true, from2);
    const late = ofRule((await client.pullFull(uri)).items, 'late-recording');
    assert.equal(late.length, 1);
    assert.equal(late[0].severity, DiagnosticSeverity.Error);

    // The settings request names the document.
    const asked = client.received.filter((m) => m.method === 'workspace/configuration').map((m) => (m.params as { items: { scopeUri?: string; section?: string }[] }).items[0]);
    assert.ok(asked.some((i) => i.scopeUri === uri && i.section === 'countingRules'));

    fs.rmSync(config);
    client.settings = {};
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(config), type: 3 }] });
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.equal(ofRule((await client.pullFull(uri)).items, 'late-recording')[0].severity, DiagnosticSeverity.Warning);
    await client.close(uri);
  });

  it('loads the force\u2019s trigger phrases in a trusted workspace', async () => {
    const sub = path.join(dir, 'force');
    fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, '.counting-rules.json'), JSON.stringify({ triggers: [{ phrase: 'zorbled', family: 'criminal-damage' }] }));
    const uri = fileUri(path.join(sub, 'words.ilog'));
    await client.open(uri, FORCE_WORDS);
    const d = ofRule((await client.pullFull(uri)).items, 'unrecorded-offence');
    assert.equal(d.length, 1);
    assert.match(d[0].message as string, /Criminal damage/);
    await client.close(uri);
  });

  it('tells the user about a configuration file with errors', async () => {
    const sub = path.join(dir, 'broken');
    fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, '.counting-rules.json'), JSON.stringify({ rules: { 'late-recordin': 'off' } }));
    const uri = fileUri(path.join(sub, 'x.ilog'));
    const from = client.received.length;
    await client.open(uri, FORCE_WORDS);
    await client.pullFull(uri);
    const shown = await client.waitFor<ShowMessageParams>('window/showMessage', (p) => p.message.includes('.counting-rules.json'), from);
    assert.match(shown.message, /late-recordin/);
    assert.doesNotMatch(shown.message, /zorbled/, 'no log text');
    await client.close(uri);
  });

  it('turns checking and code lenses off per document with the enable settings', async () => {
    const uri = fileUri(path.join(dir, 'off.ilog'));
    await client.open(uri, example('domestic-abuse.ilog'));
    client.settings = { enable: true, codeLens: { enable: false } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual(await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } }), []);
    assert.ok((await client.pullFull(uri)).items.length > 0);
    client.settings = { enable: false };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual((await client.pullFull(uri)).items, []);
    client.settings = {};
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as CodeLens[];
    assert.equal(lenses.length, 2);
    await client.close(uri);
  });
});

describe('protocol: workspace folders bound the configuration search', function () {
  let dir: string;
  let client: LspClient;
  before(async () => {
    dir = workspace();
    fs.mkdirSync(path.join(dir, 'inner'));
    fs.writeFileSync(path.join(dir, '.counting-rules.json'), JSON.stringify({ rules: { 'late-recording': 'off' } }));
    client = await LspClient.start({ folders: [path.join(dir, 'inner')] });
  });
  after(() => {
    client.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('does not read a configuration file above the workspace folder, and does once the folder changes', async () => {
    const uri = fileUri(path.join(dir, 'inner', 'log.ilog'));
    await client.open(uri, example('recording-decisions.ilog'));
    assert.equal(ofRule((await client.pullFull(uri)).items, 'late-recording').length, 1, 'the file above the folder is not read');
    const from = client.received.length;
    await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
      event: { added: [{ uri: fileUri(dir), name: 'outer' }], removed: [{ uri: fileUri(path.join(dir, 'inner')), name: 'inner' }] },
    });
    await client.waitFor('workspace/diagnostic/refresh', () => true, from);
    assert.equal(ofRule((await client.pullFull(uri)).items, 'late-recording').length, 0, 'now inside the folder');
    await client.close(uri);
  });
});

describe('protocol: a client that cannot watch files', function () {
  let dir: string;
  let client: LspClient;
  before(async () => {
    dir = workspace();
    client = await LspClient.start({ folders: [dir], capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: false } } } });
  });
  after(() => {
    client.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads a changed configuration file again when a log is reopened', async () => {
    const uri = fileUri(path.join(dir, 'log.ilog'));
    const text = example('recording-decisions.ilog');
    await client.open(uri, text);
    assert.equal(ofRule((await client.pullFull(uri)).items, 'late-recording').length, 1);
    assert.ok(!client.received.some((m) => m.method === 'client/registerCapability' && JSON.stringify(m.params).includes('didChangeWatchedFiles')));
    fs.writeFileSync(path.join(dir, '.counting-rules.json'), JSON.stringify({ rules: { 'late-recording': 'off' } }));
    await client.close(uri);
    await client.open(uri, text);
    assert.equal(ofRule((await client.pullFull(uri)).items, 'late-recording').length, 0);
    await client.close(uri);
  });
});

describe('protocol: untrusted workspace', function () {
  let dir: string;
  let client: LspClient;
  before(async () => {
    dir = workspace();
    fs.writeFileSync(path.join(dir, '.counting-rules.json'), JSON.stringify({ triggers: [{ phrase: 'zorbled', family: 'criminal-damage' }] }));
    client = await LspClient.start({ folders: [dir], initializationOptions: { trusted: false } });
  });
  after(() => {
    client.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('does not load the force\u2019s trigger phrases', async () => {
    const uri = fileUri(path.join(dir, 'words.ilog'));
    await client.open(uri, FORCE_WORDS);
    assert.equal(ofRule((await client.pullFull(uri)).items, 'unrecorded-offence').length, 0);
    await client.close(uri);
  });
});
