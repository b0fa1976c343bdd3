/**
 * The reliability properties, each a function of one input that returns
 * the ways the input breaks it (an empty list when it holds). The quick
 * tests run them on a few hundred seeded cases; `npm run fuzz:long`
 * (scripts/fuzz-long.js) runs them on a million or more.
 *
 * - checks: the checker (parser and every rule) never throws, never records
 *   a rule failure, puts every finding inside the document, and returns in
 *   time proportional to the input;
 * - fixes: every quick fix applies cleanly (valid, non-overlapping ranges
 *   that split no CRLF and no surrogate pair), writes the file's own line
 *   ending, changes only lines of its own incident, gives the same text
 *   however it is applied, and removes the finding it fixes;
 * - fixAll: the server's "apply all preferred fixes" twice equals once, and
 *   gives the text the command line's --fix gives;
 * - incremental: a checker that saw every version of a document on the way
 *   reports what a fresh checker reports for the final text;
 * - endings: LF, CRLF, CR or a mix of them give the same findings in the
 *   same places;
 * - phrases: a trigger phrase a force writes is refused with a clear
 *   message, or matched in time linear in the text.
 */
import { performance } from 'node:perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { compilePhrase, PhraseError, PhraseIndex } from '../../server/src/analysis/phrases';
import { tokenize, type Token } from '../../server/src/analysis/tokens';
import { applyEdits, Checker, fixAll as coreFixAll, materialiseFix, type FileReport, type Finding, type Range, type TextEdit } from '../../server/src/core';
import type { CheckResult } from '../../server/src/lsp/checking';
import { codeActions } from '../../server/src/lsp/code-actions';

/** 22 November 2026, 10:15 GMT: fixes that write "recorded <now>" write this. */
export const NOW = Date.UTC(2026, 10, 22, 10, 15);

// ------------------------------------------------------------------ text

/** Offsets where each line starts; lines end at \n, \r\n or \r, as LSP counts them. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) starts.push(i + 1);
  }
  return starts;
}

/** Length of line `line` without its ending. */
function lineLength(text: string, starts: number[], line: number): number {
  const end = line + 1 < starts.length ? starts[line + 1] : text.length;
  let e = end;
  while (e > starts[line] && (text.charCodeAt(e - 1) === 10 || text.charCodeAt(e - 1) === 13)) e--;
  return e - starts[line];
}

/** Why a range is not a valid range of the text, or undefined. */
export function badRange(text: string, starts: number[], r: Range): string | undefined {
  const p = [r.start, r.end];
  for (const x of p) {
    if (!Number.isInteger(x.line) || !Number.isInteger(x.character) || x.line < 0 || x.character < 0) return `position ${x.line}:${x.character} is not a position`;
    if (x.line >= starts.length) return `line ${x.line} is past the last line (${starts.length - 1})`;
    const len = lineLength(text, starts, x.line);
    if (x.character > len) return `character ${x.character} is past the end of line ${x.line} (${len} characters)`;
  }
  if (r.start.line > r.end.line || (r.start.line === r.end.line && r.start.character > r.end.character)) return 'the range ends before it starts';
  return undefined;
}

const offsetOf = (starts: number[], p: { line: number; character: number }) => starts[p.line] + p.character;

/** Whether an offset falls between the two halves of a surrogate pair. */
function splitsSurrogate(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const a = text.charCodeAt(offset - 1);
  const b = text.charCodeAt(offset);
  return a >= 0xd800 && a <= 0xdbff && b >= 0xdc00 && b <= 0xdfff;
}

/** The line breaks of a piece of text, in order. */
function breaksOf(s: string): string[] {
  return s.match(/\r\n|\r|\n/g) ?? [];
}

// ------------------------------------------------------------------ checks

export interface TimeBound {
  /** Fixed allowance, ms. */
  baseMs: number;
  /** Allowance per 1,000 characters of input, ms. */
  perKMs: number;
}

/**
 * Generous: the checker runs at about 0.5 to 2 ms per 1,000 characters on
 * this project's 2-core machine under load. A check must finish within
 * 200 ms plus 10 ms per 1,000 characters (a 20,000-character case: 400 ms).
 */
