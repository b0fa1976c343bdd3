/**
 * Strict UTF-8 decoding. A log that is not valid UTF-8 would otherwise be
 * decoded with U+FFFD in place of the bad bytes and checked as if nothing
 * were wrong; the counting rules depend on every word, so such a file is
 * reported as unreadable instead, with where the first bad byte is.
 */
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export interface BadUtf8 {
  /** The first bad byte, as `0xE9`, or 'end of file' for a sequence cut short. */
  byte: string;
  /** 1-based line, and byte offset, of the bad byte. */
  line: number;
  offset: number;
}

export type Decoded = { ok: true; text: string; bom: boolean } | ({ ok: false; message: string } & BadUtf8);

export function badUtf8Message(b: BadUtf8): string {
  return `not valid UTF-8 (${b.byte} at line ${b.line}, byte offset ${b.offset}); save the file as UTF-8`;
}

export function hasBom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** Decodes bytes as UTF-8, failing on any invalid sequence; a leading byte-order mark is removed (editors hide it too). */
export function decodeStrict(bytes: Uint8Array): Decoded {
  const bom = hasBom(bytes);
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return { ok: true, text: decoder.decode(body), bom };
  } catch {
    const offset = firstInvalidByte(body) + (bom ? 3 : 0);
    const line = lineAt(bytes, offset);
    const byte = bytes[offset] === undefined ? 'end of file' : `byte 0x${bytes[offset].toString(16).padStart(2, '0').toUpperCase()}`;
    return { ok: false, byte, offset, line, message: badUtf8Message({ byte, line, offset }) };
  }
}

/** 1-based line of a byte offset (line breaks are ASCII, so bytes and characters agree on them). */
function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) {
    const c = bytes[i];
    if (c === 10) line++;
    else if (c === 13 && bytes[i + 1] !== 10) line++;
  }
  return line;
}

/**
 * Offset of the first byte that does not start or continue a valid UTF-8
 * sequence (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF).
 * Only run after the decoder has already failed, so its speed does not matter.
 */
export function firstInvalidByte(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let max = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      min = c === 0xe0 ? 0xa0 : 0x80;
      if (c === 0xed) max = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      min = c === 0xf0 ? 0x90 : 0x80;
      if (c === 0xf4) max = 0x8f;
    } else {
      return i;
    }
    const second = b[i + 1];
    if (second === undefined || second < min || second > max) return i;
    for (let k = 2; k <= need; k++) {
      const x = b[i + k];
      if (x === undefined || x < 0x80 || x > 0xbf) return i;
    }
    i += need + 1;
  }
  return b.length;
}
