/**
 * A small LSP client for protocol tests: spawns the bundled server
 * (`node dist/server.js --stdio`), speaks JSON-RPC to it, answers the
 * requests a client must answer, records every notification, and lets a
 * test wait for the message it expects (never for a fixed time).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import {
  CancellationTokenSource,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  ShutdownRequest,
  type ClientCapabilities,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type FullDocumentDiagnosticReport,
  type InitializeResult,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

/** The repository root, from out/test/protocol/. */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const SERVER = path.join(ROOT, 'dist', 'server.js');

export interface ClientOptions {
  /** Declare `textDocument.diagnostic` (pull diagnostics). Default true. */
  pull?: boolean;
  /** Declare `workspace.configuration` and answer it with `settings`. Default true. */
  configuration?: boolean;
  /** What `workspace/configuration` answers for section countingRules. */
  settings?: Record<string, unknown>;
  initializationOptions?: Record<string, unknown>;
  /** Workspace folders (file system paths). */
  folders?: string[];
  /** Extra capabilities, merged over the defaults. */
  capabilities?: ClientCapabilities;
  /** Extra command-line arguments for the server. */
  args?: string[];
  /** Arguments for node itself, before the server's path (e.g. a preloaded hook). */
  nodeArgs?: string[];
  /** Extra environment variables for the server. */
  env?: Record<string, string>;
}

/** What test/protocol/memory-hook.ts reports, after a full garbage collection. */
export interface MemoryReport {
  heapUsed: number;
  rss: number;
  external: number;
  arrayBuffers: number;
}

export interface Received {
  method: string;
  params: unknown;
}

export class LspClient {
  /** Every notification and server-to-client request, in order of arrival. */
  readonly received: Received[] = [];
  /** Answer to `workspace/configuration` (mutable: tests change it). */
  settings: Record<string, unknown>;
  stderr = '';
  private waiters: { test: (m: Received) => boolean; resolve: (m: Received) => void }[] = [];
  private exited: Promise<number | null>;
  initializeResult!: InitializeResult;
  /** While set, answers to `workspace/configuration` wait for it (to hold the server mid-check). */
  configurationGate?: Promise<void>;

  private constructor(
    readonly child: ChildProcess,
    readonly connection: MessageConnection,
    options: ClientOptions,
  ) {
    this.settings = options.settings ?? {};
    child.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    connection.onNotification((method: string, params: unknown) => this.record({ method, params }));
    // The JSON-RPC library keeps $/logTrace for its own tracer; the tests want to read it.
    connection.onNotification('$/logTrace', (params: unknown) => this.record({ method: '$/logTrace', params }));
    connection.onRequest((method: string, params: unknown) => {
      this.record({ method, params });
      if (method === 'workspace/configuration') {
        const answer = () => (params as { items: { section?: string }[] }).items.map((i) => (i.section === 'countingRules' ? this.settings : null));
        return this.configurationGate ? this.configurationGate.then(answer) : answer();
      }
      // client/registerCapability, workspace/diagnostic/refresh, workspace/codeLens/refresh, window/...
      return null;
    });
    connection.listen();
  }

  static async start(options: ClientOptions = {}): Promise<LspClient> {
    const client = LspClient.spawn(options);
    await client.initialize(options);
    return client;
  }

