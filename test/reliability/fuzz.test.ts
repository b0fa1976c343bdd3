/**
 * Seeded fuzzing of the core on mutated logs (test/reliability/logs.ts):
 * real incidents with lines deleted, duplicated and swapped, dates cut
 * short, stray `|`, control characters, very long lines, CRLF/LF/CR mixes,
 * text outside the Basic Multilingual Plane, misplaced keyword lines and
 * files cut off. The properties are in properties.ts; the long run
 * (`npm run fuzz:long`, scripts/fuzz-long.js) runs the same ones on a
 * million cases or more.
 *
 * FUZZ_RUNS=<n> sets the number of cases of every property here (default:
 * a few hundred each); FUZZ_SEED=<n> changes the seed.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { changeArb, endingsArb, mutatedLogArb, phraseArb } from './logs';
import { badRange, checkProblems, endingsProblems, fixAllProblems, fixProblems, incrementalProblems, lineStarts, phraseProblems } from './properties';

const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
const runs = (n: number) => Number(process.env.FUZZ_RUNS ?? n);

/** Fails the property with the input's problems, or passes. */
function holds(problems: string[]): void {
  if (problems.length) throw new Error(problems.join('\n'));
}

describe('reliability: mutated logs (seeded fuzzing)', function () {
  this.timeout(60_000);

  it('the checker never throws, never fails inside a rule, keeps every finding inside the document, and takes time in proportion to the text', () => {
    fc.assert(
      fc.property(mutatedLogArb(), ({ text }) => holds(checkProblems(text))),
      { seed: SEED, numRuns: runs(1000) },
    );
  });

  it('every quick fix applies cleanly, writes the file\u2019s own line ending, changes only its own incident and removes its finding', () => {
    let fixes = 0;
    fc.assert(
      fc.property(mutatedLogArb({ maxMutations: 4 }), ({ text }) => {
        const r = fixProblems(text);
        fixes += r.fixes;
        holds(r.problems);
      }),
      { seed: SEED + 1, numRuns: runs(500) },
    );
    assert.ok(fixes >= runs(500) / 2, `only ${fixes} fixes were tried: the mutated logs no longer exercise fixes`);
  });

  it('applying all preferred fixes twice equals applying them once', () => {
    fc.assert(
      fc.property(mutatedLogArb({ maxMutations: 4 }), ({ text }) => holds(fixAllProblems(text))),
      { seed: SEED + 2, numRuns: runs(400) },
    );
  });

  it('gives the same findings in the same places whether lines end in LF, CRLF, CR or a mix', () => {
    fc.assert(
      fc.property(mutatedLogArb({ maxMutations: 3 }), endingsArb, ({ text }, endings) => holds(endingsProblems(text, endings))),
      { seed: SEED + 3, numRuns: runs(300) },
    );
  });

  it('checks incrementally exactly as from scratch after random edits to mutated logs', () => {
    fc.assert(
      fc.property(mutatedLogArb({ maxMutations: 3 }), fc.array(changeArb, { minLength: 1, maxLength: 10 }), ({ text }, changes) => holds(incrementalProblems(text, changes))),
      { seed: SEED + 4, numRuns: runs(250) },
    );
  });
});

describe('reliability: trigger phrases a force can write (seeded fuzzing)', () => {
  it('are either refused with a clear message or matched in time linear in the text, never worse', () => {
    let accepted = 0;
    fc.assert(
      fc.property(phraseArb, (p) => {
        const r = phraseProblems(p);
        if (r.accepted) accepted++;
        holds(r.problems);
      }),
      { seed: SEED + 5, numRuns: runs(300) },
    );
    assert.ok(accepted > runs(300) / 4, `only ${accepted} phrases were accepted: the generator no longer exercises matching`);
  });
});

describe('reliability: the properties can fail', () => {
  // Guards against tautologies in the helpers the properties rest on.
  it('range validation rejects positions outside the text, and the time bound rejects a slow check', () => {
    const text = 'Incident A\r\nReceived: 01/01/2019 10:00\r\n';
    const starts = lineStarts(text);
    assert.match(badRange(text, starts, { start: { line: 0, character: 0 }, end: { line: 0, character: 11 } }) ?? '', /past the end of line 0/);
    assert.match(badRange(text, starts, { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }) ?? '', /past the last line/);
    assert.match(badRange(text, starts, { start: { line: 1, character: 2 }, end: { line: 1, character: 1 } }) ?? '', /ends before it starts/);
    assert.equal(badRange(text, starts, { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }), undefined);
    assert.match(checkProblems('Incident A\n', { baseMs: -1, perKMs: 0 }).join(), /took \d+ ms/);
  });
});
