/**
 * What can go wrong around a database store: readers during a load (another process) see the
 * data before or after it, never between; a load killed with SIGKILL leaves the data as it
 * was; a missing, foreign, newer or locked database is refused with a message naming it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freshDatabase } from "../../../test/postgres.ts";
import { createContextInner, defaultDatabaseLoad } from "../../context.ts";
import { createCaller } from "../../root.ts";
import { syntheticCounts } from "../../synthetic.ts";
import { DatabaseError, loadIntoDatabase, openDatabase, SqlStore } from "./index.ts";

const builtin = defaultDatabaseLoad();
const builtinEvents = builtin.dataset.events.length;

const dir = mkdtempSync(join(tmpdir(), "dealmap-faults-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A separate Node process that streams `events` synthetic events into `target`, printing progress. */
function loadInChild(
  target: string,
  events: number,
): { child: ChildProcess; lines: string[]; done: Promise<number> } {
  const here = import.meta.dirname;
  const script = [
    'import { runnerImport } from "vite";',
    `const { module: sql } = await runnerImport(${JSON.stringify(join(here, "index.ts"))});`,
    `const { module: syn } = await runnerImport(${JSON.stringify(join(here, "../../synthetic.ts"))});`,
    `const conn = await sql.openDatabase(${JSON.stringify(target)}, { create: true, poolSize: 1 });`,
    'console.log("started");',
    `await sql.loadEntities(conn, syn.syntheticEntities({ events: ${events} }), { datasets: ["synthetic"], onProgress: (n) => console.log("progress " + n) });`,
    'console.log("done");',
    "await conn.close();",
  ].join("\n");
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
    cwd: join(here, "../../.."),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  let err = "";
  child.stdout?.on("data", (c: Buffer) => lines.push(...c.toString().split("\n").filter(Boolean)));
  child.stderr?.on("data", (c: Buffer) => {
    err += c;
  });
  const done = new Promise<number>((resolve) =>
    child.on("exit", (code, signal) => {
      if (code !== 0 && signal === null) console.error(err);
      resolve(code ?? -1);
    }),
  );
  return { child, lines, done };
}

const engines = [
  { name: "sqlite", target: async (label: string) => join(dir, `${label}.sqlite`) },
  { name: "postgres", target: async (label: string) => freshDatabase(inject("pgUrl"), label) },
];

for (const engine of engines) {
  describe(`${engine.name}: loads are all or nothing`, () => {
    let target = "";
    beforeAll(async () => {
      target = await engine.target("concurrent");
      await loadIntoDatabase(target, builtin);
    }, 60_000);

    it("readers during a load by another process see the old data or the new, never a mix", async () => {
      const store = await SqlStore.open(target);
      const api = createCaller(await createContextInner({ store }));
      const oldVersion = store.version;
      const events = 20_000;
      const load = loadInChild(target, events);
      const seen = { old: 0, new: 0, duringLoad: 0 };
      const bad: string[] = [];
      let finished = false;
      void load.done.then(() => {
        finished = true;
      });
      while (!finished) {
        const loading = load.lines.includes("started") && !load.lines.includes("done");
        // one answer, one snapshot: a page of events and their total, and the actors' total
        const page = await api.events.list({ limit: 1 });
        const actors = await api.actors.list({ limit: 1 });
        if (page.total === builtinEvents && actors.total === builtin.dataset.actors.length) seen.old++;
        else if (page.total === events && actors.total === syntheticCounts({ events }).actors) seen.new++;
        else if (page.total === builtinEvents || page.total === events) {
          // the two answers came from two snapshots (the load committed between them): fine
        } else bad.push(`events ${page.total}, actors ${actors.total}`);
        if (loading) seen.duringLoad++;
        await new Promise((r) => setTimeout(r, 5));
      }
      expect(await load.done).toBe(0);
      expect(bad).toEqual([]);
      expect(seen.duringLoad).toBeGreaterThan(3);
      expect(seen.old).toBeGreaterThan(0);
      // a store notices the new data (at most a second late) and answers from it
      await new Promise((r) => setTimeout(r, 1100));
      await store.refresh();
      expect(store.version).not.toBe(oldVersion);
      expect((await api.events.list({ limit: 1 })).total).toBe(events);
      expect((await api.stats.summary()).counts.events).toBe(events);
      await store.close();
    }, 120_000);

    it("a load killed with SIGKILL leaves the database as it was", async () => {
      const t = await engine.target("killed");
      await loadIntoDatabase(t, builtin);
      const before = await SqlStore.open(t);
      const version = before.version;
      await before.close();
      const load = loadInChild(t, 400_000);
      await new Promise<void>((resolve, reject) => {
        const timer = setInterval(() => {
          if (load.lines.some((l) => l.startsWith("progress ") && Number(l.slice(9)) >= 30_000)) {
            clearInterval(timer);
            resolve();
          }
        }, 20);
        void load.done.then((code) => {
          clearInterval(timer);
          reject(new Error(`the load ended (${code}) before it could be killed`));
        });
      });
      load.child.kill("SIGKILL");
      await load.done;
      // PostgreSQL notices the dead connection and rolls its transaction back
      const after = await SqlStore.open(t);
      expect(after.version).toBe(version);
      const api = createCaller(await createContextInner({ store: after }));
      expect((await api.events.list({ limit: 1 })).total).toBe(builtinEvents);
      expect((await api.search.query({ q: "lukashenko", limit: 1 })).hits[0]?.id).toBe(
        "alexander-lukashenko",
      );
      await after.close();
      if (engine.name === "sqlite") {
        const raw = new SQLite(t, { readonly: true });
        expect(raw.pragma("integrity_check", { simple: true })).toBe("ok");
        raw.close();
      }
    }, 120_000);
  });
}