export const TIME_BOUND: TimeBound = { baseMs: 200, perKMs: 10 };

export const allowedMs = (chars: number, bound: TimeBound = TIME_BOUND) => bound.baseMs + (bound.perKMs * chars) / 1000;

/**
 * Checks a text; the problems found. A check over its time allowance is
 * timed twice more (a garbage collection or a busy machine can stall one
 * run) and fails only if every run is over.
 */
export function checkProblems(text: string, bound: TimeBound = TIME_BOUND): string[] {
  const problems: string[] = [];
  let report: FileReport;
  const allowed = allowedMs(text.length, bound);
  let best = Infinity;
  try {
    for (let attempt = 0; attempt < 3 && best > allowed; attempt++) {
      const t0 = performance.now();
      report = new Checker().check(text);
      best = Math.min(best, performance.now() - t0);
    }
  } catch (e) {
    return [`the checker threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`];
  }
  if (best > allowed) problems.push(`took ${best.toFixed(0)} ms for ${text.length} characters (allowed ${allowed.toFixed(0)} ms)`);
  for (const e of report!.internalErrors) problems.push(`a rule failed: ${e}`);
  const starts = lineStarts(text);
  if (report!.lineCount !== starts.length) problems.push(`lineCount ${report!.lineCount}, but the text has ${starts.length} lines`);
  for (const f of report!.findings) {
    const bad = badRange(text, starts, f.range);
    if (bad) problems.push(`${f.rule} finding at ${fmtRange(f.range)}: ${bad}`);
    for (const r of f.related ?? []) {
      const b = badRange(text, starts, r.range);
      if (b) problems.push(`${f.rule} related location at ${fmtRange(r.range)}: ${b}`);
    }
  }
  return problems;
}

