import type { TRPCRouterRecord } from "@trpc/server";
import { pageOf } from "../paging.ts";
import { AssessmentListInput, AssessmentListOutput } from "../schemas.ts";
import { type Answer, publicProcedure } from "../trpc.ts";

export const assessmentsRouter = (answer: Answer) =>
  ({
    /**
     * Analysts' claims (analysis, not fact), filtered by what they are about, source, topic;
     * `limit` at a time after `cursor` (an assessment's id) when given, with the total.
     */
    list: publicProcedure
      .meta({
        openapi: {
          method: "GET",
          path: "/assessments",
          tags: ["assessments"],
          protect: false,
          summary: "Assessments",
        },
      })
      .input(AssessmentListInput)
      .output(answer(AssessmentListOutput))
      .query(async ({ ctx, input }) => {
        const { cursor, limit, ...filter } = input;
        return pageOf(await ctx.store.assessments(filter), (a) => a.id, { cursor, limit });
      }),
  }) satisfies TRPCRouterRecord;
