import { actorsOf, boundsOf, EVENT_KINDS, formatDate, isFuzzy } from "@dealmap/domain";
import type { TRPCRouterRecord } from "@trpc/server";
import { promoteFromStore } from "../promote.ts";
import {
  EventDetailOutput,
  IdInput,
  PromoteInput,
  PromoteOutput,
  TimelineInput,
  TimelineOutput,
  TimelineWindowInput,
  TimelineWindowOutput,
} from "../schemas.ts";
import type { Store } from "../store/types.ts";
import { type Answer, actorNames, found, publicProcedure } from "../trpc.ts";

export const eventsRouter = (answer: Answer) =>
  ({
    /**
     * The timeline: events filtered by actors, kinds, places, route, statuses and a date window,
     * in date order (earliest bound, then latest bound, then date string, then id). An event is
     * in the window when its date bounds overlap it — partial overlaps count — unless
     * `containedOnly` asks for its whole span inside. Paged by `cursor` (the previous page's
     * `nextCursor`), at most 200 per page.
     */
    list: publicProcedure
      .meta({
        openapi: {
          method: "GET",
          path: "/events",
          tags: ["events"],
          protect: false,
          summary: "Timeline of events",
          description:
            "Filters combine with AND; values inside one array filter combine with OR. Fuzzy dates overlap a window when any instant they can denote falls in it (set containedOnly=true to require the whole span inside).",
        },
      })
      .input(TimelineInput)
      .output(answer(TimelineOutput))
      .query(({ ctx, input }) => {
        const { cursor, limit, ...filter } = input;
        return ctx.store.timeline(filter, { cursor, limit });
      }),

    /**
     * A window of the timeline for a chart at any size: events counted per time bin, per lane
     * (kind or actor) and per dataset — from counts kept per day where the store has them —
     * and the window's events one by one when there are at most `eventLimit`. Without
     * `from`/`to` the window spans the filtered events.
     */
    window: publicProcedure
      .meta({
        openapi: {
          method: "GET",
          path: "/events/window",
          tags: ["events"],
          protect: false,
          summary: "Timeline density and events of a window",
          description:
            "Each event counts once, in the bin of the middle of its date span (an open span: its finite end). Bins are whole days, a power of two of them.",
        },
      })
      .input(TimelineWindowInput)
      .output(answer(TimelineWindowOutput))
      .query(async ({ ctx, input }) => {
        const { from, to, bins, lanes, eventLimit, ...filter } = input;
        return windowAnswer(ctx.store, filter, { from, to, bins, lanes, eventLimit });
      }),

    /** One event with participants, places, routes, links both ways, deals and assessments. */
    get: publicProcedure
      .meta({
        openapi: {
          method: "GET",
          path: "/events/{id}",
          tags: ["events"],
          protect: false,
          summary: "One event",
        },
      })
      .input(IdInput)
      .output(answer(EventDetailOutput))
      .query(({ ctx, input }) => found(ctx.store.event(input.id), "event", input.id)),

    /**
     * Promote an imported event: the YAML of a curated event with its citations filled in, and
     * of the import's sources, actors and places it needs, under curated ids — files for a data
     * directory, for the curator to check and rewrite in their own words. Nothing is written.
     */
    promote: publicProcedure
      .meta({
        openapi: {
          method: "GET",
          path: "/events/{id}/promote",
          tags: ["events"],
          protect: false,
          summary: "Curated YAML for an imported event",
        },
      })
      .input(PromoteInput)
      .output(answer(PromoteOutput))
      .query(({ ctx, input }) =>
        found(promoteFromStore(ctx.store, input.id, input.newId), "event", input.id),
      ),
  }) satisfies TRPCRouterRecord;

/** The store's window with labels for the lanes and a compact row per event. */
async function windowAnswer(
  store: Store,
  filter: Omit<typeof TimelineWindowInput._zod.output, "from" | "to" | "bins" | "lanes" | "eventLimit">,
  opts: { from?: string; to?: string; bins: number; lanes: "kind" | "actor"; eventLimit: number },
) {
  // an open side ("../2021", "2025-06/..") is the data's extent on that side
  const start = opts.from !== undefined ? boundsOf(opts.from).min : Number.NaN;
  const end = opts.to !== undefined ? boundsOf(opts.to).max : Number.NaN;
  const w = await store.timelineWindow(filter, {
    ...(Number.isFinite(start) ? { start } : {}),
    ...(Number.isFinite(end) ? { end } : {}),
    maxBins: opts.bins,
    lanes: opts.lanes,
    eventLimit: opts.eventLimit,
  });
  const d = w.density;
  const laneKeys = new Set(d.lanes.map((l) => l.key));
  const names = opts.lanes === "actor" ? await actorNames(store, [...laneKeys]) : new Map<string, string>();
  const finite = (n: number) => (Number.isFinite(n) ? n : null);
  return {
    startDay: d.startDay,
    binDays: d.binDays,
    bins: d.bins,
    start: d.startDay * DAY,
    end: (d.startDay + d.bins * d.binDays) * DAY,
    total: d.total,
    undated: d.undated,
    lanes: d.lanes.map((l) => ({
      ...l,
      label:
        opts.lanes === "kind"
          ? (EVENT_KINDS[l.key as keyof typeof EVENT_KINDS]?.label ?? l.key)
          : (names.get(l.key) ?? l.key),
    })),
    datasets: d.datasets,
    scope: w.events ? (w.scope ?? "overlapping") : null,
    events:
      w.events?.map((e, i) => {
        const b = boundsOf(e.date);
        return {
          id: e.id,
          title: e.title,
          kind: e.kind,
          status: e.status,
          date: e.date,
          label: formatDate(e.date),
          fuzzy: isFuzzy(e.date),
          min: finite(b.min),
          max: finite(b.max),
          lanes: opts.lanes === "kind" ? [e.kind] : [...actorsOf(e)].filter((a) => laneKeys.has(a)),
          dataset: w.eventDatasets[i] ?? "",
        };
      }) ?? null,
  };
}

const DAY = 86_400_000;
