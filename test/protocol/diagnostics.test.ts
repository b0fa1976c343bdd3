/**
 * Pull diagnostics through the protocol: the examples' expected findings,
 * what each diagnostic carries, "unchanged" answers, incremental edits and
 * cancellation.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { CancellationTokenSource, DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { applyTextEdits, editsFor, fileUri, LspClient, ofRule, ROOT } from './lsp-client';
import { DOMESTIC, example, exampleFiles, generatedDocument } from './texts';

const EXPECT = /^#\s*expect:\s*([a-z0-9-]+)((?:[ \t]+\S+)*)\s*$/;

interface Expected {
  id: string;
  startLine: number;
  endLine: number;
  findings: { rule: string; codes: string[] }[];
}

/** The `# expect:` annotations under each Incident line (examples/README.md). */
function expectations(text: string): Expected[] {
  const lines = text.split(/\r\n|\r|\n/);
  const out: Expected[] = [];
  lines.forEach((l, i) => {
    const m = /^Incident\s+(\S+)/.exec(l);
    if (m) {
      if (out.length) out[out.length - 1].endLine = i - 1;
      out.push({ id: m[1], startLine: i, endLine: lines.length - 1, findings: [] });
      return;
    }
    const e = EXPECT.exec(l);
    if (e && out.length && e[1] !== 'none') out[out.length - 1].findings.push({ rule: e[1], codes: e[2].trim() ? e[2].trim().split(/\s+/) : [] });
  });
  return out;
}

