/**
 * Reading one checked file the way an inspector reads it: which offences the
 * logs disclose and which were recorded, when crimes were recorded, what
 * happened to each report of rape, and whether each cancellation has what
 * it needs. Everything is taken from the checker's own findings, so the
 * audit agrees with the editor and the `check` command, and respects
 * suppressions with a reason and rules a force has turned off.
 */
import { lookupCode, type CancelledDecision, type CountingRulesConfig, type CrimeDecision, type FileReport, type Finding, type IncidentReport, type N100Decision } from '../../core';
import { familyTally, insertWorst, type AuditTally, type WorstExample } from './tally';

/** Findings that each stand for one offence disclosed and not recorded (RULES.md: one fault, one finding). */
export const RECORDING_RULES: ReadonlySet<string> = new Set([
  'unrecorded-offence',
  'missing-n100',
  'n100-should-be-crime',
  'rape-misclassified',
  'course-of-conduct',
  'one-crime-per-victim',
  'modern-slavery-referral',
]);

/** Where a recording finding offers no code, the family it is about. */
const RULE_FAMILY: Record<string, string> = {
  'missing-n100': 'rape',
  'n100-should-be-crime': 'rape',
  'rape-misclassified': 'rape',
  'course-of-conduct': 'harassment',
  'modern-slavery-referral': 'modern-slavery',
};

/** Findings that say a cancellation lacks what it needs. */
export const CANCELLATION_RULES: ReadonlySet<string> = new Set([
  'cancellation-without-avi',
  'cancellation-misuse',
  'cancellation-authority',
  'victim-not-informed',
  'invalid-no-crime-reason',
]);

export const UNKNOWN_FAMILY = 'unknown-code';
const RAPE = 'rape';

/** Weight of a finding in ranking the worst examples: errors outweigh warnings; information does not count. */
const WEIGHT: Record<string, number> = { error: 3, warning: 1, information: 0, hint: 0 };

function familyOfFinding(f: Finding): string {
  const code = f.codes?.[0];
  const fam = code ? lookupCode(code)?.family : undefined;
  return fam ?? RULE_FAMILY[f.rule] ?? 'other';
}

function onLine(findings: readonly Finding[], line: number, rules: ReadonlySet<string> | string): Finding[] {
  return findings.filter((f) => f.range.start.line === line && (typeof rules === 'string' ? f.rule === rules : rules.has(f.rule)));
}

