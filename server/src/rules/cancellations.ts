/** What the cancellation rules share: the crime a cancellation removes. */
import { lookupCode } from '../data/codes';
import type { CancelledDecision, CrimeDecision, Incident } from '../parser/types';

export function cancelledCrime(incident: Incident, c: CancelledDecision): CrimeDecision | undefined {
  const ref = c.crimeRef?.replace(/\s+/g, '').toUpperCase();
  if (!ref) return undefined;
  return incident.decisions.find((d): d is CrimeDecision => d.kind === 'crime' && !!d.ref && d.ref.replace(/\s+/g, '').toUpperCase() === ref);
}

export function cancelledFamily(incident: Incident, c: CancelledDecision): string | undefined {
  const crime = cancelledCrime(incident, c);
  return crime ? lookupCode(crime.code)?.family : undefined;
}

export function cancellations(incident: Incident): CancelledDecision[] {
  return incident.decisions.filter((d): d is CancelledDecision => d.kind === 'cancelled');
}

/** All the words of a cancellation that may explain it: the detail after the class, the reason and the avi. */
export function cancellationText(c: CancelledDecision): string {
  return [c.detail, c.reason?.value, c.avi?.value].filter(Boolean).join(' ; ');
}

const REF = /\b[A-Z0-9]{1,6}\/[A-Z0-9]{1,8}(?:\/[A-Z0-9]{1,6})*\b/gi;

/** The crime references a cancellation names besides its own: for a C3, the crime it duplicates. */
export function otherRefs(c: CancelledDecision): string[] {
  const own = c.crimeRef?.replace(/\s+/g, '').toUpperCase();
  return (cancellationText(c).match(REF) ?? []).map((r) => r.toUpperCase()).filter((r) => r !== own);
}
