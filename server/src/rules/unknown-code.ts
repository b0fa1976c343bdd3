/**
 * unknown-code: a Crime: code is not a Home Office offence code in
 * rules-data. Fixes replace it with the nearest codes by title or spelling.
 */
import { codesByTitle, codeWithTitle, lookupCode, OFFENCE_CODES } from '../data/codes';
import { suggest } from '../text/suggest';
import { crimesOf, makeFinding } from './common';
import type { Rule } from './types';

export const RULE_ID = 'unknown-code';

export const rule: Rule = {
  id: RULE_ID,
  check(ctx) {
    const out = [];
    for (const crime of crimesOf(ctx.incident)) {
      if (!crime.code) continue;
      const c = lookupCode(crime.code);
      if (c && c.kind === 'crime') continue;
      const byTitle = crime.title ? codesByTitle(crime.title).map((x) => x.code) : [];
      const bySpelling = suggest(crime.code, OFFENCE_CODES.filter((x) => x.kind === 'crime' && !x.legacy).map((x) => x.code), 3);
      // Where the log discloses offences against this victim, suggest only codes that fit them.
      const disclosed = ctx.analysis.disclosures.filter((x) => !x.conductOnly && (!crime.victim || !x.victim || x.victim === crime.victim));
      const families = new Set(disclosed.map((x) => x.family));
      let candidates = [...new Set([...byTitle, ...bySpelling])];
      if (families.size) {
        const fitting = candidates.filter((code) => families.has(lookupCode(code)?.family ?? ''));
        candidates = fitting.length ? fitting : [...new Set(disclosed.flatMap((x) => x.codes))];
      }
      candidates = candidates.slice(0, 4);
      const r = { start: crime.codeRange.start, end: crime.titleRange ? crime.titleRange.end : crime.codeRange.end };
      const msg =
        c && c.kind !== 'crime'
          ? `${crime.code} is not a crime classification: an N100 is recorded on its own 'N100:' line. Record the rape crime code (19C-19H) here, or write an N100 line.`
          : `'${crime.code}' is not a Home Office offence code${candidates.length ? `; did you mean ${candidates.map((x) => codeWithTitle(x)).join(', or ')}?` : '.'} Crimes are classified by the Home Office notifiable offences list.`;
      out.push(
        makeFinding(RULE_ID, msg, crime.codeRange, {
          codes: candidates,
          fixes: candidates.map((code) => ({ title: `Change to ${codeWithTitle(code)}`, preferred: candidates.length === 1, edits: [{ range: r, text: codeWithTitle(code) }], codes: [code] })),
        }),
      );
    }
    return out;
  },
};
