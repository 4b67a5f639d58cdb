import "server-only";
import type { RouterInputs, RouterOutputs } from "@dealmap/api";
import { cache } from "react";
import type { DatasetLabelInfo } from "@/lib/datasets";
import { call, type Loaded } from "@/trpc/server";

type EventsInput = RouterInputs["events"]["list"];
type EventItem = RouterOutputs["events"]["list"]["items"][number];

/**
 * Every event matching a filter, walking the router's cursor pages (200 at a time), with the
 * dataset of each (`datasets[i]` is `items[i]`'s). The timeline's axis needs the whole
 * filtered set; the list view pages on its own.
 */
export async function allEvents(
  filter: Omit<EventsInput, "cursor" | "limit">,
): Promise<Loaded<{ items: EventItem[]; datasets: string[]; total: number }>> {
  const items: EventItem[] = [];
  const datasets: string[] = [];
  let cursor: string | undefined;
  let total = 0;
  for (let guard = 0; guard < 10_000; guard++) {
    // in-process calls never wait for I/O: yield between pages so the page shell streams out
    // (and other requests are served) while a large timeline is read
    await new Promise((resolve) => setImmediate(resolve));
    const input = { ...filter, limit: 200, ...(cursor ? { cursor } : {}) };
    const page = await call((api) => api.events.list(input));
    if (!page.ok) return page;
    items.push(...page.data.items);
    datasets.push(...page.data.datasets);
    total = page.data.total;
    if (!page.data.nextCursor) break;
    cursor = page.data.nextCursor;
  }
  return { ok: true, data: { items, datasets, total } };
}

/**
 * The last `n` events in timeline order, read from the end of the data (`lastDay`, the span's
 * end) backwards in widening windows, so the overview never reads the whole timeline. When the
 * last day alone holds more than a page, `n` events of that day.
 */
export async function latestEvents(
  n: number,
  lastDay: string | null,
): Promise<Loaded<{ items: EventItem[]; datasets: string[] }>> {
  const DAY = 86_400_000;
  const end = lastDay ? Date.parse(`${lastDay.slice(0, 10)}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(end)) {
    const all = await call((api) => api.events.list({ limit: 200 }));
    return all.ok
      ? { ok: true, data: { items: all.data.items.slice(-n), datasets: all.data.datasets.slice(-n) } }
      : all;
  }
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  for (const days of [0, 7, 31, 366, 3660, null]) {
    const from = days === null ? undefined : iso(end - days * DAY);
    const page = await call((api) => api.events.list({ ...(from ? { from } : {}), limit: 200 }));
    if (!page.ok) return page;
    // the window's events fit one page: its last ones are the data's last
    if (page.data.total <= 200 && (page.data.total >= n || days === null)) {
      return { ok: true, data: { items: page.data.items.slice(-n), datasets: page.data.datasets.slice(-n) } };
    }
    if (page.data.total > 200)
      return {
        ok: true,
        data: { items: page.data.items.slice(0, n), datasets: page.data.datasets.slice(0, n) },
      };
  }
  return { ok: true, data: { items: [], datasets: [] } };
}

/** Actor names by id (the whole actor list, paged through). */
export async function actorNames(): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  let cursor: string | undefined;
  for (let guard = 0; guard < 1000; guard++) {
    const input = { limit: 200, ...(cursor ? { cursor } : {}) };
    const page = await call((api) => api.actors.list(input));
    if (!page.ok) break;
    for (const a of page.data.items) names.set(a.id, a.name);
    if (!page.data.nextCursor) break;
    cursor = page.data.nextCursor;
  }
  return names;
}

let busiest: { version: string; names: [string, string][] } | null = null;

/** Up to this many actors, a filter lists them all; beyond, the busiest and the chosen ones. */
const ALL_ACTORS_UP_TO = 500;

/**
 * The actors an actor filter offers, by id: all of them in a small dataset; in a large one the
 * 14 with the most events (the timeline's actor lanes) and the ones already chosen, so a page
 * never reads every actor of a database of millions.
 */
export async function filterActorNames(chosen: readonly string[] = []): Promise<Map<string, string>> {
  const stats = await call((api) => api.stats.summary());
  if (stats.ok && stats.data.counts.actors <= ALL_ACTORS_UP_TO) return actorNames();
  // the busiest actors change only with the data: read once per data version, not per request
  const version = stats.ok ? stats.data.version : "";
  if (busiest?.version !== version) {
    const top = await call((api) => api.events.window({ lanes: "actor", bins: 1, eventLimit: 0 }));
    if (!top.ok) return new Map();
    busiest = { version, names: top.data.lanes.map((l) => [l.key, l.label]) };
  }
  const names = new Map<string, string>(busiest.names);
  for (const [id, label] of await entityLabels(chosen.filter((id) => !names.has(id)))) names.set(id, label);
  return names;
}

/** Display labels for ids of any kind (name, title or claim), via entity.get. */
export async function entityLabels(ids: Iterable<string>): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const found = await Promise.all(
    unique.map(async (id) => {
      const r = await call((api) => api.entity.get({ id }));
      if (!r.ok) return [id, id] as const;
      const e = r.data.entity as { name?: string; title?: string; claim?: string };
      return [id, e.name ?? e.title ?? e.claim ?? id] as const;
    }),
  );
  return new Map(found);
}

/**
 * The datasets the data holds (loaded first, then imports), once per request: for the dataset
 * filters, and to say which items are imported. Empty when they cannot be read (the page then
 * shows its own load problem for the main query).
 */
export const datasetList = cache(async (): Promise<DatasetLabelInfo[]> => {
  const r = await call((api) => api.stats.datasets());
  return r.ok ? r.data.map(({ name, origin, format }) => ({ name, origin, format })) : [];
});

/** The same, by name. */
export async function datasetsByName(): Promise<Record<string, DatasetLabelInfo>> {
  return Object.fromEntries((await datasetList()).map((d) => [d.name, d]));
}

type ManyOut = RouterOutputs["entity"]["many"];

/**
 * The entities of a page of ids (search hits, the names a page shows), in one call of at most
 * 200 ids, with each one's dataset: a page looks up what it shows, never a whole list.
 */
export async function entitiesById(
  ids: Iterable<string>,
): Promise<Loaded<{ byId: Map<string, ManyOut["items"][number]>; datasets: Map<string, string> }>> {
  const unique = [...new Set(ids)].slice(0, 200);
  if (unique.length === 0) return { ok: true, data: { byId: new Map(), datasets: new Map() } };
  const r = await call((api) => api.entity.many({ ids: unique }));
  if (!r.ok) return r;
  const byId = new Map(r.data.items.map((e) => [e.entity.id, e]));
  const datasets = new Map(r.data.items.map((e, i) => [e.entity.id, r.data.datasets[i] ?? ""]));
  return { ok: true, data: { byId, datasets } };
}
