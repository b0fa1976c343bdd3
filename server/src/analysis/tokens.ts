/**
 * Words of a narrative, with where they sit, which sentence and clause they
 * belong to. Phrases match words, never raw characters.
 */

export interface Token {
  /** Lower-case word; curly apostrophes made straight. */
  text: string;
  start: number;
  end: number;
  /** Index of the sentence (split at . ! ? ;). */
  sentence: number;
  /** Index of the clause (also split at , : ( ) " and words like "but"). */
  clause: number;
}

/** Words that end a clause (and so a negation's reach). */
export const CLAUSE_WORDS: ReadonlySet<string> = new Set(['but', 'however', 'although', 'though', 'whereas', 'except', 'whilst', 'while']);

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

/**
 * Splits text into word tokens. A word is letters and digits, with inner
 * apostrophes ("didn't", "V1's"); hyphens split words ("ex-partner" is "ex"
 * "partner"). Sentence and clause numbers come from punctuation between words.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let sentence = 0;
  let clause = 0;
  let i = 0;
  const n = text.length;
  let pendingSentence = false;
  let pendingClause = false;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isWordChar(c)) {
      const start = i;
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (isWordChar(d)) {
          i++;
        } else if ((d === 39 || d === 0x2019) && i + 1 < n && isWordChar(text.charCodeAt(i + 1)) && i > start) {
          i += 2;
        } else if (d === 46 && i + 1 < n && text.charCodeAt(i + 1) >= 48 && text.charCodeAt(i + 1) <= 57 && text.charCodeAt(i - 1) >= 48 && text.charCodeAt(i - 1) <= 57) {
          i += 2; // 1.5cm, 2.30
        } else break;
      }
      let word = text.slice(start, i).toLowerCase();
      if (word.indexOf('\u2019') >= 0) word = word.replace(/\u2019/g, "'");
      if (pendingSentence) {
        sentence++;
        clause++;
      } else if (pendingClause) clause++;
      pendingSentence = pendingClause = false;
      if (CLAUSE_WORDS.has(word)) {
        clause++;
      }
      tokens.push({ text: word, start, end: i, sentence, clause });
      continue;
    }
    if (c === 46 || c === 33 || c === 63 || c === 59) {
      // "." after a single capital or common abbreviation is not a sentence end: "P.C.", "approx."
      if (c === 46) {
        const prev = tokens[tokens.length - 1];
        if (prev && prev.end === i && (prev.text.length === 1 || ABBREVIATIONS.has(prev.text))) {
          i++;
          continue;
        }
      }
      pendingSentence = true;
    } else if (c === 44 || c === 58 || c === 40 || c === 41 || c === 34 || c === 0x201c || c === 0x201d || c === 45 && i + 1 < n && text.charCodeAt(i + 1) === 32 && i > 0 && text.charCodeAt(i - 1) === 32) {
      pendingClause = true;
    }
    i++;
  }
  return tokens;
}

const ABBREVIATIONS = new Set(['approx', 'apx', 'mr', 'mrs', 'ms', 'dr', 'st', 'no', 'tel', 'ref', 'etc', 'vs', 'inc', 'dept', 'sgt', 'insp', 'det']);
