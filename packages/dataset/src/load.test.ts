import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { formatProblem, type LoadResult, loadDataset } from "./load.ts";

const fixturesAbs = fileURLToPath(new URL("../fixtures", import.meta.url));
/** How the loader names fixture files: relative to the working directory when inside it. */
const rel = path.relative(process.cwd(), fixturesAbs);
const F = rel.startsWith("..") || path.isAbsolute(rel) ? fixturesAbs : rel.split(path.sep).join("/");
const good = path.join(fixturesAbs, "good");
const bad = (name: string) => path.join(fixturesAbs, "bad", name);

function lines(result: LoadResult): string[] {
  if (result.ok) throw new Error("expected problems, but the data loaded");
  return result.problems.map(formatProblem);
}

describe("loadDataset: good data", () => {
  it("loads a good directory of YAML and JSON files", () => {
    const r = loadDataset(good);
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join("\n"));
    expect(r.dataset.sources.map((s) => s.id)).toEqual(["harbour-gazette"]);
    // actors/people.yaml sorts before actors/states.json
    expect(r.dataset.actors.map((a) => a.id)).toEqual(["ada-north", "republic-of-east"]);
    expect(r.dataset.places.map((p) => p.id)).toEqual(["port-alpha", "inland-junction"]);
    expect(r.dataset.events.map((e) => e.id)).toEqual(["harbour-talks"]);
    expect(r.dataset.routes[0]?.legs[0]).toEqual({ from: "inland-junction", to: "port-alpha", mode: "rail" });
    // defaults from the schemas are applied
    expect(r.dataset.relations).toEqual([]);
    expect(r.dataset.actors[1]?.aliases).toEqual([]);
    // README.md files and dotfiles are skipped; files come in sorted path order
    expect(r.files).toEqual([
      `${F}/good/actors/people.yaml`,
      `${F}/good/actors/states.json`,
      `${F}/good/events/talks.yaml`,
      `${F}/good/places/ports.yaml`,
      `${F}/good/routes/rail.yaml`,
      `${F}/good/sources/reports.yaml`,
    ]);
  });

  it("locates an entity and any of its fields, in YAML and in JSON", () => {
    const r = loadDataset(good);
    if (!r.ok) throw new Error("good fixture failed");
    expect(r.locate("harbour-talks")).toEqual({ file: `${F}/good/events/talks.yaml`, line: 1, col: 3 });
    expect(r.locate("harbour-talks", ["participants", 1, "actor"])).toEqual({
      file: `${F}/good/events/talks.yaml`,
      line: 10,
      col: 14,
    });
    expect(r.locate("republic-of-east", ["citations", 0, "paragraph"])).toEqual({
      file: `${F}/good/actors/states.json`,
      line: 7,
      col: 63,
    });
    expect(r.locate("no-such-id")).toBeUndefined();
  });

  it("gives every empty list as one shared frozen array: a loaded dataset is read-only", () => {
    const r = loadDataset(good);
    if (!r.ok) throw new Error("good fixture failed");
    const links = r.dataset.events[0]?.links as unknown[];
    expect(links).toEqual([]);
    expect(links).toBe(r.dataset.actors[1]?.aliases);
    expect(Object.isFrozen(links)).toBe(true);
    expect(() => links.push("x")).toThrow(TypeError);
  });

  it("merges two good directories (the second refers to the first)", () => {
    const r = loadDataset([good, path.join(fixturesAbs, "extra")]);
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join("\n"));
    expect(r.dataset.actors.map((a) => a.id)).toEqual(["ada-north", "republic-of-east", "ben-south"]);
    expect(r.dataset.events.map((e) => e.id)).toEqual(["harbour-talks", "follow-up-call"]);
    expect(r.files.slice(-2)).toEqual([
      `${F}/extra/actors/more.yml`,
      `${F}/extra/events/2026/follow-up.yaml`,
    ]);
    expect(r.locate("follow-up-call", ["links", 0, "event"])?.file).toBe(
      `${F}/extra/events/2026/follow-up.yaml`,
    );
  });

  it("follows symbolic links to collection folders kept inside the directory", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "dealmap-links-"));
    try {
      // the real folders live in a hidden store inside the data directory
      for (const kind of ["sources", "actors", "places"]) {
        cpSync(path.join(good, kind), path.join(dir, ".store", kind), { recursive: true });
        symlinkSync(path.join(dir, ".store", kind), path.join(dir, kind));
      }
      const r = loadDataset(dir);
      if (!r.ok) throw new Error(r.problems.map(formatProblem).join("\n"));
      expect(r.dataset.places.map((p) => p.id)).toEqual(["port-alpha", "inland-junction"]);
      expect(r.files).toContain(`${dir}/places/ports.yaml`);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it("treats an empty directory as an empty dataset, and a missing one as a problem", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "dealmap-empty-"));
    try {
      const r = loadDataset(dir);
      expect(r.ok && r.dataset.events.length === 0 && r.files.length === 0).toBe(true);
      const missing = path.join(dir, "nope");
      expect(lines(loadDataset(missing))).toEqual([`${missing}:1:1  -  data directory not found`]);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});

