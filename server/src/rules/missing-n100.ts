/**
 * missing-n100: a report of rape or attempted rape has neither a rape crime
 * (19C-19H) nor an N100. The fixes: the rape crime the victim's facts give;
 * and, where the recording test is not yet met (a third party's report the
 * victim has not confirmed), an N100.
 */
import { coverageOf } from '../analysis/coverage';
import { crimeFixes, describeCode, domesticFor, entryWhen, insertionEdit, makeFinding, n100Line, quote, rapeTestMet, victimPerson, victimWords } from './common';
import type { Rule } from './types';

export const RULE_ID = 'missing-n100';

export const rule: Rule = {
  id: RULE_ID,
  check(ctx) {
    const { incident, analysis } = ctx;
    const cov = coverageOf(incident, analysis, ctx.lexicon);
    return cov.rapeGaps
      .filter((g) => !g.lesser)
      .map((g) => {
        const d = g.disclosure;
        const dom = domesticFor(incident, analysis, d.victim);
        const testMet = rapeTestMet(analysis);
        const fixes = crimeFixes(incident, d.codes, d.victim, d.certain && testMet, dom.domestic);
        if (!testMet) {
          fixes.push({ title: `Record an N100${d.victim ? ` for ${d.victim}` : ''} (the victim has not yet confirmed the report)`, preferred: false, edits: [insertionEdit(incident, n100Line(d.victim, incident.dateStyle))] });
        }
        const what = d.attempted ? 'An attempted rape' : 'A rape';
        const msg = [
          `${what} is reported at ${entryWhen(incident, d.entry)} ('${quote(d.text)}')${d.victim ? ` against ${d.victim}` : ''} but there is neither a rape crime nor an N100.`,
          'Every report of rape or attempted rape is recorded: as a rape crime when the victim\'s account is given, otherwise as an N100 until it is confirmed.',
          testMet
            ? `${analysis.professionalReport && !analysis.victimAccount ? 'A professional third party reported it' : `The victim gave the account ${victimWords(victimPerson(incident, d.victim)).self}`}, so record ${describeCode(d.codes[0])}${dom.domestic ? ' (DA)' : ''}.`
            : `Record an N100 now, or ${describeCode(d.codes[0])} once the victim confirms.`,
          d.missing.length ? `The code depends on ${d.missing.join(' and ')}.` : '',
        ]
          .filter(Boolean)
          .join(' ');
        return makeFinding(RULE_ID, msg, d.range, { codes: d.codes, fixes });
      });
  },
};
