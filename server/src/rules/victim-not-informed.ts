/**
 * victim-not-informed: a cancellation lacks `informed yes`. The fix records
 * that the victim was told: a reminder to tell them, not a pretence that they
 * were (its title says so, and it is never preferred).
 */
import { range } from '../text/range';
import { makeFinding } from './common';
import { cancellations, otherRefs } from './cancellations';
import type { Rule } from './types';

export const RULE_ID = 'victim-not-informed';

export const rule: Rule = {
  id: RULE_ID,
  check(ctx) {
    const out = [];
    for (const c of cancellations(ctx.incident)) {
      const v = c.informed?.value.trim().toLowerCase();
      if (v === 'yes') continue;
      // A true duplicate (a C3 naming the crime it duplicates) leaves the victim's crime standing under that reference: nothing to tell.
      if (c.cClass === 'C3' && otherRefs(c).length) continue;
      const edit = c.informed
        ? { range: c.informed.valueRange, text: c.informed.valueRange.start.character === c.informed.keyRange.end.character ? ' yes' : 'yes' }
        : { range: range(c.line, c.range.end.character, c.range.end.character), text: ' | informed yes' };
      const what = c.cClass === 'C1' ? 'transferred' : 'cancelled';
      out.push(
        makeFinding(
          'victim-not-informed',
          `${c.informed ? "The log says the victim was not told" : 'The log does not record that the victim was told'} that the crime was ${what}. Victims are told, with the reason, when their crime is ${what}; HMICFRS found this often not done. Tell the victim, then record 'informed yes'.`,
          c.informed ? c.informed.range : c.cClassRange ?? c.keywordRange,
          { fixes: [{ title: "Record 'informed yes' (only once the victim has been told)", preferred: false, edits: [edit] }] },
        ),
      );
    }
    return out;
  },
};
