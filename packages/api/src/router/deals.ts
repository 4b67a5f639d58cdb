import type { TRPCRouterRecord } from "@trpc/server";
import {
  DealDetailOutput,
  DealListInput,
  DealListOutput,
  IdInput,
  LedgerInput,
  LedgerOutput,
} from "../schemas.ts";
import { type Answer, found, publicProcedure } from "../trpc.ts";

export const dealsRouter = (answer: Answer) =>
  ({
    /** Deals (optionally those a party or broker took part in), in dataset order. */
    list: publicProcedure
      .meta({ openapi: { method: "GET", path: "/deals", tags: ["deals"], protect: false, summary: "Deals" } })
      .input(DealListInput)
      .output(answer(DealListOutput))
      .query(async ({ ctx, input }) => ({ items: await ctx.store.deals(input) })),

    /**
     * The ledger per pair of parties: every concession in date order with its delivery state,
     * and running totals per giver and measure (people released, sanctions relief…): `given`
     * adds delivered and partial, `promised` adds promised and expected.
     */
    ledger: publicProcedure
      .meta({
        openapi: {
          method: "GET",
          path: "/deals/ledger",
          tags: ["deals"],
          protect: false,
          summary: "Deals ledger",
        },
      })
      .input(LedgerInput)
      .output(answer(LedgerOutput))
      .query(async ({ ctx, input }) => {
        const name = async (id: string) => {
          const e = await ctx.store.entity(id);
          return e?.kind === "actor" ? e.entity.name : id;
        };
        const pairs = await ctx.store.ledger(input);
        return {
          pairs: await Promise.all(
            pairs.map(async (p) => ({
              ...p,
              partyNames: [await name(p.parties[0]), await name(p.parties[1])] as [string, string],
            })),
          ),
        };
      }),

    /** One deal with its parties, concessions as ledger entries, totals, events, assessments. */
    get: publicProcedure
      .meta({
        openapi: { method: "GET", path: "/deals/{id}", tags: ["deals"], protect: false, summary: "One deal" },
      })
      .input(IdInput)
      .output(answer(DealDetailOutput))
      .query(({ ctx, input }) => found(ctx.store.deal(input.id), "deal", input.id)),
  }) satisfies TRPCRouterRecord;
