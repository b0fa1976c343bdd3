/**
 * Time in proportion to the input. The server checks on its main thread,
 * so a check that grows with the square of some count holds every request
 * for that long: a 5 MB log (under the default size limit) must not take
 * minutes. Each shape of input is checked at two sizes eight times apart;
 * linear work takes about 8 times as long, quadratic about 64 times. The
 * larger input must take at most 24 times the smaller's time (ratios under
 * 100 ms are noise and pass) and at most 5 ms per 1,000 characters (typical
 * logs take 0.5 to 1); each time is the best of up to three runs.
 *
 * Failing shapes are bugs in the core (server/src/analysis, engine); see
 * the reproducer printed with the failure.
 */
import * as assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { Checker } from '../../server/src/core';

const HEAD = 'Incident A\nReceived: 01/01/2019 10:00\nVictim: V1 female, 30\nSuspect: S1 male, 31, ex-partner\n';

/**
 * Shapes of input, by the count that grows, each with the count for the
 * smaller of its two sizes (the larger is 8 times it: 100 to 250 KB).
 */
export const SHAPES: Record<string, { n: number; text: (n: number) => string }> = {
  'one entry of many sentences that disclose an offence': { n: 1000, text: (n) => `${HEAD}10:00 CH1: ${'He punched her. '.repeat(n)}\n` },
  'one entry of many continuation lines': { n: 1000, text: (n) => `${HEAD}10:00 CH1: start\n${'    He punched her.\n'.repeat(n)}` },
  'one entry of many historic disclosures': { n: 1000, text: (n) => `${HEAD}10:00 CH1: ${'When she was 12 he raped her. '.repeat(n / 2)}\n` },
  'many entries that disclose an offence': { n: 1000, text: (n) => HEAD + '10:00 CH1: He punched her.\n'.repeat(n) },
  'many Victim: lines': { n: 300, text: (n) => HEAD + Array.from({ length: n }, (_, i) => `Victim: V${(i % 999) + 1} female, 30\n`).join('') + '10:00 CH1: He punched her.\n' },
  'many directive lines': { n: 500, text: (n) => HEAD + '# counting-rules-disable-next-line late-recording -- x\n'.repeat(n) + '10:00 CH1: He punched her.\n' },
  'many Crime: lines': { n: 500, text: (n) => HEAD + '10:00 CH1: He punched her.\n' + 'Crime: 8N | victim V1 | recorded 01/01/2019 11:00\n'.repeat(n) },
  'many Cancelled: lines': { n: 500, text: (n) => HEAD + 'Crime: 8N | victim V1 | recorded 01/01/2019 11:00 | ref 1/1/1\n' + 'Cancelled: 1/1/1 C2 | by FCR | at 02/01/2019 10:00 | avi x\n'.repeat(n) },
  'many incidents': { n: 200, text: (n) => Array.from({ length: n }, (_, i) => `${HEAD.replace('Incident A', `Incident A${i}`)}10:00 CH1: He punched her.\n\n`).join('') },
  'many incidents with one id': { n: 200, text: (n) => `${HEAD}10:00 CH1: He punched her.\n\n`.repeat(n) },
  'a decision line of many separators': { n: 2000, text: (n) => `${HEAD}Crime: 8N | victim V1 | recorded ${'| '.repeat(n * 8)}\n` },
  'an entry of many victim labels': { n: 4000, text: (n) => `${HEAD}10:00 CH1: ${'V1 '.repeat(n)}\n` },
};

/** The best of up to three runs, stopping at the first within `enough` ms. */
function time(text: string, enough = 0, runs = 3): number {
  let best = Infinity;
  for (let i = 0; i < runs && best > enough; i++) {
    const t0 = performance.now();
    new Checker().check(text);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

const FACTOR = 8;
/** Linear work measures 4 to 16 times here; quadratic 64. */
const MAX_RATIO = 24;
const RATIO_FLOOR_MS = 100;
/** Typical logs check at 0.5 to 1 ms per 1,000 characters on this project's 2-core machine. */
const MAX_MS_PER_K = 5;

describe('reliability: time in proportion to the input', function () {
  this.timeout(120_000);

  it(`checks every shape of input ${FACTOR} times larger in at most ${MAX_RATIO} times the time, and at most ${MAX_MS_PER_K} ms per 1,000 characters`, () => {
    new Checker().check(SHAPES['many incidents'].text(400)); // warm up
    const rows: string[] = [];
    const slow: string[] = [];
    for (const [name, shape] of Object.entries(SHAPES)) {
      const text = shape.text(shape.n * FACTOR);
      const measure = (runs: number) => {
        const small = Math.max(time(shape.text(shape.n), 0, runs), 1);
        // Below RATIO_FLOOR_MS a ratio is mostly noise; above it, it must stay under MAX_RATIO.
        const allowed = Math.min(Math.max(small * MAX_RATIO, RATIO_FLOOR_MS), (MAX_MS_PER_K * text.length) / 1000);
        return { small, allowed, large: time(text, allowed, runs) };
      };
      // A busy machine can slow one run of either size: a shape over its budget is measured again, more times, before it fails.
      let { small, allowed, large } = measure(3);
      if (large > allowed) ({ small, allowed, large } = measure(6));
      const row = `${name}: ${(text.length / 1000).toFixed(0)} KB in ${large.toFixed(0)} ms (${((large * 1000) / text.length).toFixed(1)} ms per 1,000 characters), ${(large / small).toFixed(1)} times the time of the ${FACTOR} times smaller input`;
      rows.push(row);
      if (large > allowed) slow.push(row);
    }
    assert.deepEqual(slow, [], `time grows faster than the input (reproduce with SHAPES in out/test/reliability/scaling.test.js):\n  ${rows.join('\n  ')}`);
  });
});
