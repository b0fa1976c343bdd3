/**
 * Mutated incident logs for fuzzing: a corpus of real incidents (the
 * examples, the annotated cases and the benchmark generator's output), and
 * fast-check arbitraries that take one to three of them and damage them the
 * way real files get damaged: lines deleted, duplicated and swapped, dates
 * cut short, stray `|`, control characters, very long lines, CRLF and LF
 * mixed, text outside the Basic Multilingual Plane, keyword lines in the
 * wrong place, a file cut off mid-line.
 *
 * Everything here is plain data and pure functions, shared by the quick
 * tests (test/reliability/*.test.ts) and the long run (scripts/fuzz-long.js).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { fileText, generateFiles } from '../../bench/generate';

/** The repository root, from out/test/reliability/. */
export const ROOT = path.resolve(__dirname, '..', '..', '..');

const CORPUS_DIRS = ['examples', 'test/cases/inspections', 'test/cases/heldout', 'test/fixtures/rules'];

function splitIncidents(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/^(?=Incident[ \t])/m)
    .slice(1)
    .map((p) => p.replace(/\n*$/, '\n\n'));
}

let corpus: string[] | undefined;

/**
 * Every incident of the project's annotated logs, then 120 from the
 * benchmark generator (seed 7), each ending in one blank line.
 */
export function incidentCorpus(): readonly string[] {
  if (corpus) return corpus;
  const out: string[] = [];
  for (const dir of CORPUS_DIRS) {
    const abs = path.join(ROOT, dir);
    if (!fs.existsSync(abs)) continue;
    for (const f of fs.readdirSync(abs).filter((x) => x.endsWith('.ilog')).sort()) out.push(...splitIncidents(fs.readFileSync(path.join(abs, f), 'utf8')));
  }
  for (const f of generateFiles({ seed: 7, incidents: 120 })) out.push(...splitIncidents(fileText(f)));
  corpus = out;
  return out;
}

/** What a mutation does; each reads its numbers as fractions of the text or line count. */
export const MUTATIONS = [
  'deleteLine',
  'duplicateLine',
  'swapLines',
  'cutDate',
  'strayPipe',
  'controlChar',
  'longLine',
  'lineEnding',
  'allCrlf',
  'nonBmp',
  'keywordLine',
  'truncate',
  'splice',
  'upperCase',
  'indent',
] as const;
export type MutationKind = (typeof MUTATIONS)[number];

export interface Mutation {
  kind: MutationKind;
  /** Where, as a fraction [0, 1) of the lines or characters. */
  at: number;
  /** A second place (swap), as a fraction. */
  to: number;
  /** Chooses among the mutation's variants. */
  pick: number;
}

const CONTROL = ['\u0000', '\u0001', '\u0007', '\b', '\t', '\v', '\f', '\u001b', '\u007f', '\u0085', '\u2028', '\u2029', '\ufeff', '\u200b', '\r', '\u202e'];
const NON_BMP = ['\u{1F600}', '\u{1F469}\u200D\u{1F467}', '\u{10348}', '\u{20BB7}', '\uD800', '\uDC00', 'e\u0301', '\u{1F1EC}\u{1F1E7}', 'V\u{1D7CF}'];
const KEYWORD_LINES = [
  'Incident FUZZ-1',
  'Incident',
  'incident fuzz/2',
  'Received: 01/01/2019 10:00',
  'Received:',
  'Received: 2019-13-45 25:61',
  'Crime: 8N | victim V1 | recorded 01/01/2019 11:00',
  'Crime: | | |',
  'Crime: 19C Rape of a female aged 16 and over | victim V9 | recorded 01/01/2019 11:00 | flags DA, DA, XX',
  'N100: recorded 01/01/2019 11:00 | victim V1 | converted',
  'Cancelled: 1/2/3 C4 | by | at 01/01/2019 | informed maybe',
  'No crime:',
  'Victim: V1',
  'Victim:',
  'Suspect: S1 S1 S1',
  'Reporter: professional third party (',
  'Opening: DOMESTIC',
  '# counting-rules-disable unrecorded-offence -- fuzz',
  '# counting-rules-disable-next-line',
  '# counting-rules-disable nosuch-rule,, -- ',
  '    continuation with no entry',
  '10:00',
  '10:00 CH1:',
  '99:99 X: punched her',
  '01/01/2019 10:00 PC1: V1 says S1 punched her and threatened to kill her. She was raped.',
  'Closing:',
  ':',
  '|',
];
/** Words that make the analysers work hardest when repeated: triggers, labels, dates, separators. */
const LONG_UNITS = ['punched her ', 'threatened to kill V1. ', 'V1 V2 S1 ', '12/12/2012 ', '| ', 'a ', 'x', '\u{1F600}', 'raped her when she was 12 ', 'no injuries. '];

