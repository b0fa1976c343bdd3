/** Matching phrases against a short piece of text (a reason, an avi, a description). */
import type { Lexicon } from '../data/lexicon';
import { negatedAt } from './analyse';
import type { PhraseIndex } from './phrases';
import { tokenize, type Token } from './tokens';

export interface TextMatch<T> {
  value: T;
  /** Character offsets in the text. */
  start: number;
  end: number;
  text: string;
}

/** Matches that are not negated ("no independent witnesses" is not an independent witness). */
export function affirmedMatches<T>(index: PhraseIndex<T>, text: string, lexicon: Lexicon): TextMatch<T>[] {
  const tokens = tokenize(text);
  if (!tokens.length) return [];
  return index
    .findAll(tokens)
    .filter((m) => !negatedAt(tokens, m.start, lexicon))
    .map((m) => ({ value: m.value, start: tokens[m.start].start, end: tokens[m.end - 1].end, text: text.slice(tokens[m.start].start, tokens[m.end - 1].end) }));
}

export function matchText<T>(index: PhraseIndex<T>, text: string, tokens: Token[] = tokenize(text)): TextMatch<T>[] {
  if (!tokens.length) return [];
  return index.findAll(tokens).map((m) => {
    const start = tokens[m.start].start;
    const end = tokens[m.end - 1].end;
    return { value: m.value, start, end, text: text.slice(start, end) };
  });
}
