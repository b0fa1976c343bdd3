/**
 * Reading an incident's narrative: which offences it discloses (negation-
 * and modality-aware), for which victim, on which occasion, and the cues the
 * rules need. Every rule works from this one reading.
 */
import type { CountingRulesConfig } from '../config/types';
import { editionFor } from '../data/editions';
import type { Lexicon, TriggerRef } from '../data/lexicon';
import type { Incident, LogEntry, Person } from '../parser/types';
import type { Range } from '../text/range';
import { chooseCodes } from './codes';
import { readRelationships } from './relationships';
import { tokenize, type Token } from './tokens';
import type { CueHit, Disclosure, IncidentAnalysis } from './types';

interface EntryReading {
  entry: LogEntry;
  index: number;
  tokens: Token[];
  cues: { name: string; start: number; end: number; negated: boolean }[];
  /** The attempt cues, by start (made when first needed). */
  attempts?: EntryReading['cues'];
  /** Sentence number to its first historic cue's words (made when first needed). */
  historicBySentence?: Map<number, string>;
}

/** Maps an offset in an entry's joined text to a position in the incident. */
function positionOf(entry: LogEntry, offset: number): { line: number; character: number } {
  const segs = entry.segments;
  // The last segment starting at or before the offset (binary search: an entry may have thousands of lines).
  let lo = 0;
  let hi = segs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segs[mid].offset <= offset) lo = mid;
    else hi = mid - 1;
  }
  const s = segs[lo];
  const within = Math.min(Math.max(offset - s.offset, 0), s.length);
  return { line: s.line, character: s.character + within };
}

export function spanRange(entry: LogEntry, tokens: readonly Token[], start: number, end: number): Range {
  return { start: positionOf(entry, tokens[start].start), end: positionOf(entry, tokens[end - 1].end) };
}

const CONDITIONAL = new Set(['if', 'should', 'advised', 'case', 'unless', 'whether']);
const QUESTION = new Set(['if', 'whether', 'asked', 'any']);
const PASSIVE = new Set(['was', 'were', 'been', 'being', 'got', 'get', 'gets', 'is']);
const HELPERS = new Set(['then', 'has', 'had', 'have', 'also', 'allegedly', 'apparently', 'tried', 'trying', 'to', 'attempted']);

const REPORTING = new Set(['says', 'said', 'states', 'stated', 'reports', 'reported', 'tells', 'told', 'explains', 'explained', 'alleges', 'alleged', 'claims', 'claimed', 'adds', 'added']);

/**
 * The victim did it: a victim label is the subject right before the words
 * ("V1 hit the kerb and damaged the wheel", "S1 says V1 slapped him first").
 * Passive words ("V1 was punched") mean the opposite, and so does the victim
 * reporting what a suspect did ("V1 says S1 said he would kill him").
 */
function victimActs(tokens: readonly Token[], start: number, victimPronoun?: string): boolean {
  const next = tokens[start + 1];
  if (REPORTING.has(tokens[start].text) && next && next.clause === tokens[start].clause && (next.text === 'that' || /^s\d+$/.test(next.text))) return false;
  let i = start - 1;
  while (i >= 0 && HELPERS.has(tokens[i].text) && tokens[i].clause === tokens[start].clause) i--;
  if (i < 0 || tokens[i].clause !== tokens[start].clause) return false;
  const w = tokens[i].text;
  if (PASSIVE.has(w)) return false;
  return (w.charCodeAt(0) === 118 && /^v\d+$/.test(w)) || w === victimPronoun;
}

/**
 * The subject pronoun that can only mean the victim: "she" for a sole female
 * victim when every suspect is male ("drove off when she took her phone out"),
 * and the other way about.
 */
function victimPronounOf(incident: Incident): string | undefined {
  if (incident.victims.length !== 1 || !incident.suspects.length) return undefined;
  const sex = incident.victims[0].sex;
  if (!sex || incident.suspects.some((s) => !s.sex || s.sex === sex)) return undefined;
  return sex === 'female' ? 'she' : 'he';
}

/**
 * A negation shortly before `start`, in the same clause: "no injuries",
 * "denies hitting her". Short-reach words ("without", "nil") only reach two
 * words; a negation followed by a word that turns it into something else
 * ("won't stop bleeding", "did not report it") does not count.
 */
