/**
 * Imports as datasets on both engines: written beside the loaded data, replaced by name, the
 * same input twice changes nothing, removed exactly (every answer of the contract suite is as
 * before the import), dangling references refused, a failed import writes nothing, and a new
 * load keeps the imports.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Actor, Source, StoryEvent } from "@dealmap/domain";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freshDatabase } from "../../../test/postgres.ts";
import { createContextInner, defaultDatabaseLoad } from "../../context.ts";
import { createCaller } from "../../root.ts";
import { contractCalls, settle } from "./contract-calls.ts";
import { heldLookup } from "./datasets.ts";
import {
  acceptSameAs,
  type Dangling,
  type EntityItem,
  importEntities,
  listDatasets,
  loadIntoDatabase,
  openDatabase,
  removeDataset,
  SqlStore,
  unacceptSameAs,
} from "./index.ts";
import { eventDaysCounted, tiesOf } from "./schema.ts";
import { openSink } from "./write.ts";

const load = defaultDatabaseLoad();
const dir = mkdtempSync(join(tmpdir(), "dealmap-imports-"));
const targets: { name: string; target: string }[] = [];

beforeAll(async () => {
  const file = join(dir, "imports.sqlite");
  await loadIntoDatabase(file, load);
  targets.push({ name: "sqlite", target: file });
  const url = await freshDatabase(inject("pgUrl"), "imports");
  await loadIntoDatabase(url, load);
  targets.push({ name: "postgres", target: url });
}, 120_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const src: Source = {
  id: "notes-src-1",
  kind: "news-report",
  title: "A wire report on talks in Minsk",
  publisher: "Example Wire",
  url: "https://example.org/wire/1",
  language: "en",
};
const actor: Actor = {
  id: "notes-zmitser-kowalczyk",
  kind: "person",
  name: "Zmitser Kowalczyk",
  aliases: [{ name: "Зміцер Кавальчык", romanization: "Cyrl" }],
  description: "A made-up negotiator for the import tests.",
  roles: [],
  citations: [{ source: src.id }],
};
function event(n: number, extra: Partial<StoryEvent> = {}): StoryEvent {
  return {
    id: `notes-talks-${n}`,
    kind: "meeting",
    title: `Talks in Minsk, round ${n}`,
    summary: `Round ${n} of made-up talks between a negotiator and Belarus.`,
    date: `2025-10-${String(10 + n).padStart(2, "0")}`,
    dateVariants: [],
    status: "reported",
    participants: [
      { actor: actor.id, role: "visitor" },
      { actor: "belarus", role: "host" },
    ],
    places: ["minsk"],
    routes: [],
    quantities: [],
    links: [],
    tags: ["import-test"],
    citations: [{ source: src.id }],
    ...extra,
  };
}
const items = (events: StoryEvent[]): EntityItem[] => [
  { kind: "sources", entity: src },
  { kind: "actors", entity: actor },
  ...events.map((entity) => ({ kind: "events" as const, entity })),
];

/** An imported actor that is a curated one ("john-coale") by another id, and what names it. */
const coale: Actor = {
  ...actor,
  id: "notes-j-coale",
  name: "John Coale",
  // two names the curated actor lacks; the others it lists (letter case aside)
  aliases: [
    { name: "JOHN COALE", lang: "en" },
    { name: "Джон П. Коул", lang: "ru", romanization: "Cyrl" },
    { name: "Cole", lang: "en" },
    { name: "Ivan Coalevich", lang: "en" },
  ],
  country: "US",
  description: "How the import names a curated person.",
};
const rel = {
  id: "notes-coale-works-for",
  type: "works-for" as const,
  from: coale.id,
  to: "united-states",
  citations: [{ source: src.id }],
};
/**
 * The import with that actor (and the actors `after` it), a relation of it and events `n` where
 * it visits Belarus.
 */
const coaleItems = (n: number[], after: Actor[] = []): EntityItem[] => [
  ...items([]),
  { kind: "actors", entity: coale },
  ...after.map((entity) => ({ kind: "actors" as const, entity })),
  { kind: "relations", entity: rel },
  ...n.map((k) => ({
    kind: "events" as const,
    entity: event(k, {
      participants: [
        { actor: coale.id, role: "visitor" },
        // after the merge one actor in one role, once
        ...(k === 8 ? [{ actor: "john-coale", role: "visitor" as const }] : []),
        { actor: "belarus", role: "host" },
      ],
    }),
  })),
];

/**
 * The tables kept at every write hold exactly what counting their sources again gives: the ties
 * (from the reference rows), the events per day (a load tallies them as it writes) and each
 * actor's events per roles.
 */