describe("loadDataset: bad input gives a clear error and no dataset", () => {
  const cases: [string, string[]][] = [
    [
      "malformed-yaml",
      [
        `${F}/bad/malformed-yaml/events/broken.yaml:4:3  -  invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]`,
      ],
    ],
    [
      "wrong-type",
      [
        `${F}/bad/wrong-type/places/wrong-type.yaml:5:10  [0].coordinates.lat  Invalid input: expected number, received string — place "port-beta"`,
      ],
    ],
    [
      "json-wrong-type",
      [
        `${F}/bad/json-wrong-type/places/port.json:6:42  [0].coordinates.lon  Invalid input: expected number, received string — place "port-gamma"`,
      ],
    ],
    [
      "unknown-field",
      [
        `${F}/bad/unknown-field/actors/unknown-field.yaml:5:3  [0].nickname  unknown field "nickname" — actor "cara-west"`,
      ],
    ],
    [
      "dangling-reference",
      [
        `${F}/bad/dangling-reference/events/dangling.yaml:10:14  [0].participants[1].actor  unknown actor "nobody-at-all" — event "unattended-meeting"`,
      ],
    ],
    [
      "bad-date",
      [
        `${F}/bad/bad-date/events/bad-date.yaml:5:9  [0].date  "2025-13-40" has no month 13 — event "impossible-day"`,
      ],
    ],
    [
      "reversed-range",
      [
        `${F}/bad/reversed-range/routes/reversed.yaml:12:13  [0].statuses[0].when  "2025-12/2025-01" is a reversed range: it ends before it starts — route "backwards-corridor"`,
      ],
    ],
    [
      "empty-name",
      [
        `${F}/bad/empty-name/actors/empty-name.yaml:3:9  [0].name  must not be empty — actor "nameless-office"`,
      ],
    ],
    [
      "duplicate-ids",
      [
        `${F}/bad/duplicate-ids/actors/more/second.yaml:2:7  [0].id  duplicate id "dana-east": already used by the actor at ${F}/bad/duplicate-ids/actors/first.yaml:1:7`,
      ],
    ],
    [
      "clash-with-good",
      [
        `${F}/bad/clash-with-good/actors/ada.yaml:1:7  [0].id  duplicate id "ada-north": already used by the actor at ${F}/good/actors/people.yaml:1:7`,
      ],
    ],
    [
      "paragraph-99",
      [
        `${F}/bad/paragraph-99/events/far-citation.yaml:11:18  [0].citations[1].paragraph  paragraph 99 is past the end of "harbour-gazette" (24 paragraphs) — event "overreaching-claim"`,
      ],
    ],
    [
      "unknown-folder",
      [
        `${F}/bad/unknown-folder/people/someone.yaml:1:1  -  unknown folder "people": a data directory holds only the folders sources, actors, places, events, routes, relations, deals, assessments, statements and texts`,
      ],
    ],
    [
      "top-level-file",
      [
        `${F}/bad/top-level-file/actors.yaml:1:1  -  file outside a collection folder: put it in one of sources, actors, places, events, routes, relations, deals, assessments (only .jsonl files, whose lines name their collection, sit at the top; source texts go in texts/<source-id>.txt, or in the folder named by DEALMAP_SOURCES)`,
      ],
    ],
    [
      "stray-file",
      [
        `${F}/bad/stray-file/actors/notes.txt:1:1  -  not a data file: files in a collection folder end in .yaml, .yml, .json or .jsonl (source texts go in texts/<source-id>.txt, or in the folder named by DEALMAP_SOURCES)`,
      ],
    ],
    [
      "malformed-duplicate-key",
      [
        `${F}/bad/malformed-duplicate-key/actors/twice.yaml:5:3  -  field "kind" appears twice in the same mapping`,
      ],
    ],
    [
      "malformed-tab",
      [
        `${F}/bad/malformed-tab/events/tab.yaml:3:2  -  invalid YAML: this line is indented with a tab; YAML indents with spaces`,
      ],
    ],
    [
      "entry-shapes",
      [
        `${F}/bad/entry-shapes/actors/shapes.yaml:3:3  [0].name  no value given (expected string) — actor "ivy-blank"`,
        `${F}/bad/entry-shapes/actors/shapes.yaml:8:3  [1]  each entry of actors/ is a mapping of fields (an actor), not a string`,
        `${F}/bad/entry-shapes/actors/shapes.yaml:9:3  [2].description  missing required field "description" — actor "jon-partial"`,
      ],
    ],
    [
      "not-a-list",
      [
        `${F}/bad/not-a-list/actors/mapping.yaml:1:1  -  a file in actors/ holds a list of actors (a YAML sequence of mappings)`,
      ],
    ],
  ];

  for (const [name, expected] of cases) {
    it(`${name}: reports exactly where, loads nothing`, () => {
      // Each bad directory is merged on top of the good one, as user data is on the built-in.
      const r = loadDataset([good, bad(name)]);
      expect(lines(r)).toEqual(expected);
      expect("dataset" in r).toBe(false);
    });
  }

  it("returns every problem of every directory at once", () => {
    const names = cases.map(([n]) => n);
    const r = loadDataset([good, ...names.map(bad)]);
    const all = lines(r);
    for (const [, expected] of cases) for (const line of expected) expect(all).toContain(line);
    expect(all).toHaveLength(cases.reduce((n, [, e]) => n + e.length, 0));
  });

  it("does not report a reference as dangling when its target failed its own schema", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "dealmap-cascade-"));
    try {
      // the actor is invalid (no description); the event refers to it
      const actors = path.join(dir, "actors");
      const events = path.join(dir, "events");
      mkdirSync(actors);
      mkdirSync(events);
      writeFileSync(
        path.join(actors, "a.yaml"),
        "- id: half-done\n  kind: person\n  name: Half Done\n  citations:\n    - source: harbour-gazette\n",
      );
      writeFileSync(
        path.join(events, "e.yaml"),
        [
          "- id: some-call",
          "  kind: phone-call",
          "  title: A call",
          "  summary: A call with the unfinished actor.",
          "  date: 2025-05",
          "  status: reported",
          "  participants:",
          "    - actor: half-done",
          "      role: initiator",
          "  citations:",
          "    - source: harbour-gazette",
          "",
        ].join("\n"),
      );
      expect(lines(loadDataset([good, dir]))).toEqual([
        `${path.join(actors, "a.yaml")}:1:3  [0].description  missing required field "description" — actor "half-done"`,
      ]);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
