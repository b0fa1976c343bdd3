/**
 * What the extension adds beyond diagnostics and fixes, in the editor:
 * suppression from the lightbulb, the commands (new incident, rule
 * documentation, workspace audit) and the force's configuration file taking
 * effect without a restart. Every wait is for an event or a state, never a
 * fixed time.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, openLog, ruleOf, scratchCopy, waitForDiagnostics, waitForText, WAIT_MS, workspaceDir } from './helpers';

/** Resolves once some open tab satisfies `ok`, checking now and on every change to the tabs. */
function waitForTab(ok: (tab: vscode.Tab) => boolean, what: string): Promise<vscode.Tab> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const find = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find(ok);
    const check = () => {
      const tab = !settled && find();
      if (!tab) return;
      settled = true;
      cleanup();
      resolve(tab);
    };
    const sub = vscode.window.tabGroups.onDidChangeTabs(check);
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      cleanup();
      reject(new Error(`timed out after ${WAIT_MS} ms waiting for ${what}; tabs: ${vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label).join(', ')}`));
    }, WAIT_MS);
    function cleanup() {
      sub.dispose();
      clearTimeout(timer);
    }
    check();
  });
}

/** Closes the tabs that satisfy `ok` as they are now (a tab object goes stale when its editor changes, e.g. a preview that titles itself). */
async function closeTabs(ok: (tab: vscode.Tab) => boolean): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter(ok);
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
}

describe('VS Code: suppressions, commands and configuration', function () {
  this.timeout(120_000);

  before(async () => {
    await activateExtension();
  });

  it('"Disable ... for this line" from the lightbulb inserts the directive with a reason to fill in, and the finding goes', async () => {
    const uri = scratchCopy('domestic-abuse.ilog', 'suppress');
    const { doc } = await openLog(uri);
    const ds = await waitForDiagnostics(uri, (all) => all.some((d) => ruleOf(d) === 'unrecorded-offence'), 'the unrecorded-offence finding');
    const target = ds.find((d) => ruleOf(d) === 'unrecorded-offence')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, target.range);
    const disable = actions.find((a) => /Disable unrecorded-offence for this line/.test(a.title));
    assert.ok(disable, `no "Disable ... for this line" among: ${actions.map((a) => a.title).join(' / ')}`);
    assert.ok(disable.command, 'the disable action runs a command (it inserts a snippet)');
    await vscode.commands.executeCommand(disable.command.command, ...(disable.command.arguments ?? []));
    const text = await waitForText(doc, (t) => /^# counting-rules-disable-next-line unrecorded-offence -- \S/m.test(t), 'the directive');
    const directive = text.split(/\r?\n/).findIndex((l) => l.startsWith('# counting-rules-disable-next-line unrecorded-offence'));
    assert.equal(doc.lineAt(directive + 1).text.trimStart().length > 0, true, 'the directive stands right above the line it disables');
    await waitForDiagnostics(uri, (ds) => !ds.some((d) => ruleOf(d) === 'unrecorded-offence'), 'the finding to go');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('New Incident from Template inserts an incident in the log\u2019s own date style', async () => {
    const uri = scratchCopy('recording-decisions.ilog', 'new-incident');
    const { doc, editor } = await openLog(uri);
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    editor.selection = new vscode.Selection(end, end);
    const before = doc.getText().split(/\r?\n/).filter((l) => /^Incident /.test(l)).length;
    await vscode.commands.executeCommand('countingRules.newIncident');
    const text = await waitForText(doc, (t) => t.split(/\r?\n/).filter((l) => /^Incident /.test(l)).length === before + 1, 'a new Incident line');
    const added = text.slice(text.lastIndexOf('\nIncident '));
    assert.match(added, /\nReceived: \d\d\/\d\d\/\d{4} \d\d:\d\d/, `the template's Received: is in the log's UK date style:\n${added}`);
    assert.match(added, /\nVictim: V1 /);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('Show Rule Documentation opens the rule\u2019s page from inside the extension', async () => {
    await vscode.commands.executeCommand('countingRules.showRuleDocumentation', 'late-recording');
    const tab = await waitForTab((t) => /late-recording/.test(t.label), 'the late-recording page');
    assert.ok(tab.input instanceof vscode.TabInputWebview || tab.input instanceof vscode.TabInputText, `the page opened as ${String(tab.label)}`);
    await closeTabs((t) => /late-recording/.test(t.label));
  });

  it('Audit Workspace opens the audit report in a webview', async () => {
    assert.equal(vscode.workspace.isTrusted, true, 'the test workspace is trusted');
    await vscode.commands.executeCommand('countingRules.auditWorkspace');
    const tab = await waitForTab((t) => t.input instanceof vscode.TabInputWebview && /countingRules\.audit$/.test(t.input.viewType), 'the audit webview');
    assert.match(tab.label, /audit/i);
    await closeTabs((t) => t.input instanceof vscode.TabInputWebview && /countingRules\.audit$/.test(t.input.viewType));
  });

  it('a .counting-rules.json that turns a rule off applies at once, and removing it brings the rule back, without a restart', async () => {
    const uri = scratchCopy('domestic-abuse.ilog', 'config');
    await openLog(uri);
    await waitForDiagnostics(uri, (ds) => ds.some((d) => ruleOf(d) === 'unrecorded-offence'), 'the unrecorded-offence finding');
    const config = path.join(path.dirname(uri.fsPath), '.counting-rules.json');
    fs.writeFileSync(config, JSON.stringify({ rules: { 'unrecorded-offence': 'off' } }, null, 2) + '\n');
    try {
      await waitForDiagnostics(uri, (ds) => !ds.some((d) => ruleOf(d) === 'unrecorded-offence'), 'the rule turned off by .counting-rules.json');
    } finally {
      fs.rmSync(config, { force: true });
    }
    await waitForDiagnostics(uri, (ds) => ds.some((d) => ruleOf(d) === 'unrecorded-offence'), 'the rule back once the file is gone');
    assert.ok(fs.existsSync(path.join(workspaceDir(), 'domestic-abuse.ilog')), 'the workspace copy is untouched');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
