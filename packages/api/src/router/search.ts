import type { TRPCRouterRecord } from "@trpc/server";
import { SearchInput, SearchOutput } from "../schemas.ts";
import { type Answer, publicProcedure } from "../trpc.ts";

export const searchRouter = (answer: Answer) =>
  ({
    /**
     * One ranked search over actors, places, events, routes, deals and sources, tolerant of
     * other romanizations, diacritics and typos. Best first.
     */
    query: publicProcedure
      .meta({
        openapi: { method: "GET", path: "/search", tags: ["search"], protect: false, summary: "Search" },
      })
      .input(SearchInput)
      .output(answer(SearchOutput))
      .query(async ({ ctx, input }) => ({
        hits: await ctx.store.search(input.q, { limit: input.limit, kinds: input.kinds }),
      })),
  }) satisfies TRPCRouterRecord;
