/**
 * The phrase language of rules-data/lexicon.json and of a force's own
 * trigger phrases. It is deliberately not a regular expression language:
 * every phrase matches in time linear in the text, so no phrase, whoever
 * wrote it, can hang the checker.
 *
 *   word      the word itself (any case)          punched
 *   word*     any word starting with it            punch*    (punch, punched, punching)
 *   a|b|c     any one of the alternatives          hit|punch*|slap*
 *   [a|b]     optional: one of them, or nothing    [the|her]
 *   <class>   a word class from the lexicon        <obj>     (her, him, me, V1, ...)
 *   ...       up to 3 words in between             threaten* ... kill
 *   ...N      up to N words in between (N <= 6)
 *
 * Built-in classes: <victim> (V1, V2, ...), <suspect> (S1, ...), <label>
 * (either), <number> (digits or number words). Hyphens split words in both
 * phrases and text ("ex-partner" is "ex partner"). Gaps never cross the end
 * of a sentence. A phrase has at most 12 slots and 2 gaps, and must start
 * with a word slot that is not optional.
 */
import type { Token } from './tokens';

export interface Alternative {
  exact?: string;
  prefix?: string;
  cls?: string;
}

/** A word slot's alternatives merged into one test: any of the words, prefixes, lexicon classes or built-in classes. */
interface WordTest {
  words: Set<string> | null;
  prefixes: string[];
  classes: ClassTable[];
  builtins: string[];
}

/**
 * A slot: a word (one of `alts`, perhaps optional) or a gap of up to `max`
 * words. Every slot has the same fields, so matching reads them the same way.
 */
export interface Slot {
  kind: 'word' | 'gap';
  alts: Alternative[];
  optional: boolean;
  /** The most words a gap skips; 0 for a word. */
  max: number;
  test: WordTest;
}

const NO_TEST: WordTest = { words: null, prefixes: [], classes: [], builtins: [] };

function wordSlot(alts: Alternative[], optional: boolean, classes: ReadonlyMap<string, ReadonlySet<string>>): Slot {
  const test: WordTest = { words: null, prefixes: [], classes: [], builtins: [] };
  for (const a of alts) {
    if (a.exact !== undefined) (test.words ??= new Set()).add(a.exact);
    else if (a.prefix !== undefined) test.prefixes.push(a.prefix);
    else if (BUILTIN_CLASSES.has(a.cls!)) test.builtins.push(a.cls!);
    else test.classes.push(classTable(classes.get(a.cls!)!));
  }
  return { kind: 'word', alts, optional, max: 0, test };
}

export interface CompiledPhrase {
  source: string;
  slots: Slot[];
  /** No gaps and no optional words: matched by a plain loop. */
  simple: boolean;
  /** Optional words or more than one gap: paths meet again, so failures are remembered (see `matchAt`). */
  branchy: boolean;
}

export const LIMITS = { maxSlots: 12, maxGaps: 2, maxGap: 6, maxOptional: 4, maxLength: 300 };

