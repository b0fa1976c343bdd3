/**
 * The audit as a report: the tally turned into rates with their intervals,
 * rows with titles, and the method written out. This object is what
 * `--format json` prints and what the Markdown and HTML renderers draw; it
 * holds no dates or timings, so the same logs always give the same report.
 */
import cancellationsJson from '../../../../rules-data/cancellations.json';
import lexiconJson from '../../../../rules-data/lexicon.json';
import { formatDate, instantToLocal, ruleInfo, type Severity } from '../../core';
import { TOOL_NAME, TOOL_VERSION } from '../version';
import { UNKNOWN_FAMILY } from './collect';
import { rate, Z95, type Rate } from './stats';
import type { AuditTally, WorstExample } from './tally';

export interface FamilyRow {
  family: string;
  title: string;
  /** Offences the logs disclose that should be recorded: recorded + not recorded. */
  disclosed: number;
  recorded: number;
  notRecorded: number;
  /** recorded / disclosed with its 95% Wilson interval. */
  recording: Rate;
  /** Recorded crimes whose words the lexicon did not recognise (counted as disclosed all the same). */
  recordedWithoutRecognisedDisclosure: number;
}

export interface Audit {
  kind: 'counting-rules-audit';
  version: 1;
  title: string;
  tool: { name: string; version: string };
  scope: {
    files: number;
    incidents: number;
    bytes: number;
    /** First and last Received dates (UK local, YYYY-MM-DD). */
    receivedFrom: string | null;
    receivedTo: string | null;
    /** Incidents with no error or warning, of all incidents. */
    compliant: Rate;
  };
  method: { interval: string; confidence: number; z: number; why: string; counting: string; caveat: string };
  recording: { families: FamilyRow[]; total: FamilyRow };
  timeliness: { limitHours: number[]; crimes: number; within: number; late: number; noRecordedTime: number; rate: Rate };
  rape: {
    reports: number;
    withCrime: number;
    withN100: number;
    withNeither: number;
    /** Of those with neither: incidents closed with a No crime line. */
    neitherWithNoCrime: number;
    /** Reports with a rape crime, of all reports. */
    crimeRate: Rate;
    n100ShouldBeCrime: number;
    recordedAsLesserOffence: number;
    missingN100: number;
  };
  cancellations: {
    total: number;
    valid: number;
    withProblems: number;
    /** Cancellations with everything they need, of all cancellations. */
    rate: Rate;
    byClass: { class: string; title: string; total: number; withProblems: number }[];
    byProblem: { rule: string; title: string; count: number }[];
  };
  findings: {
    errors: number;
    warnings: number;
    information: number;
    hints: number;
    byRule: { rule: string; title: string; severity: Severity; count: number }[];
  };
  worst: WorstExample[];
  problems: { path: string; message: string }[];
  internalErrors: number;
}

const FAMILY_TITLES = new Map<string, string>([
  ['modern-slavery', 'Modern slavery'],
  [UNKNOWN_FAMILY, 'Not a Home Office code'],
  ...(lexiconJson as unknown as { families: { id: string; title: string }[] }).families.map((f) => [f.id, f.title] as [string, string]),
  ...((lexiconJson as unknown as { otherFamilies?: { id: string; title: string }[] }).otherFamilies ?? []).map((f) => [f.id, f.title] as [string, string]),
]);

const CLASS_TITLES = new Map((cancellationsJson as unknown as { classes: { id: string; title: string }[] }).classes.map((c) => [c.id, c.title]));

