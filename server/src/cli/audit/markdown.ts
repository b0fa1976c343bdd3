/**
 * The audit as Markdown: readable as plain text, rendered nicely by any
 * Markdown viewer, and links to each worst example's file and line.
 */
import type { Audit } from './model';
import { count, percent, rateText } from './stats';

/** Escapes text for a Markdown table cell or line. */
export function mdEscape(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/([*_`[\]<>#])/g, '\\$1').replace(/\r?\n/g, ' ');
}

function n(x: number): string {
  return x.toLocaleString('en-GB');
}

/** A link to a line of a file, relative to where the report is read from (GitHub and VS Code understand `#L<line>`). */
export type LinkFor = (file: string, line: number) => string;
export const defaultLink: LinkFor = (file, line) => `${file.split('/').map(encodeURIComponent).join('/')}#L${line}`;

export function renderAuditMarkdown(a: Audit, link: LinkFor = defaultLink): string {
  const out: string[] = [];
  const s = a.scope;
  out.push(`# ${mdEscape(a.title)}`, '');
  const period = s.receivedFrom ? `, received ${s.receivedFrom} to ${s.receivedTo}` : '';
  out.push(`${count(s.files, 'file')}, ${count(s.incidents, 'incident')}${period}. Incidents with at least one error or warning: ${n(s.incidents - s.compliant.count)}; with none: ${rateText(s.compliant)}.`, '');
  if (a.problems.length) {
    out.push(`**${count(a.problems.length, 'input')} could not be checked** and are not counted:`, '');
    for (const p of a.problems) out.push(`- ${mdEscape(p.path)}: ${mdEscape(p.message)}`);
    out.push('');
  }

  out.push('## Recording by offence family', '');
  out.push('| Offence family | Disclosed | Recorded | Not recorded | Recording rate (95% CI) |', '| --- | ---: | ---: | ---: | --- |');
  for (const r of a.recording.families) out.push(`| ${mdEscape(r.title)} | ${n(r.disclosed)} | ${n(r.recorded)} | ${n(r.notRecorded)} | ${rateText(r.recording)} |`);
  const t = a.recording.total;
  out.push(`| **${t.title}** | **${n(t.disclosed)}** | **${n(t.recorded)}** | **${n(t.notRecorded)}** | **${rateText(t.recording)}** |`, '');
  if (t.recordedWithoutRecognisedDisclosure) {
    out.push(`Recorded crimes that answer no words the checker recognised (counted as disclosed all the same): ${n(t.recordedWithoutRecognisedDisclosure)}.`, '');
  }

  const tm = a.timeliness;
  const limit = tm.limitHours.length === 1 ? `${tm.limitHours[0]} hours` : `the configured limit (${tm.limitHours.join(', ')} h)`;
  out.push('## Timeliness', '');
  out.push(`${count(tm.crimes, 'crime')} recorded: within ${limit}, ${n(tm.within)}; later, ${n(tm.late)}; with no recorded time, ${n(tm.noRecordedTime)}.`);
  out.push(`Recorded in time: ${rateText(tm.rate)} of crimes with a recorded time.`, '');

  const r = a.rape;
  out.push('## Reports of rape', '');
  out.push('| Reports | With a rape crime | With an N100 only | With neither |', '| ---: | ---: | ---: | ---: |');
  out.push(`| ${n(r.reports)} | ${n(r.withCrime)} (${percent(r.crimeRate.rate)}) | ${n(r.withN100)} | ${n(r.withNeither)} |`, '');
  out.push(
    `Of the reports with neither, closed with a No crime line: ${n(r.neitherWithNoCrime)}. ` +
      `The checker found: no record at all, ${n(r.missingN100)}; an N100 that should be a crime, ${n(r.n100ShouldBeCrime)}; a rape recorded as a lesser offence, ${n(r.recordedAsLesserOffence)}.`,
    '',
  );

  const c = a.cancellations;
  out.push('## Cancellations', '');
  out.push(`${count(c.total, 'cancellation')}; lacking something they need: ${n(c.withProblems)}; complete: ${rateText(c.rate)}.`, '');
  if (c.byClass.length) {
    out.push('| Class | Cancellations | Lacking something |', '| --- | ---: | ---: |');
    for (const k of c.byClass) out.push(`| ${mdEscape(k.class)}: ${mdEscape(k.title)} | ${n(k.total)} | ${n(k.withProblems)} |`);
    out.push('');
  }
  if (c.byProblem.length) {
    out.push('| What they lack | Cancellations |', '| --- | ---: |');
    for (const p of c.byProblem) out.push(`| ${mdEscape(p.title)} (\`${p.rule}\`) | ${n(p.count)} |`);
    out.push('');
  }

  const f = a.findings;
  out.push('## Findings by rule', '');
  out.push(`${count(f.errors, 'error')}, ${count(f.warnings, 'warning')}, ${n(f.information)} information, ${count(f.hints, 'hint')}.`, '');
  if (f.byRule.length) {
    out.push('| Rule | Default severity | Findings |', '| --- | --- | ---: |');
    for (const x of f.byRule) out.push(`| ${mdEscape(x.title)} (\`${x.rule}\`) | ${x.severity} | ${n(x.count)} |`);
    out.push('');
  }

  out.push('## Worst examples', '');
  if (!a.worst.length) out.push('No incident has an error or a warning.', '');
  a.worst.forEach((w, i) => {
    out.push(`${i + 1}. [${mdEscape(w.file)}:${w.line}](${link(w.file, w.line)}) incident ${mdEscape(w.incident)}: ${count(w.errors, 'error')}, ${count(w.warnings, 'warning')}`);
    for (const x of w.findings) out.push(`   - [line ${x.line}](${link(w.file, x.line)}) ${x.severity} \`${x.rule}\`: ${mdEscape(x.message)}`);
  });
  if (a.worst.length) out.push('');

  out.push('## Method', '');
  out.push(`Rates are given with their ${Math.round(a.method.confidence * 100)}% ${a.method.interval} (z = ${a.method.z.toFixed(3)}). ${a.method.why}`, '');
  out.push(a.method.counting, '');
  out.push(a.method.caveat, '');
  if (a.internalErrors) out.push(`**${count(a.internalErrors, 'internal error')}** occurred while checking; some findings may be missing.`, '');
  out.push(`_${a.tool.name} ${a.tool.version}_`, '');
  return out.join('\n');
}
