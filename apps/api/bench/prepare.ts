/**
 * Benchmark child: makes sure the database a run measures exists and holds the right data, then
 * finds the URLs to measure in it — in a process of its own, so that neither the runner nor the
 * serving child carries the memory a fill leaves behind.
 *
 * The job: one JSON object (see {@link PrepareJob}) in BENCH_PREPARE_JOB. For PostgreSQL the
 * database is created on the server at `admin` when missing. A database that already holds the
 * data asked for is reused (synthetic: the "synthetic" dataset with exactly N events, from the default seed;
 * built-in: the same data version as the built-in data plus DEALMAP_DATA now); an empty one is
 * filled, and one holding anything else is refilled — each fill one transaction (loadEntities
 * of the synthetic stream, loadIntoDatabase of the built-in data).
 *
 * The busiest actor, the year window and the typo'd name come from the database's tables, not
 * from a dataset in memory: the busiest actor is the one with the most rows in event_actors.
 */
import { statSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import {
  asideWorker,
  loadEntities,
  loadIntoDatabase,
  type OpenedDatabase,
  openDatabase,
  storeVersion,
} from "@dealmap/api";
import { syntheticCounts, syntheticEntities } from "@dealmap/api/synthetic";
import { loadSourceTexts, loadWithUserData } from "@dealmap/dataset";
import { type BenchUrls, benchUrls, typoOf } from "./urls.ts";

export interface PrepareJob {
  /** "existing": a database given with --db, measured as it is (never filled or refilled). */
  data: "builtin" | "synthetic" | "existing";
  /** Synthetic events. */
  events: number;
  /** A file path (SQLite) or a postgres:// URL of the database itself. */
  target: string;
  /** PostgreSQL: a URL of the server's maintenance database, to create `name` there when missing. */
  admin?: { url: string; name: string };
}

export interface Prepared {
  type: "prepared";
  /** The database as shown (a URL without its password). */
  shown: string;
  reused: boolean;
  /** Why an existing database was refilled. */
  refilled?: string;
  fillMs?: number;
  fillRows?: number;
  /** Threads that wrote the fill's rows (2: split, see @dealmap/api's aside.ts). */
  fillWriters?: number;
  sizeBytes: number;
  /** How the size was measured. */
  sizeHow: string;
  events: number;
  actors: number;
  busiest: string;
  busiestEvents: number;
  year: number;
  discoverMs: number;
  urls: BenchUrls;
}

/** `pg` is a dependency of @dealmap/api, not of this package: load it from there. */
interface PgClient {
  connect(): Promise<void>;
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  end(): Promise<void>;
  on(event: "error", fn: () => void): void;
}
function pgClient(url: string): PgClient {
  const require = createRequire(fileURLToPath(import.meta.resolve("@dealmap/api")));
  const pg = require("pg") as { Client: new (opts: { connectionString: string }) => PgClient };
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {});
  return client;
}

async function ensurePgDatabase(admin: { url: string; name: string }): Promise<boolean> {
  const client = pgClient(admin.url);
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [admin.name]);
    if (found.rows.length > 0) return false;
    await client.query(`CREATE DATABASE "${admin.name.replaceAll('"', '""')}"`);
    return true;
  } finally {
    await client.end().catch(() => {});
  }
}

const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
const thousands = (n: number) => n.toLocaleString("en-US");

/** Why the database does not hold what the job asks for, or undefined when it does. */
async function mismatch(conn: OpenedDatabase, job: PrepareJob, builtinVersion?: string) {
  const meta = new Map(
    (await conn.db.selectFrom("dealmap_meta").select(["key", "value"]).execute()).map((r) => [
      r.key,
      r.value,
    ]),
  );
  if (job.data === "builtin") {
    const version = meta.get("version");
    return version === builtinVersion
      ? undefined
      : `it holds data version ${version}, the built-in data is ${builtinVersion}`;
  }
  const datasets = JSON.parse(meta.get("datasets") ?? "[]") as {
    name: string;
    counts: Record<string, number>;
  }[];
  const [only] = datasets;
  if (datasets.length !== 1 || only?.name !== "synthetic")
    return `it holds the datasets ${datasets.map((d) => d.name).join(", ") || "(none)"}, not "synthetic"`;
  if (only.counts.event !== job.events)
    return `it holds ${only.counts.event ?? 0} synthetic events, not ${job.events}`;
  return undefined;
}

