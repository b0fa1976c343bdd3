/**
 * legacy-code: a Crime: code that is a legacy Home Office code (kept for the
 * outcomes of old crimes, or replaced by a later classification). The fix
 * writes its current code.
 */
import { codeWithTitle, lookupCode } from '../data/codes';
import { crimesOf, makeFinding } from './common';
import type { Rule } from './types';

export const RULE_ID = 'legacy-code';

export const rule: Rule = {
  id: RULE_ID,
  check(ctx) {
    const out = [];
    for (const crime of crimesOf(ctx.incident)) {
      const c = lookupCode(crime.code);
      if (!c || !c.legacy) continue;
      const now = c.replacedBy ? lookupCode(c.replacedBy) : undefined;
      const r = { start: crime.codeRange.start, end: crime.titleRange ? crime.titleRange.end : crime.codeRange.end };
      out.push(
        makeFinding(
          RULE_ID,
          `${c.code} (${c.title}) is a legacy code, no longer used for new crimes${now ? `; it is now classified as ${codeWithTitle(now.code)}` : ''}. ${c.notes ?? ''}`.trim(),
          crime.codeRange,
          now ? { codes: [now.code], fixes: [{ title: `Change to ${codeWithTitle(now.code)}`, preferred: true, edits: [{ range: r, text: codeWithTitle(now.code) }], codes: [now.code] }] } : {},
        ),
      );
    }
    return out;
  },
};
