import type { TRPCRouterRecord } from "@trpc/server";
import { GraphInput, GraphOutput, PathInput, PathOutput } from "../schemas.ts";
import { type Answer, publicProcedure } from "../trpc.ts";

export const networkRouter = (answer: Answer) =>
  ({
    /**
     * The actor graph: nodes, relation edges (typed, with direction) weighted by shared events,
     * plus "shared-events" edges for actors who appear together without a relation. Filter by
     * relation types, by a date (relations whose period overlaps it; undated ones stay), and
     * by a neighbourhood of `hops` around `around`.
     */
    graph: publicProcedure
      .meta({
        openapi: {
          method: "GET",
          path: "/network/graph",
          tags: ["network"],
          protect: false,
          summary: "Actor graph",
        },
      })
      .input(GraphInput)
      .output(answer(GraphOutput))
      .query(({ ctx, input }) => ctx.store.graph(input)),

    /** The shortest connection between two actors, with the relation walked at each step. */
    path: publicProcedure
      .meta({
        openapi: {
          method: "GET",
          path: "/network/path",
          tags: ["network"],
          protect: false,
          summary: "Shortest connection",
        },
      })
      .input(PathInput)
      .output(answer(PathOutput))
      .query(({ ctx, input }) => {
        const { from, to, ...opts } = input;
        return ctx.store.path(from, to, opts);
      }),
  }) satisfies TRPCRouterRecord;