async function sizeOf(conn: OpenedDatabase, job: PrepareJob): Promise<{ bytes: number; how: string }> {
  const target = job.target;
  if (conn.engine === "postgres") {
    const row = await conn.db
      .selectNoFrom((eb) => eb.fn<number>("pg_database_size", [eb.fn("current_database")]).as("n"))
      .executeTakeFirstOrThrow();
    // a new database starts as a copy of template1 (the system catalogs): a fixed part of the size
    let how = "pg_database_size";
    if (job.admin) {
      const client = pgClient(job.admin.url);
      await client.connect();
      try {
        const t = await client.query("SELECT pg_database_size('template1') AS n");
        how += `; an empty database (template1) is ${mb(Number(t.rows[0]?.n ?? 0))} MB of it`;
      } finally {
        await client.end().catch(() => {});
      }
    }
    return { bytes: Number(row.n), how };
  }
  const size = (f: string) => {
    try {
      return statSync(f).size;
    } catch {
      return 0;
    }
  };
  const [file, wal, shm] = [size(target), size(`${target}-wal`), size(`${target}-shm`)];
  return {
    bytes: file + wal + shm,
    how: `file ${mb(file)} MB + -wal ${mb(wal)} MB + -shm ${mb(shm)} MB`,
  };
}

/** The busiest actor, its name with a typo and a year in the middle of the data, from the tables. */
async function discover(conn: OpenedDatabase) {
  const db = conn.db;
  const events = await db
    .selectFrom("events")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const actors = await db
    .selectFrom("entities")
    .where("kind", "=", "actor")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const top = await db
    .selectFrom("event_actors")
    .select((eb) => ["actor", eb.fn.countAll<number>().as("n")])
    .groupBy("actor")
    .orderBy("n", "desc")
    .orderBy("actor")
    .limit(1)
    .executeTakeFirst();
  const busiest = top?.actor ?? "none";
  const named = await db
    .selectFrom("entities")
    .select("label")
    .where("kind", "=", "actor")
    .where("id", "=", busiest)
    .executeTakeFirst();
  // the median year of the events (as the in-memory run takes it: the date's first four characters)
  const byYear = await db
    .selectFrom("events")
    .select((eb) => [
      eb.fn<string>("substr", ["date", eb.lit(1), eb.lit(4)]).as("y"),
      eb.fn.countAll<number>().as("n"),
    ])
    .groupBy((eb) => eb.fn("substr", ["date", eb.lit(1), eb.lit(4)]))
    .execute();
  const years = byYear
    .map((r) => ({ y: Number(r.y), n: Number(r.n) }))
    .filter((r) => Number.isFinite(r.y) && r.y > 1900)
    .sort((a, b) => a.y - b.y);
  const total = years.reduce((s, r) => s + r.n, 0);
  let year = 2025;
  for (let i = 0, seen = 0; i < years.length; i++) {
    seen += (years[i] as { n: number }).n;
    if (seen > Math.floor(total / 2)) {
      year = (years[i] as { y: number }).y;
      break;
    }
  }
  return {
    events: Number(events.n),
    actors: Number(actors.n),
    busiest,
    busiestEvents: Number(top?.n ?? 0),
    year,
    typo: typoOf(named?.label ?? "Lukashenka"),
  };
}

