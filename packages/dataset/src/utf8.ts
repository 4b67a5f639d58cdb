/**
 * Data files are UTF-8. A file in another encoding is an error at the first byte that is not
 * UTF-8, never text with U+FFFD where the bytes were.
 */

/** Strict: throws at the first invalid sequence. Drops a leading UTF-8 byte-order mark. */
const strict = new TextDecoder("utf-8", { fatal: true });
/** For text that is known to be valid up to the point of interest. */
const lenient = new TextDecoder("utf-8");

/** Why the bytes are not UTF-8 text, and where (a byte offset). */
export interface EncodingProblem {
  offset: number;
  message: string;
}

/** UTF-16 byte-order marks: they make the file UTF-16 as a whole. */
export function utf16Bom(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "FF FE, little-endian";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "FE FF, big-endian";
  return undefined;
}

/** The message for a file that starts with a UTF-16 byte-order mark. */
export function utf16Message(bom: string): string {
  return `this file is UTF-16 (it starts with the byte-order mark ${bom}); data files are UTF-8: save it as UTF-8`;
}

/**
 * Offset of the first byte that does not belong to a well-formed UTF-8 sequence (overlong
 * forms, surrogates and code points past U+10FFFF are not well-formed), or -1.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b === 0xe0) {
      need = 2;
      lo = 0xa0;
    } else if ((b >= 0xe1 && b <= 0xec) || b === 0xee || b === 0xef) need = 2;
    else if (b === 0xed) {
      need = 2;
      hi = 0x9f;
    } else if (b === 0xf0) {
      need = 3;
      lo = 0x90;
    } else if (b >= 0xf1 && b <= 0xf3) need = 3;
    else if (b === 0xf4) {
      need = 3;
      hi = 0x8f;
    } else return i;
    if (i + need >= n) return i; // cut short by the end of the input
    const second = bytes[i + 1] as number;
    if (second < lo || second > hi) return i;
    for (let k = 2; k <= need; k++) {
      const c = bytes[i + k] as number;
      if (c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

function notUtf8Message(byte: number): string {
  const hex = byte.toString(16).toUpperCase().padStart(2, "0");
  return `invalid UTF-8: byte 0x${hex} is not UTF-8 text; data files are UTF-8 (was this saved as Latin-1 or Windows-1252?)`;
}

const NUL_MESSAGE = "a NUL byte: data files are UTF-8 text (is this file UTF-16, or not text at all?)";

/**
 * Decode a whole file: its text, or where and why it is not UTF-8. A UTF-16 byte-order mark,
 * a NUL byte (UTF-16 without a mark, or a binary file) and invalid UTF-8 are refused.
 */
export function decodeUtf8(bytes: Uint8Array): string | EncodingProblem {
  const bom = utf16Bom(bytes);
  if (bom) return { offset: 0, message: utf16Message(bom) };
  let text: string | undefined;
  try {
    text = strict.decode(bytes);
  } catch {
    text = undefined;
  }
  const nul = bytes.indexOf(0);
  if (text !== undefined) return nul < 0 ? text : { offset: nul, message: NUL_MESSAGE };
  const bad = firstInvalidUtf8(bytes);
  if (nul >= 0 && (bad < 0 || nul < bad)) return { offset: nul, message: NUL_MESSAGE };
  const at = Math.max(bad, 0);
  return { offset: at, message: notUtf8Message(bytes[at] ?? 0) };
}

/**
 * 1-based line and column of a byte offset, the column counted in JavaScript characters as
 * elsewhere (a UTF-8 byte-order mark at the start does not count).
 */
export function bytePosition(bytes: Uint8Array, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = bytes.indexOf(0x0a); i >= 0 && i < offset; i = bytes.indexOf(0x0a, i + 1)) {
    line++;
    start = i + 1;
  }
  const before = lenient.decode(bytes.subarray(start, offset));
  return { line, col: before.length + 1 };
}
