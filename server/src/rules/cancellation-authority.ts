/**
 * cancellation-authority: the decision maker in `by` may not cancel that
 * crime. Defaults (RULES.md): a rape only by the force crime registrar (FCR);
 * other crimes by the FCR or a designated decision maker (DDM). Configurable
 * per force and per offence family.
 */
import { lookupCode, RAPE_FAMILY } from '../data/codes';
import { describeCode, makeFinding } from './common';
import { cancellations, cancelledCrime } from './cancellations';
import type { Rule } from './types';

export const RULE_ID = 'cancellation-authority';

export const rule: Rule = {
  id: RULE_ID,
  check(ctx) {
    const { incident, config, lexicon } = ctx;
    const out = [];
    for (const c of cancellations(incident)) {
      const crime = cancelledCrime(incident, c);
      const family = crime ? lookupCode(crime.code)?.family : undefined;
      const isRape = family === RAPE_FAMILY;
      const auth = config.cancellationAuthority;
      const allowed = (family && auth.families?.[family]) || (isRape ? auth.rape : auth.other);
      const what = crime ? describeCode(crime.code) : 'this crime';
      if (!c.by || !c.by.value.trim()) {
        out.push(makeFinding(RULE_ID, `This cancellation does not say who decided it. Add '| by <role>': ${what} may be cancelled by ${allowed.join(' or ')}.`, c.cClassRange ?? c.keywordRange));
        continue;
      }
      const written = c.by.value.trim();
      const role = lexicon.roles.get(written.toLowerCase()) ?? written.split(/\s+/)[0].toUpperCase();
      if (allowed.map((r) => r.toUpperCase()).includes(role.toUpperCase())) continue;
      out.push(
        makeFinding(
          RULE_ID,
          `${written} may not cancel ${what}: ${isRape ? 'a rape is cancelled only by' : 'it may be cancelled by'} ${allowed.join(' or ')}. The force crime registrar is the final arbiter of cancellation decisions.`,
          c.by.valueRange,
        ),
      );
    }
    return out;
  },
};
