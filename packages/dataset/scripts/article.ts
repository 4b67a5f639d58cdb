/**
 * Curation helpers for citations into the primary source: read its paragraphs and turn a
 * phrase into a `[start, end)` span, so that no offset is ever computed by hand.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { paragraphsOf, repoSharedSeedDir } from "../src/sources.ts";

/** Id of the article's Source record. */
export const ARTICLE_ID = "carnegie-politika-2025-12";
/** SHA-256 of the exact text file the spans refer to. */
export const ARTICLE_SHA256 = "7727611bd295209e8404c469ce5fe68fbd57726611baac6877980bbb2bed2b0c";

/** The article's paragraphs, found by hash in $DEALMAP_SOURCES or <repo>/../shared/seed. */
export function articleParagraphs(): string[] {
  for (const dir of [process.env.DEALMAP_SOURCES, repoSharedSeedDir()]) {
    if (!dir) continue;
    for (const name of readdirSync(dir)) {
      const bytes = readFileSync(path.join(dir, name));
      if (createHash("sha256").update(bytes).digest("hex") === ARTICLE_SHA256) {
        return paragraphsOf(bytes.toString("utf8"));
      }
    }
  }
  throw new Error("article text not found (set DEALMAP_SOURCES to the folder holding it)");
}

/**
 * Same-length folding so that a phrase typed with straight quotes and hyphens still matches:
 * offsets in the folded text equal offsets in the original.
 */
function fold(s: string): string {
  return s.replace(/[’‘]/g, "'").replace(/[“”]/g, '"').replace(/[–—]/g, "-").toLowerCase();
}

function locate(text: string, phrase: string, from: number, paragraph: number): number {
  const hay = fold(text);
  const needle = fold(phrase);
  const at = hay.indexOf(needle, from);
  if (at < 0) throw new Error(`paragraph ${paragraph} has no "${phrase}"`);
  return at;
}

/**
 * Span of `phrase` in paragraph `n` (1-based). `"start ... end"` spans from the start of the
 * first phrase to the end of the next occurrence of the second. A phrase that occurs twice is
 * an error unless `occurrence` (1-based) picks one.
 */
export function findSpan(
  paragraphs: string[],
  n: number,
  phrase: string,
  occurrence?: number,
): [number, number] {
  const text = paragraphs[n - 1];
  if (text === undefined) throw new Error(`there is no paragraph ${n} (the text has ${paragraphs.length})`);
  const [head, tail, ...rest] = phrase.split(" ... ");
  if (head === undefined || head.trim() === "" || rest.length > 0)
    throw new Error(`bad phrase "${phrase}": use "words" or "start words ... end words"`);
  let start = locate(text, head, 0, n);
  if (occurrence === undefined) {
    const again = fold(text).indexOf(fold(head), start + 1);
    if (again >= 0) throw new Error(`"${head}" occurs more than once in paragraph ${n}: give an occurrence`);
  } else {
    for (let i = 1; i < occurrence; i++) start = locate(text, head, start + 1, n);
  }
  if (tail === undefined) return [start, start + head.length];
  const endAt = locate(text, tail, start + head.length, n);
  return [start, endAt + tail.length];
}
