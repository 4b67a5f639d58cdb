/**
 * The contract suite: the built-in data (with its source texts and the memo's statements) on
 * every store — in memory, a SQLite file and a PostgreSQL database of a throwaway cluster —
 * answers every procedure JSON-equally through the router (`createCaller`).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freshDatabase } from "../../../test/postgres.ts";
import { type LoadedStores, loadedStores } from "../../../test/stores.ts";
import { createContextInner, defaultDatabaseLoad } from "../../context.ts";
import { createCaller } from "../../root.ts";
import { MemoryStore, ownersOf } from "../memory.ts";
import type { Store } from "../types.ts";
import { type Caller, contractCalls, differences, settle } from "./contract-calls.ts";
import { loadIntoDatabase, openDatabase, SCHEMA_VERSION, SqlStore } from "./index.ts";

const load = defaultDatabaseLoad();
const { dataset, provenance } = load;
const memory = new MemoryStore(dataset, {
  sourceTexts: load.texts,
  provenance,
  datasets: load.datasets,
  owners: ownersOf(load.parts ?? {}),
});

/** For the databases of single tests (an older schema, …). */
const dir = mkdtempSync(join(tmpdir(), "dealmap-contract-"));
const stores: { name: string; store: Store }[] = [];
/** Where each store's database is (a file, a URL). */
let targets = new Map<string, string>();
let loaded: LoadedStores | undefined;

beforeAll(async () => {
  loaded = await loadedStores(load, "contract", inject("pgUrl"));
  stores.push(...loaded.stores);
  targets = loaded.targets;
}, 120_000);

afterAll(async () => {
  await loaded?.close();
  rmSync(dir, { recursive: true, force: true });
});

const callerOf = async (store: Store): Promise<Caller> => createCaller(await createContextInner({ store }));
const calls = (api: Caller) => contractCalls(api, dataset, provenance);

describe("every store gives the in-memory store's answers on the built-in data", () => {
  it("has the stores", () => {
    expect(stores.map((s) => s.name)).toEqual(["sqlite", "postgres"]);
  });
  for (const name of ["sqlite", "postgres"]) {
    it(`${name}: every procedure answers as in memory`, async () => {
      const s = stores.find((x) => x.name === name);
      if (!s) throw new Error(`no ${name} store`);
      const mem = calls(await callerOf(memory));
      const db = calls(await callerOf(s.store));
      expect(db.length).toBe(mem.length);
      expect(mem.length).toBeGreaterThan(500);
      const { labels, first } = await differences(mem, db);
      expect(labels).toEqual([]);
      if (first) expect(first.got, first.label).toEqual(first.want);
    }, 120_000);
  }
  it("a profile lists at most listLimit of each, with the totals (on every store)", async () => {
    for (const store of [memory, ...stores.map((x) => x.store)]) {
      const api = await callerOf(store);
      const profiles = await Promise.all(
        dataset.actors.map((a) => api.actors.get({ id: a.id, listLimit: 2 })),
      );
      const busy = profiles.filter((p) => p.relationsTotal > 2);
      expect(busy.length).toBeGreaterThan(0);
      for (const p of profiles) {
        expect(p.relations.length).toBe(Math.min(2, p.relationsTotal));
        expect(p.routes.length).toBe(Math.min(2, p.routesTotal));
        expect(p.deals.length).toBe(Math.min(2, p.dealsTotal));
        expect(p.assessments.length).toBe(Math.min(2, p.assessmentsTotal));
      }
      const whole = await api.actors.get({ id: busy[0]?.actor.id as string, listLimit: 500 });
      expect(whole.relations.length).toBe(whole.relationsTotal);
    }
  });

  it("reports the same version (so ETags agree)", () => {
    for (const s of stores) expect(s.store.version).toBe(memory.version);
  });
});

describe("a database of an older schema is brought up to date when opened", () => {
  for (const engine of ["sqlite", "postgres"] as const) {
    it(`${engine}: version 4 (no per-role rows, no day counts, no kept originals, no owners of references, no ties) opens as version ${SCHEMA_VERSION} and answers as in memory`, async () => {
      const target =
        engine === "sqlite" ? join(dir, "old.sqlite") : await freshDatabase(inject("pgUrl"), "old_schema");
      await loadIntoDatabase(target, load);
      // make it what version 4 wrote: no per-role table, the later migrations not applied
      const c = await openDatabase(target);
      await sql`DROP TABLE event_actor_roles`.execute(c.db);
      await sql`DROP TABLE event_days`.execute(c.db);
      await sql`DROP TABLE merged_originals`.execute(c.db);
      await sql`DROP TABLE ties`.execute(c.db);
      // and references without their owners, indexed in position order
      await sql`DROP INDEX refs_by_tie`.execute(c.db);
      await sql`ALTER TABLE refs DROP COLUMN owner`.execute(c.db);
      await sql`CREATE INDEX refs_covering ON refs (target, rel, ord, id, info)`.execute(c.db);
      await sql`DELETE FROM kysely_migration WHERE name >= '0005'`.execute(c.db);
      await c.close();
      const store = await SqlStore.open(target);
      try {
        const mem = await callerOf(memory);
        const db = await callerOf(store);
        for (const a of dataset.actors.map((x) => x.id))
          expect(await settle(() => db.actors.get({ id: a })), a).toEqual(
            await settle(() => mem.actors.get({ id: a })),
          );
        // the day counts the migration made give the timeline windows
        for (const input of [{}, { from: "2025", to: "2025", bins: 12 }, { kinds: ["release" as const] }])
          expect(await settle(() => db.events.window(input))).toEqual(
            await settle(() => mem.events.window(input)),
          );
        const again = await openDatabase(target);
        expect(again.schemaVersion).toBe(SCHEMA_VERSION);
        // every reference names its owner again, the routes' ties by events their events
        const owners = await sql<{ rel: string; info: string; owned: string; n: number | string }>`
          SELECT rel, info, CASE WHEN owner IS NULL THEN 'none' WHEN owner = id THEN 'itself' ELSE 'other' END AS owned, count(*) AS n
          FROM refs GROUP BY rel, info, owned ORDER BY rel, info, owned`.execute(again.db);
        const byOwner = owners.rows.map((r) => `${r.rel}/${r.info}:${r.owned}`);
        expect(byOwner).toContain("route/event:other");
        expect(byOwner.filter((x) => x.endsWith(":none"))).toEqual([]);
        expect(byOwner.filter((x) => x.endsWith(":other"))).toEqual(["route/event:other"]);
        // the ties the migration made have their statistics (and on PostgreSQL were vacuumed)
        const analysed =
          engine === "sqlite"
            ? await sql<{ n: number }>`SELECT count(*) AS n FROM sqlite_stat1 WHERE tbl = 'ties'`.execute(
                again.db,
              )
            : await sql<{
                n: number;
              }>`SELECT count(*)::int AS n FROM pg_stat_user_tables WHERE relname = 'ties' AND last_vacuum IS NOT NULL AND last_analyze IS NOT NULL`.execute(
                again.db,
              );
        expect(Number(analysed.rows[0]?.n)).toBeGreaterThan(0);
        await again.close();
      } finally {
        await store.close();
      }
    }, 120_000);
  }
});