const NUMBER_WORDS = new Set([
  'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen',
  'twenty', 'thirty', 'forty', 'fifty', 'dozen', 'dozens', 'several', 'numerous', 'hundreds', 'countless', 'multiple',
]);
const LABEL_RE = /^[vs]\d{1,3}(?:'s)?$/;

function isDigits(w: string): boolean {
  if (!w.length) return false;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

export class PhraseError extends Error {}

/** Compiles one phrase, or throws PhraseError with a message a registrar can act on. */
export function compilePhrase(source: string, classes: ReadonlyMap<string, ReadonlySet<string>>): CompiledPhrase {
  if (source.length > LIMITS.maxLength) throw new PhraseError(`is longer than ${LIMITS.maxLength} characters`);
  if (/[\\^$(){}+]/.test(source)) {
    throw new PhraseError(`looks like a regular expression; phrases use words, 'word*', 'a|b', '[optional]', '<class>' and '...' (see rules-data/README.md)`);
  }
  const parts = source.trim().toLowerCase().replace(/\u2019/g, "'").split(/\s+/).filter(Boolean);
  const slots: Slot[] = [];
  for (const part of parts) {
    const gap = /^\.\.\.(\d*)$/.exec(part);
    if (gap) {
      const max = gap[1] ? +gap[1] : 3;
      if (max < 1 || max > LIMITS.maxGap) throw new PhraseError(`gap '${part}' must allow 1 to ${LIMITS.maxGap} words`);
      slots.push({ kind: 'gap', alts: [], optional: false, max, test: NO_TEST });
      continue;
    }
    let body = part;
    let optional = false;
    if (body.startsWith('[') && body.endsWith(']')) {
      optional = true;
      body = body.slice(1, -1);
    } else if (body.includes('[') || body.includes(']')) {
      throw new PhraseError(`'${part}': square brackets go round a whole slot, e.g. '[the|her]'`);
    }
    const alts: Alternative[] = [];
    const seen = new Set<string>();
    for (const raw of body.split('|')) {
      if (!raw) throw new PhraseError(`'${part}' has an empty alternative`);
      // "modern slavery|slave|slavery": a word twice in one slot is almost always a multi-word alternative written by mistake.
      if (seen.has(raw)) throw new PhraseError(`'${part}' lists '${raw}' twice: each alternative is one word ('modern slavery|slave' is 'modern' then 'slavery' or 'slave'); write two phrases for two wordings`);
      seen.add(raw);
      const cm = /^<([a-z][a-z0-9_-]*)>$/.exec(raw);
      if (cm) {
        const cls = cm[1];
        if (!BUILTIN_CLASSES.has(cls) && !classes.has(cls)) throw new PhraseError(`unknown word class '<${cls}>'`);
        alts.push({ cls });
        continue;
      }
      // Hyphenated words become several slots only when the slot is a single plain word.
      const star = raw.endsWith('*');
      const word = star ? raw.slice(0, -1) : raw;
      if (!/^[a-z0-9']+(?:-[a-z0-9']+)*$/.test(word) && !/^\d+\.\d+[a-z]*$/.test(word)) {
        throw new PhraseError(`'${raw}' is not a word (letters, digits, apostrophes, hyphens)`);
      }
      if (word.includes('-')) {
        if (body.includes('|') || optional || star) throw new PhraseError(`'${raw}': write hyphenated words as separate words inside alternatives`);
        const pieces = word.split('-');
        pieces.forEach((p) => slots.push(wordSlot([{ exact: p }], false, classes)));
        alts.length = 0;
        break;
      }
      if (star && word.length < 2) throw new PhraseError(`'${raw}': a prefix needs at least 2 letters`);
      alts.push(star ? { prefix: word } : { exact: word });
    }
    if (alts.length) slots.push(wordSlot(alts, optional, classes));
  }
  if (!slots.length) throw new PhraseError('is empty');
  if (slots[0].kind !== 'word' || slots[0].optional) throw new PhraseError('must start with a word that is not optional');
  if (slots[slots.length - 1].kind === 'gap') throw new PhraseError('must not end with a gap');
  if (slots.length > LIMITS.maxSlots) throw new PhraseError(`has more than ${LIMITS.maxSlots} slots`);
  if (slots.filter((s) => s.kind === 'gap').length > LIMITS.maxGaps) throw new PhraseError(`has more than ${LIMITS.maxGaps} gaps`);
  if (slots.filter((s) => s.kind === 'word' && s.optional).length > LIMITS.maxOptional) throw new PhraseError(`has more than ${LIMITS.maxOptional} optional words`);
  return {
    source,
    slots,
    simple: slots.every((s) => s.kind === 'word' && !s.optional),
    branchy: slots.some((s) => s.optional) || slots.filter((s) => s.kind === 'gap').length > 1,
  };
}

export const BUILTIN_CLASSES: ReadonlySet<string> = new Set(['victim', 'suspect', 'label', 'number']);

function builtinMatches(cls: string, w: string): boolean {
  switch (cls) {
    case 'victim':
      return w.charCodeAt(0) === 118 && LABEL_RE.test(w);
    case 'suspect':
      return w.charCodeAt(0) === 115 && LABEL_RE.test(w);
    case 'label':
      return LABEL_RE.test(w);
    case 'number':
      return isDigits(w) || NUMBER_WORDS.has(w);
  }
  return false;
}

/** A word class split for fast tests: exact words, prefixes, built-in classes; and the answers so far, by word. */
interface ClassTable {
  exact: Set<string>;
  prefixes: string[];
  builtins: string[];
  memo: Map<string, boolean>;
}

/** Words remembered per class and per index before the memory is cleared (a bound, whatever the input). */
const MAX_REMEMBERED_WORDS = 20_000;

const classTables = new WeakMap<ReadonlySet<string>, ClassTable>();

function classTable(set: ReadonlySet<string>): ClassTable {
  let t = classTables.get(set);
  if (!t) {
    t = { exact: new Set(), prefixes: [], builtins: [], memo: new Map() };
    for (const m of set) {
      if (m.charCodeAt(0) === 60 /* < */) t.builtins.push(m.slice(1, -1));
      else if (m.endsWith('*')) t.prefixes.push(m.slice(0, -1));
      else t.exact.add(m);
    }
    classTables.set(set, t);
  }
  return t;
}

function inClass(t: ClassTable, w: string): boolean {
  if (t.exact.has(w)) return true;
  const known = t.memo.get(w);
  if (known !== undefined) return known;
  let yes = false;
  for (const p of t.prefixes) if (w.startsWith(p)) yes = true;
  for (const b of t.builtins) if (builtinMatches(b, w)) yes = true;
  if (t.memo.size >= MAX_REMEMBERED_WORDS) t.memo.clear();
  t.memo.set(w, yes);
  return yes;
}

/** Whether word `w` fits a word slot. */
function fits(t: WordTest, w: string): boolean {
  if (t.words !== null && t.words.has(w)) return true;
  for (let i = 0; i < t.prefixes.length; i++) if (w.startsWith(t.prefixes[i])) return true;
  for (let i = 0; i < t.classes.length; i++) if (inClass(t.classes[i], w)) return true;
  for (let i = 0; i < t.builtins.length; i++) if (builtinMatches(t.builtins[i], w)) return true;
  return false;
}

/**
 * Matches `slots` from token `i`. Returns the end (exclusive) of the
 * shortest match, or -1. Bounded: gaps are at most 6 words and at most two,
 * so the work per start position is a constant.
 */
export function matchAt(tokens: readonly Token[], i: number, slots: readonly Slot[], branchy = true): number {
  // One gap and no optional words: few paths, so no table.
  if (!branchy) return step(tokens, i, 0, slots, tokens[i].sentence, false);
  // A new stamp marks this start's failures as fresh without clearing the table.
  if (++stamp === 0x7fffffff) {
    failed.fill(0);
    stamp = 1;
  }
  origin = i;
  return step(tokens, i, 0, slots, tokens[i].sentence, true);
}

/**
 * Failures already met while matching from one start: (token, slot) pairs
 * from which the rest of the phrase cannot match. Optional words and gaps
 * reach the same pair by several paths ("a ...6 [a] [a|aa] ...4 a"); each is
 * worked out once, so the work per start is at most tokens-in-reach times
 * slots. Reach: every slot one word, plus two gaps of at most 6.
 */
const MAX_REACH = LIMITS.maxSlots + LIMITS.maxGaps * LIMITS.maxGap + 1;
const failed = new Int32Array(MAX_REACH * (LIMITS.maxSlots + 1));
let stamp = 0;
let origin = 0;

/** The common case, without recursion: every slot one required word. */
function matchSimple(tokens: readonly Token[], i: number, slots: readonly Slot[]): number {
  const sentence = tokens[i].sentence;
  let t = i;
  for (let s = 0; s < slots.length; s++, t++) {
    if (t >= tokens.length || tokens[t].sentence !== sentence) return -1;
    if (!fits(slots[s].test, tokens[t].text)) return -1;
  }
  return t;
}

function step(tokens: readonly Token[], ti: number, si: number, slots: readonly Slot[], sentence: number, memo: boolean): number {
  if (si === slots.length) return ti;
  if (!memo) return stepFrom(tokens, ti, si, slots, sentence, false);
  const key = (ti - origin) * (LIMITS.maxSlots + 1) + si;
  if (failed[key] === stamp) return -1;
  const r = stepFrom(tokens, ti, si, slots, sentence, true);
  if (r < 0) failed[key] = stamp;
  return r;
}

function stepFrom(tokens: readonly Token[], ti: number, si: number, slots: readonly Slot[], sentence: number, memo: boolean): number {
  const slot = slots[si];
  if (slot.max > 0) {
    for (let g = 0; g <= slot.max; g++) {
      const t = ti + g;
      if (t > tokens.length) break;
      if (g > 0 && tokens[t - 1].sentence !== sentence) break;
      const r = step(tokens, t, si + 1, slots, sentence, memo);
      if (r >= 0) return r;
    }
    return -1;
  }
  if (ti < tokens.length && tokens[ti].sentence === sentence && fits(slot.test, tokens[ti].text)) {
    const r = step(tokens, ti + 1, si + 1, slots, sentence, memo);
    if (r >= 0) return r;
  }
  return slot.optional ? step(tokens, ti, si + 1, slots, sentence, memo) : -1;
}

interface IndexEntry<T> {
  phrase: CompiledPhrase;
  value: T;
  /**
   * The words of one later required slot, when all its alternatives are
   * plain words: a phrase cannot match text that has none of them, so it is
   * not tried there ("she ... says ... consensual" is skipped in an entry
   * without "consensual"). Null when no slot qualifies.
   */
  anchor: string[] | null;
}

/** The required slot (after the first) with the fewest plain words and nothing else, as an anchor. */
function anchorOf(phrase: CompiledPhrase, classes: ReadonlyMap<string, ReadonlySet<string>>): string[] | null {
  let best: string[] | null = null;
  for (let i = 1; i < phrase.slots.length; i++) {
    const slot = phrase.slots[i];
    if (slot.kind !== 'word' || slot.optional) continue;
    const words: string[] = [];
    let plain = true;
    for (const a of slot.alts) {
      if (a.exact !== undefined) words.push(a.exact);
      else if (a.cls !== undefined && !BUILTIN_CLASSES.has(a.cls)) {
        for (const w of classes.get(a.cls) ?? []) {
          if (w.endsWith('*') || w.charCodeAt(0) === 60 /* < */) plain = false;
          else words.push(w);
        }
      } else plain = false;
      if (!plain) break;
    }
    if (plain && words.length && (!best || words.length < best.length)) best = words;
  }
  return best;
}

export interface PhraseMatch<T> {
  start: number;
  end: number;
  value: T;
  phrase: CompiledPhrase;
}

/**
 * An index from a phrase's first slot to the phrases, so that only phrases
 * whose first word fits a token are tried there: exact words by a map,
 * prefixes by their first two letters, built-in classes (labels, numbers)
 * only on tokens of that shape. The phrases a word can start are worked out
 * once per word and remembered.
 */
export class PhraseIndex<T> {
  private exact = new Map<string, IndexEntry<T>[]>();
  /** Prefix entries by their first two letters: a word is tested against only those that could fit it. */
  private prefixes = new Map<string, { prefix: string; entries: IndexEntry<T>[] }[]>();
  private builtin = new Map<string, IndexEntry<T>[]>();
  /** The entries each word seen so far may start, in the order exact, prefixes, built-in classes; null for none. */
  private startsOf = new Map<string, IndexEntry<T>[] | null>();
  /** The words of the tokens `findAll` is looking at, for the anchors. */
  private readonly present = new Set<string>();

  constructor(private readonly classes: ReadonlyMap<string, ReadonlySet<string>>) {}

  add(phrase: CompiledPhrase, value: T): void {
    this.startsOf.clear();
    const first = phrase.slots[0];
    const entry: IndexEntry<T> = { phrase, value, anchor: anchorOf(phrase, this.classes) };
    const addWord = (w: string) => {
      if (w.charCodeAt(0) === 60 /* < */) push(this.builtin, w.slice(1, -1), entry);
      else if (w.endsWith('*')) this.addPrefix(w.slice(0, -1), entry);
      else push(this.exact, w, entry);
    };
    for (const a of first.alts) {
      if (a.exact !== undefined) push(this.exact, a.exact, entry);
      else if (a.prefix !== undefined) this.addPrefix(a.prefix, entry);
      else if (BUILTIN_CLASSES.has(a.cls!)) push(this.builtin, a.cls!, entry);
      else for (const w of this.classes.get(a.cls!) ?? []) addWord(w);
    }
  }

  private addPrefix(prefix: string, entry: IndexEntry<T>): void {
    const key = prefix.slice(0, 2);
    let list = this.prefixes.get(key);
    if (!list) this.prefixes.set(key, (list = []));
    let slot = list.find((x) => x.prefix === prefix);
    if (!slot) list.push((slot = { prefix, entries: [] }));
    slot.entries.push(entry);
  }

  /** The entries whose first slot fits word `w`, each once. */
  private starts(w: string): IndexEntry<T>[] | null {
    const known = this.startsOf.get(w);
    if (known !== undefined) return known;
    const list: IndexEntry<T>[] = [];
    const take = (entries: IndexEntry<T>[] | undefined) => {
      if (entries) for (const e of entries) if (!list.includes(e)) list.push(e);
    };
    take(this.exact.get(w));
    const pre = w.length >= 2 ? this.prefixes.get(w.slice(0, 2)) : undefined;
    if (pre) for (const p of pre) if (w.startsWith(p.prefix)) take(p.entries);
    const c = w.charCodeAt(0);
    if ((c === 118 || c === 115) && LABEL_RE.test(w)) {
      take(this.builtin.get('label'));
      take(this.builtin.get(c === 118 ? 'victim' : 'suspect'));
    } else if (builtinMatches('number', w)) take(this.builtin.get('number'));
    const found = list.length ? list : null;
    if (this.startsOf.size >= MAX_REMEMBERED_WORDS) this.startsOf.clear();
    this.startsOf.set(w, found);
    return found;
  }

  /** Every match in the tokens: [start, end) and the value, in order of start. */
  findAll(tokens: readonly Token[]): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    // The words present, gathered when a phrase with an anchor is first met (one set per index, reused).
    let present: Set<string> | null = null;
    for (let i = 0; i < tokens.length; i++) {
      const list = this.starts(tokens[i].text);
      if (!list) continue;
      for (let k = 0; k < list.length; k++) {
        const anchor = list[k].anchor;
        if (anchor !== null) {
          if (present === null) {
            present = this.present;
            present.clear();
            for (let j = 0; j < tokens.length; j++) present.add(tokens[j].text);
          }
          let found = false;
          for (let a = 0; a < anchor.length && !found; a++) found = present.has(anchor[a]);
          if (!found) continue;
        }
        const phrase = list[k].phrase;
        const end = phrase.simple ? matchSimple(tokens, i, phrase.slots) : matchAt(tokens, i, phrase.slots, phrase.branchy);
        if (end > i) out.push({ start: i, end, value: list[k].value, phrase });
      }
    }
    return out;
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}
