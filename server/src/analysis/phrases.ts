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

export type Slot = { kind: 'word'; alts: Alternative[]; optional: boolean } | { kind: 'gap'; max: number };

export interface CompiledPhrase {
  source: string;
  slots: Slot[];
  /** No gaps and no optional words: matched by a plain loop. */
  simple: boolean;
}

export const LIMITS = { maxSlots: 12, maxGaps: 2, maxGap: 6, maxOptional: 4, maxLength: 300 };

const NUMBER_WORDS = new Set([
  'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen',
  'twenty', 'thirty', 'forty', 'fifty', 'dozen', 'dozens', 'several', 'numerous', 'hundreds', 'countless', 'multiple',
]);
const LABEL_RE = /^[vs]\d{1,3}(?:'s)?$/;

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
      slots.push({ kind: 'gap', max });
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
    for (const raw of body.split('|')) {
      if (!raw) throw new PhraseError(`'${part}' has an empty alternative`);
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
        pieces.forEach((p) => slots.push({ kind: 'word', alts: [{ exact: p }], optional: false }));
        alts.length = 0;
        break;
      }
      if (star && word.length < 2) throw new PhraseError(`'${raw}': a prefix needs at least 2 letters`);
      alts.push(star ? { prefix: word } : { exact: word });
    }
    if (alts.length) slots.push({ kind: 'word', alts, optional });
  }
  if (!slots.length) throw new PhraseError('is empty');
  if (slots[0].kind !== 'word' || slots[0].optional) throw new PhraseError('must start with a word that is not optional');
  if (slots[slots.length - 1].kind === 'gap') throw new PhraseError('must not end with a gap');
  if (slots.length > LIMITS.maxSlots) throw new PhraseError(`has more than ${LIMITS.maxSlots} slots`);
  if (slots.filter((s) => s.kind === 'gap').length > LIMITS.maxGaps) throw new PhraseError(`has more than ${LIMITS.maxGaps} gaps`);
  if (slots.filter((s) => s.kind === 'word' && s.optional).length > LIMITS.maxOptional) throw new PhraseError(`has more than ${LIMITS.maxOptional} optional words`);
  return { source, slots, simple: slots.every((s) => s.kind === 'word' && !s.optional) };
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
      return /^\d+$/.test(w) || NUMBER_WORDS.has(w);
  }
  return false;
}

/** A word class split for fast tests: exact words, prefixes, built-in classes. */
interface ClassTable {
  exact: Set<string>;
  prefixes: string[];
  builtins: string[];
}

const classTables = new WeakMap<ReadonlySet<string>, ClassTable>();

function classTable(set: ReadonlySet<string>): ClassTable {
  let t = classTables.get(set);
  if (!t) {
    t = { exact: new Set(), prefixes: [], builtins: [] };
    for (const m of set) {
      if (m.charCodeAt(0) === 60 /* < */) t.builtins.push(m.slice(1, -1));
      else if (m.endsWith('*')) t.prefixes.push(m.slice(0, -1));
      else t.exact.add(m);
    }
    classTables.set(set, t);
  }
  return t;
}

export function altMatches(a: Alternative, w: string, classes: ReadonlyMap<string, ReadonlySet<string>>): boolean {
  if (a.exact !== undefined) return a.exact === w;
  if (a.prefix !== undefined) return w.length >= a.prefix.length && w.startsWith(a.prefix);
  const cls = a.cls!;
  if (BUILTIN_CLASSES.has(cls)) return builtinMatches(cls, w);
  const set = classes.get(cls);
  if (!set) return false;
  const t = classTable(set);
  if (t.exact.has(w)) return true;
  for (const p of t.prefixes) if (w.startsWith(p)) return true;
  for (const b of t.builtins) if (builtinMatches(b, w)) return true;
  return false;
}

/**
 * Matches `slots` from token `i`. Returns the end (exclusive) of the
 * shortest match, or -1. Bounded: gaps are at most 6 words and at most two,
 * so the work per start position is a constant.
 */
export function matchAt(
  tokens: readonly Token[],
  i: number,
  slots: readonly Slot[],
  classes: ReadonlyMap<string, ReadonlySet<string>>,
): number {
  return step(tokens, i, 0, slots, classes, tokens[i].sentence);
}

