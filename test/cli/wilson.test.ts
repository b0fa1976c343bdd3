/** The Wilson score interval against published values. */
import * as assert from 'node:assert/strict';
import { rate, wilson, Z95 } from '../../server/src/cli/audit/stats';

describe('cli: Wilson interval', () => {
  // Newcombe, "Two-sided confidence intervals for the single proportion: comparison of seven
  // methods", Statistics in Medicine 17 (1998), table I, method 3 (score interval without continuity correction).
  const published: [number, number, number, number][] = [
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
    [29, 29, 0.883, 1],
  ];
  for (const [x, n, low, high] of published) {
    it(`${x}/${n}: ${low}–${high}`, () => {
      const ci = wilson(x, n)!;
      assert.equal(Number(ci.low.toFixed(4)), low);
      assert.equal(Number(ci.high.toFixed(4)), high);
    });
  }

  it('is symmetric, stays within 0..1, and holds the rate', () => {
    for (let n = 1; n <= 60; n++) {
      for (let x = 0; x <= n; x++) {
        const a = wilson(x, n)!;
        const b = wilson(n - x, n)!;
        assert.ok(Math.abs(a.low - (1 - b.high)) < 1e-12);
        assert.ok(a.low >= 0 && a.high <= 1 && a.low <= x / n && x / n <= a.high);
      }
    }
  });

  it('has no interval without cases, and refuses impossible counts', () => {
    assert.equal(wilson(0, 0), null);
    assert.deepEqual(rate(0, 0), { count: 0, of: 0, rate: null, low: null, high: null });
    assert.throws(() => wilson(5, 4), RangeError);
    assert.ok(Math.abs(Z95 - 1.959964) < 1e-6);
  });
});
