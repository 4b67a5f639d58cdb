/**
 * Search from tables against the memory store's search: the same hits (kind, id, label, score,
 * matched) in the same order, on the built-in data and on the domain's search fixture, for the
 * domain's comparison query set plus typos, prefixes, Cyrillic, diacritics and each entity's
 * own name, with and without kinds and limits. On SQLite (in memory) and on PostgreSQL (the
 * test cluster of test/pg-global-setup.ts).
 */
import { loadBuiltin } from "@dealmap/dataset";
import { boundedDamerau, type Dataset } from "@dealmap/domain";
import Database from "better-sqlite3";
import fc from "fast-check";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { FIXTURE, QUERIES } from "../../../../domain/src/search/fixture.ts";
import type {} from "../../../test/pg-global-setup.ts";
import { freshDatabase } from "../../../test/postgres.ts";
import { syntheticDataset } from "../../synthetic.ts";
import { MemoryStore } from "../memory.ts";
import type { SearchKindName } from "../types.ts";
import {
  createSearchTables,
  deletesOf,
  SEARCH_CANDIDATE_CAP,
  type SearchDocuments,
  type SearchRef,
  SearchRows,
  searchSql,
} from "./search.ts";

// biome-ignore lint/suspicious/noExplicitAny: searchSql takes any store's database
type Db = Kysely<any>;

const BUILTIN = loadBuiltin();

/** Fills the search tables from a dataset the way a loader does: drained every few entities, batched. */
async function fill(db: Db, engine: "sqlite" | "postgres", ds: Dataset): Promise<void> {
  await createSearchTables(db, engine);
  const rows = new SearchRows();
  const flush = async () => {
    for (const batch of rows.drain()) {
      for (let i = 0; i < batch.rows.length; i += 500) {
        let q = db.insertInto(batch.table).values(batch.rows.slice(i, i + 500));
        if (batch.onConflictIgnore) q = q.onConflict((oc) => oc.doNothing());
        await q.execute();
      }
    }
  };
  const all: [SearchKindName, { id: string }[]][] = [
    ["actor", ds.actors],
    ["place", ds.places],
    ["event", ds.events],
    ["route", ds.routes],
    ["deal", ds.deals],
    ["source", ds.sources],
  ];
  let n = 0;
  for (const [kind, list] of all) {
    for (const e of list) {
      rows.add(kind, e as never);
      if (++n % 50 === 0) await flush();
    }
  }
  await flush();
}

/** The documents of the entities asked for, from the dataset. */
function fetcher(ds: Dataset) {
  const byId = (xs: { id: string }[]) => new Map(xs.map((x) => [x.id, x]));
  const maps = {
    actor: byId(ds.actors),
    place: byId(ds.places),
    event: byId(ds.events),
    route: byId(ds.routes),
    deal: byId(ds.deals),
    source: byId(ds.sources),
  };
  const asked: number[] = [];
  const fetch = async (refs: SearchRef[]): Promise<SearchDocuments> => {
    asked.push(refs.length);
    const out: SearchDocuments = { actors: [], places: [], events: [], routes: [], deals: [], sources: [] };
    const lists = {
      actor: out.actors,
      place: out.places,
      event: out.events,
      route: out.routes,
      deal: out.deals,
      source: out.sources,
    } as Record<SearchKindName, { id: string }[]>;
    for (const r of refs) {
      const e = maps[r.kind].get(r.id);
      if (e) lists[r.kind].push(e);
    }
    return out;
  };
  return { fetch, asked };
}

/** A word with its middle letter dropped (a typo), and its first letters (being typed). */
function misspell(name: string): string {
  return name.replace(/\p{L}{5,}/u, (w) => w.slice(0, w.length >> 1) + w.slice((w.length >> 1) + 1));
}
function typed(name: string): string {
  return name.slice(0, Math.max(3, Math.ceil(name.length * 0.6)));
}

const EXTRA = [
  // typos, prefixes, Cyrillic, diacritics, stopwords, numbers, words in texts
  "Lukashenkp",
  "Tsikhanouskya",
  "Kalesnikva",
  "Babarka",
  "Klaipdea",
  "Bialiatsky",
  "Kellog Mnsk",
  "Tsikh",
  "Kal",
  "Bel",
  "Ukr",
  "Minsk pot",
  "potash cor",
  "Лукашенко",
  "Минск",
  "Беларусь",
  "калий",
  "Šalčininkai",
  "Klaipėda",
  "Gdańsk",
  "Łukaszenka",
  "the",
  "of the",
  "2025",
  "13",
  "general licence",
  "Minsk",
  "potash",
  "prisoners released",
  "sanctions relief",
  "political prisoners released to Lithuania",
  "US Belarus deal potash sanctions prisoners Vilnius Minsk Washington",
  "",
  "   ",
  "!!!",
];

