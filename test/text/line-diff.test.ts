/**
 * diffEdits: the edits that turn one text into another, applied as an LSP
 * client applies them, give exactly the other text; they touch only what
 * changed; they never split a CRLF.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { diffEdits } from '../../server/src/core';

const apply = (before: string, after: string, anchor?: (l: string) => boolean) => {
  const doc = TextDocument.create('file:///x.ilog', 'ilog', 1, before);
  return TextDocument.applyEdits(doc, diffEdits(before, after, anchor));
};
const isIncident = (l: string) => /^Incident\b/.test(l);

/** Every position names a character of `before` (no clamping needed), and the edits run in order without overlapping. */
function assertValid(before: string, edits: ReturnType<typeof diffEdits>): void {
  const lines = before.split(/\r\n|\r|\n/);
  let prev = { line: 0, character: 0 };
  for (const e of edits) {
    for (const p of [e.range.start, e.range.end]) {
      assert.ok(p.line < lines.length && p.character <= lines[p.line].length, `position ${p.line}:${p.character} is outside the text`);
    }
    const after = (x: { line: number; character: number }, y: { line: number; character: number }) => x.line > y.line || (x.line === y.line && x.character >= y.character);
    assert.ok(after(e.range.start, prev) && after(e.range.end, e.range.start), 'edits out of order or overlapping');
    prev = e.range.end;
  }
}

describe('diffEdits', () => {
  it('gives no edit for equal texts', () => {
    assert.deepEqual(diffEdits('a\nb\n', 'a\nb\n'), []);
  });

  it('inserts a line as one insertion, and replaces only the characters that differ', () => {
    const before = 'Incident A\nCrime: 1O5A | victim V1\nClosing: X\n';
    const after = 'Incident A\nCrime: 105A | victim V1\nCrime: 19E | victim V1\nClosing: X\n';
    assert.deepEqual(diffEdits(before, after), [
      { range: { start: { line: 1, character: 8 }, end: { line: 1, character: 9 } }, newText: '0' },
      { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: 'Crime: 19E | victim V1\n' },
    ]);
  });

  it('keeps CRLF whole, and appends after a last line with no line break', () => {
    const edits = diffEdits('a\r\nb', 'a\r\nb\r\nc');
    assert.deepEqual(edits, [{ range: { start: { line: 1, character: 1 }, end: { line: 1, character: 1 } }, newText: '\r\nc' }]);
    assert.equal(apply('x\r\ny\r\n', 'x\r\nz\ny\r\n'), 'x\r\nz\ny\r\n');
    // a CRLF that becomes LF is replaced whole, never split
    const crlf = diffEdits('a\r\nb\r\n', 'a\nb\r\n');
    assert.equal(crlf.length, 1);
    assert.equal(crlf[0].range.start.character, 1);
  });

  it('turns any text into any other (seeded), with and without incident anchors', () => {
    const piece = fc.constantFrom('Incident A\n', 'Incident B\n', 'Crime: 8N\n', 'x', 'y\r\n', '\r', '\n', 'Closing: X\n', 'z\n', '');
    const text = fc.array(piece, { maxLength: 30 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, text, (a, b) => {
        assert.equal(apply(a, b), b);
        assert.equal(apply(a, b, isIncident), b);
        assertValid(a, diffEdits(a, b));
        assertValid(a, diffEdits(a, b, isIncident));
      }),
      { seed: 20261122, numRuns: 2000 },
    );
  });

  it('leaves alone the lines that did not change, in a large text with scattered changes', () => {
    const incidents = Array.from({ length: 2000 }, (_, i) => `Incident I-${i}\nReceived: 01/01/2020 10:00\nVictim: V1\n\nClosing: X\n`);
    const before = incidents.join('\n');
    const after = incidents.map((t, i) => (i % 3 ? t : t.replace('Closing:', 'Crime: 8N | victim V1\nClosing:'))).join('\n');
    const started = Date.now();
    const edits = diffEdits(before, after, isIncident);
    const ms = Date.now() - started;
    assert.equal(edits.length, 667);
    assert.ok(edits.every((e) => e.range.start.line === e.range.end.line && e.range.start.character === 0 && e.newText === 'Crime: 8N | victim V1\n'));
    assert.equal(apply(before, after, isIncident), after);
    assert.ok(ms < 2000, `${ms} ms`);
  });
});
