/**
 * Every example in the READMEs runs. This test reads every Markdown file of the repository,
 * takes each fenced block apart into examples — a command of a shell block (a `$ ` line of a
 * transcript, with the lines under it as its expected output), or a whole block of YAML,
 * TypeScript or text — and runs them, README by README, in document order, in a scratch folder
 * of their own that holds the files the examples name:
 *
 * - `pnpm dealmap …` and `dealmap …` through the built program (`pnpm` and `dealmap` on the
 *   PATH are small shims: `pnpm dealmap` runs it from the repository root with INIT_CWD set to
 *   where it was called, as pnpm does); exit code 0, or the one its comment says (`# exit 1`),
 *   or the one listed in EXIT below, and what OUTPUT says it prints (a transcript's own lines
 *   are compared with figures, hashes and times left free);
 * - YAML data files written into a data directory and loaded by the loader, TypeScript run
 *   in-process, listings compared with what they list.
 *
 * An example that is not run here is listed in NOT_RUN with the reason, or with the test that
 * runs it; anything else fails the test, so a new example cannot go unrun unnoticed, and a
 * listed example that no README holds any more fails it too.
 */
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
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { format } from "node:util";
import { deflateRawSync } from "node:zlib";
import { builtinDataDir, formatProblem, loadDataset } from "@dealmap/dataset";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { builtCli, type Run, runShell } from "./helpers.ts";

const app = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const repo = path.resolve(app, "../..");
const datasetFixtures = path.join(repo, "packages/dataset/test/fixtures");

/** Why an example is not run here: a reason, or the test that runs it. */
type NotRun = { skip: string } | { by: string };

/**
 * Examples not run by this test, per README: a command by its text (comment left out), a block
 * by its first line.
 */
