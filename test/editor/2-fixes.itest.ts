/**
 * In the editor: quick fixes and fix-all as VS Code runs them. Each test
 * edits its own copy of an example (helpers.scratchCopy), applies the code
 * action VS Code collects, saves, reads the file back from disk, and waits
 * for the server's new diagnostics: the finding is gone, and the crime the
 * fix recorded now (years after the report) is reported as late, which
 * shows that the saved text was checked again.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension,
  assertRecentTime,
  closeAllEditors,
  codeActions,
  describeDiagnostics,
  FIX_ALL,
  lines,
  onDisk,
  openLog,
  ruleOf,
  scratchCopy,
  waitForDiagnostics,
  waitForText,
} from './helpers';

/** `Crime: <code> <title> | victim V1 | recorded <now>[ | flags DA]`, as a fix writes it. */
function crimeLine(code: string, title: string, flags = ''): RegExp {
  const esc = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^Crime: ${code} ${esc} \\| victim V1 \\| recorded (\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}|\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2})${flags ? ` \\| flags ${flags}` : ''}$`);
}

/**
 * `after` is `before` with `inserted` lines put in at the given (0-based, in
 * `before`) line numbers, and `replaced` lines changed; each new line matches
 * its pattern. Returns the recorded times.
 */
function assertEdited(before: string, after: string, changes: { at: number; line: RegExp; replace?: boolean }[], started: number): void {
  const b = lines(before);
  const a = lines(after);
  const expected: (string | RegExp)[] = [...b];
  for (const c of [...changes].sort((x, y) => y.at - x.at)) expected.splice(c.at, c.replace ? 1 : 0, c.line);
  assert.equal(a.length, expected.length, `the saved file has ${a.length} lines, expected ${expected.length}`);
  expected.forEach((e, i) => {
    if (typeof e === 'string') assert.equal(a[i], e, `line ${i + 1} of the saved file`);
    else {
      const m = e.exec(a[i]);
      assert.ok(m, `line ${i + 1} of the saved file: '${a[i]}' does not match ${e}`);
      assertRecentTime(m[1], started);
    }
  });
}

describe('VS Code: quick fixes and fix-all, applied and saved', () => {
  before(activateExtension);
  afterEach(closeAllEditors);

  it('a quick fix from vscode.executeCodeActionProvider records the crime; saved, the finding is gone', async () => {
    const started = Date.now();
    const uri = scratchCopy('domestic-abuse.ilog', 'quick-fix');
    const before = onDisk(uri);
    const { doc } = await openLog(uri);
    const [d] = await waitForDiagnostics(uri, (ds) => ds.some((x) => ruleOf(x) === 'unrecorded-offence'), 'unrecorded-offence').then((ds) =>
      ds.filter((x) => ruleOf(x) === 'unrecorded-offence'),
    );
    assert.equal(d.range.start.line, 17, 'the finding is on the words of the threat');
    assert.equal(doc.getText(d.range), 'shouting that he will batter');

    const actions = await codeActions(uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    const fix = actions.find((a) => a.title === 'Record 9A Public fear, alarm or distress for V1 (DA)');
    assert.ok(fix, `no 'Record 9A' fix among: ${titles.join(' | ')}`);
    assert.equal(fix.isPreferred, true, 'the facts settle the choice, so the fix is preferred');
    assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind));
    assert.ok(fix.edit, 'the fix carries its edit');
    // The suppression actions go through the client's own command.
    assert.ok(titles.includes('Disable unrecorded-offence for this line'), `no suppression action among: ${titles.join(' | ')}`);

    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the edit did not apply');
    assert.ok(doc.isDirty);
    assert.ok(await doc.save(), 'the document did not save');
    assertEdited(before, onDisk(uri), [{ at: 21, line: crimeLine('9A', 'Public fear, alarm or distress', 'DA') }], started);

    const after = await waitForDiagnostics(
      uri,
      (ds) => !ds.some((x) => ruleOf(x) === 'unrecorded-offence') && ds.some((x) => ruleOf(x) === 'late-recording' && x.range.start.line === 21),
      'the finding gone and the new crime checked',
    );
    assert.deepEqual(
      after.filter((x) => x.severity <= vscode.DiagnosticSeverity.Warning).map(ruleOf),
      ['late-recording'],
      describeDiagnostics(after),
    );
  });

  it(`fix-all (${FIX_ALL}) from vscode.executeCodeActionProvider applies every preferred fix`, async () => {
    const started = Date.now();
    const uri = scratchCopy('sexual-offences.ilog', 'fix-all');
    const before = onDisk(uri);
    const { doc } = await openLog(uri);
    await waitForDiagnostics(uri, (ds) => ds.filter((x) => ruleOf(x) === 'missing-n100').length === 2, 'two missing-n100 findings');
    const whole = new vscode.Range(0, 0, doc.lineCount, 0);
    const actions = await codeActions(uri, whole, FIX_ALL);
    assert.equal(actions.length, 1, `expected one fix-all action, got: ${actions.map((a) => a.title).join(' | ')}`);
    const [all] = actions;
    assert.equal(all.title, 'Apply all preferred counting-rules fixes (3)');
    assert.equal(all.kind?.value, FIX_ALL);
    assert.ok(all.edit && (await vscode.workspace.applyEdit(all.edit)), 'the fix-all edit did not apply');
    assert.ok(await doc.save());
    const rape = (line: number, replace = false) => ({ at: line, line: crimeLine('19C', 'Rape of a female aged 16 and over'), replace });
    // The two unrecorded rapes get a crime before Closing; the N100 that should have been a crime is replaced by one.
    assertEdited(before, onDisk(uri), [rape(23), rape(41, true), rape(63)], started);

    const after = await waitForDiagnostics(
      uri,
      (ds) => !ds.some((x) => ['missing-n100', 'n100-should-be-crime'].includes(ruleOf(x))) && ds.filter((x) => ruleOf(x) === 'late-recording').length === 3,
      'the rape findings gone and the three new crimes checked',
    );
    assert.deepEqual(after.filter((x) => x.severity <= vscode.DiagnosticSeverity.Warning).map(ruleOf), ['late-recording', 'late-recording', 'late-recording'], describeDiagnostics(after));
  });

  it('fix-all through the editor command editor.action.sourceAction', async () => {
    const started = Date.now();
    const uri = scratchCopy('recording-decisions.ilog', 'source-action');
    const before = onDisk(uri);
    const { doc } = await openLog(uri);
    await waitForDiagnostics(uri, (ds) => ds.some((x) => ruleOf(x) === 'unrecorded-offence'), 'unrecorded-offence');
    const changed = waitForText(doc, (t) => t.includes('Crime: 8N Assault with injury | victim V1 | recorded 20'), 'the fix-all edit');
    await vscode.commands.executeCommand('editor.action.sourceAction', { kind: FIX_ALL, apply: 'first' });
    await changed;
    assert.ok(await doc.save());
    // The one preferred fix in this log: record the assault on the vulnerable adult before Closing.
    assertEdited(before, onDisk(uri), [{ at: 41, line: crimeLine('8N', 'Assault with injury') }], started);
    await waitForDiagnostics(
      uri,
      (ds) => !ds.some((x) => ruleOf(x) === 'unrecorded-offence') && ds.some((x) => ruleOf(x) === 'late-recording' && x.range.start.line === 41),
      'unrecorded-offence gone and the new crime checked',
    );
  });

  it('fix-all on save, with editor.codeActionsOnSave', async () => {
    const started = Date.now();
    const uri = scratchCopy('domestic-abuse.ilog', 'on-save');
    const before = onDisk(uri);
    const config = vscode.workspace.getConfiguration('editor', { languageId: 'ilog' });
    await config.update('codeActionsOnSave', { [FIX_ALL]: 'explicit' }, vscode.ConfigurationTarget.Workspace, true);
    try {
      const { doc, editor } = await openLog(uri);
      await waitForDiagnostics(uri, (ds) => ds.some((x) => ruleOf(x) === 'unrecorded-offence'), 'unrecorded-offence');
      // An edit of the user's, so there is something to save: a blank line at the end.
      await editor.edit((b) => b.insert(new vscode.Position(doc.lineCount, 0), '\n'));
      await vscode.commands.executeCommand('workbench.action.files.save');
      await waitForText(doc, (t) => /^Crime: 9A /m.test(t), 'the fix applied on save');
      // The save participant ran before the write, so the file on disk has the fix.
      await waitForDiagnostics(uri, (ds) => !ds.some((x) => ruleOf(x) === 'unrecorded-offence'), 'unrecorded-offence gone');
      assert.equal(doc.isDirty, false, 'the fixed text was saved');
      assertEdited(before + '\n', onDisk(uri), [{ at: 21, line: crimeLine('9A', 'Public fear, alarm or distress', 'DA') }], started);
    } finally {
      await config.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace, true);
    }
  });

  it('a fix in a CRLF file keeps CRLF line endings, the inserted line included', async () => {
    const started = Date.now();
    const uri = scratchCopy('domestic-abuse.ilog', 'crlf', (t) => t.replace(/\r?\n/g, '\r\n'));
    const before = onDisk(uri);
    assert.ok(before.includes('\r\n') && !/[^\r]\n/.test(before), 'the copy is CRLF');
    const { doc } = await openLog(uri);
    assert.equal(doc.eol, vscode.EndOfLine.CRLF);
    const [d] = (await waitForDiagnostics(uri, (ds) => ds.some((x) => ruleOf(x) === 'unrecorded-offence'), 'unrecorded-offence')).filter(
      (x) => ruleOf(x) === 'unrecorded-offence',
    );
    const fix = (await codeActions(uri, d.range, vscode.CodeActionKind.QuickFix.value)).find((a) => a.title.startsWith('Record 9A'));
    assert.ok(fix?.edit);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.ok(await doc.save());
    const saved = onDisk(uri);
    assert.equal(saved.split('\r\n').length, before.split('\r\n').length + 1, 'one line added');
    assert.doesNotMatch(saved, /[^\r]\n|\r(?!\n)/, 'a line ending other than CRLF in the saved file');
    assertEdited(before, saved, [{ at: 21, line: crimeLine('9A', 'Public fear, alarm or distress', 'DA') }], started);
    await waitForDiagnostics(uri, (ds) => !ds.some((x) => ruleOf(x) === 'unrecorded-offence') && ds.some((x) => ruleOf(x) === 'late-recording'), 'the finding gone');
  });
});
