/**
 * The database commands and `--db`, through the real built program (`node dist/cli.js`) and
 * real database files: `db load` then the reading commands give the same JSON as the YAML in
 * memory; `db status`; `db synth`; what happens with files that are not databases; one run
 * against a throwaway PostgreSQL cluster.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase, SCHEMA_VERSION } from "@dealmap/api";
import { syntheticCounts } from "@dealmap/api/synthetic";
import { tableContents } from "@dealmap/api/testing/tables";
import { ENTITY_KINDS } from "@dealmap/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PgCluster, startPostgres } from "../../../packages/api/test/postgres.ts";
import { badDir, goodDir, RAW_CONTROL, type Run, runCli, startCli } from "./helpers.ts";

const app = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cli = path.join(app, "dist", "cli.js");

let work: string;
/** The environment of every run: no DEALMAP_* from the caller, a cache of our own. */
let baseEnv: NodeJS.ProcessEnv;

/** Run the built CLI in `work` (relative paths resolve from there). */
function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return runCli(args, work, { ...baseEnv, ...env });
}

/** Run, expect exit 0, and parse stdout as JSON. */
async function runJson<T = unknown>(args: string[], env?: Record<string, string>): Promise<T> {
  const r = await run(args, env);
  expect(r.code, `${args.join(" ")}\n${r.stderr}`).toBe(0);
  return JSON.parse(r.stdout) as T;
}

interface Status {
  engine: string;
  database: string;
  schemaVersion: number;
  version: string;
  loadedAt: string | null;
  counts: Record<string, number>;
  datasets: { name: string; counts: Record<string, number> }[];
  warnings: string[];
}

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), "dealmap-db-"));
  baseEnv = { ...process.env, COLUMNS: "100", XDG_CACHE_HOME: path.join(work, "cache") };
  for (const k of ["DEALMAP_DB", "DEALMAP_DATA", "DEALMAP_SOURCES"]) delete baseEnv[k];
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** Reading commands whose JSON must not depend on where the data is. */
const READS: string[][] = [
  ["events"],
  ["events", "--actor", "john-coale", "--from", "2025-06"],
  ["actors"],
  ["places", "--kind", "port"],
  ["routes", "--cargo", "potash", "--at", "2021-06"],
  ["routes", "compare", "--cargo", "potash"],
  ["deals"],
  ["sources"],
  ["show", "john-coale"],
  ["show", "klaipeda-port"],
  ["show", "alexander-lukashenko"],
  ["search", "lukashenka"],
  ["search", "klaipeda", "port"],
  ["path", "john-coale", "alexander-lukashenko"],
];

