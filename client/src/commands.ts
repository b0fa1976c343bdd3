/**
 * The extension's commands: the output channel, restarting the server, rule
 * documentation, a new incident from a template, the suppression directive
 * that the server's quick fixes ask the client to insert, and the audit
 * (audit.ts).
 */
import * as vscode from 'vscode';
import { RULES, isRuleId, ruleDocPath } from '../../server/src/core';
import { COMMANDS } from '../../server/src/lsp/protocol';
import { OPEN_LOG_COMMAND, auditWorkspace, openLog } from './audit';
import { dateStyleOf, incidentSnippet, placeForIncident, readSuppressionArgs, suppressionSnippet } from './snippets';

const t = vscode.l10n.t;

export const COMMAND_IDS = {
  showOutputChannel: 'countingRules.showOutputChannel',
  restartServer: 'countingRules.restartServer',
  showRuleDocumentation: COMMANDS.showRuleDocumentation,
  newIncident: 'countingRules.newIncident',
  insertSuppression: COMMANDS.insertSuppression,
  auditWorkspace: 'countingRules.auditWorkspace',
} as const;

/**
 * Opens docs/rules/<id>.md, shipped inside the extension, in the Markdown
 * preview: offline, and the same page whatever the workspace holds. Without
 * a rule id (from the Command Palette) it asks for one.
 */
async function showRuleDocumentation(extensionUri: vscode.Uri, arg: unknown): Promise<void> {
  let id = typeof arg === 'string' && isRuleId(arg) ? arg : undefined;
  if (!id) {
    const pick = await vscode.window.showQuickPick(
      RULES.map((r) => ({ label: r.id, description: r.title })),
      { placeHolder: t('Show the documentation of which rule?'), matchOnDescription: true },
    );
    id = pick?.label;
  }
  if (!id) return;
  // `id` is a known rule id (kebab-case), so the path cannot leave docs/rules.
  const page = vscode.Uri.joinPath(extensionUri, ...ruleDocPath(id).split('/'));
  try {
    await vscode.workspace.fs.stat(page);
  } catch {
    void vscode.window.showErrorMessage(t('There is no documentation page for the rule {0}.', id));
    return;
  }
  await vscode.commands.executeCommand('markdown.showPreviewToSide', page);
}

/**
 * Inserts a snippet starting in column 0. Line breaks that must come first
 * go in as plain text (in the same undo step), because VS Code indents a
 * snippet's later lines to match the text before the insertion point.
 */
async function insertOnOwnLine(editor: vscode.TextEditor, at: vscode.Position, breaks: string, snippet: string): Promise<void> {
  let start = at;
  if (breaks) {
    await editor.edit((b) => b.insert(at, breaks), { undoStopBefore: true, undoStopAfter: false });
    start = new vscode.Position(at.line + breaks.length, 0);
  }
  await editor.insertSnippet(new vscode.SnippetString(snippet), start, { undoStopBefore: !breaks, undoStopAfter: true });
}

/** Inserts a new incident in the active log, or in a new untitled log when none is active. */
async function newIncident(): Promise<void> {
  let editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId !== 'ilog') {
    const doc = await vscode.workspace.openTextDocument({ language: 'ilog', content: '' });
    editor = await vscode.window.showTextDocument(doc);
  }
  const doc = editor.document;
  const place = placeForIncident({ lineCount: doc.lineCount, lineText: (n) => doc.lineAt(n).text }, editor.selection.active.line);
  const body = incidentSnippet(
    {
      id: t('id'),
      opening: t('opening code'),
      victim: t('sex, age'),
      suspect: t('relationship to V1'),
      author: t('author'),
      text: t('what was reported'),
    },
    dateStyleOf(doc.getText()),
  );
  await insertOnOwnLine(editor, new vscode.Position(place.line, place.character), place.prefix, body);
}

/**
 * `countingRules.insertSuppression`, named by the server's "disable" quick
 * fixes: the directive goes in as its own line before `line`, with the
 * reason selected for typing, since a directive without one is itself
 * reported (an audit trail needs the reason).
 */
async function insertSuppression(arg: unknown): Promise<void> {
  const args = readSuppressionArgs(arg);
  if (!args) return;
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri));
  const editor = await vscode.window.showTextDocument(doc);
  const snippet = suppressionSnippet(args.text, t('reason'));
  if (args.line < doc.lineCount) await insertOnOwnLine(editor, new vscode.Position(args.line, 0), '', `${snippet}\n`);
  else await insertOnOwnLine(editor, doc.lineAt(doc.lineCount - 1).range.end, '\n', snippet);
}

export function registerCommands(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
  restart: () => Promise<void>,
): vscode.Disposable[] {
  const register = (id: string, run: (...args: unknown[]) => unknown) => vscode.commands.registerCommand(id, run);
  return [
    register(COMMAND_IDS.showOutputChannel, () => output.show()),
    register(COMMAND_IDS.restartServer, () => restart()),
    register(COMMAND_IDS.showRuleDocumentation, (id) => showRuleDocumentation(context.extensionUri, id)),
    register(COMMAND_IDS.newIncident, () => newIncident()),
    register(COMMAND_IDS.insertSuppression, (args) => insertSuppression(args)),
    register(COMMAND_IDS.auditWorkspace, () => auditWorkspace(output)),
    // Not contributed: only the audit report's links run it.
    register(OPEN_LOG_COMMAND, (...args) => openLog(...args)),
  ];
}
