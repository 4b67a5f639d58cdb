import type { TRPCRouterRecord } from "@trpc/server";
import { StatsOutput } from "../schemas.ts";
import { publicProcedure } from "../trpc.ts";

export const statsRouter = {
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
    .output(StatsOutput)
    .query(({ ctx }) => ({ version: ctx.store.version, ...ctx.store.stats() })),
} satisfies TRPCRouterRecord;