const NOT_RUN: Record<string, Record<string, NotRun>> = {
  "README.md": {
    "bash scripts/setup.sh && pnpm start": {
      skip: "installs system packages with apt (as root), then serves the explorer until stopped",
    },
    "pnpm test": { skip: "the whole test suite, this test included" },
    "DEALMAP_DB=./dealmap.sqlite pnpm start": {
      skip: "serves the explorer until stopped (apps/web/e2e/database.test.ts serves it over a database)",
    },
    "pnpm dealmap db load --db postgres://me@localhost/dealmap": {
      skip: "needs a PostgreSQL server at that address (test/db.test.ts loads one it starts itself)",
    },
    "DEALMAP_DB=postgres://me@localhost/dealmap pnpm api": {
      skip: "needs a PostgreSQL server, and serves the API until stopped",
    },
    "DEALMAP_DATA=./my-data pnpm start": {
      skip: "serves the explorer until stopped (apps/web/e2e/http.test.ts serves it with relative data directories)",
    },
    "YAML/JSON data ─> @dealmap/dataset (load, validate, file:line:col problems)": {
      skip: "a diagram of the architecture",
    },
  },
  "apps/api/README.md": {
    "pnpm api": { skip: "builds, then serves the API until stopped" },
    "PORT=4100 HOST=0.0.0.0 pnpm api": { skip: "serves the API until stopped, on every interface" },
    "DEALMAP_DATA=./my-data pnpm api": { skip: "serves the API until stopped" },
    "DEALMAP_DB=team.sqlite DEALMAP_WORKERS=auto pnpm api": {
      skip: "needs a database file, and serves the API until stopped (apps/api/src/process.test.ts runs two workers)",
    },
    "pnpm bench:api -- --store sqlite --events 200000": {
      skip: "a benchmark of several minutes over 200,000 synthetic events",
    },
    "pnpm bench:api -- --store postgres --events 200000": {
      skip: "a benchmark of several minutes, with a PostgreSQL cluster of its own",
    },
    "BENCH_PG_URL=postgres://me@127.0.0.1:5432/postgres pnpm bench:api -- --store postgres --events 10M": {
      skip: "needs a PostgreSQL server and fills it with ten million events",
    },
    "pnpm bench:every -- --store sqlite": { skip: "a benchmark of about a minute" },
    "pnpm bench:every -- --store postgres": {
      skip: "a benchmark of about a minute, with a PostgreSQL cluster of its own",
    },
    "pnpm bench:every -- --db ./dealmap.sqlite": {
      skip: "needs a database file; a benchmark of about a minute",
    },
  },
  "apps/web/README.md": {
    "pnpm start": {
      skip: "builds, then serves the explorer until stopped (the e2e suite starts it the same way)",
    },
    "PORT=4100 pnpm --filter @dealmap/web start": { skip: "serves the explorer until stopped" },
    "HOST=0.0.0.0 pnpm start": { skip: "serves the explorer until stopped (e2e/http.test.ts checks HOST)" },
    "pnpm --filter @dealmap/web dev": { skip: "a development server, until stopped" },
    "DEALMAP_DATA=./my-data pnpm start": { skip: "serves the explorer until stopped" },
    "DEALMAP_SOURCES=../shared/seed pnpm start": {
      skip: "serves the explorer until stopped, with a text kept outside the repository",
    },
    "page                                       first-load JS (gzip)        raw       LCP": {
      skip: "figures measured on the development machine by `pnpm --filter @dealmap/web measure`",
    },
    "timeline: LCP 312 ms; first view HTML 60.5 kB + data 19.7 kB (JS 180.8 kB, other 7.4 kB) transferred; DOM 1502 nodes":
      {
        skip: "figures measured over the 10M-event database by `node scripts/measure.mjs --db`",
      },
    "page                                   LCP    whole HTML        HTML size (gzip)": {
      skip: "figures measured over the 10M-event database by `node scripts/measure.mjs --db` and a browser",
    },
  },
  "packages/api/README.md": {},
  "packages/dataset/README.md": {
    "data/": { skip: "a sketch of a data directory's layout (the loader's tests check the rules it shows)" },
    "pnpm --filter @dealmap/dataset exec tsx scripts/gen-jsonl.ts /tmp/dealmap-1m 1000000": {
      skip: "writes a million synthetic events (610 MB)",
    },
    "pnpm --filter @dealmap/dataset exec tsx scripts/bench-load.ts /tmp/dealmap-1m": {
      skip: "a benchmark over the million events of the line before",
    },
    'events.csv:1:5  header: unknown column "Headline"; the events file has the columns id, date, kind, status, title, summary, participants, places, tags, source_url, source, paragraph, more; no row of this file was read':
      { skip: "sample messages of the CSV reader (src/import/csv.test.ts checks them)" },
    "entities.ftm.json:2:35  invalid JSON: a string is not closed (no ending '\"')": {
      skip: "sample messages of the FtM reader (src/import/ftm.test.ts checks them)",
    },
    "20251118.export.CSV:5  58 columns, expected 61 (GDELT 1.0 rows have 57 or 58; only GDELT 2.0 exports are read)":
      {
        skip: "sample messages of the GDELT reader (src/import/gdelt.test.ts checks them)",
      },
    'my-data/events/talks.yaml:18:14  [0].participants[1].actor  unknown actor "nobody-here" — event "harbour-round-one"':
      { by: "packages/dataset/src/readme.test.ts (the format of each line)" },
    "pnpm --filter @dealmap/dataset test": { skip: "a package's test suite, this test's neighbour" },
    "pnpm --filter @dealmap/dataset typecheck": { skip: "the type check `pnpm test` runs" },
    "pnpm --filter @dealmap/dataset lint": { skip: "the lint `pnpm test` runs" },
  },
  "packages/domain/README.md": {
    "import {": { by: "packages/domain/src/readme.test.ts (runs it and compares what it prints)" },
    "dataset is consistent": { by: "packages/domain/src/readme.test.ts" },
    "pnpm --filter @dealmap/domain pack --pack-destination /tmp": {
      by: "packages/domain/src/pack.test.ts (packs the package and installs the tarball with npm)",
    },
    "cd my-project && npm install /tmp/dealmap-domain-0.1.0.tgz": { by: "packages/domain/src/pack.test.ts" },
    'import { checkIntegrity, DatasetSchema, dateBounds, formatPath, StoryEventSchema } from "@dealmap/domain";':
      {
        by: "packages/domain/src/pack.test.ts (type-checks and runs it against the packed tarball)",
      },
    "talks meeting 1": { by: "packages/domain/src/pack.test.ts" },
  },
  "apps/cli/README.md": {},
};

/** Commands run by another test, by their shape. */
const RUN_ELSEWHERE: { match: RegExp; by: string }[] = [
  { match: /^curl /, by: "apps/api/src/readme.test.ts (against a server it starts)" },
];

/** Commands run in a smaller form, and why. */
const SMALLER: Record<string, { run: string; why: string }> = {
  "pnpm dealmap db synth --events 1000000 --db ./big.sqlite": {
    run: "pnpm dealmap db synth --events 12000 --db ./big.sqlite",
    why: "a million events take a minute; 12,000 take the same path (two writer threads from 10,000 on)",
  },
  "dealmap db synth --events 1000000 --db ./big.sqlite": {
    run: "dealmap db synth --events 12000 --db ./big.sqlite",
    why: "a million events take a minute; 12,000 take the same path (two writer threads from 10,000 on)",
  },
};

