/**
 * The audit as one self-contained HTML page: the headline figures first,
 * then charts (inline SVG), then the tables and the worst examples with
 * links to file and line. No script, no font, no image or style sheet from
 * anywhere else: it opens offline, prints, and shows in a VS Code webview.
 * Links carry `data-file` and `data-line` so a webview can open the log.
 */
import { defaultLink, type LinkFor } from './markdown';
import type { Audit } from './model';
import { count, percent, rateText, type Rate } from './stats';
import { COLOURS, countChart, esc, rateChart, stackedBar } from './svg';

export interface HtmlOptions {
  /** How a file and line become a link (default: a relative path with `#L<line>`). */
  link?: LinkFor;
}

function n(x: number): string {
  return x.toLocaleString('en-GB');
}

const SEVERITY_COLOUR: Record<string, string> = { error: COLOURS.red, warning: COLOURS.amber, information: COLOURS.blue, hint: COLOURS.grey };

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: ${COLOURS.ink}; background: #f5f7fa; }
main { max-width: 980px; margin: 0 auto; padding: 24px 28px 48px; background: #fff; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 36px 0 10px; padding-top: 8px; border-top: 1px solid ${COLOURS.light}; }
.scope { color: ${COLOURS.muted}; margin: 0 0 20px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px; }
.card { border: 1px solid ${COLOURS.light}; border-radius: 8px; padding: 12px 14px; }
.card .big { font-size: 28px; font-weight: 650; line-height: 1.1; }
.card .what { font-size: 13px; }
.card .ci { font-size: 12px; color: ${COLOURS.muted}; }
.good { color: ${COLOURS.green}; } .fair { color: ${COLOURS.amber}; } .poor { color: ${COLOURS.red}; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 4px; font-size: 13px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid ${COLOURS.light}; vertical-align: top; }
th { font-weight: 600; background: #fafbfc; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total td { font-weight: 650; }
.note { color: ${COLOURS.muted}; font-size: 13px; }
.problems { border-left: 4px solid ${COLOURS.red}; padding: 6px 12px; background: #fdf3f3; }
ol.worst > li { margin-bottom: 12px; }
ol.worst ul { margin: 4px 0 0; padding-left: 18px; }
.sev { display: inline-block; min-width: 64px; font-size: 12px; font-weight: 600; }
code { font-size: 12px; background: #f1f3f6; padding: 0 4px; border-radius: 3px; }
a { color: ${COLOURS.blue}; }
figure { margin: 8px 0 0; }
figcaption { font-size: 12px; color: ${COLOURS.muted}; }
@media print { body { background: #fff; } main { padding: 0; } h2 { break-after: avoid; } svg { break-inside: avoid; } }
`;

function grade(r: Rate): string {
  if (r.rate === null) return '';
  if (r.high !== null && r.high < 0.9) return 'poor';
  return r.rate < 0.95 ? 'fair' : 'good';
}

function card(title: string, r: Rate, detail: string): string {
  return (
    `<div class="card"><div class="big ${grade(r)}">${esc(percent(r.rate))}</div><div class="what">${esc(title)}</div>` +
    `<div class="ci">${r.rate === null ? 'none in this batch' : `95% CI ${esc(percent(r.low))}–${esc(percent(r.high))} · ${esc(detail)}`}</div></div>`
  );
}

function fileLink(link: LinkFor, file: string, line: number, text: string): string {
  return `<a href="${esc(link(file, line))}" data-file="${esc(file)}" data-line="${line}">${esc(text)}</a>`;
}

export function renderAuditHtml(a: Audit, options: HtmlOptions = {}): string {
  const link = options.link ?? defaultLink;
  const s = a.scope;
  const t = a.recording.total;
  const tm = a.timeliness;
  const r = a.rape;
  const c = a.cancellations;
  const limit = tm.limitHours.length === 1 ? `${tm.limitHours[0]} hours` : 'the configured limit';
  const body: string[] = [];

  body.push(`<h1>${esc(a.title)}</h1>`);
  const period = s.receivedFrom ? ` · received ${esc(s.receivedFrom)} to ${esc(s.receivedTo ?? '')}` : '';
  body.push(`<p class="scope">${count(s.files, 'file')} · ${count(s.incidents, 'incident')}${period}</p>`);
  if (a.problems.length) {
    body.push(`<div class="problems"><strong>${count(a.problems.length, 'input')} could not be checked</strong> and are not counted:<ul>`);
    for (const p of a.problems) body.push(`<li>${esc(p.path)}: ${esc(p.message)}</li>`);
    body.push('</ul></div>');
  }

  body.push('<div class="cards">');
  body.push(card('of disclosed offences recorded', t.recording, `${n(t.recorded)} of ${n(t.disclosed)}`));
  body.push(card(`of crimes recorded within ${limit}`, tm.rate, `${n(tm.within)} of ${n(tm.within + tm.late)}`));
  body.push(card('of rape reports recorded as a crime', r.crimeRate, `${n(r.withCrime)} of ${n(r.reports)}`));
  body.push(card('of cancellations complete', c.rate, `${n(c.valid)} of ${n(c.total)}`));
  body.push(card('of incidents with no error or warning', s.compliant, `${n(s.compliant.count)} of ${n(s.compliant.of)}`));
  body.push('</div>');

  body.push('<h2>Recording by offence family</h2>');
  const rows = a.recording.families.filter((f) => f.recording.rate !== null);
  if (rows.length) {
    const chartRows = [...rows, t].map((f) => ({
      label: f.title,
      rate: f.recording.rate!,
      low: f.recording.low!,
      high: f.recording.high!,
      note: `${n(f.recorded)} of ${n(f.disclosed)}`,
    }));
    body.push(`<figure>${rateChart(chartRows, 'Recording rate by offence family, with 95% confidence intervals')}`);
    body.push('<figcaption>Bars: share of disclosed offences recorded. Whiskers: 95% Wilson interval. Green: 95% or more; amber: below 95%; red: the whole interval below 90% (bands for reading only, not an inspection grade).</figcaption></figure>');
  } else body.push('<p class="note">No offences disclosed or recorded in this batch.</p>');
  body.push('<table><thead><tr><th>Offence family</th><th class="num">Disclosed</th><th class="num">Recorded</th><th class="num">Not recorded</th><th class="num">Rate (95% CI)</th></tr></thead><tbody>');
  for (const f of a.recording.families) {
    body.push(`<tr><td>${esc(f.title)}</td><td class="num">${n(f.disclosed)}</td><td class="num">${n(f.recorded)}</td><td class="num">${n(f.notRecorded)}</td><td class="num">${esc(rateText(f.recording))}</td></tr>`);
  }
  body.push(`<tr class="total"><td>${esc(t.title)}</td><td class="num">${n(t.disclosed)}</td><td class="num">${n(t.recorded)}</td><td class="num">${n(t.notRecorded)}</td><td class="num">${esc(rateText(t.recording))}</td></tr></tbody></table>`);

  body.push('<h2>Timeliness</h2>');
  body.push(
    stackedBar(
      [
        { label: `Within ${limit}`, value: tm.within, colour: COLOURS.green },
        { label: 'Later', value: tm.late, colour: COLOURS.red },
        { label: 'No recorded time', value: tm.noRecordedTime, colour: COLOURS.grey },
      ],
      'Crimes by time to record',
    ),
  );
  body.push(`<p class="note">${count(tm.crimes, 'crime')}. Recorded in time: ${esc(rateText(tm.rate))} of those with a recorded time.</p>`);

  body.push('<h2>Reports of rape</h2>');
  body.push(
    stackedBar(
      [
        { label: 'Rape crime', value: r.withCrime, colour: COLOURS.green },
        { label: 'N100 only', value: r.withN100, colour: COLOURS.amber },
        { label: 'Neither', value: r.withNeither, colour: COLOURS.red },
      ],
      'Reports of rape by what was recorded',
    ),
  );
  body.push(
    `<p class="note">${count(r.reports, 'report')}. With neither: ${n(r.withNeither)} (${n(r.neitherWithNoCrime)} closed with a No crime line). ` +
      `The checker found: no record at all, ${n(r.missingN100)}; an N100 that should be a crime, ${n(r.n100ShouldBeCrime)}; a rape recorded as a lesser offence, ${n(r.recordedAsLesserOffence)}.</p>`,
  );

  body.push('<h2>Cancellations</h2>');
  if (c.byClass.length) {
    body.push(
      countChart(
        c.byClass.flatMap((k) => [
          { label: `${k.class}: complete`, count: k.total - k.withProblems, colour: COLOURS.green },
          { label: `${k.class}: lacking something`, count: k.withProblems, colour: COLOURS.red },
        ]),
        'Cancellations by class',
      ),
    );
    body.push('<table><thead><tr><th>Class</th><th class="num">Cancellations</th><th class="num">Lacking something</th></tr></thead><tbody>');
    for (const k of c.byClass) body.push(`<tr><td><strong>${esc(k.class)}</strong> ${esc(k.title)}</td><td class="num">${n(k.total)}</td><td class="num">${n(k.withProblems)}</td></tr>`);
    body.push('</tbody></table>');
    if (c.byProblem.length) {
      body.push('<table><thead><tr><th>What they lack</th><th class="num">Cancellations</th></tr></thead><tbody>');
      for (const p of c.byProblem) body.push(`<tr><td>${esc(p.title)} <code>${esc(p.rule)}</code></td><td class="num">${n(p.count)}</td></tr>`);
      body.push('</tbody></table>');
    }
  } else body.push('<p class="note">No cancellations in this batch.</p>');

  body.push('<h2>Findings by rule</h2>');
  body.push(`<p class="note">${count(a.findings.errors, 'error')}, ${count(a.findings.warnings, 'warning')}, ${n(a.findings.information)} information, ${count(a.findings.hints, 'hint')}.</p>`);
  if (a.findings.byRule.length) {
    body.push(
      countChart(
        a.findings.byRule.map((x) => ({ label: x.title, count: x.count, colour: SEVERITY_COLOUR[x.severity] ?? COLOURS.grey, note: x.severity })),
        'Findings by rule',
      ),
    );
  }

  body.push('<h2>Worst examples</h2>');
  if (!a.worst.length) body.push('<p class="note">No incident has an error or a warning.</p>');
  else {
    body.push('<ol class="worst">');
    for (const w of a.worst) {
      body.push(`<li>${fileLink(link, w.file, w.line, `${w.file}:${w.line}`)} · incident <strong>${esc(w.incident)}</strong> · ${count(w.errors, 'error')}, ${count(w.warnings, 'warning')}<ul>`);
      for (const f of w.findings) {
        body.push(
          `<li><span class="sev" style="color:${SEVERITY_COLOUR[f.severity] ?? COLOURS.grey}">${esc(f.severity)}</span> ${fileLink(link, w.file, f.line, `line ${f.line}`)} <code>${esc(f.rule)}</code> ${esc(f.message)}</li>`,
        );
      }
      body.push('</ul></li>');
    }
    body.push('</ol>');
  }

  body.push('<h2>Method</h2>');
  body.push(`<p>Rates are given with their ${Math.round(a.method.confidence * 100)}% ${esc(a.method.interval)} (z = ${a.method.z.toFixed(3)}). ${esc(a.method.why)}</p>`);
  body.push(`<p>${esc(a.method.counting)}</p>`);
  body.push(`<p class="note">${esc(a.method.caveat)}</p>`);
  if (a.internalErrors) body.push(`<p class="problems">${count(a.internalErrors, 'internal error')} occurred while checking; some findings may be missing.</p>`);
  body.push(`<p class="note">${esc(a.tool.name)} ${esc(a.tool.version)}</p>`);

  return (
    `<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<title>${esc(a.title)}</title>\n<style>${STYLE}</style>\n</head>\n<body>\n<main>\n${body.join('\n')}\n</main>\n</body>\n</html>\n`
  );
}
