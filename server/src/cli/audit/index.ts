/**
 * The audit as a library, for the VS Code client as much as for the command:
 * `auditFiles` audits a list of logs (or folders, or globs) and returns the
 * report; `renderAuditHtml`, `renderAuditMarkdown` and `renderAuditJson`
 * draw it. By default the work runs on the calling thread (`jobs: 0`), which
 * suits a workspace of a few hundred logs; give `jobs` and `workerScript`
 * (the bundled dist/worker.js) to use worker threads.
 */
import * as path from 'node:path';
import type { ConfigProblem } from '../../core';
import { run, type Progress } from '../run';
import { buildAudit, type Audit } from './model';
import { emptyTally, mergeTally } from './tally';

export { renderAuditHtml, type HtmlOptions } from './html';
export { renderAuditMarkdown, defaultLink, type LinkFor } from './markdown';
export { buildAudit, type Audit, type FamilyRow } from './model';
export { wilson, rate, Z95, type Rate, type Interval } from './stats';

export interface AuditOptions {
  /** Paths in the report are relative to this folder (default: the current one). */
  cwd?: string;
  /** One configuration file for every log; by default each log's nearest `.counting-rules.json`. */
  config?: string;
  /** Worst examples to keep (default 10). */
  top?: number;
  title?: string;
  /** Worker threads; 0 (the default) runs on the calling thread. */
  jobs?: number;
  workerScript?: string;
  onProgress?(p: Progress): void;
  onConfigProblem?(p: ConfigProblem): void;
  /** Files larger than this are read in parts (default 8 MiB). */
  splitAbove?: number;
  partBytes?: number;
}

/** Audits logs: files, folders (searched for *.ilog) or globs. Unreadable inputs are listed in `problems`, never thrown. */
export async function auditFiles(inputs: readonly string[], options: AuditOptions = {}): Promise<Audit> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const top = options.top ?? 10;
  const total = emptyTally();
  await run(
    {
      inputs: [...inputs],
      cwd,
      mode: 'audit',
      jobs: options.jobs ?? 0,
      config: options.config,
      topN: top,
      workerScript: options.workerScript,
      splitAbove: options.splitAbove,
      partBytes: options.partBytes,
    },
    {
      tally: (t) => mergeTally(total, t, top),
      problem: (where, message) => total.unreadable.push({ file: where, message }),
      configProblem: options.onConfigProblem,
      progress: options.onProgress,
    },
  );
  return buildAudit(total, options.title);
}

/** The audit as JSON text (the shape documented in docs/cli.md). */
export function renderAuditJson(a: Audit): string {
  return JSON.stringify(a, null, 2) + '\n';
}
