/**
 * The language server: capabilities, and each request and notification
 * wired to the module that answers it. Diagnostics are pulled (LSP 3.17)
 * when the client declares `textDocument.diagnostic`, pushed otherwise.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type ClientCapabilities,
  type Connection,
  type InitializeError,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLexicon } from '../core';
import { Checking, type CheckResult } from './checking';
import { codeActions, type CodeActionOptions } from './code-actions';
import { codeLenses } from './code-lens';
import { complete, resolveCompletion, TRIGGER_CHARACTERS } from './completion';
import { CONFIG_FILE, CONFIG_GLOB, ConfigFiles } from './configuration';
import { hover } from './hover';
import { describeError, Log } from './log';
import { documentSymbols, foldingRanges, symbolInformation } from './outline';
import { displayName, packageRoot } from './paths';
import { DIAGNOSTIC_SOURCE, FIX_ALL_KIND, SETTINGS_SECTION, type InitializationOptions } from './protocol';
import { PullDiagnostics } from './pull-diagnostics';
import { PushDiagnostics, TYPING_PAUSE_MS } from './push-diagnostics';
import { SettingsSource } from './settings';
import { Status } from './status';

function packageVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function requestCancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}

/** What LSP asks of a server for a request that comes before `initialize`. */
function notInitialized(): ResponseError<void> {
  return new ResponseError(ErrorCodes.ServerNotInitialized, 'The server has not been initialized');
}

