import type { TRPCRouterRecord } from "@trpc/server";
import { DatasetsOutput, StatsOutput } from "../schemas.ts";
import { type Answer, publicProcedure } from "../trpc.ts";

export const statsRouter = (answer: Answer) =>
  ({
    /** Counts per kind, the events' date span, coverage figures, and the data version. */
    summary: publicProcedure
      .meta({
        openapi: {
          method: "GET",
          path: "/stats",
          tags: ["stats"],
          protect: false,
          summary: "Dataset statistics",
        },
      })
      .output(answer(StatsOutput))
      .query(async ({ ctx }) => ({ version: ctx.store.version, ...(await ctx.store.stats()) })),

    /** The datasets: the loaded data (built-in, directories) and each import, with counts per kind. */
    datasets: publicProcedure
      .meta({
        openapi: {
          method: "GET",
          path: "/datasets",
          tags: ["stats"],
          protect: false,
          summary: "Datasets, loaded and imported",
        },
      })
      .output(answer(DatasetsOutput))
      .query(({ ctx }) => ctx.store.datasets()),
  }) satisfies TRPCRouterRecord;
