/**
 * The pipeline both commands share: find the logs, hand each one (or each
 * part of a large one) to the worker pool with its configuration, and pass
 * the results on in order. The main thread reads nothing but large files'
 * blocks; workers read, decode and check.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EDITION_RULE, type ConfigProblem } from '../core';
import { byPosition, DuplicateIds, shiftFindings, type IdPlace } from './assemble';
import type { AuditTally } from './audit/tally';
import { countFinding } from './audit/tally';
import { ConfigResolver, type ResolvedConfig } from './config';
import { badUtf8Message } from './decode';
import { discover, type DiscoveryProblem, type FoundFile } from './discover';
import type { CliFinding } from './findings';
import type { Job, JobResult, Mode } from './job';
import { InlinePool, WorkerPool, type Pool } from './pool';
import { partPrefix, readParts } from './segment';

export interface RunOptions {
  inputs: string[];
  cwd: string;
  mode: Mode;
  /** Worker threads; 0 checks on the calling thread. */
  jobs: number;
  /** `--config`: one configuration file for every log. */
  config?: string;
  /** Audit: worst examples to keep. */
  topN?: number;
  /** Files larger than this are read and checked in parts. */
  splitAbove?: number;
  partBytes?: number;
  /** The worker script (dist/worker.js next to dist/cli.js by default). */
  workerScript?: string;
}

export interface Progress {
  filesDone: number;
  filesFound: number;
  /** Whether every input has been searched (so `filesFound` is the total). */
  searched: boolean;
  bytesDone: number;
  incidentsDone: number;
}

export interface RunEvents {
  /** Findings of a file, in order; a large file's come in several calls. */
  findings?(file: FoundFile, findings: CliFinding[]): void;
  /** An audit tally of a file or a part of one. */
  tally?(tally: AuditTally): void;
  fileDone?(file: FoundFile, info: { incidents: number; bytes: number; fixed: number }): void;
  /** A file that could not be read or decoded, or an input that names nothing to check. */
  problem(where: string, message: string, kind: 'unreadable' | 'nothing'): void;
  internalErrors?(file: FoundFile, messages: string[]): void;
  configProblem?(p: ConfigProblem): void;
  progress?(p: Progress): void;
}

export interface RunTotals {
  files: number;
  incidents: number;
  bytes: number;
  problems: number;
  internalErrors: number;
  fixed: number;
}

export const DEFAULT_SPLIT_ABOVE = 8 << 20;
export const DEFAULT_PART_BYTES = 2 << 20;

/** What the main thread keeps about a very large file while its parts come back. */
class PartedFile {
  lineOffset = 0;
  failed = false;
  incidents = 0;
  bytes = 0;
  prefix = '';
  edition = false;
  duplicates?: DuplicateIds;

  constructor(
    readonly file: FoundFile,
    readonly cfg: ResolvedConfig,
  ) {}

  setPrefix(prefix: string): void {
    this.prefix = prefix;
    this.duplicates = new DuplicateIds(this.file.display, this.cfg.config.rules, prefix);
  }
}

interface Meta {
  file: FoundFile;
  parted?: PartedFile;
  last: boolean;
}

function shiftTally(t: AuditTally, lines: number): void {
  if (!lines) return;
  for (const ex of t.worst) {
    ex.line += lines;
    for (const f of ex.findings) f.line += lines;
  }
}

