/**
 * One unit of work, as a worker thread (or the main thread, with `--jobs 0`)
 * does it: a whole file read from disk, or one part of a very large file
 * that the main thread read and cut at an `Incident` line. Either way the
 * text is checked a slice at a time (see assemble.ts), so a worker's memory
 * follows the slice, not the file. The result carries only what the output
 * needs (findings in command-line form, or an audit tally), never parsed
 * incidents, so what crosses between threads stays small.
 */
import * as fs from 'node:fs';
import { Checker, EDITION_RULE, fixAll, type CountingRulesConfig, type Severity } from '../core';
import { byPosition, countLineBreaks, directiveLines, dropFileLevel, DuplicateIds, preambleOf, shiftFindings, sliceText, type IdPlace } from './assemble';
import { tallyReport } from './audit/collect';
import { countFinding, emptyTally, mergeTally, type AuditTally } from './audit/tally';
import { decodeStrict, type BadUtf8 } from './decode';
import { cliFindings, type CliFinding } from './findings';

export type Mode = 'check' | 'fix' | 'audit';

/** Characters checked at once: a few hundred incidents, a few megabytes of parsed state. */
export const SLICE_CHARS = 256 * 1024;

export interface JobConfig {
  key: string;
  config: CountingRulesConfig;
}

interface JobBase {
  mode: Mode;
  /** Absolute path. */
  path: string;
  /** Path as reports show it. */
  display: string;
  config: JobConfig;
  /** Audit: how many worst examples to keep. */
  topN: number;
}

export interface FileJob extends JobBase {
  kind: 'file';
}

export interface PartJob extends JobBase {
  kind: 'part';
  /** The part's bytes, from an `Incident` line (or the file's start) to just before a later one. */
  bytes: Uint8Array;
  /** Position of the part in its file, from 0. */
  index: number;
  /** For parts after the first: the file-wide directives of the file's preamble. */
  prefix: string;
}

export type Job = FileJob | PartJob;

export interface JobOk {
  ok: true;
  /** Line breaks in the text: where the next part starts. */
  lineBreaks: number;
  incidents: number;
  bytes: number;
  /** check and fix: every finding; a part's lines are relative to the part. */
  findings?: CliFinding[];
  /** audit: the tally, findings counted. */
  tally?: AuditTally;
  /** Parts only: incident ids (repeats across parts are found by the main thread). */
  ids?: IdPlace[];
  /** Parts only: the severity of the edition note the part holds, if any (the note is once per file). */
  editionNote?: Severity;
  /** Rule failures: a bug in the checker, never the input's fault. */
  internalErrors: string[];
  /** fix: preferred fixes applied (the file was rewritten when > 0). */
  fixed?: number;
}

export interface JobFailed {
  ok: false;
  message: string;
  /** Bad UTF-8: where, so that a part's place can be turned into the file's. */
  utf8?: BadUtf8;
}

export type JobResult = JobOk | JobFailed;

/** One checker per configuration: its lexicon is compiled once and reused for every file. */
export class CheckerCache {
  private checkers = new Map<string, Checker>();
  get(c: JobConfig): Checker {
    let k = this.checkers.get(c.key);
    if (!k) this.checkers.set(c.key, (k = new Checker(c.config)));
    return k;
  }
}

