import type { TRPCRouterRecord } from "@trpc/server";
import * as z from "zod";
import { IdInput, PlaceDetailOutput, PlaceListInput, PlaceListOutput } from "../schemas.ts";
import { type Answer, found, publicProcedure } from "../trpc.ts";

export const placesRouter = (answer: Answer) =>
  ({
    /** Places in dataset order, filtered by kind and country, paged. */
    list: publicProcedure
      .meta({
        openapi: { method: "GET", path: "/places", tags: ["places"], protect: false, summary: "Places" },
      })
      .input(PlaceListInput)
      .output(answer(PlaceListOutput))
      .query(({ ctx, input }) => ctx.store.places(input)),

    /** One place with the events there (timeline order) and the routes through it. */
    get: publicProcedure
      .meta({
        openapi: {
          method: "GET",
          path: "/places/{id}",
          tags: ["places"],
          protect: false,
          summary: "One place",
        },
      })
      .input(IdInput.extend({ eventLimit: z.number().int().min(1).max(500).default(100) }))
      .output(answer(PlaceDetailOutput))
      .query(({ ctx, input }) =>
        found(ctx.store.place(input.id, { eventLimit: input.eventLimit }), "place", input.id),
      ),
  }) satisfies TRPCRouterRecord;