/** Wires a server onto a connection; the caller calls `connection.listen()`. */
export function startServer(connection: Connection): void {
  const log = new Log(connection);
  const documents = new TextDocuments(TextDocument);
  let caps: ClientCapabilities = {};
  let actionOptions: CodeActionOptions = { documentChanges: false, suppressionCommand: false, showDocumentation: false };
  /** Set by `initialize`; until then requests are refused and notifications dropped, as LSP asks. */
  let checking: Checking | undefined;
  let settings!: SettingsSource;
  let configs!: ConfigFiles;
  let status!: Status;
  let pull: PullDiagnostics | undefined;
  let push: PushDiagnostics | undefined;

  /**
   * Answers a request about a document from its current check: `empty` when
   * the document is not open or checking is off for it, an error when the
   * client cancelled the request meanwhile.
   */
  async function answer<T>(uri: string, token: CancellationToken, empty: T, fn: (r: CheckResult) => T): Promise<T | ResponseError<void>> {
    if (!checking) return notInitialized();
    const result = await checking.current(uri);
    if (token.isCancellationRequested) return requestCancelled();
    return result?.settings.enable ? fn(result) : empty;
  }

  connection.onInitialize((params: InitializeParams): InitializeResult | ResponseError<InitializeError> => {
    if (checking) return new ResponseError(ErrorCodes.InvalidRequest, 'The server is already initialized', { retry: false });
    log.initialize(params);
    caps = params.capabilities;
    const init = (params.initializationOptions ?? {}) as InitializationOptions;
    const trusted = init.trusted !== false;
    actionOptions = {
      documentChanges: !!caps.workspace?.workspaceEdit?.documentChanges,
      suppressionCommand: init.suppressionCommand === true,
      showDocumentation: init.supportsShowDocumentation === true,
    };
    settings = new SettingsSource(connection, !!caps.workspace?.configuration, init.settings, (m) => log.warn(m));
    configs = new ConfigFiles(trusted, (message, warning) => {
      if (warning) {
        log.warn(message);
        // A notification, not window/showMessageRequest: there is nothing to choose, so nothing should wait for an answer.
        void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message }).catch(() => undefined);
      } else log.info(message);
    });
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    configs.setFolders(folders);
    checking = new Checking(documents, settings, configs, log);
    status = new Status(connection);
    // Documents are taken from here on: an open or change before initialize is dropped, as LSP asks.
    documents.listen(connection);
    const pullMode = !!caps.textDocument?.diagnostic;
    if (pullMode) {
      pull = new PullDiagnostics(connection, checking, status);
      pull.register();
    } else {
      const pause = typeof init.typingPauseMs === 'number' && init.typingPauseMs >= 0 ? init.typingPauseMs : TYPING_PAUSE_MS;
      push = new PushDiagnostics(connection, checking, status, log, pause);
    }
    log.info(
      `Counting rules server ${packageVersion()}: ${pullMode ? 'pull' : 'push'} diagnostics, ${folders.length} workspace folder(s)${trusted ? '' : ', untrusted workspace (force trigger phrases not loaded)'}.`,
    );
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        ...(pullMode ? { diagnosticProvider: { identifier: DIAGNOSTIC_SOURCE, interFileDependencies: false, workspaceDiagnostics: false } } : {}),
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        hoverProvider: true,
        completionProvider: { triggerCharacters: TRIGGER_CHARACTERS, resolveProvider: true },
        documentSymbolProvider: { label: 'Incidents' },
        foldingRangeProvider: true,
        codeLensProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'counting-rules-server', version: packageVersion() },
    };
  });

  connection.onInitialized(() => {
    // These notifications come only once registered, from clients that
    // register dynamically. Other clients send them unasked or never; for
    // those a changed configuration file is read again when a log is opened.
    if (caps.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch(() => undefined);
    }
    if (caps.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: CONFIG_GLOB }] }).catch(() => undefined);
    }
    if (caps.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        configs.addFolders(
          e.added.map((f) => f.uri),
          e.removed.map((f) => f.uri),
        );
        refreshAll('workspace folders changed');
      });
    }
  });

  /** Configuration or settings changed: new Checkers where needed, and diagnostics again. */
  function refreshAll(why: string): void {
    checking!.configurationChanged();
    log.info(`Re-checking ${documents.keys().length} open document(s): ${why}.`);
    if (pull) {
      if (caps.workspace?.diagnostics?.refreshSupport) pull.refresh();
    } else {
      for (const uri of documents.keys()) push?.schedule(uri, 'refresh');
    }
    if (caps.workspace?.codeLens?.refreshSupport) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  }

  connection.onDidChangeConfiguration((params) => {
    if (!checking) return;
    settings.changed(params.settings);
    refreshAll('settings changed');
  });

  connection.onDidChangeWatchedFiles((params) => {
    if (!checking) return;
    const changed = params.changes.filter((c) => c.uri.endsWith('/' + CONFIG_FILE));
    if (!changed.length) return;
    configs.invalidate();
    refreshAll(`${changed.length} configuration file(s) changed`);
  });

  documents.onDidOpen((e) => {
    log.trace(`Opened ${displayName(e.document.uri)} v${e.document.version}`);
    if (!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration) configs.forgetDirectoryOf(e.document.uri);
    push?.schedule(e.document.uri, 'open');
  });
  documents.onDidChangeContent((e) => {
    checking!.changed(e.document.uri);
    push?.schedule(e.document.uri, 'change');
  });
  documents.onDidSave((e) => push?.schedule(e.document.uri, 'save'));
  documents.onDidClose((e) => {
    checking!.closed(e.document.uri);
    status.closed(e.document.uri);
    push?.closed(e.document.uri);
  });

  connection.onCodeAction((params, token) =>
    answer(params.textDocument.uri, token, [], (r) => {
      const doc = documents.get(params.textDocument.uri);
      return doc ? codeActions(params, doc, r, actionOptions, token) : [];
    }),
  );

  connection.onHover((params, token) =>
    answer(params.textDocument.uri, token, null, (r) => {
      const markdown = caps.textDocument?.hover?.contentFormat?.includes('markdown') ?? true;
      return r.lexicon ? hover(r, r.lexicon, params.position, markdown) : null;
    }),
  );

  connection.onCompletion((params, token) =>
    answer(params.textDocument.uri, token, [], (r) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc || !r.lexicon || !r.config) return [];
      return complete({ doc, position: params.position, report: r.report, lexicon: r.lexicon, config: r.config });
    }),
  );

  // Documentation does not depend on the force's trigger phrases, so the shipped lexicon serves.
  connection.onCompletionResolve((item) => resolveCompletion(item, getLexicon().lexicon));

  connection.onDocumentSymbol((params, token) =>
    answer(params.textDocument.uri, token, [], (r) => {
      if (!r.report) return [];
      return caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport
        ? documentSymbols(r.report)
        : symbolInformation(r.report, params.textDocument.uri);
    }),
  );

  connection.onFoldingRanges((params, token) => answer(params.textDocument.uri, token, [], (r) => (r.report ? foldingRanges(r.report) : [])));

  connection.onCodeLens((params, token) =>
    answer(params.textDocument.uri, token, [], (r) =>
      r.report && r.lexicon && r.settings.codeLens.enable ? codeLenses(r.report, r.lexicon) : [],
    ),
  );

  connection.onShutdown(() => {
    push?.dispose();
  });

  process.on('uncaughtException', (e) => log.error(`Uncaught exception: ${describeError(e)}`));
  process.on('unhandledRejection', (e) => log.error(`Unhandled rejection: ${describeError(e)}`));
}
