/**
 * n100-should-be-crime: an N100 stands where the recording test is met: the
 * victim reported the rape herself or later confirmed it (or a professional
 * third party reported it), and there is no credible evidence to the
 * contrary, and it was not converted to a crime. The fix replaces the N100
 * with the rape crime.
 */
import { coverageOf } from '../analysis/coverage';
import { affirmedMatches } from '../analysis/text-match';
import { codesByVictim } from '../analysis/codes';
import { RAPE_FAMILY } from '../data/codes';
import type { Fix } from '../findings';
import { crimeLine, describeCode, domesticFor, makeFinding, rapeTestMet, related, victimPerson, victimWords } from './common';
import type { Rule } from './types';

export const RULE_ID = 'n100-should-be-crime';

export const rule: Rule = {
  id: RULE_ID,
  check(ctx) {
    const { incident, analysis, lexicon } = ctx;
    const cov = coverageOf(incident, analysis, lexicon);
    const out = [];
    const contrary = (analysis.cues.get('cetc') ?? []).concat(analysis.cues.get('jurisdiction') ?? []);
    for (const n of cov.n100s) {
      if (n.converted && n.converted.value.trim()) continue;
      const victim = n.victim ?? (incident.victims.length === 1 ? incident.victims[0].label : undefined);
      if (cov.crimes.some((c) => c.family === RAPE_FAMILY && (!victim || !c.victim || c.victim === victim))) continue;
      if (!rapeTestMet(analysis)) continue;
      if (contrary.length) continue;
      // Reported by someone else, and the victim herself says it did not happen: credible evidence to the contrary.
      const byOther = incident.reporter !== undefined && incident.reporter.kind !== 'victim';
      if (byOther && analysis.cues.has('rape-denial')) continue;
      if (n.reason) {
        const cues = affirmedMatches(lexicon.cues, n.reason.value, lexicon).map((m) => m.value);
        if (cues.includes('cetc') || cues.includes('jurisdiction') || (byOther && (cues.includes('victim-denial') || cues.includes('rape-denial'))) || (!analysis.victimAccount && cues.includes('victim-unidentified'))) continue;
      }
      const rapeDisclosure = (cov.answers.get(n) ?? [])[0] ?? analysis.disclosures.find((d) => d.family === RAPE_FAMILY && (!victim || !d.victim || d.victim === victim));
      const person = victimPerson(incident, victim);
      const choice = rapeDisclosure
        ? { codes: rapeDisclosure.codes, certain: rapeDisclosure.certain, missing: rapeDisclosure.missing }
        : codesByVictim(
            ((lexicon.families.get(RAPE_FAMILY)?.codes as { table: never[] })?.table ?? []) as never[],
            person?.sex,
            person?.age,
            person?.ageUpper,
          );
      const dom = domesticFor(incident, analysis, victim);
      const confirm = analysis.cues.get('confirmation')?.[0];
      const why =
        incident.reporter?.kind === 'victim'
          ? `the victim reported it ${victimWords(person).self}`
          : confirm
            ? `the victim confirmed it ('${confirm.text}')`
            : analysis.victimAccount
              ? 'the victim gave the account to an officer'
              : 'a professional third party reported it';
      const fixes: Fix[] = choice.codes.map((code, i) => ({
        title: `Replace the N100 with ${describeCode(code)}${victim ? ` for ${victim}` : ''}${dom.domestic ? ' (DA)' : ''}`,
        preferred: i === 0 && choice.certain,
        edits: [{ range: { start: { line: n.line, character: 0 }, end: n.range.end }, text: crimeLine(code, victim, incident.dateStyle, dom.domestic) }],
        codes: [code],
      }));
      const msg =
        `This N100 should be a rape crime: ${why} and there is no credible evidence that it did not happen. ` +
        'An N100 is for a report not yet confirmed (or with credible evidence to the contrary, or from another force area); once the recording test is met the rape is recorded as a crime. ' +
        `Record ${describeCode(choice.codes[0] ?? '19C')}${dom.domestic ? ' (DA)' : ''}.` +
        (choice.missing.length ? ` The code depends on ${choice.missing.join(' and ')}.` : '');
      out.push(
        makeFinding(RULE_ID, msg, n.keywordRange, {
          codes: choice.codes,
          fixes,
          related: [...(rapeDisclosure ? [related(rapeDisclosure.range, 'Rape disclosed here')] : []), ...(confirm ? [related(confirm.range, 'Victim confirms')] : [])],
        }),
      );
    }
    return out;
  },
};
