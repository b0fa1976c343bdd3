/** title-mismatch: the title after a code is not that code's official title. */
import { lookupCode, titleMatches } from '../data/codes';
import { crimesOf, makeFinding } from './common';
import type { Rule } from './types';

export const RULE_ID = 'title-mismatch';

export const rule: Rule = {
  id: RULE_ID,
  check(ctx) {
    const out = [];
    for (const crime of crimesOf(ctx.incident)) {
      if (!crime.title || !crime.titleRange) continue;
      const c = lookupCode(crime.code);
      if (!c || c.kind !== 'crime' || titleMatches(c, crime.title)) continue;
      out.push(
        makeFinding(RULE_ID, `'${crime.title}' is not the title of ${c.code}, which is '${c.title}'${c.verified ? '' : ' (code unverified)'}. Check the code is the one meant.`, crime.titleRange, {
          fixes: [{ title: `Change the title to '${c.title}'`, preferred: true, edits: [{ range: crime.titleRange, text: c.title }] }],
        }),
      );
    }
    return out;
  },
};
