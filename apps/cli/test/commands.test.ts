/**
 * The scripting commands through the real built program (`node dist/cli.js`): stdout, stderr,
 * exit codes, and JSON that parses.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { appRouter, createContextInner } from "@dealmap/api";
import { CSV_COLUMNS, emptyReport, readCsv } from "@dealmap/dataset";
import { ENTITY_KINDS } from "@dealmap/domain";
import { createHTTPServer } from "@trpc/server/adapters/standalone";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMANDS } from "../src/commands.ts";
import { badDir, goodDir, HOSTILE, RAW_CONTROL, writeHostileData, writeHostileProblems } from "./helpers.ts";

const app = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cli = path.join(app, "dist", "cli.js");
const bin = path.join(app, "bin", "dealmap.mjs");

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run a program and collect what it prints. */
function collect(file: string, args: string[], cwd: string, env?: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd,
      env: { ...process.env, COLUMNS: "100", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

function run(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string>; entry?: string } = {},
): Promise<Run> {
  return collect(process.execPath, [opts.entry ?? cli, ...args], opts.cwd ?? app, opts.env);
}

beforeAll(() => {
  // turbo builds before testing; a bare `vitest run` builds here when dist/ is missing
  if (!existsSync(cli)) spawnSync(process.execPath, [path.join(app, "build.mjs")], { stdio: "inherit" });
});

describe("help", () => {
  it("--help on every command prints usage, options and examples, exit 0", async () => {
    for (const c of COMMANDS) {
      const r = await run([...c.name.split(" "), "--help"]);
      expect(r.code, c.name).toBe(0);
      expect(r.stdout).toContain(`dealmap ${c.name} — ${c.summary}`);
      expect(r.stdout).toContain("Usage");
      expect(r.stdout).toContain("Examples");
      for (const e of c.examples) expect(r.stdout).toContain(e);
      expect(r.stderr).toBe("");
    }
    // one run of the program per command (over 30): past 30 s when the whole suite shares the machine
  }, 120_000);

  it("dealmap --help lists every command", async () => {
    const r = await run(["--help"]);
    expect(r.code).toBe(0);
    for (const c of COMMANDS) expect(r.stdout).toContain(c.name);
  });
});

describe("usage errors: exit 2, what was wrong, and the usage", () => {
  const cases: [string[], RegExp, string][] = [
    [["evnts"], /unknown command "evnts" — did you mean "events"\?/, "Usage: dealmap [COMMAND]"],
    [
      ["events", "--kidn", "release"],
      /unknown option --kidn — did you mean --kind\?/,
      "Usage: dealmap events",
    ],
    [["events", "--kind", "party"], /--kind must be one of: release, deportation/, "Usage: dealmap events"],
    [
      ["events", "--limit", "zero"],
      /--limit must be a positive whole number \(got "zero"\)/,
      "Usage: dealmap events",
    ],
    [["events", "--from", "2025-13-40", "--json"], /from/, "Usage: dealmap events"],
    [["show"], /missing ID/, "Usage: dealmap show ID"],
    [["path", "a"], /missing TO/, "Usage: dealmap path FROM TO"],
    [["show", "a", "b"], /unexpected argument "b"/, "Usage: dealmap show ID"],
    [["show", "Not An Id"], /is not an id/, "Usage: dealmap show ID"],
    [["export"], /--format is required/, "Usage: dealmap export"],
    [
      ["export", "--format", "xml"],
      /--format must be one of: json, jsonl, csv, geojson \(got "xml"\)/,
      "Usage: dealmap export",
    ],
    [["export", "--format", "csv"], /give --out DIR/, "Usage: dealmap export"],
    [["routes", "compare"], /--cargo is required/, "Usage: dealmap routes compare"],
    [
      ["actors", "--api", "localhost:4000"],
      /--api needs an http:\/\/ or https:\/\/ URL/,
      "Usage: dealmap actors",
    ],
    [["stats", "--data"], /--data needs a value/, "Usage: dealmap stats"],
    [["search"], /missing QUERY/, "Usage: dealmap search QUERY"],
    [["validate", "--api", "http://127.0.0.1:9"], /--api is not supported here/, "Usage: dealmap validate"],
    [["search", " "], /the search query is empty/, "Usage: dealmap search QUERY"],
    [["routes", "--at", "2021-02-30"], /at/, "Usage: dealmap routes"],
  ];
  for (const [args, message, usage] of cases) {
    it(`dealmap ${args.join(" ")}`, async () => {
      const r = await run(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toContain(usage);
    });
  }

  it("the TUI without a terminal says what to do instead", async () => {
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("needs an interactive terminal");
  });
});

describe("validate", () => {
  it("the built-in data: exit 0 and one line of counts per kind", async () => {
    const r = await run(["validate"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^the built-in data is valid: \d+ sources, \d+ actors, \d+ places, \d+ events, \d+ routes, \d+ relations, \d+ deals?, \d+ assessments?$/,
    );
  });

  it("a good directory, relative to the caller's directory, alone and with the built-in data", async () => {
    const rel = path.relative(app, goodDir);
    const alone = await run(["validate", rel, "--alone"]);
    expect(alone.code).toBe(0);
    expect(alone.stdout).toBe(
      `${rel} is valid: 1 source, 3 actors, 2 places, 3 events, 2 routes, 2 relations, 1 deal, 1 assessment\n`,
    );
    const merged = await run(["validate", rel]);
    expect(merged.code).toBe(0);
    expect(merged.stdout).toContain("1 source, 3 actors, 2 places, 3 events");
    expect(merged.stdout).toContain("checked together with the built-in data");
    // from another working directory the same relative path means something else
    const elsewhere = await run(["validate", rel], { cwd: tmpdir() });
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr).toContain("not found");
  });

  it("a bad directory: exit 1, every problem as file:line:col  field.path  message", async () => {
    const rel = path.relative(app, badDir);
    const r = await run(["validate", rel, "--alone"]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toEqual([
      `${rel}/actors/fx-bad-actors.yaml:3:9  [0].name  must not be empty — actor "fx-nameless"`,
      expect.stringMatching(new RegExp(`^${rel}/actors/fx-bad-actors.yaml:9:9  \\[1\\]\\.kind  .*person`)),
      `${rel}/actors/fx-bad-actors.yaml:12:3  [1].colour  unknown field "colour" — actor "fx-odd-one"`,
      `${rel}/events/fx-bad-events.yaml:5:9  [0].date  "2025-13-40" has no month 13 — event "fx-impossible-day"`,
    ]);
    expect(r.stderr).toBe(`${rel}: 4 problems\n`);
  });

  it("--json reports the same, as JSON", async () => {
    const bad = await run(["validate", badDir, "--alone", "--json"]);
    expect(bad.code).toBe(1);
    const j = JSON.parse(bad.stdout);
    expect(j.valid).toBe(false);
    expect(j.problems).toHaveLength(4);
    expect(j.problems[0]).toMatchObject({ line: 3, col: 9, path: "[0].name" });
    const good = await run(["validate", goodDir, "--alone", "--json"]);
    expect(JSON.parse(good.stdout)).toMatchObject({
      valid: true,
      counts: { actors: 3, events: 3, deals: 1 },
    });
  });

  it("a command over invalid --data fails with exit 1 and the problems, printing no data", async () => {
    const r = await run(["events", "--data", badDir, "--json"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("the data is invalid (4 problems)");
    expect(r.stderr).toContain("fx-bad-events.yaml:5:9");
  });
});

describe("export", () => {
  it("--format json prints one object with every collection, nothing else", async () => {
    const r = await run(["export", "--format", "json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual([...ENTITY_KINDS]);
    const v = JSON.parse((await run(["validate", "--json"])).stdout);
    for (const k of ENTITY_KINDS) {
      expect(j[k]).toHaveLength(v.counts[k]);
      for (const e of j[k]) expect(typeof e.id).toBe("string");
    }
  });

  it("bin/dealmap.mjs (what `pnpm dealmap` runs) prints only the JSON too", async () => {
    const r = await run(["export", "--format", "json", "--data", goodDir], { entry: bin });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.deals.map((d: { id: string }) => d.id)).toContain("fx-barges-for-tolls");
  });

  it("--format jsonl: one entity per line with its collection", async () => {
    const r = await run(["export", "--format", "jsonl", "--data", goodDir]);
    expect(r.code).toBe(0);
    const rows = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const mine = rows.filter((x) => String(x.id).startsWith("fx-"));
    expect(mine.filter((x) => x.collection === "events").map((x) => x.id)).toEqual([
      "fx-wharf-meeting",
      "fx-barges-freed",
      "fx-toll-promise",
    ]);
    expect(new Set(rows.map((x) => x.collection))).toEqual(new Set(ENTITY_KINDS));
  });

  it("--format csv --out DIR: one file per kind, a header and one row per entity", async () => {
    const out = mkdtempSync(path.join(tmpdir(), "dealmap-csv-"));
    try {
      const r = await run(["export", "--format", "csv", "--out", out, "--data", goodDir]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe("");
      expect(readdirSync(out).sort()).toEqual(ENTITY_KINDS.map((k) => `${k}.csv`).sort());
      const j = JSON.parse((await run(["export", "--format", "json", "--data", goodDir])).stdout);
      for (const k of ENTITY_KINDS) {
        const text = readFileSync(path.join(out, `${k}.csv`), "utf8");
        // events and actors are the spreadsheet template, with a BOM so that Excel reads UTF-8
        const template = k === "events" || k === "actors";
        expect(text.startsWith("\uFEFF"), k).toBe(template);
        const rows = parseCsv(text.replace(/^\uFEFF/, ""));
        expect(rows.length - 1, k).toBe(j[k].length);
        const header = rows[0] ?? [];
        expect(header[0]).toBe("id");
        if (template) expect(header, k).toEqual(CSV_COLUMNS[k].map((c) => c.name));
        const first = rows[1];
        if (first) expect(first[0]).toBe(j[k][0].id);
      }
      // the generic layout: lists and objects as JSON in the cell
      const places = parseCsv(readFileSync(path.join(out, "places.csv"), "utf8"));
      const upper = places.find((row) => row[0] === "fx-upper-wharf") ?? [];
      expect(JSON.parse(upper[(places[0] ?? []).indexOf("coordinates")] ?? "null")).toEqual({
        lat: 54.5,
        lon: 24.1,
      });
      // the template: aliases as `name [lang]`
      const actors = parseCsv(readFileSync(path.join(out, "actors.csv"), "utf8").replace(/^\uFEFF/, ""));
      const h = actors[0] ?? [];
      const mara = actors.find((row) => row[0] === "fx-mara-vell") ?? [];
      expect(mara[h.indexOf("aliases")]).toBe("Mara Wel [pl]");
      // and the spreadsheet reader gives back exactly the exported events and actors
      const report = emptyReport();
      const read: { kind: string; entity: unknown }[] = [];
      const bad: unknown[] = [];
      const input = { events: path.join(out, "events.csv"), actors: path.join(out, "actors.csv") };
      for await (const item of readCsv(
        input,
        { dataset: "export-check", onBad: (b) => bad.push(b) },
        report,
      )) {
        read.push(item);
      }
      expect(bad).toEqual([]);
      expect(read.filter((i) => i.kind === "sources")).toEqual([]);
      expect(read.filter((i) => i.kind === "events").map((i) => i.entity)).toEqual(j.events);
      expect(read.filter((i) => i.kind === "actors").map((i) => i.entity)).toEqual(j.actors);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it("--format geojson: places as points and routes as lines, longitude first", async () => {
    const r = await run(["export", "--format", "geojson", "--data", goodDir]);
    expect(r.code).toBe(0);
    const g = JSON.parse(r.stdout);
    expect(g.type).toBe("FeatureCollection");
    const wharf = g.features.find((f: { id: string }) => f.id === "fx-upper-wharf");
    expect(wharf.geometry).toEqual({ type: "Point", coordinates: [24.1, 54.5] });
    const run1 = g.features.find((f: { id: string }) => f.id === "fx-river-run");
    expect(run1.geometry).toEqual({
      type: "MultiLineString",
      coordinates: [
        [
          [24.1, 54.5],
          [21.2, 55.1],
        ],
      ],
    });
    expect(run1.properties).toMatchObject({ collection: "routes", cargo: "freight", status: "open" });
  });
});

describe("lists, show, search, compare (--data adds the fixture data)", () => {
  it("events --actor … --json: only that actor's events, in date order", async () => {
    const r = await run(["events", "--actor", "fx-upland", "--data", goodDir, "--json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const events = JSON.parse(r.stdout);
    expect(events.map((e: { id: string }) => e.id)).toEqual(["fx-barges-freed", "fx-toll-promise"]);
  });

  it("events as a table that fits the width, fuzzy dates marked", async () => {
    const r = await run(["events", "--actor", "fx-river-league", "--data", goodDir], {
      env: { COLUMNS: "74" },
    });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^DATE\s+ID\s+KIND\s+STATUS\s+TITLE$/);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(74);
    expect(lines[1]).toMatch(/^early Nov 2025 ~\s+fx-wharf-meeting\s+meeting\s+occurred\s+Envoy meets the…$/);
    expect(lines[3]).toMatch(/^summer 2026 ~\s+fx-toll-promise\s+sanctions…\s+expected\s+The League/);
    expect(lines.at(-1)).toBe("~ fuzzy date (a period, not a day)");
    // however narrow, no line is wider than the terminal
    const narrow = await run(["events", "--data", goodDir], { env: { COLUMNS: "40" } });
    for (const l of narrow.stdout.trimEnd().split("\n")) expect(l.length).toBeLessThanOrEqual(40);
  });

  it("every list command prints a JSON array, and the same entities as the table", async () => {
    for (const c of ["events", "actors", "places", "routes", "deals", "sources"]) {
      const j = await run([c, "--json"]);
      expect(j.code, c).toBe(0);
      const items = JSON.parse(j.stdout);
      expect(Array.isArray(items)).toBe(true);
      expect(items.length, c).toBeGreaterThan(0);
      const t = await run([c]);
      // header + one row per item
      expect(
        t.stdout
          .trimEnd()
          .split("\n")
          .filter((l) => !l.startsWith("~ ")).length,
        c,
      ).toBe(items.length + 1);
    }
    // twelve runs of the program
  }, 120_000);

  it("events --route ID: the events about a route", async () => {
    const r = await run(["events", "--route", "fx-river-run", "--data", goodDir, "--json"]);
    expect(JSON.parse(r.stdout).map((e: { id: string }) => e.id)).toEqual(["fx-barges-freed"]);
  });

  it("filters combine; --limit cuts", async () => {
    const r = await run(["places", "--country", "lt", "--kind", "port", "--data", goodDir, "--json"]);
    const ids = JSON.parse(r.stdout).map((p: { id: string }) => p.id);
    expect(ids).toContain("fx-upper-wharf");
    for (const p of JSON.parse(r.stdout)) expect(p).toMatchObject({ country: "LT", kind: "port" });
    const two = JSON.parse((await run(["actors", "--limit", "2", "--json"])).stdout);
    expect(two).toHaveLength(2);
  });

  it("the memo case: validate counts its statements; show lists the datasets of the merged event", async () => {
    const memo = path.resolve(app, "../../packages/dataset/fixtures/my-memo");
    const v = await run(["validate", memo]);
    expect(v.code, v.stderr).toBe(0);
    expect(v.stdout).toContain("statements: 1 merged by same-as, values added to 3 entities, 0 disputes");
    const text = await run(["show", "release-2025-09", "--data", memo]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(
      /Datasets \(2\)\n {2}built-in {2}defines it\n {2}my-memo {2}added 3 values: /,
    );
    expect(text.stdout).toContain("also recorded as memo-september-release (merged by same-as)");
    // the memo's own id finds the merged event, and JSON carries the same provenance
    const j = JSON.parse((await run(["show", "memo-september-release", "--data", memo, "--json"])).stdout);
    expect(j.entity.id).toBe("release-2025-09");
    expect(j.provenance).toMatchObject({
      datasets: ["built-in", "my-memo"],
      mergedFrom: ["memo-september-release"],
    });
    // a description in another language the memo added to the built-in deal
    const deal = await run(["show", "deal-2025-09-belavia", "--data", memo]);
    expect(deal.stdout).toContain("ru: Сентябрьская сделка 2025 года");
    expect(deal.stdout).toContain("my-memo  added 2 values: citations.2, translations.0");
    // without the memo: no datasets section
    const plain = await run(["show", "release-2025-09"]);
    expect(plain.stdout).not.toContain("Datasets (");
  });

  it("show marks each value the memo added where it is listed, and each side of a dispute with its dataset", async () => {
    const memo = path.resolve(app, "../../packages/dataset/fixtures/my-memo");
    const text = (await run(["show", "release-2025-09", "--data", memo])).stdout;
    const figures = text.slice(
      text.indexOf("\nFigures\n"),
      text.indexOf("\n\n", text.indexOf("\nFigures\n") + 1),
    );
    const marked = figures.split("\n").filter((l) => l.endsWith("  from my-memo"));
    expect(marked).toEqual([
      "  52 people — prisoners released  from my-memo",
      "  14 people — foreign nationals among those released  from my-memo",
    ]);
    // the built-in figures carry no mark: they are the event's own
    expect(figures.split("\n").filter((l) => /^ {2}\d/.test(l)).length).toBeGreaterThan(marked.length);
    const citations = text.slice(text.indexOf("\nCitations\n"), text.indexOf("\nDatasets ("));
    expect(citations.split("\n").filter((l) => l.includes("from my-memo"))).toEqual([
      "  › my-memo ¶2 [24–43]  from my-memo  [my-memo]",
    ]);
    expect(citations.split("\n").filter((l) => l.startsWith("  › ")).length).toBeGreaterThan(1);
    const deal = (await run(["show", "deal-2025-09-belavia", "--data", memo])).stdout;
    expect(deal).toMatch(/ru: Сентябрьская сделка[\s\S]*\(from my-memo\)/);
    // without the memo, no marks at all
    expect((await run(["show", "release-2025-09"])).stdout).not.toContain("from my-memo");

    // a dispute on the date: the built-in value kept, the memo's beside it, each with its dataset
    const work = mkdtempSync(path.join(tmpdir(), "dealmap-dispute-"));
    try {
      const dir = path.join(work, "my-memo");
      cpSync(memo, dir, { recursive: true });
      writeFileSync(
        path.join(dir, "statements", "dispute.yaml"),
        "- about: release-2025-09\n  dispute:\n    field: date\n    value: 2025-09-10\n    citations: [{ source: my-memo, quote: In September }]\n",
      );
      const r = await run(["show", "release-2025-09", "--data", dir]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(
        "  date disputed: built-in gives 2025-09-11 (kept)\n    my-memo gives 2025-09-10\n",
      );
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it("export --dataset writes one dataset apart, and its jsonl directory loads back the same merge", async () => {
    const memo = path.resolve(app, "../../packages/dataset/fixtures/my-memo");
    const j = JSON.parse(
      (await run(["export", "--format", "json", "--dataset", "my-memo", "--data", memo])).stdout,
    );
    expect(j.events.map((e: { id: string }) => e.id)).toEqual(["memo-september-release"]);
    expect(j.statements).toHaveLength(4);
    const builtin = JSON.parse(
      (await run(["export", "--format", "json", "--dataset", "built-in", "--data", memo])).stdout,
    );
    expect(builtin.statements).toEqual([]);
    expect(JSON.stringify(builtin)).not.toContain("my-memo");
    const work = mkdtempSync(path.join(tmpdir(), "dealmap-export-part-"));
    try {
      const out = path.join(work, "memo-again");
      const w = await run([
        "export",
        "--format",
        "jsonl",
        "--dataset",
        "my-memo",
        "--data",
        memo,
        "--out",
        out,
      ]);
      expect(w.code, w.stderr).toBe(0);
      const v = await run(["validate", out]);
      expect(v.code, v.stdout + v.stderr).toBe(0);
      expect(v.stdout).toContain("statements: 1 merged by same-as, values added to 3 entities");
      const bad = await run(["export", "--format", "json", "--dataset", "nope", "--data", memo]);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('no dataset "nope": the datasets loaded are "built-in", "my-memo"');
      const csv = await run(["export", "--format", "csv", "--dataset", "my-memo", "--out", out]);
      expect(csv.code).toBe(2);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it("show ID --json: { kind, entity, detail } for any kind", async () => {
    for (const [id, kind] of [
      ["fx-barges-freed", "event"],
      ["fx-upland", "actor"],
      ["fx-upper-wharf", "place"],
      ["fx-river-run", "route"],
      ["fx-barges-for-tolls", "deal"],
      ["fx-bulletin", "source"],
      ["fx-vell-member", "relation"],
      ["fx-tolls-doubt", "assessment"],
    ] as const) {
      const r = await run(["show", id, "--data", goodDir, "--json"]);
      expect(r.code, id).toBe(0);
      const j = JSON.parse(r.stdout);
      expect(j.kind).toBe(kind);
      expect(j.entity.id).toBe(id);
    }
    const ev = JSON.parse((await run(["show", "fx-barges-freed", "--data", goodDir, "--json"])).stdout);
    expect(ev.detail.participants.map((p: { actor: { name: string } }) => p.actor.name)).toEqual([
      "Upland",
      "River League",
    ]);
  });

  it("show of a relation names both ends", async () => {
    const r = await run(["show", "fx-vell-member", "--data", goodDir]);
    expect(r.stdout.split("\n")[0]).toBe("Mara Vell member of River League");
    expect(r.stdout).toContain("› River League  [fx-river-league]");
  });

  it("show ID: a readable profile with links and citations", async () => {
    const r = await run(["show", "fx-river-run", "--data", goodDir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("River run to the lower wharf");
    expect(r.stdout).toContain("1. Upper Wharf → Lower Wharf  river  210 km");
    expect(r.stdout).toContain("Blocked by: Upland kept the barges in port.");
    expect(r.stdout).toContain("› fx-bulletin ¶6  [fx-bulletin]");
  });

  it("show of an unknown id: exit 1, a message and suggestions, no stdout", async () => {
    const r = await run(["show", "fx-upper-wharff", "--data", goodDir, "--json"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain('no entity with id "fx-upper-wharff"');
    expect(r.stderr).toContain("fx-upper-wharf (place)");
  });

  it("search QUERY --json: ranked hits; other spellings find the same actor", async () => {
    const r = await run(["search", "Oberland", "--data", goodDir, "--json"]);
    expect(r.code).toBe(0);
    const hits = JSON.parse(r.stdout);
    expect(hits[0]).toMatchObject({ kind: "actor", id: "fx-upland" });
    const table = await run(["search", "oberland", "--data", goodDir]);
    expect(table.stdout).toMatch(/actor\s+fx-upland\s+Upland\s+Oberland/);
  });

  it("routes compare --cargo freight: every freight route side by side", async () => {
    const r = await run([
      "routes",
      "compare",
      "--cargo",
      "freight",
      "--at",
      "2025-12",
      "--data",
      goodDir,
      "--json",
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.cargo).toBe("freight");
    const ids = j.rows.map((x: { id: string }) => x.id);
    expect(ids).toEqual(expect.arrayContaining(["fx-river-run", "fx-road-detour"]));
    const t = await run(["routes", "compare", "--cargo", "freight", "--at", "2025-12", "--data", goodDir]);
    expect(t.stdout).toMatch(/fx-river-run\s+open\s+210/);
  });

  it("path FROM TO: the chain of ties, as text and JSON", async () => {
    const r = await run(["path", "fx-mara-vell", "fx-upland", "--data", goodDir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        "Mara Vell → Upland: 2 steps",
        "  Mara Vell  → member-of →  River League  (from 2024 ~)",
        "  River League  ↔ negotiates-with ↔  Upland",
        "",
      ].join("\n"),
    );
    const j = JSON.parse(
      (await run(["path", "fx-upland", "fx-mara-vell", "--data", goodDir, "--json"])).stdout,
    );
    expect(j.found).toBe(true);
    expect(j.steps.map((s: { edge: { type: string } }) => s.edge.type)).toEqual([
      "negotiates-with",
      "member-of",
    ]);
    const unknown = await run(["path", "fx-upland", "nobody-here", "--data", goodDir]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no actor with id "nobody-here"');
  });

  it("routes --at DATE: each route's status at that date", async () => {
    const before = JSON.parse((await run(["routes", "--at", "2025-06", "--data", goodDir, "--json"])).stdout);
    const after = JSON.parse((await run(["routes", "--at", "2025-12", "--data", goodDir, "--json"])).stdout);
    const status = (xs: { route: { id: string }; status: string }[]) =>
      xs.find((x) => x.route.id === "fx-river-run")?.status;
    expect(status(before)).toBe("blocked");
    expect(status(after)).toBe("open");
  });

  it("routes compare --cargo potash works on the built-in data", async () => {
    const r = await run(["routes", "compare", "--cargo", "potash", "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.rows.length).toBeGreaterThan(1);
    for (const row of j.rows) expect(row.cargo).toBe("potash");
  });

  it("stats: counts, citations per paragraph, single-citation entities", async () => {
    const r = await run(["stats", "--data", goodDir, "--json"]);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    const bulletin = s.paragraphs.find((p: { source: string }) => p.source === "fx-bulletin");
    expect(bulletin.paragraphs).toBe(6);
    expect(bulletin.citations).toHaveLength(6);
    expect(bulletin.uncited).toEqual([]);
    const single = s.singleCitation.map((x: { id: string }) => x.id);
    // Mara Vell is backed by ¶1 only; the River League by ¶2 and ¶3
    expect(single).toContain("fx-mara-vell");
    expect(single).not.toContain("fx-river-league");
    const text = await run(["stats", "--data", goodDir]);
    expect(text.stdout).toContain("Citations per paragraph of fx-bulletin");
    expect(text.stdout).toMatch(/actor\s+fx-mara-vell\s+fx-bulletin ¶1/);
  });
});

describe("data the loader refuses, through the cached commands", () => {
  it("a broken link or --data / is a problem list and exit 1, not a stack trace", async () => {
    const work = mkdtempSync(path.join(tmpdir(), "dealmap-refused-"));
    try {
      const data = path.join(work, "data");
      cpSync(goodDir, data, { recursive: true });
      symlinkSync(path.join(work, "nowhere.yaml"), path.join(data, "actors", "gone.yaml"));
      const env = { XDG_CACHE_HOME: path.join(work, "cache") };
      for (const args of [
        ["stats", "--data", data],
        ["actors", "--data", data, "--json"],
        ["show", "fx-mara-vell", "--data", data],
      ]) {
        const r = await run(args, { env });
        expect(r.code, args.join(" ")).toBe(1);
        expect(r.stderr).toContain("actors/gone.yaml");
        expect(r.stderr).not.toMatch(/\n\s+at |unexpected error/);
      }
      const root = await run(["stats", "--data", "/"], { env });
      expect(root.code).toBe(1);
      expect(root.stderr).toContain("the filesystem root is not a data directory");
      expect(root.stderr).not.toMatch(/\n\s+at |unexpected error/);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

describe("the validated-data cache", () => {
  it("answers from the cache, and sees every edit of a data file at once", async () => {
    const work = mkdtempSync(path.join(tmpdir(), "dealmap-cache-test-"));
    try {
      const data = path.join(work, "data");
      cpSync(goodDir, data, { recursive: true });
      const env = { XDG_CACHE_HOME: path.join(work, "cache") };
      const name = async () => {
        const r = await run(["show", "fx-mara-vell", "--data", data, "--json"], { env });
        return {
          code: r.code,
          name: r.code === 0 ? JSON.parse(r.stdout).entity.name : undefined,
          err: r.stderr,
        };
      };
      expect((await name()).name).toBe("Mara Vell");
      const cached = readdirSync(path.join(work, "cache", "dealmap"));
      expect(cached).toHaveLength(1);
      expect((await name()).name).toBe("Mara Vell");
      const file = path.join(data, "actors", "fx-actors.yaml");
      writeFileSync(file, readFileSync(file, "utf8").replace("name: Mara Vell", "name: Mara Vellington"));
      expect((await name()).name).toBe("Mara Vellington");
      // a broken edit is reported, never answered from an older snapshot
      writeFileSync(file, readFileSync(file, "utf8").replace("kind: person", "kind: wizard"));
      const broken = await name();
      expect(broken.code).toBe(1);
      expect(broken.err).toContain("fx-actors.yaml");
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

describe("--api URL", () => {
  let server: ReturnType<typeof createHTTPServer> | undefined;
  let url = "";
  beforeAll(async () => {
    server = createHTTPServer({
      router: appRouter,
      basePath: "/trpc/",
      createContext: () => createContextInner(),
    });
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", () => resolve()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server?.close();
  });

  it("reads the same data from a running server as in-process", async () => {
    const remote = await run(["--api", url, "actors", "--json"]);
    expect(remote.code, remote.stderr).toBe(0);
    const local = await run(["actors", "--json"]);
    expect(JSON.parse(remote.stdout)).toEqual(JSON.parse(local.stdout));
    const show = await run(["show", "john-coale", "--api", url, "--json"]);
    expect(JSON.parse(show.stdout).kind).toBe("actor");
    const missing = await run(["show", "no-such-thing", "--api", url]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no entity with id "no-such-thing"');
  });

  it("an unreachable server: a clear message and exit 1", async () => {
    const r = await run(["events", "--api", "http://127.0.0.1:9", "--json"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("cannot reach the Dealmap API at http://127.0.0.1:9");
  });
});

describe("the examples in --help", () => {
  /** Exit codes other than 0 that the help texts document for an example. */
  const EXPECTED: Record<string, number> = {
    // the explorer needs a terminal: without one it says so, exit 2 (tmux.test.ts runs it in one)
    dealmap: 2,
  };

  /** The lines under "Examples" in a help text. */
  const examplesOf = (help: string): string[] => {
    const lines = help.split("\n");
    const at = lines.indexOf("Examples");
    return lines
      .slice(at + 1)
      .filter((l) => l.startsWith("  "))
      .map((l) => l.trim());
  };

  it("every example of `dealmap --help` and of each command's --help runs: exit 0 (or as documented)", async () => {
    const work = mkdtempSync(path.join(tmpdir(), "dealmap-examples-"));
    try {
      // `dealmap` on the PATH is the built program; ./mydata is a valid directory of user data
      const bin = path.join(work, "bin");
      mkdirSync(bin);
      writeFileSync(path.join(bin, "dealmap"), `#!/bin/sh\nexec '${process.execPath}' '${cli}' "$@"\n`, {
        mode: 0o755,
      });
      cpSync(goodDir, path.join(work, "mydata"), { recursive: true });
      // the files the import examples name: the importers' test fixtures
      const fixtures = path.resolve(app, "../../packages/dataset/test/fixtures");
      for (const [from, to] of [
        ["gdelt/events.csv", "events.export.CSV"],
        ["gdelt/mentions.csv", "mentions.CSV"],
        ["ftm/zala.ftm.jsonl", "entities.ftm.json"],
        ["csv/events.csv", "events.csv"],
        ["csv/actors.csv", "actors.csv"],
      ] as const)
        cpSync(path.join(fixtures, from), path.join(work, to));
      const helps = [await run(["--help"])];
      for (const c of COMMANDS) helps.push(await run([...c.name.split(" "), "--help"]));
      const examples = helps.flatMap((h) => examplesOf(h.stdout));
      expect(examples.length).toBeGreaterThan(COMMANDS.length * 2);
      for (const example of examples) {
        const r = await shell(example, {
          cwd: work,
          env: { PATH: `${bin}:${process.env.PATH ?? ""}`, XDG_CACHE_HOME: path.join(work, "cache") },
        });
        const expected = EXPECTED[example] ?? 0;
        expect(r.code, `${example}\n${r.stderr}`).toBe(expected);
        // a jq path that finds nothing prints null: the example would show nothing useful
        if (expected === 0) expect(r.stdout.trim(), example).not.toBe("null");
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 300_000); // a run of the program per example: 170 s measured with the whole suite sharing the machine
});

describe("control characters from data, files and arguments never reach the terminal raw", () => {
  let work = "";
  let data = "";
  let bad = "";
  let evilFile: string | undefined;
  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), "dealmap-controls-"));
    data = path.join(work, "data");
    bad = path.join(work, "bad");
    writeHostileData(data);
    evilFile = writeHostileProblems(bad);
  });
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  const clean = (r: Run, what: string) => {
    expect(r.stdout, `${what}: stdout`).not.toMatch(RAW_CONTROL);
    expect(r.stderr, `${what}: stderr`).not.toMatch(RAW_CONTROL);
  };

  it("show, actors and search print the name with its controls made visible", async () => {
    for (const args of [["show", "cc-mallory"], ["actors"], ["search", "mallory"]]) {
      const r = await run([...args, "--data", data]);
      expect(r.code, r.stderr).toBe(0);
      clean(r, args[0] ?? "");
      expect(r.stdout, args[0]).toContain("^[]0;pwned^G");
    }
    const show = await run(["show", "cc-mallory", "--data", data]);
    expect(show.stdout).toContain(HOSTILE.shownName);
    expect(show.stdout).toContain("<U+009B>2J and ^? too.");
  });

  it("--json keeps the exact strings (escaped by JSON, so still nothing raw on the terminal)", async () => {
    const show = await run(["show", "cc-mallory", "--data", data, "--json"]);
    clean(show, "show --json");
    const j = JSON.parse(show.stdout);
    expect(j.entity.name).toBe(HOSTILE.name);
    expect(j.entity.description).toBe(HOSTILE.description);
    const actors = await run(["actors", "--data", data, "--json"]);
    clean(actors, "actors --json");
    expect(JSON.parse(actors.stdout).find((a: { id: string }) => a.id === "cc-mallory").name).toBe(
      HOSTILE.name,
    );
    const search = await run(["search", "mallory", "--data", data, "--json"]);
    clean(search, "search --json");
    expect(JSON.parse(search.stdout)[0].label).toBe(HOSTILE.name);
  });

  it("validate: unknown fields and file names in problems are made visible; --json keeps them exact", async () => {
    const r = await run(["validate", bad, "--alone"]);
    expect(r.code).toBe(1);
    clean(r, "validate");
    expect(r.stdout).toContain('unknown field "^[]0;key^Gcolour"');
    if (evilFile) expect(r.stdout).toContain("evil^[]0;file^G.yaml");
    const j = await run(["validate", bad, "--alone", "--json"]);
    clean(j, "validate --json");
    const problems = JSON.parse(j.stdout).problems as { file: string; message: string }[];
    expect(problems.some((p) => p.message.includes("\u001B]0;key\u0007colour"))).toBe(true);
    if (evilFile) expect(problems.some((p) => p.file.endsWith(evilFile ?? ""))).toBe(true);
  });

  it("arguments echoed in messages are made visible too", async () => {
    const search = await run(["search", "\u001B[2Jzzqqxx", "--data", data]);
    clean(search, "search");
    expect(search.stderr).toContain('nothing matches "^[[2Jzzqqxx"');
    const show = await run(["show", "x\u001B]0;t\u0007"]);
    expect(show.code).toBe(2);
    clean(show, "show");
    expect(show.stderr).toContain('"x^[]0;t^G" is not an id');
    const unknown = await run(["evnts\u001B[2J"]);
    expect(unknown.code).toBe(2);
    clean(unknown, "unknown command");
  });
});

describe("a 100 000-character argument: one line naming the argument and its limit, exit 2", () => {
  const long = "a".repeat(100_000);
  const cases: [string[], string][] = [
    [["search", long], "dealmap: QUERY is too long: 100000 characters, at most 200"],
    [["show", long], "dealmap: ID is too long: 100000 characters, at most 80"],
    [["events", "--actor", long, "--json"], "dealmap: --actor is too long: 100000 characters, at most 80"],
    [["show", long.toUpperCase()], `dealmap: "${"A".repeat(60)}…" (100000 characters) is not an id`],
  ];
  for (const [args, first] of cases) {
    it(`dealmap ${args.map((a) => (a.length > 20 ? `<${a.length} characters>` : a)).join(" ")}`, async () => {
      const r = await run(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      const lines = r.stderr.split("\n");
      expect(lines[0]?.startsWith(first), lines[0]?.slice(0, 300)).toBe(true);
      // the message, a blank line and the usage: nothing echoes the whole argument
      expect(r.stderr.length).toBeLessThan(1000);
      expect(lines[2]).toMatch(/^Usage: dealmap /);
    });
  }
});

describe("the memo walkthrough of packages/dataset/README.md: new source, cite, validate --passages", () => {
  // A memo of our own, laid out as the README's my-memo/: a title line, then one paragraph.
  const TITLE = "Notes on the prisoner release of September 2025.";
  const BODY =
    "During September 2025 the authorities in Minsk freed 52 detainees, among them 14 citizens of other countries. Washington answered by relaxing its sanctions on Belavia, the national carrier.";
  const TEXT = `${TITLE}\n\n${BODY}\n`;
  const PHRASE = "freed 52 detainees";
  const at = BODY.indexOf(PHRASE);
  const SPAN = `[${at}, ${at + PHRASE.length}]`;
  const sha = (t: string) => createHash("sha256").update(t).digest("hex");

  let work = "";
  let n = 0;
  /** A my-memo/ directory under `work`; each part can be replaced by a bad one. */
  const memo = (opts: { source?: string; citation?: string; text?: string } = {}) => {
    const name = n === 0 ? "my-memo" : `my-memo-${n}`;
    n++;
    const dir = path.join(work, name);
    for (const sub of ["sources", "texts", "events"]) mkdirSync(path.join(dir, sub), { recursive: true });
    writeFileSync(
      path.join(dir, "sources", "memo.yaml"),
      `- id: my-memo\n  kind: other\n  title: My memo\n  publisher: Me\n  language: en\n${opts.source ?? ""}`,
    );
    writeFileSync(path.join(dir, "texts", "my-memo.txt"), opts.text ?? TEXT);
    writeFileSync(
      path.join(dir, "events", "release.yaml"),
      [
        "- id: memo-release",
        "  kind: release",
        "  title: Release of 52 detainees",
        "  summary: Minsk freed 52 detainees and Washington relaxed its Belavia sanctions.",
        "  date: 2025-09",
        "  status: occurred",
        "  citations:",
        opts.citation ?? `    - source: my-memo\n      quote: ${PHRASE}`,
        "",
      ].join("\n"),
    );
    return name;
  };
  let good = "";
  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), "dealmap-memo-"));
    good = memo();
  });
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });
  const inWork = (args: string[]) => run(args, { cwd: work });

  it("new source FILE prints the file's SHA-256 and paragraph count", async () => {
    const r = await inWork(["new", "source", `${good}/texts/my-memo.txt`]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("- id: my-memo\n");
    expect(r.stdout).toContain(`  textSha256: ${sha(TEXT)}\n`);
    expect(r.stdout).toContain("  paragraphs: 2\n");
  });

  it("cite SOURCE PHRASE --data DIR: the paragraph, the span, and the YAML to paste; exit 0", async () => {
    const r = await inWork(["cite", "my-memo", PHRASE, "--data", good]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe(`paragraph 2, span ${SPAN}`);
    expect(lines[1]).toContain(`[${PHRASE}]`);
    expect(r.stdout).toContain(`- source: my-memo\n  quote: "${PHRASE}"\n`);
    expect(r.stdout).toContain(`- source: my-memo\n  paragraph: 2\n  span: ${SPAN}\n`);
  });

  it("cite with a phrase the text does not hold: exit 1, the closest passages", async () => {
    const r = await inWork(["cite", "my-memo", "freed 60 detainees", "--data", good]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain('"freed 60 detainees" is not in "my-memo"');
    expect(r.stderr).toContain("closest passages:");
    expect(r.stderr).toMatch(/^ {2}paragraph 2 \[\d+, \d+\]: .*freed 52 detainees/m);
  });

  it("cite with a phrase that occurs twice: exit 1, each occurrence listed; a prefix picks one", async () => {
    const r = await inWork(["cite", "my-memo", "2025", "--data", good]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain('"2025" occurs 2 times in "my-memo"');
    const first = TITLE.indexOf("2025");
    const second = BODY.indexOf("2025");
    expect(r.stderr).toContain(`  paragraph 1 [${first}, ${first + 4}]: `);
    expect(r.stderr).toContain(`  paragraph 2 [${second}, ${second + 4}]: `);
    const picked = await inWork(["cite", "my-memo", "2025", "--prefix", "During September", "--data", good]);
    expect(picked.code, picked.stderr).toBe(0);
    expect(picked.stdout.split("\n")[0]).toBe(`paragraph 2, span [${second}, ${second + 4}]`);
  });

  it("validate DIR: exit 0; --passages prints each cited passage beside its claim", async () => {
    const r = await inWork(["validate", good]);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain(`${good} is valid: 1 source, 0 actors, 0 places, 1 event`);
    const p = await inWork(["validate", good, "--passages"]);
    expect(p.code, p.stdout).toBe(0);
    expect(p.stdout).toContain(
      `event memo-release  citations[0]  my-memo paragraph 2 ${SPAN}\n  "${PHRASE}"\n`,
    );
  });

  it("a changed text: the hash recorded differs, exit 1 naming texts/my-memo.txt (the same hash on the unchanged text passes)", async () => {
    const recorded = `  textSha256: ${sha(TEXT)}\n  paragraphs: 2\n`;
    const same = await inWork(["validate", memo({ source: recorded })]);
    expect(same.code, same.stdout).toBe(0);
    const changed = memo({ source: recorded, text: TEXT.replace("52", "53") });
    const r = await inWork(["validate", changed]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      new RegExp(
        `^${changed}/sources/memo\\.yaml:\\d+:\\d+ {2}\\[0\\]\\.textSha256 {2}differs .*texts/my-memo\\.txt`,
        "m",
      ),
    );
  });

  it("a span past the end of its paragraph: exit 1 (a span inside it passes)", async () => {
    const locator = (span: string) => `    - source: my-memo\n      paragraph: 2\n      span: ${span}`;
    const inside = await inWork(["validate", memo({ citation: locator(SPAN) })]);
    expect(inside.code, inside.stdout).toBe(0);
    const past = memo({ citation: locator("[10, 9999]") });
    const r = await inWork(["validate", past]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${past}/events/release.yaml:`);
    expect(r.stdout).toContain('span [10, 9999] runs past the end of paragraph 2 of "my-memo"');
  });

  it("a quote the text does not hold: exit 1, never guessed (the right quote passes, above)", async () => {
    const missing = memo({ citation: "    - source: my-memo\n      quote: freed 53 detainees" });
    const r = await inWork(["validate", missing]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      new RegExp(
        `^${missing}/events/release\\.yaml:\\d+:\\d+ {2}\\[0\\]\\.citations\\[0\\]\\.quote {2}quote not found in "my-memo"`,
        "m",
      ),
    );
  });

  it("under `pnpm dealmap` relative DIRs resolve from INIT_CWD; an INIT_CWD handed down by another script is ignored", async () => {
    // run from apps/cli, as pnpm runs the script from the package directory
    const asPnpm = { INIT_CWD: work, npm_lifecycle_event: "dealmap" };
    const ours = await run(["cite", "my-memo", PHRASE, "--data", good], { env: asPnpm });
    expect(ours.code, ours.stderr).toBe(0);
    // DEALMAP_SOURCES too: the text found by its name in a relative texts directory
    const sources = await run(["cite", "my-memo", PHRASE], {
      env: { ...asPnpm, DEALMAP_SOURCES: `${good}/texts` },
    });
    expect(sources.code, sources.stderr).toBe(0);
    expect(sources.stdout.split("\n")[0]).toBe(`paragraph 2, span ${SPAN}`);
    const other = await run(["validate", good], { env: { ...asPnpm, npm_lifecycle_event: "test" } });
    expect(other.code).toBe(1);
    expect(other.stderr).toContain("not found");
  });
});

describe("stdout closed early (`dealmap … | head -1`)", () => {
  it("every command stops quietly: exit 0, nothing on stderr", async () => {
    const work = mkdtempSync(path.join(tmpdir(), "dealmap-epipe-"));
    try {
      writeFileSync(path.join(work, "memo.txt"), "A title.\n\nA paragraph of our own.\n");
      const dealmap = `'${process.execPath}' '${cli}'`;
      for (const line of [
        // output well past a pipe's 64 KiB: head has gone before the rest is written
        `${dealmap} export --format json | head -1`,
        `${dealmap} events --json | head -1`,
        // one short write fits the pipe, so close it before anything is written
        `${dealmap} new source memo.txt | head -n 0`,
      ]) {
        const r = await shell(line, { cwd: work, env: {} });
        expect(r.stderr, line).toBe("");
        expect(r.code, line).toBe(0);
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

/** Run a shell command line (with pipes) as a user would, failing if any part of a pipe fails. */
function shell(line: string, opts: { cwd: string; env: Record<string, string> }): Promise<Run> {
  return collect("bash", ["-o", "pipefail", "-c", line], opts.cwd, opts.env);
}

/** A small RFC 4180 reader for the test (quoted cells may hold commas, quotes, newlines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  if (cell !== "" || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
