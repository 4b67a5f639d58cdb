import type { TRPCRouterRecord } from "@trpc/server";
import { EventDetailOutput, IdInput, TimelineInput, TimelineOutput } from "../schemas.ts";
import { type Answer, found, publicProcedure } from "../trpc.ts";

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
  }) satisfies TRPCRouterRecord;
