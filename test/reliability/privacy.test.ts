/**
 * Privacy: incident logs describe victims, so the extension, the server and
 * the CLI never use the network, send no telemetry, and put nothing from a
 * log's text in the client's log, in trace output (unless the user turns
 * verbose tracing on) or in crash messages.
 *
 * What is allowed, and why: the bundled LSP libraries can speak over a
 * local pipe (`--pipe`) or a socket on 127.0.0.1 (`--socket`), so the
 * server and client bundles require Node's `net`; those transports never
 * leave the machine, and the tests below check that every socket either
 * bundle opens is a pipe or on 127.0.0.1. VS Code itself starts the server
 * over IPC (a child process channel, no socket).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_CONFIG } from '../../server/src/core';
import { INCIDENT_RULES } from '../../server/src/rules';
import type { Rule } from '../../server/src/rules/types';
import { Checking } from '../../server/src/lsp/checking';
import { describeError, withoutMessageContent } from '../../server/src/lsp/log';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { LspClient } from '../protocol/lsp-client';
import { DOMESTIC } from '../protocol/texts';
import { ROOT } from './logs';

const HOOK = path.join(__dirname, 'no-network-hook.js');
const PRIVATE_WORDS = ['Marchbank', 'kettle'];
const PRIVATE = DOMESTIC.replace('Victim: V1 female, 24', 'Victim: V1 Jo Marchbank, female, 24').replace('spat at her', 'threw a kettle at her');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (/\.ts$/.test(e.name)) out.push(p);
  }
  return out;
}

/** Module names a file imports or requires. */
function importsOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)) out.push(m[1]);
  return out;
}

