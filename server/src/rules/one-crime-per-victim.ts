/**
 * one-crime-per-victim: offences are disclosed against more victims than
 * crimes are recorded for. Reported for each victim left out, where another
 * victim of the same incident has a crime; for modern slavery, each victim the
 * log describes as exploited alongside one who has a 106 crime.
 */
import { coverageOf } from '../analysis/coverage';
import type { Finding } from '../findings';
import { crimeFixes, makeFinding, quote, related } from './common';
import { exploitationOf } from './exploitation';
import { gapFinding, otherVictimHasCrime } from './unrecorded-offence';
import type { Rule, RuleContext } from './types';

export const RULE_ID = 'one-crime-per-victim';

function slaveryGaps(ctx: RuleContext): Finding[] {
  const { incident, analysis } = ctx;
  const cov = coverageOf(incident, analysis, ctx.lexicon);
  const recorded = cov.crimes.filter((c) => c.family === 'modern-slavery');
  if (!recorded.length || cov.coveringNoCrime) return [];
  const { indicators, victims } = exploitationOf(incident, analysis);
  if (indicators.length < 2) return [];
  const covered = new Set(recorded.map((c) => c.victim));
  return victims
    .filter((v) => !covered.has(v))
    .map((v) =>
      makeFinding(
        RULE_ID,
        `One crime per victim: a 106 Modern slavery crime is recorded for ${[...covered].filter(Boolean).join(', ') || 'another victim'}, but not for ${v}, whom the log describes as exploited too ('${quote(indicators[0].text, 40)}'). ` +
          'Each victim of modern slavery is a crime of their own. Record 106 Modern slavery.',
        indicators[0].range,
        {
          codes: ['106'],
          fixes: crimeFixes(incident, ['106'], v, true, false),
          related: [...indicators.slice(1, 3).map((c) => related(c.range, `Indicator: '${quote(c.text, 40)}'`)), related(recorded[0].decision.range, 'The 106 recorded')],
        },
      ),
    );
}

export const rule: Rule = {
  id: RULE_ID,
  check(ctx) {
    const cov = coverageOf(ctx.incident, ctx.analysis, ctx.lexicon);
    return [
      ...cov.offenceGaps
        .filter((g) => otherVictimHasCrime(ctx, g.victim))
        .map((g) => gapFinding(ctx, RULE_ID, g, `One crime per victim: a crime is recorded for another victim, but not for ${g.victim}. `)),
      ...slaveryGaps(ctx),
    ];
  },
};
