/**
 * A load of an empty SQLite database split between two threads. SQLite writes a file from one
 * thread, and a 10M-event fill spends most of its time making and writing rows on that thread
 * while the machine's other cores wait. So a worker thread makes the rows of the tables below
 * from the same stream of entities and writes them into a scratch file of the same schema, while
 * this thread writes the rest into the database. When both are done, the load copies the
 * scratch tables in with `INSERT INTO main.t SELECT * FROM aside.t`, inside its one transaction:
 * SQLite copies such a statement's records as they are, without decoding them (its transfer
 * optimization), into tables that are empty and have no secondary index yet. Readers still see
 * the database before the load or after it, and a load that dies leaves it as it was.
 *
 * The scratch file is attached to the loading connection before its transaction begins (SQLite
 * cannot attach inside one), and that transaction locks only `main`, so the worker can write
 * the scratch file meanwhile (see SqliteSink).
 */
import { existsSync, readdirSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { Worker } from "node:worker_threads";
import { openDatabase } from "./engine.ts";
import { indexStatements } from "./schema.ts";
import { SEARCH_DELETES, SEARCH_POSTINGS, SEARCH_VOCAB } from "./search.ts";

/** The tables whose rows the worker writes: the search tables and the rows per actor and role. */
export const ASIDE_TABLES = ["event_actor_roles", SEARCH_POSTINGS, SEARCH_VOCAB, SEARCH_DELETES] as const;

/**
 * The secondary indexes of those tables. The worker builds them in the scratch file once its
 * rows are written, while this thread is still writing; the load makes them on its empty tables
 * before the copy, which then copies each index's records from its match too.
 */
export function asideIndexes(): { name: string; create: string }[] {
  return indexStatements().filter((i) => ASIDE_TABLES.some((t) => i.create.includes(` ON ${t} (`)));
}

/** The index the scratch file keeps: the copy is record by record only where both sides match. */
const KEPT_INDEX = `${SEARCH_VOCAB}_skeleton`;

/** A worker writing the aside rows: `done` gives how many it wrote. */
export interface AsideRun {
  done: Promise<number>;
  /** Why the worker failed, once it has (the load checks as it goes, so as to stop early). */
  failure(): Error | undefined;
  stop(): Promise<void>;
}

/** Starts the aside part of a load on a scratch file (see loadEntities' `aside`). */
export type Aside = (file: string) => AsideRun;

/** Where a database's scratch file goes: beside it, on the same disk the user chose. */
export function scratchFileOf(database: string): string {
  return `${database}.aside-${process.pid}`;
}

/** Whether a process of this id runs (a scratch file whose process is gone is left over). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: string }).code === "EPERM";
  }
}

/**
 * Make an empty scratch file of this build's schema, without the indexes the load builds later.
 * The scratch files of loads of the same database killed before they could remove theirs go.
 */
export async function makeScratch(file: string): Promise<void> {
  const dir = dirname(file);
  const mine = basename(file);
  const stem = mine.slice(0, mine.lastIndexOf("-") + 1);
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(stem)) continue;
    const pid = /^(\d+)(-journal)?$/.exec(name.slice(stem.length))?.[1];
    if (pid !== undefined && !alive(Number(pid))) rmSync(join(dir, name), { force: true });
  }
  removeScratch(file);
  const c = await openDatabase(file, { create: true });
  try {
    const raw = c.sqlite as NonNullable<typeof c.sqlite>;
    const indexes = raw
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND name <> ?")
      .pluck()
      .all(KEPT_INDEX) as string[];
    for (const name of indexes) raw.exec(`DROP INDEX "${name}"`);
    // a rollback journal, not WAL: nothing is left to checkpoint when the load detaches it
    raw.pragma("journal_mode = DELETE");
  } finally {
    await c.close();
  }
}

export function removeScratch(file: string): void {
  for (const f of [file, `${file}-journal`, `${file}-wal`, `${file}-shm`])
    if (existsSync(f)) rmSync(f, { force: true });
}

/**
 * The aside part run by a worker thread: `script` is a module that calls `writeAside` on
 * `workerData.file` and posts back the number of rows (e.g. synthetic-aside.ts); `data` is
 * passed to it as `workerData` beside `file`.
 */
export function asideWorker(script: URL, data: Record<string, unknown>): Aside {
  return (file) => {
    const worker = new Worker(script, { workerData: { ...data, file } });
    const done = new Promise<number>((resolve, reject) => {
      worker.once("message", (rows: number) => resolve(rows));
      worker.once("error", reject);
      worker.once("exit", (code) =>
        reject(new Error(`the second writer thread stopped (exit code ${code}) before it finished`)),
      );
    });
    return asideRun(done, async () => {
      await worker.terminate();
    });
  };
}

/** A run of the aside part whose rows come with `done`; its failure is noted as soon as it comes. */
export function asideRun(done: Promise<number>, stop: () => Promise<void>): AsideRun {
  let failed: Error | undefined;
  done.catch((err: Error) => {
    failed = err;
  });
  return { done, failure: () => failed, stop };
}
