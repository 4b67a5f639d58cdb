/**
 * The import commands through the real built program (`node dist/cli.js`) into real SQLite
 * files: GDELT events (plain and with mentions), FollowTheMoney entities and a spreadsheet, on
 * the real fixture files and on broken copies; the same files twice; a failed import that
 * writes nothing; --skip-bad with its reject file; `datasets` and `datasets rm`; and an import
 * killed half way that leaves the database as it was.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RAW_CONTROL, type Run, runCli, startCli } from "./helpers.ts";

const app = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const fixtures = path.resolve(app, "../../packages/dataset/test/fixtures");

let work: string;
let baseEnv: NodeJS.ProcessEnv;

function start(args: string[]) {
  return startCli(args, work, baseEnv);
}

function run(args: string[]): Promise<Run> {
  return runCli(args, work, baseEnv);
}

async function runJson<T = Record<string, unknown>>(args: string[]): Promise<T> {
  const r = await run(args);
  expect(r.code, `${args.join(" ")}\n${r.stderr}`).toBe(0);
  return JSON.parse(r.stdout) as T;
}

interface Imported {
  dataset: string;
  unchanged: boolean;
  replaced: boolean;
  rowsRead: number;
  made: Record<string, number>;
  merged: number;
  matched: number;
  skipped: Record<string, number>;
  badLines: number;
  version: string;
}
interface Datasets {
  datasets: { name: string; origin: string; format: string | null; counts: Record<string, number> }[];
}

const DB = ["--db", "./imports.sqlite"];
/** The GDELT fixtures with their mentions, imported as "gdelt-sample". */
const IMPORT_SAMPLE = [
  "import",
  "gdelt",
  "gdelt-events.csv",
  "--mentions",
  "gdelt-mentions.csv",
  "--dataset",
  "gdelt-sample",
];

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), "dealmap-import-"));
  baseEnv = { ...process.env, COLUMNS: "100", XDG_CACHE_HOME: path.join(work, "cache") };
  for (const k of ["DEALMAP_DB", "DEALMAP_DATA", "DEALMAP_SOURCES"]) delete baseEnv[k];
  for (const f of [
    "gdelt/events.csv",
    "gdelt/mentions.csv",
    "ftm/zala.ftm.jsonl",
    "ftm/t1.ftm.jsonl",
    "csv/events.csv",
    "csv/actors.csv",
  ])
    copyFileSync(path.join(fixtures, f), path.join(work, f.replace("/", "-")));
  const r = await run(["db", "load", ...DB]);
  expect(r.code, r.stderr).toBe(0);
}, 120_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe("dealmap import", () => {
  let before: string;

  it("imports GDELT events with their mentions, resolving country codes to curated states", async () => {
    before = (await run(["events", "--json", "--limit", "5", ...DB])).stdout;
    const out = await runJson<Imported>([...IMPORT_SAMPLE, "--json", ...DB]);
    expect(out).toMatchObject({
      dataset: "gdelt-sample",
      unchanged: false,
      rowsRead: expect.any(Number),
      badLines: 0,
    });
    expect(out.rowsRead).toBeGreaterThanOrEqual(100);
    expect(out.made.events).toBeGreaterThan(0);
    expect((out.made.events ?? 0) + out.merged).toBe(100);
    expect(out.matched).toBeGreaterThan(0);
    const sets = await runJson<Datasets>(["datasets", "--json", ...DB]);
    expect(sets.datasets.map((d) => [d.name, d.origin])).toEqual([
      ["built-in", "load"],
      ["gdelt-sample", "import"],
    ]);
    expect(sets.datasets[1]?.counts.events).toBe(out.made.events);
    const text = await run(["datasets", ...DB]);
    expect(text.stdout).toMatch(/gdelt-sample\s+import gdelt/);
  });

  it("the same files again change nothing", async () => {
    const again = await runJson<Imported>([...IMPORT_SAMPLE, "--json", ...DB]);
    expect(again.unchanged).toBe(true);
    const text = await run([...IMPORT_SAMPLE, ...DB]);
    expect(text.stdout).toContain("nothing changed");
  });

  it("imports FollowTheMoney entities, counting the schemas it does not model", async () => {
    const out = await runJson<Imported>([
      "import",
      "ftm",
      "ftm-zala.ftm.jsonl",
      "ftm-t1.ftm.jsonl",
      "--dataset",
      "sanctions",
      "--json",
      ...DB,
    ]);
    expect(out.rowsRead).toBe(98);
    expect(out.made.actors).toBeGreaterThan(0);
    expect(out.made.events).toBeGreaterThan(0);
    expect(out.skipped["FtM schema Address"]).toBe(12);
    const text = await run(["import", "ftm", "ftm-zala.ftm.jsonl", "--dataset", "zala-only", ...DB]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/imported dataset "zala-only" \(ftm\)/);
    expect(text.stdout).toMatch(/skipped \d+ \(.*FtM schema Address: 11/);
    expect((await run(["datasets", "rm", "zala-only", ...DB])).code).toBe(0);
  });

  it("imports a spreadsheet of events and actors", async () => {
    const out = await runJson<Imported>([
      "import",
      "csv",
      "csv-events.csv",
      "--actors",
      "csv-actors.csv",
      "--dataset",
      "notes",
      "--json",
      ...DB,
    ]);
    expect(out.made.events).toBeGreaterThan(0);
    expect(out.made.actors).toBeGreaterThan(0);
    expect(out.badLines).toBe(0);
  });

  it("promotes an imported event to curated YAML that validates and loads beside the import", async () => {
    const listed = await runJson<{ id: string }[]>([
      "events",
      "--dataset",
      "gdelt-sample",
      "--json",
      "--limit",
      "1",
      ...DB,
    ]);
    const id = listed[0]?.id as string;
    expect(id).toMatch(/^gdelt-sample-/);
    const printed = await run(["promote", id, ...DB]);
    expect(printed.code, printed.stderr).toBe(0);
    // YAML folds the long note: compare with the line breaks as spaces
    expect(printed.stdout.replace(/\s+/g, " ")).toContain(
      `Promoted from the imported event ${id} (gdelt-sample).`,
    );
    const r = await run(["promote", id, "--id", "promoted-visit", "--out", "promoted", ...DB]);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(path.join(work, "promoted", "events", "promoted-visit.yaml"))).toBe(true);
    const again = await run(["promote", id, "--id", "promoted-visit", "--out", "promoted", ...DB]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("exists already: nothing was written");
    const valid = await run(["validate", "promoted"]);
    expect(valid.code, valid.stdout + valid.stderr).toBe(0);
    const load = await run(["db", "load", "--data", "promoted", ...DB]);
    expect(load.code, load.stderr).toBe(0);
    const shown = await runJson<{ entity: { id: string; citations: { note?: string }[] } }>([
      "show",
      "promoted-visit",
      "--json",
      ...DB,
    ]);
    expect(shown.entity.citations[0]?.note).toContain(id);
    const curated = await run(["promote", "promoted-visit", ...DB]);
    expect(curated.code).toBe(2);
    expect(curated.stderr).toContain("is curated already");
    const clash = await run(["promote", id, "--id", "belarus", ...DB]);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toContain('"belarus" is taken');
    // the import is still there, and loading the built-in data alone again drops the promoted copy
    const sets = await runJson<Datasets>(["datasets", "--json", ...DB]);
    expect(sets.datasets.map((d) => d.name)).toEqual([
      "built-in",
      "promoted",
      "gdelt-sample",
      "sanctions",
      "notes",
    ]);
    expect((await run(["db", "load", ...DB])).code).toBe(0);

    // loaded again, the promoted event is accepted as the same as the imported one: shown once
    expect(r.stdout).toContain(
      `Then, so that the event is not shown twice: dealmap datasets accept gdelt-sample ${id} promoted-visit\n`,
    );
    expect((await run(["db", "load", "--data", "promoted", ...DB])).code).toBe(0);
    const accepted = await run(["datasets", "accept", "gdelt-sample", id, "promoted-visit", ...DB]);
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(accepted.stdout).toMatch(new RegExp(`^merged "${id}" of "gdelt-sample" into "promoted-visit"`));
    const imported = await runJson<{ id: string }[]>([
      "events",
      "--dataset",
      "gdelt-sample",
      "--json",
      "--limit",
      "500",
      ...DB,
    ]);
    expect(imported.length).toBeGreaterThan(10);
    expect(imported.map((e) => e.id)).not.toContain(id);
    expect((await runJson<{ entity: { id: string } }>(["show", id, "--json", ...DB])).entity.id).toBe(
      "promoted-visit",
    );
    // a load without the curated event is refused while the import stands on it
    const refused = await run(["db", "load", ...DB]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `the import "gdelt-sample" merged its event "${id}" into "promoted-visit", which this load no longer holds`,
    );
    // back to the import alone, for the tests that follow
    expect((await run(["datasets", "rm", "gdelt-sample", ...DB])).code).toBe(0);
    expect((await run(["db", "load", ...DB])).code).toBe(0);
    const back = await run([...IMPORT_SAMPLE, ...DB]);
    expect(back.code, back.stderr).toBe(0);
    // many runs of the program, four of them loads: past 30 s when the whole suite shares the machine
  }, 180_000);

  it("offers imported actors that may be curated ones as same-as candidates", async () => {
    writeFileSync(
      path.join(work, "people.csv"),
      [
        "id,kind,name,aliases,country,description,source_url",
        "notes-al,person,Аляксандр Лукашэнка,Aliaksandr Lukashenka [be-Latn]; Лукашэнка А. Р. [be/Cyrl],BY,Written in Belarusian for the test.,https://example.org/a",
        "notes-nobody,person,Someone Unheard-of,,BY,Nobody the built-in data knows.,https://example.org/b",
      ].join("\n"),
    );
    writeFileSync(path.join(work, "none.csv"), "id,date,kind,title,summary,source_url\n");
    const imp = await run([
      "import",
      "csv",
      "none.csv",
      "--actors",
      "people.csv",
      "--dataset",
      "people",
      ...DB,
    ]);
    expect(imp.code, imp.stderr).toBe(0);
    const out = await runJson<{
      actorsLookedAt: number;
      candidates: { imported: { id: string }; curated: { id: string } }[];
    }>(["datasets", "candidates", "people", "--json", ...DB]);
    expect(out.actorsLookedAt).toBe(2);
    expect(out.candidates.map((c) => [c.imported.id, c.curated.id])).toEqual([
      ["notes-al", "alexander-lukashenko"],
    ]);
    const ftm = await runJson<{ candidates: { imported: { id: string }; curated: { id: string } }[] }>([
      "datasets",
      "candidates",
      "sanctions",
      "--json",
      ...DB,
    ]);
    expect(ftm.candidates.map((c) => c.curated.id)).toContain("ofac");

    // the curator accepts one: merged into the curated actor, found by its old id, listed no more
    const refused = await run(["datasets", "accept", "people", "notes-nobody", "donald-trump", ...DB]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('"notes-nobody" has the country BY and "donald-trump" US');
    const ok = await run([
      "datasets",
      "accept",
      "people",
      "notes-al",
      "alexander-lukashenko",
      "--note",
      "the same man, in Belarusian",
      ...DB,
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(
      /^merged "notes-al" of "people" into "alexander-lukashenko": 0 events and 0 other entities/,
    );
    // the one name the curated actor does not list is named, and kept with the statement
    expect(ok.stdout).toContain(
      '1 name of the imported record that "alexander-lukashenko" does not list, kept with the import\'s statement (datasets --json): "Лукашэнка А. Р."\n',
    );
    const again = await run(["datasets", "accept", "people", "notes-al", "alexander-lukashenko", ...DB]);
    expect(again.stdout).toContain("already: nothing changed");
    const after = await runJson<{ candidates: unknown[]; actorsLookedAt: number }>([
      "datasets",
      "candidates",
      "people",
      "--json",
      ...DB,
    ]);
    expect(after).toEqual({ dataset: "people", actorsLookedAt: 1, candidates: [] });
    const shown = await run(["show", "notes-al", ...DB]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/^Alexander Lukashenko/);
    expect(shown.stdout).toContain("people  merged a record of its own into it (same-as)");
    expect(shown.stdout).toContain("also recorded as notes-al (merged by same-as)");
    expect(shown.stdout).toContain("  also named in people: Лукашэнка А. Р. (search finds it by these)\n");
    // what the import cites for its record (the row's source_url), kept with the statement
    expect(shown.stdout).toContain("  people cites for its record notes-al (Аляксандр Лукашэнка):\n");
    expect(shown.stdout).toMatch(/people cites for its record notes-al .*:\n {4}› people-src-[0-9a-f]+ /);
    const sets = await runJson<{
      datasets: { name: string; merged: unknown[]; counts: Record<string, number> }[];
    }>(["datasets", "--json", ...DB]);
    expect((await run(["datasets", ...DB])).stdout).toContain(
      "\npeople: 1 record merged into curated ones: notes-al → alexander-lukashenko\n",
    );
    const people = sets.datasets.find((d) => d.name === "people");
    expect(people?.counts.actors).toBe(1);
    expect(people?.merged).toEqual([
      expect.objectContaining({
        from: "notes-al",
        into: "alexander-lukashenko",
        names: ["Лукашэнка А. Р."],
        note: "the same man, in Belarusian",
      }),
    ]);
    // withdrawn: the import's record is its own again, and a candidate again
    const undone = await run(["datasets", "unaccept", "people", "notes-al", ...DB]);
    expect(undone.code, undone.stderr).toBe(0);
    expect(undone.stdout).toMatch(
      /^withdrew the same-as "notes-al" → "alexander-lukashenko" of "people": "notes-al" is the import's own actor again, and 0 events and 0 other entities/,
    );
    const own = await run(["show", "notes-al", ...DB]);
    expect(own.stdout).toMatch(/^Аляксандр Лукашэнка/);
    const offered = await runJson<{ candidates: { imported: { id: string }; curated: { id: string } }[] }>([
      "datasets",
      "candidates",
      "people",
      "--json",
      ...DB,
    ]);
    expect(offered.candidates.map((c) => [c.imported.id, c.curated.id])).toContainEqual([
      "notes-al",
      "alexander-lukashenko",
    ]);
    const twice = await run(["datasets", "unaccept", "people", "notes-al", ...DB]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('"notes-al" of "people" was not merged into a curated record');
    expect((await run(["datasets", "rm", "people", ...DB])).code).toBe(0);
    expect((await run(["show", "notes-al", ...DB])).code).toBe(1);
    // sixteen runs of the program: past 30 s when the whole suite shares the machine
  }, 180_000);

  it("a bad row fails the whole import, naming file:line; --skip-bad imports the rest and writes the reject file", async () => {
    const lines = readFileSync(path.join(work, "gdelt-events.csv"), "utf8").split("\n");
    const bad = (lines[4] as string).split("\t").slice(0, 58).join("\t");
    lines[4] = bad;
    lines[9] = (lines[9] as string).replace(/\t/, "\t\u001b[31m");
    writeFileSync(path.join(work, "broken.csv"), lines.join("\n"));
    const sets = (await run(["datasets", "--json", ...DB])).stdout;
    const r = await run(["import", "gdelt", "broken.csv", ...DB]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/broken\.csv:5(:\d+)?\s+.*58 columns/);
    expect(r.stderr).toContain("Nothing was imported");
    expect(r.stderr).not.toMatch(RAW_CONTROL);
    expect((await run(["datasets", "--json", ...DB])).stdout).toBe(sets);
    expect(existsSync(path.join(work, "broken.csv.rejects"))).toBe(false);

    const kept = await run(["import", "gdelt", "broken.csv", "--skip-bad", ...DB]);
    expect(kept.code, kept.stderr).toBe(0);
    expect(kept.stdout).toMatch(/bad lines? left out/);
    expect(kept.stdout).toContain("broken.csv:5");
    expect(kept.stdout).not.toMatch(RAW_CONTROL);
    const rejects = readFileSync(path.join(work, "broken.csv.rejects"), "utf8");
    expect(rejects.split("\n")).toContain(bad);
    expect((await run(["datasets", "rm", "broken", ...DB])).code).toBe(0);
  });

  it("removes an import exactly: the reading commands answer as before", async () => {
    for (const name of ["gdelt-sample", "sanctions", "notes"]) {
      const r = await run(["datasets", "rm", name, ...DB]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`removed dataset "${name}"`);
    }
    expect((await run(["events", "--json", "--limit", "5", ...DB])).stdout).toBe(before);
    const sets = await runJson<Datasets>(["datasets", "--json", ...DB]);
    expect(sets.datasets.map((d) => d.name)).toEqual(["built-in"]);
    const gone = await run(["datasets", "rm", "notes", ...DB]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('holds no dataset "notes"');
  });

  it("needs a database, and a file that exists", async () => {
    const none = await run(["import", "gdelt", "gdelt-events.csv"]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("import gdelt needs a database");
    const missing = await run(["import", "ftm", "nope.jsonl", ...DB]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("input not found: nope.jsonl");
  });

  it("an import killed half way leaves the database as it was", async () => {
    const { writeSyntheticGdelt } = await import("@dealmap/dataset");
    const big = path.join(work, "big.export.CSV");
    await writeSyntheticGdelt(big, { rows: 300_000, seed: 7 });
    const sets = (await run(["datasets", "--json", ...DB])).stdout;
    const child = start(["import", "gdelt", "big.export.CSV", ...DB]);
    await new Promise((r) => setTimeout(r, 2500));
    child.kill("SIGKILL");
    await new Promise((r) => child.on("close", r));
    expect((await run(["datasets", "--json", ...DB])).stdout).toBe(sets);
    expect((await run(["events", "--json", "--limit", "5", ...DB])).stdout).toBe(before);
    // and the database takes the next import (no lock left behind)
    const r = await run([
      "import",
      "csv",
      "csv-events.csv",
      "--actors",
      "csv-actors.csv",
      "--dataset",
      "after-kill",
      ...DB,
    ]);
    expect(r.code, r.stderr).toBe(0);
  }, 120_000);
});
