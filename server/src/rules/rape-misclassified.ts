/**
 * rape-misclassified: rape is disclosed but only a lesser sexual offence is
 * recorded. The fix changes that crime's code (and title) to the rape code.
 */
import { coverageOf } from '../analysis/coverage';
import { codeWithTitle } from '../data/codes';
import { describeCode, entryWhen, makeFinding, quote, related } from './common';
import type { Rule } from './types';

export const RULE_ID = 'rape-misclassified';

export const rule: Rule = {
  id: RULE_ID,
  check(ctx) {
    const { incident } = ctx;
    const cov = coverageOf(incident, ctx.analysis, ctx.lexicon);
    return cov.rapeGaps
      .filter((g) => g.lesser)
      .map((g) => {
        const d = g.disclosure;
        const crime = g.lesser!.decision;
        const start = crime.codeRange.start;
        const end = crime.titleRange ? crime.titleRange.end : crime.codeRange.end;
        const fixes = d.codes.map((code, i) => ({
          title: `Change to ${codeWithTitle(code)}`,
          preferred: i === 0 && d.certain,
          edits: [{ range: { start, end }, text: codeWithTitle(code) }],
          codes: [code],
        }));
        const msg =
          `Rape is disclosed at ${entryWhen(incident, d.entry)} ('${quote(d.text)}') but the crime recorded is ${describeCode(crime.code)}, a lesser sexual offence. ` +
          `A crime is classified by what the victim's account amounts to: record it as ${describeCode(d.codes[0])}.` +
          (d.missing.length ? ` The code depends on ${d.missing.join(' and ')}.` : '');
        return makeFinding(RULE_ID, msg, crime.codeRange, { codes: d.codes, fixes, related: [related(d.range, 'Rape disclosed here')] });
      });
  },
};
