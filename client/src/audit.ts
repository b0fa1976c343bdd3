/**
 * `countingRules.auditWorkspace`: the command-line tool's audit over the
 * workspace's saved .ilog files, shown as its HTML report in a webview. The
 * audit runs here in the extension host through the CLI's library
 * (server/src/cli/audit), so the figures are the ones `counting-rules audit`
 * prints. The webview runs no script and loads nothing (webview-html.ts);
 * its links open a log at a line through one allowed command.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { auditFiles } from '../../server/src/cli/audit';
import { auditPage, readLogLocation } from './webview-html';

const t = vscode.l10n.t;

/** The only command the report's links may run. */
export const OPEN_LOG_COMMAND = 'countingRules.openLog';

const workspaceRoots = () => (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);

/** Opens a log from a link in the report, at its line; only .ilog files inside the workspace. */
export async function openLog(...args: unknown[]): Promise<void> {
  const at = readLogLocation(args, workspaceRoots());
  if (!at) return;
  const position = new vscode.Position(at.line - 1, 0);
  await vscode.window.showTextDocument(vscode.Uri.file(at.file), { selection: new vscode.Range(position, position), viewColumn: vscode.ViewColumn.Beside });
}

export async function auditWorkspace(output: vscode.LogOutputChannel): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    // The audit reads each folder's .counting-rules.json whole, the force's own trigger phrases included.
    void vscode.window.showWarningMessage(t("Trust this workspace to audit it: the audit reads the force's own trigger phrases from .counting-rules.json."));
    return;
  }
  const roots = workspaceRoots();
  if (!roots.length) {
    void vscode.window.showInformationMessage(t('Open a folder of incident logs to audit it.'));
    return;
  }
  // findFiles honours files.exclude, as the Explorer does.
  const files = (await vscode.workspace.findFiles('**/*.ilog')).filter((u) => u.scheme === 'file').map((u) => u.fsPath);
  if (!files.length) {
    void vscode.window.showInformationMessage(t('There are no .ilog files in this workspace.'));
    return;
  }
  const cwd = roots[0];
  const audit = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: t('Auditing incident logs ({0})', files.length) },
    (progress) => {
      let done = 0;
      return auditFiles(files, {
        cwd,
        title: t('Crime recording audit: {0}', vscode.workspace.name ?? path.basename(cwd)),
        onProgress: (p) => {
          progress.report({ increment: ((p.filesDone - done) / files.length) * 100 });
          done = p.filesDone;
        },
        // A configuration problem names the file and the setting, never a log's text.
        onConfigProblem: (p) => output.warn(`${p.file}${p.path ? ` ${p.path}` : ''}: ${p.message}`),
      });
    },
  );
  for (const p of audit.problems) output.warn(`${p.path}: ${p.message}`);
  const panel = vscode.window.createWebviewPanel('countingRules.audit', audit.title, vscode.ViewColumn.Active, {
    enableScripts: false,
    enableCommandUris: [OPEN_LOG_COMMAND],
    enableFindWidget: true,
    localResourceRoots: [],
  });
  panel.webview.html = auditPage(audit, cwd, OPEN_LOG_COMMAND);
}