export const fmtRange = (r: Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

// ------------------------------------------------------------------ fixes

/** The lines [first, last] an edit set touches. */
function touchedLines(edits: readonly TextEdit[]): [number, number] {
  return [Math.min(...edits.map((e) => e.range.start.line)), Math.max(...edits.map((e) => e.range.end.line))];
}

/** The lines of the file that belong with a finding: its incident's, or the preamble's. */
function homeOf(report: FileReport, f: Finding): [number, number] {
  const line = f.range.start.line;
  for (const r of report.incidents) {
    const first = r.incident.startLine;
    if (line >= first && line < first + r.incident.lineCount) return [first, first + r.incident.lineCount];
  }
  const firstIncident = report.incidents[0]?.incident.startLine ?? report.lineCount;
  return [0, firstIncident];
}

const findingKey = (f: Finding) => `${f.rule}\u0000${f.message}`;

/** Rules whose fix may honestly leave a finding of the same rule and message: none but these. */
const FIX_MAY_REMAIN = new Set(['late-recording']);

/**
 * Every fix of every finding of a text, applied one at a time; the
 * problems found. `limit` bounds the fixes tried (the rest are skipped).
 */
export function fixProblems(text: string, limit = 40): { problems: string[]; fixes: number } {
  const problems: string[] = [];
  const report = new Checker().check(text);
  const starts = lineStarts(text);
  const eol = report.eol;
  let fixes = 0;
  for (const f of report.findings) {
    for (const fix of f.fixes ?? []) {
      if (fixes >= limit) return { problems, fixes };
      fixes++;
      const where = `${f.rule} "${fix.title}" (finding at ${fmtRange(f.range)})`;
      const edits = materialiseFix(fix, 0, eol, NOW);
      if (!edits.length) {
        problems.push(`${where}: no edits`);
        continue;
      }
      // Applies cleanly: valid ranges, no two overlapping, none splitting a CRLF or a surrogate pair.
      let valid = true;
      for (const e of edits) {
        const bad = badRange(text, starts, e.range);
        if (bad) {
          problems.push(`${where}: edit at ${fmtRange(e.range)}: ${bad}`);
          valid = false;
          continue;
        }
        for (const p of [e.range.start, e.range.end]) {
          if (splitsSurrogate(text, offsetOf(starts, p))) problems.push(`${where}: edit at ${fmtRange(e.range)} splits a surrogate pair`);
        }
      }
      if (!valid) continue;
      const sorted = [...edits].sort((a, b) => offsetOf(starts, a.range.start) - offsetOf(starts, b.range.start));
      for (let k = 1; k < sorted.length; k++) {
        if (offsetOf(starts, sorted[k].range.start) < offsetOf(starts, sorted[k - 1].range.end)) problems.push(`${where}: edits overlap`);
      }
      // Keeps line endings: what it writes uses the file's own, and nothing outside it changes.
      for (const e of edits) {
        const wrong = breaksOf(e.newText).filter((b) => b !== eol);
        if (wrong.length) problems.push(`${where}: writes ${JSON.stringify(wrong[0])} in a file whose line ending is ${JSON.stringify(eol)}`);
      }
      // Changes only the lines it must: inside the finding's own incident (or the preamble).
      const [first, last] = touchedLines(edits);
      const [home, homeEnd] = homeOf(report, f);
      if (first < home || last > homeEnd) problems.push(`${where}: edits lines ${first}-${last}, outside its incident (lines ${home}-${homeEnd - 1})`);
      // The editor's way of applying edits and the core's (CLI --fix) give the same text.
      const ours = applyEdits(text, edits);
      const editors = TextDocument.applyEdits(TextDocument.create('file:///fuzz.ilog', 'ilog', 1, text), edits);
      if (ours !== editors) {
        problems.push(`${where}: the core and an editor apply it differently`);
        continue;
      }
      // Outside the edited lines the text is untouched, endings included.
      const before = text.slice(0, starts[first]);
      const after = last + 1 < starts.length ? text.slice(starts[last + 1]) : '';
      if (!ours.startsWith(before) || !ours.endsWith(after)) problems.push(`${where}: changes text outside lines ${first}-${last}`);
      // Removes its finding: re-checked, the same finding (rule and message) is not there any more.
      let again: FileReport;
      try {
        again = new Checker().check(ours);
      } catch (e) {
        problems.push(`${where}: the fixed text makes the checker throw: ${e instanceof Error ? e.message : String(e)}`);
        continue;
      }
      if (!FIX_MAY_REMAIN.has(f.rule)) {
        const count = (r: FileReport) => r.findings.filter((x) => findingKey(x) === findingKey(f)).length;
        if (count(again) >= count(report)) problems.push(`${where}: the finding is still there after the fix`);
      }
    }
  }
  return { problems, fixes };
}

// ------------------------------------------------------------------ fix all

const NEVER_CANCELLED = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };

/** The server's "apply all preferred fixes" action, applied as an editor applies it; the text unchanged when there is none. */
export function fixAll(text: string): { text: string; fixes: number } {
  const doc = TextDocument.create('file:///fuzz.ilog', 'ilog', 1, text);
  const report = new Checker().check(text);
  const result = { report, version: 1 } as unknown as CheckResult;
  const params = { textDocument: { uri: doc.uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } };
  const [action] = codeActions(params, doc, result, { documentChanges: false, suppressionCommand: false, showDocumentation: false }, NEVER_CANCELLED, NOW);
  const edits = action?.edit?.changes?.[doc.uri] ?? [];
  return { text: edits.length ? TextDocument.applyEdits(doc, edits) : text, fixes: Number(/\((\d+)\)/.exec(action?.title ?? '')?.[1] ?? 0) };
}

export function fixAllProblems(text: string): string[] {
  const once = fixAll(text);
  const problems: string[] = [];
  const checker = new Checker();
  const cli = coreFixAll((t) => checker.check(t), text, NOW).text;
  if (cli !== once.text) problems.push(`the editor's fix-all and the command line's --fix give different texts\n--- editor:\n${once.text}\n--- command line:\n${cli}`);
  const twice = fixAll(once.text);
  if (twice.text !== once.text) problems.push(`applying all preferred fixes again changes the text (${once.fixes} fixes, then ${twice.fixes} more)\n--- once:\n${once.text}\n--- twice:\n${twice.text}`);
  return problems;
}

// ------------------------------------------------------------------ incremental

