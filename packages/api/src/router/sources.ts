import { quoteAt } from "@dealmap/domain";
import { TRPCError, type TRPCRouterRecord } from "@trpc/server";
import { pageOf } from "../paging.ts";
import {
  IdInput,
  SourceCiteInput,
  SourceCiteOutput,
  SourceDetailOutput,
  SourceListInput,
  SourceListOutput,
} from "../schemas.ts";
import { type Answer, found, ParameterError, publicProcedure } from "../trpc.ts";

const WHY_NO_TEXT = {
  absent: "no text of it was supplied",
  "no-hash": "it records no SHA-256 to check a text against",
  "hash-mismatch": "the text supplied does not match its SHA-256",
} as const;

export const sourcesRouter = (answer: Answer) =>
  ({
    /**
     * Sources with how many claims cite each and whether its text is loaded, in data order or
     * the most cited first; `limit` at a time after `cursor` (a source's id) when given, with
     * the total.
     */
    list: publicProcedure
      .meta({
        openapi: { method: "GET", path: "/sources", tags: ["sources"], protect: false, summary: "Sources" },
      })
      .input(SourceListInput)
      .output(answer(SourceListOutput))
      .query(async ({ ctx, input }) => {
        const all = await ctx.store.sources();
        // a stable sort: equal counts keep the data's order
        const items = input.order === "claims" ? [...all].sort((a, b) => b.claims - a.claims) : all;
        return pageOf(items, (s) => s.source.id, input);
      }),

    /**
     * One source with every claim citing it, grouped by paragraph; when its text is loaded
     * (`DEALMAP_SOURCES`, hash verified) each group carries the paragraph text and each claim
     * its cited passage.
     */
    get: publicProcedure
      .meta({
        openapi: {
          method: "GET",
          path: "/sources/{id}",
          tags: ["sources"],
          protect: false,
          summary: "One source",
        },
      })
      .input(IdInput)
      .output(answer(SourceDetailOutput))
      .query(({ ctx, input }) => found(ctx.store.source(input.id), "source", input.id)),

    /**
     * A citation by quote of words of a source's text — paragraph, span, quote, and a prefix and
     * suffix when the same words occur anywhere else in the **whole** text (cited or not), so the
     * loader anchors it to this place alone. The web's "Cite this" asks it for the words selected;
     * the browser gets only the cited paragraphs. Reads only; writes nothing.
     */
    cite: publicProcedure
      .meta({
        openapi: {
          method: "GET",
          path: "/sources/{id}/cite",
          tags: ["sources"],
          protect: false,
          summary: "A citation of words of a source's text",
        },
      })
      .input(SourceCiteInput)
      .output(answer(SourceCiteOutput))
      .query(async ({ ctx, input }) => {
        const { id } = input;
        const source = await found(ctx.store.source(id), "source", id);
        if (source.text !== "loaded")
          throw new TRPCError({
            code: "NOT_FOUND",
            message: `no text of source "${id}" is loaded here: ${WHY_NO_TEXT[source.text]}`,
          });
        const paragraphs = await ctx.sourceParagraphs?.(id);
        if (!paragraphs)
          throw new TRPCError({
            code: "NOT_FOUND",
            message: `this server does not read whole texts from its store; "${id}" can be cited only from its cited paragraphs`,
          });
        const text = paragraphs[input.paragraph - 1];
        if (text === undefined)
          throw new ParameterError("paragraph", `source "${id}" has ${paragraphs.length} paragraphs`);
        if (input.end > text.length)
          throw new ParameterError("end", `paragraph ${input.paragraph} has ${text.length} characters`);
        if (input.start > input.end) throw new ParameterError("start", "must not be after end");
        const q = quoteAt(paragraphs, input.paragraph, input.start, input.end);
        if (!q) throw new ParameterError("start", `[${input.start}, ${input.end}) holds no word to quote`);
        return {
          source: id,
          paragraph: q.paragraph,
          span: q.span,
          quote: q.exact,
          ...(q.prefix ? { prefix: q.prefix } : {}),
          ...(q.suffix ? { suffix: q.suffix } : {}),
          occurrences: q.occurrences,
          unique: q.unique,
        };
      }),
  }) satisfies TRPCRouterRecord;