/** Lines with their own endings, so a mutation keeps every ending it does not touch. */
interface Line {
  text: string;
  eol: string;
}

function toLines(text: string): Line[] {
  const out: Line[] = [];
  const re = /\r\n|\r|\n/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    out.push({ text: text.slice(last, m.index), eol: m[0] });
    last = m.index + m[0].length;
  }
  out.push({ text: text.slice(last), eol: '' });
  return out;
}

const fromLines = (lines: Line[]) => lines.map((l) => l.text + l.eol).join('');
const index = (f: number, n: number) => Math.min(n - 1, Math.max(0, Math.floor(f * n)));
const choose = <T>(xs: readonly T[], pick: number) => xs[pick % xs.length];

const DATE_OR_TIME = /\d{1,4}[/:-]\d{1,2}(?:[/:-]\d{1,4})?/g;

export interface Scale {
  /** Longest line `longLine` writes (characters). */
  longLine: number;
}

export const QUICK_SCALE: Scale = { longLine: 20_000 };

/** Applies one mutation. Pure: the same text and mutation give the same result. */
export function mutate(text: string, m: Mutation, scale: Scale = QUICK_SCALE): string {
  const lines = toLines(text);
  const i = index(m.at, lines.length);
  const j = index(m.to, lines.length);
  const offset = Math.floor(m.at * text.length);
  switch (m.kind) {
    case 'deleteLine':
      if (lines.length > 1) lines.splice(i, 1);
      return fromLines(lines);
    case 'duplicateLine':
      lines.splice(i, 0, { text: lines[i].text, eol: lines[i].eol || '\n' });
      return fromLines(lines);
    case 'swapLines': {
      const a = lines[i].text;
      lines[i].text = lines[j].text;
      lines[j].text = a;
      return fromLines(lines);
    }
    case 'cutDate': {
      // The date or time nearest the place, cut short, or one digit made impossible.
      const found = [...text.matchAll(DATE_OR_TIME)];
      if (!found.length) return text;
      const d = found[index(m.to, found.length)];
      const s = d.index;
      const cut = m.pick % 3 === 0 ? d[0].slice(0, 1 + (m.pick % (d[0].length - 1 || 1))) : m.pick % 3 === 1 ? d[0].replace(/\d(?=\D*$)/, '9').replace(/^\d/, '3') : '';
      return text.slice(0, s) + cut + text.slice(s + d[0].length);
    }
    case 'strayPipe':
      return text.slice(0, offset) + choose(['|', '||', ' | ', '|\n', '| ref | | |'], m.pick) + text.slice(offset);
    case 'controlChar':
      return text.slice(0, offset) + choose(CONTROL, m.pick) + text.slice(offset);
    case 'longLine': {
      const unit = choose(LONG_UNITS, m.pick);
      const len = 1000 + Math.floor(m.to * (scale.longLine - 1000));
      const long = unit.repeat(Math.ceil(len / unit.length)).slice(0, len);
      // Inside an entry (where the analysers read), as a field's value, or as a line of its own.
      const where = Math.floor(m.pick / LONG_UNITS.length) % 3;
      lines[i].text = where === 0 ? `10:00 CH1: ${long}` : where === 1 ? `${lines[i].text} ${long}` : long;
      return fromLines(lines);
    }
    case 'lineEnding':
      if (lines[i].eol) lines[i].eol = choose(['\r\n', '\n', '\r', '\r\r\n', '\n\r'], m.pick);
      return fromLines(lines);
    case 'allCrlf':
      return text.replace(/\r?\n/g, '\r\n');
    case 'nonBmp':
      return text.slice(0, offset) + choose(NON_BMP, m.pick) + text.slice(offset);
    case 'keywordLine':
      lines.splice(i, 0, { text: choose(KEYWORD_LINES, m.pick), eol: lines[i].eol || '\n' });
      return fromLines(lines);
    case 'truncate':
      return text.slice(0, offset);
    case 'splice': {
      const del = Math.floor(m.to * 60);
      return text.slice(0, offset) + choose(['', ' ', 'I', 'ncident', '\n', ':', 'victim V1', '# ', '   '], m.pick) + text.slice(offset + del);
    }
    case 'upperCase':
      lines[i].text = lines[i].text.toUpperCase();
      return fromLines(lines);
    case 'indent':
      lines[i].text = m.pick % 2 ? '    ' + lines[i].text : lines[i].text.trimStart();
      return fromLines(lines);
  }
}

