import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Dataset, emptyDataset, type Source } from "@dealmap/domain";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadSourceTexts, paragraphsOf, repoSharedSeedDir } from "./sources.ts";

const sha = (s: string | Buffer) => createHash("sha256").update(s).digest("hex");

describe("paragraphsOf", () => {
  it("keeps non-empty lines exactly, minus the line terminator", () => {
    const text = "First  line, spaced. \r\n\r\n\n  Indented second\n   \n\tthird\rfourth";
    expect(paragraphsOf(text)).toEqual(["First  line, spaced. ", "  Indented second", "\tthird", "fourth"]);
  });

  it("drops a byte-order mark so offsets start at the first character", () => {
    expect(paragraphsOf("\uFEFFone\ntwo\n")).toEqual(["one", "two"]);
  });

  const seed = repoSharedSeedDir();
  it.skipIf(!seed)("gives 24 paragraphs for the primary article", () => {
    const file = path.join(seed as string, "000_4e9b85dcf062a9a4.txt");
    const bytes = readFileSync(file);
    expect(sha(bytes)).toBe("7727611bd295209e8404c469ce5fe68fbd57726611baac6877980bbb2bed2b0c");
    const paragraphs = paragraphsOf(bytes.toString("utf8"));
    expect(paragraphs).toHaveLength(24);
    expect(paragraphs.every((p) => p.length > 0 && !p.includes("\n"))).toBe(true);
  });
});

describe("repoSharedSeedDir", () => {
  it("is <repo root>/../shared/seed when that exists, else undefined", () => {
    const expected = fileURLToPath(new URL("../../../../shared/seed", import.meta.url));
    expect(repoSharedSeedDir()).toBe(existsSync(expected) ? expected : undefined);
  });
});

