/**
 * cancellation-misuse: C4 ("created in error") removes a crime that was
 * substantive; C3 names no crime it duplicates; C1 names no other force.
 */
import { matchText } from '../analysis/text-match';
import { COURSE_OF_CONDUCT_FAMILIES, lookupCode } from '../data/codes';
import type { Finding } from '../findings';
import { describeCode, makeFinding, quote, related } from './common';
import { cancellations, cancellationText, cancelledCrime, otherRefs } from './cancellations';
import type { Rule } from './types';

export const RULE_ID = 'cancellation-misuse';

/** Whether text names a police force: a known name, or "<Name> Police" / "<Name> Constabulary". */
function namesForce(text: string, forces: readonly string[]): boolean {
  if (/\b[A-Z][A-Za-z&'-]*(?:\s+(?:and\s+)?[A-Z][A-Za-z&'-]*)*\s+(?:Police|Constabulary)\b/.test(text)) return true;
  const t = ' ' + text.toLowerCase().replace(/[^a-z0-9]+/g, ' ') + ' ';
  return forces.some((f) => t.includes(' ' + f.replace(/[^a-z0-9]+/g, ' ') + ' '));
}

export const rule: Rule = {
  id: RULE_ID,
  check(ctx) {
    const { incident, analysis, lexicon } = ctx;
    const out: Finding[] = [];
    for (const c of cancellations(incident)) {
      const at = c.cClassRange ?? c.keywordRange;
      const text = cancellationText(c);
      if (c.cClass === 'C4') {
        const crime = cancelledCrime(incident, c);
        const family = crime ? lookupCode(crime.code)?.family : undefined;
        const courseOfConduct = family !== undefined && COURSE_OF_CONDUCT_FAMILIES.has(family);
        // A course-of-conduct crime is substantive when the log shows the conduct; any other crime when the log discloses its offence.
        const disclosed = analysis.disclosures.find(
          (d) =>
            (courseOfConduct ? d.conductOnly && analysis.courseOfConduct.present : !d.conductOnly && (!family || d.family === family || !crime)) &&
            (!crime?.victim || !d.victim || d.victim === crime.victim),
        );
        const genuineError = matchText(lexicon.errorWords, text).length > 0;
        if (disclosed && !genuineError) {
          out.push(
            makeFinding(
              RULE_ID,
              `C4 ('recorded in error') is used to remove ${crime ? describeCode(crime.code) : 'a crime'} that the log shows was substantive ('${quote(disclosed.text, 50)}'). ` +
                'C4 is for a record created by mistake (wrong incident, wrong victim, a keying error). A crime that happened is removed only with additional verifiable information (C2) or transferred (C1); a victim who no longer wants police action is not a reason to cancel.',
              at,
              { related: [related(disclosed.range, 'The offence disclosed here'), ...(crime ? [related(crime.range, 'The crime cancelled')] : [])] },
            ),
          );
        }
      } else if (c.cClass === 'C3') {
        if (!otherRefs(c).length) {
          out.push(makeFinding(RULE_ID, `A C3 (duplicate) cancellation must name the crime it duplicates, e.g. 'reason duplicate of 20/1234/18'. Without it the audit trail cannot show the crime is still counted once.`, at));
        }
      } else if (c.cClass === 'C1') {
        if (!namesForce(text, lexicon.forces)) {
          out.push(makeFinding(RULE_ID, `A C1 transfer must name the force the crime is transferred to (the offence happened outside this force's area), e.g. 'reason transferred to Staffordshire Police'.`, at));
        }
      }
    }
    return out;
  },
};
