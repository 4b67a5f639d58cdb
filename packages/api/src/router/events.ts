import type { TRPCRouterRecord } from "@trpc/server";
import { promoteFromStore } from "../promote.ts";
import {
  EventDetailOutput,
  IdInput,
  PromoteInput,
  PromoteOutput,
  TimelineInput,
  TimelineOutput,
} from "../schemas.ts";
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
