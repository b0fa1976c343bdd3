/**
 * Reading an incident's narrative: which offences it discloses (negation-
 * and modality-aware), for which victim, on which occasion, and the cues the
 * rules need. Every rule works from this one reading.
 */
import { isoDate } from '../parser/dates';
import { listedVictimReadings, propertyWords } from './listing';
import type { CountingRulesConfig } from '../config/types';
import { editionFor } from '../data/editions';
import type { Lexicon, TriggerRef } from '../data/lexicon';
import type { Incident, LogEntry, Person } from '../parser/types';
import type { Range } from '../text/range';
import { chooseCodes } from './codes';
import { readRelationships } from './relationships';
import { robberyReadings } from './robbery';
import { ANAPHORIC, authorsOwnContact, disclosureVictims, victimActs, victimLabels, victimPronounOf } from './victims';
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
  /** The sentences with an offence trigger kept in them. */
  offenceSentences?: Set<number>;
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
/**
 * A negation shortly before `start`, in the same clause: "no injuries",
 * "denies hitting her". Short-reach words ("without", "nil") only reach two
 * words; a negation followed by a word that turns it into something else
 * ("won't stop bleeding", "did not report it") does not count.
 */
export function negatedAt(tokens: readonly Token[], start: number, lexicon: Lexicon): boolean {
  const clause = tokens[start].clause;
  const n = lexicon.negation;
  let reach = n.window;
  for (let i = start - 1; i >= 0 && i >= start - reach; i--) {
    if (tokens[i].clause !== clause) break;
    const w = tokens[i].text;
    // "has not laid a finger on her or threatened her": the negation reaches across "or" / "nor", once.
    if ((w === 'or' || w === 'nor') && reach === n.window) reach = start - i + n.window + 2;
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
  // "Assault on V1 put on the crime system".
  if (tokens[end]?.text === 'put' && (tokens[end + 1]?.text === 'on' || tokens[end + 1]?.text === 'onto')) return true;

  for (let i = end; i < tokens.length && i < end + 2 && tokens[i].clause === clause; i++) if (lexicon.negation.after.has(tokens[i].text)) return true;
  return false;
}


function occasionOf(reading: EntryReading, start: number): string {
  if (!reading.historicBySentence) {
    // The first historic cue of each sentence, worked out once per entry rather than once per trigger.
    reading.historicBySentence = new Map();
    const current = new Set<number>();
    for (const c of reading.cues) {
      if (c.negated) continue;
      const sentence = reading.tokens[c.start].sentence;
      if (c.name === 'current') current.add(sentence);
      if (c.name !== 'historic') continue;
      if (!reading.historicBySentence.has(sentence)) reading.historicBySentence.set(sentence, reading.tokens.slice(c.start, c.end).map((t) => t.text).join(' '));
    }
    // A sentence with no time of its own goes on about the earlier occasion the offence in the sentence before it
    // happened on ("set upon on Sat night, punched and kicked. V1 told her they were calling him names"); background
    // with no offence in it ("broke up in May") sets no occasion for what follows.
    const last = reading.tokens.length ? reading.tokens[reading.tokens.length - 1].sentence : 0;
    for (let s = 1; s <= last; s++) {
      const before = reading.historicBySentence.get(s - 1);
      if (before !== undefined && reading.offenceSentences?.has(s - 1) && !reading.historicBySentence.has(s) && !current.has(s)) {
        reading.historicBySentence.set(s, before);
        reading.offenceSentences.add(s);
      }
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
    // "Slapped V1 twice across the face", "punched him three times": the blows of one attack, not two occasions.
    if (h.name === 'repetition' && countsBlows(tokens, h.start, h.end)) return false;
    return h.name !== 'repetition' || (!advice.some((a) => a.start < h.end && h.start < a.end) && !blockedAt(tokens, h.start, CONDITIONAL, 6));
  });
}

const BLOW = /^(?:punch|slap|hit|kick|headbutt|stab|struck|strike|smack|thump|whack|bit|bite|elbow|knee|stamp|shov|push|belt|batter|thrash|whip|leather|lamp|twat|wallop|clout|nut|spat|spit|spat)/;

/** A count of times ("twice", "three times") just after a blow in the same clause. */
function countsBlows(tokens: readonly Token[], start: number, end: number): boolean {
  const last = tokens[end - 1].text;
  if (last !== 'twice' && last !== 'thrice' && last !== 'times') return false;
  for (let i = start - 1; i >= 0 && i >= start - 4 && tokens[i].clause === tokens[start].clause; i--) if (BLOW.test(tokens[i].text)) return true;
  return false;
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
  // A training or test log ("NOT A LIVE INCIDENT", a role-played scenario) reports nothing.
  const notLive = cues.has('not-live');
  // Damage to vehicles in a road collision is damage in a collision, not criminal damage.
  const collision = cues.has('collision');
  const exploited = new Set((cues.get('exploitation') ?? []).map((c) => c.text)).size >= 2;
  const things = propertyWords(lexicon);
  for (const r of readings) {
    if (!r.tokens.length || notLive) continue;
    const elsewhere = otherReadings(r, incident.victims.length > 0);
    const namedInEntry = new Set<string>();
    const matches = triggerMatches[r.index];
    const kept = resolveOverlaps(matches.filter((m) => !suppressed(r.tokens, m.start, m.end, m.value, lexicon)));
    r.offenceSentences = new Set(kept.filter((m) => !m.value.family.conductOnly).map((m) => r.tokens[m.start].sentence));
    for (const m of kept) {
      const { family, trigger } = m.value;
      if (!trigger.victimIsSubject && victimActs(r.tokens, m.start, victimPronoun)) continue;
      if (notAReport(r, m, collision, elsewhere)) continue;
      if (family.conductOnly && authorsOwnContact(r.tokens, m.start, m.end)) continue;
      // "Accusing her of telling people his son did the burglary": the offence already disclosed, named again.
      if (m.end - m.start === 1 && ANAPHORIC.has(r.tokens[m.start - 1]?.text ?? '') && disclosures.some((d) => d.family === family.id)) continue;
      // "Takes his wages out every friday for rent": exploitation (modern slavery's to report), not a theft of its own,
      // where the log describes exploitation (two indicators or more, as modern slavery needs).
      if (family.group === 'property' && exploited && r.cues.some((c) => c.name === 'exploitation' && !c.negated && c.start < m.end && m.start < c.end)) continue;
      let targets = disclosureVictims(r.tokens, m.start, m.end, incident.victims, trigger.victimIsSubject, namedInEntry, things);
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

  sameOccasionWhenConfirmed(disclosures, cues);
  const relationships = readRelationships(incident, lexicon.relationships);
  // Control by someone who exploits the victim and is not a partner or family ("not allowed out on her own", with no
  // wages and a debt to work off) is an indicator of the exploitation, not controlling behaviour in a relationship.
  if (exploited) {
    for (let i = disclosures.length - 1; i >= 0; i--) {
      const d = disclosures[i];
      const rel = relationships.get(d.victim ?? incident.victims[0]?.label ?? '');
      if (d.trigger === 'coc.control' && !(rel?.intimate || rel?.family)) disclosures.splice(i, 1);
    }
  }
  disclosures.push(...robberyReadings(disclosures, relationships, lexicon, incident));
  disclosures.push(...listedVictimReadings(incident, readings, disclosures, lexicon, spanRange));
  const opening = incident.opening?.value.trim().toUpperCase();
  const openingConfig = opening ? config.openingCodes[opening] ?? config.openingCodes[opening.replace(/\s*[-–].*$/, '')] : undefined;
  const reporterKind = incident.reporter?.kind;
  const professionalReport = reporterKind === 'professional third party' || (cues.get('professional') ?? []).some((h) => h.entry === 0);
  const victimAccount =
    reporterKind === 'victim' || (cues.get('confirmation')?.length ?? 0) > 0 || victimToldOfficer(incident, cues);

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

/** An author token of a police officer ("PC2219", "DS0811", "PCSO6018"), not a call taker or a crime bureau. */
const OFFICER_AUTHOR = /^(?:PCSO|SGT|INSP|PC|DC|PS|DS|DI|DCI|TDC|SPC)\d/i;

/** "PC2219: V1 says he threw a mug at her": the victim's account, given to an attending officer, and not a denial. */
function victimToldOfficer(incident: Incident, cues: ReadonlyMap<string, CueHit[]>): boolean {
  const denied = new Set([...(cues.get('victim-denial') ?? []), ...(cues.get('rape-denial') ?? [])].map((c) => `${c.entry}:${c.sentence}`));
  return (cues.get('victim-says') ?? []).some((c) => OFFICER_AUTHOR.test(incident.entries[c.entry]?.author ?? '') && !denied.has(`${c.entry}:${c.sentence}`));
}

/** Words that, in a sentence about a road collision, describe the vehicles meeting ("hit him up the back"), not blows. */
const COLLISION_VERBS: ReadonlySet<string> = new Set(['hit', 'hits', 'struck', 'knocked', 'clipped', 'caught', 'bumped', 'smashed', 'went', 'drove', 'ran']);

/** An entry's cues that make trigger words mean something else, picked out once per entry (not once per trigger). */
interface OtherReadings {
  collisions: EntryReading['cues'];
  /** Sentences that speak of a broadcast, where the incident names no victim. */
  broadcast: Set<number>;
}

function otherReadings(r: EntryReading, hasVictims: boolean): OtherReadings {
  const live = r.cues.filter((c) => !c.negated);
  return {
    collisions: live.filter((c) => c.name === 'collision'),
    broadcast: new Set(hasVictims ? [] : live.filter((c) => c.name === 'broadcast').map((c) => r.tokens[c.start].sentence)),
  };
}

/**
 * Trigger words that describe something other than an offence reported here: vehicles colliding ("the car behind hit
 * him up the back"; damage to cars in an incident about a collision), or, where the incident names no victim, what a
 * caller saw in a documentary or on the news (that sentence and the next).
 */
function notAReport(r: EntryReading, m: TriggerMatch, collisionIncident: boolean, other: OtherReadings): boolean {
  const { family, trigger } = m.value;
  const sentence = r.tokens[m.start].sentence;
  if (collisionIncident && trigger.id === 'cd.vehicle') return true;
  if (other.broadcast.has(sentence) || other.broadcast.has(sentence - 1)) return true;
  return (
    family.id === 'assault' &&
    COLLISION_VERBS.has(r.tokens[m.start].text) &&
    other.collisions.some((c) => r.tokens[c.start].sentence === sentence && c.start >= m.end - 1 && c.start <= m.end + 3)
  );
}

/**
 * The victim confirming what someone else reported ("She confirms her son pushed her") speaks of the
 * occasion already disclosed, not a new one: a disclosure in a sentence that confirms takes the occasion
 * of the same offence against the same victim disclosed in an earlier entry.
 */
function sameOccasionWhenConfirmed(disclosures: Disclosure[], cues: ReadonlyMap<string, CueHit[]>): void {
  const confirming = new Set((cues.get('confirmation') ?? []).map((c) => `${c.entry}:${c.sentence}`));
  if (!confirming.size) return;
  // The occasion a confirming sentence speaks of, from the first of its disclosures found earlier; every disclosure
  // in the sentence moves with it ("V1 confirmed S1 pushed her onto the sofa and raped her": one occasion).
  const moved = new Map<string, string>();
  for (const d of disclosures) {
    const key = `${d.entry}:${d.sentence}`;
    if (!confirming.has(key) || moved.has(key)) continue;
    const earlier = disclosures.find((e) => e.entry < d.entry && e.family === d.family && e.victim === d.victim);
    if (earlier) moved.set(key, earlier.occasion);
  }
  for (const d of disclosures) {
    const occasion = moved.get(`${d.entry}:${d.sentence}`);
    if (occasion !== undefined) d.occasion = occasion;
  }
}

/** Negated, blocked by a modal ("threatened to punch her"), noted as done ("assault recorded"), or missing its context. */
/** Words of a note that a crime was recorded: "Crime raised for sexual activity with a child", "recorded as sexual assault". */
const RECORDING: ReadonlySet<string> = new Set(['recorded', 'raised', 'created', 'crimed', 'submitted', 'logged', 'entered', 'classified', 'reclassified']);

function recordingNoteBefore(tokens: readonly Token[], start: number): boolean {
  const w = tokens[start - 1]?.text;
  if (w !== 'for' && w !== 'as') return false;
  for (let i = start - 2; i >= 0 && i >= start - 4 && tokens[i].clause === tokens[start].clause; i--) if (RECORDING.has(tokens[i].text)) return true;
  return false;
}

/** "Sexual activity with a child under 16 recorded.": a short clause that opens with the offence's name and ends in a recording word. */
function recordingClause(tokens: readonly Token[], start: number, end: number, lexicon: Lexicon): boolean {
  const clause = tokens[start].clause;
  if (start > 0 && tokens[start - 1].clause === clause) return false;
  let last = end - 1;
  while (last + 1 < tokens.length && tokens[last + 1].clause === clause) {
    last++;
    if (last - start > 12) return false;
  }
  return last >= end && lexicon.negation.after.has(tokens[last].text);
}

function suppressed(tokens: readonly Token[], start: number, end: number, ref: TriggerRef, lexicon: Lexicon): boolean {
  if (recordingClause(tokens, start, end, lexicon)) return true;
  if (negatedAt(tokens, start, lexicon)) return true;
  if (recordingNoteBefore(tokens, start)) return true;
  const blockers = ref.blockers ?? lexicon.blockers.get(ref.family.id);
  if (blockers && blockers.size && blockedAt(tokens, start, blockers, lexicon.negation.window)) return true;
  if (negatedAfter(tokens, end, lexicon)) return true;
  const notBefore = lexicon.followedByNot.get(ref.family.id);
  if (notBefore && end < tokens.length && notBefore.has(tokens[end].text)) return true;
  if (ref.followedByNot && end < tokens.length && ref.followedByNot.has(tokens[end].text)) return true;
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
    // A trigger that counts only for young victims ("had sex with", under 13) decides nothing until the victim is known: it displaces nothing.
    if (!m.value.family.conductOnly && m.value.trigger.victimMaxAge === undefined) {
      const rival = active.find((k) => overl(k) && !k.m.value.family.conductOnly && k.m.value.trigger.victimMaxAge === undefined);
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
  // Controlling behaviour described as a way of life ("decides what she may buy, keeps her phone, opens all her post") is a pattern in itself.
  const control = conduct.filter((d) => d.trigger === 'coc.control');
  if (new Set(control.map((d) => d.text)).size >= 2) evidence.push({ cue: 'pattern', range: control[0].range, text: control[0].text, entry: control[0].entry, sentence: control[0].sentence });
  const occasions = new Set(conduct.map((d) => `${d.occasion}`));
  if (occasions.size >= 2 && conduct.some((d) => d.conductOnly)) {
    const first = conduct.find((d) => d.occasion !== conduct[0].occasion)!;
    evidence.push({ cue: 'occasions', range: first.range, text: first.text, entry: first.entry, sentence: first.sentence });
  }
  return { present: evidence.length > 0, evidence };
}
