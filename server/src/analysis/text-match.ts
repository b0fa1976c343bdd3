/** Matching phrases against a short piece of text (a reason, an avi, a description). */
import type { PhraseIndex } from './phrases';
import { tokenize, type Token } from './tokens';

export interface TextMatch<T> {
  value: T;
  /** Character offsets in the text. */
  start: number;
  end: number;
  text: string;
}

export function matchText<T>(index: PhraseIndex<T>, text: string, tokens: Token[] = tokenize(text)): TextMatch<T>[] {
  if (!tokens.length) return [];
  return index.findAll(tokens).map((m) => {
    const start = tokens[m.start].start;
    const end = tokens[m.end - 1].end;
    return { value: m.value, start, end, text: text.slice(start, end) };
  });
}