describe("databases that are refused, with a message naming them", () => {
  const refusal = async (target: string) => {
    try {
      await SqlStore.open(target);
    } catch (err) {
      expect(err).toBeInstanceOf(DatabaseError);
      return (err as Error).message;
    }
    throw new Error(`${target} was opened`);
  };

  it("a missing file", async () => {
    const f = join(dir, "missing.sqlite");
    const m = await refusal(f);
    expect(m).toContain(f);
    expect(m).toContain("no such database file");
    expect(m).toContain("dealmap db load");
  });

  it("a file that is not a database, and a directory", async () => {
    const f = join(dir, "notes.txt");
    writeFileSync(f, "these are my notes, not a database\n".repeat(100));
    expect(await refusal(f)).toContain("not a Dealmap database");
    const d = join(dir, "a-directory");
    mkdirSync(d);
    expect(await refusal(d)).toContain("is a directory");
  });

  it("a SQLite database of another program", async () => {
    const f = join(dir, "other.sqlite");
    const raw = new SQLite(f);
    raw.exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)");
    raw.close();
    expect(await refusal(f)).toContain("not a Dealmap database");
    // and a load does not write into it either
    await expect(loadIntoDatabase(f, builtin)).rejects.toThrow(/not a Dealmap database/);
  });

  it("an empty database", async () => {
    const url = await freshDatabase(inject("pgUrl"), "empty");
    const m = await refusal(url);
    expect(m).toContain("empty database");
    expect(m).not.toContain("password");
  });

  it("a database of a newer schema version", async () => {
    const f = join(dir, "newer.sqlite");
    await loadIntoDatabase(f, builtin);
    const raw = new SQLite(f);
    raw
      .prepare("INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)")
      .run("0099_future", new Date().toISOString());
    raw.close();
    const m = await refusal(f);
    expect(m).toMatch(/newer than this Dealmap knows/);
  });

  it("a SQLite file locked by another writer: the load waits, then says so and writes nothing", async () => {
    const f = join(dir, "locked.sqlite");
    await loadIntoDatabase(f, builtin);
    const holder = new SQLite(f);
    holder.exec("BEGIN IMMEDIATE");
    try {
      await expect(loadIntoDatabase(f, builtin)).rejects.toThrow(/locked/);
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
    }
    const store = await SqlStore.open(f);
    expect((await createCaller(await createContextInner({ store })).events.list({ limit: 1 })).total).toBe(
      builtinEvents,
    );
    await store.close();
  }, 30_000);
});

describe("postgres: a lent-out connection losing its server", () => {
  it("fails that connection's next query and does not end the process", async () => {
    const target = await freshDatabase(inject("pgUrl"), "lent");
    await loadIntoDatabase(target, builtin);
    const c = await openDatabase(target);
    const admin = await openDatabase(target);
    // an uncaught "error" event would end the test process; record one if it happens
    const uncaught: unknown[] = [];
    const onUncaught = (err: unknown) => uncaught.push(err);
    process.on("uncaughtException", onUncaught);
    try {
      // a read transaction holds its connection between queries, as a store's answer does
      const failed = await c.db
        .transaction()
        .execute(async (trx) => {
          const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(trx);
          await sql`SELECT pg_terminate_backend(${rows[0]?.pid})`.execute(admin.db);
          // the client sees its socket close while no query of its own is running
          await new Promise((done) => setTimeout(done, 300));
          await sql`SELECT 1`.execute(trx);
          return null;
        })
        .catch((err: Error) => err);
      expect(failed).toBeInstanceOf(Error);
      expect(uncaught).toEqual([]);
      // the pool drops the dead connection and serves the next query from a new one
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM events`.execute(c.db);
      expect(rows[0]?.n).toBe(builtinEvents);
    } finally {
      process.off("uncaughtException", onUncaught);
      await c.close();
      await admin.close();
    }
  }, 60_000);
});
