/**
 * The lists the router pages itself (deals, the ledger's pairs, sources, assessments) and the
 * lookup of several ids at once, on every store: the built-in data in memory, in a SQLite file
 * and in a PostgreSQL database. Walking the pages gives the whole list, in order, once; every
 * store answers as the memory store does.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type LoadedStores, loadedStores } from "../test/stores.ts";
import { createContextInner, defaultDatabaseLoad } from "./context.ts";
import { createCaller } from "./root.ts";
import { MemoryStore, ownersOf } from "./store/memory.ts";
import { loadIntoDatabase, SqlStore } from "./store/sql/index.ts";
import type { Store } from "./store/types.ts";

type Caller = ReturnType<typeof createCaller>;

const load = defaultDatabaseLoad();
const memory = new MemoryStore(load.dataset, {
  sourceTexts: load.texts,
  provenance: load.provenance,
  datasets: load.datasets,
  owners: ownersOf(load.parts ?? {}),
});
/** For the databases of single tests. */
const dir = mkdtempSync(join(tmpdir(), "dealmap-paging-"));
const stores: { name: string; store: Store }[] = [{ name: "memory", store: memory }];
let loaded: LoadedStores | undefined;

beforeAll(async () => {
  loaded = await loadedStores(load, "paging", inject("pgUrl"));
  stores.push(...loaded.stores);
}, 120_000);

afterAll(async () => {
  await loaded?.close();
  rmSync(dir, { recursive: true, force: true });
});

const callerOf = async (store: Store): Promise<Caller> => createCaller(await createContextInner({ store }));

/** The built-in data without its last deal. */
const fewer = { ...load, dataset: { ...load.dataset, deals: load.dataset.deals.slice(0, -1) } };

/** Another writer loads `fewer` into the file; the store notices (it looks at most once a second). */
async function loadFewerDeals(file: string, store: SqlStore): Promise<void> {
  await loadIntoDatabase(file, fewer);
  await new Promise((r) => setTimeout(r, 1100));
  await store.refresh();
}

async function refusal(p: Promise<unknown>): Promise<TRPCError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(TRPCError);
    return err as TRPCError;
  }
  throw new Error("expected the call to be refused");
}

interface Page<T> {
  items: T[];
  total: number;
  nextCursor: string | null;
}

/** Every page of a list, `limit` at a time, checking each page's size and total on the way. */
async function walk<T>(
  limit: number,
  get: (cursor: string | undefined) => Promise<Page<T>>,
): Promise<{ items: T[]; pages: number; total: number }> {
  const items: T[] = [];
  let cursor: string | undefined;
  let total = -1;
  for (let pages = 1; pages < 1000; pages++) {
    const page = await get(cursor);
    if (total === -1) total = page.total;
    expect(page.total).toBe(total);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    if (page.nextCursor === null) return { items, pages, total };
    expect(page.items.length).toBe(limit);
    cursor = page.nextCursor;
  }
  throw new Error("the pages never ended");
}

