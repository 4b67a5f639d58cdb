/**
 * Finding a source's text for `cite` and `validate --passages`: `texts/<id>.txt` in a `--data`
 * directory, else `$DEALMAP_SOURCES` (a file named `<id>.txt`, or any file whose SHA-256 matches
 * the source's `textSha256`).
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import path from "node:path";
import { LIMITS, loadSourceTexts, paragraphsOf, TEXTS_DIR } from "@dealmap/dataset";
import type { Dataset } from "@dealmap/domain";
import { CliError, EXIT } from "./output.ts";

/** A regular file's text, at most LIMITS.sourceTextBytes; undefined when it is not one. */
export function readTextFile(file: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    return undefined;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return undefined;
    if (st.size > LIMITS.sourceTextBytes) {
      throw new CliError(
        `${file}: larger than ${LIMITS.sourceTextBytes} bytes, the limit for a source text`,
        EXIT.failure,
      );
    }
    const buf = Buffer.alloc(st.size);
    const n = readSync(fd, buf, 0, st.size, 0);
    return buf.subarray(0, n).toString("utf8");
  } finally {
    closeSync(fd);
  }
}

/** The paragraphs of source `id`, and where they came from; undefined when no text is found. */
export function findSourceText(
  id: string,
  dataDirs: readonly string[],
  dataset: () => Dataset | undefined,
): { paragraphs: string[]; from: string } | undefined {
  for (const dir of dataDirs) {
    const file = path.join(dir, TEXTS_DIR, `${id}.txt`);
    const text = readTextFile(file);
    if (text !== undefined) return { paragraphs: paragraphsOf(text), from: file };
  }
  const elsewhere = process.env.DEALMAP_SOURCES;
  if (!elsewhere) return undefined;
  const named = path.join(elsewhere, `${id}.txt`);
  const text = readTextFile(named);
  if (text !== undefined) return { paragraphs: paragraphsOf(text), from: named };
  const ds = dataset();
  const found = ds ? loadSourceTexts(elsewhere, ds).texts.get(id) : undefined;
  return found ? { paragraphs: found, from: elsewhere } : undefined;
}

/** Every source of `ds` whose text can be found. */
export function sourceTexts(ds: Dataset, dataDirs: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const elsewhere = process.env.DEALMAP_SOURCES
    ? loadSourceTexts(process.env.DEALMAP_SOURCES, ds).texts
    : new Map();
  for (const s of ds.sources) {
    for (const dir of dataDirs) {
      const text = readTextFile(path.join(dir, TEXTS_DIR, `${s.id}.txt`));
      if (text !== undefined) {
        out.set(s.id, paragraphsOf(text));
        break;
      }
    }
    const e = elsewhere.get(s.id);
    if (!out.has(s.id) && e) out.set(s.id, e);
  }
  return out;
}
