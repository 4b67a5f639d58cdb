import type { TRPCRouterRecord } from "@trpc/server";
import {
  DealDetailOutput,
  DealListInput,
  DealListOutput,
  IdInput,
  LedgerInput,
  LedgerOutput,
} from "../schemas.ts";
import { type Answer, actorNames, found, publicProcedure } from "../trpc.ts";

export const dealsRouter = (answer: Answer) =>
  ({
    /**
     * Deals (optionally those a party or broker took part in), in dataset order; `limit` at a
     * time after `cursor` (a deal's id) when given, with the total.
     */
    list: publicProcedure
      .meta({ openapi: { method: "GET", path: "/deals", tags: ["deals"], protect: false, summary: "Deals" } })
      .input(DealListInput)
      .output(answer(DealListOutput))
      .query(async ({ ctx, input }) => {
        const { cursor, limit, ...filter } = input;
        return ctx.store.deals(filter, { cursor, limit });
      }),

    /**
     * The ledger per pair of parties: every concession in date order with its delivery state,
     * and running totals per giver and measure (people released, sanctions relief…): `given`
     * adds delivered and partial, `promised` adds promised and expected. Pairs with the most
     * concessions first; `limit` pairs at a time after `cursor` when given, with the total (only
     * the page's parties are looked up for their names).
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
        const { cursor, limit, ...filter } = input;
        const page = await ctx.store.ledger(filter, { cursor, limit });
        const names = await actorNames(
          ctx.store,
          page.items.flatMap((p) => p.parties),
        );
        const name = (id: string) => names.get(id) ?? id;
        return {
          total: page.total,
          nextCursor: page.nextCursor,
          pairs: page.items.map((p) => ({
            ...p,
            partyNames: [name(p.parties[0]), name(p.parties[1])] as [string, string],
          })),
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
