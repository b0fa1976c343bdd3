/**
 * unknown-code: a Crime: code is not a Home Office offence code in
 * rules-data, or is a retired (legacy) code no longer in use on the day the
 * incident was received. Fixes replace it with the nearest codes by title or
 * spelling, or with the code that replaced the retired one.
 */
import { codesByTitle, codeWithTitle, lookupCode, OFFENCE_CODES, withdrawnOn, type OffenceCode } from '../data/codes';
import { formatDate, isoDate, type DateStyle, type LocalDate } from '../parser/dates';
import type { CrimeDecision } from '../parser/types';
import type { Finding } from '../findings';
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
      if (c && c.kind === 'crime') {
        const received = ctx.incident.received?.date;
        if (received && withdrawnOn(c, isoDate(received))) out.push(retired(crime, c, received, ctx.incident.dateStyle));
        continue;
      }
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

/** A retired code on a crime reported after it stopped being used: the fix writes the code that replaced it. */
function retired(crime: CrimeDecision, c: OffenceCode, received: LocalDate, style: DateStyle): Finding {
  const now = c.replacedBy ? lookupCode(c.replacedBy) : undefined;
  const r = { start: crime.codeRange.start, end: crime.titleRange ? crime.titleRange.end : crime.codeRange.end };
  const since = c.withdrawn ? ` (not in use from ${c.withdrawn})` : '';
  return makeFinding(
    RULE_ID,
    `${c.code} ${c.title} is a retired Home Office code, no longer used for crimes reported on ${formatDate(received, style)}${since}; it is kept only for the outcomes of older crimes.` +
      (now ? ` Record ${codeWithTitle(now.code)}.` : ''),
    crime.codeRange,
    now ? { codes: [now.code], fixes: [{ title: `Change to ${codeWithTitle(now.code)}`, preferred: true, edits: [{ range: r, text: codeWithTitle(now.code) }], codes: [now.code] }] } : {},
  );
}
