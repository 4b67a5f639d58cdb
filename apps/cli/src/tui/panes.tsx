/**
 * The content of each tab: lists at the top level, profiles and the network walk below them.
 * Everything shown comes from the router (see query keys in `QUERIES`).
 */
import type { ActorKind } from "@dealmap/domain";
import { Box, Text } from "ink";
import type { ReactNode } from "react";
import { type Api, allPagesWithDatasets, type Out } from "../api.ts";
import { terminalSafe } from "../safe-text.ts";
import { width as cells, pad, truncate } from "../text.ts";
import { docFor, fetchDetail } from "../views/detail.ts";
import { Doc, type Seg, shortDate } from "../views/doc.ts";
import { DocPane, Message } from "./doc-view.tsx";
import { type Target, useRegisterPane } from "./pane.ts";
import { useQuery } from "./query.tsx";
import { ScrollList } from "./scroll-list.tsx";
import { statusColour, useTheme } from "./theme.tsx";

/** Every list query of the TUI: key and loader. Preloaded at start so tabs switch instantly. */
export const QUERIES = {
  stats: ["stats", (api: Api) => api.stats.summary()],
  events: ["events", (api: Api) => allPagesWithDatasets((cursor) => api.events.list({ cursor, limit: 200 }))],
  actors: ["actors", (api: Api) => allPagesWithDatasets((cursor) => api.actors.list({ cursor, limit: 200 }))],
  // which datasets are imports (their items are tagged); a server that cannot say tags nothing
  datasets: ["datasets", (api: Api) => api.stats.datasets().catch(() => [])],
  graph: ["graph", (api: Api) => api.network.graph({})],
  routes: ["routes", (api: Api) => api.routes.list({})],
  deals: ["deals", (api: Api) => api.deals.list({})],
  sources: ["sources", (api: Api) => api.sources.list({})],
} as const;

type Loaded<K extends keyof typeof QUERIES> = Awaited<ReturnType<(typeof QUERIES)[K][1]>>;

function useList<K extends keyof typeof QUERIES>(k: K) {
  const [key, fn] = QUERIES[k];
  return useQuery<Loaded<K>>(key, fn as (api: Api) => Promise<Loaded<K>>);
}

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
}

