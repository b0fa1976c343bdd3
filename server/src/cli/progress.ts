/**
 * A progress bar on standard error, for long runs on a terminal only: never
 * in a pipe or a CI log, where it would be noise. It appears after a moment
 * (a short run finishes before it would be read) and redraws at most ten
 * times a second.
 */
import type { Progress } from './run';

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(s: string): unknown;
}

const DELAY_MS = 400;
const INTERVAL_MS = 100;

function mb(bytes: number): string {
  return (bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0);
}

export class ProgressBar {
  private started = Date.now();
  private last = 0;
  private shown = false;
  private state: Progress | undefined;

  constructor(
    private readonly stream: ProgressStream,
    private readonly label: string,
  ) {}

  static enabled(stream: ProgressStream, wanted: boolean): boolean {
    return wanted && !!stream.isTTY;
  }

  update(p: Progress): void {
    this.state = p;
    const now = Date.now();
    if (now - this.started < DELAY_MS || now - this.last < INTERVAL_MS) return;
    this.last = now;
    this.draw(now);
  }

  private draw(now: number): void {
    const p = this.state;
    if (!p) return;
    const width = Math.max(40, (this.stream.columns || 80) - 1);
    const secs = Math.max(0.001, (now - this.started) / 1000);
    const rate = Math.round(p.incidentsDone / secs).toLocaleString('en-GB');
    const total = p.searched ? `${p.filesFound}` : `${p.filesFound}+`;
    const info = ` ${p.filesDone}/${total} files  ${p.incidentsDone.toLocaleString('en-GB')} incidents  ${mb(p.bytesDone)} MB  ${rate}/s`;
    const barWidth = Math.max(10, Math.min(30, width - this.label.length - info.length - 4));
    const frac = p.filesFound ? Math.min(1, p.filesDone / p.filesFound) : 0;
    const filled = Math.round(frac * barWidth);
    const bar = '█'.repeat(filled) + '░'.repeat(barWidth - filled);
    const line = `${this.label} ${bar}${info}`.slice(0, width);
    this.stream.write(`\r${line}\x1b[K`);
    this.shown = true;
  }

  /** Removes the bar so that what follows starts on a clean line. */
  done(): void {
    if (this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}
