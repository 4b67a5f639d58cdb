import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { builtinDataDir, loadOrThrow, loadWithUserData } from "./builtin.ts";
import { formatProblem, type LoadResult, loadDataset } from "./load.ts";

/** A comparable summary of a result (problems, or ids per kind and files). */
function summary(r: LoadResult) {
  if (!r.ok) return { problems: r.problems.map(formatProblem) };
  return { files: r.files, ids: Object.values(r.dataset).map((list) => list.map((e) => e.id)) };
}

describe("builtinDataDir", () => {
  it("is the absolute path of packages/dataset/data", () => {
    expect(builtinDataDir).toBe(fileURLToPath(new URL("../data", import.meta.url)));
    expect(path.isAbsolute(builtinDataDir)).toBe(true);
  });
});

describe("loadWithUserData", () => {
  let dir: string;
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.DEALMAP_DATA;
    delete process.env.DEALMAP_DATA;
    dir = mkdtempSync(path.join(tmpdir(), "dealmap-user-"));
    mkdirSync(path.join(dir, "sources"));
    writeFileSync(
      path.join(dir, "sources", "mine.yaml"),
      "- id: user-test-notebook\n  kind: other\n  title: My notes\n  publisher: Me\n  language: en\n",
    );
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.DEALMAP_DATA;
    else process.env.DEALMAP_DATA = saved;
    rmSync(dir, { recursive: true });
  });

  it("is the built-in data alone without a user dir or $DEALMAP_DATA", () => {
    expect(summary(loadWithUserData())).toEqual(summary(loadDataset(builtinDataDir)));
  });

  it("merges the user dir after the built-in data", () => {
    const r = loadWithUserData(dir);
    expect(summary(r)).toEqual(summary(loadDataset([builtinDataDir, dir])));
    if (r.ok) {
      expect(r.dataset.sources.at(-1)?.id).toBe("user-test-notebook");
      expect(r.files.at(-1)).toBe(path.join(dir, "sources", "mine.yaml"));
    }
  });

  it("reads $DEALMAP_DATA when no dir is given; an explicit dir wins", () => {
    process.env.DEALMAP_DATA = dir;
    expect(summary(loadWithUserData())).toEqual(summary(loadDataset([builtinDataDir, dir])));
    const missing = path.join(dir, "missing");
    const r = loadWithUserData(missing);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map(formatProblem)).toContain(`${missing}:1:1  -  data directory not found`);
  });
});

describe("loadOrThrow", () => {
  const fixtures = fileURLToPath(new URL("../fixtures", import.meta.url));
  it("returns the dataset of valid directories", () => {
    const ds = loadOrThrow([path.join(fixtures, "good"), path.join(fixtures, "extra")]);
    expect(ds.events.map((e) => e.id)).toEqual(["harbour-talks", "follow-up-call"]);
  });
  it("throws with every problem listed, one formatted line each", () => {
    const dirs = [path.join(fixtures, "good"), path.join(fixtures, "bad", "empty-name")];
    const r = loadDataset(dirs);
    if (r.ok) throw new Error("the bad fixture loaded");
    expect(() => loadOrThrow(dirs, "the test data")).toThrow(
      `the test data in ${dirs.join(", ")} is invalid:\n${r.problems.map(formatProblem).join("\n")}`,
    );
  });
});
