/**
 * Simple globs without a dependency: `*`, `?`, `**` (any depth), `[abc]`,
 * `{a,b}`. Enough for `logs/**\/*.ilog` and `2023-*\/day-??.ilog`; anything
 * fancier is better left to the shell. Paths use `/` on every platform.
 */

const GLOB_CHARS = /[*?[\]{}]/;

export function isGlob(input: string): boolean {
  return GLOB_CHARS.test(input);
}

/** Splits a pattern into the folder to start walking from and the pattern below it. */
export function splitGlob(pattern: string): { base: string; rest: string } {
  const parts = pattern.replace(/\\/g, '/').split('/');
  const base: string[] = [];
  while (parts.length > 1 && !isGlob(parts[0])) base.push(parts.shift()!);
  const joined = base.join('/');
  return { base: joined === '' && pattern.startsWith('/') ? '/' : joined || '.', rest: parts.join('/') };
}

/** Whether a pattern can match below its first level (so the walk must recurse). */
export function globDepth(rest: string): number {
  return rest.split('/').includes('**') ? Infinity : rest.split('/').length;
}

/** Compiles the part of a pattern below its base into a regular expression over `/`-separated relative paths. */
export function globToRegExp(rest: string): RegExp {
  const segments = rest.split('/');
  let re = '';
  segments.forEach((seg, i) => {
    const last = i === segments.length - 1;
    if (seg === '**') {
      // Zero or more whole folders.
      re += last ? '.*' : '(?:[^/]+/)*';
      return;
    }
    re += segmentToRegExp(seg) + (last ? '' : '/');
  });
  return new RegExp(`^${re}$`);
}

function segmentToRegExp(seg: string): string {
  let out = '';
  let inBraces = 0;
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i];
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const end = seg.indexOf(']', i + 1);
      if (end < 0) {
        out += '\\[';
        continue;
      }
      let body = seg.slice(i + 1, end);
      if (body.startsWith('!')) body = '^' + body.slice(1);
      out += `[${body.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else if (c === '{') {
      inBraces++;
      out += '(?:';
    } else if (c === '}' && inBraces) {
      inBraces--;
      out += ')';
    } else if (c === ',' && inBraces) out += '|';
    else out += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return out + ')'.repeat(inBraces);
}
