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