describe("lists paged by the router", () => {
  it("the built-in data has enough of each to page (else these tests say little)", async () => {
    const api = await callerOf(memory);
    expect((await api.deals.list({})).total).toBeGreaterThanOrEqual(3);
    expect((await api.sources.list({})).total).toBeGreaterThanOrEqual(3);
    expect((await api.assessments.list({})).total).toBeGreaterThanOrEqual(3);
  });

  it("deals: pages walk the whole list once, in order, on every store", async () => {
    const whole = await (await callerOf(memory)).deals.list({});
    expect(whole.nextCursor).toBeNull();
    expect(whole.total).toBe(whole.items.length);
    for (const { name, store } of stores) {
      const api = await callerOf(store);
      const all = await walk(2, (cursor) => api.deals.list({ limit: 2, ...(cursor ? { cursor } : {}) }));
      expect(
        all.items.map((d) => d.id),
        name,
      ).toEqual(whole.items.map((d) => d.id));
      expect(all.total, name).toBe(whole.total);
      expect(all.pages, name).toBe(Math.ceil(whole.total / 2));
      // a party's deals page the same way
      const party = whole.items[0]?.parties[0] as string;
      const hers = await api.deals.list({ party });
      const paged = await walk(1, (cursor) =>
        api.deals.list({ party, limit: 1, ...(cursor ? { cursor } : {}) }),
      );
      expect(
        paged.items.map((d) => d.id),
        name,
      ).toEqual(hers.items.map((d) => d.id));
    }
  });

  it("deals: a cursor that is no deal of the list is refused, naming the cursor, on every store", async () => {
    for (const { name, store } of stores) {
      const api = await callerOf(store);
      const err = await refusal(api.deals.list({ limit: 2, cursor: "no-such-deal" }));
      expect(err.code, name).toBe("BAD_REQUEST");
      expect(err.message, name).toMatch(/cursor.*"no-such-deal" is not an item of this list/);
    }
  });

  it("a timeline's total is counted once per data version and filter, again after an import", async () => {
    const file = join(dir, "totals.sqlite");
    await loadIntoDatabase(file, load);
    const store = await SqlStore.open(file);
    try {
      const api = await callerOf(store);
      const filter = { actors: ["belarus"], from: "2025-10", to: "2025-11" };
      const first = await api.events.list({ ...filter, limit: 2 });
      // every page of the filter says the same total
      const second = await api.events.list({ ...filter, limit: 2, cursor: first.nextCursor as string });
      expect(second.total).toBe(first.total);
      const { importSample } = await import("./test/import-sample.ts");
      await importSample(file, "wire");
      await new Promise((r) => setTimeout(r, 1100));
      await store.refresh();
      // the two imported talks (20 Oct and 3 Nov 2025, hosted by Belarus) count now
      const after = await api.events.list({ ...filter, limit: 2 });
      expect(after.total).toBe(first.total + 2);
      const fresh = await SqlStore.open(file);
      try {
        expect(after.total).toBe((await (await callerOf(fresh)).events.list({ ...filter, limit: 2 })).total);
      } finally {
        await fresh.close();
      }
    } finally {
      await store.close();
    }
  });

  it("the ledger a SQL store keeps is worked out again once other data is loaded", async () => {
    const file = join(dir, "reloaded.sqlite");
    await loadIntoDatabase(file, load);
    const store = await SqlStore.open(file);
    try {
      const api = await callerOf(store);
      const before = await api.deals.ledger({});
      expect(await api.deals.ledger({})).toEqual(before);
      // the same data without its last deal, loaded by another writer
      await loadFewerDeals(file, store);
      const after = await api.deals.ledger({});
      const want = await (
        await callerOf(
          new MemoryStore(fewer.dataset, { provenance: load.provenance, datasets: load.datasets }),
        )
      ).deals.ledger({});
      expect(after).toEqual(want);
      expect(after).not.toEqual(before);
      expect((await api.deals.list({ limit: 1 })).total).toBe(fewer.dataset.deals.length);
    } finally {
      await store.close();
    }
  });

  it("warm works out the kept answers in the background, and again after another writer's load", async () => {
    const file = join(dir, "warmed.sqlite");
    await loadIntoDatabase(file, load);
    const store = await SqlStore.open(file);
    try {
      const api = await callerOf(store);
      expect(store.warmedFor).toBeNull();
      await store.warm();
      const first = (await api.stats.summary()).version;
      expect(store.warmedFor).toBe(first);
      // what it worked out is what is answered
      expect(await api.deals.ledger({})).toEqual(await (await callerOf(memory)).deals.ledger({}));
      await loadFewerDeals(file, store);
      await store.whenWarm();
      const next = (await api.stats.summary()).version;
      expect(next).not.toBe(first);
      expect(store.warmedFor).toBe(next);
      expect((await api.deals.ledger({})).total).toBe((await api.deals.ledger({})).pairs.length);
    } finally {
      await store.close();
    }
  });

  it("the ledger: pairs page in their order, named per page, with the total", async () => {
    const whole = await (await callerOf(memory)).deals.ledger({});
    expect(whole.total).toBe(whole.pairs.length);
    for (const { name, store } of stores) {
      const api = await callerOf(store);
      const all = await walk(1, async (cursor) => {
        const r = await api.deals.ledger({ limit: 1, ...(cursor ? { cursor } : {}) });
        return { items: r.pairs, total: r.total, nextCursor: r.nextCursor };
      });
      expect(all.items, name).toEqual(whole.pairs);
      // the cursor is the last pair's parties
      if (whole.pairs.length > 1) {
        const first = await api.deals.ledger({ limit: 1 });
        expect(first.nextCursor).toBe(whole.pairs[0]?.parties.join("|"));
      }
    }
  });

  it("sources: data order or the most cited first, paged", async () => {
    const api0 = await callerOf(memory);
    const data = await api0.sources.list({});
    const cited = await api0.sources.list({ order: "claims" });
    expect(cited.items.map((s) => s.source.id).sort()).toEqual(data.items.map((s) => s.source.id).sort());
    for (let i = 1; i < cited.items.length; i++)
      expect(cited.items[i - 1]?.claims).toBeGreaterThanOrEqual(cited.items[i]?.claims ?? 0);
    for (const { name, store } of stores) {
      const api = await callerOf(store);
      const all = await walk(2, (cursor) =>
        api.sources.list({ order: "claims", limit: 2, ...(cursor ? { cursor } : {}) }),
      );
      expect(all.items, name).toEqual(cited.items);
    }
  });

  it("assessments: paged with their filters", async () => {
    const whole = await (await callerOf(memory)).assessments.list({});
    for (const { name, store } of stores) {
      const api = await callerOf(store);
      const all = await walk(2, (cursor) =>
        api.assessments.list({ limit: 2, ...(cursor ? { cursor } : {}) }),
      );
      expect(
        all.items.map((a) => a.id),
        name,
      ).toEqual(whole.items.map((a) => a.id));
      const topic = whole.items[0]?.topic;
      if (topic) {
        const some = await api.assessments.list({ topic, limit: 1 });
        expect(some.total).toBe(whole.items.filter((a) => a.topic === topic).length);
        expect(some.items.every((a) => a.topic === topic)).toBe(true);
      }
    }
  });

  it("a cursor that is no item of the list is a 400 naming it", async () => {
    const api = await callerOf(memory);
    for (const p of [
      api.deals.list({ cursor: "no-such-deal", limit: 5 }),
      api.deals.ledger({ cursor: "a|b", limit: 5 }),
      api.sources.list({ cursor: "no-such-source" }),
      api.assessments.list({ cursor: "no-such-assessment", limit: 5 }),
    ]) {
      const err = await refusal(p);
      expect(err.code).toBe("BAD_REQUEST");
      expect(err.message).toMatch(/^cursor: /);
    }
    // limits are the lists' usual 1–200
    expect((await refusal(api.deals.list({ limit: 0 }))).code).toBe("BAD_REQUEST");
    expect((await refusal(api.sources.list({ limit: 201 }))).code).toBe("BAD_REQUEST");
  });
});

