/**
 * `pnpm bench:import`: how fast `dealmap import gdelt` writes synthetic GDELT rows into SQLite
 * and PostgreSQL, beside the ceiling of each engine measured in the same run:
 *
 * - SQLite ceiling: a bare better-sqlite3 loop that reads the same file, splits each line into
 *   its 61 fields and inserts them into one 61-column table (one prepared statement, one
 *   transaction);
 * - PostgreSQL ceiling: the same file sent by a bare `COPY … FROM STDIN` into one 61-column table.
 *
 * - the rows alone ("rows"): every row the import left in its database (all tables), written again
 *   by a bare loop into an empty database of the same schema (better-sqlite3: statements of 64
 *   rows, as the store's sinks write, the rows in the order the source stores them, reading them
 *   out of the source timed apart and not counted; PostgreSQL: each table piped from `COPY … TO
 *   STDOUT` into `COPY … FROM STDIN`), then the same indexes built. No parsing, no checks, no
 *   merging: what writing this schema's rows costs by itself, a ceiling for any importer that
 *   keeps the same tables and indexes.
 *
 * "Ours" is the real path: `readGdelt` (parse, map, dedupe, mentions) into `importEntities`
 * (every row the stores keep, one transaction) on a database holding the built-in data, as the
 * CLI runs it. Rounds are interleaved (ceiling, ours, ceiling, ours…) and medians reported,
 * since this machine is shared and noisy. Each timed run is a child process of its own (this
 * file with `--one`), so that its RSS, sampled throughout, is its own: what one import holds,
 * not what the rounds before it left in a shared heap.
 *
 *   pnpm bench:import -- [--rows 1000000] [--rounds 3] [--engine sqlite|postgres|both]
 *
 * BENCH_DB_DIR (default /tmp/dealmap-bench) holds the synthetic file and databases; BENCH_PG_URL
 * names a PostgreSQL server to use (else a throwaway cluster is started and removed).
 */
import { fork } from "node:child_process";
import { once } from "node:events";
import { copyFileSync, createReadStream, existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { emptyReport, readGdelt, writeSyntheticGdelt } from "@dealmap/dataset";
import Database from "better-sqlite3";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { defaultDatabaseLoad } from "../src/context.ts";
import { importEntities, loadIntoDatabase, openDatabase } from "../src/store/sql/index.ts";
import { type PgCluster, startPostgres } from "../test/postgres.ts";

const { values, positionals } = parseArgs({
  // pnpm passes its "--" along
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    rows: { type: "string", default: "1000000" },
    rounds: { type: "string", default: "3" },
    engine: { type: "string", default: "both" },
    // a child's one timed run: bare-sqlite|bare-postgres|ours, with the file and the target
    one: { type: "string" },
  },
  allowPositionals: true,
});
const ROWS = Number(values.rows);
const ROUNDS = Number(values.rounds);
const ENGINES = values.engine === "both" ? ["sqlite", "postgres"] : [values.engine as string];
const DIR = process.env.BENCH_DB_DIR ?? "/tmp/dealmap-bench";
const COLUMNS = 61;
const RSS_BUDGET_MB = 500;
const RATIO_BUDGET = 0.4;

/**
 * The highest RSS seen while `f` runs, with its result. The process's RSS is sampled every 50 ms
 * by a worker thread: SQLite's writes run on the main thread without yielding for seconds
 * (an index build, the commit), so a timer there would miss the peaks.
 */
async function watched<T>(f: () => Promise<T>): Promise<{ value: T; seconds: number; rssMb: number }> {
  const sampler = new Worker(
    `const { parentPort } = require("node:worker_threads");
     let max = process.memoryUsage.rss();
     const timer = setInterval(() => { max = Math.max(max, process.memoryUsage.rss()); }, 50);
     parentPort.on("message", () => { clearInterval(timer); parentPort.postMessage(Math.max(max, process.memoryUsage.rss())); });`,
    { eval: true },
  );
  await once(sampler, "online");
  const t0 = performance.now();
  try {
    const value = await f();
    const seconds = (performance.now() - t0) / 1000;
    sampler.postMessage("stop");
    const [max] = (await once(sampler, "message")) as [number];
    return { value, seconds, rssMb: max / 2 ** 20 };
  } finally {
    await sampler.terminate();
  }
}

const rawTable = (engine: "sqlite" | "postgres") =>
  `CREATE TABLE raw (${Array.from({ length: COLUMNS }, (_, i) => `c${i} ${engine === "sqlite" ? "TEXT" : "text"}`).join(", ")})`;