export function negatedAt(tokens: readonly Token[], start: number, lexicon: Lexicon): boolean {
  const clause = tokens[start].clause;
  const n = lexicon.negation;
  for (let i = start - 1; i >= 0 && i >= start - n.window; i--) {
    if (tokens[i].clause !== clause) break;
    const w = tokens[i].text;
    const short = n.short.has(w);
    if (!short && !n.words.has(w)) continue;
    if (short && start - i > 2) continue;
    const next = tokens[i + 1]?.text;
    if (next !== undefined && n.pseudoNext.has(next)) continue;
    // "the man at no. 14": a house number, not a negation.
    if (w === 'no' && next !== undefined && next.charCodeAt(0) >= 48 && next.charCodeAt(0) <= 57) continue;
    // "if they didn't hand over": a condition, not a denial.
    if ((tokens[i - 1] && CONDITIONAL.has(tokens[i - 1].text)) || (tokens[i - 2] && CONDITIONAL.has(tokens[i - 2].text))) continue;
    return true;
  }
  return false;
}

/** A word from `words` shortly before `start`, in the same clause (modal blockers: "threatened to punch her"). */
function blockedAt(tokens: readonly Token[], start: number, words: ReadonlySet<string>, window: number): boolean {
  const clause = tokens[start].clause;
  for (let i = start - 1; i >= 0 && i >= start - window; i--) {
    if (tokens[i].clause !== clause) break;
    if (words.has(tokens[i].text)) return true;
  }
  return false;
}

/** A negation just after the words: "assault denied", "sexual assault recorded" (a note of what was done, not a new disclosure). */
function negatedAfter(tokens: readonly Token[], end: number, lexicon: Lexicon): boolean {
  const clause = tokens[end - 1].clause;
  for (let i = end; i < tokens.length && i < end + 2 && tokens[i].clause === clause; i++) if (lexicon.negation.after.has(tokens[i].text)) return true;
  return false;
}

