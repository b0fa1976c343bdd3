/**
 * unrecorded-offence: the log discloses a notifiable offence and no crime of
 * that kind is recorded for that victim, and no N100 or valid No crime covers
 * it. Where another victim in the incident has a crime, the gap is
 * one-crime-per-victim's instead (one fault, one finding).
 */
import { coverageOf, type OffenceGap } from '../analysis/coverage';
import type { Finding } from '../findings';
import { crimeFixes, describeCode, domesticFor, entryWhen, makeFinding, quote, related, titleOf } from './common';
import type { Rule, RuleContext } from './types';

export const RULE_ID = 'unrecorded-offence';

/** Whether some other victim of the incident has a crime recorded (then a gap is one-crime-per-victim). */
export function otherVictimHasCrime(ctx: RuleContext, victim: string | undefined): boolean {
  if (!victim) return false;
  const cov = coverageOf(ctx.incident, ctx.analysis, ctx.lexicon);
  return cov.crimes.some((c) => c.victim !== undefined && c.victim !== victim);
}

export function gapMessage(ctx: RuleContext, gap: OffenceGap, lead: string): string {
  const { incident, analysis, lexicon } = ctx;
  const d = gap.principal;
  const family = titleOf(d.family, lexicon.families);
  const when = entryWhen(incident, d.entry);
  const later = d.entry > 0 && incident.entries[d.entry]?.epoch !== undefined && incident.entries[0]?.epoch !== undefined && incident.entries[d.entry].epoch! > incident.entries[0].epoch!;
  const historic = d.occasion !== 'current';
  const dom = domesticFor(incident, analysis, d.victim);
  const parts: string[] = [];
  parts.push(`${lead}${family} disclosed at ${when} ('${quote(d.text)}')${d.victim ? ` against ${d.victim}` : ''}${historic ? ` on a separate occasion (${d.occasion})` : ''} but no crime is recorded for it${gap.recordedInstead ? ` (only ${describeCode(gap.recordedInstead.decision.code)}, which does not cover it)` : ''}.`);
  parts.push('Under the counting rules a crime is recorded when the victim\'s account amounts to an offence and there is no credible evidence to the contrary.');
  if (analysis.professionalReport) parts.push('The report came from a professional third party: it is recorded without waiting for the victim to confirm it.');
  else if (later) parts.push('Offences disclosed later in the log are recorded too, within 24 hours of being disclosed.');
  if (d.missing.length) parts.push(`The code depends on ${d.missing.join(' and ')}.`);
  parts.push(`Record ${describeCode(d.codes[0])}${dom.domestic ? ' (DA)' : ''}.`);
  return parts.join(' ');
}

export function gapFinding(ctx: RuleContext, rule: string, gap: OffenceGap, lead = ''): Finding {
  const d = gap.principal;
  const dom = domesticFor(ctx.incident, ctx.analysis, d.victim);
  const others = gap.disclosures.filter((x) => x !== d);
  return makeFinding(rule, gapMessage(ctx, gap, lead), d.range, {
    codes: d.codes,
    fixes: crimeFixes(ctx.incident, d.codes, d.victim, d.certain, dom.domestic),
    related: [
      ...others.slice(0, 3).map((o) => related(o.range, `Also disclosed: '${quote(o.text, 40)}'`)),
      ...(gap.recordedInstead ? [related(gap.recordedInstead.decision.range, 'Recorded instead')] : []),
    ],
  });
}

export const rule: Rule = {
  id: RULE_ID,
  check(ctx) {
    const cov = coverageOf(ctx.incident, ctx.analysis, ctx.lexicon);
    return cov.offenceGaps.filter((g) => !otherVictimHasCrime(ctx, g.victim)).map((g) => gapFinding(ctx, RULE_ID, g));
  },
};
