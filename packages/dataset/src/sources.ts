/**
 * Source texts: the exact documents that paragraph citations point into. A text is trusted
 * only when its SHA-256 matches the source's `textSha256`.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Dataset, splitParagraphs } from "@dealmap/domain";

/**
 * A text's paragraphs: its non-empty lines, in order (paragraph n is index n-1). Lines are kept
 * exactly as written minus the line terminator (`\n`, `\r\n` or `\r`), so citation spans are
 * JavaScript string offsets into them. A line of only spaces or tabs is not a paragraph. A
 * leading byte-order mark is dropped.
 */
export function paragraphsOf(text: string): string[] {
  // one rule for the whole project: the domain's, which the API also uses
  return splitParagraphs(text);
}

export interface SourceTexts {
  /** Source id → its paragraphs, for every file whose hash matched. */
  texts: Map<string, string[]>;
  /** Files not trusted or not usable, in words. */
  problems: string[];
}

/**
 * Read every file of `dir` (not recursive; dotfiles skipped), hash its bytes and match them
 * against the sources' `textSha256`. A file named after a source (`<source-id>.<ext>`) whose
 * hash differs is reported and not used. `dir` defaults to `$DEALMAP_SOURCES`; with neither,
 * the result is empty.
 */
export function loadSourceTexts(
  dir: string | undefined = process.env.DEALMAP_SOURCES || undefined,
  dataset: Dataset,
): SourceTexts {
  const texts = new Map<string, string[]>();
  const problems: string[] = [];
  if (!dir) return { texts, problems };
  const root = path.resolve(dir);
  let names: string[];
  try {
    names = readdirSync(root).sort();
  } catch {
    return { texts, problems: [`${root}: source text directory not found`] };
  }
  const byHash = new Map<string, string[]>();
  const byId = new Map(dataset.sources.map((s) => [s.id, s]));
  for (const s of dataset.sources) {
    if (!s.textSha256) continue;
    byHash.set(s.textSha256, [...(byHash.get(s.textSha256) ?? []), s.id]);
  }
  for (const name of names) {
    if (name.startsWith(".")) continue;
    const abs = path.join(root, name);
    if (!statSync(abs).isFile()) continue;
    const bytes = readFileSync(abs);
    const sha = createHash("sha256").update(bytes).digest("hex");
    const matches = byHash.get(sha);
    const stem = path.parse(name).name;
    if (matches) {
      const paragraphs = paragraphsOf(bytes.toString("utf8"));
      for (const id of matches) {
        const expected = byId.get(id)?.paragraphs;
        if (expected !== undefined && expected !== paragraphs.length) {
          problems.push(
            `${abs}: matches source "${id}" by hash but has ${paragraphs.length} paragraphs, not ${expected}`,
          );
        } else texts.set(id, paragraphs);
      }
      continue;
    }
    const named = byId.get(stem);
    if (named) {
      problems.push(
        named.textSha256
          ? `${abs}: named after source "${stem}" but its SHA-256 is ${sha}, not ${named.textSha256}; not used`
          : `${abs}: named after source "${stem}", which has no textSha256 to check it against; not used`,
      );
    }
  }
  return { texts, problems };
}

/**
 * `<repo root>/../shared/seed` when it exists (where CI and the curation machine keep the
 * primary source text), else undefined.
 */
export function repoSharedSeedDir(): string | undefined {
  const dir = fileURLToPath(new URL("../../../../shared/seed", import.meta.url));
  return existsSync(dir) ? dir : undefined;
}
