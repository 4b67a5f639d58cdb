/**
 * JSON lines (`.jsonl`): one entity per line, read in chunks so that a file of a million
 * entities never has to fit in one string. Each line is decoded on its own (strict UTF-8) and
 * handed over with its line number and byte offset; the offset lets a problem found later be
 * positioned by reading that one line again.
 */
import { closeSync, readSync } from "node:fs";
import { formatBytes, LIMITS, openRegular, reason } from "./safe-fs.ts";
import { firstInvalidUtf8, utf16Bom, utf16Message } from "./utf8.ts";

const CHUNK = 8 * 1024 * 1024;
const strict = new TextDecoder("utf-8", { fatal: true });
const lenient = new TextDecoder("utf-8");

export interface LineHandlers {
  /** A non-blank line. Return false to stop reading the file. */
  line(line: number, offset: number, text: string): boolean;
  /** A problem with the file or one line (line:col, message). Return false to stop. */
  problem(line: number, col: number, message: string): boolean;
}

const REST = "; the rest of the file was not read";

/**
 * Read an open .jsonl file to its end (or until a handler says stop), never more than `cap`
 * bytes. Blank lines are skipped; `\r\n` endings and a leading UTF-8 byte-order mark are
 * accepted. An encoding problem stops the file (the rest would be the same); a line longer
 * than LIMITS.lineBytes is reported and skipped. Returns the number of bytes read.
 */
export function readJsonLines(fd: number, cap: number, capWhat: string, on: LineHandlers): number {
  const buf = Buffer.allocUnsafe(CHUNK + LIMITS.lineBytes + 1);
  let carry = 0; // bytes of an unfinished line kept at the start of buf
  let base = 0; // file offset of buf[0]
  let line = 1;
  let total = 0;
  let skipping = false; // inside a line that is too long: drop bytes until its end

  const tooLong = () =>
    on.problem(
      line,
      1,
      `line longer than ${formatBytes(LIMITS.lineBytes)}: a .jsonl line holds one entity, at most ${formatBytes(LIMITS.lineBytes)}`,
    );

  /** One complete line [s, e) of `view`; false to stop. */
  const emit = (view: Buffer, s: number, e: number): boolean => {
    if (e - s > LIMITS.lineBytes) return tooLong();
    if (e > s && view[e - 1] === 13) e--;
    if (base + s === 0) {
      const bom = utf16Bom(view);
      if (bom) {
        on.problem(1, 1, utf16Message(bom));
        return false;
      }
      if (view[0] === 0xef && view[1] === 0xbb && view[2] === 0xbf) s += 3;
    }
    if (s >= e) return true;
    const sub = view.subarray(s, e);
    const first = sub[0] as number;
    if (first <= 32) {
      let blank = true;
      for (let k = 0; k < sub.length; k++) {
        const c = sub[k];
        if (c !== 32 && c !== 9 && c !== 13) {
          blank = false;
          break;
        }
      }
      if (blank) return true;
    }
    let text: string;
    try {
      text = strict.decode(sub);
    } catch {
      const bad = firstInvalidUtf8(sub);
      const at = Math.max(bad, 0);
      const hex = (sub[at] ?? 0).toString(16).toUpperCase().padStart(2, "0");
      on.problem(
        line,
        lenient.decode(sub.subarray(0, at)).length + 1,
        `invalid UTF-8: byte 0x${hex} is not UTF-8 text; data files are UTF-8 (was this saved as Latin-1 or Windows-1252?)${REST}`,
      );
      return false;
    }
    const nul = text.indexOf("\0");
    if (nul >= 0) {
      on.problem(
        line,
        nul + 1,
        `a NUL byte: data files are UTF-8 text (is this file UTF-16, or not text at all?)${REST}`,
      );
      return false;
    }
    return on.line(line, base + s, text);
  };

  try {
    for (;;) {
      const n = readSync(fd, buf, carry, buf.length - carry, null);
      total += n;
      if (total > cap) {
        on.problem(line, 1, `too large: over the ${formatBytes(cap)} limit for ${capWhat}${REST}`);
        return total;
      }
      const end = carry + n;
      const view = buf.subarray(0, end);
      if (n === 0) {
        if (end > 0 && !skipping) emit(view, 0, end);
        return total;
      }
      let pos = 0;
      for (;;) {
        const nl = view.indexOf(10, pos);
        if (nl < 0) break;
        if (skipping) skipping = false;
        else if (!emit(view, pos, nl)) return total;
        line++;
        pos = nl + 1;
      }
      if (skipping) {
        base += end;
        carry = 0;
        continue;
      }
      if (end - pos > LIMITS.lineBytes) {
        if (!tooLong()) return total;
        skipping = true;
        base += end;
        carry = 0;
        continue;
      }
      buf.copy(buf, 0, pos, end);
      base += pos;
      carry = end - pos;
    }
  } catch (err) {
    on.problem(line, 1, `cannot read: ${reason(err)}${REST}`);
    return total;
  }
}

/**
 * The text of the line that starts at byte `offset` of a file, read again (to position a
 * problem found after the file was read); undefined when it cannot be read.
 */
export function readLineAt(real: string, offset: number): string | undefined {
  const opened = openRegular(real, Number.MAX_SAFE_INTEGER, "a .jsonl file");
  if ("problem" in opened) return undefined;
  try {
    const buf = Buffer.allocUnsafe(LIMITS.lineBytes + 2);
    const n = readSync(opened.fd, buf, 0, buf.length, offset);
    let end = buf.subarray(0, n).indexOf(10);
    if (end < 0) end = n;
    if (end > 0 && buf[end - 1] === 13) end--;
    return lenient.decode(buf.subarray(0, end));
  } catch {
    return undefined;
  } finally {
    closeSync(opened.fd);
  }
}