describe('protocol: pull diagnostics', function () {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ pull: true });
  });
  after(() => client.kill());

  it('declares pull diagnostics to a client that supports them', () => {
    const p = client.initializeResult.capabilities.diagnosticProvider;
    assert.ok(p, 'diagnosticProvider');
    assert.equal(typeof p === 'object' && 'interFileDependencies' in p && p.interFileDependencies, false);
  });

  for (const file of exampleFiles()) {
    it(`reports exactly the expected errors and warnings in examples/${file}`, async () => {
      const text = example(file);
      const uri = fileUri(path.join(ROOT, 'examples', file));
      await client.open(uri, text);
      const report = await client.pullFull(uri);
      const exp = expectations(text);
      assert.ok(exp.length > 0, 'the example has incidents');
      for (const inc of exp) {
        const inside = report.items.filter((d) => d.range.start.line >= inc.startLine && d.range.start.line <= inc.endLine);
        const got = inside.filter((d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning).map((d) => d.code as string);
        assert.deepEqual([...got].sort(), inc.findings.map((f) => f.rule).sort(), `incident ${inc.id}`);
        // Where the annotation names codes, one offered fix must use one of them.
        for (const f of inc.findings.filter((x) => x.codes.length)) {
          const d = inside.find((x) => x.code === f.rule)!;
          const actions = await client.connection.sendRequest('textDocument/codeAction', {
            textDocument: { uri },
            range: d.range,
            context: { diagnostics: [d], only: ['quickfix'] },
          });
          const texts = (actions as { title: string; edit?: Parameters<typeof editsFor>[0] }[]).flatMap((a) => [a.title, ...editsFor(a.edit, uri).map((e) => e.newText)]);
          assert.ok(
            f.codes.some((c) => texts.some((t) => new RegExp(`(^|\\s)${c.replace('/', '\\/')}(\\s|$)`).test(t))),
            `incident ${inc.id}: a fix for ${f.rule} uses one of ${f.codes.join(', ')}; offered: ${texts.join(' / ')}`,
          );
        }
      }
      await client.close(uri);
    });
  }

  it('fills in code, link, source, related information, and data holding only the version', async () => {
    const uri = 'file:///tmp/protocol-fields.ilog';
    const text = example('sexual-offences.ilog');
    await client.open(uri, text);
    const { items } = await client.pullFull(uri);
    for (const d of items) {
      assert.equal(d.source, 'counting-rules');
      assert.equal(typeof d.code, 'string');
      assert.equal(d.codeDescription?.href, new URL(`docs/rules/${d.code}.md`, fileUri(ROOT) + '/').href);
      assert.equal((d.data as { version: number }).version, 1);
    }
    const n100 = ofRule(items, 'n100-should-be-crime')[0];
    assert.ok(n100.relatedInformation?.length, 'related information');
    assert.equal(n100.relatedInformation![0].location.uri, uri);
    assert.match(n100.relatedInformation![0].message as string, /Rape disclosed here/);
    // Data stays small: the fixes are found again when code actions are asked for, not resent per keystroke.
    for (const d of items) assert.deepEqual(Object.keys(d.data as object), ['version']);
    await client.close(uri);
  });

  it('answers "unchanged" while the text is unchanged, and a new result after an edit', async () => {
    const uri = 'file:///tmp/protocol-unchanged.ilog';
    await client.open(uri, DOMESTIC);
    const first = await client.pullFull(uri);
    assert.ok(first.resultId);
    const again = await client.pull(uri, first.resultId);
    assert.deepEqual(again, { kind: 'unchanged', resultId: first.resultId });
    await client.change(uri, 2, [{ range: { start: { line: 0, character: 12 }, end: { line: 0, character: 12 } }, text: 'X' }]);
    const after = await client.pull(uri, first.resultId);
    assert.equal(after.kind, 'full');
    assert.notEqual(after.resultId, first.resultId);
    await client.close(uri);
  });

  it('follows incremental edits: multi-line insert and delete, and lines shifting', async () => {
    const uri = 'file:///tmp/protocol-incremental.ilog';
    const text = example('domestic-abuse.ilog');
    await client.open(uri, text);
    const before = (await client.pullFull(uri)).items;
    const unrecorded = ofRule(before, 'unrecorded-offence');
    assert.equal(unrecorded.length, 1);

    // Insert three comment lines at the top: every diagnostic moves down three lines.
    const top = '# one\n# two\n# three\n';
    await client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: top }]);
    const shifted = (await client.pullFull(uri)).items;
    assert.deepEqual(
      shifted.map((d) => [d.code, d.range.start.line, d.range.start.character]),
      before.map((d) => [d.code, d.range.start.line + 3, d.range.start.character]),
    );

    // Record the missing crime by typing a multi-line insertion inside the first incident.
    const closingLine = text.split('\n').indexOf('Closing: DOMESTIC - ADVICE GIVEN') + 3;
    const insert = 'Crime: 9A Public fear, alarm or distress | victim V1\n    | recorded 12/04/2018 23:40 | flags DA\n';
    // The continuation line is not allowed after a decision: first a syntax error appears...
    await client.change(uri, 3, [{ range: { start: { line: closingLine, character: 0 }, end: { line: closingLine, character: 0 } }, text: insert }]);
    const broken = (await client.pullFull(uri)).items;
    assert.equal(ofRule(broken, 'syntax').length, 1);
    assert.equal(ofRule(broken, 'syntax')[0].range.start.line, closingLine + 1);
    // ...then joining the two lines (a delete across the line break) makes one valid decision.
    await client.change(uri, 4, [{ range: { start: { line: closingLine, character: insert.indexOf('\n') }, end: { line: closingLine + 1, character: 4 } }, text: ' ' }]);
    const fixed = (await client.pullFull(uri)).items;
    assert.equal(ofRule(fixed, 'syntax').length, 0);
    assert.equal(ofRule(fixed, 'unrecorded-offence').length, 0, 'the recorded crime answers the disclosure');

    // Delete the inserted line and the three comment lines: back to the original diagnostics.
    await client.change(uri, 5, [
      { range: { start: { line: closingLine, character: 0 }, end: { line: closingLine + 1, character: 0 } }, text: '' },
      { range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } }, text: '' },
    ]);
    const restored = (await client.pullFull(uri)).items;
    assert.deepEqual(
      restored.map((d) => [d.code, d.range, d.message]),
      before.map((d) => [d.code, d.range, d.message]),
    );
    await client.close(uri);
  });

  it('cancels a pull request the client cancelled', async () => {
    const big = 'file:///tmp/protocol-big.ilog';
    const small = 'file:///tmp/protocol-small.ilog';
    await client.open(big, generatedDocument(400));
    await client.open(small, DOMESTIC);
    // The first pull checks 400 incidents afresh; the second, and its cancellation, arrive meanwhile.
    const slow = client.pull(big);
    const source = new CancellationTokenSource();
    const cancelledPull = client.pull(small, undefined, source.token);
    source.cancel();
    const [slowResult, cancelledResult] = await Promise.allSettled([slow, cancelledPull]);
    assert.equal(slowResult.status, 'fulfilled');
    assert.equal(cancelledResult.status, 'rejected');
    assert.equal((cancelledResult as PromiseRejectedResult).reason.code, -32800, 'RequestCancelled');
    // The client must be free to ask again (told not to, vscode-languageclient drops its own planned re-pull).
    assert.deepEqual((cancelledResult as PromiseRejectedResult).reason.data, { retriggerRequest: true });
    // The server is still answering.
    assert.equal((await client.pullFull(small)).kind, 'full');
    await client.close(big);
    await client.close(small);
  });

  it('re-analyses only the edited incident, and everything after a configuration change', async () => {
    const uri = 'file:///tmp/protocol-cache.ilog';
    const text = generatedDocument(40);
    await client.open(uri, text);
    await client.connection.sendNotification('$/setTrace', { value: 'messages' });
    const analysed = async (from: number) =>
      (await client.waitFor<{ message: string }>('$/logTrace', (p) => p.message.startsWith('protocol-cache.ilog'), from)).message.match(/\((\d+) analysed\)/)![1];
    let from = client.received.length;
    await client.pullFull(uri);
    assert.equal(await analysed(from), '40');
    const line = text.split('\n').findIndex((l) => l.startsWith('22:51 PC4720'));
    from = client.received.length;
    await client.change(uri, 2, [{ range: { start: { line, character: 6 }, end: { line, character: 6 } }, text: 'x' }]);
    await client.pullFull(uri);
    assert.equal(await analysed(from), '1', 'the document keeps its Checker and its cache');
    client.settings = { rules: { 'late-recording': 'error' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    from = client.received.length;
    await client.pullFull(uri);
    assert.equal(await analysed(from), '40', 'a new Checker for the new configuration');
    client.settings = {};
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.connection.sendNotification('$/setTrace', { value: 'off' });
    await client.close(uri);
  });

  it('sends countingRules/status after a check', async () => {
    const uri = 'file:///tmp/protocol-status.ilog';
    const from = client.received.length;
    await client.open(uri, DOMESTIC);
    await client.pullFull(uri);
    const status = await client.waitFor<{ uri: string; findings: Record<string, number>; checkMs: number; edition: string }>(
      'countingRules/status',
      (p) => p.uri === uri,
      from,
    );
    assert.deepEqual(status.findings, { error: 1, warning: 2, information: 0, hint: 0 });
    assert.equal(typeof status.checkMs, 'number');
    assert.equal(status.edition, '2018-04');
    await client.close(uri);
  });

  it('gives a document over maxFileSizeMB one information diagnostic and does not check it', async () => {
    client.settings = { maxFileSizeMB: 0.0001 };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const uri = 'file:///tmp/protocol-large.ilog';
    await client.open(uri, DOMESTIC);
    const { items } = await client.pullFull(uri);
    assert.equal(items.length, 1);
    assert.equal(items[0].severity, DiagnosticSeverity.Information);
    assert.match(items[0].message as string, /not checked/);
    client.settings = {};
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const again = await client.pullFull(uri);
    assert.ok(again.items.length > 1);
    await client.close(uri);
  });

  it('keeps the file\u2019s line endings in a fix applied to a CRLF document', async () => {
    const uri = 'file:///tmp/protocol-crlf.ilog';
    const text = example('domestic-abuse.ilog').replace(/\r?\n/g, '\r\n');
    await client.open(uri, text);
    const d: Diagnostic = ofRule((await client.pullFull(uri)).items, 'unrecorded-offence')[0];
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d] },
    })) as { title: string; isPreferred?: boolean; edit?: Parameters<typeof editsFor>[0] }[];
    const fix = actions.find((a) => a.isPreferred)!;
    assert.match(fix.title, /9A/);
    const edits = editsFor(fix.edit, uri);
    assert.ok(edits.some((e) => e.newText.endsWith('\r\n')), 'the inserted line ends in CRLF');
    const fixed = applyTextEdits(text, edits);
    assert.equal(/(^|[^\r])\n/.test(fixed), false, 'no bare LF in the fixed text');
    await client.change(uri, 2, [{ text: fixed }]);
    const after = (await client.pullFull(uri)).items;
    assert.equal(ofRule(after, 'unrecorded-offence').length, 0);
    await client.close(uri);
  });
});
