/** "Did you mean" suggestions by edit distance. */

/** Optimal-string-alignment distance (Levenshtein plus adjacent swaps), capped at `max + 1`. */
export function editDistance(a: string, b: string, max = 3): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        v = Math.min(v, prev2[j - 2] + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n];
}

const normalise = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');

/**
 * The candidates closest to `word`, best first: those within an edit distance
 * that grows with the word's length (1 for short words, 2 from 5 letters, 3
 * from 9), ignoring case, spaces, hyphens and underscores.
 */
export function suggest(word: string, candidates: readonly string[], limit = 3): string[] {
  const w = normalise(word);
  if (!w) return [];
  const max = w.length <= 4 ? 1 : w.length <= 8 ? 2 : 3;
  const scored: { c: string; d: number }[] = [];
  for (const c of candidates) {
    const d = editDistance(w, normalise(c), max);
    if (d <= max) scored.push({ c, d });
  }
  scored.sort((x, y) => x.d - y.d);
  return scored.slice(0, limit).map((s) => s.c);
}
