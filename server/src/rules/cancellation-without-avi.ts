/**
 * cancellation-without-avi: a C2 cancellation has no avi, or its avi is
 * opinion or absence of evidence ("no witnesses", "no CCTV", "victim not
 * credible") rather than verifiable information that the crime did not
 * happen.
 */
import { affirmedMatches, matchText } from '../analysis/text-match';
import { RAPE_FAMILY, SEXUAL_FAMILIES } from '../data/codes';
import { makeFinding, quote } from './common';
import { cancellations, cancelledFamily } from './cancellations';
import type { Rule } from './types';

export const RULE_ID = 'cancellation-without-avi';

const BASIS = 'A C2 cancellation needs additional verifiable information (AVI): information the police can verify that shows the crime did not happen (Crime Recording General Rules, Section C). Opinion, a victim withdrawing, or the absence of evidence is not AVI.';

export const rule: Rule = {
  id: RULE_ID,
  check(ctx) {
    const out = [];
    for (const c of cancellations(ctx.incident)) {
      if (c.cClass !== 'C2') continue;
      const avi = c.avi?.value.trim();
      if (!avi) {
        out.push(makeFinding(RULE_ID, `This C2 cancellation gives no avi. ${BASIS} Add '| avi <the verifiable information>', or keep the crime.`, c.cClassRange ?? c.keywordRange));
        continue;
      }
      const opinion = matchText(ctx.lexicon.aviOpinion, avi)[0];
      const verifiable =
        affirmedMatches(ctx.lexicon.cues, avi, ctx.lexicon).some((m) => m.value === 'cetc' || m.value === 'found') ||
        affirmedMatches(ctx.lexicon.aviVerifiable, avi, ctx.lexicon).length > 0;
      // For a sexual offence, footage of the two together before it ("kissing in the taxi queue, arm in arm") speaks to consent
      // assumed from the victim's conduct: it does not show that the offence did not happen.
      const family = cancelledFamily(ctx.incident, c);
      const consent = family && (family === RAPE_FAMILY || SEXUAL_FAMILIES.has(family)) ? consentAssumed(ctx, avi) : undefined;
      if (consent) {
        const at = c.avi!.valueRange;
        out.push(
          makeFinding(
            RULE_ID,
            `The avi '${quote(avi)}' speaks of the victim's conduct ('${consent.text}'): consent assumed from it is not verifiable information that the offence did not happen. ${BASIS}`,
            { start: { line: at.start.line, character: at.start.character + consent.start }, end: { line: at.start.line, character: at.start.character + consent.end } },
          ),
        );
        continue;
      }
      // Verifiable information stands even beside opinion ("retraction statement; cell-site data places her elsewhere").
      if (!verifiable) {
        const at = c.avi!.valueRange;
        const r = opinion ? { start: { line: at.start.line, character: at.start.character + opinion.start }, end: { line: at.start.line, character: at.start.character + opinion.end } } : at;
        out.push(
          makeFinding(
            RULE_ID,
            opinion
              ? `The avi '${quote(avi)}' is opinion or absence of evidence ('${opinion.text}'), not verifiable information that the crime did not happen. ${BASIS}`
              : `The avi '${quote(avi)}' names nothing the police can verify (such as CCTV showing the contrary, custody records, property found). ${BASIS}`,
            r,
          ),
        );
      }
    }
    return out;
  },
};

/** Words of the avi that assume consent from the victim's conduct (grounds.json `consent-assumed`). */
function consentAssumed(ctx: Parameters<Rule['check']>[0], avi: string): { start: number; end: number; text: string } | undefined {
  const ground = ctx.lexicon.grounds.find((g) => g.def.id === 'consent-assumed');
  return ground ? affirmedMatches(ground.index, avi, ctx.lexicon)[0] : undefined;
}