export interface TextChange {
  /** Fraction of the text where the change starts. */
  at: number;
  /** Characters removed. */
  del: number;
  ins: string;
}

export function applyChange(text: string, c: TextChange): string {
  const at = Math.floor(c.at * (text.length + 1));
  return text.slice(0, at) + c.ins + text.slice(at + c.del);
}

/** What a report says, for comparing two reports. */
export function reportSummary(r: FileReport): unknown {
  return {
    findings: r.findings.map((f) => [f.rule, f.severity, f.message, fmtRange(f.range), (f.related ?? []).map((x) => fmtRange(x.range) + x.message), (f.fixes ?? []).map((x) => [x.title, x.preferred, x.edits.map((e) => fmtRange(e.range) + e.text)])]),
    incidents: r.incidents.map((i) => [i.incident.id, i.incident.startLine, i.incident.lineCount]),
    lineCount: r.lineCount,
    eol: r.eol,
  };
}

export function incrementalProblems(start: string, changes: readonly TextChange[]): string[] {
  const checker = new Checker();
  let text = start;
  checker.check(text);
  for (let k = 0; k < changes.length; k++) {
    text = applyChange(text, changes[k]);
    const incremental = JSON.stringify(reportSummary(checker.check(text)));
    const fresh = JSON.stringify(reportSummary(new Checker().check(text)));
    if (incremental !== fresh) return [`after change ${k + 1} of ${changes.length} the incremental check differs from a fresh one`];
  }
  return [];
}

// ------------------------------------------------------------------ line endings

const findingsAt = (r: FileReport) => JSON.stringify(r.findings.map((f) => [f.rule, f.message, fmtRange(f.range), (f.fixes ?? []).map((x) => [x.title, x.edits.map((e) => fmtRange(e.range) + e.text)])]));

/** The text with its line breaks replaced, in turn, by `endings`. */
export function withEndings(text: string, endings: readonly string[]): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  // A CR before an empty line that ends in LF would make one CRLF of two line breaks: that line gets CRLF instead.
  const ending = (i: number) => {
    const e = endings[i % endings.length];
    return e === '\r' && lines[i + 1] === '' ? '\r\n' : e;
  };
  return lines.map((l, i) => (i < lines.length - 1 ? l + ending(i) : l)).join('');
}

export function endingsProblems(text: string, endings: readonly string[]): string[] {
  const lf = withEndings(text, ['\n']);
  const a = findingsAt(new Checker().check(lf));
  const b = findingsAt(new Checker().check(withEndings(text, endings)));
  return a === b ? [] : [`line endings ${JSON.stringify(endings)} change the findings:\n--- LF:\n${a}\n--- mixed:\n${b}`];
}

// ------------------------------------------------------------------ phrases

export const PHRASE_CLASSES = new Map([['obj', new Set(['her', 'him', '<victim>'])]]);
let phraseTokens: Token[] | undefined;

/** Refused with a clear message, or matched over 20,000 words within 250 ms (linear work takes a few). */
export function phraseProblems(phrase: string): { problems: string[]; accepted: boolean } {
  let compiled;
  try {
    compiled = compilePhrase(phrase, PHRASE_CLASSES);
  } catch (e) {
    if (!(e instanceof PhraseError)) return { problems: [`compiling '${phrase}' failed with ${String(e)}`], accepted: false };
    if (e.message.length < 10 || /\n\s+at /.test(e.message)) return { problems: [`an unclear message for '${phrase}': ${e.message}`], accepted: false };
    return { problems: [], accepted: false };
  }
  // Text that makes every accepted phrase try hard: its words, over and over, in one long sentence.
  phraseTokens ??= tokenize('a aa punch her V1 aa a 12 '.repeat(2500));
  const index = new PhraseIndex<string>(PHRASE_CLASSES);
  index.add(compiled, phrase);
  let best = Infinity;
  for (let i = 0; i < 3 && best > 250; i++) {
    const t0 = performance.now();
    index.findAll(phraseTokens);
    best = Math.min(best, performance.now() - t0);
  }
  return { problems: best > 250 ? [`'${phrase}' took ${best.toFixed(0)} ms over ${phraseTokens.length} words`] : [], accepted: true };
}