/** Terminals at least this wide show a preview of the selected item beside the list. */
export const PREVIEW_WIDTH = 110;

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
}: ListPaneProps<T>) {
  useRegisterPane({ count: items.length, open: (i) => (items[i] ? target(items[i]) : undefined) }, focused);
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

/** What Enter would open, drawn without a cursor. */
function Preview({ target, width, height }: { target: Target; width: number; height: number }) {
  const p = { width, height, cursor: 0, focused: false };
  return target.view === "network" ? (
    <NetworkPane id={target.id} {...p} />
  ) : (
    <EntityPane id={target.id} {...p} />
  );
}

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

export function TimelineList(p: PaneProps) {
  const q = useList("events");
  const imports = useImports();
  const wait = loadingOr(q, p.height, "the timeline");
  if (wait) return wait;
  return (
    <ListPane
      {...p}
      preview
      items={q.data ?? []}
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

export function ActorList(p: PaneProps) {
  const q = useList("actors");
  const imports = useImports();
  const wait = loadingOr(q, p.height, "actors");
  if (wait) return wait;
  return (
    <ListPane
      {...p}
      preview
      items={q.data ?? []}
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

/** Network tab, top level: actors by how connected they are. */
export function NetworkList(p: PaneProps) {
  const q = useList("graph");
  const wait = loadingOr(q, p.height, "the network");
  if (wait) return wait;
  const nodes = [...(q.data?.nodes ?? [])].sort(
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

export function DealList(p: PaneProps) {
  const q = useList("deals");
  const wait = loadingOr(q, p.height, "deals");
  if (wait) return wait;
  return (
    <ListPane
      {...p}
      preview
      items={q.data?.items ?? []}
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
          <Text>{cell(s.source.title, Math.max(8, w - 30))} </Text>
          <Text>{pad(`${s.claims} claims`, 10, "right")}</Text>
        </>
      )}
    />
  );
}

// ------------------------------------------------------------------ overview

/** The Overview tab: key numbers, where each route stands, latest events, deals. */
export function OverviewPane(p: PaneProps) {
  const stats = useList("stats");
  const routes = useList("routes");
  const events = useList("events");
  const deals = useList("deals");
  const wait = loadingOr(stats, p.height, "the overview");
  if (wait) return wait;
  const doc = overviewDoc(
    p.width - 1,
    stats.data as Out["stats"]["summary"],
    routes.data,
    events.data,
    deals.data,
  );
  return <DocPane doc={doc} cursor={p.cursor} height={p.height} width={p.width} focused={p.focused} />;
}

export function overviewDoc(
  width: number,
  s: Out["stats"]["summary"],
  routes: Out["routes"]["list"] | undefined,
  events: Out["events"]["list"]["items"] | undefined,
  deals: Out["deals"]["list"] | undefined,
): Doc {
  const doc = new Doc(width);
  doc.title("Who traded what with whom, when, and by which route");
  const c = s.counts;
  const n = (k: number, one: string, many = `${one}s`) => `${k} ${k === 1 ? one : many}`;
  doc.para(
    `${n(c.events, "event")}, ${n(c.actors, "actor")}, ${n(c.places, "place")}, ${n(c.routes, "route")}, ${n(c.deals, "deal")}, ${n(c.relations, "relation")} and ${n(c.assessments, "assessment")}, from ${n(c.sources, "source")} and ${n(s.citations, "citation")}.`,
  );
  if (s.span.from && s.span.to) doc.field("Span", `${shortDate(s.span.from)} – ${shortDate(s.span.to)}`);
  const pct = (x: { share: number }) => `${Math.round(x.share * 100)}%`;
  doc.field(
    "Coverage",
    `${pct(s.coverage.eventsExactlyDated)} of events dated to the day, ${pct(s.coverage.citationsWithParagraph)} of citations to a paragraph, ${pct(s.coverage.legsWithDistance)} of route legs with a sourced distance`,
  );
  if (events?.length) {
    doc.heading("Latest events");
    for (const e of events.slice(-6).reverse()) {
      doc.link(e.id, e.title, [
        { text: shortDate(e.date), tone: "date" },
        { text: " " },
        { text: e.status, tone: "status", status: e.status },
      ]);
    }
  }
  const open = (events ?? []).filter((e) =>
    ["expected", "proposed", "hypothetical", "claimed"].includes(e.status),
  );
  if (open.length) {
    doc.heading("Open questions: expected, proposed, claimed");
    for (const e of open.slice(-6).reverse()) {
      doc.link(e.id, e.title, [
        { text: shortDate(e.date), tone: "date" },
        { text: " " },
        { text: e.status, tone: "status", status: e.status },
      ]);
    }
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
  }
  if (routes?.items.length) {
    doc.heading(`Routes as of ${routes.at}`);
    for (const r of routes.items) {
      const segs: Seg[] = [{ text: r.status, tone: "status", status: r.status }];
      if (r.statusNote) segs.push({ text: ` ${r.statusNote}`, tone: "dim" });
      doc.link(r.route.id, r.route.name, segs);
    }
  }
  doc.blank();
  doc.line([{ text: "Tab or 1–8 switch areas, / searches, ? lists every key.", tone: "dim" }]);
  return doc;
}

// ------------------------------------------------------------------ below the lists

/** The profile of any entity, as a document with links. */
export function EntityPane({ id, ...p }: PaneProps & { id: string }) {
  const q = useQuery(`detail:${id}`, (api) => fetchDetail(api, id));
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
  const q = useQuery(`net:${id}`, (api) => api.network.graph({ around: id, hops: 1 }));
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