const TERMINAL = /the explorer needs an interactive terminal/;

/** Exit codes other than 0 that no comment gives, and why. */
const EXIT: Record<string, { code: number; why: string }> = {
  "pnpm dealmap": { code: 2, why: "the explorer needs a terminal (test/tmux.test.ts runs it in one)" },
  dealmap: { code: 2, why: "the explorer needs a terminal (test/tmux.test.ts runs it in one)" },
  "pnpm dealmap --data ./my-data": { code: 2, why: "the explorer needs a terminal" },
  "DEALMAP_DATA=./my-data pnpm dealmap": { code: 2, why: "the explorer needs a terminal" },
};

const json = (r: Run) => JSON.parse(r.stdout) as unknown;

/** What a command prints: checked beside its exit code. */
const OUTPUT: Record<string, (r: Run) => void> = {
  "pnpm dealmap": (r) => expect(r.stderr).toMatch(TERMINAL),
  dealmap: (r) => expect(r.stderr).toMatch(TERMINAL),
  "pnpm dealmap --data ./my-data": (r) => expect(r.stderr).toMatch(TERMINAL),
  "DEALMAP_DATA=./my-data pnpm dealmap": (r) => expect(r.stderr).toMatch(TERMINAL),
  "pnpm dealmap --help": (r) => expect(r.stdout).toMatch(/^Usage$/m),
  "pnpm dealmap events --json | jq '.[0]'": (r) => expect(json(r)).toMatchObject({ id: expect.any(String) }),
  "pnpm dealmap show john-coale": (r) => expect(r.stdout).toMatch(/^John Coale\n/),
  "pnpm dealmap validate ./mydata": (r) =>
    expect(r.stdout).toMatch(/^\.\/mydata is valid: 1 source, 1 actor, 0 places, 1 event,/),
  "pnpm dealmap validate ./my-data": (r) =>
    expect(r.stdout).toMatch(/^\.\/my-data is valid: 1 source, 1 actor, 0 places, 1 event,/),
  "pnpm dealmap export --format json --data ./my-data": (r) =>
    expect((json(r) as { events: { id: string }[] }).events.map((e) => e.id)).toContain("harbour-round-one"),
  "pnpm dealmap db load --db ./dealmap.sqlite": (r) =>
    expect(r.stdout).toMatch(/^loaded built-in into SQLite \.\/dealmap\.sqlite\n/),
  "pnpm dealmap db status --db ./dealmap.sqlite": (r) => {
    expect(r.stdout).toMatch(/^SQLite \.\/dealmap\.sqlite: a Dealmap database, schema version \d+\n/);
    expect(r.stdout).toContain("datasets: built-in\n");
  },
  "pnpm dealmap db synth --events 1000000 --db ./big.sqlite": (r) =>
    expect(r.stdout).toMatch(/^loaded 12,000 synthetic events into SQLite \.\/big\.sqlite\n(.*\n){2}$/),
  "pnpm dealmap import gdelt 20250101*.export.CSV.zip --mentions 20250101*.mentions.CSV.zip --dataset gdelt-jan --db ./dealmap.sqlite":
    (r) =>
      expect(r.stdout).toMatch(
        /^imported dataset "gdelt-jan" \(gdelt\) in SQLite \.\/dealmap\.sqlite\n.*\n {2}made \d+ sources, \d+ actors, \d+ places, \d+ events/,
      ),
  "pnpm dealmap import ftm entities.ftm.json --dataset opensanctions --db ./dealmap.sqlite": (r) =>
    expect(r.stdout).toMatch(/^imported dataset "opensanctions" \(ftm\) in SQLite/),
  "pnpm dealmap import csv events.csv --actors actors.csv --dataset my-notes --db ./dealmap.sqlite": (r) =>
    expect(r.stdout).toMatch(
      /^imported dataset "my-notes" \(csv\) in SQLite[^\n]*\n[^\n]*\n {2}made 3 sources, 3 actors, 3 events/,
    ),
  "pnpm dealmap datasets --db ./dealmap.sqlite": (r) => {
    for (const line of [
      /^built-in +loaded /m,
      /^gdelt-jan +import gdelt /m,
      /^opensanctions +import ftm /m,
      /^my-notes +import csv /m,
    ])
      expect(r.stdout).toMatch(line);
  },
  "pnpm dealmap events --dataset gdelt-jan --db ./dealmap.sqlite": (r) => {
    const rows = r.stdout.split("\n").filter((l) => l.includes(" gdelt-jan"));
    expect(rows.length).toBeGreaterThan(5);
  },
  "pnpm dealmap datasets candidates opensanctions --db ./dealmap.sqlite": (r) =>
    expect(r.stdout).toMatch(
      /^OFAC \(opensanctions-authority-us-ofac\) +Office of Foreign Assets Control \(ofac\)/m,
    ),
  "pnpm dealmap datasets accept opensanctions opensanctions-authority-us-ofac ofac --db ./dealmap.sqlite": (
    r,
  ) =>
    expect(r.stdout).toMatch(
      /^merged "opensanctions-authority-us-ofac" of "opensanctions" into "ofac": \d+ events and 0 other entities/,
    ),
  "pnpm dealmap datasets unaccept opensanctions opensanctions-authority-us-ofac --db ./dealmap.sqlite": (r) =>
    expect(r.stdout).toMatch(
      /^withdrew the same-as "opensanctions-authority-us-ofac" → "ofac" of "opensanctions": "opensanctions-authority-us-ofac" is the import's own actor again, and \d+ events and 0 other entities/,
    ),
  "pnpm dealmap datasets rm gdelt-jan --db ./dealmap.sqlite": (r) =>
    expect(r.stdout).toMatch(/^removed dataset "gdelt-jan" from SQLite \.\/dealmap\.sqlite: /),
  "pnpm dealmap new source my-memo/texts/my-memo.txt": (r) => {
    expect(r.stdout).toContain("- id: my-memo\n");
    expect(r.stdout).toMatch(/^ {2}textSha256: [0-9a-f]{64}$/m);
    expect(r.stdout).toContain("  paragraphs: 2\n");
  },
  'pnpm dealmap cite my-memo "let 52 prisoners go" --data my-memo': (r) => {
    expect(r.stdout).toMatch(/^paragraph 2, span \[24, 43\]\n/);
    expect(r.stdout).toContain('- source: my-memo\n  quote: "let 52 prisoners go"\n');
  },
  'pnpm dealmap cite my-memo "2025" --data my-memo': (r) => {
    expect(r.stderr).toContain('"2025" occurs 2 times in "my-memo"');
    expect(r.stderr).toContain("  paragraph 1 [22, 26]: ");
    expect(r.stderr).toContain("  paragraph 2 [13, 17]: ");
  },
  'pnpm dealmap cite my-memo "2025" --prefix "In September" --data my-memo': (r) =>
    expect(r.stdout).toMatch(/^paragraph 2, span \[13, 17\]\n/),
  "pnpm dealmap validate my-memo --passages": (r) => {
    expect(r.stdout).toContain(
      'event release-2025-09  citations[2]  my-memo paragraph 2 [24, 43]\n  "let 52 prisoners go"\n',
    );
    expect(r.stdout).toContain("statements: 1 merged by same-as, values added to 3 entities");
  },
  "pnpm dealmap show release-2025-09 --data my-memo": (r) => {
    expect(r.stdout).toMatch(/Datasets \(2\)\n {2}built-in {2}defines it\n {2}my-memo {2}added 3 values/);
  },
  "dealmap show john-coale --json": (r) =>
    expect(json(r)).toMatchObject({ kind: "actor", entity: { id: "john-coale" } }),
  "dealmap events --limit 3 --db ./big.sqlite": (r) =>
    expect(r.stdout.split("\n").filter((l) => / syn-event-\d+ /.test(l))).toHaveLength(3),
};