const NETWORK_MODULES = ['http', 'https', 'http2', 'net', 'tls', 'dns', 'dgram', 'undici', 'node-fetch', 'axios', 'got', 'ws', 'request', 'superagent'];
/** Telemetry and crash-reporting packages (relative imports aside). */
const TELEMETRY = /telemetry|^applicationinsights|^@sentry\/|^posthog|^mixpanel|^@segment\/|^analytics-node/i;
const NETWORK_CALLS = /\bfetch\s*\(|\bXMLHttpRequest\b|\bnew\s+WebSocket\b|\bnavigator\.sendBeacon\b|\.telemetry\b|createTelemetryLogger|\bisTelemetryEnabled\b/;

const bare = (m: string) => m.replace(/^node:/, '');

describe('privacy: no network, no telemetry', () => {
  it('the sources of the server, the CLI and the client import nothing that reaches the network or sends telemetry', () => {
    const files = [...sourceFiles(path.join(ROOT, 'server', 'src')), ...sourceFiles(path.join(ROOT, 'client', 'src'))];
    assert.ok(files.length > 40, `only ${files.length} source files found`);
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      const rel = path.relative(ROOT, f);
      for (const m of importsOf(text)) {
        seen.add(m);
        if (NETWORK_MODULES.includes(bare(m))) problems.push(`${rel} imports ${m}`);
        if (!m.startsWith('.') && TELEMETRY.test(m)) problems.push(`${rel} imports ${m}`);
      }
      // Comments may speak of fetching; code may not do it.
      const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
      const call = NETWORK_CALLS.exec(code);
      if (call) problems.push(`${rel} uses ${call[0]}`);
    }
    assert.ok(seen.has('vscode-languageserver/node') && seen.has('vscode') && seen.has('node:fs'), 'the import scan finds nothing: update this test');
    assert.deepEqual(problems, []);
  });

  it('the built bundles require no network module but net, and open sockets only on a local pipe or 127.0.0.1', () => {
    const bundles = ['server.js', 'extension.js', 'cli.js', 'worker.js'].map((b) => path.join(ROOT, 'dist', b)).filter((b) => fs.existsSync(b));
    assert.ok(bundles.length >= 2, 'run the build first');
    for (const b of bundles) {
      const text = fs.readFileSync(b, 'utf8');
      const name = path.basename(b);
      const required = new Set([...text.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => bare(m[1])).filter((m) => builtinModules.includes(m)));
      for (const m of ['http', 'https', 'http2', 'tls', 'dns', 'dgram']) assert.ok(!required.has(m), `${name} requires ${m}`);
      assert.equal(NETWORK_CALLS.exec(text.replace(/\.telemetry\b/g, ''))?.[0], undefined, `${name} calls the network`);
      if (!required.has('net')) continue;
      assert.ok(name === 'server.js' || name === 'extension.js', `${name} requires net`);
      // The LSP transports: a client socket to a pipe or to 127.0.0.1, a server listening on a pipe or on 127.0.0.1.
      const connects = [...text.matchAll(/net_1\.createConnection\)\(([^)]*)\)/g)].map((m) => m[1]);
      const listens = [...text.matchAll(/\.listen\((port|pipeName)([^)]*)\)/g)].map((m) => m[1] + m[2]);
      assert.ok(connects.length > 0, `${name}: the transports were not found; update this test`);
      for (const c of connects) assert.ok(c === 'pipeName' || c === 'port, "127.0.0.1"', `${name} connects to ${c}`);
      for (const l of listens) assert.ok(l.startsWith('pipeName') || l.startsWith('port, "127.0.0.1"'), `${name} listens on ${l}`);
      assert.equal([...text.matchAll(/\bnet_1\.(\w+)/g)].filter((m) => m[1] !== 'createConnection' && m[1] !== 'createServer').length, 0, `${name} uses net for something else`);
    }
  });

  it('the no-network hook catches a request (so the next tests can trust it)', () => {
    const r = spawnSync(process.execPath, ['--require', HOOK, '-e', "require('https').get('https://example.invalid/')"], { encoding: 'utf8' });
    assert.match(r.stderr, /\u0000NO-NETWORK ready/);
    assert.match(r.stderr, /\u0000NETWORK https\.get/);
  });

  it('the server makes no network access through a whole session, and says nothing from the log', async function () {
    this.timeout(30_000);
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'crg-privacy-'));
    fs.writeFileSync(path.join(folder, '.counting-rules.json'), JSON.stringify({ triggers: [{ phrase: 'threw a kettle', family: 'assault' }] }));
    const client = await LspClient.start({ nodeArgs: ['--require', HOOK], folders: [folder] });
    try {
      const uri = pathToFileURL(path.join(folder, 'private.ilog')).href;
      await client.open(uri, PRIVATE);
      const { items } = await client.pullFull(uri);
      assert.ok(items.length >= 3);
      const pos = { line: 11, character: 8 };
      await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: pos });
      await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 12, character: 0 } });
      await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 14, character: 0 } }, context: { diagnostics: items } });
      await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } });
      await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(folder, '.counting-rules.json')).href, type: 2 }] });
      await client.pullFull(uri);
      assert.equal(await client.shutdown(), 0);
      assert.match(client.stderr, /\u0000NO-NETWORK ready/, 'the hook did not load');
      assert.doesNotMatch(client.stderr, /\u0000NETWORK /);
      const said = JSON.stringify(client.received.filter((m) => m.method !== 'textDocument/publishDiagnostics'));
      for (const w of PRIVATE_WORDS) assert.ok(!said.includes(w), `the server's messages quote the log ("${w}")`);
      assert.ok(!client.received.some((m) => m.method === 'telemetry/event'), 'the server sent telemetry');
    } finally {
      client.kill();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('the command-line tool makes no network access while checking a folder', function () {
    this.timeout(30_000);
    const cli = path.join(ROOT, 'dist', 'cli.js');
    if (!fs.existsSync(cli)) this.skip();
    const r = spawnSync(process.execPath, ['--require', HOOK, cli, 'check', path.join(ROOT, 'examples')], { encoding: 'utf8', cwd: ROOT });
    assert.match(r.stderr, /\u0000NO-NETWORK ready/);
    assert.doesNotMatch(r.stderr, /\u0000NETWORK /);
    assert.ok(r.status === 0 || r.status === 1, `the CLI failed: ${r.stderr.slice(0, 500)}`);
  });
});