async function bareSqlite(file: string, db: string): Promise<number> {
  rmSync(db, { force: true });
  const conn = new Database(db);
  conn.pragma("journal_mode = WAL");
  conn.exec(rawTable("sqlite"));
  const insert = conn.prepare(
    `INSERT INTO raw VALUES (${Array.from({ length: COLUMNS }, () => "?").join(", ")})`,
  );
  let n = 0;
  conn.exec("BEGIN");
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (line === "") continue;
    insert.run(line.split("\t"));
    n++;
  }
  conn.exec("COMMIT");
  conn.close();
  return n;
}

async function barePostgres(file: string, url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("DROP TABLE IF EXISTS raw");
    await client.query(rawTable("postgres"));
    // csv with a tab delimiter and a quote character that never occurs: the fields as they are
    const stream = client.query(
      copyFrom("COPY raw FROM STDIN WITH (FORMAT csv, DELIMITER E'\\t', QUOTE E'\\x01')"),
    );
    await pipeline(createReadStream(file), stream);
  } finally {
    await client.end();
  }
}

/** The tables and indexes of an empty database of our schema at `target` (made by `openDatabase`). */
async function freshSchema(target: string): Promise<void> {
  const c = await openDatabase(target, { create: true, poolSize: 1 });
  await c.close();
}

/** What writing the rows alone took: reading them out of the source is timed apart. */
interface RowsAlone {
  rows: number;
  readSeconds: number;
  writeSeconds: number;
}

/**
 * See "the rows alone" above: the import's database `source` written again into `db`, a chunk
 * of rows read, then written in statements of 64 rows (as the store's sinks write them).
 */
async function rowsSqlite(source: string, db: string): Promise<RowsAlone> {
  for (const ext of ["", "-wal", "-shm", "-journal"]) rmSync(db + ext, { force: true });
  await freshSchema(db);
  const conn = new Database(db);
  const from = new Database(source, { readonly: true });
  conn.pragma("journal_mode = DELETE");
  conn.pragma("cache_size = -262144");
  const indexes = conn
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
    .all() as { name: string; sql: string }[];
  const tables = (
    conn
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name NOT LIKE 'kysely%'",
      )
      .all() as { name: string }[]
  ).map((t) => t.name);
  let rows = 0;
  let read = 0;
  const t0 = performance.now();
  conn.exec("BEGIN");
  for (const i of indexes) conn.exec(`DROP INDEX ${i.name}`);
  for (const t of tables) {
    conn.exec(`DELETE FROM ${t}`);
    const width = (conn.pragma(`table_info(${t})`) as unknown[]).length;
    const tuple = `(${Array.from({ length: width }, () => "?").join(", ")})`;
    const one = conn.prepare(`INSERT INTO ${t} VALUES ${tuple}`);
    const many = conn.prepare(
      `INSERT INTO ${t} VALUES ${Array.from({ length: 64 }, () => tuple).join(", ")}`,
    );
    const it = from.prepare(`SELECT * FROM ${t}`).raw().iterate() as IterableIterator<unknown[]>;
    for (;;) {
      const r0 = performance.now();
      const chunk: unknown[][] = [];
      for (let next = it.next(); !next.done; next = it.next()) {
        chunk.push(next.value);
        if (chunk.length === 65536) break;
      }
      read += performance.now() - r0;
      if (chunk.length === 0) break;
      let k = 0;
      for (; k + 64 <= chunk.length; k += 64) many.run(chunk.slice(k, k + 64).flat());
      for (; k < chunk.length; k++) one.run(chunk[k]);
      rows += chunk.length;
    }
  }
  conn.pragma("threads = 2");
  for (const i of indexes) conn.exec(i.sql);
  conn.exec("COMMIT");
  from.close();
  conn.close();
  const all = (performance.now() - t0) / 1000;
  return { rows, readSeconds: read / 1000, writeSeconds: all - read / 1000 };
}