/** What a TypeScript block prints (console.log lines), by its first line. */
const PRINTS: Record<string, (logs: string[]) => void> = {
  'import { emptyReport, readCsv } from "@dealmap/dataset";': (logs) =>
    expect(logs.join("\n")).toMatch(/made: \{ sources: 3, actors: 3, events: 3/),
  'import { emptyReport, readFtm } from "@dealmap/dataset";': (logs) =>
    expect(logs.join("\n")).toMatch(
      /made: \{ sources: [1-9]\d*, actors: [1-9]\d*, relations: \d+, events: \d+ \}/,
    ),
  'import { emptyReport, readGdelt } from "@dealmap/dataset";': (logs) =>
    expect(logs.join("\n")).toMatch(/rowsRead: \d+/),
  'import { formatProblem, loadDataset, loadWithUserData } from "@dealmap/dataset";': (logs) =>
    expect(logs).toEqual([
      expect.stringMatching(/^\d+ \{ file: '.*my-data\/events\/talks\.yaml', line: 1, col: \d+ \}$/),
    ]),
  'import { createCaller, createContextInner, type RouterOutputs } from "@dealmap/api";': (logs) =>
    expect(logs).toEqual([]),
};

// ---------------------------------------------------------------------------------------------
// Reading the READMEs

interface Block {
  readme: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  body: string;
  /** The paragraph just before the block (a "`path/file.yaml`" label, for instance). */
  before: string;
}

type Example =
  | { kind: "command"; block: Block; text: string; comment: string; output: string[] }
  | { kind: "block"; block: Block; key: string };

const SHELL = new Set(["sh", "bash", "shell", "console"]);

/** Every Markdown file of the repository (not dependencies, builds or test output). */
function markdownFiles(dir = repo): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".") || ["node_modules", "dist", "test-results"].includes(entry.name)) continue;
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...markdownFiles(abs));
    else if (entry.isFile() && entry.name.endsWith(".md")) out.push(path.relative(repo, abs));
  }
  return out.sort();
}