describe("loadSourceTexts", () => {
  const text = "Opening paragraph of a test text.\n\nSecond paragraph, with  two spaces.\nThird.\n";
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "dealmap-texts-"));
  });
  afterEach(() => rmSync(dir, { recursive: true }));

  const source = (over: Partial<Source>): Source => ({
    id: "test-text",
    kind: "article",
    title: "A test text",
    publisher: "Tests",
    language: "en",
    ...over,
  });
  const withSources = (...sources: Source[]): Dataset => ({ ...emptyDataset(), sources });

  it("trusts a file whose SHA-256 matches, whatever its name", () => {
    writeFileSync(path.join(dir, "downloaded-copy.txt"), text);
    const ds = withSources(source({ textSha256: sha(text), paragraphs: 3 }));
    const { texts, warnings } = loadSourceTexts(dir, ds);
    expect(warnings).toEqual([]);
    expect(texts.get("test-text")).toEqual([
      "Opening paragraph of a test text.",
      "Second paragraph, with  two spaces.",
      "Third.",
    ]);
  });

  it("reports a file named after a source whose hash differs, and does not use it", () => {
    const edited = text.replace("Third.", "Third, edited.");
    const file = path.join(dir, "test-text.txt");
    writeFileSync(file, edited);
    const ds = withSources(source({ textSha256: sha(text), paragraphs: 3 }));
    const { texts, warnings } = loadSourceTexts(dir, ds);
    expect(texts.size).toBe(0);
    expect(warnings.map((w) => w.message)).toEqual([
      `${file}: named after source "test-text" but its SHA-256 is ${sha(edited)}, not ${sha(text)}; not used`,
    ]);
  });

  it("reports a matching file whose paragraph count disagrees with the source", () => {
    const file = path.join(dir, "copy.txt");
    writeFileSync(file, text);
    const ds = withSources(source({ textSha256: sha(text), paragraphs: 24 }));
    const { texts, warnings } = loadSourceTexts(dir, ds);
    expect(texts.size).toBe(0);
    expect(warnings.map((w) => w.message)).toEqual([
      `${file}: matches source "test-text" by hash but has 3 paragraphs, not 24`,
    ]);
  });

  it("ignores unrelated files and returns nothing without a directory", () => {
    writeFileSync(path.join(dir, "unrelated.txt"), "nothing to do with any source\n");
    const ds = withSources(source({ textSha256: sha(text) }));
    expect(loadSourceTexts(dir, ds)).toEqual({ texts: new Map(), warnings: [] });
    const saved = process.env.DEALMAP_SOURCES;
    delete process.env.DEALMAP_SOURCES;
    try {
      expect(loadSourceTexts(undefined, ds)).toEqual({ texts: new Map(), warnings: [] });
    } finally {
      if (saved !== undefined) process.env.DEALMAP_SOURCES = saved;
    }
  });

  it("reads $DEALMAP_SOURCES by default and reports a missing directory", () => {
    writeFileSync(path.join(dir, "x.txt"), text);
    const ds = withSources(source({ textSha256: sha(text) }));
    const saved = process.env.DEALMAP_SOURCES;
    process.env.DEALMAP_SOURCES = dir;
    try {
      expect(loadSourceTexts(undefined, ds).texts.get("test-text")).toHaveLength(3);
    } finally {
      if (saved === undefined) delete process.env.DEALMAP_SOURCES;
      else process.env.DEALMAP_SOURCES = saved;
    }
    const missing = path.join(dir, "missing");
    expect(loadSourceTexts(missing, ds).warnings.map((w) => w.message)).toEqual([
      `${missing}: source text directory not found`,
    ]);
  });

  it("carries each warning as a one-line message with the source it concerns", () => {
    const file = path.join(dir, "test-text.txt");
    writeFileSync(file, "an edited copy\n");
    const ds = withSources(source({ textSha256: sha(text), paragraphs: 3 }));
    const { warnings } = loadSourceTexts(dir, ds);
    const message = `${file}: named after source "test-text" but its SHA-256 is ${sha("an edited copy\n")}, not ${sha(text)}; not used`;
    expect(warnings).toEqual([{ file, sourceId: "test-text", message }]);
  });

  it("skips a dangling symlink, a link out of the directory and a FIFO, and still loads the rest", () => {
    writeFileSync(path.join(dir, "good-copy.txt"), text);
    symlinkSync(path.join(dir, "nowhere.txt"), path.join(dir, "dangling.txt"));
    symlinkSync("/etc/hostname", path.join(dir, "elsewhere.txt"));
    execFileSync("mkfifo", [path.join(dir, "pipe.txt")]);
    const ds = withSources(source({ textSha256: sha(text), paragraphs: 3 }));
    const { texts, warnings } = loadSourceTexts(dir, ds);
    expect(texts.get("test-text")).toHaveLength(3);
    expect(warnings.map((w) => w.message)).toEqual([
      `${path.join(dir, "dangling.txt")}: broken symbolic link: what it points to does not exist; skipped`,
      `${path.join(dir, "elsewhere.txt")}: symbolic link to a place outside the source text directory: not followed (links are followed only when they stay inside it); skipped`,
      `${path.join(dir, "pipe.txt")}: a named pipe (FIFO), not a regular file or folder: refused (it is never opened); skipped`,
    ]);
  });

  it("skips a file over the size limit without reading it (a sparse 2 GiB file)", () => {
    const big = path.join(dir, "test-text.txt");
    writeFileSync(big, "");
    truncateSync(big, 2 * 1024 * 1024 * 1024 + 1);
    const ds = withSources(source({ textSha256: sha(text), paragraphs: 3 }));
    expect(loadSourceTexts(dir, ds).warnings.map((w) => w.message)).toEqual([
      `${big}: too large: 2.0 GiB, over the 16 MiB limit for a source text; skipped`,
    ]);
  });

  it.skipIf(!existsSync("/proc/self"))(
    "survives DEALMAP_SOURCES=/proc/self: endless and unreadable files are skipped",
    () => {
      const ds = withSources(source({ textSha256: sha(text), paragraphs: 3 }));
      const saved = process.env.DEALMAP_SOURCES;
      process.env.DEALMAP_SOURCES = "/proc/self";
      try {
        const started = Date.now();
        const { texts, warnings } = loadSourceTexts(undefined, ds);
        expect(Date.now() - started).toBeLessThan(10_000);
        expect(texts.size).toBe(0);
        // /proc/self/root leads to /, outside the directory
        expect(warnings.map((w) => w.message)).toContain(
          "/proc/self/root: symbolic link to a place outside the source text directory: not followed (links are followed only when they stay inside it); skipped",
        );
      } finally {
        if (saved === undefined) delete process.env.DEALMAP_SOURCES;
        else process.env.DEALMAP_SOURCES = saved;
      }
    },
  );
});