const NUMERIC = new Set(["o", "level", "day", "n"]);
async function expectKeptExact(target: string) {
  const c = await openDatabase(target);
  try {
    const same = async (kept: string, made: string, order: string) => {
      const rows = async (q: string) =>
        (await sql.raw(`SELECT * FROM (${q}) x ORDER BY ${order}`).execute(c.db)).rows.map((r) =>
          // PostgreSQL gives bigint and count(*) as strings
          JSON.stringify(
            Object.entries(r as object).map(([k, v]) => [k, NUMERIC.has(k) && v !== null ? Number(v) : v]),
          ),
        );
      const a = await rows(made);
      expect(a.length).toBeGreaterThan(50);
      expect(await rows(kept)).toEqual(a);
    };
    await same("SELECT target, rel, id, o, infos FROM ties", tiesOf(c.engine, "1 = 1"), "target, rel, id");
    await same(
      "SELECT level, day, kind, dataset, n FROM event_days WHERE level = 1",
      eventDaysCounted("1 = 1"),
      "day, kind, dataset",
    );
    await same(
      "SELECT actor, roles, n FROM actor_role_counts",
      "SELECT actor, roles, count(*) AS n FROM event_actors GROUP BY actor, roles",
      "actor, roles",
    );
  } finally {
    await c.close();
  }
}

async function answers(target: string): Promise<Map<string, string>> {
  await expectKeptExact(target);
  const store = await SqlStore.open(target);
  try {
    const api = createCaller(await createContextInner({ store }));
    const out = new Map<string, string>();
    for (const [label, call] of contractCalls(api, load.dataset, load.provenance))
      out.set(label, JSON.stringify(await settle(call)));
    return out;
  } finally {
    await store.close();
  }
}

async function withStore<T>(
  target: string,
  f: (api: ReturnType<typeof createCaller>, store: SqlStore) => Promise<T>,
) {
  const store = await SqlStore.open(target);
  try {
    return await f(createCaller(await createContextInner({ store })), store);
  } finally {
    await store.close();
  }
}

async function imported(
  target: string,
  list: Iterable<EntityItem> | AsyncIterable<EntityItem>,
  opts: { hash?: string; onDangling?: (d: Dangling) => boolean } = {},
) {
  const c = await openDatabase(target);
  try {
    return await importEntities(c, list, {
      dataset: "notes",
      format: "csv",
      files: ["notes.csv"],
      ...(opts.hash ? { inputHash: opts.hash } : {}),
      ...(opts.onDangling ? { onDangling: opts.onDangling } : {}),
    });
  } finally {
    await c.close();
  }
}

/** Remove the import "notes": every answer of the contract suite is then as `before` it. */
async function removedAsBefore(target: string, before: Map<string, string>) {
  const c = await openDatabase(target);
  try {
    await removeDataset(c, "notes");
  } finally {
    await c.close();
  }
  const after = await answers(target);
  expect([...before.keys()].filter((k) => before.get(k) !== after.get(k))).toEqual([]);
}

