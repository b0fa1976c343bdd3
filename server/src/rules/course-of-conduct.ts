/**
 * course-of-conduct: the log shows repeated conduct (two or more occasions)
 * amounting to harassment, stalking or controlling or coercive behaviour and
 * none is recorded. From April 2020 a course of conduct by a former partner is
 * recorded as stalking unless it is harassment only.
 */
import { coverageOf } from '../analysis/coverage';
import type { IncidentAnalysis } from '../analysis/types';
import type { FamilyDef } from '../data/lexicon';
import { codeWithTitle, normaliseCode } from '../data/codes';
import type { Finding } from '../findings';
import { crimeFixes, crimesOf, describeCode, domesticFor, entryWhen, makeFinding, quote, related } from './common';
import type { Rule, RuleContext } from './types';

export const RULE_ID = 'course-of-conduct';

const CCB_IN_FORCE = '2015-12-29';

/** Which course-of-conduct crime: stalking, controlling or coercive behaviour, or harassment, best first. */
export function courseOfConductCodes(ctx: RuleContext, victim: string | undefined): { codes: string[]; certain: boolean; why: string } {
  const { analysis, incident } = ctx;
  const fam = ctx.lexicon.families.get('harassment') as FamilyDef;
  const codes = fam.codes as Record<string, string[]>;
  const rel = (victim && analysis.relationships.get(victim)) || [...analysis.relationships.values()][0];
  const received = incident.received ? `${incident.received.date.year}-${String(incident.received.date.month).padStart(2, '0')}-${String(incident.received.date.day).padStart(2, '0')}` : '9999';
  const stalkingCues = new Set((analysis.cues.get('stalking') ?? []).map((c) => c.text)).size;
  const named = analysis.disclosures.filter((d) => d.trigger === 'coc.named' && /^stalk/i.test(d.text));
  const control = analysis.disclosures.filter((d) => d.family === 'harassment' && (d.trigger === 'coc.control' || d.trigger === 'coc.monitor'));
  const racial = (analysis.cues.get('racial')?.length ?? 0) > 0;
  if (racial) return { codes: [...codes.racial, ...codes.harassment], certain: false, why: 'racially or religiously aggravated' };
  if (analysis.edition.features.formerPartnerStalking && rel?.formerPartner) {
    // Harassment only would need a reason the log does not give: 8Q alone (a registrar with the reason suppresses the finding, saying why).
    return { codes: [codes.stalking[0]], certain: true, why: 'a course of conduct by a former partner is recorded as stalking from April 2020 unless it is harassment only' };
  }
  if (new Set(control.map((d) => d.text)).size >= 2 && rel && (rel.intimate || rel.family) && received >= CCB_IN_FORCE) {
    return { codes: [...codes.coercive], certain: false, why: 'controlling behaviour within a relationship' };
  }
  if (named.length || stalkingCues >= 2) return { codes: [...codes.stalking], certain: false, why: 'the conduct includes stalking behaviours' };
  return { codes: [...codes.harassment], certain: false, why: '' };
}

function occasionsText(a: IncidentAnalysis): string {
  const e = a.courseOfConduct.evidence[0];
  if (!e) return '';
  return e.cue === 'named' ? `('${quote(e.text, 40)}')` : e.cue === 'occasions' ? '(conduct on separate occasions)' : `('${quote(e.text, 40)}')`;
}

export const rule: Rule = {
  id: RULE_ID,
  check(ctx) {
    const { incident, analysis } = ctx;
    const cov = coverageOf(incident, analysis, ctx.lexicon);
    return [...cov.conductGaps.map((g) => {
      const first = g.disclosures[0];
      const victim = g.victim ?? (incident.victims.length === 1 ? incident.victims[0].label : undefined);
      const choice = courseOfConductCodes(ctx, victim);
      const dom = domesticFor(incident, analysis, victim);
      const inAddition = analysis.edition.features.courseOfConductInAddition;
      const msg =
        `The log shows a course of conduct ${occasionsText(analysis)}: ${first ? `'${quote(first.text, 50)}' at ${entryWhen(incident, first.entry)}` : ''}${g.disclosures.length > 1 ? ` and ${g.disclosures.length - 1} more` : ''}, but no harassment, stalking or controlling behaviour crime is recorded${victim ? ` for ${victim}` : ''}. ` +
        (choice.codes[0] === '8U'
          ? 'Repeated or continuous controlling or coercive behaviour by a partner or family member is an offence (Serious Crime Act 2015 s76)'
          : 'Conduct on two or more occasions is a course of conduct (Protection from Harassment Act 1997)') +
        `${inAddition ? ', recorded in addition to any other offence from April 2018' : ''}. ` +
        `Record ${describeCode(choice.codes[0])}${dom.domestic ? ' (DA)' : ''}${choice.why ? `: ${choice.why}` : ''}.`;
      const evidence = analysis.courseOfConduct.evidence.slice(0, 2).map((e) => related(e.range, e.cue === 'repetition' ? `Repeated: '${quote(e.text, 40)}'` : `'${quote(e.text, 40)}'`));
      return makeFinding(RULE_ID, msg, first?.range ?? incident.headerRange, {
        codes: choice.codes,
        fixes: crimeFixes(incident, choice.codes, victim, choice.certain, dom.domestic),
        related: evidence,
      });
    }), ...stalkingRecordedAsHarassment(ctx)];
  },
};

/**
 * From April 2020 a course of conduct by a former partner is stalking unless
 * the police are satisfied it is harassment only: a harassment crime recorded
 * for it is the wrong classification.
 */
function stalkingRecordedAsHarassment(ctx: RuleContext): Finding[] {
  const { incident, analysis } = ctx;
  if (!analysis.edition.features.formerPartnerStalking || !analysis.courseOfConduct.present) return [];
  const codes = (ctx.lexicon.families.get('harassment') as FamilyDef).codes as Record<string, string[]>;
  const out: Finding[] = [];
  for (const crime of crimesOf(incident)) {
    if (normaliseCode(crime.code) !== codes.harassment[0]) continue;
    const victim = crime.victim ?? (incident.victims.length === 1 ? incident.victims[0].label : undefined);
    const choice = courseOfConductCodes(ctx, victim);
    if (!choice.certain || choice.codes[0] === codes.harassment[0]) continue;
    const code = choice.codes[0];
    const end = crime.titleRange ? crime.titleRange.end : crime.codeRange.end;
    out.push(
      makeFinding(
        RULE_ID,
        `${describeCode(crime.code)} is recorded for a course of conduct by a former partner: ${choice.why}. The log gives no reason to treat it as harassment only. Record ${describeCode(code)}.`,
        crime.codeRange,
        {
          codes: [code],
          fixes: [{ title: `Change to ${codeWithTitle(code)}`, preferred: true, edits: [{ range: { start: crime.codeRange.start, end }, text: codeWithTitle(code) }], codes: [code] }],
          related: analysis.courseOfConduct.evidence.slice(0, 2).map((e) => related(e.range, `'${quote(e.text, 40)}'`)),
        },
      ),
    );
  }
  return out;
}
