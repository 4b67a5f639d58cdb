/**
 * The content of each tab: lists at the top level, profiles and the network walk below them.
 * Everything shown comes from the router (see data.ts): the Timeline and Actors lists a page
 * at a time, so that a database of millions of events opens as fast as the built-in data.
 */
import type { ActorKind } from "@dealmap/domain";
import { Box, Text } from "ink";
import { type ReactNode, useEffect, useState } from "react";
import type { Api, Out } from "../api.ts";
import { terminalSafe } from "../safe-text.ts";
import { width as cells, pad, truncate } from "../text.ts";
import { docFor, fetchDetail } from "../views/detail.ts";
import { Doc, type Seg, shortDate } from "../views/doc.ts";
import {
  graph as graphOf,
  isSmall,
  type Latest,
  type Loaded,
  OVERVIEW_LIST_UP_TO,
  type OverviewEvents,
  overviewEvents,
  overviewKey,
  PAGE,
  PAGED,
  type PagedKey,
  QUERIES,
  type QueryName,
  SLOW,
} from "./data.ts";
import { DocPane, Message } from "./doc-view.tsx";
import { type Target, useRegisterPane } from "./pane.ts";
import { type Paged, type PageOf, useCache, useCached, usePaged, useQuery } from "./query.tsx";
import { ScrollList } from "./scroll-list.tsx";
import { statusColour, useTheme } from "./theme.tsx";

/**
 * Over a large store, a slow query waits this long, so that the frame saying it is loading is
 * drawn first (an in-process SQLite store answers synchronously).
 */
const DEFER_MS = 30;

/** Whether the data is large (see data.ts isSmall); false until its counts are known. */
function useLarge(): boolean {
  const stats = useCached<Loaded<"stats">>(QUERIES.stats[0]).data;
  return stats !== undefined && !isSmall(stats);
}

/** The `defer` for a slow query: none over small data, where every query is quick. */
function useDefer(): number {
  return useLarge() ? DEFER_MS : 0;
}

function useList<K extends QueryName>(k: K) {
  const [key, fn] = QUERIES[k];
  const defer = useDefer();
  return useQuery<Loaded<K>>(key, fn as (api: Api) => Promise<Loaded<K>>, {
    defer: SLOW.has(k) ? defer : 0,
  });
}

/** 1234567 → "1,234,567". */
export const count = (n: number): string => n.toLocaleString("en");

export interface PaneProps {
  height: number;
  width: number;
  /** Selected row (list) or cursor line (document). */
  cursor: number;
  focused: boolean;
}

/**
 * Text from the data for one row, cut to `w` columns: control characters made visible (a name
 * holding ESC sequences must not drive the terminal), line breaks and tabs folded to spaces.
 */
export function fit(text: string, w: number): string {
  return truncate(terminalSafe(text).replace(/\s+/g, " "), w);
}

/** `fit`, padded to exactly `w` columns. */
export function cell(text: string, w: number): string {
  return pad(fit(text, w), w);
}

interface ListPaneProps<T> extends PaneProps {
  items: readonly T[];
  row: (item: T, width: number) => ReactNode;
  target: (item: T) => Target | undefined;
  empty: string;
  /** On wide terminals, show what Enter would open beside the list. */
  preview?: boolean;
  /** A list read a page at a time: how far it is read (a last row says what is left). */
  paged?: Paged<T>;
}

/** Terminals at least this wide show a preview of the selected item beside the list. */
export const PREVIEW_WIDTH = 110;

/**
 * Up to this many rows, End (G) on a paged list reads every page and lands on the last row;
 * beyond, it goes to the last row read and reads the next page.
 */
export const END_LOADS_UP_TO = 10 * PAGE;

/** The rows a paged list view needs read: the selection and a screen or two beyond it. */
export function rowsWanted(cursor: number, height: number, end: boolean, total: number | undefined): number {
  if (end && total !== undefined && total <= END_LOADS_UP_TO) return total;
  return cursor + Math.max(2 * height, 50) + 1;
}