/** Tallies one incident. `lineShift` turns the incident's own line numbers into the file's, 1-based. */
function tallyIncident(t: AuditTally, r: IncidentReport, file: string, lineShift: number, topN: number): void {
  const { incident, analysis, findings } = r;
  t.incidents++;
  if (incident.received) {
    const e = incident.received.epoch;
    if (t.firstReceived === null || e < t.firstReceived) t.firstReceived = e;
    if (t.lastReceived === null || e > t.lastReceived) t.lastReceived = e;
  }

  // Recording: crimes by their code's family, missed offences by their findings.
  const crimes = incident.decisions.filter((d): d is CrimeDecision => d.kind === 'crime');
  const n100s = incident.decisions.filter((d): d is N100Decision => d.kind === 'n100');
  const misclassified = new Set(findings.filter((f) => f.rule === 'rape-misclassified').map((f) => f.range.start.line));
  for (const c of crimes) {
    // A rape recorded as a lesser offence is one offence, counted once: as a rape not recorded.
    if (misclassified.has(c.line)) continue;
    const family = lookupCode(c.code)?.family;
    const fam = familyTally(t, family ?? UNKNOWN_FAMILY);
    fam.recorded++;
    if (!analysis.disclosures.some((d) => d.family === family || (d.codes.length && lookupCode(d.codes[0])?.family === family))) fam.unrecognised++;
  }
  for (const f of findings) if (RECORDING_RULES.has(f.rule)) familyTally(t, familyOfFinding(f)).missed++;

  // Timeliness: a crime is late when the late-recording rule says so (its clock, its limit, its suppressions).
  for (const c of crimes) {
    t.timeliness.crimes++;
    if (!c.recorded) t.timeliness.noTime++;
    else if (onLine(findings, c.line, 'late-recording').length) t.timeliness.late++;
    else t.timeliness.inTime++;
  }

  // Rape: each victim's report has a rape crime, an N100, or neither.
  const sole = incident.victims.length === 1 ? incident.victims[0].label : undefined;
  const reports = new Map<string, { crime: boolean; n100: boolean }>();
  const report = (v: string | undefined) => {
    const k = v ?? sole ?? '?';
    let x = reports.get(k);
    if (!x) reports.set(k, (x = { crime: false, n100: false }));
    return x;
  };
  for (const d of analysis.disclosures) if (d.family === RAPE) report(d.victim);
  for (const c of crimes) if (lookupCode(c.code)?.family === RAPE) report(c.victim).crime = true;
  for (const n of n100s) report(n.victim).n100 = true;
  // An unattributed disclosure belongs to a named report when there is one.
  if (reports.size > 1 && reports.has('?')) {
    const unknown = reports.get('?')!;
    reports.delete('?');
    const first = reports.values().next().value!;
    first.crime ||= unknown.crime;
    first.n100 ||= unknown.n100;
  }
  const hasNoCrime = incident.decisions.some((d) => d.kind === 'no-crime');
  for (const x of reports.values()) {
    t.rape.reports++;
    if (x.crime) t.rape.crime++;
    else if (x.n100) t.rape.n100++;
    else {
      t.rape.neither++;
      if (hasNoCrime) t.rape.noCrimeLine++;
    }
  }
  for (const f of findings) {
    if (f.rule === 'n100-should-be-crime') t.rape.n100ShouldBeCrime++;
    else if (f.rule === 'rape-misclassified') t.rape.misclassified++;
    else if (f.rule === 'missing-n100') t.rape.missingN100++;
  }

  // Cancellations: what each one lacks, by the rules that found it.
  for (const d of incident.decisions) {
    if (d.kind !== 'cancelled') continue;
    const c = d as CancelledDecision;
    const cls = (c.cClass ?? '?').toUpperCase();
    const problems = onLine(findings, c.line, CANCELLATION_RULES).filter((f) => f.severity === 'error' || f.severity === 'warning');
    t.cancellations.total++;
    const byClass = (t.cancellations.byClass[cls] ??= { total: 0, withProblems: 0 });
    byClass.total++;
    if (problems.length) {
      t.cancellations.withProblems++;
      byClass.withProblems++;
      for (const rule of new Set(problems.map((p) => p.rule))) t.cancellations.byProblem[rule] = (t.cancellations.byProblem[rule] ?? 0) + 1;
    }
  }

  // The worst examples: the incidents whose findings weigh most.
  let errors = 0;
  let warnings = 0;
  for (const f of findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
  }
  if (errors + warnings) {
    t.incidentsWithProblems++;
    const score = errors * WEIGHT.error + warnings * WEIGHT.warning;
    const base = incident.startLine + lineShift;
    const ex: WorstExample = {
      file,
      line: base,
      incident: incident.id,
      score,
      errors,
      warnings,
      findings: findings
        .filter((f) => f.severity === 'error' || f.severity === 'warning')
        .slice(0, 8)
        .map((f) => ({ rule: f.rule, severity: f.severity, line: base + f.range.start.line, message: f.message })),
    };
    insertWorst(t.worst, ex, topN);
  }
}

/**
 * Tallies a checked file (or a part of a large one). `lineShift` is added to
 * 0-based lines to give the file's 1-based lines. File-level findings are
 * counted by the caller, which sees the whole file.
 */
export function tallyReport(t: AuditTally, report: FileReport, file: string, config: CountingRulesConfig, lineShift: number, topN: number): void {
  if (!t.timeliness.limits.includes(config.timelinessHours)) t.timeliness.limits.push(config.timelinessHours);
  for (const r of report.incidents) tallyIncident(t, r, file, lineShift, topN);
}
