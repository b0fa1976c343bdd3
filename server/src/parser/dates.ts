/**
 * Dates and times as incident logs write them, in UK local time
 * (Europe/London), turned into instants so durations honour clock changes.
 *
 * Clock changes: British Summer Time runs from 01:00 UTC on the last Sunday
 * of March to 01:00 UTC on the last Sunday of October (the rule in force since
 * 1996; logs under the NCRS start in 2002). A local time in the hour the
 * clocks skip (01:00-01:59 on the March day) does not exist: it is read as if
 * the clocks had not yet changed, and the parser reports it. A local time in
 * the hour that happens twice (01:00-01:59 on the October day) is read as the
 * first, summer-time, occurrence.
 */

export type DateStyle = 'uk' | 'iso';

export interface LocalDate {
  year: number;
  month: number; // 1-12
  day: number;
}

export interface LocalTime {
  hour: number;
  minute: number;
  second: number;
  /** Whether seconds were written. */
  hasSeconds: boolean;
}

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
const DAY = 86_400_000;

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

export function isValidDate(d: LocalDate): boolean {
  return d.year >= 1900 && d.year <= 2999 && d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= daysInMonth(d.year, d.month);
}

export function isValidTime(t: LocalTime): boolean {
  return t.hour >= 0 && t.hour <= 23 && t.minute >= 0 && t.minute <= 59 && t.second >= 0 && t.second <= 59;
}

/** Day of month of the last Sunday of a month. */
function lastSunday(year: number, month: number): number {
  const last = daysInMonth(year, month);
  const weekday = new Date(Date.UTC(year, month - 1, last)).getUTCDay(); // 0 = Sunday
  return last - weekday;
}

const bstCache = new Map<number, [number, number]>();

/** [start, end) of British Summer Time in a year, as UTC epoch milliseconds. */
export function bstPeriod(year: number): [number, number] {
  let p = bstCache.get(year);
  if (!p) {
    p = [Date.UTC(year, 2, lastSunday(year, 3), 1), Date.UTC(year, 9, lastSunday(year, 10), 1)];
    bstCache.set(year, p);
  }
  return p;
}

export interface LocalInstant {
  /** UTC epoch milliseconds. */
  epoch: number;
  /** The local time does not exist (skipped by the spring clock change). */
  skipped: boolean;
}

/** The instant a UK wall-clock date and time denote. */
export function localToInstant(d: LocalDate, t: LocalTime): LocalInstant {
  const wall = Date.UTC(d.year, d.month - 1, d.day, t.hour, t.minute, t.second);
  const [start, end] = bstPeriod(d.year);
  // In wall-clock terms BST starts at 01:00 (jumping to 02:00) and ends at
  // 02:00 BST (falling back to 01:00 GMT).
  const wallStart = start; // 01:00 local on the March day
  const wallSkippedEnd = start + HOUR; // 02:00 local
  const wallEnd = end + HOUR; // 02:00 BST local on the October day
  if (wall >= wallStart && wall < wallSkippedEnd) {
    return { epoch: wall, skipped: true };
  }
  const inBst = wall >= wallSkippedEnd && wall < wallEnd;
  return { epoch: inBst ? wall - HOUR : wall, skipped: false };
}

export function addDays(d: LocalDate, days: number): LocalDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day) + days * DAY);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

export function compareTimes(a: LocalTime, b: LocalTime): number {
  return a.hour - b.hour || a.minute - b.minute || a.second - b.second;
}

const pad2 = (n: number) => (n < 10 ? '0' + n : String(n));

