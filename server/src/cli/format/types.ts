/** What every output format of `check` receives: findings as they come, then the summary. */
import type { CliFinding } from '../findings';

export interface CheckSummary {
  files: number;
  incidents: number;
  findings: number;
  errors: number;
  warnings: number;
  information: number;
  hints: number;
  /** Findings by rule id. */
  rules: Record<string, number>;
  /** Inputs that could not be checked: unreadable files, invalid UTF-8, missing paths, folders or patterns with nothing to check. */
  problems: { path: string; message: string }[];
  /** Rule failures (bugs in the checker). */
  internalErrors: { path: string; message: string }[];
  /** With --fix: fixes applied. */
  fixed?: number;
}

export interface Formatter {
  begin(): void;
  findings(list: CliFinding[]): void;
  end(summary: CheckSummary): void;
}
