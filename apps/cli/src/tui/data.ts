/**
 * What the explorer asks the router for, sized for any database: lists come a page at a time
 * (the Timeline and Actors tabs page through the store by cursor), the Overview reads its
 * latest events from the end of the timeline instead of reading the timeline, and the network
 * starts from the most connected actors. With ten million events in the store, none of these
 * reads more than a few pages.
 */
import type { EpistemicStatus } from "@dealmap/domain";
import { type Api, errorCode, type Out } from "../api.ts";

/** Items per page of a paged list (the router's most). */
export const PAGE = 200;

/** A page of a list whose items carry their dataset. */
export interface Page<T> {
  items: T[];
  total: number;
  nextCursor: string | null;
}

export type EventRow = Out["events"]["list"]["items"][number] & { dataset: string };
export type ActorRow = Out["actors"]["list"]["items"][number] & { dataset: string };
export type DealRow = Out["deals"]["list"]["items"][number];

function withDatasets<T extends object>(page: {
  items: T[];
  datasets: string[];
  total: number;
  nextCursor: string | null;
}): Page<T & { dataset: string }> {
  return {
    items: page.items.map((item, i) => ({ ...item, dataset: page.datasets[i] ?? "" })),
    total: page.total,
    nextCursor: page.nextCursor,
  };
}

/** The paged lists: cache key → one page after `cursor`. */
export const PAGED = {
  events: (api: Api, cursor: string | undefined): Promise<Page<EventRow>> =>
    api.events.list({ limit: PAGE, ...(cursor ? { cursor } : {}) }).then(withDatasets),
  actors: (api: Api, cursor: string | undefined): Promise<Page<ActorRow>> =>
    api.actors.list({ limit: PAGE, ...(cursor ? { cursor } : {}) }).then(withDatasets),
  /** The Deals tab's list (the Overview reads `QUERIES.deals`, every deal, when there are few). */
  dealList: (api: Api, cursor: string | undefined): Promise<Page<DealRow>> =>
    api.deals.list({ limit: PAGE, ...(cursor ? { cursor } : {}) }),
} as const;
export type PagedKey = keyof typeof PAGED;

/**
 * Up to this many events (and actors), the data is small: every tab's data is read in the
 * background after the first frame, so that switching tabs never waits. Above it, a tab reads
 * its data when first opened — the deals, the sources' claim counts and the network's index
 * each take from a fraction of a second to seconds over millions of events, and the SQLite
 * driver answers synchronously, so reading them unasked would hold up the keys pressed meanwhile.
 */
export const PRELOAD_UP_TO = 10_000;

export function isSmall(s: Out["stats"]["summary"]): boolean {
  return s.counts.events <= PRELOAD_UP_TO && s.counts.actors <= PRELOAD_UP_TO;
}

/** The Overview lists every deal and route up to this many; above, it counts them. */
export const OVERVIEW_LIST_UP_TO = 50;

/** Statuses of the Overview's "open questions". */
export const OPEN_STATUSES: EpistemicStatus[] = ["expected", "proposed", "hypothetical", "claimed"];

/** Up to this many events, the Overview reads the whole timeline (a few pages). */
const WHOLE_TIMELINE_UP_TO = 5 * PAGE;

/** The last events of a filter, and how they were found. */
export interface Latest {
  items: EventRow[];
  /**
   * Set when the end of the timeline holds more than a page from the day found: the items
   * are the first of those `of` events dated from `from` on, not the very last ones.
   */
  approx?: { from: string; of: number };
}