const LABEL = /^([vs])(\d{1,3})(?:'s)?$/;

/** Victim labels that a disclosure names: in its words, just after them, else just before them in the clause. */
function victimLabels(tokens: readonly Token[], start: number, end: number): string[] {
  const found: string[] = [];
  const sentence = tokens[start].sentence;
  // A possessive label names the victim only in or after the words ("kicked in the panel of V2's front door": V2's door);
  // before them it names someone else's relative ("V1's husband punched her").
  const add = (t: Token, possessiveNames = false) => {
    const m = LABEL.exec(t.text);
    if (m && m[1] === 'v' && (possessiveNames || !t.text.endsWith("'s"))) {
      const l = 'V' + m[2];
      if (!found.includes(l)) found.push(l);
    }
  };
  for (let i = start; i < end; i++) add(tokens[i], i > start);
  for (let i = end; i < tokens.length && i < end + 4 && tokens[i].sentence === sentence; i++) {
    if (tokens[i].text === 'and' || tokens[i].text === 'both' || LABEL.test(tokens[i].text) || tokens[i].text === 'in' || tokens[i].text === 'to') add(tokens[i], true);
    else if (found.length) break;
    else add(tokens[i], true);
  }
  if (found.length) return found;
  const clause = tokens[start].clause;
  for (let i = start - 1; i >= 0 && i >= start - 5 && tokens[i].clause === clause; i--) add(tokens[i]);
  return found;
}

const PLURAL = new Set(['them', 'their', 'both', 'pair', 'all', 'everyone', 'us', 'each', 'lads', 'boys', 'men', 'women', 'girls', 'people', 'doormen', 'victims']);
const FEMALE_NOUNS = new Set(['female', 'woman', 'girl', 'lady', 'doorwoman']);
const MALE_NOUNS = new Set(['male', 'man', 'boy', 'doorman', 'lad']);
const RELATIONAL: Record<string, { sex?: 'female' | 'male'; inverse: string[] }> = {
  mum: { sex: 'female', inverse: ['daughter', 'son', 'child'] },
  mother: { sex: 'female', inverse: ['daughter', 'son', 'child'] },
  dad: { sex: 'male', inverse: ['daughter', 'son', 'child'] },
  father: { sex: 'male', inverse: ['daughter', 'son', 'child'] },
  daughter: { sex: 'female', inverse: ['mother', 'father', 'mum', 'dad', 'parent'] },
  son: { sex: 'male', inverse: ['mother', 'father', 'mum', 'dad', 'parent'] },
  wife: { sex: 'female', inverse: ['husband'] },
  husband: { sex: 'male', inverse: ['wife'] },
  sister: { sex: 'female', inverse: ['brother', 'sister'] },
  brother: { sex: 'male', inverse: ['brother', 'sister'] },
  gran: { sex: 'female', inverse: ['grandson', 'granddaughter'] },
  nan: { sex: 'female', inverse: ['grandson', 'granddaughter'] },
  grandmother: { sex: 'female', inverse: ['grandson', 'granddaughter'] },
  grandad: { sex: 'male', inverse: ['grandson', 'granddaughter'] },
  grandfather: { sex: 'male', inverse: ['grandson', 'granddaughter'] },
};

/**
 * The victim a relational noun names: one whose description has the noun
 * ("V2 female, 19, daughter of V1" is the daughter), or whose relative's
 * description has its inverse (V1 is then the mother: "punched mum").
 */
function victimByNoun(w: string, victims: readonly Person[]): string | undefined {
  const rel = RELATIONAL[w];
  if (!rel || victims.length < 2) return undefined;
  const direct = victims.filter((v) => new RegExp(`\\b${w}\\b`, 'i').test(v.description));
  if (direct.length === 1) return direct[0].label;
  for (const v of victims) {
    for (const inv of rel.inverse) {
      const m = new RegExp(`\\b${inv}\\s+of\\s+(V\\d+)`, 'i').exec(v.description) ?? new RegExp(`\\b(V\\d+)'s\\s+${inv}\\b`, 'i').exec(v.description);
      if (m) {
        const target = victims.find((x) => x.label === m[1].toUpperCase());
        if (target && (!rel.sex || !target.sex || target.sex === rel.sex)) return target.label;
      }
    }
  }
  return undefined;
}

// Reflexives ("exposed himself") name the actor, not the victim.
const FEMALE_OBJ = new Set(['her']);
const MALE_OBJ = new Set(['him', 'his']);

/**
 * The victims a disclosure is about. Named labels first; else the object
 * pronoun it uses ("her", "him", "them both") matched against the victims'
 * sex, the most recently named one winning; a pronoun that fits no victim
 * means someone else (often the suspect, pushed off in self-defence), so no
 * victim of this incident: `null`.
 */
function disclosureVictims(
  tokens: readonly Token[],
  start: number,
  end: number,
  victims: readonly Person[],
  victimIsSubject = false,
  namedInEntry: ReadonlySet<string> = new Set(),
): (string | undefined)[] | null {
  const labels = victimLabels(tokens, start, end);
  if (labels.length) return labels;
  if (!victims.length) return [undefined];
  if (victimIsSubject) {
    if (victims.length === 1) return [victims[0].label];
    // "They were robbed", "both were punched": every victim.
    for (let i = Math.max(0, start - 1); i < end; i++) if (PLURAL.has(tokens[i].text) || tokens[i].text === 'they' || tokens[i].text === 'we') return victims.map((v) => v.label);
    // "She was pushed": the victim of that sex, where only one fits.
    for (let i = Math.max(0, start - 1); i < end; i++) {
      const w = tokens[i].text;
      const sex = w === 'she' ? 'female' : w === 'he' ? 'male' : undefined;
      if (!sex) continue;
      const fits = victims.filter((v) => v.sex === sex);
      if (fits.length === 1) return [fits[0].label];
      break;
    }
    // "him and his mate have just been robbed", "V1 and V2 were punched".
    for (let i = Math.max(0, start - 3); i < end; i++) {
      if (tokens[i].text === 'and' && tokens[i].clause === tokens[start].clause && /^(?:his|her|their|my|v\d+)$/.test(tokens[i + 1]?.text ?? '')) return victims.map((v) => v.label);
    }
    // "V3 tried to walk off, got shoved": the victim named last before it in the sentence.
    for (let i = start - 1; i >= 0 && tokens[i].sentence === tokens[start].sentence; i--) {
      const m = LABEL.exec(tokens[i].text);
      if (m && m[1] === 'v' && !tokens[i].text.endsWith("'s") && victims.some((v) => v.label === 'V' + m[2])) return ['V' + m[2]];
    }
    return [undefined];
  }
  const sentence = tokens[start].sentence;
  let sex: 'female' | 'male' | 'plural' | undefined;
  const read = (w: string) => (PLURAL.has(w) ? 'plural' : FEMALE_OBJ.has(w) || FEMALE_NOUNS.has(w) ? 'female' : MALE_OBJ.has(w) || MALE_NOUNS.has(w) ? 'male' : undefined);
  // A relational noun ("punched mum", "hit his son") names the victim whose description has it.
  for (let i = start; i < Math.min(tokens.length, end + 3); i++) {
    const byNoun = victimByNoun(tokens[i].text, victims);
    if (byNoun) return [byNoun];
  }
  // The object of the words: the last object pronoun among them, else the first just after.
  for (let i = start; i < end; i++) sex = read(tokens[i].text) ?? sex;
  for (let i = end; !sex && i < tokens.length && i < end + 3 && tokens[i].sentence === sentence; i++) sex = read(tokens[i].text);
  // "Hand over your phones" said to several victims is said to them all.
  if (sex === 'plural' || (victims.length > 1 && !sex && tokens.slice(start, end + 2).some((t) => t.text === 'your' || t.text === 'you'))) return victims.map((v) => v.label);
  if (!sex) {
    if (victims.length === 1) return [victims[0].label];
    // No pronoun: the victim the entry is about, named last before the words ("V2 rang in separately. Shutter forced the same way").
    for (let i = start - 1; i >= 0; i--) {
      const m = LABEL.exec(tokens[i].text);
      if (m && m[1] === 'v' && !tokens[i].text.endsWith("'s") && victims.some((v) => v.label === 'V' + m[2])) return ['V' + m[2]];
    }
    return [undefined];
  }
  const fits = victims.filter((v) => !v.sex || v.sex === sex);
  if (!fits.length) return null;
  if (fits.length === 1) return [fits[0].label];
  // The pronoun's antecedent: the fitting victim whose label comes last before it in the entry
  // ("V1 rang, says two lads jumped him ... one pinned him against the wall": both V1).
  // A companion ("V2 was with V1 in the underpass ... told him to empty his pockets") is passed over for a victim named before it in the sentence.
  let companion: string | undefined;
  for (let i = start - 1; i >= 0; i--) {
    const m = LABEL.exec(tokens[i].text);
    if (m && m[1] === 'v') {
      const hit = fits.find((v) => v.label === 'V' + m[2]);
      if (!hit) continue;
      if (!companion && COMPANION.has(tokens[i - 1]?.text ?? '') && tokens[i - 1].sentence === tokens[i].sentence) {
        companion = hit.label;
        continue;
      }
      if (companion && tokens[i].sentence !== sentence) break;
      return [hit.label];
    }
  }
  if (companion) return [companion];
  // No label before it: one victim already named in this entry (by a relational noun) leaves the other ("punched mum ... shoved her").
  const unnamed = fits.filter((v) => !namedInEntry.has(v.label));
  if (unnamed.length === 1 && namedInEntry.size) return [unnamed[0].label];
  return [undefined];
}

/** Words that make a one-word offence name point back to one already disclosed ("the burglary"). */
const ANAPHORIC: ReadonlySet<string> = new Set(['the', 'this', 'that', 'same']);

const COMPANION: ReadonlySet<string> = new Set(['with', 'alongside', 'beside', 'accompanied']);

/** Words that may stand before an officer's own verb at the start of a sentence: "Rang V1", "Tried to ring V1 again". */
const AUTHOR_LEAD: ReadonlySet<string> = new Set(['then', 'also', 'again', 'tried', 'trying', 'to', 'have', 'has', 'had', 'i', 'we', 'further', 'later', 'attempted']);

/**
 * The author's own action, not the suspect's: contact that opens its sentence
 * with no subject and goes to a victim by label ("Rang V1 twice, no answer",
 * "Tried to call V1"). Officers write their own actions this way; a caller's
 * account of a suspect names him or uses a pronoun.
 */
function authorsOwnContact(tokens: readonly Token[], start: number, end: number): boolean {
  let i = start - 1;
  while (i >= 0 && tokens[i].sentence === tokens[start].sentence && AUTHOR_LEAD.has(tokens[i].text)) i--;
  if (i >= 0 && tokens[i].sentence === tokens[start].sentence) return false;
  for (let k = start; k < Math.min(tokens.length, end + 2); k++) if (/^v\d+$/.test(tokens[k].text)) return true;
  return false;
}

function occasionOf(reading: EntryReading, start: number): string {
  if (!reading.historicBySentence) {
    // The first historic cue of each sentence, worked out once per entry rather than once per trigger.
    reading.historicBySentence = new Map();
    for (const c of reading.cues) {
      if (c.negated || c.name !== 'historic') continue;
      const sentence = reading.tokens[c.start].sentence;
      if (!reading.historicBySentence.has(sentence)) reading.historicBySentence.set(sentence, reading.tokens.slice(c.start, c.end).map((t) => t.text).join(' '));
    }
  }
  return reading.historicBySentence.get(reading.tokens[start].sentence) ?? 'current';
}

function ageAtOffence(reading: EntryReading, start: number): number | undefined {
  const toks = reading.tokens;
  const [from, to] = sentenceOf(toks, start);
  for (let i = from; i < to && i + 3 < toks.length; i++) {
    if (toks[i].text === 'when' && (toks[i + 1].text === 'she' || toks[i + 1].text === 'he') && toks[i + 2].text === 'was' && /^\d{1,2}$/.test(toks[i + 3].text)) {
      return +toks[i + 3].text;
    }
    if (toks[i].text === 'aged' && /^\d{1,2}$/.test(toks[i + 1].text) && /^(at|when)$/.test(toks[i + 2]?.text ?? '')) return +toks[i + 1].text;
  }
  return undefined;
}

/** An attempt cue ending by the trigger's first word, starting at most 4 words before it, in its clause ("tried to punch"). */
function attemptBefore(reading: EntryReading, start: number): boolean {
  const attempts = (reading.attempts ??= reading.cues.filter((c) => c.name === 'attempt').sort((a, b) => a.start - b.start));
  if (!attempts.length) return false;
  // The first attempt cue starting at or after start - 4 (binary search: an entry may have many).
  let lo = 0;
  let hi = attempts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (attempts[mid].start < start - 4) lo = mid + 1;
    else hi = mid;
  }
  const clause = reading.tokens[start].clause;
  for (let i = lo; i < attempts.length && attempts[i].start <= start + 1; i++) {
    const c = attempts[i];
    if (c.end <= start + 1 && reading.tokens[c.start].clause === clause) return true;
  }
  return false;
}

