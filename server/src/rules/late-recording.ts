/**
 * late-recording: a Crime or N100 recorded more than 24 hours (configurable)
 * after Received, or after the entry that first disclosed it where that came
 * later. No fix: the past cannot be edited; the message gives the delay.
 */
import { coverageOf } from '../analysis/coverage';
import { RAPE_FAMILY, lookupCode } from '../data/codes';
import { formatDateTime, formatDuration, HOUR } from '../parser/dates';
import type { CrimeDecision, N100Decision } from '../parser/types';
import { describeCode, makeFinding, related } from './common';
import type { Rule } from './types';

export const RULE_ID = 'late-recording';

export const rule: Rule = {
  id: RULE_ID,
  check(ctx) {
    const { incident, analysis, config } = ctx;
    const received = incident.received;
    if (!received) return [];
    const limitMs = config.timelinessHours * HOUR;
    const cov = coverageOf(incident, analysis, ctx.lexicon);
    const out = [];
    const decisions = incident.decisions.filter((d): d is CrimeDecision | N100Decision => (d.kind === 'crime' || d.kind === 'n100') && !!d.recorded);
    for (const d of decisions) {
      let start = received.epoch;
      let from = `the report (Received ${received.text})`;
      let fromRange = received.range;
      const answered = cov.answers.get(d) ?? [];
      const firstEpoch = answered.reduce<number | undefined>((m, x) => (x.epoch !== undefined && (m === undefined || x.epoch < m) ? x.epoch : m), undefined);
      if (firstEpoch !== undefined && firstEpoch > start) {
        const first = answered.find((x) => x.epoch === firstEpoch)!;
        const e = incident.entries[first.entry];
        start = firstEpoch;
        from = `the entry that first disclosed it (${e.date ? formatDateTime(e.date, e.time, incident.dateStyle) : ''})`;
        fromRange = first.range;
      } else if (firstEpoch === undefined && d.victim && incident.victims.length > 1) {
        // Nothing the checker read answers it: a crime for a victim the log first names later cannot have been reported before then.
        const label = new RegExp(`\\b${d.victim}\\b`, 'i');
        const e = incident.entries.find((x) => label.test(x.text));
        if (e?.epoch !== undefined && e.epoch > start) {
          start = e.epoch;
          from = `the entry that first names ${d.victim} (${e.date ? formatDateTime(e.date, e.time, incident.dateStyle) : ''})`;
          fromRange = e.range;
        }
      }
      // A rape crime converted from an N100: its clock starts when the recording test was met.
      if (d.kind === 'crime' && lookupCode(d.code)?.family === RAPE_FAMILY) {
        const n100 = cov.n100s.find((n) => n.recorded && ((d.ref && n.converted?.value.trim() === d.ref) || (!d.victim || !n.victim || n.victim === d.victim)));
        if (n100?.recorded && n100.recorded.epoch > start) {
          const confirm = (analysis.cues.get('confirmation') ?? []).map((c) => ({ c, e: incident.entries[c.entry] })).find((x) => x.e.epoch !== undefined && x.e.epoch >= n100.recorded!.epoch);
          start = confirm?.e.epoch ?? n100.recorded.epoch;
          from = confirm ? `the victim confirmed it (${formatDateTime(confirm.e.date!, confirm.e.time, incident.dateStyle)})` : `the N100 (${n100.recorded.text})`;
          fromRange = confirm ? confirm.c.range : n100.recorded.range;
        }
      }
      const delay = d.recorded!.epoch - start;
      if (delay <= limitMs) continue;
      const what = d.kind === 'crime' ? `Crime ${describeCode(d.code)}` : 'This N100';
      const msg =
        `${what} was recorded ${formatDuration(delay)} after ${from}; the limit is ${config.timelinessHours} h. ` +
        'The National Crime Recording Standard requires a crime to be recorded within 24 hours of the report, not after an interview, a statement or a medical.';
      out.push(makeFinding(RULE_ID, msg, d.recorded!.range, { related: [related(fromRange, 'The clock starts here')] }));
    }
    return out;
  },
};
