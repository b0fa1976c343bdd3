/**
 * one-crime-per-victim: offences are disclosed against more victims than
 * crimes are recorded for. Reported for each victim left out, where another
 * victim of the same incident has a crime; for modern slavery, each victim the
 * log describes as exploited alongside one who has a 106 crime.
 */
import { coverageOf } from '../analysis/coverage';
import type { Finding, FixEdit } from '../findings';
import { crimeFixes, describeCode, makeFinding, quote, related } from './common';
import { exploitationOf } from './exploitation';
import { gapFinding, otherVictimHasCrime } from './unrecorded-offence';
import { comparePositions } from '../text/range';
import type { Rule, RuleContext } from './types';

export const RULE_ID = 'one-crime-per-victim';

interface LeftOut {
  victim: string;
  /** The words that disclosed the offence against this victim. */
  text: string;
  finding: Finding;
}

function slaveryGaps(ctx: RuleContext): LeftOut[] {
  const { incident, analysis } = ctx;
  const cov = coverageOf(incident, analysis, ctx.lexicon);
  const recorded = cov.crimes.filter((c) => c.family === 'modern-slavery');
  if (!recorded.length || cov.coveringNoCrime) return [];
  const { indicators, victims } = exploitationOf(incident, analysis);
  if (indicators.length < 2) return [];
  const covered = new Set(recorded.map((c) => c.victim));
  return victims
    .filter((v) => !covered.has(v))
    .map((v) => ({
      victim: v,
      text: indicators[0].text,
      finding: makeFinding(
        RULE_ID,
        `One crime per victim: a 106 Modern slavery crime is recorded for ${[...covered].filter(Boolean).join(', ') || 'another victim'}, but not for ${v}, whom the log describes as exploited too ('${quote(indicators[0].text, 40)}'). ` +
          'Each victim of modern slavery is a crime of their own. Record 106 Modern slavery.',
        indicators[0].range,
        {
          codes: ['106'],
          fixes: crimeFixes(incident, ['106'], v, true, false),
          related: [...indicators.slice(1, 3).map((c) => related(c.range, `Indicator: '${quote(c.text, 40)}'`)), related(recorded[0].decision.range, 'The 106 recorded')],
        },
      ),
    }));
}

/**
 * Several victims left out are one fault (the incident counts fewer crimes than it has victims): one finding that
 * names them all, whose fix records a crime for each (RULES.md: "insert a crime for each victim left out").
 */
function oneFinding(items: LeftOut[]): Finding[] {
  if (items.length < 2) return items.map((i) => i.finding);
  const names = [...new Set(items.map((i) => i.victim))];
  const list = `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  const chosen = items.map((i) => i.finding.fixes?.[0]);
  const first = items[0].finding;
  const message =
    `One crime per victim: a crime is recorded for another victim, but not for ${list}. ` +
    `The log discloses an offence against each (${items.map((i) => `${i.victim}: '${quote(i.text, 40)}'`).join('; ')}), and under the counting rules each victim is a crime of their own. ` +
    `Record ${items.map((i) => `${describeCode(i.finding.codes?.[0] ?? '')} for ${i.victim}`).join(', and ')}.`;
  const fixes = chosen.every((f) => f)
    ? [
        {
          title: `Record a crime for each victim left out (${items.map((i, k) => `${i.victim}: ${chosen[k]!.codes?.[0] ?? ''}`).join(', ')})`,
          preferred: chosen.every((f) => f!.preferred),
          edits: joinInsertions(chosen.flatMap((f) => f!.edits)),
          codes: [...new Set(chosen.flatMap((f) => f!.codes ?? []))],
        },
      ]
    : [];
  return [
    {
      ...first,
      message,
      codes: [...new Set(items.flatMap((i) => i.finding.codes ?? []))],
      fixes,
      related: [...items.slice(1).map((i) => related(i.finding.range, `${i.victim}: '${quote(i.text, 40)}'`)), ...(first.related ?? [])].slice(0, 6),
    },
  ];
}

/** Insertions at one point become one insertion of their lines, in order. */
function joinInsertions(edits: FixEdit[]): FixEdit[] {
  const out: FixEdit[] = [];
  for (const e of edits) {
    const same = out.find((o) => comparePositions(o.range.start, e.range.start) === 0 && comparePositions(o.range.end, e.range.end) === 0);
    if (same) same.text += e.text;
    else out.push({ ...e });
  }
  return out;
}

export const rule: Rule = {
  id: RULE_ID,
  check(ctx) {
    const cov = coverageOf(ctx.incident, ctx.analysis, ctx.lexicon);
    return oneFinding([
      ...cov.offenceGaps
        .filter((g) => otherVictimHasCrime(ctx, g.victim))
        .map((g) => ({ victim: g.victim ?? '', text: g.principal.text, finding: gapFinding(ctx, RULE_ID, g, `One crime per victim: a crime is recorded for another victim, but not for ${g.victim}. `) })),
      ...slaveryGaps(ctx),
    ]);
  },
};