export async function run(opts: RunOptions, events: RunEvents): Promise<RunTotals> {
  const totals: RunTotals = { files: 0, incidents: 0, bytes: 0, problems: 0, internalErrors: 0, fixed: 0 };
  const progress: Progress = { filesDone: 0, filesFound: 0, searched: false, bytesDone: 0, incidentsDone: 0 };
  const report = () => events.progress?.(progress);
  const resolver = new ConfigResolver(opts.config, (p) => events.configProblem?.(p));
  const topN = opts.topN ?? 10;
  const splitAbove = opts.mode === 'fix' ? Infinity : (opts.splitAbove ?? DEFAULT_SPLIT_ABOVE);
  const partBytes = opts.partBytes ?? DEFAULT_PART_BYTES;

  const deliver = (meta: Meta, result: JobResult) => {
    const { file, parted } = meta;
    if (parted?.failed) return;
    if (!result.ok) {
      let message = result.message;
      if (parted) {
        parted.failed = true;
        // A part's line and offset, in the file's numbering; what came before it has been reported already.
        if (result.utf8) {
          const u = result.utf8;
          message = `${badUtf8Message({ ...u, line: u.line + parted.lineOffset, offset: u.offset + parted.bytes })}; the lines before it were checked`;
        }
      }
      totals.problems++;
      progress.filesDone++;
      events.problem(file.display, message, 'unreadable');
      report();
      return;
    }
    totals.incidents += result.incidents;
    totals.bytes += result.bytes;
    totals.fixed += result.fixed ?? 0;
    progress.incidentsDone += result.incidents;
    progress.bytesDone += result.bytes;
    if (result.internalErrors.length) {
      totals.internalErrors += result.internalErrors.length;
      events.internalErrors?.(file, result.internalErrors);
    }
    if (parted) {
      const ids = (result.ids ?? []).map(([id, line, c, e]): IdPlace => [id, line + parted.lineOffset, c, e]);
      const dups = parted.duplicates!.next(ids);
      // The edition note is once per file: a later part's is dropped (or uncounted).
      const dropEdition = !!result.editionNote && parted.edition;
      if (result.editionNote) parted.edition = true;
      if (result.findings) {
        shiftFindings(result.findings, parted.lineOffset);
        let all = dropEdition ? result.findings.filter((f) => f.rule !== EDITION_RULE) : result.findings;
        if (dups.length) all = [...all, ...dups].sort(byPosition);
        events.findings?.(file, all);
      }
      if (result.tally) {
        shiftTally(result.tally, parted.lineOffset);
        for (const d of dups) countFinding(result.tally, d.rule, d.severity);
        if (dropEdition) countFinding(result.tally, EDITION_RULE, result.editionNote!, -1);
        if (meta.last) result.tally.files = 1;
        events.tally?.(result.tally);
      }
      parted.lineOffset += result.lineBreaks;
      parted.incidents += result.incidents;
      parted.bytes += result.bytes;
      if (meta.last) {
        totals.files++;
        progress.filesDone++;
        events.fileDone?.(file, { incidents: parted.incidents, bytes: parted.bytes, fixed: 0 });
      }
    } else {
      totals.files++;
      progress.filesDone++;
      if (result.findings) events.findings?.(file, result.findings);
      if (result.tally) events.tally?.(result.tally);
      events.fileDone?.(file, { incidents: result.incidents, bytes: result.bytes, fixed: result.fixed ?? 0 });
    }
    report();
  };

  const script = opts.workerScript ?? path.join(__dirname, 'worker.js');
  const pool: Pool<Meta> = opts.jobs > 0 && fs.existsSync(script) ? new WorkerPool<Meta>(script, opts.jobs, deliver) : new InlinePool<Meta>(deliver);
  const onProblem = (p: DiscoveryProblem) => {
    totals.problems++;
    events.problem(p.input, p.message, 'nothing');
  };
  try {
    for await (const file of discover(opts.inputs, opts.cwd, onProblem)) {
      progress.filesFound++;
      const cfg = resolver.for(file.path);
      const job = { mode: opts.mode, path: file.path, display: file.display, config: { key: cfg.key, config: cfg.config }, topN };
      let size = 0;
      try {
        size = (await fs.promises.stat(file.path)).size;
      } catch {
        // The worker will report why it cannot be read.
      }
      if (size <= splitAbove) {
        await pool.submit({ ...job, kind: 'file' }, { file, last: true });
        continue;
      }
      const parted = new PartedFile(file, cfg);
      try {
        for await (const part of readParts(file.path, partBytes)) {
          if (part.index === 0) parted.setPrefix(partPrefix(part.bytes));
          const seg: Job = { ...job, kind: 'part', bytes: part.bytes, index: part.index, prefix: part.index > 0 ? parted.prefix : '' };
          await pool.submit(seg, { file, parted, last: part.last }, [part.bytes.buffer as ArrayBuffer]);
        }
      } catch (e) {
        await pool.drain();
        if (!parted.failed) {
          parted.failed = true;
          totals.problems++;
          events.problem(file.display, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`, 'unreadable');
        }
      }
    }
    progress.searched = true;
    await pool.drain();
    report();
  } finally {
    await pool.close();
  }
  return totals;
}
