"use client";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import type { DatasetLabelInfo } from "@/lib/datasets";
import { useTRPC } from "@/trpc/react";
import { EventDetail } from "./event-detail";
import { type Lane, TimelineChart, type TimelineItem } from "./timeline-chart";
import type { DateInfo } from "./ui";

/**
 * One event as a compact tuple (10,000 of them travel to the browser):
 * [id, title, kind, status, date, min, max, fuzzy (1/0), lane keys].
 */
export type TimelineRow = [string, string, string, string, string, number, number, 0 | 1, string[]];

/** Chart plus the selected event's detail; the selection is kept in the URL (`?event=`). */
export function TimelineView({
  rows,
  lanes,
  selected: initialSelected,
  titles,
  dateLabels,
  kindLabels,
  datasets,
}: {
  rows: TimelineRow[];
  lanes: Lane[];
  selected: string | null;
  titles: Record<string, string>;
  /** Every date of the events (and their variants) in words. */
  dateLabels: Record<string, DateInfo>;
  kindLabels: Record<string, string>;
  /** The datasets by name, so the detail says which import an event is from. */
  datasets?: Record<string, DatasetLabelInfo>;
}) {
  const items = useMemo<TimelineItem[]>(
    () =>
      rows.map(([id, title, kind, status, date, min, max, fuzzy, lanes]) => ({
        id,
        title,
        kind,
        status,
        label: dateLabels[date]?.label ?? date,
        min,
        max,
        fuzzy: fuzzy === 1,
        lanes,
      })),
    [rows, dateLabels],
  );
  const dates = (d: string): DateInfo => dateLabels[d] ?? { label: d, fuzzy: false, title: d };
  const [selected, setSelected] = useState<string | null>(initialSelected);
  const trpc = useTRPC();
  const detail = useQuery({ ...trpc.events.get.queryOptions({ id: selected ?? "" }), enabled: !!selected });
  function select(id: string) {
    setSelected(id);
    const url = new URL(window.location.href);
    url.searchParams.set("event", id);
    window.history.replaceState(null, "", url);
  }
  return (
    <div className="timeline-layout">
      <TimelineChart items={items} lanes={lanes} selected={selected} onSelect={select} />
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
