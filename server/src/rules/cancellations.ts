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
