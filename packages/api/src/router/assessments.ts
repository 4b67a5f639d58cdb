import type { TRPCRouterRecord } from "@trpc/server";
import { AssessmentListInput, AssessmentListOutput } from "../schemas.ts";
import { type Answer, publicProcedure } from "../trpc.ts";

export const assessmentsRouter = (answer: Answer) =>
  ({
    /** Analysts' claims (analysis, not fact), filtered by what they are about, source, topic. */
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
      .query(async ({ ctx, input }) => ({ items: await ctx.store.assessments(input) })),
  }) satisfies TRPCRouterRecord;
