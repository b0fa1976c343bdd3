/**
 * The server under abuse: requests before `initialize`, malformed and
 * unknown messages, a broken message header, wrong parameters, changes to
 * documents that are not open, versions out of order, a document closed
 * mid-check, a storm of cancellations while typing, a 50 MB document, a
 * force's configuration full of ReDoS patterns, and thousands of open
 * documents. In every case the server keeps answering (or, where the
 * stream itself is broken, ends cleanly), says nothing from a log's text in
 * its log, and gives back the memory it took.
 *
 * Each test starts its own server (abuse may leave one in a bad state).
 * Memory is read from the server itself after a full garbage collection
 * (test/protocol/memory-hook.ts); resident set size is printed, not
 * asserted, because V8 keeps freed pages for reuse.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CancellationTokenSource,
  ErrorCodes,
  LSPErrorCodes,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type LogMessageParams,
  type PublishDiagnosticsParams,
  type ShowMessageParams,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient, memoryHookArgs, type MemoryReport } from './lsp-client';
import { DOMESTIC, generatedDocument } from './texts';

/** A log whose words must never reach the server's log: its victim's name and what happened. */
const PRIVATE_WORDS = ['Marchbank', 'kettle'];
const PRIVATE = DOMESTIC.replace('Victim: V1 female, 24', 'Victim: V1 Jo Marchbank, female, 24').replace('spat at her', 'threw a kettle at her');

/** One framed message, as the base protocol sends it. */
function frame(body: string | Buffer): Buffer {
  const b = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return Buffer.concat([Buffer.from(`Content-Length: ${b.length}\r\n\r\n`, 'ascii'), b]);
}

/** Everything the server told the client's log, shown the user, or wrote to stderr (memory reports aside). */
function serverOutput(client: LspClient): string {
  const logged = client.received
    .filter((m) => m.method === 'window/logMessage' || m.method === 'window/showMessage' || m.method === '$/logTrace')
    .map((m) => JSON.stringify(m.params as LogMessageParams | ShowMessageParams));
  return [...logged, client.stderr.replace(/\u0000MEMORY [^\n]*\n/g, '')].join('\n');
}

function assertNothingPrivate(client: LspClient): void {
  const out = serverOutput(client);
  for (const w of PRIVATE_WORDS) assert.ok(!out.includes(w), `the server's output quotes the log ("${w}"):\n${out.slice(0, 2000)}`);
}

/** Errors the server logged (window/logMessage type 1). */
function loggedErrors(client: LspClient): string[] {
  return client.received.filter((m) => m.method === 'window/logMessage' && (m.params as LogMessageParams).type === 1).map((m) => (m.params as LogMessageParams).message);
}

/** The server still answers: a hover on an open document comes back. */
async function answers(client: LspClient, uri: string): Promise<void> {
  const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 11, character: 8 } });
  assert.ok(hover, 'no hover on a Crime: line');
}

/** What matters in a diagnostic: what an editor shows (the version in `data` aside). */
const shown = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${d.code} ${d.message}`);

/** The diagnostics the server gives a fresh document with this text. */
async function freshDiagnostics(client: LspClient, text: string): Promise<string[]> {
  const uri = `file:///tmp/abuse-fresh-${Math.random().toString(36).slice(2)}.ilog`;
  await client.open(uri, text);
  const { items } = await client.pullFull(uri);
  await client.close(uri);
  return shown(items);
}

/** CPU time (user and system) a process has used, in ms; NaN where /proc is not available. */
function cpuMsOf(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (100 a second on Linux)
  } catch {
    return NaN;
  }
}

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

