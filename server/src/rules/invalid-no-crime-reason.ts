/**
 * invalid-no-crime-reason: a No crime, an N100 reason or a cancellation
 * reason rests on grounds the counting rules reject (rules-data/grounds.json).
 * Some grounds are rejected only in context: "words only" where threats were
 * made, "first offence" where the log shows a course of conduct, "will not
 * support" where the victim confirmed the crime.
 */
import { matchText } from '../analysis/text-match';
import { tokenize } from '../analysis/tokens';
import type { GroundDef } from '../data/lexicon';
import type { Finding } from '../findings';
import type { Range } from '../text/range';
import { under16 } from '../analysis/relationships';
import { RAPE_FAMILY, SEXUAL_FAMILIES } from '../data/codes';
import { makeFinding, quote, related, victimPerson, victimWords } from './common';
import type { Rule, RuleContext } from './types';

export const RULE_ID = 'invalid-no-crime-reason';

function conditionHolds(ctx: RuleContext, g: GroundDef): boolean {
  const a = ctx.analysis;
  switch (g.condition) {
    case 'always':
      return true;
    case 'victimAccount':
      return a.victimAccount;
    case 'threats':
      // "Words only" is no reason where threats were made, nor where the words are a course of conduct (harassment is words).
      return a.disclosures.some((d) => d.family === 'public-order' || d.family === 'threats-to-kill' || d.trigger === 'cd.threat') || (a.cues.get('threat')?.length ?? 0) > 0 || a.courseOfConduct.present;
    case 'courseOfConduct':
      return a.courseOfConduct.present;
    case 'offenceDisclosed':
      return a.disclosures.some((d) => !d.conductOnly);
    case 'childVictim':
      // A sexual offence disclosed against a victim known to be under 16.
      return a.disclosures.some((d) => (d.family === RAPE_FAMILY || SEXUAL_FAMILIES.has(d.family)) && under16(victimPerson(ctx.incident, d.victim)));
  }
}

function contextNote(ctx: RuleContext, g: GroundDef): { note: string; at?: Range } {
  const a = ctx.analysis;
  if (g.condition === 'courseOfConduct') {
    const e = a.courseOfConduct.evidence[0];
    return { note: e ? ` The log shows conduct on more than one occasion ('${quote(e.text, 50)}').` : '', at: e?.range };
  }
  if (g.condition === 'threats') {
    const d = a.disclosures.find((x) => x.family === 'public-order' || x.family === 'threats-to-kill');
    return { note: d ? ` Threats were made ('${quote(d.text, 50)}').` : '', at: d?.range };
  }
  if (g.condition === 'childVictim') return { note: ' The victim is a child under 16: what the child says of consent or a relationship does not change the offence.' };
  if (g.condition === 'victimAccount') {
    const w = victimWords(ctx.incident.victims.length === 1 ? ctx.incident.victims[0] : undefined);
    return { note: ` The victim gave ${w.poss} account, so the crime stands whether or not ${w.subj} ${w.subj === 'they' ? 'support' : 'supports'} a prosecution.` };
  }
  if (g.condition === 'offenceDisclosed') {
    const d = a.disclosures.find((x) => !x.conductOnly);
    return { note: d ? ` The log discloses an offence ('${quote(d.text, 50)}').` : '', at: d?.range };
  }
  return { note: '' };
}

export const rule: Rule = {
  id: RULE_ID,
  check(ctx) {
    const out: Finding[] = [];
    const reasons: { text: string; range: Range; what: string }[] = [];
    for (const d of ctx.incident.decisions) {
      if (d.kind === 'no-crime' && d.reason) reasons.push({ text: d.reason, range: d.valueRange, what: 'No crime reason' });
      if (d.kind === 'n100' && d.reason?.value) reasons.push({ text: d.reason.value, range: d.reason.valueRange, what: 'N100 reason' });
      if (d.kind === 'cancelled' && d.reason?.value) reasons.push({ text: d.reason.value, range: d.reason.valueRange, what: 'Cancellation reason' });
    }
    const reportedBySomeoneElse = ctx.incident.reporter !== undefined && ctx.incident.reporter.kind !== 'victim';
    for (const r of reasons) {
      // The victim's own account that nothing happened, after someone else reported it, is a valid reason.
      if (reportedBySomeoneElse && matchText(ctx.lexicon.cues, r.text).some((m) => m.value === 'victim-denial')) continue;
      const hits: { g: GroundDef; start: number; end: number }[] = [];
      const tokens = tokenize(r.text);
      for (const { def, index, except } of ctx.lexicon.grounds) {
        const voids = except ? matchText(except, r.text, tokens) : [];
        const m = matchText(index, r.text, tokens).find((x) => !voids.some((v) => v.start < x.end && x.start < v.end));
        if (m && conditionHolds(ctx, def) && !hits.some((h) => h.g.id === def.id)) hits.push({ g: def, start: m.start, end: m.end });
      }
      if (!hits.length) continue;
      const first = hits[0];
      const line = r.range.start.line;
      const at = r.range.start.character;
      const ctxNote = contextNote(ctx, first.g);
      const named = hits.map((h) => h.g.title).join('; ');
      const msg =
        `${r.what} '${quote(r.text)}' rests on grounds the counting rules reject: ${named}.${ctxNote.note} ` +
        `${first.g.basis} Record the crime, or give credible evidence that it did not happen.`;
      out.push(
        makeFinding(RULE_ID, msg, { start: { line, character: at + first.start }, end: { line, character: at + first.end } }, {
          related: ctxNote.at ? [related(ctxNote.at, 'See here')] : [],
        }),
      );
    }
    return out;
  },
};
