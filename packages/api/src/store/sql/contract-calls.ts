/**
 * The calls of the contract suite: every procedure over the built-in data's ids, windows and
 * queries. Shared by the suite (every store answers as in memory) and the import tests (an
 * import removed leaves every answer as it was).
 */
import type { Dataset, Provenance } from "@dealmap/domain";
import type { createCaller } from "../../root.ts";

export type Caller = ReturnType<typeof createCaller>;

/** The answer, or the error's code and message (errors must agree too). */
export async function settle(call: () => Promise<unknown>): Promise<unknown> {
  try {
    return { ok: JSON.parse(JSON.stringify(await call())) };
  } catch (err) {
    const e = err as { code?: string; message?: string };
    return { error: e.code, message: e.message };
  }
}

/**
 * Each call of `got` beside the same call of `want` (as the suite lists them), answers settled:
 * the labels of those that differ, and the first difference.
 */
export async function differences(
  want: [string, () => Promise<unknown>][],
  got: [string, () => Promise<unknown>][],
): Promise<{ labels: string[]; first?: { label: string; got: unknown; want: unknown } }> {
  const labels: string[] = [];
  let first: { label: string; got: unknown; want: unknown } | undefined;
  for (let i = 0; i < want.length; i++) {
    const [label, w] = want[i] as [string, () => Promise<unknown>];
    const a = await settle(w);
    const b = await settle((got[i] as [string, () => Promise<unknown>])[1]);
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    labels.push(label);
    first ??= { label, got: b, want: a };
  }
  return { labels, first };
}

