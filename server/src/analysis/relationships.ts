/**
 * Who victim and suspect are to each other, from the Victim:/Suspect:
 * descriptions and the narrative: intimate partners, former partners,
 * family. "Business partner", "partner agencies", "lodger" are not.
 */
import { isoDate, type LocalDate } from '../parser/dates';
import type { Incident, Person } from '../parser/types';
import type { RelationshipLexicon } from '../data/lexicon';
import type { RelationshipFacts } from './types';

interface Found {
  intimate: boolean;
  former: boolean;
  family: boolean;
  words?: string;
}


/** Words joined by single spaces with hyphens and punctuation removed, padded for whole-word search. */
function normalise(s: string): string {
  return ' ' + s.toLowerCase().replace(/\u2019/g, "'").replace(/[^a-z0-9' ]+/g, ' ').replace(/\s+/g, ' ').trim() + ' ';
}

interface RelationshipSets {
  former: Set<string>;
  intimate: Set<string>;
  family: Set<string>;
  extended: Set<string>;
  notDomestic: Set<string>;
  /** The longest entry, in words. */
  longest: number;
  /** First words of the entries of more than one word: only at these is a longer entry looked for. */
  firstWords: Set<string>;
}

const setsCache = new WeakMap<RelationshipLexicon, RelationshipSets>();

function setsOf(lex: RelationshipLexicon): RelationshipSets {
  let sets = setsCache.get(lex);
  if (!sets) {
    const mk = (words: string[]) => new Set(words.map((w) => normalise(w).trim()));
    sets = {
      former: mk(lex.former),
      intimate: mk(lex.intimate),
      family: mk(lex.family),
      extended: mk(lex.extendedFamily.words),
      notDomestic: mk(lex.notDomestic),
      longest: 1,
      firstWords: new Set(),
    };
    for (const entry of [...lex.former, ...lex.intimate, ...lex.family, ...lex.extendedFamily.words, ...lex.notDomestic]) {
      const words = normalise(entry).trim().split(' ');
      sets.longest = Math.max(sets.longest, words.length);
      if (words.length > 1) sets.firstWords.add(words[0]);
    }
    setsCache.set(lex, sets);
  }
  return sets;
}

/**
 * Relationship words in one piece of text, ignoring look-alikes ("business
 * partner"). In "X of Y" ("husband of V1", "new wife of V1's ex-husband",
 * "son of V1's neighbour") X is the person's relationship to Y: it counts only
 * when Y is the victim, and the words about Y do not count at all.
 */
export function readRelationship(text: string, lex: RelationshipLexicon, received?: LocalDate): Found {
  const found: Found = { intimate: false, former: false, family: false };
  for (const segment of text.split(/[,;(]/)) {
    // "Boyfriend of 2 years" says how long, not whose: the whole segment is the person's relationship.
    const of = /^(.*?)\bof\s+(?!(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|many|several|some|a few)\s+(?:years?|yrs?|months?|mths?|weeks?|wks?)\b)(.*)$/i.exec(segment);
    const own = of ? (/^(?:v\d+(?!'s)\b|her\b|him\b|the victim\b|victim\b)/i.test(of[2].trim()) ? of[1] : '') : segment;
    if (own.trim()) merge(found, readWords(own, lex, received));
  }
  return found;
}

function merge(into: Found, from: Found): void {
  into.intimate ||= from.intimate;
  into.former ||= from.former;
  into.family ||= from.family;
  into.words ??= from.words;
}

function readWords(text: string, lex: RelationshipLexicon, received?: LocalDate): Found {
  const t = normalise(text);
  const words = t.trim().split(' ');
  const sets = setsOf(lex);
  const extended = !received || isoDate(received) >= lex.extendedFamily.from;
  if (!words.some((w) => sets.firstWords.has(w) || sets.former.has(w) || sets.intimate.has(w) || sets.family.has(w) || sets.extended.has(w))) {
    return { intimate: false, former: false, family: false };
  }
  const found: Found = { intimate: false, former: false, family: false };
  // Longest phrase first at each word, so "former business partner" is one look-alike, not a former partner.
  for (let i = 0; i < words.length; ) {
    let taken = 0;
    const longest = sets.firstWords.has(words[i]) ? Math.min(sets.longest, words.length - i) : 1;
    // Someone else's relative ("neighbour's son", "friend's husband") is not the victim's; "V1's husband" is.
    const othersRelative = i > 0 && words[i - 1].endsWith("'s") && !/^v\d+'s$/.test(words[i - 1]);
    for (let n = longest; n >= 1 && !taken; n--) {
      const gram = n === 1 ? words[i] : words.slice(i, i + n).join(' ');
      if (sets.notDomestic.has(gram) || (othersRelative && (sets.former.has(gram) || sets.intimate.has(gram) || sets.family.has(gram) || sets.extended.has(gram)))) taken = n;
      else if (sets.former.has(gram)) {
        found.former = found.intimate = true;
        found.words ??= gram;
        taken = n;
      } else if (sets.intimate.has(gram)) {
        found.intimate = true;
        found.words ??= gram;
        taken = n;
      } else if (sets.family.has(gram) || (extended && sets.extended.has(gram))) {
        found.family = true;
        found.words ??= gram;
        taken = n;
      }
    }
    i += taken || 1;
  }
  return found;
}

/** A victim label as the word it is matched as: letters and digits, any case ("V1"). */
function labelKey(label: string): string {
  return label.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
}

/**
 * A function giving the labels (of `labels`, in their order) that a text
 * names as whole words, any case. It looks up the text's words rather than
 * trying each label, so an incident with many victims is not checked
 * victims-times-victims.
 */
function labelFinder(labels: readonly string[]): (s: string) => string[] {
  const byKey = new Map<string, number[]>();
  labels.forEach((l, i) => {
    const k = labelKey(l);
    const at = byKey.get(k);
    if (at) at.push(i);
    else byKey.set(k, [i]);
  });
  return (s) => {
    if (!byKey.size) return [];
    let hits: number[] | undefined;
    for (const w of s.match(/\w+/g) ?? []) {
      const at = byKey.get(w.toUpperCase());
      if (at) (hits ??= []).push(...at);
    }
    if (!hits) return [];
    return [...new Set(hits)].sort((x, y) => x - y).map((i) => labels[i]);
  };
}

/**
 * The relationship of each victim to the suspect(s). A suspect description
 * that names a victim label ("V1's uncle") applies to that victim; otherwise
 * to every victim (in practice, the sole victim).
 */
export function readRelationships(incident: Incident, lex: RelationshipLexicon): Map<string, RelationshipFacts> {
  const out = new Map<string, RelationshipFacts>();
  const received = incident.received?.date;
  const victims = incident.victims.length ? incident.victims : [];
  const apply = (labels: string[], f: Found, fieldLine?: number, description?: string) => {
    if (!f.intimate && !f.family) return;
    for (const l of labels) {
      const cur = out.get(l) ?? { intimate: false, formerPartner: false, family: false };
      cur.intimate ||= f.intimate;
      cur.formerPartner ||= f.former;
      cur.family ||= f.family;
      if (fieldLine !== undefined && cur.fieldLine === undefined) {
        cur.fieldLine = fieldLine;
        cur.description = description;
      }
      out.set(l, cur);
    }
  };
  const allLabels = victims.map((v) => v.label);
  const labelsIn = labelFinder(allLabels);
  for (const s of incident.suspects) {
    // "S2 male, 46, S1's husband", "husband of S1": a relationship between suspects, not with a victim.
    if ((/\bS\d+'s\b/i.test(s.description) || /\bof\s+S\d+\b/i.test(s.description)) && !labelsIn(s.description).length) continue;
    const named = labelsIn(s.description);
    apply(named.length ? named : allLabels.length ? allLabels : ['V1'], readRelationship(s.description, lex, received), s.field.line, s.field.value);
  }
  // A victim's own description may say it: "V1 female, 30, S1's wife" (but "V2 V1's daughter" relates two victims).
  for (const v of victims) {
    if (labelsIn(v.description).some((l) => l !== v.label) && !/\bS\d+\b/i.test(v.description)) continue;
    const f = readRelationship(v.description, lex, received);
    if (f.intimate || f.family) apply([v.label], f, v.field.line, v.field.value);
  }
  // The narrative: "her ex S1", "her boyfriend S1", "her uncle S1".
  for (const e of incident.entries) {
    const t = e.text;
    if (!/S\d/i.test(t)) continue;
    const re = /\b(?:her|his|their|V\d+'s)\s+((?:ex[- ]?)?[a-z-]+(?:[ -][a-z]+)?)\s*,?\s*S\d+\b/gi;
    let m: RegExpExecArray | null;
    while ((m = re.exec(t))) {
      const f = readRelationship(m[1], lex, received);
      if (f.intimate || f.family) {
        const named = labelsIn(m[0]);
        apply(named.length ? named : allLabels.length ? allLabels : ['V1'], f);
      }
    }
  }
  return out;
}

/** Whether a person is known to be under 16. */
export function under16(p: Person | undefined): boolean {
  return !!p && p.age !== undefined && (p.ageUpper ?? p.age) < 16;
}
