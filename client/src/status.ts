/**
 * The language status item ({} in the status bar) for `.ilog` editors: the
 * edition of the rules, the findings and the check time of the log in the
 * active editor, as the server last reported them, or that the server has
 * stopped. The wording is in status-text.ts.
 */
import * as vscode from 'vscode';
import type { StatusParams } from '../../server/src/lsp/protocol';
import { describeStatus, type ServerState } from './status-text';

export class StatusItem implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  /** The last status per document URI (as the client sends URIs, so `Uri.toString()` matches). */
  private readonly latest = new Map<string, StatusParams>();
  private state: ServerState = 'starting';
  private readonly subscriptions: vscode.Disposable[];

  constructor(selector: vscode.DocumentSelector, private readonly restartCommand: string) {
    this.item = vscode.languages.createLanguageStatusItem('countingRules.status', selector);
    this.item.name = vscode.l10n.t('Counting Rules Guidance');
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.workspace.onDidCloseTextDocument((d) => this.latest.delete(d.uri.toString())),
    ];
    this.render();
  }

  update(status: StatusParams): void {
    this.latest.set(status.uri, status);
    this.render();
  }

  setState(state: ServerState): void {
    this.state = state;
    if (state === 'stopped') this.latest.clear();
    this.render();
  }

  private render(): void {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const view = describeStatus(uri === undefined ? undefined : this.latest.get(uri), this.state, vscode.l10n.t);
    this.item.text = view.text;
    this.item.detail = view.detail;
    this.item.busy = view.busy;
    this.item.severity = view.severity === 'error' ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
    this.item.command =
      this.state === 'stopped'
        ? { command: this.restartCommand, title: vscode.l10n.t('Restart server') }
        : { command: 'workbench.actions.view.problems', title: vscode.l10n.t('Show problems') };
  }

  dispose(): void {
    this.item.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