function ListPane<T>({
  items,
  row,
  target,
  empty,
  height,
  width,
  cursor,
  focused,
  preview,
  paged,
}: ListPaneProps<T>) {
  useRegisterPane(
    {
      count: items.length,
      open: (i) => (items[i] ? target(items[i]) : undefined),
      // End on a list short enough to be read to its end follows it there
      follow: paged?.total !== undefined && paged.total <= END_LOADS_UP_TO,
    },
    focused,
  );
  const selected = Math.min(cursor, Math.max(0, items.length - 1));
  const wide = preview === true && width >= PREVIEW_WIDTH && items.length > 0;
  const listWidth = wide ? Math.floor(width * 0.45) : width;
  const list = (
    <ScrollList
      items={items}
      selected={selected}
      height={height}
      width={listWidth}
      focused={focused}
      empty={empty}
      render={(item) => row(item, listWidth - 1)}
      footer={paged ? pagedFooter(paged) : undefined}
      total={paged?.total}
    />
  );
  if (!wide) return list;
  const sel = items[selected];
  const t = sel ? target(sel) : undefined;
  const rest = width - listWidth - 2;
  return (
    <Box flexDirection="row" width={width} height={height}>
      {list}
      <Box width={2} />
      <Box width={rest} height={height}>
        {t ? <Preview target={t} width={rest} height={height} /> : null}
      </Box>
    </Box>
  );
}

/** The row under the last one read of a paged list: what is being read, or what is left. */
function pagedFooter<T>(p: Paged<T>): { text: string; tone?: "error" } | undefined {
  if (p.error !== undefined) return { text: `Could not read more: ${errorText(p.error)}`, tone: "error" };
  if (!p.more || p.total === undefined) return undefined;
  const from = p.items.length + 1;
  const to = Math.min(p.total, p.items.length + PAGE);
  return p.loading
    ? { text: `Reading ${count(from)}–${count(to)} of ${count(p.total)}…` }
    : { text: `${count(p.total - p.items.length)} more, read as the selection comes near` };
}

/**
 * What Enter would open, drawn without a cursor. It follows the selection at once to an item
 * already read, else once the selection rests: keys held down over a long list do not read a
 * profile for every row passed.
 */
function Preview({ target, width, height }: { target: Target; width: number; height: number }) {
  const cache = useCache();
  const key = target.view === "network" ? `net:${target.id}` : `detail:${target.id}`;
  const [shown, setShown] = useState(target);
  const ready = !useLarge() || cache.get(key)?.done === true;
  const current = ready || (shown.view === target.view && shown.id === target.id) ? target : shown;
  useEffect(() => {
    if (current === target) return;
    const t = setTimeout(() => setShown(target), PREVIEW_SETTLE_MS);
    return () => clearTimeout(t);
  }, [key]);
  if (current === target && (shown.view !== target.view || shown.id !== target.id)) setShown(target);
  const p = { width, height, cursor: 0, focused: false };
  return current.view === "network" ? (
    <NetworkPane id={current.id} {...p} />
  ) : (
    <EntityPane id={current.id} {...p} />
  );
}

/** How long the selection rests before the preview reads an item not read yet. */
const PREVIEW_SETTLE_MS = 60;

function Status({ status, w }: { status: string; w: number }) {
  const theme = useTheme();
  return (
    <Text color={statusColour(theme, status)}>
      {cell(status === "did-not-happen" ? "didn't happen" : status, w)}
    </Text>
  );
}

