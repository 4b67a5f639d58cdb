"use client";
import type { RouterInputs, RouterOutputs } from "@dealmap/api";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { DatasetLabelInfo } from "@/lib/datasets";
import { EVENT_LIMIT } from "@/lib/time-axis";
import { useTRPC } from "@/trpc/react";
import { EventDetail } from "./event-detail";
import { type ChartData, type Lane, TimelineChart, type View } from "./timeline-chart";
import type { DateInfo } from "./ui";

/** A window as `events.window` answers it. */
export type WindowData = RouterOutputs["events"]["window"];
/** The filter and lanes every window of this page is read with. */
export type WindowQuery = Omit<RouterInputs["events"]["window"], "from" | "to" | "bins" | "eventLimit">;

const OTHER = "~other";

const isoDay = (ms: number) =>
  new Date(Math.min(Math.max(ms, -62_135_596_800_000), 253_402_214_400_000)).toISOString().slice(0, 10);

function chartData(w: WindowData, bandKeys: ReadonlySet<string>): ChartData {
  return {
    start: w.start,
    end: w.end,
    binDays: w.binDays,
    total: w.total,
    lanes: w.lanes,
    bands: w.datasets.filter((d) => bandKeys.has(d.key)),
    scope: w.scope,
    events:
      w.events?.map((e) => ({
        id: e.id,
        title: e.title,
        kind: e.kind,
        status: e.status,
        label: e.label,
        fuzzy: e.fuzzy,
        min: e.min ?? w.start,
        max: e.max ?? w.end,
        lanes: e.lanes.length > 0 ? e.lanes : [OTHER],
      })) ?? null,
  };
}

/**
 * Chart plus the selected event's detail. The page hands over the whole filtered timeline's
 * window (for "Fit all" and the lanes) and the first window to show; every window after that is
 * read from `events.window` as the view moves (debounced), and kept in the URL (`from`, `to`).
 * The selection is kept in the URL too (`?event=`).
 */
export function TimelineView({
  whole,
  first,
  query,
  lanes: baseLanes,
  bands,
  selected: initialSelected,
  titles,
  dateLabels,
  kindLabels,
  datasets,
  listBase,
}: {
  whole: WindowData;
  first: WindowData;
  query: WindowQuery;
  /** The lanes in order (kinds in the taxonomy's order, or the lane actors). */
  lanes: Lane[];
  /** Datasets drawn as density bands under the lanes (the imports), with their labels. */
  bands: Lane[];
  selected: string | null;
  titles: Record<string, string>;
  /** Dates in words for the detail panel. */
  dateLabels: Record<string, DateInfo>;
  kindLabels: Record<string, string>;
  /** The datasets by name, so the detail says which import an event is from. */
  datasets?: Record<string, DatasetLabelInfo>;
  /** The page's URL without its window: "List the events in view" adds `from` and `to`. */
  listBase: string;
}) {
  const trpc = useTRPC();
  const bandKeys = useMemo(() => new Set(bands.map((b) => b.key)), [bands]);
  const span = useMemo(() => ({ start: whole.start, end: whole.end }), [whole]);
  const initial = useMemo(
    () => (first === whole ? undefined : { start: first.start, end: first.end }),
    [first, whole],
  );
  const [want, setWant] = useState<{ from: string; to: string; bins: number } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const moved = useRef(false);
  const onView = useCallback((v: View, plotWidth: number, now: boolean) => {
    if (timer.current) clearTimeout(timer.current);
    const read = () => {
      const next = {
        from: isoDay(v.start),
        to: isoDay(v.end),
        bins: Math.max(20, Math.min(600, Math.round(plotWidth / 3))),
      };
      setWant((w) => (w && w.from === next.from && w.to === next.to && w.bins === next.bins ? w : next));
      // the window lives in the URL once the reader has moved it (a reload shows the same)
      if (moved.current) {
        const url = new URL(window.location.href);
        url.searchParams.set("from", next.from);
        url.searchParams.set("to", next.to);
        url.searchParams.delete("after");
        window.history.replaceState(null, "", url);
      }
      moved.current = true;
    };
    // a button or key reads its window at once; wheel and drag wait until the view settles
    if (now) read();
    else timer.current = setTimeout(read, 120);
  }, []);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  const win = useQuery({
    ...trpc.events.window.queryOptions({ ...query, ...(want ?? {}), eventLimit: EVENT_LIMIT }),
    enabled: want !== null,
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
  const current = win.data ?? first;
  const data = useMemo(() => chartData(current, bandKeys), [current, bandKeys]);
  const lanes = useMemo(() => {
    const needOther = data.events?.some((e) => e.lanes.includes(OTHER));
    return needOther ? [...baseLanes, { key: OTHER, label: "Others / none" }] : baseLanes;
  }, [baseLanes, data]);

  const windowLabels = useMemo(() => {
    const m = new Map<string, DateInfo>();
    for (const e of current.events ?? []) m.set(e.date, { label: e.label, fuzzy: e.fuzzy, title: e.date });
    return m;
  }, [current]);
  const dates = (d: string): DateInfo =>
    dateLabels[d] ?? windowLabels.get(d) ?? { label: d, fuzzy: false, title: d };
  const [selected, setSelected] = useState<string | null>(initialSelected);
  const detail = useQuery({ ...trpc.events.get.queryOptions({ id: selected ?? "" }), enabled: !!selected });
  function select(id: string) {
    setSelected(id);
    const url = new URL(window.location.href);
    url.searchParams.set("event", id);
    window.history.replaceState(null, "", url);
  }
  const listHref = useCallback(
    (v: View) => {
      const url = new URL(listBase, "http://x");
      url.searchParams.set("from", isoDay(v.start));
      url.searchParams.set("to", isoDay(v.end));
      return `${url.pathname}${url.search}#list-h`;
    },
    [listBase],
  );
  const exportParams = useCallback(
    (v: View): [string, string][] => [
      ...new URL(listBase, "http://x").searchParams.entries(),
      ["from", isoDay(v.start)],
      ["to", isoDay(v.end)],
    ],
    [listBase],
  );
  return (
    <div className="timeline-layout">
      <TimelineChart
        data={data}
        lanes={lanes}
        bands={bands}
        span={span}
        initial={initial}
        selected={selected}
        busy={win.isFetching}
        onSelect={select}
        onView={onView}
        listHref={listHref}
        exportParams={exportParams}
      />
      <section className="card event-panel" aria-live="polite" aria-label="Selected event">
        {!selected ? (
          <p className="muted">Select an event on the chart, or open one from the list below.</p>
        ) : detail.isPending ? (
          <div aria-busy="true">
            <div className="skeleton" style={{ width: "60%", height: "1.6rem" }} />
            <div className="skeleton" />
            <div className="skeleton" style={{ width: "80%" }} />
          </div>
        ) : detail.isError ? (
          <p className="notice error">This event could not be loaded: {detail.error.message}</p>
        ) : (
          <>
            <EventDetail
              data={detail.data}
              titles={titles}
              headingLevel={2}
              kindLabel={kindLabels[detail.data.event.kind] ?? detail.data.event.kind}
              dates={dates}
              datasets={datasets}
            />
            <p>
              <a href={`/events/${encodeURIComponent(detail.data.event.id)}`}>Open the event page →</a>
            </p>
          </>
        )}
      </section>
    </div>
  );
}
