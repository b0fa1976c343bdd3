/** equality-data: a victim has no age or sex (the code choice and the equality returns need them). */
import { makeFinding } from './common';
import type { Rule } from './types';

export const RULE_ID = 'equality-data';

export const rule: Rule = {
  id: RULE_ID,
  check(ctx) {
    return ctx.incident.victims
      .filter((v) => !v.sex || v.age === undefined)
      .map((v) => {
        const missing = [!v.sex ? 'sex' : '', v.age === undefined ? 'age' : ''].filter(Boolean).join(' and ');
        return makeFinding(
          RULE_ID,
          `Victim ${v.label} has no ${missing} recorded. The classification of sexual offences (19C-19H, 20A/20B, 17A/17B) and the equality returns need them, e.g. 'Victim: ${v.label} female, 34'.`,
          v.field.keywordRange,
        );
      });
  },
};
