/**
 * modern-slavery-referral: the log describes exploitation amounting to a
 * modern slavery offence in England and Wales (work without pay, documents
 * held, debt bondage, restricted movement, servitude) and no 106 crime is
 * recorded. A National Referral Mechanism referral alone is not enough, and
 * exploitation wholly abroad is not recorded here.
 */
import { coverageOf } from '../analysis/coverage';
import { crimeFixes, makeFinding, quote, related } from './common';
import { exploitationOf } from './exploitation';
import type { Rule } from './types';

export const RULE_ID = 'modern-slavery-referral';

export const rule: Rule = {
  id: RULE_ID,
  check(ctx) {
    const { incident, analysis } = ctx;
    const { indicators, victims } = exploitationOf(incident, analysis);
    if (indicators.length < 2) return [];
    const cov = coverageOf(incident, analysis, ctx.lexicon);
    if (cov.crimes.some((c) => c.family === 'modern-slavery')) return [];
    if (cov.coveringNoCrime) return [];
    const victim = victims[0] ?? incident.victims[0]?.label;
    const list = indicators;
    const referral = analysis.cues.get('referral')?.[0];
    const msg =
      `The log describes exploitation amounting to modern slavery (${list.slice(0, 3).map((c) => `'${quote(c.text, 30)}'`).join(', ')}) but no 106 Modern slavery crime is recorded. ` +
      'Offences that amount to modern slavery in England and Wales are recorded as 106, with any rape or assault recorded alongside' +
      (referral ? '; the National Referral Mechanism referral does not replace the crime record.' : '.') +
      ' Record 106 Modern slavery.';
    return [
      makeFinding(RULE_ID, msg, list[0].range, {
        codes: ['106'],
        fixes: crimeFixes(incident, ['106'], victim, true, false),
        related: list.slice(1, 4).map((c) => related(c.range, `Indicator: '${quote(c.text, 40)}'`)),
      }),
    ];
  },
};