  /** Starts the server without initializing it (`initialize` does that). */
  static spawn(options: ClientOptions = {}): LspClient {
    if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run 'npm run build' first`);
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER, ...(options.args ?? ['--stdio'])], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: options.env ? { ...process.env, ...options.env } : process.env,
    });
    // A plain JSON-RPC connection: unlike the protocol connection it can take every notification and request.
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    return new LspClient(child, connection, options);
  }

  /** `initialize` and `initialized`, with the capabilities the options ask for. */
  async initialize(options: ClientOptions = {}): Promise<InitializeResult> {
    const connection = this.connection;
    const capabilities: ClientCapabilities = {
      textDocument: {
        synchronization: { didSave: true, dynamicRegistration: false },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        completion: { completionItem: { snippetSupport: false, documentationFormat: ['markdown'] } },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true, dataSupport: true },
        ...(options.pull === false ? {} : { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } }),
        ...options.capabilities?.textDocument,
      },
      workspace: {
        configuration: options.configuration !== false,
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: true },
        workspaceEdit: { documentChanges: true },
        workspaceFolders: true,
        ...(options.pull === false ? {} : { diagnostics: { refreshSupport: true } }),
        codeLens: { refreshSupport: true },
        ...options.capabilities?.workspace,
      },
    };
    const folders = (options.folders ?? []).map((f) => ({ uri: fileUri(f), name: path.basename(f) }));
    this.initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folders[0]?.uri ?? null,
      workspaceFolders: folders.length ? folders : null,
      capabilities,
      initializationOptions: options.initializationOptions,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return this.initializeResult;
  }

  private record(m: Received): void {
    this.received.push(m);
    const ready = this.waiters.filter((w) => w.test(m));
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve(m);
  }

  /**
   * Resolves with the first message (from `from` on, by index in `received`)
   * that is `method` and passes `test`. Rejects if the server exits first.
   */
  waitFor<P>(method: string, test: (params: P) => boolean = () => true, from = 0): Promise<P> {
    const match = (m: Received) => m.method === method && test(m.params as P);
    const already = this.received.slice(from).find(match);
    if (already) return Promise.resolve(already.params as P);
    return new Promise<P>((resolve, reject) => {
      this.waiters.push({ test: match, resolve: (m) => resolve(m.params as P) });
      void this.exited.then((code) => reject(new Error(`server exited (${code}) while waiting for ${method}\n${this.stderr}`)));
    });
  }

  /** Published diagnostics for a document version (push clients). */
  waitForPublished(uri: string, version: number, from = 0): Promise<PublishDiagnosticsParams> {
    return this.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === version, from);
  }

  published(uri: string): PublishDiagnosticsParams[] {
    return this.received.filter((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as PublishDiagnosticsParams).uri === uri).map((m) => m.params as PublishDiagnosticsParams);
  }

  async open(uri: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'ilog', version, text } });
  }

  async change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
  }

  async save(uri: string): Promise<void> {
    await this.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Pulls diagnostics; fails the test on an "unchanged" answer unless `previousResultId` is given. */
  pull(uri: string, previousResultId?: string, token = new CancellationTokenSource().token): Promise<DocumentDiagnosticReport> {
    return this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId }, token);
  }

  async pullFull(uri: string): Promise<FullDocumentDiagnosticReport> {
    const r = await this.pull(uri);
    if (r.kind !== 'full') throw new Error(`expected a full report, got ${r.kind}`);
    return r;
  }

  /** Shutdown, exit, and the process's exit code. */
  async shutdown(): Promise<number | null> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }

  /**
   * Writes bytes to the server as they are, bypassing the message writer
   * (malformed messages). Call it only when no message is being sent.
   */
  writeRaw(bytes: string | Buffer): Promise<void> {
    return new Promise((resolve, reject) => this.child.stdin!.write(bytes, (e) => (e ? reject(e) : resolve())));
  }

  /** Whether the server process is still running. */
  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /**
   * The server's memory after a full garbage collection; the server must
   * have been started with `memoryHookArgs()`.
   */
  async memory(): Promise<MemoryReport> {
    // A round trip first, so that every message sent before has been handled (an unknown request is answered at once).
    await this.connection.sendRequest('$/countingRules/roundTrip').catch(() => undefined);
    const seen = this.stderr.length;
    this.child.kill('SIGUSR2');
    for (let waited = 0; waited < 10_000; waited += 20) {
      const m = /\u0000MEMORY (\{[^\n]*\})\n/.exec(this.stderr.slice(seen));
      if (m) return JSON.parse(m[1]) as MemoryReport;
      if (!this.alive) throw new Error(`server exited while asked for its memory\n${this.stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('the server did not report its memory (started without memoryHookArgs()?)');
  }

  /** Ends the server without the protocol's goodbye (after a failed test). */
  kill(): void {
    if (this.child.exitCode === null) this.child.kill();
    this.connection.dispose();
  }
}

/** Node arguments that let `LspClient.memory()` ask the server for its memory. */
export function memoryHookArgs(): string[] {
  return ['--expose-gc', '--require', path.join(__dirname, 'memory-hook.js')];
}

export function fileUri(p: string): string {
  return pathToFileURL(p).href;
}

/** The edits a WorkspaceEdit makes to one document, whichever form it takes. */
export function editsFor(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  if (!edit) return [];
  const out: TextEdit[] = [];
  for (const c of edit.documentChanges ?? []) if ('textDocument' in c && c.textDocument.uri === uri) out.push(...(c.edits as TextEdit[]));
  out.push(...(edit.changes?.[uri] ?? []));
  return out;
}

/** Applies edits as an editor would (independently of the server's code). */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.ilog', 'ilog', 1, text), edits);
}

/** The diagnostics of a rule. */
export function ofRule(diagnostics: Diagnostic[], rule: string): Diagnostic[] {
  return diagnostics.filter((d) => d.code === rule);
}

/** Position (line, character) of the first occurrence of `needle` in `text`, plus `shift` characters. */
export function positionOf(text: string, needle: string, shift = 0): { line: number; character: number } {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`'${needle}' not in text`);
  const before = text.slice(0, i + shift);
  const line = before.split(/\r\n|\r|\n/).length - 1;
  const lastBreak = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
  return { line, character: before.length - lastBreak - 1 };
}
