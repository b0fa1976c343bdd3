/**
 * Where reports go: standard output or a file, written synchronously in
 * blocks so that a report of any length streams out in flat memory, and
 * colour decided the usual way (a TTY, unless NO_COLOR; FORCE_COLOR or
 * `--color` turn it on anyway).
 */
import * as fs from 'node:fs';

export interface Out {
  write(s: string): void;
  close(): void;
}

const BLOCK = 1 << 16;

/** Writes to a file descriptor, gathering small writes into blocks. */
export class FdOut implements Out {
  private buf: string[] = [];
  private size = 0;
  constructor(
    private readonly fd: number,
    private readonly owned: boolean,
  ) {}

  write(s: string): void {
    this.buf.push(s);
    this.size += s.length;
    if (this.size >= BLOCK) this.flush();
  }

  flush(): void {
    if (!this.size) return;
    const data = this.buf.join('');
    this.buf = [];
    this.size = 0;
    writeAll(this.fd, data);
  }

  close(): void {
    this.flush();
    if (this.owned) fs.closeSync(this.fd);
  }
}

function writeAll(fd: number, data: string): void {
  const bytes = Buffer.from(data, 'utf8');
  let off = 0;
  while (off < bytes.length) {
    try {
      off += fs.writeSync(fd, bytes, off);
    } catch (e) {
      // A pipe that is full for a moment (non-blocking stdout): try again; a reader that went away: stop quietly.
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') continue;
      if (code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    }
  }
}

/** Collects output in memory (for callers that want a string). */
export class StringOut implements Out {
  private parts: string[] = [];
  write(s: string): void {
    this.parts.push(s);
  }
  close(): void {}
  toString(): string {
    return this.parts.join('');
  }
}

export function openOut(file: string | undefined): FdOut {
  return file ? new FdOut(fs.openSync(file, 'w'), true) : new FdOut(1, false);
}

export function useColour(choice: boolean | undefined, stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (choice !== undefined) return choice;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return !!stream.isTTY && env.TERM !== 'dumb';
}

export const ansi = {
  red: (s: string) => `\x1b[31m${s}\x1b[39m`,
  yellow: (s: string) => `\x1b[33m${s}\x1b[39m`,
  blue: (s: string) => `\x1b[34m${s}\x1b[39m`,
  green: (s: string) => `\x1b[32m${s}\x1b[39m`,
  grey: (s: string) => `\x1b[90m${s}\x1b[39m`,
  bold: (s: string) => `\x1b[1m${s}\x1b[22m`,
};