/** The tokens [from, to) of the sentence token `at` is in (sentence numbers rise through an entry). */
function sentenceOf(tokens: readonly Token[], at: number): [number, number] {
  const sentence = tokens[at].sentence;
  let from = at;
  while (from > 0 && tokens[from - 1].sentence === sentence) from--;
  let to = at + 1;
  while (to < tokens.length && tokens[to].sentence === sentence) to++;
  return [from, to];
}

/** Cue hits in an entry, with their negation. Repetition in advice or a condition ("ring again if he comes back") is dropped. */
function readCues(tokens: readonly Token[], found: readonly { start: number; end: number; value: string }[], lexicon: Lexicon): EntryReading['cues'] {
  const hits = found.map((m) => ({
    name: m.value,
    start: m.start,
    end: m.end,
    negated: negatedAt(tokens, m.start, lexicon),
  }));
  const advice = hits.filter((h) => h.name === 'advice');
  return hits.filter((h) => {
    // "Caller is V1's college friend": a friend met at college, not the college (as readReporter reads a Reporter: field).
    if (h.name === 'professional') return !PERSONAL_AFTER.has(tokens[h.end]?.text ?? '');
    // "Caller has fallen out with V1, wants it looked into": the caller wants it, not V1. A confirmation stays in its clause.
    if (h.name === 'confirmation') return tokens[h.start].clause === tokens[h.end - 1].clause;
    // "Asked if any threats made": a question, not a threat.
    if (h.name === 'threat') return !blockedAt(tokens, h.start, QUESTION, 3);
    return h.name !== 'repetition' || (!advice.some((a) => a.start < h.end && h.start < a.end) && !blockedAt(tokens, h.start, CONDITIONAL, 6));
  });
}

