import type { TRPCRouterRecord } from "@trpc/server";
import { EntityOutput, IdInput } from "../schemas.ts";
import { type Answer, found, publicProcedure } from "../trpc.ts";

export const entityRouter = (answer: Answer) =>
  ({
    /** Any entity by id (ids are unique across kinds): `{ kind, entity }`. */
    get: publicProcedure
      .meta({
        openapi: {
          method: "GET",
          path: "/entity/{id}",
          tags: ["entity"],
          protect: false,
          summary: "Any entity by id",
        },
      })
      .input(IdInput)
      .output(answer(EntityOutput))
      .query(({ ctx, input }) => found(ctx.store.entity(input.id), "entity", input.id)),
  }) satisfies TRPCRouterRecord;
