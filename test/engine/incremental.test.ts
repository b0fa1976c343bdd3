/**
 * Incremental = full: a checker that has seen earlier versions of a document
 * (and reuses their incidents) reports exactly what a fresh checker reports
 * for the final text, whatever the edits: inside an incident, across
 * incident boundaries, creating or destroying `Incident` lines, line endings.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { Checker, type FileReport } from '../../server/src/core';
import { ROOT } from '../support/expectations';

const BASE = ['domestic-abuse.ilog', 'recording-decisions.ilog', 'sexual-offences.ilog'].map((f) => fs.readFileSync(path.join(ROOT, 'examples', f), 'utf8')).join('\n');

function summary(r: FileReport) {
  return {
    findings: r.findings.map((f) => [f.rule, f.severity, f.message, f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character, (f.fixes ?? []).map((x) => x.edits.map((e) => [e.range.start.line, e.range.start.character, e.text]))]),
    incidents: r.incidents.map((i) => [i.incident.id, i.incident.startLine, i.incident.lineCount]),
    lineCount: r.lineCount,
  };
}

const PIECES = ['x', ' ', '\n', '\r\n', 'Incident Z-9\n', '\nIncident Y-1\nReceived: 01/01/2019 10:00\n', 'I', 'ncident', '# c\n', 'punched her ', 'Crime: 8N | victim V1 | recorded 01/01/2019 11:00\n', '    continued\n', '|', '\u{1F600}'];

const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  del: fc.nat({ max: 40 }),
  ins: fc.array(fc.constantFrom(...PIECES), { maxLength: 3 }).map((a) => a.join('')),
});

describe('incremental checking', () => {
  it('gives the same findings as a fresh check after any sequence of edits (seeded)', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), (edits) => {
        const checker = new Checker();
        let text = BASE;
        checker.check(text);
        for (const e of edits) {
          const at = Math.floor(e.at * text.length);
          text = text.slice(0, at) + e.ins + text.slice(at + e.del);
          const incremental = checker.check(text);
          assert.deepEqual(summary(incremental), summary(new Checker().check(text)));
        }
      }),
      { seed: 20261122, numRuns: Number(process.env.FUZZ_RUNS ?? 120) },
    );
  });

  it('re-analyses only the incident an edit touched', () => {
    const checker = new Checker();
    checker.check(BASE);
    const at = BASE.indexOf('Caller very frightened');
    const r = checker.check(BASE.slice(0, at) + 'The ' + BASE.slice(at));
    assert.equal(r.analysed, 1);
  });
});