describe("positions past 32 bits", () => {
  it("postgres: an event link of the 2,147,484th event is stored (its position passes 2^31)", async () => {
    const url = await freshDatabase(inject("pgUrl"), "big_ord");
    const c = await openDatabase(url, { create: true });
    try {
      await sql`INSERT INTO event_links (to_id, from_id, type, ord) VALUES ('a', 'b', 'follows', ${2_147_484 * 1000})`.execute(
        c.db,
      );
      const row = await sql<{ ord: string }>`SELECT ord FROM event_links`.execute(c.db);
      expect(Number(row.rows[0]?.ord)).toBe(2_147_484_000);
    } finally {
      await c.close();
    }
  });
});

describe("the kept answers (network index, ledger) are read aside, in pages", () => {
  for (const name of ["sqlite", "postgres"]) {
    it(`${name}: ties by shared events up to the limit of actor–event rows, refused past it (rows skipped in steps)`, async () => {
      const target = targets.get(name) as string;
      const c = await openDatabase(target);
      let rows: number;
      try {
        const n = await c.db
          .selectFrom("event_actors")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow();
        rows = Number(n.n);
      } finally {
        await c.close();
      }
      expect(rows).toBeGreaterThan(100);
      // pages of 2 rows: the SQLite walk goes 40 rows a step, over several steps and a rest
      for (const [graphRows, whole] of [
        [rows, true],
        [rows - 1, false],
        [80, false],
        [rows + 1, true],
      ] as const) {
        const store = await SqlStore.open(target, { pageRows: 2, graphRows });
        try {
          const api = await callerOf(store);
          const ask = api.network.graph({ around: "belarus", hops: 1 });
          if (whole)
            expect(
              (await ask).edges.some((e) => e.type === "shared-events"),
              `${graphRows}`,
            ).toBe(true);
          else {
            const err = await ask.then(
              () => null,
              (e: unknown) => e as { code?: string; message?: string },
            );
            expect(err?.code, `${graphRows}`).toBe("BAD_REQUEST");
            expect(err?.message).toContain(`more than ${graphRows.toLocaleString("en")} actor–event rows`);
            // the relations are still there
            expect(
              (await api.network.graph({ around: "belarus", hops: 1, sharedEvents: false })).edges.length,
            ).toBeGreaterThan(0);
          }
        } finally {
          await store.close();
        }
      }
    });

    it(`${name}: read 3 rows at a time they are the same, and requests are answered while the store warms`, async () => {
      const s = stores.find((x) => x.name === name);
      if (!(s?.store instanceof SqlStore)) throw new Error(`no ${name} store`);
      const paged = await SqlStore.open(targets.get(name) as string, { pageRows: 3 });
      try {
        const order: string[] = [];
        const api = await callerOf(paged);
        const warm = paged.warm().then(() => order.push("warm"));
        // the warm-up is under way (between two of its pages) when the requests come
        for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
        expect(order).toEqual([]);
        const answered = api.events
          .list({ actors: ["john-coale"], limit: 5 })
          .then((r) => order.push(`timeline ${r.items.length}`));
        const profile = api.actors.get({ id: "belarus" }).then((r) => order.push(`profile ${r.actor.id}`));
        await Promise.all([warm, answered, profile]);
        // SQLite: the warm-up reads dozens of pages on its own connection; the two requests do
        // not wait for them (on the one connection they would wait for the whole warm-up).
        // PostgreSQL: they run on other connections of the pool, in any order.
        expect(order).toHaveLength(3);
        if (name === "sqlite") expect(order.indexOf("warm")).toBe(2);
        const ref = await callerOf(s.store);
        for (const input of [{}, { around: "belarus", hops: 2 }, { types: ["envoy-of" as const] }])
          expect(JSON.stringify(await api.network.graph(input))).toBe(
            JSON.stringify(await ref.network.graph(input)),
          );
        expect(JSON.stringify(await api.deals.ledger({}))).toBe(JSON.stringify(await ref.deals.ledger({})));
        expect(JSON.stringify(await api.deals.ledger({ party: "belarus" }))).toBe(
          JSON.stringify(await ref.deals.ledger({ party: "belarus" })),
        );
      } finally {
        await paged.close();
      }
    });
  }
});
