/** Reading a `<date> <time>` value (Received, recorded, at) with its findings. */
import type { Finding } from '../findings';
import { range } from '../text/range';
import {
  formatDate,
  formatDateTime,
  localToInstant,
  readDate,
  readLooseDate,
  readLooseTime,
  readTime,
  type DateStyle,
  type LocalDate,
} from './dates';
import { structureFinding } from './report';
import type { DateTimeValue } from './types';

export interface DateTimeContext {
  /** The date to suggest when a value gives a time alone. */
  fallbackDate?: LocalDate;
  style: DateStyle;
}

/**
 * Reads `text` (which sits at `line`, from character `at`) as a date-time.
 * Returns the value where it can be worked out, and findings for anything
 * wrong: not a date, a time alone, an impossible date, a skipped hour.
 */
export function readDateTimeValue(
  text: string,
  line: number,
  at: number,
  what: string,
  ctx: DateTimeContext,
  findings: Finding[],
): DateTimeValue | undefined {
  const whole = range(line, at, at + text.length);
  const d = readDate(text, 0);
  if (d) {
    const sep = text.charAt(d.length);
    const t = sep === ' ' || sep === 'T' ? readTime(text, d.length + 1) : undefined;
    if (!d.valid) {
      findings.push(structureFinding('invalid-date', `${what}: '${text.slice(0, d.length)}' is not a real date.`, range(line, at, at + d.length)));
      return undefined;
    }
    if (!t) {
      findings.push(
        structureFinding('invalid-date', `${what} needs a time as well as a date, e.g. '${formatDate(d.date, d.style)} 14:30'.`, whole),
      );
      return undefined;
    }
    if (!t.valid) {
      const tStart = at + d.length + 1;
      findings.push(structureFinding('invalid-date', `${what}: '${text.slice(d.length + 1, d.length + 1 + t.length)}' is not a time (use 24-hour HH:MM).`, range(line, tStart, tStart + t.length)));
      return undefined;
    }
    const end = d.length + 1 + t.length;
    const rest = text.slice(end).trim();
    if (rest) {
      findings.push(structureFinding('invalid-date', `${what}: unexpected text after the date and time ('${rest}').`, range(line, at + end, at + text.length)));
    }
    const inst = localToInstant(d.date, t.time);
    if (inst.skipped) {
      findings.push(
        structureFinding(
          'invalid-date',
          `${what}: ${text.slice(0, end)} did not happen in UK time: the clocks went forward from 01:00 to 02:00 that night.`,
          range(line, at, at + end),
        ),
      );
    }
    return {
      text: text.slice(0, end),
      range: range(line, at, at + end),
      date: d.date,
      time: t.time,
      style: d.style,
      epoch: inst.epoch,
    };
  }
  // A time alone: say so, and offer the date the log implies.
  const t = readTime(text, 0);
  if (t && t.valid && !text.slice(t.length).trim()) {
    const fixes = ctx.fallbackDate
      ? [
          {
            title: `Write the date: '${formatDateTime(ctx.fallbackDate, t.time, ctx.style)}'`,
            preferred: false,
            edits: [{ range: range(line, at, at + t.length), text: formatDateTime(ctx.fallbackDate, t.time, ctx.style) }],
          },
        ]
      : undefined;
    findings.push(structureFinding('invalid-date', `${what} gives a time but no date; write the date too.`, whole, fixes));
    return undefined;
  }
  // A loosely written date ("4/3/2018 9:05"): offer the normalised form.
  const loose = readLooseDate(text, 0);
  if (loose) {
    const rest = text.slice(loose.length).replace(/^[ T]/, '');
    const lt = readLooseTime(rest, 0);
    const style: DateStyle = /^\d{4}/.test(text) ? 'iso' : 'uk';
    if (lt) {
      const fixed = formatDateTime(loose.date, lt.time, style);
      const consumed = text.length - rest.length + lt.length;
      findings.push(
        structureFinding('invalid-date', `${what}: write dates as DD/MM/YYYY HH:MM or YYYY-MM-DD HH:MM ('${fixed}').`, range(line, at, at + consumed), [
          { title: `Change to '${fixed}'`, preferred: true, edits: [{ range: range(line, at, at + consumed), text: fixed }] },
        ]),
      );
      return undefined;
    }
  }
  findings.push(structureFinding('invalid-date', `${what}: '${text}' is not a date and time (write DD/MM/YYYY HH:MM or YYYY-MM-DD HH:MM).`, whole));
  return undefined;
}