/** Words that make a place or job before them personal: a "school friend", a "work mate", a "college boyfriend". */
const PERSONAL_AFTER: ReadonlySet<string> = new Set(['friend', 'friends', 'mate', 'mates', 'pal', 'neighbour', 'boyfriend', 'girlfriend', 'partner', 'classmate', 'flatmate', 'housemate', 'relative', 'mother', 'father', 'mum', 'dad', 'sister', 'brother', 'cousin', 'aunt', 'uncle']);

/** A trigger's context condition: some phrase of it in the same sentence (or entry). */
function contextHolds(tokens: readonly Token[], start: number, ref: TriggerRef, lexicon: Lexicon): boolean {
  const ctx = ref.context;
  if (!ctx) return true;
  const scope = ctx.scope === 'entry' ? tokens : tokens.slice(...sentenceOf(tokens, start));
  return ctx.index.findAll(scope).some((m) => !negatedAt(scope, m.start, lexicon));
}

export function analyseIncident(incident: Incident, lexicon: Lexicon, config: CountingRulesConfig): IncidentAnalysis {
  const { edition, fallback } = editionFor(incident.received?.date, config.edition);
  // One scan of each entry finds both the offence triggers and the cues.
  const triggerMatches: { start: number; end: number; value: TriggerRef }[][] = [];
  const readings: EntryReading[] = incident.entries.map((entry, index) => {
    const tokens = tokenize(entry.text);
    const triggers: { start: number; end: number; value: TriggerRef }[] = [];
    const cueHits: { start: number; end: number; value: string }[] = [];
    if (tokens.length) {
      for (const m of lexicon.narrative.findAll(tokens)) {
        if (m.value.trigger) triggers.push({ start: m.start, end: m.end, value: m.value.trigger });
        else cueHits.push({ start: m.start, end: m.end, value: m.value.cue });
      }
    }
    triggerMatches.push(triggers);
    return { entry, index, tokens, cues: tokens.length ? readCues(tokens, cueHits, lexicon) : [] };
  });

  const cues = new Map<string, CueHit[]>();
  for (const r of readings) {
    for (const c of r.cues) {
      if (c.negated && c.name !== 'injury') continue;
      const name = c.name === 'injury' && c.negated ? 'no-injury' : c.name;
      const hit: CueHit = {
        cue: name,
        range: spanRange(r.entry, r.tokens, c.start, c.end),
        text: r.tokens.slice(c.start, c.end).map((t) => t.text).join(' '),
        entry: r.index,
        sentence: r.tokens[c.start].sentence,
      };
      const l = cues.get(name);
      if (l) l.push(hit);
      else cues.set(name, [hit]);
    }
  }

  const victimsByLabel = new Map(incident.victims.map((v) => [v.label, v]));
  const soleVictim = incident.victims.length === 1 ? incident.victims[0].label : undefined;
  const disclosures: Disclosure[] = [];
  const injuryByVictim = readInjuries(readings, soleVictim);
  const racial = (cues.get('racial')?.length ?? 0) > 0;

  const victimPronoun = victimPronounOf(incident);
  for (const r of readings) {
    if (!r.tokens.length) continue;
    const namedInEntry = new Set<string>();
    const matches = triggerMatches[r.index];
    const kept = resolveOverlaps(matches.filter((m) => !suppressed(r.tokens, m.start, m.end, m.value, lexicon)));
    for (const m of kept) {
      const { family, trigger } = m.value;
      if (!trigger.victimIsSubject && victimActs(r.tokens, m.start, victimPronoun)) continue;
      if (family.conductOnly && authorsOwnContact(r.tokens, m.start, m.end)) continue;
      // "Accusing her of telling people his son did the burglary": the offence already disclosed, named again.
      if (m.end - m.start === 1 && ANAPHORIC.has(r.tokens[m.start - 1]?.text ?? '') && disclosures.some((d) => d.family === family.id)) continue;
      // "Takes his wages out every friday for rent": exploitation (modern slavery's to report), not a theft of its own.
      if (family.group === 'property' && r.cues.some((c) => c.name === 'exploitation' && !c.negated && c.start < m.end && m.start < c.end)) continue;
      let targets = disclosureVictims(r.tokens, m.start, m.end, incident.victims, trigger.victimIsSubject, namedInEntry);
      if (!targets) continue;
      if (trigger.victimMaxAge !== undefined) {
        // Only for victims known to be young enough ("sex with a child under 13 is rape").
        targets = targets.filter((v) => {
          const p = v ? victimsByLabel.get(v) : incident.victims.length === 1 ? incident.victims[0] : undefined;
          return p?.age !== undefined && (p.ageUpper ?? p.age) <= trigger.victimMaxAge!;
        });
        if (!targets.length) continue;
      }
      for (const v of targets) if (v) namedInEntry.add(v);
      const attempted = !!trigger.attempt || attemptBefore(r, m.start);
      for (const victim of targets) {
        const person: Person | undefined = victim ? victimsByLabel.get(victim) : undefined;
        const choice = chooseCodes({
          family,
          trigger,
          person,
          ageAtOffence: ageAtOffence(r, m.start),
          injury: injuryByVictim.get(victim ?? '*') ?? injuryByVictim.get('*') ?? 'unknown',
          racial,
          receivedIso: incident.received ? isoDate(incident.received.date) : undefined,
        });
        disclosures.push({
          family: family.id,
          rank: lexicon.codeRanks.get(choice.codes[0]) ?? family.rank,
          codes: choice.codes,
          certain: choice.certain,
          missing: choice.missing,
          victim,
          entry: r.index,
          epoch: r.entry.epoch,
          range: spanRange(r.entry, r.tokens, m.start, m.end),
          text: r.entry.text.slice(r.tokens[m.start].start, r.tokens[m.end - 1].end),
          trigger: trigger.id,
          sentence: r.tokens[m.start].sentence,
          occasion: occasionOf(r, m.start),
          attempted,
          conductOnly: !!family.conductOnly,
        });
      }
    }
  }

  const relationships = readRelationships(incident, lexicon.relationships);
  disclosures.push(...robberyReadings(disclosures, relationships, lexicon, incident));
  const opening = incident.opening?.value.trim().toUpperCase();
  const openingConfig = opening ? config.openingCodes[opening] ?? config.openingCodes[opening.replace(/\s*[-–].*$/, '')] : undefined;
  const reporterKind = incident.reporter?.kind;
  const professionalReport = reporterKind === 'professional third party' || (cues.get('professional') ?? []).some((h) => h.entry === 0);
  const victimAccount = reporterKind === 'victim' || (cues.get('confirmation')?.length ?? 0) > 0;

  return {
    edition,
    editionFallback: fallback,
    disclosures,
    cues,
    relationships,
    domesticOpening: !!openingConfig?.domestic,
    professionalReport,
    victimAccount,
    courseOfConduct: readCourseOfConduct(readings, disclosures),
  };
}

