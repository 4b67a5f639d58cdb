import type { TRPCRouterRecord } from "@trpc/server";
import { EntityOutput, EntityProvenanceOutput, IdInput } from "../schemas.ts";
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

    /**
     * Where an entity's values came from: the datasets behind it (the defining one first),
     * each value another dataset added (field path and dataset), the facts other datasets
     * dispute, and the records merged into it by same-as statements. An id merged away gives
     * the entity it was merged into.
     */
    provenance: publicProcedure
      .meta({
        openapi: {
          method: "GET",
          path: "/entity/{id}/provenance",
          tags: ["entity"],
          protect: false,
          summary: "Where an entity's values came from",
        },
      })
      .input(IdInput)
      .output(answer(EntityProvenanceOutput))
      .query(({ ctx, input }) => found(ctx.store.provenance?.(input.id), "entity", input.id)),
  }) satisfies TRPCRouterRecord;
