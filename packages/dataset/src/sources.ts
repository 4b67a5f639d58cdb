/**
 * Source texts: the exact documents that paragraph citations point into. A text is trusted
 * only when its SHA-256 matches the source's `textSha256`.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Dataset, splitParagraphs } from "@dealmap/domain";
import { DirWalk, displayPath, LIMITS, openRegular, openRoot, readCapped } from "./safe-fs.ts";

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

/** Something wrong with an entry of a source-text directory, said once, in one line. */
export interface SourceTextWarning {
  /** The entry, as problems name files: relative to the working directory when inside it. */
  file: string;
  /** The source it concerns: the one it is named after or matches by hash, when there is one. */
  sourceId?: string;
  /** One line, ready to log: `<file>: <what is wrong>; not used`. */
  message: string;
}

export interface SourceTexts {
  /** Source id → its paragraphs, for every file whose hash matched. */
  texts: Map<string, string[]>;
  /**
   * Every entry that was skipped or not trusted, and a missing directory: a text whose hash
   * does not match its source, a refused link or special file, a file over the size limit, an
   * unreadable one. Log them once at start.
   */
  warnings: SourceTextWarning[];
}

/**
 * Read every file of `dir` (not recursive; dotfiles skipped), hash its bytes and match them
 * against the sources' `textSha256`. The directory is read under the loader's rule: regular
 * files only, symbolic links only when their target stays inside `dir`, at most
 * LIMITS.sourceTextBytes per file and LIMITS.sourceTextEntries entries; anything else is
 * skipped with a warning. A file named after a source (`<source-id>.<ext>`) whose hash differs
 * is not used, with a warning. Folders inside are skipped silently; so are files that match no
 * source and are named after none. `dir` defaults to `$DEALMAP_SOURCES`; with neither, the
 * result is empty. Never throws for what it finds on disk.
 */
export function loadSourceTexts(
  dir: string | undefined = process.env.DEALMAP_SOURCES || undefined,
  dataset: Dataset,
): SourceTexts {
  const texts = new Map<string, string[]>();
  const warnings: SourceTextWarning[] = [];
  const done = (): SourceTexts => ({ texts, warnings });
  if (!dir) return done();
  const root = path.resolve(dir);
  const warn = (abs: string, message: string, sourceId?: string) => {
    const file = displayPath(abs);
    warnings.push(
      sourceId
        ? { file, sourceId, message: `${file}: ${message}` }
        : { file, message: `${file}: ${message}` },
    );
  };
  const opened = openRoot(root, "source text directory");
  if ("problem" in opened) {
    warn(root, opened.problem);
    return done();
  }
  const walk = new DirWalk(root, opened.real, LIMITS.sourceTextEntries, "source text directory");
  const byHash = new Map<string, string[]>();
  const byId = new Map(dataset.sources.map((s) => [s.id, s]));
  for (const s of dataset.sources) {
    if (!s.textSha256) continue;
    byHash.set(s.textSha256, [...(byHash.get(s.textSha256) ?? []), s.id]);
  }
  const cap = LIMITS.sourceTextBytes;
  for (const ent of walk.list(root) ?? []) {
    const entry = walk.take(ent, root, opened.real);
    if (walk.stopped) break;
    if (entry?.type !== "file") continue;
    const file = openRegular(entry.real, cap, "a source text");
    if ("problem" in file) {
      warn(entry.abs, `${file.problem}; skipped`);
      continue;
    }
    const bytes = readCapped(file.fd, file.size, cap, "a source text");
    if (!Buffer.isBuffer(bytes)) {
      warn(entry.abs, `${bytes.problem}; skipped`);
      continue;
    }
    const sha = createHash("sha256").update(bytes).digest("hex");
    const matches = byHash.get(sha);
    const stem = path.parse(entry.name).name;
    if (matches) {
      const paragraphs = paragraphsOf(bytes.toString("utf8"));
      for (const id of matches) {
        const expected = byId.get(id)?.paragraphs;
        if (expected !== undefined && expected !== paragraphs.length) {
          warn(
            entry.abs,
            `matches source "${id}" by hash but has ${paragraphs.length} paragraphs, not ${expected}`,
            id,
          );
        } else texts.set(id, paragraphs);
      }
      continue;
    }
    const named = byId.get(stem);
    if (named) {
      warn(
        entry.abs,
        named.textSha256
          ? `named after source "${stem}" but its SHA-256 is ${sha}, not ${named.textSha256}; not used`
          : `named after source "${stem}", which has no textSha256 to check it against; not used`,
        stem,
      );
    }
  }
  for (const p of walk.problems) warn(p.abs, `${p.message}; skipped`);
  warnings.sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : 0));
  return done();
}

/**
 * `<repo root>/../shared/seed` when it exists (where CI and the curation machine keep the
 * primary source text), else undefined.
 */
export function repoSharedSeedDir(): string | undefined {
  const dir = fileURLToPath(new URL("../../../../shared/seed", import.meta.url));
  return existsSync(dir) ? dir : undefined;
}
