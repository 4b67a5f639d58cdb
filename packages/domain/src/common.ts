/**
 * Building blocks shared by every aggregate: ids, EDTF date strings, names, citations.
 */
import * as z from "zod";
import { dateBounds } from "./dates.ts";

/**
 * An entity id: lower-case kebab words, unique across the whole dataset (not just within a
 * kind), so that `dealmap show ID` and permanent URLs need nothing else.
 */
export const IdSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "ids are lower-case words joined by '-', e.g. 'john-coale'")
  .max(80);
export type Id = z.infer<typeof IdSchema>;

/** An EDTF date string (`2025-12-13`, `2025-11`, `2025-11-01/2025-11-10`, `../2021`, `2025-22`). */
export const EdtfSchema = z.string().superRefine((value, ctx) => {
  try {
    dateBounds(value);
  } catch (err) {
    ctx.addIssue({ code: "custom", message: err instanceof Error ? err.message : String(err) });
  }
});

/** Non-empty text, trimmed. */
export const TextSchema = z.string().trim().min(1, "must not be empty");

/**
 * A web address: `http:` or `https:` only. Data files come from people we do not know, and the
 * explorer turns these into links, so `javascript:`, `data:`, `vbscript:`, `file:` and every
 * other scheme are refused. The JSON Schema carries the same rule as a pattern.
 */
export const WebUrlSchema = z
  .url({ protocol: /^https?$/, error: "must be an http: or https: URL (no other scheme is allowed)" })
  .meta({ pattern: "^[Hh][Tt][Tt][Pp][Ss]?://" });

/** A spelling of a name other than the primary one, tagged with where it comes from. */
export const NameVariantSchema = z.strictObject({
  /** The spelling itself, e.g. "Lukashenka", "Лукашенко", "Łukaszenka". */
  name: TextSchema.describe('The spelling itself, e.g. "Lukashenka", "Лукашенко", "Łukaszenka".'),
  /** BCP 47 language of the spelling: be, ru, pl, lt, uk, en… */
  lang: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)
    .optional()
    .describe("BCP 47 language code of the spelling: be, ru, pl, lt, uk, en…"),
  /** Script or romanization system, e.g. "Cyrl", "Belarusian Latin (łacinka)", "BGN/PCGN". */
  romanization: TextSchema.optional().describe(
    'Script or romanization system of the spelling, e.g. "Cyrl", "Belarusian Latin (łacinka)", "BGN/PCGN".',
  ),
  /** Why this spelling exists, e.g. "used by Ukrinform". */
  note: TextSchema.optional().describe('Why this spelling is recorded, e.g. "used by Ukrinform".'),
});
export type NameVariant = z.infer<typeof NameVariantSchema>;

/** A paragraph-level locator into a source whose text Dealmap indexes. */
export const SpanSchema = z
  .tuple([z.number().int().min(0), z.number().int().min(0)])
  .refine(([a, b]) => a < b, "span must be [start, end] with start < end (JavaScript string offsets)");

/**
 * A citation: which source backs a claim and where in it.
 *
 * - For indexed documents: `paragraph` (1-based, counting the non-empty lines of the text) and
 *   optionally `span` — `[start, end)` JavaScript string offsets inside that paragraph.
 * - Or by `quote`: the exact words cited, with optional `prefix` / `suffix` (a few words before
 *   and after) to tell repeated phrases apart — the W3C Web Annotation TextQuoteSelector. When
 *   the source's text is available the loader resolves it to `paragraph` and `span` (see
 *   quote-anchor.ts); a quote that does not match exactly once is reported, never guessed.
 * - For external reports: only `source` (the Source carries the URL), optionally a deeper `url`.
 *
 * The built-in data cites the article by locator only and never quotes it; `note` is our own
 * words.
 */
export const CitationSchema = z
  .strictObject({
    source: IdSchema.describe("Id of the source that backs the claim."),
    paragraph: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe(
        "1-based paragraph of the source's text (its non-empty lines). Filled in from `quote` when the text is available.",
      ),
    span: SpanSchema.optional().describe(
      "[start, end) JavaScript string offsets inside the paragraph. Filled in from `quote` when the text is available.",
    ),
    quote: TextSchema.optional().describe(
      "The exact words cited (W3C TextQuoteSelector `exact`); resolved to paragraph and span by the loader. Must occur exactly once, after prefix and suffix.",
    ),
    prefix: TextSchema.optional().describe(
      "A few words just before the quote, to tell repeated phrases apart.",
    ),
    suffix: TextSchema.optional().describe(
      "A few words just after the quote, to tell repeated phrases apart.",
    ),
    url: WebUrlSchema.optional().describe("A deeper web address inside the source, for external reports."),
    note: TextSchema.optional().describe("Our note on what the citation supports, in our own words."),
  })
  .refine((c) => c.span === undefined || c.paragraph !== undefined, {
    message: "a span needs a paragraph",
    path: ["span"],
  })
  .refine((c) => c.quote !== undefined || (c.prefix === undefined && c.suffix === undefined), {
    message: "a prefix or suffix needs a quote",
    path: ["quote"],
  });
export type Citation = z.infer<typeof CitationSchema>;

/** At least one citation: every claim in Dealmap is backed. */
export const CitationsSchema = z
  .array(CitationSchema)
  .min(1, "needs at least one citation")
  .describe("The sources that back this claim: at least one citation, each naming a source and where in it.");

/** A description of an entity in another language, in our own words, with where it rests. */
export const TranslatedTextSchema = z.strictObject({
  /** BCP 47 language of the text. */
  lang: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "use a BCP 47 language code such as ru, be, pl")
    .describe("BCP 47 language code of the text: ru, be, pl, lt, uk, de…"),
  text: TextSchema.describe("The description in that language, in our own words."),
  citations: CitationsSchema.optional().describe("Where the description rests, when it adds a claim."),
});
export type TranslatedText = z.infer<typeof TranslatedTextSchema>;

/** Descriptions in other languages: any dataset may add one (a statement's `add`). */
export const TranslationsSchema = z
  .array(TranslatedTextSchema)
  .optional()
  .describe("The description in other languages, each in our own words; other datasets may add to it.");

/** ISO 3166-1 alpha-2 country code (upper case), e.g. "BY", "US", "LT". */
export const CountryCodeSchema = z.string().regex(/^[A-Z]{2}$/, "use an ISO 3166-1 alpha-2 code such as BY");
