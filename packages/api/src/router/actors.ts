import type { TRPCRouterRecord } from "@trpc/server";
import { ActorListInput, ActorListOutput, ActorProfileOutput, ProfileInput } from "../schemas.ts";
import { type Answer, found, publicProcedure } from "../trpc.ts";

export const actorsRouter = (answer: Answer) =>
  ({
    /** Actors in dataset order, filtered by kind and country, paged. */
    list: publicProcedure
      .meta({
        openapi: { method: "GET", path: "/actors", tags: ["actors"], protect: false, summary: "Actors" },
      })
      .input(ActorListInput)
      .output(answer(ActorListOutput))
      .query(({ ctx, input }) => ctx.store.actors(input)),

    /**
     * An actor's profile: roles over time, relations both ways (with the other actor's name),
     * events grouped by role, routes and deals involved, assessments about them.
     */
    get: publicProcedure
      .meta({
        openapi: {
          method: "GET",
          path: "/actors/{id}",
          tags: ["actors"],
          protect: false,
          summary: "Actor profile",
        },
      })
      .input(ProfileInput)
      .output(answer(ActorProfileOutput))
      .query(({ ctx, input }) =>
        found(
          ctx.store.actorProfile(input.id, { eventLimit: input.eventLimit, listLimit: input.listLimit }),
          "actor",
          input.id,
        ),
      ),
  }) satisfies TRPCRouterRecord;