/** The same on PostgreSQL: each table of the database `source` piped by COPY into `target`. */
async function rowsPostgres(source: string, target: string): Promise<RowsAlone> {
  await freshSchema(target);
  const from = new pg.Client({ connectionString: source });
  const to = new pg.Client({ connectionString: target });
  await from.connect();
  await to.connect();
  try {
    // the indexes that are not a key's (a key's index goes with its table's constraint)
    const indexes = (
      await to.query(
        "SELECT indexname AS name, indexdef AS sql FROM pg_indexes i WHERE schemaname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
      )
    ).rows as { name: string; sql: string }[];
    const tables = (
      await to.query(
        "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'kysely%'",
      )
    ).rows.map((r: { name: string }) => r.name);
    let n = 0;
    const t0 = performance.now();
    await to.query("BEGIN");
    for (const i of indexes) await to.query(`DROP INDEX ${i.name}`);
    for (const t of tables) {
      await to.query(`DELETE FROM ${t}`);
      const into = to.query(copyFrom(`COPY ${t} FROM STDIN`));
      await pipeline(from.query(copyTo(`COPY ${t} TO STDOUT`)), into);
      n += into.rowCount; // what the server reported for the COPY: no second pass over the table
    }
    for (const i of indexes) await to.query(i.sql);
    await to.query("COMMIT");
    // the server reads and writes in one pipe: not timed apart
    return { rows: n, readSeconds: 0, writeSeconds: (performance.now() - t0) / 1000 };
  } finally {
    await from.end();
    await to.end();
  }
}

async function ours(file: string, target: string): Promise<{ events: number; rows: number }> {
  const conn = await openDatabase(target, { poolSize: 2 });
  try {
    const report = emptyReport();
    let bad = 0;
    const items = readGdelt(
      { events: [file] },
      {
        dataset: "gdelt-bench",
        states: new Map([
          ["US", "united-states"],
          ["BY", "belarus"],
        ]),
        onBad: () => {
          bad++;
        },
      },
      report,
    );
    // as the CLI does: the size hint from the input's bytes
    const s = await importEntities(conn, items, {
      dataset: "gdelt-bench",
      format: "gdelt",
      files: [file],
      expectedEntities: Math.round(statSync(file).size / 300),
    });
    if (bad > 0) throw new Error(`${bad} bad lines in the synthetic file`);
    return { events: s.counts.events ?? 0, rows: report.rowsRead };
  } finally {
    await conn.close();
  }
}

type Job = "bare-sqlite" | "bare-postgres" | "ours" | "rows-sqlite" | "rows-postgres";
type Timed<T> = { value: T; seconds: number; rssMb: number };

/** Run one timed job in a child process (this file with `--one`) and take its figures. */
async function inChild<T>(job: Job, file: string, target: string): Promise<Timed<T>> {
  const child = fork(fileURLToPath(import.meta.url), ["--one", job, file, target], { stdio: "inherit" });
  const exited = once(child, "exit").then(([code]) => {
    throw new Error(`bench child "${job}" exited with code ${code} before it reported`);
  });
  const [message] = (await Promise.race([once(child, "message"), exited])) as [Timed<T>];
  await once(child, "exit").catch(() => {});
  return message;
}

/** The child's side: run the job, watched, and report it to the parent. */
async function one(job: Job, file: string, target: string): Promise<void> {
  const run =
    job === "bare-sqlite"
      ? () => bareSqlite(file, target)
      : job === "bare-postgres"
        ? () => barePostgres(file, target)
        : job === "rows-sqlite"
          ? () => rowsSqlite(file, target)
          : job === "rows-postgres"
            ? () => rowsPostgres(file, target)
            : () => ours(file, target);
  const timed: Timed<unknown> = await watched<unknown>(run);
  await new Promise<void>((resolve, reject) =>
    process.send?.(timed, (err: Error | null) => (err ? reject(err) : resolve())),
  );
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2
    ? (s[(s.length - 1) / 2] as number)
    : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};

