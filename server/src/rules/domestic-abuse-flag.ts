/**
 * domestic-abuse-flag: victim and suspect are partners, ex-partners or family
 * (16 or over), or the opening code is domestic, and a crime lacks the DA
 * flag. The fix adds DA to the crime's flags.
 */
import { FLAG_IDS } from '../parser/decisions';
import { range } from '../text/range';
import { suggest } from '../text/suggest';
import { crimesOf, describeCode, domesticFor, makeFinding } from './common';
import type { Rule } from './types';

export const RULE_ID = 'domestic-abuse-flag';

export const rule: Rule = {
  id: RULE_ID,
  check(ctx) {
    const { incident, analysis } = ctx;
    const out = [];
    for (const crime of crimesOf(incident)) {
      if (crime.flags.includes('DA')) continue;
      // A misspelt DA ("DV", "D/A") is unknown-field's to fix: one fault, one finding.
      if (crime.flags.some((f) => !FLAG_IDS.includes(f) && suggest(f, FLAG_IDS).includes('DA'))) continue;
      const dom = domesticFor(incident, analysis, crime.victim);
      if (!dom.domestic) continue;
      const fa = crime.flagsAttribute;
      const edit = fa && fa.value.trim()
        ? { range: range(crime.line, fa.valueRange.end.character, fa.valueRange.end.character), text: ', DA' }
        : fa
          ? // An empty value right after the key ("flags|"): keep a space between them.
            { range: fa.valueRange, text: fa.valueRange.start.character === fa.keyRange.end.character ? ' DA' : 'DA' }
          : { range: range(crime.line, crime.range.end.character, crime.range.end.character), text: ' | flags DA' };
      const msg =
        `Crime ${describeCode(crime.code)} lacks the domestic abuse flag: ${dom.why}. ` +
        'Domestic abuse is any incident of controlling, coercive or threatening behaviour, violence or abuse between those aged 16 or over who are or have been intimate partners or family members; the Home Office DA flag marks it. Add DA to the flags.';
      out.push(makeFinding(RULE_ID, msg, crime.codeRange, { fixes: [{ title: 'Add the DA flag', preferred: true, edits: [edit] }] }));
    }
    return out;
  },
};