/** Every call of the suite, by name. */
export function contractCalls(
  api: Caller,
  dataset: Dataset,
  provenance: Provenance | undefined,
): [string, () => Promise<unknown>][] {
  const out: [string, () => Promise<unknown>][] = [];
  const add = (name: string, f: () => Promise<unknown>) => out.push([name, f]);
  add("stats", () => api.stats.summary());
  add("datasets", () => api.stats.datasets());
  add("timeline built-in", () => api.events.list({ datasets: ["built-in"], limit: 30 }));
  add("timeline built-in 2025", () =>
    api.events.list({ datasets: ["built-in"], from: "2025-06", to: "2025-09" }),
  );
  add("timeline datasets+actor", () =>
    api.events.list({ datasets: ["built-in", "nope"], actors: [dataset.actors[0]?.id as string], limit: 5 }),
  );
  add("timeline no such dataset", () => api.events.list({ datasets: ["nope"] }));
  // windows of the timeline chart: counted per day ahead (kinds, datasets) and scanned (actors,
  // statuses), by kind and by actor, few events (given one by one) and many (counts only)
  const someActor = dataset.actors[0]?.id as string;
  const windowCalls: [string, Parameters<Caller["events"]["window"]>[0]][] = [
    ["whole", {}],
    ["whole by actor", { lanes: "actor" }],
    ["2025 weekly", { from: "2025", to: "2025", bins: 52 }],
    ["2025 counts only", { from: "2025", to: "2025", bins: 12, eventLimit: 5 }],
    ["releases", { kinds: ["release"], bins: 20 }],
    ["built-in 2025-06", { datasets: ["built-in"], from: "2025-06", to: "2025-06" }],
    ["no such dataset", { datasets: ["nope"] }],
    ["facts", { statuses: ["occurred"], from: "2024", to: "2026", bins: 30 }],
    ["actor", { actors: [someActor], lanes: "actor", eventLimit: 3 }],
    ["actor and kind", { actors: [someActor], kinds: ["meeting", "release"] }],
    // actor lanes counted in one statement for all lanes, beside the filter's other parts
    ["summer by actor", { from: "2025-06", to: "2025-09", lanes: "actor", bins: 30 }],
    [
      "two actors and kinds by actor",
      { actors: [someActor, dataset.actors[1]?.id as string], kinds: ["meeting", "release"], lanes: "actor" },
    ],
    ["place by actor", { places: [dataset.places[0]?.id as string], lanes: "actor" }],
    ["facts by actor", { statuses: ["occurred"], lanes: "actor", bins: 40 }],
    ["before everything", { from: "1900", to: "1901" }],
    ["no such actor", { actors: ["no-such-actor"] }],
    ["open before", { from: "../2021", to: "2025-09" }],
    ["open after", { from: "2025-06/..", to: "2025-06/.." }],
    ["the whole calendar", { from: "0001", to: "9999", bins: 7 }],
  ];
  // small limits: all overlapping, only those anchored in the window, or none
  for (const eventLimit of [1, 2, 3, 5, 8, 13, 21])
    for (const [from, to] of [
      ["2025-07", "2025-07"],
      ["2025-11", "2025-12"],
      ["2021", "2021"],
    ])
      windowCalls.push([`${from}..${to} limit ${eventLimit}`, { from, to, eventLimit }]);
  for (const [name, input] of windowCalls) add(`window ${name}`, () => api.events.window(input));
  // the network capped to its most connected actors
  for (const maxNodes of [1, 5, 20])
    add(`graph maxNodes ${maxNodes}`, () => api.network.graph({ maxNodes, sharedEvents: false }));
  add("graph maxNodes 5 shared", () => api.network.graph({ maxNodes: 5 }));
  add("graph around maxNodes 3", () => api.network.graph({ around: someActor, hops: 2, maxNodes: 3 }));
  const actors = dataset.actors.map((a) => a.id);
  const places = dataset.places.map((p) => p.id);
  const windows: [string | undefined, string | undefined][] = [
    [undefined, undefined],
    ["2025", "2025"],
    ["2025-06", "2025-09"],
    ["2025-07-15", "2025-07-15"],
    ["2024-12", "2025-03"],
    ["2020", undefined],
    [undefined, "2024"],
    ["2025-08-15", "2025-09-30"],
    ["2026", "2025"],
  ];
  for (const [from, to] of windows) {
    for (const containedOnly of [false, true]) {
      add(`timeline ${from}..${to} ${containedOnly}`, () =>
        api.events.list({ from, to, containedOnly, limit: 200 }),
      );
    }
    // paging through in small pages
    add(`timeline pages ${from}..${to}`, () => pagesOf({ from, to }));
  }
  // every page of a timeline, `limit` at a time
  async function pagesOf(filter: Parameters<typeof api.events.list>[0], limit = 7) {
    const pages = [];
    let cursor: string | undefined;
    for (let i = 0; i < 100; i++) {
      const p = await api.events.list({ ...filter, limit, cursor });
      pages.push(p);
      if (!p.nextCursor) break;
      cursor = p.nextCursor;
    }
    return pages;
  }
  for (const a of actors) add(`timeline actor ${a}`, () => api.events.list({ actors: [a], limit: 200 }));
  for (const a of actors.slice(0, 8))
    add(`timeline actor ${a} 2025`, () =>
      api.events.list({ actors: [a], from: "2025-03", to: "2025-10", limit: 5 }),
    );
  add("timeline two actors", () => api.events.list({ actors: actors.slice(0, 2), limit: 200 }));
  // several driving values share events: each page's arms are merged and made distinct
  add("timeline pages of three actors", () => pagesOf({ actors: actors.slice(0, 3) }, 4));
  add("timeline pages of two places", () => pagesOf({ places: places.slice(0, 2) }, 3));
  add("timeline actors+kind", () =>
    api.events.list({ actors: actors.slice(0, 3), kinds: ["release", "meeting"], limit: 200 }),
  );
  for (const p of places)
    add(`timeline place ${p}`, () => api.events.list({ places: [p], from: "2025", limit: 200 }));
  for (const r of dataset.routes)
    add(`timeline route ${r.id}`, () => api.events.list({ route: r.id, limit: 200 }));
  add("timeline statuses", () => api.events.list({ statuses: ["claimed", "reported"], limit: 200 }));
  add("timeline kinds window", () =>
    api.events.list({ kinds: ["release"], from: "2025", to: "2025", limit: 3 }),
  );
  add("timeline unknown actor", () => api.events.list({ actors: ["nobody-at-all"] }));
  add("timeline unknown cursor", () => api.events.list({ cursor: "no-such-event" }));
  for (const e of dataset.events) add(`event ${e.id}`, () => api.events.get({ id: e.id }));
  add("event missing", () => api.events.get({ id: "missing" }));
  add("promote curated", () => api.events.promote({ id: dataset.events[0]?.id as string }));
  add("promote missing", () => api.events.promote({ id: "missing" }));
  add("actors", () => api.actors.list({ limit: 500 }));
  add("actors paged", async () => {
    const a = await api.actors.list({ limit: 5 });
    return [a, await api.actors.list({ limit: 5, cursor: a.nextCursor ?? undefined })];
  });
  add("actors persons", () => api.actors.list({ kind: "person", limit: 500 }));
  add("actors BY", () => api.actors.list({ country: "BY", limit: 500 }));
  add("actors bad cursor", () => api.actors.list({ cursor: "nope" }));
  // the dataset filter: one dataset, several (merged in order), none that exists, with the
  // other filters and paging, and a cursor outside the filtered list
  add("actors built-in", () => api.actors.list({ datasets: ["built-in"], limit: 500 }));
  add("actors two datasets", () => api.actors.list({ datasets: ["nope", "built-in"], limit: 500 }));
  add("actors no such dataset", () => api.actors.list({ datasets: ["nope"] }));
  add("actors persons built-in", () =>
    api.actors.list({ datasets: ["built-in", "nope"], kind: "person", limit: 500 }),
  );
  add("actors BY built-in", () => api.actors.list({ datasets: ["built-in"], country: "BY", limit: 500 }));
  add("actors datasets paged", async () => {
    const pages = [];
    let cursor: string | undefined;
    for (let i = 0; i < 100; i++) {
      const p = await api.actors.list({ datasets: ["built-in", "nope"], limit: 7, cursor });
      pages.push(p);
      if (!p.nextCursor) break;
      cursor = p.nextCursor;
    }
    return pages;
  });
  add("actors dataset cursor outside", () =>
    api.actors.list({ datasets: ["nope"], cursor: actors[0] as string }),
  );
  for (const a of actors) {
    add(`profile ${a}`, () => api.actors.get({ id: a }));
    add(`profile ${a} 2`, () => api.actors.get({ id: a, eventLimit: 2, listLimit: 2 }));
  }
  add("places", () => api.places.list({ limit: 500 }));
  for (const p of places) add(`place ${p}`, () => api.places.get({ id: p }));
  add("graph", () => api.network.graph({}));
  add("graph no shared", () => api.network.graph({ sharedEvents: false }));
  add("graph at", () => api.network.graph({ at: "2025-06" }));
  for (const a of actors.slice(0, 10))
    add(`graph around ${a}`, () => api.network.graph({ around: a, hops: 2 }));
  for (const a of actors.slice(0, 6))
    for (const b of actors.slice(-6)) add(`path ${a} ${b}`, () => api.network.path({ from: a, to: b }));
  for (const at of ["2019", "2022-06", "2025-09-15"]) {
    add(`routes ${at}`, () => api.routes.list({ at }));
    add(`compare ${at}`, () => api.routes.compare({ at }));
    for (const r of dataset.routes) add(`route ${r.id} ${at}`, () => api.routes.get({ id: r.id, at }));
  }
  add("deals", () => api.deals.list({}));
  for (const a of actors.slice(0, 6)) add(`deals ${a}`, () => api.deals.list({ party: a }));
  add("ledger", () => api.deals.ledger({}));
  for (const a of actors.slice(0, 6)) add(`ledger ${a}`, () => api.deals.ledger({ party: a }));
  for (const d of dataset.deals) add(`deal ${d.id}`, () => api.deals.get({ id: d.id }));
  add("sources", () => api.sources.list({}));
  for (const s of dataset.sources) add(`source ${s.id}`, () => api.sources.get({ id: s.id }));
  add("assessments", () => api.assessments.list({}));
  for (const a of actors.slice(0, 6)) add(`assessments ${a}`, () => api.assessments.list({ about: a }));
  const ids = [
    ...dataset.sources,
    ...dataset.actors,
    ...dataset.places,
    ...dataset.events,
    ...dataset.routes,
    ...dataset.relations,
    ...dataset.deals,
    ...dataset.assessments,
  ].map((e) => e.id);
  for (const id of [...ids, ...Object.keys(provenance?.sameAs ?? {})]) {
    add(`entity ${id}`, () => api.entity.get({ id }));
    add(`provenance ${id}`, () => api.entity.provenance({ id }));
  }
  // entities by id in pages of up to 200 (the most one takes), every kind and same-as mixed,
  // with an id nobody holds and a repeat
  const every = [...ids, ...Object.keys(provenance?.sameAs ?? {})];
  for (let i = 0; i < every.length; i += 198) {
    const page = [...every.slice(i, i + 198), "no-such-entity", every[i] as string];
    add(`entities ${i}`, () => api.entity.many({ ids: page }));
  }
  // and a page where every id is held as given (no same-as to follow, none missing)
  add("entities all held", () => api.entity.many({ ids: ids.slice(0, 200) }));
  for (const q of [
    "lukashenko",
    "Лукашенко",
    "tsikhanouski",
    "minsk",
    "potash",
    "release",
    "coale",
    "vilnius",
    "bel",
    "prisoner",
  ])
    add(`search ${q}`, () => api.search.query({ q, limit: 20 }));
  add("search kinds", () => api.search.query({ q: "belarus", kinds: ["actor", "place"] }));
  return out;
}
