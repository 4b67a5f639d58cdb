/**
 * A load split between two writers (aside.ts): the rows must be those one writer makes, table
 * by table, and a writer that fails must leave nothing behind. The worker thread itself is run
 * by `dealmap db synth` (apps/cli/test/db.test.ts); here `writeAside` runs on this thread, on
 * its own connection to the scratch file, as the worker runs it.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type SyntheticOptions, syntheticEntities } from "../../synthetic.ts";
import { tableContents } from "../../test/tables.ts";
import { type Aside, asideRun } from "./aside.ts";
import { type OpenedDatabase, openDatabase } from "./engine.ts";
import { type EntityItem, loadEntities, writeAside } from "./write.ts";

const dir = mkdtempSync(join(tmpdir(), "dealmap-aside-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const OPTS: SyntheticOptions = { events: 3000, seed: 11 };

/** The aside part written by `writeAside` over `items`, as the worker thread does. */
function onThisThread(items: () => Iterable<EntityItem>): Aside {
  return (file) => asideRun(writeAside(file, items()), async () => {});
}

/** The databases a connection has attached (the temporary one aside). */
const attached = (c: OpenedDatabase) =>
  ((c.sqlite?.prepare("PRAGMA database_list").all() ?? []) as { name: string }[])
    .map((d) => d.name)
    .filter((n) => n !== "temp");

const leftovers = () => readdirSync(dir).filter((f) => f.includes(".aside-"));

/** An empty fill that did not happen: no rows in its tables, nothing attached, no scratch file. */
function expectNothingLeft(c: OpenedDatabase) {
  for (const t of ["events", "event_actors", "event_actor_roles", "search_postings"])
    expect(c.sqlite?.prepare(`SELECT count(*) FROM ${t}`).pluck().get(), t).toBe(0);
  expect(attached(c)).toEqual(["main"]);
  expect(leftovers()).toEqual([]);
}

describe("a load split between two writers (SQLite)", () => {
  it("writes the rows one writer writes, table by table, and removes its scratch file", async () => {
    const one = await openDatabase(join(dir, "one.sqlite"), { create: true });
    const two = await openDatabase(join(dir, "two.sqlite"), { create: true });
    try {
      const a = await loadEntities(one, syntheticEntities(OPTS), { datasets: ["synthetic"] });
      const b = await loadEntities(two, syntheticEntities(OPTS), {
        datasets: ["synthetic"],
        aside: onThisThread(() => syntheticEntities(OPTS)),
      });
      expect(b.version).toBe(a.version);
      expect(b.rows).toBe(a.rows);
      expect([a.writers, b.writers]).toEqual([1, 2]);
      const [x, y] = [tableContents(one), tableContents(two)];
      // the aside tables were written by the scratch file's writer, and are not empty
      for (const t of ["event_actor_roles", "search_postings", "search_vocab", "search_deletes"])
        expect((y[t] ?? []).length, t).toBeGreaterThan(1000);
      expect(Object.keys(y)).toEqual(Object.keys(x));
      for (const t of Object.keys(x)) expect(y[t], t).toEqual(x[t]);
      expect(two.sqlite?.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(attached(two)).toEqual(["main"]);
      expect(leftovers()).toEqual([]);
    } finally {
      await one.close();
      await two.close();
    }
  });

  it("a writer that fails: the load says so, writes nothing and leaves no scratch file", async () => {
    const c = await openDatabase(join(dir, "failed.sqlite"), { create: true });
    try {
      function* broken(): Generator<EntityItem> {
        let n = 0;
        for (const item of syntheticEntities(OPTS)) {
          if (++n === 2000) throw new Error("the generator broke");
          yield item;
        }
      }
      await expect(
        loadEntities(c, syntheticEntities(OPTS), { datasets: ["synthetic"], aside: onThisThread(broken) }),
      ).rejects.toThrow(
        /failed\.sqlite: the load's second writer thread failed \(the generator broke\); nothing was written/,
      );
      expectNothingLeft(c);
    } finally {
      await c.close();
    }
  });

  it("an aborted signal: the load rolls back, says so, and leaves no scratch file", async () => {
    const c = await openDatabase(join(dir, "aborted.sqlite"), { create: true });
    try {
      const stop = new AbortController();
      const opts = { events: 30_000, seed: 3 };
      await expect(
        loadEntities(c, syntheticEntities(opts), {
          datasets: ["synthetic"],
          aside: onThisThread(() => syntheticEntities(opts)),
          signal: stop.signal,
          onProgress: (n) => {
            if (n >= 20_000) stop.abort();
          },
        }),
      ).rejects.toThrow(/aborted\.sqlite: the load was interrupted; nothing was written/);
      expectNothingLeft(c);
    } finally {
      await c.close();
    }
  });

  it("the scratch files of killed loads of the same database go; others' stay", async () => {
    // a process id that has ended
    const gone = spawnSync(process.execPath, ["-e", "process.exit(0)"]).pid as number;
    const db = join(dir, "stale.sqlite");
    const stale = [`stale.sqlite.aside-${gone}`, `stale.sqlite.aside-${gone}-journal`];
    const kept = [
      `stale.sqlite.aside-${process.ppid}`,
      `other.sqlite.aside-${gone}`,
      "stale.sqlite.aside-notes",
    ];
    for (const f of [...stale, ...kept]) writeFileSync(join(dir, f), "x");
    const c = await openDatabase(db, { create: true });
    try {
      await loadEntities(c, syntheticEntities({ events: 200 }), {
        datasets: ["synthetic"],
        aside: onThisThread(() => syntheticEntities({ events: 200 })),
      });
      expect(leftovers().sort()).toEqual([...kept].sort());
    } finally {
      await c.close();
      for (const f of kept) rmSync(join(dir, f));
    }
  });
});
