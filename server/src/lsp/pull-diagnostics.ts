/**
 * Pull diagnostics (LSP 3.17 `textDocument/diagnostic`) for clients that
 * declare them (VS Code). The client asks after each change and cancels a
 * request whose document changed again; the handler lets the connection
 * take in any waiting cancellation before it checks, and checks the token
 * again before answering. A document whose text and configuration are
 * unchanged since the client's `previousResultId` is answered "unchanged".
 */
import {
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Connection,
  type DiagnosticServerCancellationData,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import type { Checking } from './checking';
import type { Status } from './status';

/** Lets messages already received (a `$/cancelRequest`, a newer change) be handled first. */
function yieldToConnection(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * The client cancelled the request (an edit, a refresh, a configuration
 * change). `retriggerRequest: true` lets vscode-languageclient pull again once,
 * for the document's latest version: told `false`, it drops even the re-pull
 * it had planned itself, and a document opened while the client was starting
 * would get no diagnostics until it was edited.
 */
function cancelled(): ResponseError<DiagnosticServerCancellationData> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled', { retriggerRequest: true });
}

export class PullDiagnostics {
  constructor(
    private readonly connection: Connection,
    private readonly checking: Checking,
    private readonly status: Status,
  ) {}

  register(): void {
    this.connection.languages.diagnostics.on((params, token) => this.diagnose(params, token));
  }

  /** Asks the client to pull again (configuration changed). */
  refresh(): void {
    void this.connection.languages.diagnostics.refresh().catch(() => undefined);
  }

  private async diagnose(params: DocumentDiagnosticParams, token: CancellationToken): Promise<DocumentDiagnosticReport | ResponseError<DiagnosticServerCancellationData>> {
    await yieldToConnection();
    if (token.isCancellationRequested) return cancelled();
    const result = await this.checking.current(params.textDocument.uri);
    if (token.isCancellationRequested) return cancelled();
    if (!result) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    if (params.previousResultId === result.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: result.resultId };
    this.status.announce(result);
    return { kind: DocumentDiagnosticReportKind.Full, resultId: result.resultId, items: result.diagnostics };
  }
}