type Options = { limit?: number; kinds?: SearchKindName[] };

const ALL_OPTIONS: Options[] = [
  {},
  { limit: 1 },
  { limit: 100 },
  { kinds: ["actor"] },
  { kinds: ["event", "deal"], limit: 5 },
  { kinds: ["place", "route", "source"] },
];
const SOME_OPTIONS: Options[] = [{}, { kinds: ["event", "deal"], limit: 5 }];

/** The query set with every option set, then each entity's name or title, as is, misspelt and half typed. */
function queriesFor(ds: Dataset): [string, Options[]][] {
  const names = [...ds.actors, ...ds.places, ...ds.routes].map((e) => e.name);
  const titles = [...ds.events, ...ds.deals, ...ds.sources].map((e) => e.title);
  return [
    ...[...QUERIES.map((c) => c.query), ...EXTRA].map((q): [string, Options[]] => [q, ALL_OPTIONS]),
    ...[...names, ...titles, ...names.map(misspell), ...names.map(typed)].map((q): [string, Options[]] => [
      q,
      SOME_OPTIONS,
    ]),
  ];
}

/** Runs the queries on both sides; returns the mismatches (none expected). */
async function compare(db: Db, ds: Dataset, queries: [string, Options[]][]) {
  const store = new MemoryStore(ds);
  const { fetch, asked } = fetcher(ds);
  const mismatches: { q: string; opts: object; sql: unknown; memory: unknown }[] = [];
  let hits = 0;
  for (const [q, options] of queries) {
    for (const opts of options) {
      const [fromSql, fromMemory] = [await searchSql(db, q, opts, fetch), await store.search(q, opts)];
      hits += fromMemory.length;
      try {
        expect(fromSql).toStrictEqual(fromMemory);
      } catch {
        mismatches.push({ q, opts, sql: fromSql, memory: fromMemory });
      }
    }
  }
  return { mismatches, hits, asked };
}

function suite(
  name: string,
  engine: "sqlite" | "postgres",
  open: () => Promise<{ db: Db; close(): Promise<void> }>,
) {
  describe(`search from ${name} tables`, () => {
    let builtin: { db: Db; close(): Promise<void> };
    let fixture: { db: Db; close(): Promise<void> };
    beforeAll(async () => {
      builtin = await open();
      await fill(builtin.db, engine, BUILTIN);
      fixture = await open();
      await fill(fixture.db, engine, FIXTURE);
    }, 120_000);
    afterAll(async () => {
      await builtin?.close();
      await fixture?.close();
    });

    it("ranks the built-in data exactly as the memory store does", async () => {
      const queries = queriesFor(BUILTIN);
      const { mismatches, hits, asked } = await compare(builtin.db, BUILTIN, queries);
      expect(mismatches).toEqual([]);
      expect(hits).toBeGreaterThan(queries.length * 10);
      // every candidate set stayed under the cap (so the comparison above is of the real thing)
      expect(Math.max(...asked)).toBeLessThan(400);
    }, 120_000);

    it("ranks the domain's search fixture exactly as the memory store does", async () => {
      const { mismatches } = await compare(fixture.db, FIXTURE, queriesFor(FIXTURE));
      expect(mismatches).toEqual([]);
    }, 120_000);

    it("finds names under other spellings, typos and prefixes", async () => {
      const { fetch } = fetcher(FIXTURE);
      for (const c of QUERIES.filter((x) => x.why !== "two concepts")) {
        const hits = await searchSql(fixture.db, c.query, { limit: 3 }, fetch);
        expect(hits.map((h) => h.id)).toContain(c.expect);
      }
    });

    it("reads only the entities the query's keys reach", async () => {
      const { fetch, asked } = fetcher(BUILTIN);
      await searchSql(builtin.db, "Poczobut", {}, fetch);
      await searchSql(builtin.db, "zzqx", {}, fetch);
      expect(asked).toHaveLength(1);
      const searchable = (["actors", "places", "events", "routes", "deals", "sources"] as const)
        .map((k) => BUILTIN[k].length)
        .reduce((a, b) => a + b);
      expect(asked[0]).toBeLessThan(searchable / 10);
    });

    it("refuses bad options with the domain's errors", async () => {
      const { fetch } = fetcher(BUILTIN);
      await expect(searchSql(builtin.db, "Minsk", { limit: 0 }, fetch)).rejects.toThrow(RangeError);
      await expect(searchSql(builtin.db, "Minsk", { kinds: ["relation" as never] }, fetch)).rejects.toThrow(
        /unknown kind/,
      );
    });
  });
}

suite("SQLite", "sqlite", async () => {
  const db = new Kysely({ dialect: new SqliteDialect({ database: new Database(":memory:") }) });
  return { db, close: () => db.destroy() };
});