async function prepare(job: PrepareJob): Promise<Prepared> {
  if (job.admin && (await ensurePgDatabase(job.admin)))
    console.log(`created database ${job.admin.name} on ${new URL(job.admin.url).host}`);
  const builtin = job.data === "builtin" ? loadWithUserData() : undefined;
  if (builtin && !builtin.ok)
    throw new Error(
      `the built-in data does not load: ${builtin.problems.length} problems (run dealmap validate)`,
    );
  const builtinVersion = builtin?.ok ? storeVersion(builtin.dataset, builtin.provenance) : undefined;

  let conn = await openDatabase(job.target, { create: job.data !== "existing", poolSize: 2 });
  const shown = conn.name;
  let reused = false;
  let refilled: string | undefined;
  let fillMs: number | undefined;
  let fillRows: number | undefined;
  let fillWriters: number | undefined;
  try {
    if (job.data === "existing") {
      if (conn.empty)
        throw new Error(`${shown} holds no data: fill it first (dealmap db load, db synth or import)`);
      reused = true;
    } else if (!conn.empty) {
      refilled = await mismatch(conn, job, builtinVersion);
      reused = refilled === undefined;
    }
    if (!reused) {
      const what = job.data === "builtin" ? "the built-in data" : `${thousands(job.events)} synthetic events`;
      console.log(`filling ${shown} with ${what}${refilled ? ` (refilling: ${refilled})` : ""} …`);
      const t0 = performance.now();
      let last = t0;
      const total =
        job.data === "synthetic"
          ? Object.values(syntheticCounts({ events: job.events })).reduce((a, b) => a + b, 0)
          : 0;
      const onProgress = (n: number) => {
        const now = performance.now();
        if (now - last < 10_000) return;
        last = now;
        console.log(
          `  … ${thousands(n)}${total ? ` of ${thousands(total)}` : ""} entities in ${((now - t0) / 1000).toFixed(0)} s`,
        );
      };
      if (builtin?.ok) {
        await conn.close();
        const summary = await loadIntoDatabase(job.target, {
          dataset: builtin.dataset,
          datasets: builtin.datasets,
          provenance: builtin.provenance,
          texts: loadSourceTexts(undefined, builtin.dataset),
          parts: builtin.parts(),
          onProgress,
        });
        fillRows = summary.rows;
        fillWriters = summary.writers;
        conn = await openDatabase(job.target, { poolSize: 2 });
      } else {
        const summary = await loadEntities(conn, syntheticEntities({ events: job.events }), {
          datasets: ["synthetic"],
          onProgress,
          // as `dealmap db synth` does: a second thread writes the search and per-role rows
          aside: asideWorker(new URL("./tsx-worker.mjs", import.meta.url), {
            entry: import.meta.resolve("@dealmap/api/synthetic-aside"),
            opts: { events: job.events },
          }),
        });
        fillRows = summary.rows;
        fillWriters = summary.writers;
        // closing checkpoints SQLite's WAL: the size below is that of the database as reopened
        await conn.close();
        conn = await openDatabase(job.target, { poolSize: 2 });
      }
      fillMs = Math.round(performance.now() - t0);
    }
    const size = await sizeOf(conn, job);
    const t1 = performance.now();
    const found = await discover(conn);
    const discoverMs = Math.round(performance.now() - t1);
    return {
      type: "prepared",
      shown,
      reused,
      ...(refilled ? { refilled } : {}),
      ...(fillMs === undefined ? {} : { fillMs, fillRows, fillWriters }),
      sizeBytes: size.bytes,
      sizeHow: size.how,
      events: found.events,
      actors: found.actors,
      busiest: found.busiest,
      busiestEvents: found.busiestEvents,
      year: found.year,
      discoverMs,
      urls: benchUrls(found.busiest, found.year, found.typo),
    };
  } finally {
    await conn.close();
  }
}

const job = JSON.parse(process.env.BENCH_PREPARE_JOB ?? "{}") as PrepareJob;
try {
  const result = await prepare(job);
  process.send?.(result, () => process.exit(0));
} catch (err) {
  console.error(`prepare: ${(err as Error).message}`);
  process.exit(1);
}