/** "2021-11-22": a day as an ISO date, for comparing against dates in rules-data. */
export function isoDate(d: LocalDate): string {
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

export function formatDate(d: LocalDate, style: DateStyle): string {
  return style === 'iso'
    ? `${d.year}-${pad2(d.month)}-${pad2(d.day)}`
    : `${pad2(d.day)}/${pad2(d.month)}/${d.year}`;
}

export function formatTime(t: LocalTime): string {
  return `${pad2(t.hour)}:${pad2(t.minute)}${t.hasSeconds ? ':' + pad2(t.second) : ''}`;
}

export function formatDateTime(d: LocalDate, t: LocalTime, style: DateStyle): string {
  return `${formatDate(d, style)} ${formatTime(t)}`;
}

/** The UK wall-clock date and time of an instant (for "now" in quick fixes). */
export function instantToLocal(epoch: number): { date: LocalDate; time: LocalTime } {
  const year = new Date(epoch).getUTCFullYear();
  const [start, end] = bstPeriod(year);
  const local = new Date(epoch >= start && epoch < end ? epoch + HOUR : epoch);
  return {
    date: { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() },
    time: { hour: local.getUTCHours(), minute: local.getUTCMinutes(), second: 0, hasSeconds: false },
  };
}

/** "35 h 28 min", "45 min", "2 days 3 h" for messages. */
export function formatDuration(ms: number): string {
  const totalMin = Math.round(ms / MINUTE);
  const days = Math.floor(totalMin / 1440);
  const h = Math.floor(totalMin / 60);
  const min = totalMin % 60;
  if (h === 0) return `${min} min`;
  if (days >= 3) {
    const rh = h - days * 24;
    return `${days} days${rh ? ` ${rh} h` : ''}`;
  }
  return min ? `${h} h ${min} min` : `${h} h`;
}

// ---------------------------------------------------------------------------
// Reading dates and times from text.

export interface DateToken {
  date: LocalDate;
  style: DateStyle;
  /** Characters consumed. */
  length: number;
  valid: boolean;
}

export interface TimeToken {
  time: LocalTime;
  length: number;
  valid: boolean;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

function digits(s: string, at: number, count: number): number {
  let v = 0;
  for (let i = 0; i < count; i++) {
    const c = s.charCodeAt(at + i);
    if (!isDigit(c)) return -1;
    v = v * 10 + (c - 48);
  }
  return v;
}

/** `DD/MM/YYYY` or `YYYY-MM-DD` at `at`, strictly (two-digit day and month). */
export function readDate(s: string, at: number): DateToken | undefined {
  if (s.charCodeAt(at + 2) === 47 /* / */ && s.charCodeAt(at + 5) === 47) {
    const day = digits(s, at, 2);
    const month = digits(s, at + 3, 2);
    const year = digits(s, at + 6, 4);
    if (day < 0 || month < 0 || year < 0 || isDigit(s.charCodeAt(at + 10))) return undefined;
    const date = { year, month, day };
    return { date, style: 'uk', length: 10, valid: isValidDate(date) };
  }
  if (s.charCodeAt(at + 4) === 45 /* - */ && s.charCodeAt(at + 7) === 45) {
    const year = digits(s, at, 4);
    const month = digits(s, at + 5, 2);
    const day = digits(s, at + 8, 2);
    if (day < 0 || month < 0 || year < 0 || isDigit(s.charCodeAt(at + 10))) return undefined;
    const date = { year, month, day };
    return { date, style: 'iso', length: 10, valid: isValidDate(date) };
  }
  return undefined;
}

/** `HH:MM` or `HH:MM:SS` at `at`. */
export function readTime(s: string, at: number): TimeToken | undefined {
  if (s.charCodeAt(at + 2) !== 58 /* : */) return undefined;
  const hour = digits(s, at, 2);
  const minute = digits(s, at + 3, 2);
  if (hour < 0 || minute < 0) return undefined;
  let length = 5;
  let second = 0;
  let hasSeconds = false;
  if (s.charCodeAt(at + 5) === 58) {
    const sec = digits(s, at + 6, 2);
    if (sec >= 0) {
      second = sec;
      hasSeconds = true;
      length = 8;
    }
  }
  if (isDigit(s.charCodeAt(at + length))) return undefined;
  const time = { hour, minute, second, hasSeconds };
  return { time, length, valid: isValidTime(time) };
}

/**
 * A loosely written date ("4/3/2018", "04.03.2018", "4-3-18", "2018/3/4") at
 * `at`, for the did-you-mean fix of `invalid-date`. Two-digit years are read
 * as 20YY.
 */
export function readLooseDate(s: string, at: number): { date: LocalDate; length: number } | undefined {
  const m = /^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})(?!\d)/.exec(s.slice(at, at + 12));
  if (!m) return undefined;
  const [a, b, c] = [m[1], m[2], m[3]];
  let date: LocalDate;
  if (a.length === 4) date = { year: +a, month: +b, day: +c };
  else if (c.length === 4 || c.length === 2) date = { year: c.length === 2 ? 2000 + +c : +c, month: +b, day: +a };
  else return undefined;
  if (!isValidDate(date)) return undefined;
  return { date, length: m[0].length };
}

/** A loosely written time ("9:05", "0905", "21.42") for the did-you-mean fix. */
export function readLooseTime(s: string, at: number): { time: LocalTime; length: number } | undefined {
  const m = /^(\d{1,2})[:.]?(\d{2})(?!\d)/.exec(s.slice(at, at + 6));
  if (!m) return undefined;
  const time = { hour: +m[1], minute: +m[2], second: 0, hasSeconds: false };
  if (!isValidTime(time)) return undefined;
  return { time, length: m[0].length };
}