async function main() {
  mkdirSync(DIR, { recursive: true });
  const file = path.join(DIR, `gdelt-${ROWS}.export.CSV`);
  if (!existsSync(file)) {
    const t0 = performance.now();
    const c = await writeSyntheticGdelt(file, { rows: ROWS, seed: 7 });
    console.log(
      `wrote ${file}: ${c.rows} rows (${c.duplicates} repeats), ${(c.bytes / 2 ** 20).toFixed(0)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
  }
  console.log(
    `input: ${file} (${(statSync(file).size / 2 ** 20).toFixed(0)} MB, ${ROWS} rows); ${ROUNDS} interleaved rounds per engine`,
  );
  const load = defaultDatabaseLoad();
  let cluster: PgCluster | undefined;
  const results: string[] = [];
  let failed = false;
  try {
    for (const engine of ENGINES) {
      const bare: number[] = [];
      const our: number[] = [];
      let rss = 0;
      let made = 0;
      const rowsAlone: number[] = [];
      let written = 0;
      let admin: string | undefined;
      let base: string | undefined;
      if (engine === "sqlite") {
        base = path.join(DIR, "import-base.sqlite");
        rmSync(base, { force: true });
        await loadIntoDatabase(base, load);
      } else {
        admin = process.env.BENCH_PG_URL;
        if (!admin) {
          cluster = await startPostgres();
          admin = cluster.url;
        }
      }
      for (let r = 0; r < ROUNDS; r++) {
        let target: string;
        if (engine === "sqlite") {
          const b = await inChild<number>("bare-sqlite", file, path.join(DIR, "import-bare.sqlite"));
          bare.push(ROWS / b.seconds);
          rss = Math.max(rss, b.rssMb);
          target = path.join(DIR, "import-ours.sqlite");
          for (const ext of ["", "-wal", "-shm"]) rmSync(target + ext, { force: true });
          copyFileSync(base as string, target);
        } else {
          const url = new URL(admin as string);
          const client = new pg.Client({ connectionString: admin });
          await client.connect();
          await client.query("DROP DATABASE IF EXISTS dealmap_bench_import_bare");
          await client.query("CREATE DATABASE dealmap_bench_import_bare");
          await client.query("DROP DATABASE IF EXISTS dealmap_bench_import_ours");
          await client.query("CREATE DATABASE dealmap_bench_import_ours");
          await client.end();
          url.pathname = "/dealmap_bench_import_bare";
          const b = await inChild<void>("bare-postgres", file, url.toString());
          bare.push(ROWS / b.seconds);
          rss = Math.max(rss, b.rssMb);
          url.pathname = "/dealmap_bench_import_ours";
          target = url.toString();
          await loadIntoDatabase(target, load); // not timed: the database the import lands in
        }
        const o = await inChild<{ events: number; rows: number }>("ours", file, target);
        our.push(ROWS / o.seconds);
        rss = Math.max(rss, o.rssMb);
        made = o.value.events;
        // the rows the import left, written again by a bare loop (not part of the budget)
        let again: string;
        if (engine === "sqlite") again = path.join(DIR, "import-rows.sqlite");
        else {
          const url = new URL(admin as string);
          const client = new pg.Client({ connectionString: admin });
          await client.connect();
          await client.query("DROP DATABASE IF EXISTS dealmap_bench_import_rows");
          await client.query("CREATE DATABASE dealmap_bench_import_rows");
          await client.end();
          url.pathname = "/dealmap_bench_import_rows";
          again = url.toString();
        }
        const w = await inChild<RowsAlone>(
          engine === "sqlite" ? "rows-sqlite" : "rows-postgres",
          target,
          again,
        );
        rowsAlone.push(ROWS / w.value.writeSeconds);
        written = w.value.rows;
        console.log(
          `${engine} round ${r + 1}: bare ${(bare.at(-1) as number).toFixed(0)} rows/s, ours ${(our.at(-1) as number).toFixed(0)} rows/s (${o.seconds.toFixed(1)} s, ${made} events made, RSS ≤ ${o.rssMb.toFixed(0)} MB), its ${written} rows alone ${(rowsAlone.at(-1) as number).toFixed(0)} input rows/s (written and indexed in ${w.value.writeSeconds.toFixed(1)} s${w.value.readSeconds ? `, read back in ${w.value.readSeconds.toFixed(1)} s, not counted` : ""})`,
        );
      }
      const ratio = median(our) / median(bare);
      const ok = ratio >= RATIO_BUDGET && rss <= RSS_BUDGET_MB;
      failed ||= !ok;
      results.push(
        `${engine.padEnd(8)} bare ${median(bare).toFixed(0).padStart(7)} rows/s   ours ${median(our).toFixed(0).padStart(7)} rows/s   ratio ${(ratio * 100).toFixed(0)}% (budget ≥ ${RATIO_BUDGET * 100}%)   max RSS ${rss.toFixed(0)} MB (budget ≤ ${RSS_BUDGET_MB})   ${ok ? "PASS" : "FAIL"}`,
        `${"".padEnd(8)} its ${written} database rows alone, written by a bare loop: ${median(rowsAlone).toFixed(0)} input rows/s, ${((median(rowsAlone) / median(bare)) * 100).toFixed(0)}% of bare`,
      );
    }
  } finally {
    await cluster?.stop();
  }
  console.log(`\nmedians of ${ROUNDS} rounds, ${ROWS} GDELT rows:`);
  for (const line of results) console.log(line);
  process.exitCode = failed ? 1 : 0;
}

if (values.one) await one(values.one as Job, positionals[0] as string, positionals[1] as string);
else await main();