describe('protocol: the server under abuse', function () {
  this.timeout(60_000);
  let client: LspClient | undefined;

  afterEach(() => {
    client?.kill();
    client = undefined;
  });

  it('answers a request before initialize with ServerNotInitialized, drops notifications, then initializes normally', async () => {
    client = LspClient.spawn();
    const uri = 'file:///tmp/abuse-early.ilog';
    await client.open(uri, PRIVATE);
    await client.change(uri, 2, [{ text: PRIVATE + '\n' }]);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: 'file:///tmp/.counting-rules.json', type: 2 }] });
    await client.close(uri);
    for (const method of ['textDocument/hover', 'textDocument/codeAction', 'textDocument/documentSymbol', 'textDocument/codeLens']) {
      await assert.rejects(
        client.connection.sendRequest(method, { textDocument: { uri }, position: { line: 0, character: 0 }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } }),
        (e: { code?: number }) => e.code === ErrorCodes.ServerNotInitialized,
        method,
      );
    }
    await client.initialize();
    assert.deepEqual(loggedErrors(client), [], 'notifications before initialize were not dropped quietly');
    await client.open(uri, PRIVATE);
    assert.equal((await client.pullFull(uri)).items.length, 3);
    assertNothingPrivate(client);
  });

  it('keeps answering after malformed and unknown messages, and never logs their content', async () => {
    client = await LspClient.start();
    const uri = 'file:///tmp/abuse-malformed.ilog';
    await client.open(uri, PRIVATE);
    const didOpen = (id: unknown) => JSON.stringify({ jsonrpc: '2.0', ...(id === undefined ? {} : { id }), method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///tmp/other.ilog', languageId: 'ilog', version: 1, text: PRIVATE } } });
    const bodies: (string | Buffer)[] = [
      didOpen(undefined).slice(0, -20), // cut short: not JSON
      `[${didOpen(undefined)}]`, // a JSON-RPC batch, which LSP does not have
      didOpen(null), // id null: neither request nor notification
      didOpen({ nested: 'id' }),
      '42',
      'null',
      '{}',
      '{"jsonrpc":"2.0","id":424242,"result":{"text":"' + PRIVATE_WORDS.join(' ') + '"}}', // a response to nothing
      '{"jsonrpc":"2.0","id":424243,"error":{"code":1,"message":"' + PRIVATE_WORDS[0] + '"}}',
      Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x22]), // not UTF-8
      '{"jsonrpc":"2.0","method":"textDocument/didChange","params":[1,2,3]}', // parameters by position
      '{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"' + uri + '","version":9},"contentChanges":"' + PRIVATE_WORDS[1] + '"}}',
    ];
    for (const body of bodies) {
      await client.writeRaw(frame(body));
      await answers(client, uri);
    }
    // Unknown requests are refused, unknown notifications ignored, `$/` ones included.
    await assert.rejects(client.connection.sendRequest('countingRules/noSuchRequest', {}), (e: { code?: number }) => e.code === ErrorCodes.MethodNotFound);
    await assert.rejects(client.connection.sendRequest('$/noSuchRequest', {}), (e: { code?: number }) => e.code === ErrorCodes.MethodNotFound);
    await client.connection.sendNotification('countingRules/noSuchNotification', { text: PRIVATE });
    await client.connection.sendNotification('$/noSuchNotification', { text: PRIVATE });
    await answers(client, uri);
    // The document is as it was opened: the bad change above was not applied.
    assert.equal((await client.pullFull(uri)).items.length, 3);
    assert.ok(client.alive);
    assertNothingPrivate(client);
  });

  it('after a broken message header, which leaves no way to find where the next message starts, stays quiet and idle and exits when the client closes the stream', async () => {
    // LSP's base protocol frames messages by Content-Length alone; the library drops what it cannot frame.
    // Nothing can resynchronise the stream, so the promise is: no crash, no spin, no content echoed, a clean end.
    client = await LspClient.start();
    const uri = 'file:///tmp/abuse-framing.ilog';
    await client.open(uri, PRIVATE);
    await client.writeRaw(`Content-Length: 12\r\nGarbage ${PRIVATE_WORDS[0]}\r\n\r\n{"x":1}`);
    await client.writeRaw(`Content-Length: not a number\r\n\r\n${PRIVATE_WORDS[1]}`);
    const cpuBefore = cpuMsOf(client.child.pid!);
    await new Promise((r) => setTimeout(r, 500));
    const cpu = cpuMsOf(client.child.pid!) - cpuBefore;
    assert.ok(client.alive, 'the server died on a broken header');
    assert.ok(Number.isNaN(cpu) || cpu < 250, `the server spins: ${cpu} ms of CPU in 500 ms`);
    const exited = new Promise<number | null>((resolve) => client!.child.on('exit', resolve));
    client.child.stdin!.end();
    const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r('still running'), 5000))]);
    assert.equal(code, 1, 'the server did not exit when its input closed');
    assertNothingPrivate(client);
  });

  it('answers requests with missing or nonsensical parameters with a result or an error, never a crash', async () => {
    client = await LspClient.start();
    const uri = 'file:///tmp/abuse-params.ilog';
    await client.open(uri, PRIVATE);
    const far = { line: 1e9, character: 1e9 };
    const requests: [string, unknown][] = [
      ['textDocument/hover', {}],
      ['textDocument/hover', null],
      ['textDocument/hover', { textDocument: { uri }, position: far }],
      ['textDocument/hover', { textDocument: { uri }, position: { line: -1, character: -5 } }],
      ['textDocument/hover', { textDocument: { uri: 42 }, position: { line: 0, character: 0 } }],
      ['textDocument/completion', { textDocument: { uri }, position: far }],
      ['textDocument/completion', { textDocument: { uri }, position: { line: 3, character: 1e6 } }],
      ['textDocument/codeAction', { textDocument: { uri }, range: { start: far, end: { line: 0, character: 0 } } }],
      ['textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: far }, context: { diagnostics: [{ source: 'counting-rules', code: 'domestic-abuse-flag', message: 'x', range: { start: far, end: far }, data: { version: 'seven' } }] } }],
      ['textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: far }, context: { diagnostics: 'none', only: 7 } }],
      ['textDocument/documentSymbol', { textDocument: { uri: 'file:///never/opened.ilog' } }],
      ['textDocument/foldingRange', { textDocument: {} }],
      ['textDocument/codeLens', { textDocument: { uri } }],
      ['textDocument/diagnostic', { textDocument: { uri: 'file:///never/opened.ilog' } }],
      ['textDocument/diagnostic', { textDocument: { uri }, previousResultId: { not: 'a string' } }],
      ['completionItem/resolve', { label: 'Crime:', data: { kind: 'no such kind', id: PRIVATE_WORDS[0] } }],
      ['completionItem/resolve', null],
    ];
    let errors = 0;
    for (const [method, params] of requests) {
      try {
        await client.connection.sendRequest(method, params);
      } catch (e) {
        errors++;
        const code = (e as { code?: number }).code;
        assert.ok(code === ErrorCodes.InvalidParams || code === ErrorCodes.InternalError || code === ErrorCodes.InvalidRequest, `${method}: ${String(e)}`);
        for (const w of PRIVATE_WORDS) assert.ok(!String((e as Error).message).includes(w), `${method}: the error quotes the log`);
      }
      assert.ok(client.alive, `${method} ended the server`);
    }
    await answers(client, uri);
    assert.equal((await client.pullFull(uri)).items.length, 3);
    assert.ok(errors < requests.length, 'every request failed');
    assertNothingPrivate(client);
  });

  it('ignores changes, saves and closes for documents that are not open, and takes a second open as a fresh start', async () => {
    client = await LspClient.start();
    const uri = 'file:///tmp/abuse-unopened.ilog';
    await client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: PRIVATE }]);
    await client.save(uri);
    await client.close(uri);
    assert.deepEqual((await client.pullFull(uri)).items, []);
    await client.open(uri, DOMESTIC);
    await client.open(uri, 'Incident A-1\nReceived: 01/01/2019 10:00\n', 1);
    assert.deepEqual(shown((await client.pullFull(uri)).items), await freshDiagnostics(client, 'Incident A-1\nReceived: 01/01/2019 10:00\n'));
    await client.close(uri);
    await client.close(uri);
    assert.deepEqual(loggedErrors(client), []);
    assertNothingPrivate(client);
  });

  it('applies changes in the order they arrive, whatever their version numbers say', async () => {
    client = await LspClient.start();
    const uri = 'file:///tmp/abuse-versions.ilog';
    const quiet = 'Incident Q-1\nReceived: 01/01/2019 10:00\n';
    await client.open(uri, PRIVATE, 5);
    assert.equal((await client.pullFull(uri)).items.length, 3);
    // The same version again with other text, then an older version, then an edit to that.
    await client.change(uri, 5, [{ text: quiet }]);
    assert.deepEqual(shown((await client.pullFull(uri)).items), await freshDiagnostics(client, quiet), 'a reused version number served the old text\u2019s diagnostics');
    await client.change(uri, 3, [{ text: PRIVATE }]);
    await client.change(uri, 1, [{ range: { start: { line: 11, character: 0 }, end: { line: 12, character: 0 } }, text: '' }]);
    const final = TextDocument.applyEdits(TextDocument.create(uri, 'ilog', 1, PRIVATE), [{ range: { start: { line: 11, character: 0 }, end: { line: 12, character: 0 } }, newText: '' }]);
    assert.deepEqual(shown((await client.pullFull(uri)).items), await freshDiagnostics(client, final));
    assertNothingPrivate(client);
  });

  it('publishes nothing for a document closed while its check waits for settings, and answers requests about it', async () => {
    client = await LspClient.start({ pull: false, initializationOptions: { typingPauseMs: 0 } });
    const uri = 'file:///tmp/abuse-closed.ilog';
    let release!: () => void;
    client.configurationGate = new Promise((r) => (release = r));
    await client.open(uri, PRIVATE);
    await client.waitFor<{ items: { scopeUri?: string }[] }>('workspace/configuration', (p) => p.items.some((i) => i.scopeUri === uri));
    const requests = [
      client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 11, character: 8 } }),
      client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } }, context: { diagnostics: [] } }),
    ];
    await client.close(uri);
    release();
    client.configurationGate = undefined;
    const answered = await Promise.all(requests);
    assert.deepEqual(answered, [null, []], 'requests about a closed document');
    // A document opened afterwards is published after anything left over for the closed one.
    const marker = 'file:///tmp/abuse-marker.ilog';
    await client.open(marker, DOMESTIC);
    await client.waitForPublished(marker, 1);
    const last = client.published(uri).at(-1);
    assert.ok(last, 'the close cleared nothing');
    assert.deepEqual(last.diagnostics, [], 'diagnostics were published for a closed document');
    assertNothingPrivate(client);
  });

  it('answers a pull sent together with the close of a large document', async () => {
    client = await LspClient.start();
    const uri = 'file:///tmp/abuse-closing.ilog';
    await client.open(uri, generatedDocument(300));
    const pulled = client.pull(uri);
    const hovered = client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 3 } });
    await client.close(uri);
    const report = (await pulled) as DocumentDiagnosticReport;
    assert.equal(report.kind, 'full');
    await hovered;
    await client.open(uri, PRIVATE);
    assert.equal((await client.pullFull(uri)).items.length, 3);
    assert.deepEqual(loggedErrors(client), []);
  });

  it('answers every request of a storm of cancellations while typing, and ends with the right diagnostics', async () => {
    client = await LspClient.start();
    const uri = 'file:///tmp/abuse-storm.ilog';
    let doc = TextDocument.create(uri, 'ilog', 1, generatedDocument(40) + PRIVATE);
    await client.open(uri, doc.getText());
    // Settled as they come, so a cancelled request is never an unhandled rejection.
    const pending: Promise<PromiseSettledResult<unknown>>[] = [];
    const settle = (p: Promise<unknown>) => pending.push(p.then((value) => ({ status: 'fulfilled' as const, value }), (reason: unknown) => ({ status: 'rejected' as const, reason })));
    const started = Date.now();
    for (let v = 2; v <= 301; v++) {
      // Type one character somewhere, as an editor sends it.
      const at = doc.positionAt(Math.floor(((v * 7919) % 1000) / 1000 * doc.getText().length));
      const edit = { range: { start: at, end: at }, text: v % 10 === 0 ? '\n' : 'x' };
      doc = TextDocument.update(doc, [edit], v);
      await client.change(uri, v, [edit]);
      const source = new CancellationTokenSource();
      settle(client.pull(uri, undefined, source.token));
      settle(client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: at, end: at }, context: { diagnostics: [] } }, source.token));
      if (v % 3) source.cancel();
      // Cancellations of requests that do not exist, or are long answered.
      await client.connection.sendNotification('$/cancelRequest', { id: 900_000 + v });
      await client.connection.sendNotification('$/cancelRequest', { id: v });
    }
    const outcomes = await Promise.all(pending);
    const failures = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected').map((o) => o.reason as { code?: number });
    assert.ok(failures.every((e) => e.code === LSPErrorCodes.RequestCancelled), `unexpected errors: ${failures.filter((e) => e.code !== LSPErrorCodes.RequestCancelled).map(String).join('; ')}`);
    assert.ok(outcomes.length - failures.length > 0, 'nothing was answered');
    assert.ok(failures.length > 0, 'nothing was cancelled: the storm did not test cancellation');
    console.log(`      ${outcomes.length} requests: ${outcomes.length - failures.length} answered, ${failures.length} cancelled`);
    assert.deepEqual(shown((await client.pullFull(uri)).items), await freshDiagnostics(client, doc.getText()));
    assert.ok(Date.now() - started < 30_000, `the storm took ${Date.now() - started} ms`);
    assertNothingPrivate(client);
  });

  it('gives a 50 MB document one clear "too large" diagnostic at once, even with the limit set above the maximum, and frees it on close', async () => {
    client = await LspClient.start({ nodeArgs: memoryHookArgs() });
    const baseline = await client.memory();
    const unit = generatedDocument(200) + PRIVATE;
    const huge = unit.repeat(Math.ceil((50 * 1048576) / unit.length));
    const uri = 'file:///tmp/abuse-huge.ilog';
    let t = Date.now();
    await client.open(uri, huge);
    const { items } = await client.pullFull(uri);
    const firstMs = Date.now() - t;
    assert.equal(items.length, 1);
    assert.equal(items[0].code, 'file-too-large');
    assert.match(items[0].message as string, /^This file is 5\d\.\d MB, larger than the 5 MB limit \(setting countingRules\.maxFileSizeMB\), so it is not checked/);
    assert.ok(firstMs < 15_000, `the first answer took ${firstMs} ms`);
    // Every other request on it is quick and empty.
    t = Date.now();
    for (const method of ['textDocument/hover', 'textDocument/completion', 'textDocument/codeLens', 'textDocument/documentSymbol', 'textDocument/foldingRange']) {
      const r = await client.connection.sendRequest(method, { textDocument: { uri }, position: { line: 3, character: 0 } });
      assert.ok(r === null || (Array.isArray(r) && r.length === 0), `${method} on a document too large to check: ${JSON.stringify(r).slice(0, 200)}`);
    }
    // Typing in it, and a limit raised past the 50 MB maximum, still give the message, not a check.
    await client.change(uri, 2, [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, text: 'x' }]);
    client.settings = { maxFileSizeMB: 1000 };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const again = await client.pullFull(uri);
    assert.equal(again.items.length, 1);
    assert.match(again.items[0].message as string, /larger than the 50 MB limit/);
    assert.ok(Date.now() - t < 10_000, `requests on the large document took ${Date.now() - t} ms`);
    const open = await client.memory();
    await client.close(uri);
    const closed = await client.memory();
    console.log(`      memory: ${mb(baseline.heapUsed)} heap before, ${mb(open.heapUsed)} with the document open, ${mb(closed.heapUsed)} after closing (RSS ${mb(baseline.rss)}, ${mb(open.rss)}, ${mb(closed.rss)}); first answer in ${firstMs} ms`);
    assert.ok(open.heapUsed > baseline.heapUsed + 40 * 1048576, 'the document did not show in the heap: the measurement is blind');
    assert.ok(closed.heapUsed < baseline.heapUsed + 8 * 1048576, `the heap did not return to its baseline after closing: ${mb(baseline.heapUsed)} -> ${mb(closed.heapUsed)}`);
    assertNothingPrivate(client);
  });

  it('refuses a force\u2019s trigger phrases that are known ReDoS patterns, with a clear message, and checks text built to trip them quickly', async () => {
    // Classic catastrophic-backtracking expressions: each takes exponential time on a long run of 'a's with a backtracking engine.
    const redos = ['(a+)+$', '(a|aa)+$', '(a|a?)+$', '(.*a){12}', '^(([a-z])+.)+[A-Z]([a-z])+$', '(x+x+)+y', '(\\w+\\s?)+$', '([a-zA-Z]+)*$', '(\\d+)*$', 'a{1,99}a{1,99}$'];
    // The worst phrases the linear phrase language accepts: two maximal gaps, optional words, prefixes.
    const worst = ['a ...6 a ...6 a', 'aa* [a] [a] [a] [a] ...6 aa*', 'punch* ...6 <obj> ...6 kick*'];
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'crg-redos-'));
    try {
      fs.writeFileSync(path.join(folder, '.counting-rules.json'), JSON.stringify({ triggers: [...redos, ...worst].map((phrase) => ({ phrase, family: 'assault' })) }));
      client = await LspClient.start({ folders: [folder] });
      const uri = pathToFileURL(path.join(folder, 'redos.ilog')).href;
      const runs = ['a'.repeat(60) + '!', 'aa '.repeat(40) + 'b', 'x'.repeat(60), '1'.repeat(60) + 'x', 'Ab'.repeat(60) + '!'];
      const text = `Incident R-1\nReceived: 01/01/2019 10:00\nVictim: V1 female, 30\n` + runs.map((r) => `10:00 CH1: ${r}\n`).join('').repeat(40);
      const t = Date.now();
      await client.open(uri, text);
      await client.pullFull(uri);
      const ms = Date.now() - t;
      const warning = await client.waitFor<ShowMessageParams>('window/showMessage', (p) => /counting-rules\.json/.test(p.message));
      for (const [i, phrase] of redos.entries()) {
        assert.ok(warning.message.includes(`/triggers/${i}/phrase`) || warning.message.includes(phrase), `ReDoS pattern ${phrase} was not refused:\n${warning.message}`);
      }
      assert.match(warning.message, /regular expression/);
      for (const phrase of worst) assert.ok(!warning.message.includes(`'${phrase}'`), `the accepted phrase ${phrase} was refused`);
      assert.ok(ms < 5000, `checking text built to trip the patterns took ${ms} ms`);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('keeps answering with 3,000 documents open, and returns to its baseline memory when they close', async () => {
    client = await LspClient.start({ nodeArgs: memoryHookArgs() });
    const c = client;
    const COUNT = 3000;
    /** Opens COUNT documents, pulls each, checks the server still answers, closes them all. */
    const round = async (k: number): Promise<{ open: MemoryReport; closed: MemoryReport }> => {
      const uris = Array.from({ length: COUNT }, (_, i) => `file:///tmp/abuse-many/${k}/log-${i}.ilog`);
      for (const [i, u] of uris.entries()) await c.open(u, PRIVATE.replace('Incident T-1', `Incident T-${i}`));
      const reports = await Promise.all(uris.map((u) => c.pullFull(u)));
      assert.ok(reports.every((r) => r.items.length === 3), 'a document got the wrong diagnostics');
      await answers(c, uris[COUNT - 1]);
      const open = await c.memory();
      for (const u of uris) await c.close(u);
      assert.equal(await c.connection.sendRequest('textDocument/hover', { textDocument: { uri: uris[0] }, position: { line: 11, character: 8 } }), null);
      return { open, closed: await c.memory() };
    };
    const start = await c.memory();
    // The first round fills the caches a long-running server keeps (words seen, configuration per folder).
    const first = await round(1);
    const second = await round(2);
    const third = await round(3);
    console.log(
      `      heap: ${mb(start.heapUsed)} at start; ${mb(first.open.heapUsed)} with ${COUNT} open; after closing ${mb(first.closed.heapUsed)}, ${mb(second.closed.heapUsed)}, ${mb(third.closed.heapUsed)} (RSS ${mb(start.rss)}, ${mb(first.open.rss)}, ${mb(third.closed.rss)})`,
    );
    assert.ok(first.open.heapUsed > first.closed.heapUsed + 20 * 1048576, 'open documents did not show in the heap: the measurement is blind');
    assert.ok(first.closed.heapUsed < start.heapUsed + 12 * 1048576, `closing ${COUNT} documents left ${mb(first.closed.heapUsed - start.heapUsed)} more heap than at start`);
    for (const r of [second, third]) assert.ok(r.closed.heapUsed < first.closed.heapUsed + 3 * 1048576, `memory grows round after round: ${mb(first.closed.heapUsed)} -> ${mb(r.closed.heapUsed)}`);
    assertNothingPrivate(c);
  });

  it('publishes for 3,000 documents a push client opens, and clears them all when they close', async () => {
    client = await LspClient.start({ pull: false });
    const c = client;
    const uris = Array.from({ length: 3000 }, (_, i) => `file:///tmp/abuse-push/log-${i}.ilog`);
    for (const [i, u] of uris.entries()) await c.open(u, PRIVATE.replace('Incident T-1', `Incident T-${i}`));
    const published = await Promise.all(uris.map((u) => c.waitForPublished(u, 1)));
    assert.ok(published.every((p: PublishDiagnosticsParams) => p.diagnostics.length === 3));
    const from = c.received.length;
    for (const u of uris) await c.close(u);
    await Promise.all(uris.map((u) => c.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === u && p.diagnostics.length === 0, from)));
    await c.open(uris[0], DOMESTIC);
    assert.equal((await c.waitForPublished(uris[0], 1, from)).diagnostics.length, 3);
    assertNothingPrivate(c);
  });
});