export interface OverviewEvents {
  latest: Latest;
  open: Latest;
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The Overview's latest events and open questions. Over a small timeline: its last events, as
 * the whole list ends. Over a large one: the events dated from ever earlier days before the
 * end of the data's span on (whole span inside: in the timeline's order they come after every
 * other event, so the last of them are the timeline's last) are asked for until there are
 * enough.
 */
export async function overviewEvents(
  api: Api,
  stats: Out["stats"]["summary"],
  n = 6,
): Promise<OverviewEvents> {
  if (stats.counts.events <= WHOLE_TIMELINE_UP_TO) {
    const all: EventRow[] = [];
    let cursor: string | undefined;
    do {
      const page = await PAGED.events(api, cursor);
      all.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return {
      latest: { items: all.slice(-n) },
      open: { items: all.filter((e) => OPEN_STATUSES.includes(e.status)).slice(-n) },
    };
  }
  // the span's end is the latest day any event's date reaches (open ends aside)
  const to = stats.span.to ? Date.parse(`${stats.span.to}T00:00:00Z`) : Number.NaN;
  const from = stats.span.from ? Date.parse(`${stats.span.from}T00:00:00Z`) : Number.NaN;
  const end = Number.isNaN(to) ? 0 : to + DAY;
  const span = Number.isNaN(to) || Number.isNaN(from) ? 0 : Math.ceil((end - from) / DAY);
  const latest = await tail(api, end, span, n, 1);
  // open questions are among the events of those days or earlier: no need to ask nearer the end
  const open = await tail(api, end, span, n, latest.days, OPEN_STATUSES);
  return { latest: latest.found, open: open.found };
}

/**
 * The last `n` events of the filter: the events dated from `days` days before `end` on, then
 * from twice as many days, and so on until there are at least `n`.
 */
async function tail(
  api: Api,
  end: number,
  spanDays: number,
  n: number,
  days: number,
  statuses?: EpistemicStatus[],
): Promise<{ found: Latest; days: number }> {
  for (; ; days *= 2) {
    const whole = days >= spanDays;
    const from = iso(end - days * DAY);
    const page = await api.events
      .list({
        ...(whole ? {} : { from, containedOnly: true }),
        ...(statuses ? { statuses } : {}),
        limit: PAGE,
      })
      .then(withDatasets);
    if (page.total < n && !whole) continue;
    if (page.total <= PAGE) return { found: { items: page.items.slice(-n) }, days };
    return { found: { items: page.items.slice(0, n), approx: { from, of: page.total } }, days };
  }
}

/** The cache key of the Overview's events (they change with the data's version). */
export const overviewKey = (stats: Out["stats"]["summary"]): string => `overview:${stats.version}`;

/** The network as the Network tab lists it: the most connected actors. */
export interface Network {
  graph: Out["network"]["graph"];
  /**
   * False when the router would not compute ties by shared events (over millions of events
   * it offers the relations alone): the graph then holds relations only.
   */
  sharedEvents: boolean;
}

/** The Network tab's list: at most this many actors, the most connected first. */
export const NETWORK_NODES = PAGE;

/** Stores that answered that they do not compute ties by shared events. */
const relationsOnly = new WeakSet<object>();

/**
 * `network.graph`, with ties by shared events when the store computes them; a store that
 * refuses them (a 400 naming the field, over millions of events) is asked again for the
 * relations alone, and not asked for shared events again.
 */
export async function graph(
  api: Api,
  input: Omit<NonNullable<Parameters<Api["network"]["graph"]>[0]>, "sharedEvents">,
): Promise<Network> {
  if (!relationsOnly.has(api)) {
    try {
      return { graph: await api.network.graph(input), sharedEvents: true };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (errorCode(err) !== "BAD_REQUEST" || !/sharedEvents/.test(message)) throw err;
      relationsOnly.add(api);
    }
  }
  return { graph: await api.network.graph({ ...input, sharedEvents: false }), sharedEvents: false };
}

/** Every list query of the TUI that is not paged: key and loader. */
export const QUERIES = {
  stats: ["stats", (api: Api) => api.stats.summary()],
  // which datasets are imports (their items are tagged); a server that cannot say tags nothing
  datasets: ["datasets", (api: Api) => api.stats.datasets().catch(() => [])],
  network: ["network", (api: Api) => graph(api, { maxNodes: NETWORK_NODES })],
  routes: ["routes", (api: Api) => api.routes.list({})],
  deals: ["deals", (api: Api) => api.deals.list({})],
  sources: ["sources", (api: Api) => api.sources.list({})],
} as const;

export type QueryName = keyof typeof QUERIES;
export type Loaded<K extends QueryName> = Awaited<ReturnType<(typeof QUERIES)[K][1]>>;

/**
 * Queries that can take long over a large store (whole-table reads: every deal, every
 * citation's source, the network's index). They start only once the frame saying "Loading…"
 * is on the terminal.
 */
export const SLOW: ReadonlySet<QueryName> = new Set(["network", "deals", "sources"]);
