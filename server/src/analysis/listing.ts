/**
 * Victims listed with their property: "4 vehicles with windows smashed: V1
 * Focus (sat nav, gym bag), V2 Corsa (handbag), V3 van (drills)", "no.7 (V1)
 * front room window; no.9 (V2) front window; no.11 (V3) glass panel". Where
 * one entry lists two or more victims, each with property, and a property
 * crime is recorded for one of them, the log says each of the others suffered
 * the same offence: one crime per victim (analyse.ts adds these readings to
 * the disclosures; coverage and the rules do the rest).
 */
import { lookupCode, normaliseCode } from '../data/codes';
import type { Lexicon } from '../data/lexicon';
import type { CrimeDecision, Incident, LogEntry } from '../parser/types';
import type { Range } from '../text/range';
import type { Token } from './tokens';
import type { Disclosure } from './types';

export const LISTING_TRIGGER = 'listing.same-offence';

/** The classes of words that name a victim's property. */
const PROPERTY_CLASSES = ['valuables', 'dmgobj_dwelling', 'dmgobj_vehicle', 'dmgobj_other'];
/** How far after a label its property may be named, in words (up to the next label in any case). */
const REACH = 14;
const LABEL = /^v(\d{1,3})$/;

interface Reading {
  entry: LogEntry;
  index: number;
  tokens: readonly Token[];
}

const propertyCache = new WeakMap<Lexicon, Set<string>>();

/** Words that name property (the lexicon's valuables and damageable-object classes). */
export function propertyWords(lexicon: Lexicon): ReadonlySet<string> {
  let words = propertyCache.get(lexicon);
  if (!words) {
    words = new Set(PROPERTY_CLASSES.flatMap((c) => [...(lexicon.classes.get(c) ?? [])]).filter((w) => !w.includes('*')));
    propertyCache.set(lexicon, words);
  }
  return words;
}

export function listedVictimReadings(
  incident: Incident,
  readings: readonly Reading[],
  disclosures: readonly Disclosure[],
  lexicon: Lexicon,
  spanRange: (entry: LogEntry, tokens: readonly Token[], start: number, end: number) => Range,
): Disclosure[] {
  if (incident.victims.length < 2) return [];
  const crimes = incident.decisions.filter((d): d is CrimeDecision => d.kind === 'crime' && !!d.victim);
  const property = crimes.filter((c) => {
    const family = lookupCode(c.code)?.family;
    return !!family && lexicon.families.get(family)?.group === 'property';
  });
  if (!property.length) return [];
  const victims = new Set(incident.victims.map((v) => v.label.toUpperCase()));
  const words = propertyWords(lexicon);
  const out: Disclosure[] = [];
  for (const r of readings) {
    // Each victim label in the entry, and whether property is named after it (before the next label).
    const labels: { label: string; at: number; to?: number }[] = [];
    r.tokens.forEach((t, i) => {
      const m = LABEL.exec(t.text);
      if (m && victims.has('V' + m[1])) labels.push({ label: 'V' + m[1], at: i });
    });
    if (labels.length < 2) continue;
    const listed: { label: string; at: number; to?: number }[] = [];
    labels.forEach((l, k) => {
      const end = Math.min(labels[k + 1]?.at ?? r.tokens.length, l.at + 1 + REACH);
      for (let i = l.at + 1; i < end; i++) {
        if (words.has(r.tokens[i].text)) {
          if (!listed.some((x) => x.label === l.label)) listed.push({ ...l, to: i });
          break;
        }
      }
    });
    if (new Set(listed.map((l) => l.label)).size < 2) continue;
    const crime = property.find((c) => listed.some((l) => l.label === c.victim!.toUpperCase()));
    if (!crime) continue;
    const code = normaliseCode(crime.code);
    const family = lookupCode(code)!.family;
    const def = lexicon.families.get(family)!;
    // The occasion of the offence already read for the recorded victim, where there is one.
    const occasion = disclosures.find((d) => d.family === family && d.victim === crime.victim)?.occasion ?? 'current';
    for (const l of listed) {
      if (l.label === crime.victim!.toUpperCase()) continue;
      if (disclosures.some((d) => d.family === family && d.victim === l.label) || out.some((d) => d.victim === l.label)) continue;
      out.push({
        family,
        rank: lexicon.codeRanks.get(code) ?? def.rank,
        codes: [code],
        certain: true,
        missing: [],
        victim: l.label,
        entry: r.index,
        sentence: r.tokens[l.at].sentence,
        epoch: r.entry.epoch,
        // From the label to its property: "V2 Corsa (handbag".
        range: spanRange(r.entry, r.tokens, l.at, l.to! + 1),
        text: r.entry.text.slice(r.tokens[l.at].start, r.tokens[l.to!].end),
        trigger: LISTING_TRIGGER,
        occasion,
        attempted: false,
        conductOnly: false,
      });
    }
  }
  return out;
}
