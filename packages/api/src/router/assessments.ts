import type { TRPCRouterRecord } from "@trpc/server";
import { AssessmentListInput, AssessmentListOutput } from "../schemas.ts";
import { publicProcedure } from "../trpc.ts";

export const assessmentsRouter = {
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
    .output(AssessmentListOutput)
    .query(({ ctx, input }) => ({ items: ctx.store.assessments(input) })),
} satisfies TRPCRouterRecord;