/** The fenced blocks of a Markdown text (indented ones too, inside list items). */
export function blocksOf(readme: string, text: string): Block[] {
  const blocks: Block[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^( *)```(\w*)\s*$/.exec(lines[i] as string);
    if (!open) continue;
    const indent = open[1]?.length ?? 0;
    let end = i + 1;
    while (end < lines.length && !new RegExp(`^ {${indent}}\`\`\`\\s*$`).test(lines[end] as string)) end++;
    if (end === lines.length) throw new Error(`${readme}:${i + 1}: a code block that is never closed`);
    let b = i - 1;
    while (b >= 0 && lines[b]?.trim() === "") b--;
    let a = b;
    while (a > 0 && lines[a - 1]?.trim() !== "") a--;
    blocks.push({
      readme,
      line: i + 1,
      lang: open[2] ?? "",
      body: lines
        .slice(i + 1, end)
        .map((l) => l.slice(indent))
        .join("\n"),
      before: lines.slice(a, b + 1).join("\n"),
    });
    i = end;
  }
  return blocks;
}

/** A shell line without its comment (a `#` after a space, outside quotes). */
export function splitComment(line: string): { text: string; comment: string } {
  let quote = "";
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "#" && (i === 0 || /\s/.test(line[i - 1] as string)))
      return { text: line.slice(0, i).trim(), comment: line.slice(i + 1).trim() };
  }
  return { text: line.trim(), comment: "" };
}

/** The examples of a block: each command of a shell block, else the block as a whole. */
export function examplesOf(block: Block): Example[] {
  if (!SHELL.has(block.lang)) return [{ kind: "block", block, key: block.body.split("\n")[0] ?? "" }];
  const lines = block.body.replace(/\\\n\s*/g, "").split("\n");
  const transcript = lines.some((l) => l.startsWith("$ "));
  const out: Example[] = [];
  for (const line of lines) {
    const last = out.at(-1);
    if (transcript && !line.startsWith("$ ")) {
      if (last?.kind === "command") last.output.push(line);
      continue;
    }
    const { text, comment } = splitComment(transcript ? line.slice(2) : line);
    if (text !== "") out.push({ kind: "command", block, text, comment, output: [] });
  }
  return out;
}

const allBlocks = markdownFiles().flatMap((f) => blocksOf(f, readFileSync(path.join(repo, f), "utf8")));
const examples = allBlocks.flatMap(examplesOf);
const where = (e: Example) => `${e.block.readme}:${e.block.line}: ${e.kind === "command" ? e.text : e.key}`;
const notRun = (e: Example): NotRun | undefined =>
  NOT_RUN[e.block.readme]?.[e.kind === "command" ? e.text : e.key] ??
  (e.kind === "command" ? RUN_ELSEWHERE.find((r) => r.match.test(e.text)) : undefined);

// ---------------------------------------------------------------------------------------------
// The scratch folder

let scratch = "";
let cache = "";

