/**
 * The 95% confidence interval of a proportion: the Wilson score interval
 * (Wilson 1927). Why Wilson and not the textbook normal ("Wald") interval:
 * recording rates sit near 100% and many offence families have few cases in
 * a batch, which is exactly where the Wald interval is too narrow, can run
 * past 100%, and collapses to nothing at 0% or 100%. Wilson's interval stays
 * inside 0-100%, is never empty, and keeps close to its stated 95% coverage
 * even for small counts (Brown, Cai and DasGupta, "Interval estimation for a
 * binomial proportion", Statistical Science 16(2), 2001, which recommend it
 * for n < 40 and as a default). It needs no continuity correction and no
 * iteration, so a reader can check it by hand.
 */

/** The 97.5th percentile of the standard normal distribution: a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/** Wilson score interval for `x` successes in `n` trials; null when n is 0 (no rate to estimate). */
export function wilson(x: number, n: number, z = Z95): Interval | null {
  if (!(n > 0)) return null;
  if (x < 0 || x > n) throw new RangeError(`wilson: ${x} successes in ${n} trials`);
  const p = x / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At 0 and n the bounds are exactly 0 and 1; say so rather than trust the rounding.
  return { low: x === 0 ? 0 : Math.max(0, centre - half), high: x === n ? 1 : Math.min(1, centre + half) };
}

export interface Rate {
  /** Successes (e.g. offences recorded). */
  count: number;
  /** Trials (e.g. offences disclosed). */
  of: number;
  /** count / of, or null when of is 0. */
  rate: number | null;
  /** The 95% Wilson interval; null when of is 0. */
  low: number | null;
  high: number | null;
}

export function rate(count: number, of: number): Rate {
  const ci = wilson(count, of);
  return { count, of, rate: of > 0 ? count / of : null, low: ci?.low ?? null, high: ci?.high ?? null };
}

/** "92.3%" (one decimal), or "–" when there is no rate. */
export function percent(x: number | null, digits = 1): string {
  return x === null ? '–' : `${(x * 100).toFixed(digits)}%`;
}

/** "92.3% (88.1–95.2%)" */
export function rateText(r: Rate): string {
  return r.rate === null ? '–' : `${percent(r.rate)} (${percent(r.low)}–${percent(r.high)})`;
}

/** "1 error", "2,310 errors". */
export function count(x: number, one: string, many = one + 's'): string {
  return `${x.toLocaleString('en-GB')} ${x === 1 ? one : many}`;
}
