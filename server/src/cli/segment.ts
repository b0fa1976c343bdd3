/**
 * Reading a very large file in parts, so that a year's export in one file is
 * checked in flat memory and on every core: the file is read a block at a
 * time and cut just before an `Incident` line once a part is big enough.
 * Incidents are independent, so each part checks on its own; what belongs to
 * the whole file (the preamble's directives, repeated incident ids, the
 * edition note) is handled by the caller (see assemble.ts).
 * Cuts fall after a line break, and a line break never sits inside a UTF-8
 * sequence, so every part decodes on its own.
 */
import * as fs from 'node:fs';
import { directiveLines, preambleOf } from './assemble';

export interface Part {
  bytes: Uint8Array;
  index: number;
  last: boolean;
}

const INCIDENT = [0x69, 0x6e, 0x63, 0x69, 0x64, 0x65, 0x6e, 0x74]; // "incident"

/** Whether an `Incident` line (any case, then a space, tab, line break or the end) starts at `i`. */
export function incidentLineAt(b: Uint8Array, i: number, eof: boolean): boolean | undefined {
  for (let k = 0; k < INCIDENT.length; k++) {
    if (i + k >= b.length) return eof ? false : undefined;
    if ((b[i + k] | 0x20) !== INCIDENT[k]) return false;
  }
  const after = i + INCIDENT.length;
  if (after >= b.length) return eof ? true : undefined;
  const c = b[after];
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/**
 * The first line start at or after `from` that begins an incident; -1 when
 * there is none in `b` yet (`undefined` answers mean more bytes are needed).
 */
export function findCut(b: Uint8Array, from: number, eof: boolean): number {
  for (let i = Math.max(from, 1) - 1; i < b.length; i++) {
    const c = b[i];
    if (c !== 0x0a && c !== 0x0d) continue;
    const start = i + 1;
    if (c === 0x0d && b[start] === 0x0a) continue; // the \n of this \r\n ends the line
    const hit = incidentLineAt(b, start, eof);
    if (hit === undefined) return -1;
    if (hit) return start;
  }
  return -1;
}

/** The file-wide directive lines of a file's preamble, from its first part (read leniently: the worker reports bad UTF-8). */
export function partPrefix(first: Uint8Array): string {
  return directiveLines(preambleOf(Buffer.from(first.buffer, first.byteOffset, first.byteLength).toString('utf8')));
}

/** Reads a file as parts of about `partBytes` (more when one incident is larger). */
export async function* readParts(path: string, partBytes: number, blockBytes = 1 << 20): AsyncGenerator<Part> {
  const fh = await fs.promises.open(path, 'r');
  try {
    let pending: Buffer = Buffer.alloc(0);
    let eof = false;
    let index = 0;
    const fill = async () => {
      const block = Buffer.allocUnsafe(blockBytes);
      const { bytesRead } = await fh.read(block, 0, blockBytes, null);
      if (bytesRead === 0) eof = true;
      else pending = pending.length ? Buffer.concat([pending, block.subarray(0, bytesRead)]) : block.subarray(0, bytesRead);
    };
    for (;;) {
      while (!eof && pending.length <= partBytes) await fill();
      let cut: number;
      if (pending.length <= partBytes) cut = pending.length;
      else {
        let from = partBytes;
        for (;;) {
          cut = findCut(pending, from, eof);
          if (cut >= 0) break;
          if (eof) {
            cut = pending.length;
            break;
          }
          // Nothing yet: read on, rescanning only the tail where an `Incident` line may have been cut short.
          from = Math.max(partBytes, pending.length - INCIDENT.length - 2);
          await fill();
        }
      }
      // Copied into a buffer of its own, so it can be handed to a worker without copying again.
      const bytes = new Uint8Array(cut);
      bytes.set(pending.subarray(0, cut));
      pending = pending.subarray(cut);
      const last = eof && pending.length === 0;
      yield { bytes, index: index++, last };
      if (last) return;
    }
  } finally {
    await fh.close();
  }
}
