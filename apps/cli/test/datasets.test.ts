/**
 * `events` and `actors` by dataset, through the built program (`node dist/cli.js`): the
 * built-in data loaded into a SQLite file with a tiny import beside it. `--dataset` filters
 * (repeatable, checked against the datasets the data holds), tables name the import of imported
 * rows, `--json` gives every item's dataset; over --data directories in memory as well.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defaultDatabaseLoad, loadIntoDatabase } from "@dealmap/api";
import { importSample, sampleImportIds } from "@dealmap/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { goodDir, type Run, runCli } from "./helpers.ts";

const IMPORT = "gdelt-cli";
const ids = sampleImportIds(IMPORT);

let work: string;
let env: NodeJS.ProcessEnv;
let builtinEvents = 0;
let builtinActors = 0;

function run(args: string[]): Promise<Run> {
  return runCli(args, work, env);
}

type Item = { id: string; dataset: string };

async function json(args: string[]): Promise<Item[]> {
  const r = await run([...args, "--json"]);
  expect(r.code, `${args.join(" ")}\n${r.stderr}`).toBe(0);
  return JSON.parse(r.stdout) as Item[];
}

const DB = ["--db", "./with-import.sqlite"];

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), "dealmap-cli-datasets-"));
  env = { ...process.env, COLUMNS: "120", XDG_CACHE_HOME: path.join(work, "cache") };
  for (const k of ["DEALMAP_DB", "DEALMAP_DATA", "DEALMAP_SOURCES"]) delete env[k];
  const load = defaultDatabaseLoad();
  builtinEvents = load.dataset.events.length;
  builtinActors = load.dataset.actors.length;
  const file = path.join(work, "with-import.sqlite");
  await loadIntoDatabase(file, load);
  await importSample(file, IMPORT);
}, 120_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe("events and actors by dataset", () => {
  it("events --dataset NAME --json: only that import's events, each with its dataset", async () => {
    const events = await json(["events", "--dataset", IMPORT, ...DB]);
    expect(events.map((e) => e.id)).toEqual(ids.events);
    expect(events.map((e) => e.dataset)).toEqual([IMPORT, IMPORT]);
    // the curated data alone, and both again (the option repeats)
    const curated = await json(["events", "--dataset", "built-in", ...DB]);
    expect(curated).toHaveLength(builtinEvents);
    expect(new Set(curated.map((e) => e.dataset))).toEqual(new Set(["built-in"]));
    const both = await json(["events", "--dataset", "built-in", "--dataset", IMPORT, ...DB]);
    expect(both).toHaveLength(builtinEvents + 2);
    expect(both).toEqual(await json(["events", ...DB]));
  });

  it("events as a table: a DATASET column naming the import on imported rows only", async () => {
    const r = await run(["events", ...DB]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^DATE\s+ID\s+KIND\s+STATUS\s+DATASET\s+TITLE$/);
    const imported = lines.filter((l) => l.includes(IMPORT));
    expect(imported).toHaveLength(2);
    for (const [i, id] of ids.events.entries())
      expect(imported[i]).toMatch(
        new RegExp(`\\s${id}\\s+meeting\\s+reported\\s+${IMPORT}\\s+Imported trade`),
      );
    // a curated row leaves the column blank
    expect(lines.find((l) => l.includes("release-2025-06"))).not.toMatch(/built-in/);
    // with nothing imported in the list, no such column at all
    const curated = await run(["events", "--dataset", "built-in", ...DB]);
    expect(curated.stdout.split("\n")[0]).toMatch(/^DATE\s+ID\s+KIND\s+STATUS\s+TITLE$/);
  });

  it("actors --dataset: the import's actor; the table names its dataset; --json gives every actor's", async () => {
    const actors = await json(["actors", "--dataset", IMPORT, ...DB]);
    expect(actors).toEqual([expect.objectContaining({ id: ids.actor, dataset: IMPORT })]);
    const all = await json(["actors", ...DB]);
    expect(all).toHaveLength(builtinActors + 1);
    expect(all.filter((a) => a.dataset !== "built-in").map((a) => a.id)).toEqual([ids.actor]);
    const r = await run(["actors", ...DB]);
    expect(r.stdout.split("\n")[0]).toMatch(/^ID\s+KIND\s+NAME\s+CC\s+DATASET\s+DESCRIPTION$/);
    expect(r.stdout).toMatch(
      new RegExp(`${ids.actor}\\s+person\\s+Ilya Testovich\\s+${IMPORT}\\s+A made-up`),
    );
  });

  it("an unknown --dataset is a usage error naming the datasets there are", async () => {
    const r = await run(["events", "--dataset", "no-such", ...DB]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--dataset must be one of: built-in, ${IMPORT} (got "no-such")`);
    expect(r.stdout).toBe("");
  });

  it("show: an imported event names its import", async () => {
    const r = await run(["show", ids.events[0] as string, ...DB]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`Dataset\\s+\\[${IMPORT}\\] import \\(gdelt\\)`));
    const builtin = await run(["show", "release-2025-06", ...DB]);
    expect(builtin.stdout).not.toContain("Dataset ");
  });

  it("show: a place's and an actor's event lists tag the import's events with its name, curated ones not", async () => {
    const place = await run(["show", "minsk", ...DB]);
    expect(place.code, place.stderr).toBe(0);
    const lines = place.stdout.split("\n");
    for (const id of ids.events)
      expect(lines.find((l) => l.includes(`[${id}]`))).toContain(`reported [${IMPORT}]`);
    const curated = lines.find((l) => l.includes("[kellogg-visit-2025-06]"));
    expect(curated).toBeDefined();
    expect(curated).not.toContain(IMPORT);
    const actor = await run(["show", "belarus", ...DB]);
    expect(actor.code, actor.stderr).toBe(0);
    const tagged = actor.stdout.split("\n").filter((l) => l.includes(`[${IMPORT}]`));
    // each talk once per role list it is in (belarus hosts both)
    expect(tagged.length).toBeGreaterThanOrEqual(2);
    for (const l of tagged) expect(l).toMatch(new RegExp(`\\[${IMPORT}-talks-[12]\\]`));
  });

  it("over --data in memory: a directory is a dataset to filter by, named in --json but not tagged", async () => {
    const good = await json(["events", "--data", goodDir, "--dataset", "good"]);
    expect(good.map((e) => e.id)).toEqual(["fx-wharf-meeting", "fx-barges-freed", "fx-toll-promise"]);
    expect(new Set(good.map((e) => e.dataset))).toEqual(new Set(["good"]));
    const all = await json(["events", "--data", goodDir]);
    expect(all.filter((e) => e.dataset === "built-in")).toHaveLength(builtinEvents);
    // loaded data is curated data: no DATASET column
    const table = await run(["events", "--data", goodDir, "--dataset", "good"]);
    expect(table.stdout.split("\n")[0]).toMatch(/^DATE\s+ID\s+KIND\s+STATUS\s+TITLE$/);
  });
});
