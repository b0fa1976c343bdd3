/**
 * What an inspection counts, gathered incident by incident into a tally that
 * adds up: two tallies merge into one, so workers tally their own files and
 * the main thread only adds. Nothing in a tally grows with the number of
 * incidents except the fixed-size list of worst examples.
 */
import type { Severity } from '../../core';

export interface FamilyTally {
  /** Crimes recorded in this family (by the code's family). */
  recorded: number;
  /** Offences disclosed and not recorded: one per recording finding (one fault, one finding). */
  missed: number;
  /** Recorded crimes that answer no disclosure the lexicon recognised. */
  unrecognised: number;
}

export interface WorstFinding {
  rule: string;
  severity: Severity;
  line: number;
  message: string;
}

export interface WorstExample {
  file: string;
  /** 1-based line of the `Incident` line. */
  line: number;
  incident: string;
  score: number;
  errors: number;
  warnings: number;
  findings: WorstFinding[];
}

export interface AuditTally {
  files: number;
  incidents: number;
  bytes: number;
  /** Earliest and latest `Received:` (UTC epoch ms). */
  firstReceived: number | null;
  lastReceived: number | null;
  families: Record<string, FamilyTally>;
  timeliness: { crimes: number; inTime: number; late: number; noTime: number; limits: number[] };
  rape: { reports: number; crime: number; n100: number; neither: number; noCrimeLine: number; n100ShouldBeCrime: number; misclassified: number; missingN100: number };
  cancellations: { total: number; withProblems: number; byClass: Record<string, { total: number; withProblems: number }>; byProblem: Record<string, number> };
  findings: { error: number; warning: number; information: number; hint: number; byRule: Record<string, number> };
  /** Incidents with at least one error or warning. */
  incidentsWithProblems: number;
  worst: WorstExample[];
  unreadable: { file: string; message: string }[];
  internalErrors: number;
}

export function emptyTally(): AuditTally {
  return {
    files: 0,
    incidents: 0,
    bytes: 0,
    firstReceived: null,
    lastReceived: null,
    families: {},
    timeliness: { crimes: 0, inTime: 0, late: 0, noTime: 0, limits: [] },
    rape: { reports: 0, crime: 0, n100: 0, neither: 0, noCrimeLine: 0, n100ShouldBeCrime: 0, misclassified: 0, missingN100: 0 },
    cancellations: { total: 0, withProblems: 0, byClass: {}, byProblem: {} },
    findings: { error: 0, warning: 0, information: 0, hint: 0, byRule: {} },
    incidentsWithProblems: 0,
    worst: [],
    unreadable: [],
    internalErrors: 0,
  };
}

export function familyTally(t: AuditTally, family: string): FamilyTally {
  return (t.families[family] ??= { recorded: 0, missed: 0, unrecognised: 0 });
}

function addCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
}

/**
 * Keeps the `n` highest scores, earliest first among equals: a new example
 * goes after every example with the same score, so the order of files and
 * lines decides ties and the result does not depend on worker timing.
 */
export function insertWorst(list: WorstExample[], ex: WorstExample, n: number): void {
  if (n <= 0 || ex.score <= 0) return;
  let i = list.length;
  while (i > 0 && list[i - 1].score < ex.score) i--;
  if (i >= n) return;
  list.splice(i, 0, ex);
  if (list.length > n) list.length = n;
}

/** Adds `from` into `into`. Merge in file order to keep ties stable. */
export function mergeTally(into: AuditTally, from: AuditTally, topN: number): void {
  into.files += from.files;
  into.incidents += from.incidents;
  into.bytes += from.bytes;
  if (from.firstReceived !== null && (into.firstReceived === null || from.firstReceived < into.firstReceived)) into.firstReceived = from.firstReceived;
  if (from.lastReceived !== null && (into.lastReceived === null || from.lastReceived > into.lastReceived)) into.lastReceived = from.lastReceived;
  for (const [fam, f] of Object.entries(from.families)) {
    const t = familyTally(into, fam);
    t.recorded += f.recorded;
    t.missed += f.missed;
    t.unrecognised += f.unrecognised;
  }
  const tt = into.timeliness;
  tt.crimes += from.timeliness.crimes;
  tt.inTime += from.timeliness.inTime;
  tt.late += from.timeliness.late;
  tt.noTime += from.timeliness.noTime;
  for (const l of from.timeliness.limits) if (!tt.limits.includes(l)) tt.limits.push(l);
  for (const k of Object.keys(into.rape) as (keyof AuditTally['rape'])[]) into.rape[k] += from.rape[k];
  const c = into.cancellations;
  c.total += from.cancellations.total;
  c.withProblems += from.cancellations.withProblems;
  for (const [cls, v] of Object.entries(from.cancellations.byClass)) {
    const t = (c.byClass[cls] ??= { total: 0, withProblems: 0 });
    t.total += v.total;
    t.withProblems += v.withProblems;
  }
  addCounts(c.byProblem, from.cancellations.byProblem);
  const f = into.findings;
  f.error += from.findings.error;
  f.warning += from.findings.warning;
  f.information += from.findings.information;
  f.hint += from.findings.hint;
  addCounts(f.byRule, from.findings.byRule);
  into.incidentsWithProblems += from.incidentsWithProblems;
  for (const ex of from.worst) insertWorst(into.worst, ex, topN);
  into.unreadable.push(...from.unreadable);
  into.internalErrors += from.internalErrors;
}

/** Counts one finding of the whole file (after a large file's parts are joined). */
export function countFinding(t: AuditTally, rule: string, severity: Severity, n = 1): void {
  t.findings[severity] += n;
  t.findings.byRule[rule] = (t.findings.byRule[rule] ?? 0) + n;
}