describe('privacy: crash and error messages carry no log text', () => {
  it('an uncaught exception or unhandled rejection is logged by name and place, not by its message', async function () {
    this.timeout(30_000);
    const client = await LspClient.start({ nodeArgs: ['--require', HOOK], env: { FAULT_TEXT: `V1 ${PRIVATE_WORDS[0]} says S1 threw a ${PRIVATE_WORDS[1]}` } });
    try {
      const logged = await client.waitFor<{ message: string }>('window/logMessage', (p) => /Unhandled rejection/.test(p.message));
      await client.waitFor<{ message: string }>('window/logMessage', (p) => /Uncaught exception/.test(p.message));
      assert.match(logged.message, /^Unhandled rejection: TypeError/);
      const all = JSON.stringify(client.received) + client.stderr;
      for (const w of PRIVATE_WORDS) assert.ok(!all.includes(w), `a crash message quotes the error ("${w}")`);
      // And the server lives on.
      await client.open('file:///tmp/after-crash.ilog', DOMESTIC);
      assert.equal((await client.pullFull('file:///tmp/after-crash.ilog')).items.length, 3);
    } finally {
      client.kill();
    }
  });

  it('describeError keeps an error\u2019s name and first frame, never its message', () => {
    const e = new RangeError(`bad offset in "${PRIVATE}"`);
    const d = describeError(e);
    assert.match(d, /^RangeError at /);
    for (const w of PRIVATE_WORDS) assert.ok(!d.includes(w));
    assert.equal(describeError('a string with Marchbank'), 'string');
  });

  it('the protocol library\u2019s complaint about a malformed message keeps its first line only', () => {
    const lib = `Received message which is neither a response nor a notification message:\n{"params":{"text":${JSON.stringify(PRIVATE)}}}`;
    assert.equal(withoutMessageContent(lib), "Received message which is neither a response nor a notification message (content not shown: it may hold a log's text); ignored.");
    assert.equal(withoutMessageContent('Counting rules server 1.0: pull diagnostics'), 'Counting rules server 1.0: pull diagnostics');
  });

  it('a rule that fails while reading a log is named in the client\u2019s log; its message, which may quote the log, goes to verbose tracing only', async () => {
    const said: string[] = [];
    const traced: string[] = [];
    const log = {
      info: (m: string) => said.push(m),
      warn: (m: string) => said.push(m),
      error: (m: string) => said.push(m),
      trace: (m: string, details?: () => string) => {
        said.push(m);
        if (details) traced.push(details());
      },
    };
    const doc = TextDocument.create('file:///tmp/rule-fails.ilog', 'ilog', 1, PRIVATE);
    const checking = new Checking(
      { get: (uri: string) => (uri === doc.uri ? doc : undefined) } as never,
      { get: async () => DEFAULT_SETTINGS, forget: () => undefined } as never,
      { forDocument: () => ({ config: DEFAULT_CONFIG, problems: [], ignored: [] }) } as never,
      log as never,
    );
    const failing: Rule = {
      id: 'victim-not-informed',
      check: (ctx) => {
        throw new Error(`cannot read the victim in "${ctx.incident.victims[0]?.description}"`);
      },
    };
    const rules = INCIDENT_RULES as Rule[];
    rules.push(failing);
    try {
      const result = await checking.current(doc.uri);
      assert.ok(result?.report && result.report.findings.length >= 3, 'the other rules still report');
      assert.equal(result.report.internalErrors.length, 1);
    } finally {
      rules.splice(rules.indexOf(failing), 1);
    }
    const errors = said.filter((m) => /Internal error/.test(m));
    assert.equal(errors.length >= 1, true, 'the failure was not logged');
    assert.match(errors[0], /victim-not-informed/);
    for (const m of said) for (const w of PRIVATE_WORDS) assert.ok(!m.includes(w), `the client's log quotes the log: ${m}`);
    assert.ok(traced.some((t) => t.includes('Marchbank')), 'the error itself is lost: verbose tracing should carry it');
  });
});

describe('privacy: what the client shows and sends', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { default?: unknown }> } };
    capabilities: { untrustedWorkspaces: { supported: string | boolean; restrictedConfigurations?: string[] } };
  };

  it('tracing is off unless the user turns it on, and the output channel never opens by itself', () => {
    assert.equal(pkg.contributes.configuration.properties['countingRules.trace.server'].default, 'off');
    const extension = fs.readFileSync(path.join(ROOT, 'client', 'src', 'extension.ts'), 'utf8');
    assert.match(extension, /revealOutputChannelOn: RevealOutputChannelOn\.Never/);
    assert.doesNotMatch(extension, /TransportKind\.(socket|pipe)/, 'the client starts the server over IPC only');
  });

  it('in an untrusted workspace the force\u2019s settings are restricted and its trigger phrases are not loaded', () => {
    const u = pkg.capabilities.untrustedWorkspaces;
    assert.equal(u.supported, 'limited');
    assert.ok(u.restrictedConfigurations?.includes('countingRules.maxFileSizeMB'));
    const extension = fs.readFileSync(path.join(ROOT, 'client', 'src', 'extension.ts'), 'utf8');
    assert.match(extension, /trusted: vscode\.workspace\.isTrusted/);
  });
});