function readFile(path: string): { ok: true; bytes: Uint8Array } | JobFailed {
  try {
    return { ok: true, bytes: fs.readFileSync(path) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : code === 'ENOENT' ? 'it no longer exists' : (code ?? String(e));
    return { ok: false, message: `cannot read the file (${why})` };
  }
}

interface Checked {
  findings: CliFinding[];
  ids: IdPlace[];
  tally?: AuditTally;
  incidents: number;
  lineBreaks: number;
  internalErrors: string[];
}

/**
 * Checks a text slice by slice. `prefix` (the file's directives) goes in
 * front of every slice but a file's first, whose own preamble holds them.
 * Findings come back in the text's numbering, without repeated-id findings
 * and with at most one edition note (`seen`).
 */
function checkSlices(checker: Checker, text: string, startsFile: boolean, prefix: string, job: Job, seen: { edition: boolean }): Checked {
  const out: Checked = { findings: [], ids: [], incidents: 0, lineBreaks: 0, internalErrors: [] };
  if (job.mode === 'audit') out.tally = emptyTally();
  let offset = 0;
  sliceText(text, SLICE_CHARS).forEach((slice, i) => {
    const pre = startsFile && i === 0 ? '' : prefix;
    const preLines = pre ? countLineBreaks(pre) : 0;
    const report = checker.check(pre + slice);
    let findings = cliFindings(report, job.display);
    if (preLines) findings = findings.filter((f) => f.line > preLines);
    shiftFindings(findings, offset - preLines);
    out.findings.push(...dropFileLevel(findings, seen));
    for (const r of report.incidents) {
      const inc = r.incident;
      out.ids.push([inc.id, inc.startLine + inc.idRange.start.line + 1 - preLines + offset, inc.idRange.start.character + 1, inc.idRange.end.character + 1]);
    }
    if (out.tally) {
      const t = emptyTally();
      tallyReport(t, report, job.display, checker.config, 1 - preLines + offset, job.topN);
      mergeTally(out.tally, t, job.topN);
    }
    out.incidents += report.incidents.length;
    out.internalErrors.push(...report.internalErrors);
    offset += countLineBreaks(slice);
  });
  out.lineBreaks = offset;
  return out;
}

export function runJob(job: Job, checkers: CheckerCache): JobResult {
  const checker = checkers.get(job.config);
  let bytes: Uint8Array;
  if (job.kind === 'file') {
    const read = readFile(job.path);
    if (!read.ok) return read;
    bytes = read.bytes;
  } else bytes = job.bytes;

  const decoded = decodeStrict(bytes);
  if (!decoded.ok) return { ok: false, message: decoded.message, utf8: { byte: decoded.byte, line: decoded.line, offset: decoded.offset } };

  if (job.mode === 'fix' && job.kind === 'file') {
    // Fixing needs the whole text (edits are applied to it); fixes are few and files are read once.
    const { text, report, fixes } = fixAll((t) => checker.check(t), decoded.text);
    if (fixes) {
      try {
        fs.writeFileSync(job.path, decoded.bom ? '\ufeff' + text : text);
      } catch (e) {
        return { ok: false, message: `cannot write the fixes (${(e as NodeJS.ErrnoException).code ?? String(e)})` };
      }
    }
    return { ok: true, lineBreaks: 0, incidents: report.incidents.length, bytes: bytes.length, findings: cliFindings(report, job.display), internalErrors: report.internalErrors, fixed: fixes };
  }

  const text = decoded.text;
  const startsFile = job.kind === 'file' || job.index === 0;
  const prefix = startsFile ? directiveLines(preambleOf(text)) : job.prefix;
  const seen = { edition: false };
  const checked = checkSlices(checker, text, startsFile, prefix, job, seen);
  const base = { ok: true as const, lineBreaks: checked.lineBreaks, incidents: checked.incidents, bytes: bytes.length, internalErrors: checked.internalErrors };
  let findings = checked.findings;
  let ids: IdPlace[] | undefined;
  if (job.kind === 'file') {
    const dups = new DuplicateIds(job.display, checker.config.rules, prefix).next(checked.ids);
    if (dups.length) findings = [...findings, ...dups].sort(byPosition);
  } else ids = checked.ids;

  const editionNote = seen.edition ? findings.find((f) => f.rule === EDITION_RULE)?.severity : undefined;
  if (checked.tally) {
    const t = checked.tally;
    for (const f of findings) countFinding(t, f.rule, f.severity);
    t.internalErrors = checked.internalErrors.length;
    t.bytes = bytes.length;
    if (job.kind === 'file') t.files = 1;
    return { ...base, tally: t, ids, editionNote };
  }
  return { ...base, findings, ids, editionNote };
}