describe("entity.many", () => {
  it("looks up ids of any kind at once, in the order asked, with datasets and the missing ones", async () => {
    const api0 = await callerOf(memory);
    const deal = (await api0.deals.list({ limit: 1 })).items[0]?.id as string;
    const source = (await api0.sources.list({ limit: 1 })).items[0]?.source.id as string;
    const actors = (await api0.actors.list({ limit: 3 })).items.map((a) => a.id);
    const ids = [deal, "no-such-thing", ...actors, source, actors[0] as string];
    for (const { name, store } of stores) {
      const api = await callerOf(store);
      const r = await api.entity.many({ ids });
      expect(
        r.items.map((e) => [e.kind, e.entity.id]),
        name,
      ).toEqual([["deal", deal], ...actors.map((a) => ["actor", a]), ["source", source]]);
      expect(r.missing).toEqual(["no-such-thing"]);
      expect(r.datasets).toEqual(r.items.map(() => "built-in"));
      // the same entities entity.get gives
      expect(r.items[1]).toEqual(await api.entity.get({ id: actors[0] as string }));
    }
    expect(await api0.entity.many({ ids: [] })).toEqual({ items: [], datasets: [], missing: [] });
    expect((await refusal(api0.entity.many({ ids: Array(201).fill(deal) }))).code).toBe("BAD_REQUEST");
  });

  it("over 50,000 synthetic events the ledger and the deals answer 200 at a time when no limit is asked, as memory does, on SQLite", async () => {
    const { syntheticDataset } = await import("./synthetic.ts");
    const data = syntheticDataset({ events: 50_000 });
    const file = join(dir, "synthetic-50k.sqlite");
    await loadIntoDatabase(file, { dataset: data, datasets: ["synthetic"] });
    const sqlite = await SqlStore.open(file);
    try {
      const mem = await callerOf(new MemoryStore(data));
      const db = await callerOf(sqlite);
      const first = await mem.deals.ledger({});
      expect(first.total).toBeGreaterThan(200);
      expect(first.pairs).toHaveLength(200);
      expect(first.nextCursor).toBe(first.pairs[199]?.parties.join("|"));
      const rest = await mem.deals.ledger({ cursor: first.nextCursor as string });
      expect(rest.pairs).toHaveLength(first.total - 200);
      expect(rest.nextCursor).toBeNull();
      // the SQL store keeps only the pairs' order and works a page out from its deals: the same
      // pages, filtered the same ways (a busy party, a pair of it)
      expect(await db.deals.ledger({})).toEqual(first);
      expect(await db.deals.ledger({ cursor: first.nextCursor as string })).toEqual(rest);
      const [a, b] = (first.pairs[0] as (typeof first.pairs)[number]).parties;
      for (const input of [{ party: a }, { party: a, limit: 3 }, { with: b }, { party: b, with: a }])
        expect(await db.deals.ledger(input), JSON.stringify(input)).toEqual(await mem.deals.ledger(input));
      const deals = await db.deals.list({});
      expect(deals.items).toHaveLength(200);
      expect(deals.total).toBe(data.deals.length);
      expect(deals).toEqual(await mem.deals.list({}));
    } finally {
      await sqlite.close();
    }
  }, 120_000);
});