/** A zip archive of one file, stored with deflate (enough for the GDELT reader, which unzips). */
function zipOf(name: string, data: Buffer): Buffer {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = 0xffffffff;
  for (const byte of data) crc = (table[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  crc = (crc ^ 0xffffffff) >>> 0;
  const packed = deflateRawSync(data);
  const fileName = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(packed.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(packed.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(fileName.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fileName.length, 12);
  end.writeUInt32LE(local.length + fileName.length + packed.length, 16);
  return Buffer.concat([local, fileName, packed, central, fileName, end]);
}

/** The example data directory the dataset README builds file by file ("`sources/notes.yaml`" + YAML). */
function readmeDataFiles(): { file: string; body: string; block: Block }[] {
  return allBlocks.flatMap((block) => {
    const label = /^`([\w-]+\/[\w./-]+\.ya?ml)`$/.exec(block.before.trim());
    return block.lang === "yaml" && label ? [{ file: label[1] as string, body: block.body, block }] : [];
  });
}

/**
 * A folder holding what the examples name: `my-data/` and `mydata/` (the data directory the
 * dataset README writes), `my-memo/` (packages/dataset/fixtures/my-memo), the importers' test
 * files under the names the import examples give them, and `dealmap` and `pnpm` on the PATH.
 */
function workFolder(name: string): string {
  const work = path.join(scratch, name.replace(/[^\w]+/g, "-"));
  mkdirSync(path.join(work, "bin"), { recursive: true });
  writeFileSync(
    path.join(work, "bin", "dealmap"),
    `#!/bin/sh\nexec '${process.execPath}' '${builtCli}' "$@"\n`,
    {
      mode: 0o755,
    },
  );
  writeFileSync(
    path.join(work, "bin", "pnpm"),
    [
      "#!/bin/sh",
      "# `pnpm dealmap …` as pnpm runs the root's script: from the root, INIT_CWD the caller's folder",
      'if [ "$1" = --silent ]; then shift; fi',
      'if [ "$1" = dealmap ]; then',
      "  shift",
      '  INIT_CWD="$PWD" npm_lifecycle_event=dealmap; export INIT_CWD npm_lifecycle_event',
      `  cd '${repo}' && exec '${process.execPath}' '${builtCli}' "$@"`,
      "fi",
      'echo "pnpm $*: not run by the README test (list the example in NOT_RUN with a reason)" >&2',
      "exit 127",
      "",
    ].join("\n"),
    { mode: 0o755 },
  );
  for (const dir of ["my-data", "mydata"])
    for (const { file, body } of readmeDataFiles()) {
      mkdirSync(path.dirname(path.join(work, dir, file)), { recursive: true });
      writeFileSync(path.join(work, dir, file), body);
    }
  cpSync(path.join(repo, "packages/dataset/fixtures/my-memo"), path.join(work, "my-memo"), {
    recursive: true,
  });
  const fixture = (f: string) => readFileSync(path.join(datasetFixtures, f));
  for (const day of ["20250101000000", "20251118"]) {
    writeFileSync(
      path.join(work, `${day}.export.CSV.zip`),
      zipOf(`${day}.export.CSV`, fixture("gdelt/events.csv")),
    );
    writeFileSync(
      path.join(work, `${day}.mentions.CSV.zip`),
      zipOf(`${day}.mentions.CSV`, fixture("gdelt/mentions.csv")),
    );
  }
  writeFileSync(path.join(work, "entities.ftm.json"), fixture("ftm/zala.ftm.jsonl"));
  mkdirSync(path.join(work, "notes"));
  for (const f of ["events.csv", "actors.csv"]) {
    writeFileSync(path.join(work, f), fixture(`csv/${f}`));
    writeFileSync(path.join(work, "notes", f), fixture(`csv/${f}`));
  }
  // TypeScript examples import @dealmap/… as a project of the workspace would
  symlinkSync(path.join(app, "node_modules"), path.join(work, "node_modules"));
  return work;
}

/**
 * A transcript's expected line as a pattern: figures, hashes and timestamps are left free
 * (they change with the data and the day), runs of spaces stand for any run, a trailing "…"
 * for the rest of the line.
 */
function linePattern(expected: string): RegExp {
  const rest = expected.endsWith("…");
  const text = (rest ? expected.slice(0, -1) : expected).trim();
  const free = String.raw`(?:\d{4}-\d\d-\d\dT[\d:.]+Z|[0-9a-f]{16}|[\d,.]+)`;
  const source = text
    .split(/(\d{4}-\d\d-\d\dT[\d:.]+Z|\b[0-9a-f]{16}\b|\d[\d,.]*\d|\d| +)/)
    .map((t, i) => (i % 2 === 0 ? t.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&") : /^ +$/.test(t) ? " +" : free))
    .join("");
  return new RegExp(`^\\s*${source}${rest ? "" : "\\s*$"}`);
}

/** Every expected line, in order, matches a line of what was printed ("…" alone skips). */
function expectTranscript(printed: string, expected: string[], what: string): void {
  const lines = printed.split("\n");
  let at = 0;
  for (const want of expected.filter((l) => l.trim() !== "" && l.trim() !== "…")) {
    const pattern = linePattern(want);
    const found = lines.findIndex((l, i) => i >= at && pattern.test(l));
    expect(found, `${what}: no line like ${JSON.stringify(want)} in\n${printed}`).toBeGreaterThanOrEqual(0);
    at = found + 1;
  }
}

let typeScriptRuns: Promise<unknown> = Promise.resolve();

/**
 * Run a TypeScript block in this process, in `cwd`, and return what it logged. One at a time:
 * the working directory and the console belong to the whole process.
 */
function runTypeScript(block: Block, cwd: string, n: number): Promise<string[]> {
  const run = typeScriptRuns.then(() => runTypeScriptNow(block, cwd, n));
  typeScriptRuns = run.catch(() => undefined);
  return run;
}

async function runTypeScriptNow(block: Block, cwd: string, n: number): Promise<string[]> {
  const file = path.join(cwd, `example-${n}.ts`);
  writeFileSync(file, block.body);
  const logs: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    logs.push(format(...args));
  });
  const error = vi.spyOn(console, "error").mockImplementation(() => {});
  const before = process.cwd();
  process.chdir(cwd);
  try {
    await import(file);
  } finally {
    process.chdir(before);
    log.mockRestore();
    error.mockRestore();
  }
  return logs;
}

/** Run the examples of one README in document order; returns what it ran. */
async function runReadme(readme: string): Promise<string[]> {
  const work = workFolder(readme);
  const env: Record<string, string> = {
    PATH: `${path.join(work, "bin")}:${process.env.PATH ?? ""}`,
    HOME: work,
    XDG_CACHE_HOME: cache,
    LANG: "C.UTF-8",
    COLUMNS: "100",
    NO_COLOR: "1",
  };
  const ran: string[] = [];
  let n = 0;
  for (const e of examples.filter((x) => x.block.readme === readme && !notRun(x))) {
    const at = where(e);
    if (e.kind === "command") {
      const exported = /^export ([A-Z_]+)=(\S+)$/.exec(e.text);
      if (exported) {
        env[exported[1] as string] = exported[2] as string;
        ran.push(at);
        continue;
      }
      const r = await runShell(SMALLER[e.text]?.run ?? e.text, work, env);
      const documented = /\bexit (\d+)\b/.exec(e.comment)?.[1];
      const code = documented !== undefined ? Number(documented) : (EXIT[e.text]?.code ?? 0);
      expect(r.code, `${at}\n${r.stdout}\n${r.stderr}`).toBe(code);
      expect(r.stderr, at).not.toMatch(/unexpected error|^\s+at /m);
      const check = OUTPUT[e.text];
      if (check) check(r);
      else if (e.output.length > 0) expectTranscript(r.stdout, e.output, at);
      else throw new Error(`${at}: say what it prints (OUTPUT), or show it as a transcript`);
      ran.push(at);
      continue;
    }
    const { block } = e;
    if (block.lang === "yaml") checkYaml(block, work, at);
    else if (block.lang === "ts") {
      const check = PRINTS[e.key];
      if (!check) throw new Error(`${at}: say what it prints (PRINTS)`);
      check(await runTypeScript(block, work, n++));
    } else if (block.lang === "" && block.body.startsWith("my-memo/\n")) checkMemoListing(block, work);
    else if (block.lang === "" && /^\S+\/dealmap\.jsonl\n/.test(block.body))
      await checkJsonlExcerpt(block, work, env);
    else throw new Error(`${at}: neither run by this test nor listed in NOT_RUN`);
    ran.push(at);
  }
  return ran;
}

/** A YAML block: the schema an editor is pointed at exists; a data file loads. */
function checkYaml(block: Block, work: string, at: string): void {
  const schema = /^# yaml-language-server: \$schema=(\S+)$/.exec(block.body.trim());
  if (schema) {
    // the README's example is a file in packages/dataset/data/events/
    const target = path.resolve(repo, "packages/dataset/data/events", schema[1] as string);
    expect(existsSync(target), `${at}: ${target}`).toBe(true);
    expect(JSON.parse(readFileSync(target, "utf8")).type).toBe("array");
    return;
  }
  const label = /^`([\w-]+\/[\w./-]+\.ya?ml)`$/.exec(block.before.trim())?.[1];
  if (label) {
    // a file of ./my-data: written there by workFolder, loaded with the others
    const r = loadDataset([builtinDataDir, path.join(work, "my-data")]);
    if (!r.ok) throw new Error(`${at}\n${r.problems.map(formatProblem).join("\n")}`);
    return;
  }
  // a file of a directory the examples hold, named in its first line: `# my-memo/statements/memo.yaml`
  const named = /^# ([\w-]+)\/([\w./-]+\.ya?ml)\n/.exec(block.body);
  if (!named || !existsSync(path.join(work, named[1] as string)))
    throw new Error(
      `${at}: a YAML block names no file of a data directory (a \`path\` line before it, or a first-line comment)`,
    );
  const copy = mkdtempSync(path.join(scratch, `${named[1]}-`));
  const dir = path.join(copy, named[1] as string);
  cpSync(path.join(work, named[1] as string), dir, { recursive: true });
  writeFileSync(path.join(dir, named[2] as string), block.body);
  const r = loadDataset([builtinDataDir, dir]);
  if (!r.ok) throw new Error(`${at}\n${r.problems.map(formatProblem).join("\n")}`);
  expect(r.datasets, at).toContain(named[1]);
}

/** The memo's listing: the files it names are the fixture's, and the text it shows is its text. */
function checkMemoListing(block: Block, work: string): void {
  const names = [...block.body.matchAll(/^ {2}(\S+)/gm)].map((m) => m[1]);
  for (const name of names) expect(existsSync(path.join(work, "my-memo", name as string)), name).toBe(true);
  const shown = block.body
    .split("\n")
    .map((l) => l.slice(24).trim())
    .filter(Boolean);
  expect(`${shown.join("\n")}\n`).toBe(
    readFileSync(path.join(work, "my-memo", "texts", "my-memo.txt"), "utf8"),
  );
}

/** An excerpt of a JSON-lines export: each line starts as a line of `export --format jsonl` does. */
async function checkJsonlExcerpt(block: Block, work: string, env: Record<string, string>): Promise<void> {
  const [first, ...lines] = block.body.trim().split("\n");
  const dir = (first as string).split("/")[0] as string;
  const r = await runShell(
    `dealmap export --format jsonl --dataset ${dir} --out exported --data ./${dir}`,
    work,
    env,
  );
  expect(r.code, r.stderr).toBe(0);
  const written = readFileSync(path.join(work, "exported", "dealmap.jsonl"), "utf8").split("\n");
  for (const line of lines) {
    const head = line.trim().replace(/…\}?$/, "");
    expect(
      written.some((w) => w.startsWith(head)),
      `${line}\nnot the start of a line of\n${written.join("\n")}`,
    ).toBe(true);
  }
}

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), "dealmap-readmes-"));
  cache = path.join(scratch, "cache");
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe("README examples", () => {
  it("reads the fenced blocks of every Markdown file", () => {
    const readmes = new Set(allBlocks.map((b) => b.readme));
    for (const f of ["README.md", "apps/cli/README.md", "apps/api/README.md", "apps/web/README.md"])
      expect(readmes).toContain(f);
    for (const f of ["packages/domain/README.md", "packages/dataset/README.md", "packages/api/README.md"])
      expect(readmes).toContain(f);
    expect(examples.filter((e) => e.kind === "command").length).toBeGreaterThan(60);
  });

  it("every entry of NOT_RUN names an example the READMEs still hold, and every test it names exists", () => {
    const held = new Set(examples.map((e) => `${e.block.readme}\n${e.kind === "command" ? e.text : e.key}`));
    for (const [readme, entries] of Object.entries(NOT_RUN))
      for (const [key, why] of Object.entries(entries)) {
        expect(held.has(`${readme}\n${key}`), `${readme}: ${key}`).toBe(true);
        if ("by" in why)
          expect(existsSync(path.join(repo, why.by.split(" ")[0] as string)), why.by).toBe(true);
        else expect(why.skip.length).toBeGreaterThan(10);
      }
    for (const r of RUN_ELSEWHERE)
      expect(existsSync(path.join(repo, r.by.split(" ")[0] as string)), r.by).toBe(true);
    for (const key of [...Object.keys(OUTPUT), ...Object.keys(EXIT), ...Object.keys(SMALLER)])
      expect(
        examples.some((e) => e.kind === "command" && e.text === key),
        `${key}: no README has this command any more`,
      ).toBe(true);
  });

  it("runs every example that NOT_RUN does not list", async () => {
    const readmes = [...new Set(examples.filter((e) => !notRun(e)).map((e) => e.block.readme))];
    const ran = (await Promise.all(readmes.map((r) => runReadme(r)))).flat();
    const expected = examples.filter((e) => !notRun(e)).map(where);
    expect(ran.sort()).toEqual(expected.sort());
  }, 120_000);
});
