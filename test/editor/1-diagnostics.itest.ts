/**
 * In the editor: the extension activates on a log, and each example log
 * gets exactly the findings its `# expect:` lines name (examples/README.md),
 * as diagnostics VS Code holds, with the codes named there offered by the
 * quick fixes VS Code collects for them.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension,
  closeAllEditors,
  codeActions,
  describeDiagnostics,
  exampleUri,
  incidentAt,
  openLog,
  readAnnotations,
  ruleOf,
  scratchCopy,
  waitForDiagnostics,
} from './helpers';

const EXAMPLES = ['domestic-abuse.ilog', 'recording-decisions.ilog', 'sexual-offences.ilog'];

describe('VS Code: the extension and the example logs', () => {
  after(closeAllEditors);

  // The log that starts the extension is a copy of its own, so that the examples below are opened afresh.
  let first: vscode.Uri;

  it('activates on an .ilog document and registers its commands', async () => {
    first = scratchCopy('domestic-abuse.ilog', 'first');
    await openLog(first);
    const ext = await activateExtension();
    assert.ok(ext.isActive);
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['countingRules.showOutputChannel', 'countingRules.restartServer', 'countingRules.showRuleDocumentation', 'countingRules.newIncident', 'countingRules.insertSuppression', 'countingRules.auditWorkspace']) {
      assert.ok(commands.includes(c), `command ${c} is not registered`);
    }
  });

  it('the log whose opening started the extension gets its diagnostics', async () => {
    // The usual start: a log is opened, which activates the extension, so the
    // log is already open when the language client starts and makes its
    // first pull. (The server's answer to a pull cancelled by its own
    // refresh must let the client ask again, or this log stays without
    // diagnostics until it is edited.)
    const ds = await waitForDiagnostics(first, (all) => all.some((d) => ruleOf(d) === 'unrecorded-offence'), 'the unrecorded-offence finding', 15_000);
    assert.deepEqual(ds.map(ruleOf), ['unrecorded-offence']);
  });

  for (const name of EXAMPLES) {
    it(`${name}: exactly the findings its # expect: lines name, with the codes they name offered as fixes`, async () => {
      const uri = exampleUri(name);
      const { doc } = await openLog(uri);
      const annotated = readAnnotations(doc.getText());
      const wanted = annotated.expected;
      assert.ok(wanted.length > 0, `${name} has no # expect: lines`);
      // The examples are compared on errors and warnings (examples/README.md).
      const counted = (d: vscode.Diagnostic) => d.severity === vscode.DiagnosticSeverity.Error || d.severity === vscode.DiagnosticSeverity.Warning;
      const ds = (await waitForDiagnostics(uri, (all) => all.filter(counted).length >= wanted.length, `${wanted.length} findings`)).filter(counted);

      const key = (incident: string, rule: string) => `${incident} ${rule}`;
      const got = ds.map((d) => key(incidentAt(annotated, d.range.start.line), ruleOf(d))).sort();
      const want = wanted.map((e) => key(e.incident, e.rule)).sort();
      assert.deepEqual(got, want, `${name}: diagnostics ${describeDiagnostics(ds)}`);

      for (const d of ds) {
        assert.equal(d.source, 'counting-rules');
        assert.ok(!d.range.isEmpty, `${ruleOf(d)} has an empty range`);
        assert.ok(d.message.length > 20, `${ruleOf(d)} has no real message`);
        const code = d.code;
        assert.ok(typeof code === 'object' && code !== null && code.target instanceof vscode.Uri, `${ruleOf(d)} should link to its rule's documentation`);
        assert.match(code.target.toString(), new RegExp(`${ruleOf(d)}\\.md`));
      }

      // Where the annotation names codes, one of the quick fixes VS Code offers for the finding uses one of them.
      for (const e of wanted.filter((x) => x.codes.length)) {
        const d = ds.find((x) => ruleOf(x) === e.rule && incidentAt(annotated, x.range.start.line) === e.incident)!;
        // The fixes for the diagnostic at its range (VS Code's command does not return which diagnostic an action is for).
        const actions = await codeActions(uri, d.range, vscode.CodeActionKind.QuickFix.value);
        const titles = actions.filter((a) => a.edit).map((a) => a.title);
        assert.ok(
          titles.some((t) => e.codes.some((c) => new RegExp(`\\b${c}\\b`).test(t))),
          `${e.incident} ${e.rule}: no fix offers ${e.codes.join(' or ')}; fixes: ${titles.join(' | ') || '(none)'}`,
        );
      }
    });
  }
});