describe.each(["sqlite", "postgres"])("imports on %s", (engine) => {
  const target = () => (targets.find((t) => t.name === engine) as { target: string }).target;
  /** Import "notes" as coaleItems(n, after) under the input hash `hash`. */
  const withCoale = (hash: string, n: number[], after: Actor[] = []) =>
    imported(target(), coaleItems(n, after), { hash });

  it("adds an import beside the data, replaces it by name, and removes exactly its values", async () => {
    const before = await answers(target());
    const beforeVersion = await withStore(target(), async (_api, s) => s.version);

    const first = await imported(target(), items([event(1), event(2)]), { hash: "h1" });
    expect(first).toMatchObject({ unchanged: false, replaced: false, left: 0 });
    expect(first.counts).toEqual({ sources: 1, actors: 1, events: 2 });
    expect(first.version).not.toBe(beforeVersion);
    await withStore(target(), async (api, store) => {
      expect(store.version).toBe(first.version);
      const stats = await api.stats.summary();
      const base = JSON.parse(before.get("stats") as string).ok;
      expect(stats.counts.events).toBe(base.counts.events + 2);
      expect(stats.counts.actors).toBe(base.counts.actors + 1);
      const timeline = await api.events.list({ actors: [actor.id], limit: 10 });
      expect(timeline.items.map((e) => e.id)).toEqual(["notes-talks-1", "notes-talks-2"]);
      expect(timeline.datasets).toEqual(["notes", "notes"]);
      const onlyImport = await api.events.list({ datasets: ["notes"], limit: 10 });
      expect(onlyImport).toMatchObject({ total: 2, datasets: ["notes", "notes"] });
      const curated = await api.events.list({ datasets: load.datasets as string[], limit: 200 });
      expect(curated.total).toBe(base.counts.events);
      expect(curated.items.map((e) => e.id)).not.toContain("notes-talks-1");
      const sets = await api.stats.datasets();
      expect(sets.at(-1)).toMatchObject({ name: "notes", origin: "import", format: "csv" });
      expect(sets.at(-1)?.counts).toMatchObject({ sources: 1, actors: 1, events: 2, places: 0 });
      const belarus = await api.actors.get({ id: "belarus" });
      expect(belarus.dataset).toBe("built-in");
      const host = belarus.eventsByRole.find((r) => r.role === "host");
      expect(host?.events.map((e) => e.id)).toEqual(
        expect.arrayContaining(["notes-talks-1", "notes-talks-2"]),
      );
      // each listed event says which dataset it belongs to: the import's, or the curated one's
      const byId = new Map(host?.events.map((e) => [e.id, e.dataset]));
      expect(byId.get("notes-talks-1")).toBe("notes");
      expect(byId.get("notes-talks-2")).toBe("notes");
      expect(new Set(byId.values())).toEqual(new Set(["notes", "built-in"]));
      // every view can say where an actor or event came from, and list one dataset's actors
      expect((await api.actors.get({ id: actor.id })).dataset).toBe("notes");
      expect((await api.events.get({ id: "notes-talks-2" })).dataset).toBe("notes");
      expect((await api.events.get({ id: "release-2025-09" })).dataset).toBe("built-in");
      const importActors = await api.actors.list({ datasets: ["notes"] });
      expect(importActors).toMatchObject({ total: 1, datasets: ["notes"], nextCursor: null });
      expect(importActors.items.map((a) => a.id)).toEqual([actor.id]);
      const all = await api.actors.list({ limit: 200 });
      expect(all.total).toBe(base.counts.actors + 1);
      expect(all.datasets.at(-1)).toBe("notes");
      expect(all.datasets.slice(0, -1).every((d) => d === "built-in")).toBe(true);
      // several datasets merge in list order, paging included, as one unfiltered list would
      const both: string[] = [];
      const bothSets: string[] = [];
      let cursor: string | undefined;
      do {
        const p = await api.actors.list({ datasets: ["notes", "built-in"], limit: 9, cursor });
        both.push(...p.items.map((a) => a.id));
        bothSets.push(...p.datasets);
        cursor = p.nextCursor ?? undefined;
      } while (cursor);
      expect(both).toEqual(all.items.map((a) => a.id));
      expect(bothSets).toEqual(all.datasets);
      const curatedActors = await api.actors.list({ datasets: ["built-in"], limit: 200 });
      expect(curatedActors.total).toBe(base.counts.actors);
      expect(curatedActors.items.map((a) => a.id)).not.toContain(actor.id);
      expect((await api.actors.list({ datasets: ["notes"], kind: "state" })).total).toBe(0);
      const hits = await api.search.query({ q: "Кавальчык", limit: 5 });
      expect(hits.hits[0]?.id).toBe(actor.id);
      const cited = await api.sources.get({ id: src.id });
      expect(cited.paragraphs.flatMap((p) => p.claims.map((c) => c.id))).toEqual(
        expect.arrayContaining([actor.id, "notes-talks-1", "notes-talks-2"]),
      );
    });

    // the same input again: nothing changes, not even the version
    const again = await imported(target(), items([event(1), event(2)]), { hash: "h1" });
    expect(again).toMatchObject({ unchanged: true, version: first.version });

    // another input under the same name replaces the first, values and counts alike
    const second = await imported(target(), items([event(3)]), { hash: "h2" });
    expect(second).toMatchObject({ unchanged: false, replaced: true });
    await withStore(target(), async (api) => {
      const timeline = await api.events.list({ actors: [actor.id], limit: 10 });
      expect(timeline.items.map((e) => e.id)).toEqual(["notes-talks-3"]);
      expect((await api.events.get({ id: "notes-talks-1" }).catch((e) => e.code)) as unknown).toBe(
        "NOT_FOUND",
      );
      const belarus = await api.actors.get({ id: "belarus" });
      const host = belarus.eventsByRole.find((r) => r.role === "host");
      expect(host?.events.map((e) => e.id)).not.toContain("notes-talks-1");
    });
    const c = await openDatabase(target());
    try {
      const list = await listDatasets(c);
      expect(list.map((d) => [d.name, d.origin])).toEqual([
        ...load.datasets.map((n) => [n, "load"]),
        ["notes", "import"],
      ]);
      expect(list.at(-1)).toMatchObject({
        format: "csv",
        files: ["notes.csv"],
        counts: { source: 1, actor: 1, event: 1 },
      });
      const gone = await removeDataset(c, "notes");
      expect(gone.version).toBe(beforeVersion);
      await expect(removeDataset(c, "notes")).rejects.toThrow(/holds no dataset "notes"/);
      await expect(removeDataset(c, load.datasets[0] as string)).rejects.toThrow(
        /loaded data, not an import/,
      );
    } finally {
      await c.close();
    }
    const after = await answers(target());
    const changed = [...before.keys()].filter((k) => before.get(k) !== after.get(k));
    expect(changed).toEqual([]);
  }, 120_000);

  it("promotes an imported event: curated YAML with the import's actor and source copied, curated ids kept", async () => {
    await imported(target(), items([event(7)]), { hash: "h7" });
    await withStore(target(), async (api) => {
      const p = await api.events.promote({ id: "notes-talks-7" });
      expect(p.id).toBe("talks-7");
      expect(p.files.map((f) => f.path)).toEqual([
        "events/talks-7.yaml",
        "sources/talks-7-sources.yaml",
        "actors/talks-7-actors.yaml",
      ]);
      expect(p.renamed).toEqual({
        "notes-talks-7": "talks-7",
        "notes-src-1": "src-1",
        "notes-zmitser-kowalczyk": "zmitser-kowalczyk",
      });
      const ev = (await import("yaml")).parse(p.files[0]?.text as string)[0];
      expect(ev.participants).toEqual([
        { actor: "zmitser-kowalczyk", role: "visitor" },
        { actor: "belarus", role: "host" },
      ]);
      expect(ev.places).toEqual(["minsk"]);
      expect(ev.citations[0]).toMatchObject({ source: "src-1" });
      expect(ev.citations[0].note).toContain("notes-talks-7");
      const named = await api.events.promote({ id: "notes-talks-7", newId: "my-talks" });
      expect(named.id).toBe("my-talks");
      await expect(api.events.promote({ id: "notes-talks-7", newId: "belarus" })).rejects.toMatchObject({
        code: "BAD_REQUEST",
      });
      await expect(api.events.promote({ id: load.dataset.events[0]?.id as string })).rejects.toThrow(
        /curated already/,
      );
    });
    const c = await openDatabase(target());
    try {
      await removeDataset(c, "notes");
    } finally {
      await c.close();
    }
  }, 60_000);

  it("refuses references to ids nobody holds, and leaves them out when asked", async () => {
    const stray = event(4, { participants: [{ actor: "nobody-we-know", role: "host" }] });
    const seen: Dangling[] = [];
    await expect(
      imported(target(), items([event(1), stray]), {
        onDangling: (d) => {
          seen.push(d);
          return false;
        },
      }),
    ).rejects.toThrow(/neither in it nor in/);
    expect(seen).toEqual([
      { kind: "events", id: "notes-talks-4", field: "participants.actor", ref: "nobody-we-know" },
    ]);
    const c = await openDatabase(target());
    try {
      expect((await listDatasets(c)).map((d) => d.name)).not.toContain("notes");
    } finally {
      await c.close();
    }
    const kept = await imported(target(), items([event(1), stray]), { onDangling: () => true });
    expect(kept).toMatchObject({ left: 1, counts: { events: 1 } });
    const c2 = await openDatabase(target());
    try {
      await removeDataset(c2, "notes");
    } finally {
      await c2.close();
    }
  }, 60_000);

  it("looks references up in the database, also once its memory of ids found starts over", async () => {
    const c = await openDatabase(target());
    const sink = await openSink(c);
    try {
      const curatedEvent = (load.dataset.events[0] as StoryEvent).id;
      // remembers at most two ids: the second lookup fills it past that while answering
      const holds = heldLookup(sink, 2);
      expect(await holds(["belarus", "united-states", "nobody-we-know"])).toEqual(
        new Set(["belarus", "united-states"]),
      );
      expect(await holds(["belarus", "united-states", "minsk", curatedEvent, "nobody-we-know"])).toEqual(
        new Set(["belarus", "united-states", "minsk", curatedEvent]),
      );
      expect(await holds(["minsk", "belarus", "no-such-place"])).toEqual(new Set(["minsk", "belarus"]));
      expect(await holds([])).toEqual(new Set());
    } finally {
      await sink.rollback();
      await c.close();
    }
  });

  it("checks references against what the import wrote many entities before, and after a failure goes on checking as if it had written", async () => {
    // more entities than one check batch holds: the event names the first actor, written long before
    const many: Actor[] = Array.from({ length: 2600 }, (_, k) => ({
      ...actor,
      id: `notes-bulk-${k}`,
      name: `Bulk Person ${k}`,
      aliases: [],
    }));
    const first = event(1, { participants: [{ actor: "notes-bulk-0", role: "visitor" }] });
    const stray = event(2, { participants: [{ actor: "nobody-we-know", role: "host" }] });
    const late: Actor = { ...actor, id: "notes-late", name: "Late Person", aliases: [] };
    // after the stray event: names an actor that comes after the failure, and one from the start
    const third = event(3, {
      participants: [
        { actor: late.id, role: "visitor" },
        { actor: "notes-bulk-1", role: "host" },
      ],
    });
    const list = (): EntityItem[] => [
      { kind: "sources", entity: src },
      ...many.map((entity) => ({ kind: "actors" as const, entity })),
      { kind: "events", entity: first },
      { kind: "events", entity: stray },
      { kind: "actors", entity: late },
      { kind: "events", entity: third },
    ];
    const seen: Dangling[] = [];
    await expect(
      imported(target(), list(), {
        onDangling: (d) => {
          seen.push(d);
          return false;
        },
      }),
    ).rejects.toThrow(/neither in it nor in/);
    // only the stray reference: the actors written before and after it count as held
    expect(seen.map((d) => [d.id, d.ref])).toEqual([["notes-talks-2", "nobody-we-know"]]);
    const kept = await imported(target(), list(), { onDangling: () => true });
    expect(kept).toMatchObject({ left: 1, counts: { events: 2, actors: 2601, sources: 1 } });
    await withStore(target(), async (api) => {
      const got = await api.events.get({ id: "notes-talks-3" });
      expect(got.event.participants.map((p) => p.actor)).toEqual([late.id, "notes-bulk-1"]);
    });
    const c = await openDatabase(target());
    try {
      await removeDataset(c, "notes");
    } finally {
      await c.close();
    }
  }, 120_000);

  it("checks event links once the import is in: forward, to curated events, to left-out or unknown ones", async () => {
    const curated = (load.dataset.events[0] as StoryEvent).id;
    const linked = event(6, {
      links: [
        { event: "notes-talks-7", type: "follows" },
        { event: curated, type: "response-to" },
      ],
    });
    const later = event(7);
    const ok = await imported(target(), items([linked, later]));
    expect(ok).toMatchObject({ left: 0, counts: { events: 2 } });
    await withStore(target(), async (api) => {
      const got = await api.events.get({ id: "notes-talks-6" });
      expect(got.event.links.map((l) => l.event)).toEqual(["notes-talks-7", curated]);
    });
    // a link to an event left out (its actor is unknown) or to no event at all is dangling
    const stray = event(8, { participants: [{ actor: "nobody-we-know", role: "host" }] });
    const toStray = event(9, { links: [{ event: "notes-talks-8", type: "follows" }] });
    const toNothing = event(10, { links: [{ event: "notes-talks-99", type: "follows" }] });
    const seen: Dangling[] = [];
    await expect(
      imported(target(), items([toStray, stray, toNothing]), {
        hash: "links-2",
        onDangling: (d) => {
          seen.push(d);
          return false;
        },
      }),
    ).rejects.toThrow(/neither in it nor in/);
    expect(seen.map((d) => [d.id, d.field, d.ref])).toEqual([
      ["notes-talks-8", "participants.actor", "nobody-we-know"],
      ["notes-talks-9", "links.event", "notes-talks-8"],
      ["notes-talks-10", "links.event", "notes-talks-99"],
    ]);
    // the first import is still there, untouched; remove it
    const c = await openDatabase(target());
    try {
      expect((await listDatasets(c)).at(-1)?.counts).toMatchObject({ event: 2 });
      await removeDataset(c, "notes");
    } finally {
      await c.close();
    }
  }, 60_000);

  it("reports every dangling link, past the first page of the check, in the order of the input", async () => {
    const n = 2100;
    // links that hold: back within a batch (5 → 1), back to an earlier batch (the last → the
    // first), forward to a later batch (2 → the last); every other one names no event
    const good = new Map([
      [5, "notes-talks-101"],
      [n - 1, "notes-talks-100"],
      [2, `notes-talks-${100 + n - 1}`],
    ]);
    const events = Array.from({ length: n }, (_, k) =>
      event(100 + k, {
        date: "2025-10-15",
        links: [{ event: good.get(k) ?? `notes-gone-${k}`, type: "follows" }],
      }),
    );
    const seen: Dangling[] = [];
    await expect(
      imported(target(), items(events), {
        hash: "links-many",
        onDangling: (d) => {
          seen.push(d);
          return false;
        },
      }),
    ).rejects.toThrow(/neither in it nor in/);
    expect(seen).toHaveLength(n - good.size);
    expect(seen.every((d) => d.field === "links.event")).toBe(true);
    const expected = events.flatMap((e, k) => (good.has(k) ? [] : [[e.id, `notes-gone-${k}`]]));
    expect(seen.map((d) => [d.id, d.ref])).toEqual(expected);
  }, 120_000);

  it("writes nothing when the input fails half way, or makes an id the database holds", async () => {
    const before = await withStore(target(), async (_api, s) => s.version);
    async function* broken(): AsyncGenerator<EntityItem> {
      yield* items([event(1), event(2)]);
      throw new Error("the file ended early");
    }
    await expect(imported(target(), broken())).rejects.toThrow("the file ended early");
    const taken = event(5, { id: "notes-talks-5" });
    const curated = load.dataset.events[0] as StoryEvent;
    await expect(imported(target(), items([taken, { ...taken, id: curated.id }]))).rejects.toThrow(
      /already holds/,
    );
    await withStore(target(), async (api, s) => {
      expect(s.version).toBe(before);
      await expect(api.events.get({ id: "notes-talks-1" })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(api.actors.get({ id: actor.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    });
  }, 60_000);

  it("accepts a same-as: the import's actor merged into a curated one, kept on re-import and load, gone with the import", async () => {
    const before = await answers(target());
    const coaleBefore = await withStore(target(), (api) => api.actors.get({ id: "john-coale" }));
    await withCoale("s1", [7, 8]);
    const c = await openDatabase(target());
    try {
      // refused: not the import's actor, not a curated one, kinds or countries that differ
      await expect(acceptSameAs(c, "nope", coale.id, "john-coale")).rejects.toThrow(/holds no import "nope"/);
      await expect(acceptSameAs(c, "notes", "john-coale", "john-coale")).rejects.toThrow(
        /"john-coale" is not an actor or event of the import "notes" \(it is an actor of "built-in"\)/,
      );
      await expect(acceptSameAs(c, "notes", coale.id, "notes-zmitser-kowalczyk")).rejects.toThrow(
        /not a curated actor/,
      );
      await expect(acceptSameAs(c, "notes", coale.id, "united-states")).rejects.toThrow(
        /is a person and "united-states" a state/,
      );
      await expect(acceptSameAs(c, "notes", coale.id, "alexander-lukashenko")).rejects.toThrow(
        /has the country US and "alexander-lukashenko" BY/,
      );
      const done = await acceptSameAs(c, "notes", coale.id, "john-coale", "same man, per the wire's byline");
      expect(done).toMatchObject({
        unchanged: false,
        rewritten: { events: 2, entities: 1 },
        names: ["Джон П. Коул", "Ivan Coalevich"],
      });
      expect(await acceptSameAs(c, "notes", coale.id, "john-coale")).toMatchObject({
        unchanged: true,
        names: ["Джон П. Коул", "Ivan Coalevich"],
      });
      const entry = (await listDatasets(c)).find((d) => d.name === "notes");
      expect(entry?.counts).toMatchObject({ actor: 1, event: 2, relation: 1 });
      expect(entry?.merged).toEqual([
        expect.objectContaining({
          from: coale.id,
          into: "john-coale",
          name: "John Coale",
          names: ["Джон П. Коул", "Ivan Coalevich"],
          citations: [{ source: src.id }],
          note: "same man, per the wire's byline",
        }),
      ]);
    } finally {
      await c.close();
    }
    const check = async (events: string[]) =>
      withStore(target(), async (api) => {
        const profile = await api.actors.get({ id: "john-coale" });
        const visits = profile.eventsByRole.find((r) => r.role === "visitor");
        expect(visits?.events.map((e) => e.id)).toEqual(expect.arrayContaining(events));
        expect(profile.eventsTotal).toBe(coaleBefore.eventsTotal + events.length);
        expect(profile.relations.map((r) => r.relation.id)).toContain(rel.id);
        // the merged-away id finds the curated actor; lists count the actor once
        expect((await api.actors.get({ id: coale.id })).actor.id).toBe("john-coale");
        expect(await api.entity.get({ id: coale.id })).toMatchObject({
          kind: "actor",
          entity: { id: "john-coale" },
        });
        // and among others at once, as one at a time
        const many = await api.entity.many({ ids: ["belarus", coale.id, "no-such-id", "notes-talks-7"] });
        expect(many.items.map((x) => [x.kind, x.entity.id])).toEqual([
          ["actor", "belarus"],
          ["actor", "john-coale"],
          ["event", "notes-talks-7"],
        ]);
        expect(many.datasets).toEqual(["built-in", "built-in", "notes"]);
        expect(many.missing).toEqual(["no-such-id"]);
        const provenance = await api.entity.provenance({ id: "john-coale" });
        expect(provenance.mergedFrom).toEqual([coale.id]);
        // the names only the import gave, shown with the curated actor's provenance
        expect(provenance.mergedNames).toEqual([
          { name: "Джон П. Коул", dataset: "notes", from: coale.id },
          { name: "Ivan Coalevich", dataset: "notes", from: coale.id },
        ]);
        // and what the import cites for its record: its source stays with the import
        expect(provenance.mergedCitations).toEqual([
          { dataset: "notes", from: coale.id, name: "John Coale", citations: [{ source: src.id }] },
        ]);
        expect(await api.entity.get({ id: src.id })).toMatchObject({ kind: "source" });
        // found by a name only the import gave: the curated actor, never the merged-away id
        const hits = (await api.search.query({ q: "Coalevich", limit: 5 })).hits;
        expect(hits[0]).toMatchObject({ kind: "actor", id: "john-coale", matched: "Ivan Coalevich" });
        expect(hits.map((h) => h.id)).not.toContain(coale.id);
        const listed = await api.actors.list({ datasets: ["notes"] });
        expect(listed.items.map((a) => a.id)).toEqual([actor.id]);
        for (const id of events) {
          const ev = await api.events.get({ id });
          expect(ev.event.participants.map((p) => p.actor)).toEqual(["john-coale", "belarus"]);
        }
      });
    await check(["notes-talks-7", "notes-talks-8"]);
    // a new import of the name keeps the statement; so does loading the data again
    await withCoale("s2", [7, 9]);
    await check(["notes-talks-7", "notes-talks-9"]);
    await loadIntoDatabase(target(), load);
    await check(["notes-talks-7", "notes-talks-9"]);
    await removedAsBefore(target(), before);
    await withStore(target(), async (api) => {
      expect(await api.entity.get({ id: coale.id }).catch((e) => e.code)).toBe("NOT_FOUND");
      // the postings the merged actor kept went with the import
      expect((await api.search.query({ q: "Coalevich", limit: 5 })).hits).toEqual([]);
    });
  }, 120_000);

  it("accepts a same-as for an event: the curated (promoted) event stands for the imported one, until withdrawn", async () => {
    const before = await answers(target());
    const first = event(10);
    const second = event(11, { links: [{ event: first.id, type: "follows" }] });
    await imported(target(), items([first, second]), { hash: "e1" });
    const counted = () =>
      withStore(target(), async (api) => ({
        listed: (await api.events.list({ datasets: ["notes"], limit: 10 })).items.map((e) => e.id),
        window: (await api.events.window({ datasets: ["notes"] })).total,
        belarus: (await api.actors.get({ id: "belarus" })).eventsTotal,
      }));
    const was = await counted();
    expect(was.listed).toEqual([first.id, second.id]);
    const c = await openDatabase(target());
    try {
      await expect(acceptSameAs(c, "notes", first.id, "john-coale")).rejects.toThrow(
        /"john-coale" is not a curated event \(it is an actor of "built-in"\)/,
      );
      const done = await acceptSameAs(c, "notes", first.id, "release-2025-09");
      expect(done).toMatchObject({ unchanged: false, rewritten: { events: 1, entities: 0 } });
      const entry = (await listDatasets(c)).find((d) => d.name === "notes");
      expect(entry?.counts).toMatchObject({ event: 1 });
      expect(entry?.merged).toEqual([
        expect.objectContaining({
          kind: "event",
          from: first.id,
          into: "release-2025-09",
          name: first.title,
        }),
      ]);
    } finally {
      await c.close();
    }
    const now = await counted();
    expect(now).toEqual({ listed: [second.id], window: was.window - 1, belarus: was.belarus - 1 });
    await withStore(target(), async (api) => {
      expect(await api.entity.get({ id: first.id })).toMatchObject({
        kind: "event",
        entity: { id: "release-2025-09" },
      });
      expect((await api.events.get({ id: first.id })).event.id).toBe("release-2025-09");
      const ev = await api.events.get({ id: second.id });
      expect(ev.event.links).toEqual([{ event: "release-2025-09", type: "follows" }]);
    });
    // withdrawn: the imported event is listed and counted again, and the link names it again
    const c2 = await openDatabase(target());
    try {
      expect(await unacceptSameAs(c2, "notes", first.id)).toMatchObject({
        kind: "event",
        into: "release-2025-09",
        restored: { events: 1, entities: 0 },
      });
    } finally {
      await c2.close();
    }
    expect(await counted()).toEqual(was);
    await withStore(target(), async (api) => {
      expect((await api.events.get({ id: first.id })).event.id).toBe(first.id);
      expect((await api.events.get({ id: second.id })).event.links).toEqual([
        { event: first.id, type: "follows" },
      ]);
    });
    await removedAsBefore(target(), before);
  }, 120_000);

  it("withdraws an accepted same-as: every answer is as before the accept, also after a new import under it", async () => {
    const before = await answers(target());
    /** The contract suite's answers, and what the import's actor and events answer. */
    const snapshot = async () => {
      const out = await answers(target());
      await withStore(target(), async (api) => {
        const calls: (readonly [string, () => Promise<unknown>])[] = [
          ["import's events", () => api.events.list({ datasets: ["notes"], limit: 20 })],
          ["imported actor", () => api.actors.get({ id: coale.id })],
          ["curated actor", () => api.actors.get({ id: "john-coale" })],
          ["curated provenance", () => api.entity.provenance({ id: "john-coale" })],
          ["search", () => api.search.query({ q: "Coalevich", limit: 5 })],
          ["united-states", () => api.actors.get({ id: "united-states" })],
          ["import's actors", () => api.actors.list({ datasets: ["notes"] })],
          ...[7, 8, 9].map((k) => [`event ${k}`, () => api.events.get({ id: `notes-talks-${k}` })] as const),
        ];
        for (const [label, call] of calls) out.set(label, JSON.stringify(await settle(call)));
      });
      return out;
    };
    // (the data version is a new one: the rows were written again; and a new import has a new
    // time of import)
    const unversioned = (x: string | undefined) =>
      x?.replace(/"version":"[0-9a-f]+"/, "").replace(/"importedAt":"[^"]+"/g, "");
    const differ = (a: Map<string, string>, b: Map<string, string>) =>
      [...a.keys()].filter((k) => unversioned(a.get(k)) !== unversioned(b.get(k)));
    const unaccept = async () => {
      const c = await openDatabase(target());
      try {
        return await unacceptSameAs(c, "notes", coale.id);
      } finally {
        await c.close();
      }
    };
    const accept = async () => {
      const c = await openDatabase(target());
      try {
        return await acceptSameAs(c, "notes", coale.id, "john-coale");
      } finally {
        await c.close();
      }
    };

    // an actor after the merged one: the merged one comes back before it, where it was
    const later: Actor = { ...actor, id: "notes-later", name: "Ales Later", aliases: [] };
    // accepted, then withdrawn: as imported
    await withCoale("w1", [7, 8], [later]);
    const imported1 = await snapshot();
    expect(JSON.parse(imported1.get("event 8") as string).ok.event.participants).toHaveLength(3);
    await expect(unaccept()).rejects.toThrow(
      /"notes-j-coale" of "notes" was not merged .* "notes" has no accepted same-as/,
    );
    await accept();
    const merged = await snapshot();
    expect(differ(imported1, merged)).toEqual(
      expect.arrayContaining([
        "import's events",
        "imported actor",
        "curated actor",
        "search",
        "event 7",
        "event 8",
      ]),
    );
    const done = await unaccept();
    expect(done).toMatchObject({
      dataset: "notes",
      from: coale.id,
      into: "john-coale",
      kind: "actor",
      restored: { events: 2, entities: 1 },
    });
    // the event that named both ids in one role has both again (the merge had kept one)
    expect(differ(imported1, await snapshot())).toEqual([]);
    const c = await openDatabase(target());
    try {
      const entry = (await listDatasets(c)).find((d) => d.name === "notes");
      expect(entry?.merged).toBeUndefined();
      expect(entry?.counts).toMatchObject({ actor: 3, event: 2, relation: 1 });
      await expect(unacceptSameAs(c, "notes", coale.id)).rejects.toThrow(/was not merged/);
      await expect(unacceptSameAs(c, "nope", coale.id)).rejects.toThrow(/holds no import "nope"/);
    } finally {
      await c.close();
    }

    // a new import under the statement keeps the import's own records again: withdrawn, the
    // answers are those of that import without the statement
    await withCoale("w2", [7, 9], [later]);
    const imported2 = await snapshot();
    await accept();
    await withCoale("w3", [7, 9], [later]);
    expect(differ(imported2, await snapshot())).not.toEqual([]);
    expect((await unaccept()).restored).toEqual({ events: 2, entities: 1 });
    expect(differ(imported2, await snapshot())).toEqual([]);
    await removedAsBefore(target(), before);
  }, 180_000);

  it("ties an actor to a curated route by an imported event, and unties it with the import", async () => {
    const before = await answers(target());
    // Belarus is tied to this route as actor, blocker and condition, not yet by any event
    const onRoute = event(9, { routes: ["gdansk-potash-route"] });
    await imported(target(), items([onRoute]), { hash: "h9" });
    await withStore(target(), async (api) => {
      const belarus = await api.actors.get({ id: "belarus" });
      expect(belarus.routes.find((r) => r.id === "gdansk-potash-route")?.how).toContain("event");
      const mine = await api.actors.get({ id: actor.id });
      expect(mine.routes.map((r) => [r.id, r.how])).toEqual([["gdansk-potash-route", ["event"]]]);
    });
    await removedAsBefore(target(), before);
  }, 120_000);

  it("keeps imports when the data is loaded again", async () => {
    await imported(target(), items([event(6)]), { hash: "h6" });
    await loadIntoDatabase(target(), load);
    await withStore(target(), async (api) => {
      expect((await api.events.get({ id: "notes-talks-6" })).event.title).toBe("Talks in Minsk, round 6");
      const belarus = await api.actors.get({ id: "belarus" });
      expect(belarus.eventsByRole.find((r) => r.role === "host")?.events.map((e) => e.id)).toContain(
        "notes-talks-6",
      );
    });
    const c = await openDatabase(target());
    try {
      await removeDataset(c, "notes");
    } finally {
      await c.close();
    }
  }, 60_000);
});
