import type { TRPCRouterRecord } from "@trpc/server";
import * as z from "zod";
import { IdInput, SourceDetailOutput, SourceListOutput } from "../schemas.ts";
import { type Answer, found, publicProcedure } from "../trpc.ts";

export const sourcesRouter = (answer: Answer) =>
  ({
    /** Sources with how many claims cite each and whether its text is loaded. */
    list: publicProcedure
      .meta({
        openapi: { method: "GET", path: "/sources", tags: ["sources"], protect: false, summary: "Sources" },
      })
      .input(z.strictObject({}))
      .output(answer(SourceListOutput))
      .query(async ({ ctx }) => ({ items: await ctx.store.sources() })),

    /**
     * One source with every claim citing it, grouped by paragraph; when its text is loaded
     * (`DEALMAP_SOURCES`, hash verified) each group carries the paragraph text and each claim
     * its cited passage.
     */
    get: publicProcedure
      .meta({
        openapi: {
          method: "GET",
          path: "/sources/{id}",
          tags: ["sources"],
          protect: false,
          summary: "One source",
        },
      })
      .input(IdInput)
      .output(answer(SourceDetailOutput))
      .query(({ ctx, input }) => found(ctx.store.source(input.id), "source", input.id)),
  }) satisfies TRPCRouterRecord;
