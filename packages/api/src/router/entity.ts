import type { TRPCRouterRecord } from "@trpc/server";
import {
  EntityManyInput,
  EntityManyOutput,
  EntityOutput,
  EntityProvenanceOutput,
  IdInput,
} from "../schemas.ts";
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
     * Several entities by id at once (up to 200, any kinds), with each one's dataset: what a page
     * of ids needs (search hits as cards, the names on a page) without reading a whole list.
     * Ids that name nothing are listed in `missing`, not refused.
     */
    many: publicProcedure
      .meta({
        openapi: {
          method: "GET",
          path: "/entities",
          tags: ["entity"],
          protect: false,
          summary: "Entities by id",
        },
      })
      .input(EntityManyInput)
      .output(answer(EntityManyOutput))
      .query(async ({ ctx, input }) => {
        const ids = [...new Set(input.ids)];
        const found = await ctx.store.entities(ids);
        const items = found.filter((e): e is NonNullable<typeof e> => e !== undefined);
        const datasets = await ctx.store.datasetsOf(items.map((e) => e.entity.id));
        return {
          items,
          datasets: items.map((e) => datasets.get(e.entity.id) ?? ""),
          missing: ids.filter((_, i) => found[i] === undefined),
        };
      }),

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
