/**
 * Starting and stopping the server: the transports, initialize with and
 * without pull diagnostics, shutdown and exit, and what the server writes
 * to the client's log (never the log's content unless tracing is verbose).
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import {
  createProtocolConnection,
  ExitNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  ShutdownRequest,
  type InitializeResult,
  type LogMessageParams,
} from 'vscode-languageserver-protocol/node';
import { LspClient, ROOT, SERVER } from './lsp-client';
import { DOMESTIC } from './texts';

describe('protocol: lifecycle', function () {
  it('initializes with pull diagnostics and the other capabilities', async () => {
    const client = await LspClient.start({ pull: true });
    try {
      const caps = client.initializeResult.capabilities;
      assert.ok(caps.diagnosticProvider);
      assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2, save: { includeText: false } });
      assert.deepEqual((caps.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, ['quickfix', 'source.fixAll.countingRules']);
      assert.ok(caps.hoverProvider && caps.documentSymbolProvider && caps.foldingRangeProvider && caps.codeLensProvider && caps.completionProvider);
      assert.equal(client.initializeResult.serverInfo?.name, 'counting-rules-server');
    } finally {
      client.kill();
    }
  });

  it('initializes without pull diagnostics for a push-only client', async () => {
    const client = await LspClient.start({ pull: false });
    try {
      assert.equal(client.initializeResult.capabilities.diagnosticProvider, undefined);
    } finally {
      client.kill();
    }
  });

  it('ends with code 0 after shutdown and exit', async () => {
    const client = await LspClient.start();
    await client.open('file:///tmp/life.ilog', DOMESTIC);
    await client.pullFull('file:///tmp/life.ilog');
    assert.equal(await client.shutdown(), 0);
  });

  it('ends with code 1 on exit without shutdown', async () => {
    const client = await LspClient.start();
    const exited = new Promise<number | null>((resolve) => client.child.on('exit', resolve));
    await client.connection.sendNotification(ExitNotification.type);
    assert.equal(await exited, 1);
    client.kill();
  });

  it('speaks over stdio when no transport is named', async () => {
    const client = await LspClient.start({ args: [] });
    try {
      assert.equal(client.initializeResult.serverInfo?.name, 'counting-rules-server');
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.kill();
    }
  });

  it('speaks over node-ipc for the VS Code client', async () => {
    const child = spawn(process.execPath, [SERVER, '--node-ipc'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    connection.listen();
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      const result: InitializeResult = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {} });
      assert.equal(result.serverInfo?.name, 'counting-rules-server');
      await connection.sendRequest(ShutdownRequest.type);
      await connection.sendNotification(ExitNotification.type);
      assert.equal(await exited, 0);
    } finally {
      if (child.exitCode === null) child.kill();
      connection.dispose();
    }
  });

  it('never writes log content to the client\u2019s log; verbose tracing carries it in trace output only', async () => {
    const client = await LspClient.start();
    try {
      const uri = 'file:///tmp/private.ilog';
      await client.open(uri, DOMESTIC);
      await client.pullFull(uri);
      assert.ok(!client.received.some((m) => m.method === '$/logTrace'), 'no trace output while tracing is off');
      await client.connection.sendNotification('$/setTrace', { value: 'verbose' });
      await client.change(uri, 2, [{ range: { start: { line: 0, character: 12 }, end: { line: 0, character: 12 } }, text: 'X' }]);
      await client.pullFull(uri);
      const trace = await client.waitFor<{ message: string; verbose?: string }>('$/logTrace', (p) => /findings/.test(p.message));
      assert.match(trace.message, /private\.ilog v2: 3 findings/);
      assert.doesNotMatch(trace.message, /boyfriend/, 'the summary line has no log text');
      assert.match(trace.verbose ?? '', /boyfriend/, 'the verbose part may quote the log');
      const logged = client.received.filter((m) => m.method === 'window/logMessage').map((m) => (m.params as LogMessageParams).message);
      assert.ok(logged.length > 0);
      for (const l of logged) assert.doesNotMatch(l, /boyfriend|fridge|spat/);
      assert.equal(client.stderr, '');
    } finally {
      client.kill();
    }
  });
});