describe("db load, then the reading commands with --db", () => {
  let loaded: { version: string; counts: Record<string, number>; datasets: string[] };

  beforeAll(async () => {
    loaded = await runJson(["db", "load", "--db", "./builtin.sqlite", "--json"]);
  });

  it("db load --json: counts per kind, rows, seconds and the data version", async () => {
    expect(loaded.datasets).toEqual(["built-in"]);
    expect(Object.keys(loaded.counts)).toEqual([...ENTITY_KINDS]);
    const stats = await runJson<{ counts: Record<string, number> }>(["stats", "--json"]);
    expect(loaded.counts).toEqual(stats.counts);
    expect(loaded).toMatchObject({ engine: "sqlite", database: "./builtin.sqlite" });
    expect((loaded as unknown as { rows: number }).rows).toBeGreaterThan(1000);
    expect(loaded.version).toMatch(/^[0-9a-f]{16}$/);
    expect(existsSync(path.join(work, "builtin.sqlite"))).toBe(true);
  });

  it("events, show, search … --json give the same JSON as without --db", async () => {
    for (const args of READS) {
      const memory = await run([...args, "--json"]);
      const db = await run([...args, "--json", "--db", "./builtin.sqlite"]);
      expect(memory.code, `${args.join(" ")}\n${memory.stderr}`).toBe(0);
      expect(db.code, `${args.join(" ")} --db\n${db.stderr}`).toBe(0);
      expect(db.stdout, args.join(" ")).toBe(memory.stdout);
      expect(db.stderr).toBe("");
    }
  }, 120_000);

  it("DEALMAP_DB does the same as --db; --data on the command line wins over it", async () => {
    const memory = await run(["events", "--json"]);
    const env = await run(["events", "--json"], { DEALMAP_DB: "./builtin.sqlite" });
    expect(env.code, env.stderr).toBe(0);
    expect(env.stdout).toBe(memory.stdout);
    // DEALMAP_DB names a file that does not exist: only --data is read
    const withData = await run(["show", "fx-mara-vell", "--json", "--data", goodDir], {
      DEALMAP_DB: "./no-such.sqlite",
    });
    expect(withData.code, withData.stderr).toBe(0);
    // and the commands that read the data files ignore it
    const validate = await run(["validate", "--json"], { DEALMAP_DB: "./no-such.sqlite" });
    expect(validate.code, validate.stderr).toBe(0);
  }, 60_000);

  it("the text output of a list says nothing about where it read (same table)", async () => {
    const memory = await run(["events", "--limit", "5"]);
    const db = await run(["events", "--limit", "5", "--db", "./builtin.sqlite"]);
    expect(db.code).toBe(0);
    expect(db.stdout).toBe(memory.stdout);
  });

  it("db status --json: engine, database, schema and data versions, loaded_at, counts, datasets", async () => {
    const st = await runJson<Status>(["db", "status", "--db", "./builtin.sqlite", "--json"]);
    expect(st).toMatchObject({
      engine: "sqlite",
      database: "./builtin.sqlite",
      schemaVersion: SCHEMA_VERSION,
      version: loaded.version,
      counts: loaded.counts,
      datasets: [{ name: "built-in", origin: "load", format: null, counts: loaded.counts }],
      warnings: [],
    });
    expect(Date.now() - Date.parse(st.loadedAt ?? "")).toBeLessThan(10 * 60_000);
    // and as text: the database, the versions, one row per kind
    const text = await run(["db", "status", "--db", "./builtin.sqlite"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      `SQLite ./builtin.sqlite: a Dealmap database, schema version ${SCHEMA_VERSION}`,
    );
    expect(text.stdout).toContain(`data version ${loaded.version}`);
    for (const k of ENTITY_KINDS)
      expect(text.stdout).toMatch(new RegExp(`^${k}\\s+${loaded.counts[k]}$`, "m"));
  });
});

describe("db load with --data", () => {
  it("loads built-in + the directory: the same JSON as --data, both datasets in status", async () => {
    const r = await run(["db", "load", "--data", goodDir, "--db", "./merged.sqlite"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^loaded built-in \+ good into SQLite \.\/merged\.sqlite\n/);
    for (const args of [["events"], ["show", "fx-mara-vell"], ["search", "mara vell"]]) {
      const memory = await run([...args, "--json", "--data", goodDir]);
      const db = await run([...args, "--json", "--db", "./merged.sqlite"]);
      expect(db.code, db.stderr).toBe(0);
      expect(db.stdout, args.join(" ")).toBe(memory.stdout);
    }
    const st = await runJson<Status>(["db", "status", "--db", "./merged.sqlite", "--json"]);
    expect(st.datasets.map((d) => d.name)).toEqual(["built-in", "good"]);
    for (const k of ENTITY_KINDS) {
      expect(
        st.datasets.reduce((n, d) => n + (d.counts[k] ?? 0), 0),
        k,
      ).toBe(st.counts[k]);
    }
    expect(st.datasets[1]?.counts.actors).toBeGreaterThan(0);
  }, 60_000);

  it("a YAML problem: reported as file:line:col, exit 1, and nothing written (status shows the data before)", async () => {
    await runJson(["db", "load", "--db", "./kept.sqlite", "--json"]);
    const before = await runJson<Status>(["db", "status", "--db", "./kept.sqlite", "--json"]);
    const r = await run(["db", "load", "--data", badDir, "--db", "./kept.sqlite"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/\.ya?ml:\d+:\d+ {2}\S+ {2}/);
    expect(r.stderr).toContain("Nothing was written to SQLite ./kept.sqlite.");
    const after = await runJson<Status>(["db", "status", "--db", "./kept.sqlite", "--json"]);
    expect(after).toEqual(before);
    // nor is a database created for a load that fails
    const none = await run(["db", "load", "--data", badDir, "--db", "./never.sqlite"]);
    expect(none.code).toBe(1);
    expect(existsSync(path.join(work, "never.sqlite"))).toBe(false);
  }, 60_000);
});

/** The size of a file of the work directory (0 once it is gone). */
const size = (name: string) => {
  try {
    return statSync(path.join(work, name)).size;
  } catch {
    return 0;
  }
};

/** Resolves when `ready()` holds (checked every 20 ms); rejects if `ended` comes first. */
function until(ended: Promise<number | null>, ready: () => boolean): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (ready()) {
        clearInterval(timer);
        resolve();
      }
    }, 20);
    void ended.then((code) => {
      clearInterval(timer);
      reject(new Error(`db synth ended (${code}) before it could be stopped`));
    });
  });
}

