/** Building structure findings in the parser. */
import { defaultSeverity } from '../data/catalog';
import type { Finding, Fix } from '../findings';
import type { Range } from '../text/range';

export function structureFinding(rule: string, message: string, range: Range, fixes?: Fix[]): Finding {
  const f: Finding = { rule, severity: defaultSeverity(rule), message, range };
  if (fixes && fixes.length) f.fixes = fixes;
  return f;
}

/** One fix per suggestion, replacing `range` with it; preferred only when there is exactly one. */
export function replacementFixes(range: Range, suggestions: string[], describe: (s: string) => string): Fix[] {
  return suggestions.map((s) => ({
    title: describe(s),
    preferred: suggestions.length === 1,
    edits: [{ range, text: s }],
  }));
}