/** The common case, without recursion: every slot one required word. */
function matchSimple(tokens: readonly Token[], i: number, slots: readonly Slot[], classes: ReadonlyMap<string, ReadonlySet<string>>): number {
  const sentence = tokens[i].sentence;
  let t = i;
  for (let s = 0; s < slots.length; s++, t++) {
    if (t >= tokens.length || tokens[t].sentence !== sentence) return -1;
    const w = tokens[t].text;
    const alts = (slots[s] as Extract<Slot, { kind: 'word' }>).alts;
    let ok = false;
    for (let k = 0; k < alts.length && !ok; k++) ok = altMatches(alts[k], w, classes);
    if (!ok) return -1;
  }
  return t;
}

function step(
  tokens: readonly Token[],
  ti: number,
  si: number,
  slots: readonly Slot[],
  classes: ReadonlyMap<string, ReadonlySet<string>>,
  sentence: number,
): number {
  if (si === slots.length) return ti;
  const slot = slots[si];
  if (slot.kind === 'gap') {
    for (let g = 0; g <= slot.max; g++) {
      const t = ti + g;
      if (t > tokens.length) break;
      if (g > 0 && tokens[t - 1].sentence !== sentence) break;
      const r = step(tokens, t, si + 1, slots, classes, sentence);
      if (r >= 0) return r;
    }
    return -1;
  }
  if (ti < tokens.length && tokens[ti].sentence === sentence) {
    const w = tokens[ti].text;
    const alts = slot.alts;
    for (let k = 0; k < alts.length; k++) {
      if (altMatches(alts[k], w, classes)) {
        const r = step(tokens, ti + 1, si + 1, slots, classes, sentence);
        if (r >= 0) return r;
        break;
      }
    }
  }
  return slot.optional ? step(tokens, ti, si + 1, slots, classes, sentence) : -1;
}

interface IndexEntry<T> {
  phrase: CompiledPhrase;
  value: T;
  /** The last token position this entry was tried at (so an entry reached by two of its first words is tried once). */
  stamp: number;
}

/**
 * An index from a phrase's first slot to the phrases, so that only phrases
 * whose first word fits a token are tried there: exact words by a map,
 * prefixes by a map per prefix length, built-in classes (labels, numbers)
 * only on tokens of that shape.
 */
export class PhraseIndex<T> {
  private exact = new Map<string, IndexEntry<T>[]>();
  /** Prefix entries by their first two letters: a word is tested against only those that could fit it. */
  private prefixes = new Map<string, { prefix: string; entries: IndexEntry<T>[] }[]>();
  private builtin = new Map<string, IndexEntry<T>[]>();
  private generation = 0;

  constructor(private readonly classes: ReadonlyMap<string, ReadonlySet<string>>) {}

  add(phrase: CompiledPhrase, value: T): void {
    const first = phrase.slots[0] as Extract<Slot, { kind: 'word' }>;
    const entry: IndexEntry<T> = { phrase, value, stamp: -1 };
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

  /** Every match in the tokens: [start, end) and the value, in order of start. */
  findAll(tokens: readonly Token[]): { start: number; end: number; value: T; phrase: CompiledPhrase }[] {
    const out: { start: number; end: number; value: T; phrase: CompiledPhrase }[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const stamp = ++this.generation;
      const w = tokens[i].text;
      this.tryList(this.exact.get(w), tokens, i, stamp, out);
      const pre = w.length >= 2 ? this.prefixes.get(w.slice(0, 2)) : undefined;
      if (pre) for (let p = 0; p < pre.length; p++) if (w.startsWith(pre[p].prefix)) this.tryList(pre[p].entries, tokens, i, stamp, out);
      if (this.builtin.size) {
        const c = w.charCodeAt(0);
        if ((c === 118 || c === 115) && LABEL_RE.test(w)) {
          this.tryList(this.builtin.get('label'), tokens, i, stamp, out);
          this.tryList(this.builtin.get(c === 118 ? 'victim' : 'suspect'), tokens, i, stamp, out);
        } else if (builtinMatches('number', w)) this.tryList(this.builtin.get('number'), tokens, i, stamp, out);
      }
    }
    return out;
  }

  private tryList(list: IndexEntry<T>[] | undefined, tokens: readonly Token[], i: number, stamp: number, out: { start: number; end: number; value: T; phrase: CompiledPhrase }[]): void {
    if (!list) return;
    for (let k = 0; k < list.length; k++) {
      const e = list[k];
      if (e.stamp === stamp) continue;
      e.stamp = stamp;
      const end = e.phrase.simple ? matchSimple(tokens, i, e.phrase.slots, this.classes) : matchAt(tokens, i, e.phrase.slots, this.classes);
      if (end > i) out.push({ start: i, end, value: e.value, phrase: e.phrase });
    }
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}