export const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom(...MUTATIONS),
  at: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  to: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  pick: fc.nat({ max: 1000 }),
});

const PREAMBLES = ['', '# A preamble comment\n\n', '# counting-rules-disable late-recording -- fuzz\n', 'stray text before the first incident\n', '\ufeff# BOM\n', '\r\n\r\n'];

/** The recipe for one mutated log: kept small so a counterexample reads well. */
export interface LogRecipe {
  preamble: number;
  incidents: number[];
  mutations: Mutation[];
}

export function logRecipeArb(opts: { maxIncidents?: number; maxMutations?: number } = {}): fc.Arbitrary<LogRecipe> {
  return fc.record({
    preamble: fc.nat({ max: PREAMBLES.length - 1 }),
    incidents: fc.array(fc.nat(), { minLength: 1, maxLength: opts.maxIncidents ?? 3 }),
    mutations: fc.array(mutationArb, { maxLength: opts.maxMutations ?? 6 }),
  });
}

export function buildLog(r: LogRecipe, scale: Scale = QUICK_SCALE): string {
  const c = incidentCorpus();
  let text = PREAMBLES[r.preamble % PREAMBLES.length] + r.incidents.map((k) => c[k % c.length]).join('');
  for (const m of r.mutations) text = mutate(text, m, scale);
  return text;
}

/** A mutated log, with the recipe kept alongside for a readable counterexample. */
export function mutatedLogArb(opts: { maxIncidents?: number; maxMutations?: number; scale?: Scale } = {}): fc.Arbitrary<{ recipe: LogRecipe; text: string }> {
  return logRecipeArb(opts).map(
    (recipe) => ({ recipe, text: buildLog(recipe, opts.scale) }),
    (v) => {
      // Lets fast-check shrink values it did not make (replayed counterexamples).
      if (typeof v !== 'object' || v === null || !('recipe' in v)) throw new Error('not a mutated log');
      return (v as { recipe: LogRecipe }).recipe;
    },
  );
}

/** Pieces an edit types: characters, line breaks, whole keyword lines, halves of a CRLF or of a surrogate pair. */
const PIECES = [
  'x',
  ' ',
  '\n',
  '\r\n',
  '\r',
  'I',
  'ncident',
  'Incident Z-9\n',
  '\nIncident Y-1\nReceived: 01/01/2019 10:00\n',
  'Received: 02/01/2019 10:00\n',
  '# c\n',
  '# counting-rules-disable unrecorded-offence -- fuzz\n',
  'punched her ',
  'Crime: 8N | victim V1 | recorded 01/01/2019 11:00\n',
  '    continued\n',
  '|',
  '\u{1F600}',
  '\uD83D',
  '\u2028',
];

export const changeArb = fc.record({
  at: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  del: fc.nat({ max: 40 }),
  ins: fc.array(fc.constantFrom(...PIECES), { maxLength: 3 }).map((a) => a.join('')),
});

/** Line endings to put, in turn, in place of a text's own. */
export const endingsArb = fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 1, maxLength: 64 });

const PHRASE_WORD = fc.constantFrom('a', 'aa', 'punch', 'her', 'a*', 'aa*', 'a|aa', 'a|a|a*', '<obj>', '<victim>', '<number>');
const PHRASE_SLOT = fc.oneof(PHRASE_WORD, PHRASE_WORD.map((w) => `[${w}]`), fc.integer({ min: 1, max: 6 }).map((n) => `...${n}`));
const PHRASE_JUNK = fc.constantFrom('a', 'aa', 'punch', 'her', 'a*', 'aa*', 'a|aa', 'a|a|a*', '[a]', '[a|aa*]', '<obj>', '<victim>', '<number>', '...', '...6', '...1', '...9', '(a+)+', '(x|xx)*', '$', '^', '.*', '\\d+', 'a{2,9}', '[', ']', '|', '*', '<', 'x\u2019s', '\u{1F600}');

/** Trigger phrases as a force might write them: mostly of the right shape (accepted unless over the language's limits), some junk and regular expressions. */
export const phraseArb = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(PHRASE_WORD, fc.array(PHRASE_SLOT, { maxLength: 12 }), PHRASE_WORD).map(([a, b, c]) => [a, ...b, c].join(' ')) },
  { weight: 1, arbitrary: fc.array(PHRASE_JUNK, { minLength: 1, maxLength: 14 }).map((p) => p.join(' ')) },
);