export function familyTitle(id: string): string {
  return FAMILY_TITLES.get(id) ?? id.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

function ukDate(epoch: number | null): string | null {
  return epoch === null ? null : formatDate(instantToLocal(epoch).date, 'iso');
}

export const METHOD = {
  interval: 'Wilson score interval',
  confidence: 0.95,
  z: Z95,
  why:
    'Recording rates sit close to 100% and many offence families have only a few cases in a batch. There the usual normal (Wald) interval is too narrow, ' +
    'can pass 100% and shrinks to nothing at 0% or 100%; the Wilson interval stays within 0-100% and keeps close to 95% coverage for small counts ' +
    '(Brown, Cai and DasGupta, Statistical Science, 2001).',
  counting:
    'An offence counts as disclosed when a crime was recorded for it, or when the checker reports it as not recorded (unrecorded-offence, missing-n100, ' +
    'n100-should-be-crime, rape-misclassified, course-of-conduct, one-crime-per-victim, modern-slavery-referral: one finding per fault). ' +
    'A rape recorded as a lesser sexual offence counts once, as a rape not recorded; an N100 that stands correctly is not an offence owed. ' +
    'Crimes are grouped by the family of their Home Office code; findings by the family of the code their fix would record. ' +
    'Timeliness follows the late-recording rule (its clock, its limit). Suppressions with a reason and rules a force has turned off are respected.',
  caveat:
    'The interval treats each offence as an independent draw from the force\'s recording. Offences in one incident are recorded (or missed) together, ' +
    'so where incidents hold several offences the true uncertainty is somewhat wider. The figures are the checker\'s reading of the logs, not an inspector\'s.',
};

function familyRow(family: string, recorded: number, missed: number, unrecognised: number): FamilyRow {
  const disclosed = recorded + missed;
  return { family, title: familyTitle(family), disclosed, recorded, notRecorded: missed, recording: rate(recorded, disclosed), recordedWithoutRecognisedDisclosure: unrecognised };
}

export function buildAudit(t: AuditTally, title = 'Crime recording audit'): Audit {
  const families = Object.entries(t.families)
    .map(([fam, f]) => familyRow(fam, f.recorded, f.missed, f.unrecognised))
    .filter((r) => r.disclosed > 0)
    .sort((a, b) => b.disclosed - a.disclosed || a.family.localeCompare(b.family));
  const total = familyRow(
    'all',
    families.reduce((s, r) => s + r.recorded, 0),
    families.reduce((s, r) => s + r.notRecorded, 0),
    families.reduce((s, r) => s + r.recordedWithoutRecognisedDisclosure, 0),
  );
  total.title = 'All offences';
  const tt = t.timeliness;
  const withTime = tt.inTime + tt.late;
  const c = t.cancellations;
  return {
    kind: 'counting-rules-audit',
    version: 1,
    title,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    scope: {
      files: t.files,
      incidents: t.incidents,
      bytes: t.bytes,
      receivedFrom: ukDate(t.firstReceived),
      receivedTo: ukDate(t.lastReceived),
      compliant: rate(t.incidents - t.incidentsWithProblems, t.incidents),
    },
    method: METHOD,
    recording: { families, total },
    timeliness: { limitHours: [...tt.limits].sort((a, b) => a - b), crimes: tt.crimes, within: tt.inTime, late: tt.late, noRecordedTime: tt.noTime, rate: rate(tt.inTime, withTime) },
    rape: {
      reports: t.rape.reports,
      withCrime: t.rape.crime,
      withN100: t.rape.n100,
      withNeither: t.rape.neither,
      neitherWithNoCrime: t.rape.noCrimeLine,
      crimeRate: rate(t.rape.crime, t.rape.reports),
      n100ShouldBeCrime: t.rape.n100ShouldBeCrime,
      recordedAsLesserOffence: t.rape.misclassified,
      missingN100: t.rape.missingN100,
    },
    cancellations: {
      total: c.total,
      valid: c.total - c.withProblems,
      withProblems: c.withProblems,
      rate: rate(c.total - c.withProblems, c.total),
      byClass: Object.entries(c.byClass)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([cls, v]) => ({ class: cls, title: CLASS_TITLES.get(cls) ?? 'Not a cancellation class', total: v.total, withProblems: v.withProblems })),
      byProblem: Object.entries(c.byProblem)
        .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
        .map(([rule, count]) => ({ rule, title: ruleInfo(rule)?.title ?? rule, count })),
    },
    findings: {
      errors: t.findings.error,
      warnings: t.findings.warning,
      information: t.findings.information,
      hints: t.findings.hint,
      byRule: Object.entries(t.findings.byRule)
        .map(([rule, count]) => ({ rule, title: ruleInfo(rule)?.title ?? rule, severity: ruleInfo(rule)?.severity ?? ('warning' as Severity), count }))
        .sort((a, b) => b.count - a.count || a.rule.localeCompare(b.rule)),
    },
    worst: t.worst,
    problems: t.unreadable.map((u) => ({ path: u.file, message: u.message })),
    internalErrors: t.internalErrors,
  };
}
