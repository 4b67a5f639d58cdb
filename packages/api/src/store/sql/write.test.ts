/**
 * Bulk writes on SQLite build the secondary indexes at the end, with SQLite's auxiliary sort
 * threads and a page cache sized for the build (buildIndexes): the indexes must all be there,
 * the file sound, and the connection's own settings as they were after.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { defaultDatabaseLoad } from "../../context.ts";
import { syntheticEntities } from "../../synthetic.ts";
import type { OpenedDatabase } from "./engine.ts";
import { importEntities, loadEntities, loadIntoDatabase, openDatabase } from "./index.ts";
import { indexStatements } from "./schema.ts";

const dir = mkdtempSync(join(tmpdir(), "dealmap-write-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function settled(c: OpenedDatabase) {
  const db = c.sqlite;
  if (!db) throw new Error("not SQLite");
  const indexes = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all() as { name: string }[]
  ).map((r) => r.name);
  return {
    missing: indexStatements()
      .map((i) => i.name)
      .filter((n) => !indexes.includes(n)),
    threads: db.pragma("threads", { simple: true }),
    cache: db.pragma("cache_size", { simple: true }),
    integrity: db.pragma("integrity_check", { simple: true }),
  };
}

/** Every index there, the file sound, the connection's settings as `before` the write. */
function expectSettled(c: OpenedDatabase, before: ReturnType<typeof settled>) {
  expect(settled(c)).toEqual({ missing: [], threads: before.threads, cache: before.cache, integrity: "ok" });
}

describe("bulk writes build the indexes at the end (SQLite)", () => {
  it("a load into an empty file: every index built, the connection's settings back", async () => {
    const c = await openDatabase(join(dir, "load.sqlite"), { create: true });
    try {
      const before = settled(c);
      const s = await loadEntities(c, syntheticEntities({ events: 3000 }), { datasets: ["synthetic"] });
      expect(s.counts.events).toBe(3000);
      expectSettled(c, before);
      // the indexes answer: the busiest actor's rows come from event_actors_by_actor
      const plan = c.sqlite
        ?.prepare("EXPLAIN QUERY PLAN SELECT id FROM event_actors WHERE actor = ? AND cls = 0 ORDER BY lo")
        .all("syn-actor-0") as { detail: string }[];
      expect(plan.map((p) => p.detail).join(" ")).toContain("event_actors_by_actor");
    } finally {
      await c.close();
    }
  });

  it("an import larger than the database (indexes dropped and rebuilt): the same", async () => {
    const file = join(dir, "import.sqlite");
    await loadIntoDatabase(file, defaultDatabaseLoad());
    const c = await openDatabase(file);
    try {
      const before = settled(c);
      // (an import checks references against what came before; synthetic actors name later ones
      // in their roles, which the import would refuse, so they come without roles here)
      const items = [...syntheticEntities({ events: 3000 })].map((x) =>
        x.kind === "actors" ? { ...x, entity: { ...x.entity, roles: [] } } : x,
      );
      const s = await importEntities(c, items, {
        dataset: "big",
        format: "csv",
        files: ["big.csv"],
        // more than the built-in data holds: the import drops the indexes and builds them after
        expectedEntities: 5000,
      });
      expect(s.counts.events).toBe(3000);
      expectSettled(c, before);
      const n = c.sqlite
        ?.prepare("SELECT count(*) AS n FROM event_actors WHERE actor = ?")
        .get("syn-actor-0") as {
        n: number;
      };
      expect(n.n).toBeGreaterThan(0);
    } finally {
      await c.close();
    }
  });
});
