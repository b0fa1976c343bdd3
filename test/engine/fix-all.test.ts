/**
 * Fix-all re-checks after each pass, so a fix that reveals another finding
 * gets that one fixed too: applying it twice changes nothing the first time
 * did not, in the editor as on the command line.
 */
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits, Checker, fixAll } from '../../server/src/core';
import type { CheckResult } from '../../server/src/lsp/checking';
import { codeActions } from '../../server/src/lsp/code-actions';

const NOW = Date.UTC(2026, 10, 22, 10, 15);

// From the long fuzzing run (seed 7447929): the crime written "1O5A" is
// taken to cover the rape disclosed before it was recorded, until the code
// reads 105A (an assault); only then is the rape unrecorded.
const LOG = [
  'Incident SYK-21-0629-0830',
  'Received: 2021-06-29 08:30',
  'Opening: ROAD RAGE',
  'Reporter: victim',
  'Victim: V1 female, 47',
  'Suspect: S1 male, 50s',
  '',
  '08:30 CH5050: IP says a van driver opened her car door and shoved her back into her seat. No injury.',
  '09:40 CH1: she adds that he raped her when she was 12',
  '10:00 CRU01: crime recorded.',
  '',
  'Crime: 1O5A | victim V1 | recorded 2021-06-29 10:00 | ref 21/33890/SY',
  'Closing: ROAD RAGE - CRIME RECORDED',
  '',
].join('\n');

function editorFixAll(text: string): { text: string; title?: string } {
  const doc = TextDocument.create('file:///log.ilog', 'ilog', 1, text);
  const checker = new Checker();
  const report = checker.check(text);
  const result = { report, version: 1, config: checker.config } as unknown as CheckResult;
  const never = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };
  const params = { textDocument: { uri: doc.uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } };
  const [action] = codeActions(params, doc, result, { documentChanges: false, suppressionCommand: false, showDocumentation: false }, never, NOW);
  const edits = action?.edit?.changes?.[doc.uri] ?? [];
  return { text: TextDocument.applyEdits(doc, edits), title: action?.title };
}

describe('fix-all', () => {
  it('fixes what the first fixes reveal: the code, then the rape the wrong code hid', () => {
    const first = new Checker().check(LOG);
    assert.deepEqual(first.findings.map((f) => f.rule).sort(), ['unknown-code', 'unrecorded-offence']);
    const checker = new Checker();
    const done = fixAll((t) => checker.check(t), LOG, NOW);
    assert.equal(done.passes, 2);
    assert.match(done.text, /^Crime: 105A Assault without injury \| victim V1 \| recorded 2021-06-29 10:00/m);
    assert.match(done.text, /^Crime: 19E Rape of a female child under 13 \| victim V1 \| recorded 2026-11-22 10:15$/m);
    assert.deepEqual(done.report.findings.filter((f) => f.fixes?.some((x) => x.preferred)), []);
  });

  it('in the editor: one action with every fix, as edits on the lines that change, and nothing left to fix', () => {
    const once = editorFixAll(LOG);
    const checker = new Checker();
    assert.equal(once.text, fixAll((t) => checker.check(t), LOG, NOW).text);
    assert.match(once.title ?? '', /\(3\)$/);
    const before = LOG.split('\n');
    const after = once.text.split('\n');
    // Only the crime line changed, and lines were added before Closing.
    assert.deepEqual(after.slice(0, 11), before.slice(0, 11));
    assert.deepEqual(after.slice(-2), before.slice(-2));
    assert.equal(editorFixAll(once.text).title, undefined);
  });

  it('does not fire when there is nothing to fix', () => {
    const clean = applyEdits(LOG, []).replace('1O5A |', '105A Assault without injury |').replace('09:40 CH1: she adds that he raped her when she was 12\n', '');
    assert.deepEqual(new Checker().check(clean).findings, []);
    assert.equal(editorFixAll(clean).title, undefined);
    assert.equal(fixAll((t) => new Checker().check(t), clean, NOW).passes, 0);
  });
});
