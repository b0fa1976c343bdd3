/** Editions of the counting rules (rules-data/editions.json). */
import editionsJson from '../../../rules-data/editions.json';
import type { LocalDate } from '../parser/dates';

export interface EditionFeatures {
  courseOfConductInAddition: boolean;
  formerPartnerStalking: boolean;
  principalOffenceSingleIncident: boolean;
}

export interface Edition {
  id: string;
  from: string;
  title: string;
  features: EditionFeatures;
  changes: string[];
  source: string;
  verified: boolean;
  notes?: string;
}

export const EDITIONS: readonly Edition[] = [...(editionsJson as { editions: Edition[] }).editions].sort((a, b) =>
  a.from.localeCompare(b.from),
);

const iso = (d: LocalDate) => `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

export function editionById(id: string): Edition | undefined {
  return EDITIONS.find((e) => e.id === id);
}

/**
 * The edition to check an incident against: the pinned one, else the one in
 * force on its Received date (the latest when it has none). `fallback` is
 * true when the date is before every edition in rules-data.
 */
export function editionFor(received: LocalDate | undefined, pinned: string): { edition: Edition; fallback: boolean } {
  if (pinned && pinned !== 'auto') {
    const e = editionById(pinned);
    if (e) return { edition: e, fallback: false };
  }
  if (!received) return { edition: EDITIONS[EDITIONS.length - 1], fallback: false };
  const day = iso(received);
  let found: Edition | undefined;
  for (const e of EDITIONS) if (e.from <= day) found = e;
  return found ? { edition: found, fallback: false } : { edition: EDITIONS[0], fallback: true };
}