describe("db synth", () => {
  it("--events 2000: the status counts are syntheticCounts; the summary on stdout, no progress off a terminal", async () => {
    const r = await run(["db", "synth", "--events", "2000", "--db", "./synthetic.sqlite"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^loaded 2,000 synthetic events into SQLite \.\/synthetic\.sqlite\n/);
    expect(r.stdout).toMatch(/entities\/s\); data version [0-9a-f]{16}\n$/);
    const expected = syntheticCounts({ events: 2000 });
    const st = await runJson<Status>(["db", "status", "--db", "./synthetic.sqlite", "--json"]);
    expect(st.counts).toEqual(expected);
    expect(st.datasets).toEqual([{ name: "synthetic", origin: "load", format: null, counts: expected }]);
    // the reading commands work over it
    const events = await runJson<unknown[]>([
      "events",
      "--limit",
      "3",
      "--json",
      "--db",
      "./synthetic.sqlite",
    ]);
    expect(events).toHaveLength(3);
  }, 60_000);

  it("--seed: the same seed gives the same data version, another seed another; --json summary", async () => {
    const a = await runJson<{ version: string; seed: number }>([
      "db",
      "synth",
      "--events",
      "300",
      "--seed",
      "7",
      "--db",
      "./seeded.sqlite",
      "--json",
    ]);
    const b = await runJson<{ version: string }>([
      "db",
      "synth",
      "--events",
      "300",
      "--seed",
      "7",
      "--db",
      "./seeded.sqlite",
      "--json",
    ]);
    const c = await runJson<{ version: string }>([
      "db",
      "synth",
      "--events",
      "300",
      "--seed",
      "8",
      "--db",
      "./seeded.sqlite",
      "--json",
    ]);
    expect(a.seed).toBe(7);
    expect(b.version).toBe(a.version);
    expect(c.version).not.toBe(a.version);
  }, 60_000);

  it("an empty SQLite file is filled by two writer threads: the same rows as one writer gives", async () => {
    type Synth = { version: string; rows: number; writers: number };
    const args = ["db", "synth", "--events", "12000", "--seed", "5", "--json"];
    const two = await runJson<Synth>([...args, "--db", "./two-writers.sqlite"]);
    // a fill over data already there is written by this thread alone
    await runJson(["db", "synth", "--events", "50", "--db", "./one-writer.sqlite", "--json"]);
    const one = await runJson<Synth>([...args, "--db", "./one-writer.sqlite"]);
    expect([two.writers, one.writers]).toEqual([2, 1]);
    expect(two.version).toBe(one.version);
    expect(two.rows).toBe(one.rows);
    const a = await openDatabase(path.join(work, "two-writers.sqlite"));
    const b = await openDatabase(path.join(work, "one-writer.sqlite"));
    try {
      const [x, y] = [tableContents(a), tableContents(b)];
      expect((x.search_postings ?? []).length).toBeGreaterThan(10_000);
      expect(Object.keys(x)).toEqual(Object.keys(y));
      for (const t of Object.keys(y)) expect(x[t], t).toEqual(y[t]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
    // the worker's scratch file is gone
    expect(readdirSync(work).filter((f) => f.includes(".aside-"))).toEqual([]);
  }, 120_000);

  it("Ctrl-C (SIGINT) while two threads write: exit 130, nothing written, no scratch file or journal left", async () => {
    const files = () => readdirSync(work).filter((f) => f.startsWith("stopped.sqlite"));
    const child = startCli(["db", "synth", "--events", "400000", "--db", "./stopped.sqlite"], work, baseEnv);
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const ended = new Promise<number | null>((resolve) => child.on("close", resolve));
    await until(ended, () => files().some((f) => /\.aside-\d+$/.test(f) && size(f) > 8_000_000));
    child.kill("SIGINT");
    expect(await ended).toBe(130);
    expect(stderr).toContain("db synth: SIGINT: stopping, nothing will be written");
    expect(stderr).toContain("stopped.sqlite: the load was interrupted; nothing was written");
    expect(files()).toEqual(["stopped.sqlite"]);
    const st = await run(["db", "status", "--db", "./stopped.sqlite"]);
    expect(st.stderr).toContain("the database holds no data yet");
  }, 120_000);

  it("killed with SIGKILL while two threads write: the file as it was, and the next fill clears the scratch", async () => {
    const file = path.join(work, "killed.sqlite");
    const scratch = () => readdirSync(work).filter((f) => f.startsWith("killed.sqlite.aside-"));
    const child = startCli(
      ["db", "synth", "--events", "400000", "--db", "./killed.sqlite", "--quiet"],
      work,
      baseEnv,
    );
    const ended = new Promise<number | null>((resolve) => child.on("close", resolve));
    // killed once the worker has written a few megabytes into its scratch file
    await until(ended, () => scratch().some((f) => !f.endsWith("-journal") && size(f) > 8_000_000));
    child.kill("SIGKILL");
    await ended;
    expect(scratch().length).toBeGreaterThan(0);
    // the fill never committed: a database with no data yet, sound
    const st = await run(["db", "status", "--db", "./killed.sqlite"]);
    expect(st.code).toBe(1);
    expect(st.stderr).toContain("the database holds no data yet");
    const c = await openDatabase(file);
    expect(c.sqlite?.pragma("integrity_check", { simple: true })).toBe("ok");
    await c.close();
    // the next fill removes the dead process's scratch file along with its own
    const again = await runJson<{ writers: number }>([
      "db",
      "synth",
      "--events",
      "12000",
      "--db",
      "./killed.sqlite",
      "--json",
    ]);
    expect(again.writers).toBe(2);
    expect(scratch()).toEqual([]);
  }, 120_000);

  it("replaces what db load put there", async () => {
    await runJson(["db", "load", "--db", "./replaced.sqlite", "--json"]);
    await runJson(["db", "synth", "--events", "100", "--db", "./replaced.sqlite", "--json"]);
    const st = await runJson<Status>(["db", "status", "--db", "./replaced.sqlite", "--json"]);
    expect(st.datasets.map((d) => d.name)).toEqual(["synthetic"]);
    const show = await run(["show", "john-coale", "--db", "./replaced.sqlite"]);
    expect(show.code).toBe(1);
  }, 60_000);
});

describe("what is not a database, and options that do not go together", () => {
  beforeAll(() => {
    writeFileSync(path.join(work, "notes.txt"), "these are notes, not a database\n".repeat(200));
    mkdirSync(path.join(work, "folder.sqlite"), { recursive: true });
  });

  /** Exit 1, one line naming the file, no stack trace, nothing on stdout. */
  const failsWith = (r: Run, pattern: RegExp) => {
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr).not.toContain("unexpected error");
  };

  it("a missing file", async () => {
    const file = path.join(work, "missing.sqlite");
    failsWith(
      await run(["events", "--db", "./missing.sqlite"]),
      new RegExp(`^dealmap: ${file}: no such database file`),
    );
    failsWith(await run(["db", "status", "--db", "./missing.sqlite"]), /no such database file/);
    expect(existsSync(file)).toBe(false);
  });

  it("a text file that is not a database", async () => {
    failsWith(await run(["events", "--db", "./notes.txt"]), /notes\.txt: not a Dealmap database/);
    failsWith(await run(["db", "status", "--db", "./notes.txt"]), /notes\.txt: not a Dealmap database/);
    failsWith(await run(["db", "load", "--db", "./notes.txt"]), /notes\.txt: not a Dealmap database/);
  });

  it("a directory", async () => {
    failsWith(await run(["events", "--db", "./folder.sqlite"]), /folder\.sqlite: is a directory/);
    failsWith(await run(["db", "synth", "--events", "10", "--db", "./folder.sqlite"]), /is a directory/);
  });

  it("an empty file: a database with no data yet", async () => {
    writeFileSync(path.join(work, "empty.sqlite"), "");
    failsWith(await run(["events", "--db", "./empty.sqlite"]), /empty\.sqlite: an empty database/);
    failsWith(await run(["db", "status", "--db", "./empty.sqlite"]), /empty\.sqlite: an empty database/);
  });

  it("a database path's control characters are made visible in messages", async () => {
    const r = await run(["events", "--db", "./evil\u001b]0;x\u0007.sqlite"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("evil^[]0;x^G.sqlite");
    expect(r.stderr).not.toMatch(RAW_CONTROL);
  });

  it("--db with --data or --api on a reading command: exit 2 naming both", async () => {
    for (const other of [
      ["--data", goodDir],
      ["--api", "http://localhost:4000"],
    ]) {
      const r = await run(["events", "--db", "./builtin.sqlite", ...other]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`--db and ${other[0]} cannot be used together`));
      expect(r.stderr).toContain("Usage: dealmap events");
    }
  });

  it("--db on a command that reads the data files, and db commands without a database: exit 2", async () => {
    for (const cmd of [["validate"], ["stats"], ["export", "--format", "json"], ["new", "source", "x.txt"]]) {
      const r = await run([...cmd, "--db", "./builtin.sqlite"]);
      expect(r.code, cmd.join(" ")).toBe(2);
      expect(r.stderr).toContain(`--db does not apply to ${cmd[0] === "new" ? "new source" : cmd[0]}`);
    }
    for (const cmd of [
      ["db", "load"],
      ["db", "status"],
      ["db", "synth", "--events", "5"],
    ]) {
      const r = await run(cmd);
      expect(r.code, cmd.join(" ")).toBe(2);
      expect(r.stderr).toContain(
        `${cmd.slice(0, 2).join(" ")} needs a database: give --db FILE|URL or set DEALMAP_DB`,
      );
    }
    const bare = await run(["db"]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain("db needs a command: db load, db status, db synth");
  });
});

describe.skipIf(spawnSync("tmux", ["-V"]).status !== 0)("the explorer over --db (tmux)", () => {
  const socket = `dealmap-db-test-${process.pid}`;
  const tmux = (...args: string[]) => spawnSync("tmux", ["-L", socket, ...args], { encoding: "utf8" });
  const screen = () => tmux("capture-pane", "-p", "-t", "t").stdout;
  async function waitFor(check: (s: string) => boolean, what: string, ms = 15_000): Promise<string> {
    const start = Date.now();
    let s = "";
    while (Date.now() - start < ms) {
      s = screen();
      if (check(s)) return s;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for ${what}; screen:\n${s}`);
  }

  afterAll(() => {
    tmux("kill-server");
  });

  it("starts on the database's data, names it in the status bar, searches it, and q quits", async () => {
    await runJson(["db", "load", "--data", goodDir, "--db", "./tui.sqlite", "--json"]);
    const file = path.join(work, "tui.sqlite");
    // a clean environment: Ink draws nothing progressively when it thinks it runs in CI
    const command = [
      "env",
      "-i",
      `PATH=${process.env.PATH ?? ""}`,
      `HOME=${process.env.HOME ?? ""}`,
      "TERM=xterm-256color",
      process.execPath,
      cli,
      "--db",
      file,
    ]
      .map((a) => `'${a.replace(/'/g, "'\\''")}'`)
      .join(" ");
    const r = tmux("new-session", "-d", "-x", "100", "-y", "30", "-s", "t", command);
    expect(r.status, r.stderr).toBe(0);
    const overview = await waitFor(
      // the status bar too: a capture can land between two parts of the first frame
      (x) => x.includes("Who traded what") && x.includes("events,") && x.includes(`SQLite ${file}`),
      "the overview and its status bar",
    );
    const st = await runJson<Status>(["db", "status", "--db", file, "--json"]);
    expect(overview).toContain(`${st.counts.events} events, ${st.counts.actors} actors`);
    expect(overview.split("\n")[28]).toContain(`SQLite ${file}`);
    tmux("send-keys", "-t", "t", "/");
    await waitFor((x) => x.includes("Search:"), "the search box");
    // an actor of the loaded --data directory: it comes from the database
    tmux("send-keys", "-t", "t", "-l", "oberla");
    await waitFor((x) => /actor\s+Upland/.test(x), "a search hit");
    // Esc leaves the search box (sent apart from q, or the terminal reads Alt-q)
    tmux("send-keys", "-t", "t", "Escape");
    await new Promise((r) => setTimeout(r, 300));
    tmux("send-keys", "-t", "t", "q");
    const start = Date.now();
    while (tmux("has-session", "-t", "t").status === 0 && Date.now() - start < 10_000) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(tmux("has-session", "-t", "t").status).not.toBe(0);
  }, 60_000);
});

describe("PostgreSQL", () => {
  let cluster: PgCluster | undefined;

  afterAll(async () => {
    await cluster?.stop();
  });

  it("db load, events --json and db status --json against a fresh database", async () => {
    cluster = await startPostgres();
    const url = await cluster.createDatabase("dealmap_cli");
    // the cluster trusts loopback: a password in the URL is ignored by the server, and must
    // never be printed
    const u = new URL(url);
    u.password = "s3cret-word";
    const target = u.toString();
    const loaded = await runJson<{ version: string; database: string }>([
      "db",
      "load",
      "--db",
      target,
      "--json",
    ]);
    expect(loaded.database).not.toContain("s3cret-word");
    const memory = await run(["events", "--json"]);
    const db = await run(["events", "--json", "--db", target]);
    expect(db.code, db.stderr).toBe(0);
    expect(db.stdout).toBe(memory.stdout);
    const st = await runJson<Status>(["db", "status", "--json"], { DEALMAP_DB: target });
    expect(st).toMatchObject({ engine: "postgres", schemaVersion: SCHEMA_VERSION, version: loaded.version });
    expect(st.database).toContain("***");
    expect(st.database).not.toContain("s3cret-word");
    expect(st.datasets.map((d) => d.name)).toEqual(["built-in"]);
    const stats = await runJson<{ counts: Record<string, number> }>(["stats", "--json"]);
    expect(st.counts).toEqual(stats.counts);
  }, 120_000);
});
