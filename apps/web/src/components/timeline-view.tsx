"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/trpc/react";
import { EventDetail } from "./event-detail";
import { type Lane, TimelineChart, type TimelineItem } from "./timeline-chart";

/** Chart plus the selected event's detail; the selection is kept in the URL (`?event=`). */
export function TimelineView({
  items,
  lanes,
  selected: initialSelected,
  titles,
}: {
  items: TimelineItem[];
  lanes: Lane[];
  selected: string | null;
  titles: Record<string, string>;
}) {
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
            <EventDetail data={detail.data} titles={titles} headingLevel={2} />
            <p>
              <a href={`/events/${encodeURIComponent(detail.data.event.id)}`}>Open the event page →</a>
            </p>
          </>
        )}
      </section>
    </div>
  );
}
