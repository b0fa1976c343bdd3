/**
 * Robbery read from its parts: a theft and force against one victim in one
 * entry (analyse.ts adds these readings to the disclosures).
 */
import type { Lexicon } from '../data/lexicon';
import type { Incident } from '../parser/types';
import type { Disclosure } from './types';

/** Words in a victim's description that make the property taken a business's: the robbery is 34A. */
const STAFF = /\b(staff|security|shop|store|cashier|assistant|employee|manager|worker|guard|attendant|reporting for|on behalf of|till|checkout|supervisor|licensee|landlord|driver)\b/i;

/**
 * Theft and force against one victim in one entry is robbery: force used to
 * steal, or to keep what was stolen ("punched V1 twice to break free and
 * legged it with the holdall"; "got shoved into the fence and had his phone
 * pulled out of his pocket"). Not between partners or family, where a phone
 * taken in a row is seldom stolen.
 */
export function robberyReadings(disclosures: readonly Disclosure[], relationships: ReadonlyMap<string, { intimate: boolean; family: boolean }>, lexicon: Lexicon, incident: Incident): Disclosure[] {
  const robbery = lexicon.families.get('robbery');
  if (!robbery) return [];
  const out: Disclosure[] = [];
  for (const force of disclosures) {
    if (force.family !== 'assault' || force.attempted) continue;
    const rel = force.victim ? relationships.get(force.victim) : undefined;
    if (rel && (rel.intimate || rel.family)) continue;
    const theft = disclosures.find((d) => d.family === 'theft' && d.entry === force.entry && d.victim === force.victim && d.occasion === force.occasion);
    const shopCrime = incident.decisions.some((d) => d.kind === 'crime' && /^(46|49|39)$/.test(d.code.toUpperCase()) && (!d.victim || d.victim === force.victim));
    if (!theft && !(shopCrime && force.entry === 0)) continue;
    if (disclosures.some((d) => d.family === 'robbery' && d.victim === force.victim && d.occasion === force.occasion)) continue;
    if (out.some((d) => d.victim === force.victim && d.occasion === force.occasion)) continue;
    const person = force.victim ? incident.victims.find((v) => v.label === force.victim) : incident.victims.length === 1 ? incident.victims[0] : undefined;
    const business = !!person && STAFF.test(person.description);
    const codes = business ? ['34A', '34B'] : ['34B', '34A'];
    out.push({ ...force, family: 'robbery', rank: lexicon.codeRanks.get(codes[0]) ?? robbery.rank, codes, certain: false, missing: ['whether the force was used to steal'], trigger: 'robbery.theft-and-force' });
  }
  return out;
}