function loadingOr<T>(
  q: { data: T | undefined; error: unknown },
  height: number,
  what: string,
): ReactNode | null {
  if (q.error)
    return <Message text={`Could not load ${what}: ${errorText(q.error)}`} tone="error" height={height} />;
  if (q.data === undefined) return <Message text={`Loading ${what}…`} height={height} />;
  return null;
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

// ------------------------------------------------------------------ top-level lists

/** The names of the imported datasets (empty until known). */
function useImports(): ReadonlySet<string> {
  const q = useList("datasets");
  return new Set((q.data ?? []).filter((d) => d.origin === "import").map((d) => d.name));
}

/** The widest a dataset tag gets in a list row; a longer name ends with "…". */
const TAG_MAX = 24;

/**
 * " [gdelt-2025]" for an item of an import, "" for curated data. `room` is what the row has
 * for the text and the tag together: the tag takes at most half of it, so that the text beside
 * it stays readable in a narrow list.
 */
export function datasetTag(dataset: string, imports: ReadonlySet<string>, room: number): string {
  if (!imports.has(dataset)) return "";
  return ` ${fit(`[${dataset}]`, Math.max(6, Math.min(TAG_MAX, Math.floor(room / 2) - 1)))}`;
}

/** Props of a top-level list: `end` when the last key pressed on it was End (G). */
export interface ListProps extends PaneProps {
  end?: boolean;
}

type PagedRow<K extends PagedKey> = Awaited<ReturnType<(typeof PAGED)[K]>>["items"][number];

/** A paged list (see data.ts PAGED), read as far as the view needs. */
function usePagedList<K extends PagedKey>(key: K, p: ListProps): Paged<PagedRow<K>> {
  const known = useCached<unknown>(key).paged;
  const want = rowsWanted(p.cursor, p.height, p.end === true, known?.total);
  const fn = PAGED[key] as (api: Api, cursor: string | undefined) => Promise<PageOf<PagedRow<K>>>;
  return usePaged(key, fn, want);
}

/** "Loading…" or the error of a paged list that has no rows yet; null once it has. */
function pagedLoadingOr<T>(q: Paged<T>, height: number, what: string): ReactNode | null {
  if (q.total !== undefined) return null;
  return loadingOr({ data: undefined, error: q.error }, height, what);
}

export function TimelineList(p: ListProps) {
  const q = usePagedList("events", p);
  const imports = useImports();
  const wait = pagedLoadingOr(q, p.height, "the timeline");
  if (wait) return wait;
  return (
    <ListPane
      {...p}
      preview
      items={q.items}
      paged={q}
      empty="No events."
      target={(e) => ({ view: "entity", id: e.id })}
      row={(e, w) => {
        const tag = datasetTag(e.dataset, imports, w - 33);
        return (
          <>
            <Text>{cell(shortDate(e.date), 18)} </Text>
            <Status status={e.status} w={13} />
            <Text> {fit(e.title, Math.max(8, w - 33 - cells(tag)))}</Text>
            {tag ? <Text dimColor>{tag}</Text> : null}
          </>
        );
      }}
    />
  );
}

export function ActorList(p: ListProps) {
  const q = usePagedList("actors", p);
  const imports = useImports();
  const wait = pagedLoadingOr(q, p.height, "actors");
  if (wait) return wait;
  return (
    <ListPane
      {...p}
      preview
      items={q.items}
      paged={q}
      empty="No actors."
      target={(a) => ({ view: "entity", id: a.id })}
      row={(a, w) => {
        const nameW = Math.min(30, Math.max(16, Math.floor(w * 0.35)));
        const tag = datasetTag(a.dataset, imports, w - nameW - 17);
        return (
          <>
            <Text>{cell(a.name, nameW)} </Text>
            <Text dimColor>
              {cell(a.kind, 12)} {cell(a.country ?? "", 2)}{" "}
            </Text>
            <Text>{fit(a.description, Math.max(8, w - nameW - 17 - cells(tag)))}</Text>
            {tag ? <Text dimColor>{tag}</Text> : null}
          </>
        );
      }}
    />
  );
}

/**
 * Network tab, top level: actors by how connected they are — the most connected
 * NETWORK_NODES of them (all of a small dataset), as the router ranks them.
 */
export function NetworkList(p: PaneProps) {
  const q = useList("network");
  const large = useLarge();
  const wait = loadingOr(
    q,
    p.height,
    large
      ? "the network (over a database this large, its index is built first: seconds, once a session)"
      : "the network",
  );
  if (wait) return wait;
  const nodes = [...(q.data?.graph.nodes ?? [])].sort(
    (a, b) => b.degree - a.degree || a.name.localeCompare(b.name),
  );
  return (
    <ListPane
      {...p}
      preview
      items={nodes}
      empty="No actors in the network."
      target={(n) => ({ view: "network", id: n.id })}
      row={(n, w) => (
        <>
          <Text>{cell(n.name, Math.max(10, w - 26))} </Text>
          <Text dimColor>{cell((n.kind as ActorKind | null) ?? "", 12)} </Text>
          <Text>{pad(`${n.degree} tie${n.degree === 1 ? "" : "s"}`, 10, "right")}</Text>
        </>
      )}
    />
  );
}

export function RouteList(p: PaneProps) {
  const q = useList("routes");
  const wait = loadingOr(q, p.height, "routes");
  if (wait) return wait;
  return (
    <ListPane
      {...p}
      preview
      items={q.data?.items ?? []}
      empty="No routes."
      target={(r) => ({ view: "entity", id: r.route.id })}
      row={(r, w) => {
        const km = r.distance.knownLegs
          ? `${Math.round(r.distance.sourcedKm)}${r.distance.hasUnknownLeg ? "+?" : ""} km`
          : "";
        return (
          <>
            <Status status={r.status} w={12} />
            <Text> {cell(r.route.name, Math.max(8, w - 34))} </Text>
            <Text dimColor>{cell(r.route.cargo, 9)}</Text>
            <Text>{pad(km, 10, "right")}</Text>
          </>
        );
      }}
    />
  );
}

export function DealList(p: ListProps) {
  const q = usePagedList("dealList", p);
  const stats = useCached<Loaded<"stats">>(QUERIES.stats[0]).data;
  const many = stats && stats.counts.deals > PAGE ? `${count(stats.counts.deals)} deals` : "deals";
  const wait = pagedLoadingOr(q, p.height, many);
  if (wait) return wait;
  return (
    <ListPane
      {...p}
      preview
      items={q.items}
      paged={q}
      empty="No deals."
      target={(d) => ({ view: "entity", id: d.id })}
      row={(d, w) => {
        const done = d.concessions.filter((c) => c.delivery === "delivered").length;
        return (
          <>
            <Text>{cell(shortDate(d.date), 18)} </Text>
            <Text>{cell(d.title, Math.max(8, w - 36))} </Text>
            <Text dimColor>{pad(`${done}/${d.concessions.length} delivered`, 16, "right")}</Text>
          </>
        );
      }}
    />
  );
}

export function SourceList(p: PaneProps) {
  const q = useList("sources");
  const wait = loadingOr(q, p.height, "sources");
  if (wait) return wait;
  // as wide as the longest count needs ("11,077,782 claims" over millions of citations)
  const claims = (n: number) => `${count(n)} claim${n === 1 ? "" : "s"}`;
  const claimsW = Math.max(10, ...(q.data?.items ?? []).map((s) => claims(s.claims).length));
  return (
    <ListPane
      {...p}
      preview
      items={q.data?.items ?? []}
      empty="No sources."
      target={(s) => ({ view: "entity", id: s.source.id })}
      row={(s, w) => (
        <>
          <Text dimColor>{cell(s.source.kind, 18)} </Text>
          <Text>{cell(s.source.title, Math.max(8, w - 20 - claimsW))} </Text>
          <Text>{pad(claims(s.claims), claimsW, "right")}</Text>
        </>
      )}
    />
  );
}

/**
 * Where the selection is in a top-level list that is long or cut, from the router's counts:
 * "200 of 20,000 loaded · row 5" while pages remain, "row 5 of 20,000" once all are read (only
 * for lists longer than a page), "the 200 most connected of 200,000 actors" for a network cut
 * to its most connected actors. Undefined for a short list.
 */
export function useListCount(tab: string, selected: number): string | undefined {
  const events = useCached<unknown>("events").paged;
  const actors = useCached<unknown>("actors").paged;
  const network = useCached<Loaded<"network">>(QUERIES.network[0]).data;
  const deals = useCached<unknown>("dealList").paged;
  const row = (n: number) => `row ${count(Math.min(selected, Math.max(0, n - 1)) + 1)}`;
  const paged = (q: Paged<unknown> | undefined) => {
    if (q?.total === undefined || q.total <= PAGE) return undefined;
    if (q.items.length < q.total)
      return `${count(q.items.length)} of ${count(q.total)} loaded · ${row(q.items.length)}`;
    return `${row(q.total)} of ${count(q.total)}`;
  };
  switch (tab) {
    case "Timeline":
      return paged(events);
    case "Actors":
      return paged(actors);
    case "Network": {
      if (!network) return undefined;
      const g = network.graph;
      const parts: string[] = [];
      // the router counts each one's ties among those kept
      if (g.nodesTruncated)
        parts.push(
          `the ${count(g.nodes.length)} most connected of ${count(g.totalNodes)} actors, ties among them`,
        );
      if (!network.sharedEvents) parts.push("relations only");
      return parts.length ? parts.join(" · ") : undefined;
    }
    case "Deals":
      return paged(deals);
    default:
      return undefined;
  }
}

// ------------------------------------------------------------------ overview

/**
 * The Overview tab: key numbers, latest events, open questions, deals, where each route
 * stands. Drawn once all of it is read (a frame that grows as parts arrive would jump); over a
 * large store it reads the end of the timeline, not the timeline, and counts the deals.
 */
export function OverviewPane(p: PaneProps) {
  const stats = useList("stats");
  const s = stats.data;
  const events = useQuery(s ? overviewKey(s) : null, (api) =>
    overviewEvents(api, s as Out["stats"]["summary"]),
  );
  // every deal and route up to OVERVIEW_LIST_UP_TO; above, their counts only
  const few = (k: "deals" | "routes") => s !== undefined && s.counts[k] <= OVERVIEW_LIST_UP_TO;
  const routes = useQuery(few("routes") ? QUERIES.routes[0] : null, QUERIES.routes[1]);
  const deals = useQuery(few("deals") ? QUERIES.deals[0] : null, QUERIES.deals[1]);
  const wait = loadingOr(stats, p.height, "the overview");
  if (wait) return wait;
  const pending = [events, routes, deals].some((q) => q.loading && q.data === undefined);
  if (pending) return <Message text="Loading the overview…" height={p.height} />;
  const doc = overviewDoc(p.width - 1, s as Out["stats"]["summary"], routes.data, events.data, deals.data);
  return <DocPane doc={doc} cursor={p.cursor} height={p.height} width={p.width} focused={p.focused} />;
}

export function overviewDoc(
  width: number,
  s: Out["stats"]["summary"],
  routes: Out["routes"]["list"] | undefined,
  events: OverviewEvents | undefined,
  deals: Out["deals"]["list"] | undefined,
): Doc {
  const doc = new Doc(width);
  doc.title("Who traded what with whom, when, and by which route");
  const c = s.counts;
  const n = (k: number, one: string, many = `${one}s`) => `${count(k)} ${k === 1 ? one : many}`;
  doc.para(
    `${n(c.events, "event")}, ${n(c.actors, "actor")}, ${n(c.places, "place")}, ${n(c.routes, "route")}, ${n(c.deals, "deal")}, ${n(c.relations, "relation")} and ${n(c.assessments, "assessment")}, from ${n(c.sources, "source")} and ${n(s.citations, "citation")}.`,
  );
  if (s.span.from && s.span.to) doc.field("Span", `${shortDate(s.span.from)} – ${shortDate(s.span.to)}`);
  const pct = (x: { share: number }) => `${Math.round(x.share * 100)}%`;
  doc.field(
    "Coverage",
    `${pct(s.coverage.eventsExactlyDated)} of events dated to the day, ${pct(s.coverage.citationsWithParagraph)} of citations to a paragraph, ${pct(s.coverage.legsWithDistance)} of route legs with a sourced distance`,
  );
  const eventList = (heading: string, l: Latest) => {
    if (!l.items.length) return;
    doc.heading(heading);
    if (l.approx)
      doc.line([
        {
          text: `  the first ${l.items.length} of ${count(l.approx.of)} events dated ${shortDate(l.approx.from)} or later`,
          tone: "dim",
        },
      ]);
    const items = l.approx ? l.items : [...l.items].reverse();
    for (const e of items) {
      doc.link(e.id, e.title, [
        { text: shortDate(e.date), tone: "date" },
        { text: " " },
        { text: e.status, tone: "status", status: e.status },
      ]);
    }
  };
  if (events) {
    eventList("Latest events", events.latest);
    eventList("Open questions: expected, proposed, claimed", events.open);
  }
  if (deals?.items.length) {
    doc.heading("Deals");
    for (const d of deals.items) {
      const done = d.concessions.filter((x) => x.delivery === "delivered").length;
      doc.link(d.id, d.title, [
        { text: shortDate(d.date), tone: "date" },
        { text: `  ${done}/${d.concessions.length} delivered`, tone: "dim" },
      ]);
    }
  } else if (!deals && c.deals > 0) {
    doc.heading("Deals");
    doc.line([{ text: `  ${n(c.deals, "deal")}: the Deals tab (6) lists them.`, tone: "dim" }]);
  }
  if (routes?.items.length) {
    doc.heading(`Routes as of ${routes.at}`);
    for (const r of routes.items) {
      const segs: Seg[] = [{ text: r.status, tone: "status", status: r.status }];
      if (r.statusNote) segs.push({ text: ` ${r.statusNote}`, tone: "dim" });
      doc.link(r.route.id, r.route.name, segs);
    }
  } else if (!routes && c.routes > 0) {
    doc.heading("Routes");
    doc.line([
      {
        text: `  ${n(c.routes, "route")}: the Routes tab (5) lists them, with where each stands.`,
        tone: "dim",
      },
    ]);
  }
  doc.blank();
  doc.line([{ text: "Tab or 1–8 switch areas, / searches, ? lists every key.", tone: "dim" }]);
  return doc;
}

// ------------------------------------------------------------------ below the lists

/** The profile of any entity, as a document with links. */
export function EntityPane({ id, ...p }: PaneProps & { id: string }) {
  const q = useQuery(`detail:${id}`, (api) => fetchDetail(api, id), { defer: useDefer() });
  if (q.error)
    return <Message text={`Could not open ${id}: ${errorText(q.error)}`} tone="error" height={p.height} />;
  if (!q.data) return <Message text={`Loading ${id}…`} height={p.height} />;
  // the previous entity's document stays up while the next loads: no blank frame
  const doc = docFor(q.data, p.width - 1);
  return (
    <DocPane
      doc={doc}
      cursor={q.loading ? 0 : p.cursor}
      height={p.height}
      width={p.width}
      focused={p.focused}
    />
  );
}

type Edge = Out["network"]["graph"]["edges"][number];

interface NetRow {
  target: Target;
  label: string;
  detail: string;
}

/** The Network tab below the list: an actor's ties; Enter walks to the actor at the other end. */
export function NetworkPane({ id, ...p }: PaneProps & { id: string }) {
  // the whole neighbourhood (the router's most), so that every tie of the actor is listed
  const q = useQuery(
    `net:${id}`,
    (api) => graphOf(api, { around: id, hops: 1, maxNodes: 5000, maxEdges: 20_000 }).then((n) => n.graph),
    { defer: useDefer() },
  );
  if (q.error)
    return (
      <Message
        text={`Could not load the ties of ${id}: ${errorText(q.error)}`}
        tone="error"
        height={p.height}
      />
    );
  if (!q.data) return <Message text={`Loading the ties of ${id}…`} height={p.height} />;
  const rows = networkRows(id, q.data);
  return (
    <ListPane
      {...p}
      items={rows}
      empty="No ties."
      target={(r) => r.target}
      row={(r, w) => (
        <>
          <Text dimColor>{cell(r.detail, Math.min(30, Math.floor(w * 0.4)))} </Text>
          <Text>{fit(r.label, Math.max(8, w - Math.min(30, Math.floor(w * 0.4)) - 1))}</Text>
        </>
      )}
    />
  );
}

/** Rows of the network walk: the actor's profile first, then each tie (strongest first). */
export function networkRows(id: string, g: Out["network"]["graph"]): NetRow[] {
  const name = (x: string) => g.nodes.find((n) => n.id === x)?.name ?? x;
  const mine = g.edges.filter((e) => e.from === id || e.to === id);
  const order = (e: Edge) => (e.type === "shared-events" ? 1 : 0);
  mine.sort(
    (a, b) =>
      order(a) - order(b) || b.weight - a.weight || name(other(a, id)).localeCompare(name(other(b, id))),
  );
  const rows: NetRow[] = [
    { target: { view: "entity", id }, label: `Open the profile of ${name(id)}`, detail: "profile" },
  ];
  for (const e of mine) {
    const o = other(e, id);
    const out = e.from === id;
    const arrow = !e.directed ? "↔" : out ? "→" : "←";
    const what =
      e.type === "shared-events"
        ? `shares ${e.sharedEvents.length} event${e.sharedEvents.length === 1 ? "" : "s"}`
        : `${arrow} ${e.type}${e.when ? ` ${shortDate(e.when)}` : ""}`;
    rows.push({ target: { view: "network", id: o }, label: name(o), detail: what });
  }
  return rows;
}

function other(e: Edge, id: string): string {
  return e.from === id ? e.to : e.from;
}

// ------------------------------------------------------------------ search

export function SearchPane({ query, editing, ...p }: PaneProps & { query: string; editing: boolean }) {
  const theme = useTheme();
  const q = query.trim();
  const res = useQuery(q ? `search:${q}` : null, (api) => api.search.query({ q, limit: 50 }));
  const hits = q ? (res.data?.hits ?? []) : [];
  const listHeight = p.height - 2;
  return (
    <Box flexDirection="column" height={p.height} width={p.width}>
      <Box height={1} width={p.width}>
        <Text wrap="truncate-start">
          <Text bold color={theme.accent}>
            Search:{" "}
          </Text>
          <Text inverse={!editing && !theme.color} underline={editing}>
            {terminalSafe(query)}
          </Text>
          {editing ? <Text inverse> </Text> : null}
        </Text>
      </Box>
      <Box height={1}>
        <Text dimColor wrap="truncate-end">
          {!q
            ? "Type a name in any spelling (Lukashenka, Лукашенко, Klaipėda…); results update as you type."
            : res.error
              ? `Search failed: ${errorText(res.error)}`
              : `${hits.length} result${hits.length === 1 ? "" : "s"}${res.loading ? " …" : ""}${editing ? " — ↓ or Enter to pick one" : ""}`}
        </Text>
      </Box>
      <ListPane
        {...p}
        preview
        height={listHeight}
        focused={p.focused && !editing}
        items={hits}
        empty={q ? (res.loading ? "Searching…" : `Nothing matches "${terminalSafe(q)}".`) : " "}
        target={(h) => ({ view: "entity", id: h.id })}
        row={(h, w) => (
          <>
            <Text dimColor>{cell(h.kind, 7)} </Text>
            <Text>{cell(h.label, Math.max(8, Math.floor((w - 8) * 0.65)))} </Text>
            <Text dimColor>
              {fit(
                h.matched === h.label ? "" : h.matched,
                Math.max(0, w - 9 - Math.max(8, Math.floor((w - 8) * 0.65))),
              )}
            </Text>
          </>
        )}
      />
    </Box>
  );
}
