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
  return { source, slots };
}

export const BUILTIN_CLASSES: ReadonlySet<string> = new Set(['victim', 'suspect', 'label', 'number']);

function builtinMatches(cls: string, w: string): boolean {
  switch (cls) {
    case 'victim':
      return LABEL_RE.test(w) && w.charCodeAt(0) === 118;
    case 'suspect':
      return LABEL_RE.test(w) && w.charCodeAt(0) === 115;
    case 'label':
      return LABEL_RE.test(w);
    case 'number':
      return /^\d+$/.test(w) || NUMBER_WORDS.has(w);
  }
  return false;
}

export function altMatches(a: Alternative, w: string, classes: ReadonlyMap<string, ReadonlySet<string>>): boolean {
  if (a.exact !== undefined) return a.exact === w;
  if (a.prefix !== undefined) return w.length >= a.prefix.length && w.startsWith(a.prefix);
  const cls = a.cls!;
  if (BUILTIN_CLASSES.has(cls)) return builtinMatches(cls, w);
  const set = classes.get(cls);
  if (!set) return false;
  if (set.has(w)) return true;
  // Classes may hold built-ins and prefixes too: "<victim>", "bruis*".
  for (const m of set) {
    if (m.charCodeAt(0) === 60 /* < */) {
      if (builtinMatches(m.slice(1, -1), w)) return true;
    } else if (m.endsWith('*') && w.startsWith(m.slice(0, -1))) return true;
  }
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
  const sentence = tokens[i].sentence;
  const step = (ti: number, si: number): number => {
    if (si === slots.length) return ti;
    const slot = slots[si];
    if (slot.kind === 'gap') {
      for (let g = 0; g <= slot.max; g++) {
        const t = ti + g;
        if (t > tokens.length) break;
        if (g > 0 && tokens[t - 1].sentence !== sentence) break;
        const r = step(t, si + 1);
        if (r >= 0) return r;
      }
      return -1;
    }
    if (ti < tokens.length && tokens[ti].sentence === sentence) {
      const w = tokens[ti].text;
      for (const a of slot.alts) {
        if (altMatches(a, w, classes)) {
          const r = step(ti + 1, si + 1);
          if (r >= 0) return r;
          break;
        }
      }
    }
    return slot.optional ? step(ti, si + 1) : -1;
  };
  return step(i, 0);
}

/**
 * An index from a phrase's first slot to the phrases, so that only phrases
 * whose first word fits a token are tried there.
 */
export class PhraseIndex<T> {
  private exact = new Map<string, { phrase: CompiledPhrase; value: T }[]>();
  private prefixes = new Map<number, Map<string, { phrase: CompiledPhrase; value: T }[]>>();
  private others: { phrase: CompiledPhrase; value: T }[] = [];

  constructor(private readonly classes: ReadonlyMap<string, ReadonlySet<string>>) {}

  add(phrase: CompiledPhrase, value: T): void {
    const first = phrase.slots[0] as Extract<Slot, { kind: 'word' }>;
    const entry = { phrase, value };
    for (const a of first.alts) {
      if (a.exact !== undefined) push(this.exact, a.exact, entry);
      else if (a.prefix !== undefined) this.addPrefix(a.prefix, entry); else {
        const set = this.classes.get(a.cls!);
        if (!set) {
          this.others.push(entry);
          continue;
        }
        // Expand a class into the index: its words, its prefixes; built-ins are tried everywhere.
        for (const w of set) {
          if (w.startsWith('<')) this.others.push(entry);
          else if (w.endsWith('*')) this.addPrefix(w.slice(0, -1), entry);
          else push(this.exact, w, entry);
        }
      }
    }
  }

  private addPrefix(prefix: string, entry: { phrase: CompiledPhrase; value: T }): void {
    let m = this.prefixes.get(prefix.length);
    if (!m) this.prefixes.set(prefix.length, (m = new Map()));
    push(m, prefix, entry);
  }

  /** Every match in the tokens: [start, end) and the value, in order of start. */
  findAll(tokens: readonly Token[]): { start: number; end: number; value: T; phrase: CompiledPhrase }[] {
    const out: { start: number; end: number; value: T; phrase: CompiledPhrase }[] = [];
    const seen = new Set<{ phrase: CompiledPhrase; value: T }>();
    for (let i = 0; i < tokens.length; i++) {
      const w = tokens[i].text;
      seen.clear();
      const tryAll = (list: { phrase: CompiledPhrase; value: T }[] | undefined) => {
        if (!list) return;
        for (const e of list) {
          if (seen.has(e)) continue;
          seen.add(e);
          const end = matchAt(tokens, i, e.phrase.slots, this.classes);
          if (end > i) out.push({ start: i, end, value: e.value, phrase: e.phrase });
        }
      };
      tryAll(this.exact.get(w));
      for (const [len, m] of this.prefixes) if (w.length >= len) tryAll(m.get(w.slice(0, len)));
      tryAll(this.others);
    }
    return out;
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}
