/**
 * one-crime-per-victim: offences are disclosed against more victims than
 * crimes are recorded for. Reported for each victim left out, where another
 * victim of the same incident has a crime.
 */
import { coverageOf } from '../analysis/coverage';
import { gapFinding, otherVictimHasCrime } from './unrecorded-offence';
import type { Rule } from './types';

export const RULE_ID = 'one-crime-per-victim';

export const rule: Rule = {
  id: RULE_ID,
  check(ctx) {
    const cov = coverageOf(ctx.incident, ctx.analysis, ctx.lexicon);
    return cov.offenceGaps
      .filter((g) => otherVictimHasCrime(ctx, g.victim))
      .map((g) => gapFinding(ctx, RULE_ID, g, `One crime per victim: a crime is recorded for another victim, but not for ${g.victim}. `));
  },
};
