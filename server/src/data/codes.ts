/** Home Office offence codes (rules-data/offence-codes.json). */
import codesJson from '../../../rules-data/offence-codes.json';

export interface OffenceCode {
  code: string;
  title: string;
  aliases?: string[];
  group: string;
  subgroup: string;
  family: string;
  kind: 'crime' | 'reported-incident';
  legacy?: boolean;
  /** For a legacy code: the current code for the crimes it classified. */
  replacedBy?: string;
  /** For a legacy code: the first day (ISO) it was no longer used for new crimes. */
  withdrawn?: string;
  verified: boolean;
  editions: string[];
  source: string;
  notes?: string;
  quote?: string;
}

export const OFFENCE_CODES: readonly OffenceCode[] = (codesJson as unknown as { codes: OffenceCode[] }).codes;

/** "8n" -> "8N"; "4/1" and "4.1" are the same code. */
export function normaliseCode(code: string): string {
  return code.trim().toUpperCase().replace(/\./g, '/');
}

const byKey = new Map<string, OffenceCode>(OFFENCE_CODES.map((c) => [normaliseCode(c.code), c]));

export function lookupCode(code: string): OffenceCode | undefined {
  return byKey.get(normaliseCode(code));
}

/**
 * Whether a legacy code was no longer in use for crimes reported on a day
 * (ISO date). With no date, a legacy code is taken to be in use: the
 * incident's missing Received: is reported on its own.
 */
export function withdrawnOn(code: OffenceCode, iso: string | undefined): boolean {
  if (!code.legacy || !iso) return false;
  return !code.withdrawn || iso >= code.withdrawn;
}

/** The one legacy code each current code replaced, where it replaced exactly one ("28E" <- "28A"). */
const predecessor = new Map<string, OffenceCode>();
{
  const count = new Map<string, number>();
  for (const c of OFFENCE_CODES) if (c.legacy && c.replacedBy && c.withdrawn) count.set(c.replacedBy, (count.get(c.replacedBy) ?? 0) + 1);
  for (const c of OFFENCE_CODES) if (c.legacy && c.replacedBy && c.withdrawn && count.get(c.replacedBy) === 1) predecessor.set(c.replacedBy, c);
}

/** The code in use on a day (ISO date): before April 2017 a residential burglary is 28A, not 28E. */
export function codeInUse(code: string, iso: string | undefined): string {
  const before = iso ? predecessor.get(code) : undefined;
  return before && iso! < before.withdrawn! ? before.code : code;
}

export const RAPE_FAMILY = 'rape';
export const SEXUAL_FAMILIES: ReadonlySet<string> = new Set(['sexual-assault', 'sexual-other', 'exposure']);
/** Families whose crimes record a course of conduct. */
export const COURSE_OF_CONDUCT_FAMILIES: ReadonlySet<string> = new Set(['harassment', 'stalking', 'coercive-control']);

function normaliseTitle(t: string): string {
  return t
    .toLowerCase()
    .replace(/[\u2018\u2019']/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Whether a title written after a code is that code's official title (or an accepted alias). */
export function titleMatches(code: OffenceCode, written: string): boolean {
  const w = normaliseTitle(written);
  return normaliseTitle(code.title) === w || (code.aliases ?? []).some((a) => normaliseTitle(a) === w);
}

/** Codes whose title is close to some words (for suggestions). */
export function codesByTitle(words: string, limit = 3): OffenceCode[] {
  const w = normaliseTitle(words);
  if (!w) return [];
  const wanted = new Set(w.split(' ').filter((x) => x.length > 2));
  const scored = OFFENCE_CODES.filter((c) => c.kind === 'crime' && !c.legacy)
    .map((c) => {
      const t = normaliseTitle(c.title).split(' ');
      const hit = t.filter((x) => wanted.has(x)).length;
      return { c, score: hit / Math.max(wanted.size, 1) - (t.length - hit) * 0.01 };
    })
    .filter((s) => s.score >= 0.5)
    .sort((a, b) => b.score - a.score);
  return scored.slice(0, limit).map((s) => s.c);
}

/** The line a fix writes for a code: "8N Assault with injury". */
export function codeWithTitle(code: string): string {
  const c = lookupCode(code);
  return c ? `${c.code} ${c.title}` : code;
}
