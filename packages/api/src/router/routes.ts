import { todayEdtf } from "@dealmap/domain";
import type { TRPCRouterRecord } from "@trpc/server";
import {
  RouteCompareInput,
  RouteCompareOutput,
  RouteDetailOutput,
  RouteGetInput,
  RouteListInput,
  RouteListOutput,
} from "../schemas.ts";
import { type Answer, found, publicProcedure } from "../trpc.ts";

export const routesRouter = (answer: Answer) =>
  ({
    /** Routes with each one's status at `at` (default today) and its sourced distance. */
    list: publicProcedure
      .meta({
        openapi: { method: "GET", path: "/routes", tags: ["routes"], protect: false, summary: "Routes" },
      })
      .input(RouteListInput)
      .output(answer(RouteListOutput))
      .query(async ({ ctx, input }) => {
        const at = input.at ?? todayEdtf();
        return { at, items: await ctx.store.routes({ ...input, at }) };
      }),

    /** Every route of one cargo (default potash) side by side at a date. Declared before `get`. */
    compare: publicProcedure
      .meta({
        openapi: {
          method: "GET",
          path: "/routes/compare",
          tags: ["routes"],
          protect: false,
          summary: "Compare routes",
        },
      })
      .input(RouteCompareInput)
      .output(answer(RouteCompareOutput))
      .query(async ({ ctx, input }) => {
        const at = input.at ?? todayEdtf();
        return { cargo: input.cargo, at, rows: await ctx.store.compareRoutes(input.cargo, at) };
      }),

    /**
     * A route: legs with place names and coordinates, total sourced distance (and whether any
     * leg's distance is unknown), status at `at`, status history, blockers, conditions, events.
     */
    get: publicProcedure
      .meta({
        openapi: {
          method: "GET",
          path: "/routes/{id}",
          tags: ["routes"],
          protect: false,
          summary: "One route",
        },
      })
      .input(RouteGetInput)
      .output(answer(RouteDetailOutput))
      .query(({ ctx, input }) =>
        found(ctx.store.route(input.id, input.at ?? todayEdtf()), "route", input.id),
      ),
  }) satisfies TRPCRouterRecord;