suite("PostgreSQL", "postgres", async () => {
  const url = await freshDatabase(inject("pgUrl"), "search_sql");
  const db = new Kysely({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 4 }) }),
  });
  return { db, close: () => db.destroy() };
});

describe("search from tables past the candidate cap", () => {
  // 3,000 synthetic events and 1,500 actors: "synthetic" and "event" are in every event's
  // summary, "union" in half of the actors' names.
  const ds = syntheticDataset({ events: 3000, actors: 1500, seed: 3 });
  const store = new MemoryStore(ds);
  const { fetch, asked } = fetcher(ds);
  const db = new Kysely({ dialect: new SqliteDialect({ database: new Database(":memory:") }) });
  beforeAll(() => fill(db, "sqlite", ds), 60_000);
  afterAll(() => db.destroy());

  it("reads at most SEARCH_CANDIDATE_CAP entities, the best-ranked first", async () => {
    for (const q of ["synthetic", "union", "event"]) {
      asked.length = 0;
      const [fromSql, fromMemory] = [await searchSql(db, q, {}, fetch), await store.search(q, {})];
      expect(asked).toEqual([SEARCH_CANDIDATE_CAP]);
      // as good as the memory store's: the same scores, rank by rank (ties may be other entities)
      expect(fromSql.map((h) => h.score)).toEqual(fromMemory.map((h) => h.score));
    }
  });

  it("filters kinds in the tables when the cap binds", async () => {
    const hits = await searchSql(db, "synthetic", { kinds: ["actor"] }, fetch);
    expect(hits).toHaveLength(20);
    expect(new Set(hits.map((h) => h.kind))).toEqual(new Set(["actor"]));
  });

  it("still puts a person's name, as written or misspelt, first", async () => {
    for (const a of ds.actors.filter((x) => x.kind === "person").slice(0, 30)) {
      expect((await searchSql(db, a.name, { limit: 1 }, fetch))[0]?.id).toBe(a.id);
      const [fromSql, fromMemory] = [
        await searchSql(db, misspell(a.name), { limit: 1 }, fetch),
        await store.search(misspell(a.name), { limit: 1 }),
      ];
      expect(fromSql).toEqual(fromMemory);
    }
  });
});

describe("SearchRows", () => {
  it("files each key once per entity, at its best tier, and never a stopword", () => {
    const rows = new SearchRows();
    rows.add("actor", {
      ...(BUILTIN.actors[0] as Dataset["actors"][number]),
      id: "x",
      name: "Tut by",
      aliases: [],
      description: "The tut of Minsk",
    });
    const batches = rows.drain();
    const postings = batches.find((b) => b.table === "search_postings")?.rows as {
      key: string;
      tier: number;
    }[];
    expect(postings.map((p) => [p.key, p.tier]).sort()).toEqual([
      ["minsk", 1],
      ["tut", 0],
      ["tutbi", 0],
    ]);
    expect(rows.drain()).toEqual([]);
  });

  it("gives every pair of keys within the domain's edit limit a common delete variant", () => {
    // Stored: a key's variants with one letter deleted, two from 8 letters. Asked: the query
    // key and its variants up to its own limit. Found: a shared variant, or the key itself.
    const stored = (k: string) => new Set([k, ...deletesOf(k, k.length >= 8 ? 2 : 1)]);
    const asked = (q: string, d: number) => new Set([q, ...deletesOf(q, d)]);
    const edit = fc.oneof(
      fc.record({ op: fc.constant("del"), at: fc.nat() }),
      fc.record({ op: fc.constant("ins"), at: fc.nat(), ch: fc.constantFrom("a", "b", "c") }),
      fc.record({ op: fc.constant("sub"), at: fc.nat(), ch: fc.constantFrom("a", "b", "c") }),
      fc.record({ op: fc.constant("swap"), at: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[abc]{4,12}$/), fc.array(edit, { maxLength: 2 }), (q, edits) => {
        let c = q;
        for (const e of edits) {
          const i = e.at % (c.length + 1);
          if (e.op === "del") c = c.slice(0, i) + c.slice(i + 1);
          if (e.op === "ins") c = c.slice(0, i) + (e as { ch: string }).ch + c.slice(i);
          if (e.op === "sub") c = c.slice(0, i) + (e as { ch: string }).ch + c.slice(i + 1);
          if (e.op === "swap" && i + 1 < c.length) c = c.slice(0, i) + c[i + 1] + c[i] + c.slice(i + 2);
        }
        const d = q.length < 8 ? 1 : 2;
        if (c.length < 3 || c === q || boundedDamerau(q, c, d) > d) return;
        const s = stored(c);
        expect([...asked(q, d)].some((v) => s.has(v))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});