/** Words in a victim's description that make the property taken a business's: the robbery is 34A. */
const STAFF = /\b(staff|security|shop|store|cashier|assistant|employee|manager|worker|guard|attendant|reporting for|on behalf of|till|checkout|supervisor|licensee|landlord|driver)\b/i;

/**
 * Theft and force against one victim in one entry is robbery: force used to
 * steal, or to keep what was stolen ("punched V1 twice to break free and
 * legged it with the holdall"; "got shoved into the fence and had his phone
 * pulled out of his pocket"). Not between partners or family, where a phone
 * taken in a row is seldom stolen.
 */
function robberyReadings(disclosures: readonly Disclosure[], relationships: ReadonlyMap<string, { intimate: boolean; family: boolean }>, lexicon: Lexicon, incident: Incident): Disclosure[] {
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

function isoDate(d: { year: number; month: number; day: number }): string {
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** Negated, blocked by a modal ("threatened to punch her"), noted as done ("assault recorded"), or missing its context. */
function suppressed(tokens: readonly Token[], start: number, end: number, ref: TriggerRef, lexicon: Lexicon): boolean {
  if (negatedAt(tokens, start, lexicon)) return true;
  const blockers = ref.blockers ?? lexicon.blockers.get(ref.family.id);
  if (blockers && blockers.size && blockedAt(tokens, start, blockers, lexicon.negation.window)) return true;
  if (negatedAfter(tokens, end, lexicon)) return true;
  const notBefore = lexicon.followedByNot.get(ref.family.id);
  if (notBefore && end < tokens.length && notBefore.has(tokens[end].text)) return true;
  return !contextHolds(tokens, start, ref, lexicon);
}

interface TriggerMatch {
  start: number;
  end: number;
  value: TriggerRef;
}

/**
 * Where matches overlap: one match per family per span (the longest), and a
 * lower-ranked offence gives way to a higher one on the same words
 * ("threatened to kill her" is a threat to kill, not also a threat).
 * Conduct that only counts as part of a course of conduct never displaces.
 */
/** A trigger that gives its family's default code (or none of its own): the general reading of the words. */
function generic(ref: TriggerRef): boolean {
  const dflt = (ref.family.codes as { default?: string[] }).default;
  return !ref.trigger.codes || !dflt || ref.trigger.codes[0] === dflt[0];
}

function resolveOverlaps(matches: TriggerMatch[]): TriggerMatch[] {
  const sorted = [...matches].sort((a, b) => a.start - b.start || b.end - a.end);
  // Kept matches in start order; `active` holds those that may still overlap a later match
  // (matches come in start order, so one that ended before this start never will again).
  const kept: { m: TriggerMatch; dead: boolean }[] = [];
  let active: { m: TriggerMatch; dead: boolean }[] = [];
  for (const m of sorted) {
    if (active.some((k) => k.m.end <= m.start)) active = active.filter((k) => k.m.end > m.start);
    const overl = (k: { m: TriggerMatch }) => k.m.start < m.end && m.start < k.m.end;
    const same = active.find((k) => overl(k) && k.m.value.family.id === m.value.family.id);
    if (same) {
      // One match per family per span; a serious-harm trigger wins over a plain one ("V1 has been stabbed").
      if (m.value.trigger.serious && !same.m.value.trigger.serious) same.m = m;
      // A specific classification wins over the family's general one on the same words ("bike got nicked": 44, not 49).
      else if (!m.value.trigger.serious && generic(same.m.value) && !generic(m.value)) same.m = m;
      continue;
    }
    if (!m.value.family.conductOnly) {
      const rival = active.find((k) => overl(k) && !k.m.value.family.conductOnly);
      if (rival) {
        if (rival.m.value.family.rank >= m.value.family.rank) continue;
        rival.dead = true;
        active.splice(active.indexOf(rival), 1);
      }
    }
    const entry = { m, dead: false };
    kept.push(entry);
    active.push(entry);
  }
  return kept.filter((k) => !k.dead).map((k) => k.m).sort((a, b) => a.start - b.start);
}

type InjuryState = 'injury' | 'noInjury' | 'unknown';

/** Injury per victim label ('*' for a victim the text does not name). An injury seen anywhere beats "no injuries". */
function readInjuries(readings: EntryReading[], soleVictim: string | undefined): Map<string, InjuryState> {
  const out = new Map<string, InjuryState>();
  const set = (k: string, s: InjuryState) => {
    const cur = out.get(k);
    if (cur === 'injury') return;
    if (s === 'injury' || !cur || cur === 'unknown') out.set(k, s);
  };
  for (const r of readings) {
    for (const c of r.cues) {
      if (c.name !== 'injury') continue;
      const labels = victimLabels(r.tokens, c.start, c.end);
      const state: InjuryState = c.negated ? 'noInjury' : 'injury';
      if (labels.length) labels.forEach((l) => set(l, state));
      else set(soleVictim ?? '*', state);
      if (!labels.length) set('*', state);
    }
  }
  return out;
}

/**
 * A course of conduct: conduct (contact, presence, monitoring, control,
 * threats, abuse, messages) on two or more occasions. Shown by a named
 * course ("harassing her", "stalking"), a repetition cue in the same sentence
 * as the conduct or in the same entry, or conduct on two distinct occasions.
 */
function readCourseOfConduct(readings: EntryReading[], disclosures: Disclosure[]): IncidentAnalysis['courseOfConduct'] {
  const conductFamilies = new Set(['harassment', 'public-order', 'malicious-communications', 'threats-to-kill']);
  const conduct = disclosures.filter((d) => conductFamilies.has(d.family));
  const evidence: CueHit[] = [];
  if (!conduct.length) return { present: false, evidence };
  for (const d of conduct) {
    if (d.trigger === 'coc.named') {
      evidence.push({ cue: 'named', range: d.range, text: d.text, entry: d.entry, sentence: d.sentence });
    }
  }
  for (const r of readings) {
    const here = conduct.filter((d) => d.entry === r.index);
    if (!here.length) continue;
    const single = new Set(r.cues.filter((c) => c.name === 'single' && !c.negated).map((c) => r.tokens[c.start].sentence));
    for (const c of r.cues) {
      if (c.name !== 'repetition' || c.negated || single.has(r.tokens[c.start].sentence)) continue;
      evidence.push({ cue: 'repetition', range: spanRange(r.entry, r.tokens, c.start, c.end), text: r.tokens.slice(c.start, c.end).map((t) => t.text).join(' '), entry: r.index, sentence: r.tokens[c.start].sentence });
    }
  }
  const occasions = new Set(conduct.map((d) => `${d.occasion}`));
  if (occasions.size >= 2 && conduct.some((d) => d.conductOnly)) {
    const first = conduct.find((d) => d.occasion !== conduct[0].occasion)!;
    evidence.push({ cue: 'occasions', range: first.range, text: first.text, entry: first.entry, sentence: first.sentence });
  }
  return { present: evidence.length > 0, evidence };
}
