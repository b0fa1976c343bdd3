/**
 * The `countingRules/status` notification: after each check that delivers
 * diagnostics, the counts by severity, how long the check took and the
 * edition of the rules, for the VS Code language status item.
 */
import { NotificationType, type Connection } from 'vscode-languageserver/node';
import type { CheckResult } from './checking';
import { STATUS_NOTIFICATION, type StatusParams } from './protocol';

const StatusNotification = new NotificationType<StatusParams>(STATUS_NOTIFICATION);

export class Status {
  /** The last result announced per document, so a re-delivered result is not announced twice. */
  private readonly sent = new Map<string, CheckResult>();

  constructor(private readonly connection: Connection) {}

  announce(result: CheckResult): void {
    if (this.sent.get(result.uri) === result) return;
    this.sent.set(result.uri, result);
    const params: StatusParams = {
      uri: result.uri,
      findings: result.counts,
      checkMs: Math.round(result.ms * 100) / 100,
      edition: result.edition,
    };
    void this.connection.sendNotification(StatusNotification, params).catch(() => undefined);
  }

  closed(uri: string): void {
    this.sent.delete(uri);
  }
}
