/**
 * Code actions through the protocol: a quick fix applied by the test removes
 * its finding; fix-all applies only preferred fixes; suppressions as edits
 * or as the VS Code client's command; the documentation command.
 */
import * as assert from 'node:assert/strict';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol/node';
import { applyTextEdits, editsFor, LspClient, ofRule } from './lsp-client';
import { DOMESTIC, example } from './texts';

async function actionsFor(client: LspClient, uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return (await client.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range,
    context: { diagnostics, ...(only ? { only } : {}) },
  })) as CodeAction[];
}

describe('protocol: code actions', function () {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(() => client.kill());

  it('offers each fix as a quickfix; the preferred one, applied, removes the finding', async () => {
    const uri = 'file:///tmp/actions-fix.ilog';
    await client.open(uri, DOMESTIC);
    const d = ofRule((await client.pullFull(uri)).items, 'domestic-abuse-flag')[0];
    const actions = await actionsFor(client, uri, [d]);
    const fix = actions.find((a) => a.title === 'Add the DA flag')!;
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.isPreferred, true);
    assert.deepEqual(fix.diagnostics, [d]);
    const edit = fix.edit!.documentChanges![0] as { textDocument: { version: number } };
    assert.equal(edit.textDocument.version, 1, 'a versioned edit');
    const fixed = applyTextEdits(DOMESTIC, editsFor(fix.edit, uri));
    assert.match(fixed.split('\n')[11], /\| flags DA$/);
    await client.change(uri, 2, [{ text: fixed }]);
    const after = ofRule((await client.pullFull(uri)).items, 'domestic-abuse-flag');
    assert.deepEqual(after.map((x) => x.range.start.line), [12], 'only the other crime still lacks DA');
    await client.close(uri);
  });

  it('fills in the current time where a fix records one, and marks no preference where the core has none', async () => {
    const uri = 'file:///tmp/actions-now.ilog';
    await client.open(uri, DOMESTIC);
    const d = ofRule((await client.pullFull(uri)).items, 'missing-recorded-time')[0];
    const fix = (await actionsFor(client, uri, [d])).find((a) => a.title.startsWith("Add 'recorded'"))!;
    assert.equal(fix.isPreferred, undefined);
    const [e] = editsFor(fix.edit, uri);
    assert.match(e.newText, /^ \| recorded \d\d\/\d\d\/\d{4} \d\d:\d\d$/, 'UK date style, like Received');
    await client.close(uri);
  });

  it('source.fixAll.countingRules applies only preferred fixes, skipping overlaps', async () => {
    const uri = 'file:///tmp/actions-fixall.ilog';
    await client.open(uri, DOMESTIC);
    const items = (await client.pullFull(uri)).items;
    const actions = await actionsFor(client, uri, items, ['source.fixAll']);
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.countingRules');
    const fixed = applyTextEdits(DOMESTIC, editsFor(actions[0].edit, uri));
    const lines = fixed.split('\n');
    assert.match(lines[11], /\| flags DA$/);
    assert.equal(lines[12], 'Crime: 8U Controlling or coercive behaviour | victim V1 | flags DA', 'DA added; the non-preferred recorded-time fix not applied');
    await client.change(uri, 2, [{ text: fixed }]);
    const after = (await client.pullFull(uri)).items.map((x) => x.code);
    assert.deepEqual(after, ['missing-recorded-time']);
    await client.close(uri);
  });

  it('fix-all in a larger file takes the preferred crime and leaves the choices to the registrar', async () => {
    const uri = 'file:///tmp/actions-fixall-2.ilog';
    const text = example('recording-decisions.ilog');
    await client.open(uri, text);
    const actions = await actionsFor(client, uri, [], ['source']);
    const all = actions.find((a) => a.kind === 'source.fixAll.countingRules')!;
    const fixed = applyTextEdits(text, editsFor(all.edit, uri));
    assert.match(fixed, /^Crime: 8N Assault with injury \| victim V1 \| recorded \d{4}-\d\d-\d\d \d\d:\d\d$/m, 'the preferred 8N, ISO like its Received');
    assert.doesNotMatch(fixed, /^Crime: (8L|8Q|105A)/m, 'no candidate without a preference');
    assert.match(fixed, /\| informed no$/m, 'the reminder is not a preferred fix');
    await client.close(uri);
  });

  it('disables a rule for a line or an incident with a directive whose reason is left to the user', async () => {
    const uri = 'file:///tmp/actions-disable.ilog';
    const text = example('recording-decisions.ilog');
    await client.open(uri, text);
    const d = ofRule((await client.pullFull(uri)).items, 'late-recording')[0];
    const actions = await actionsFor(client, uri, [d]);
    const line = actions.find((a) => a.title === 'Disable late-recording for this line')!;
    const incident = actions.find((a) => a.title === 'Disable late-recording for this incident')!;
    assert.ok(line && incident);
    assert.ok(!actions.some((a) => a.title.startsWith('Show documentation')), 'no documentation command for a client that did not offer one');

    const [e] = editsFor(line.edit, uri);
    assert.deepEqual(e.range.start, { line: d.range.start.line, character: 0 });
    assert.equal(e.newText, '# counting-rules-disable-next-line late-recording -- \n');
    const suppressed = applyTextEdits(text, [e]);
    await client.change(uri, 2, [{ text: suppressed }]);
    const after = (await client.pullFull(uri)).items;
    assert.equal(ofRule(after, 'late-recording').length, 0, 'the finding is gone');
    assert.equal(ofRule(after, 'unexplained-disable').length, 1, 'and the empty reason is reported');

    const [ie] = editsFor(incident.edit, uri);
    const incidentLine = text.split('\n').indexOf('Incident WM-2018-0504-1630');
    assert.deepEqual(ie.range.start, { line: incidentLine + 1, character: 0 });
    assert.equal(ie.newText, '# counting-rules-disable late-recording -- \n');
    await client.close(uri);
  });

  it('puts the directive before a log entry when the finding is on a continuation line', async () => {
    const uri = 'file:///tmp/actions-continuation.ilog';
    const text = example('domestic-abuse.ilog');
    await client.open(uri, text);
    const d = ofRule((await client.pullFull(uri)).items, 'unrecorded-offence')[0];
    const entryLine = text.split('\n').findIndex((l) => l.startsWith('22:37 CH3108'));
    assert.equal(d.range.start.line, entryLine + 1, 'the trigger words sit on the continuation line');
    const action = (await actionsFor(client, uri, [d])).find((a) => a.title === 'Disable unrecorded-offence for this line')!;
    const [e] = editsFor(action.edit, uri);
    assert.equal(e.range.start.line, entryLine);
    const suppressed = applyTextEdits(text, [{ ...e, newText: '# counting-rules-disable-next-line unrecorded-offence -- test\n' }]);
    await client.change(uri, 2, [{ text: suppressed }]);
    assert.equal(ofRule((await client.pullFull(uri)).items, 'unrecorded-offence').length, 0);
    await client.close(uri);
  });

  it('keeps CRLF in a suppression directive', async () => {
    const uri = 'file:///tmp/actions-crlf.ilog';
    const text = example('recording-decisions.ilog').replace(/\n/g, '\r\n');
    await client.open(uri, text);
    const d = ofRule((await client.pullFull(uri)).items, 'late-recording')[0];
    const action = (await actionsFor(client, uri, [d])).find((a) => a.title === 'Disable late-recording for this line')!;
    assert.equal(editsFor(action.edit, uri)[0].newText, '# counting-rules-disable-next-line late-recording -- \r\n');
    await client.close(uri);
  });

  it('uses edits without documentChanges for a client that lacks them', async () => {
    const plain = await LspClient.start({ capabilities: { workspace: { workspaceEdit: { documentChanges: false } } } });
    try {
      const uri = 'file:///tmp/actions-changes.ilog';
      await plain.open(uri, DOMESTIC);
      const d = ofRule((await plain.pullFull(uri)).items, 'domestic-abuse-flag')[0];
      const fix = (await actionsFor(plain, uri, [d])).find((a) => a.isPreferred)!;
      assert.equal(fix.edit!.documentChanges, undefined);
      assert.equal(fix.edit!.changes![uri].length, 1);
    } finally {
      plain.kill();
    }
  });
});

describe('protocol: code actions for the VS Code client', function () {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ initializationOptions: { suppressionCommand: true, supportsShowDocumentation: true } });
  });
  after(() => client.kill());

  it('returns the suppression command and the documentation command', async () => {
    const uri = 'file:///tmp/vscode-actions.ilog';
    const text = example('recording-decisions.ilog');
    await client.open(uri, text);
    const d = ofRule((await client.pullFull(uri)).items, 'late-recording')[0];
    const actions = await actionsFor(client, uri, [d]);
    const line = actions.find((a) => a.title === 'Disable late-recording for this line')!;
    assert.equal(line.edit, undefined);
    assert.deepEqual(line.command, {
      title: 'Disable late-recording for this line',
      command: 'countingRules.insertSuppression',
      arguments: [{ uri, line: d.range.start.line, text: '# counting-rules-disable-next-line late-recording -- ' }],
    });
    const docs = actions.find((a) => a.title === 'Show documentation for late-recording')!;
    assert.deepEqual(docs.command, { title: 'Show documentation for late-recording', command: 'countingRules.showRuleDocumentation', arguments: ['late-recording'] });
    await client.close(uri);
  });
});
