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
  name: TextSchema,
  /** BCP 47 language of the spelling: be, ru, pl, lt, uk, en… */
  lang: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)
    .optional(),
  /** Script or romanization system, e.g. "Cyrl", "Belarusian Latin (łacinka)", "BGN/PCGN". */
  romanization: TextSchema.optional(),
  /** Why this spelling exists, e.g. "used by Ukrinform". */
  note: TextSchema.optional(),
});
export type NameVariant = z.infer<typeof NameVariantSchema>;

/** A paragraph-level locator into a source whose text Dealmap indexes. */
export const SpanSchema = z
  .tuple([z.number().int().min(0), z.number().int().min(0)])
  .refine(([a, b]) => a < b, "span must be [start, end] with start < end (JavaScript string offsets)");

/**
 * A citation: which source backs a claim and where in it.
 *
 * - For indexed documents (the article): `paragraph` (1-based, counting the non-empty lines of
 *   the text) and optionally `span` — `[start, end)` JavaScript string offsets inside that
 *   paragraph.
 * - For external reports: only `source` (the Source carries the URL), optionally a deeper `url`.
 *
 * Citations never quote the source; `note` is our own words.
 */
export const CitationSchema = z
  .strictObject({
    source: IdSchema,
    paragraph: z.number().int().min(1).optional(),
    span: SpanSchema.optional(),
    url: WebUrlSchema.optional(),
    note: TextSchema.optional(),
  })
  .refine((c) => c.span === undefined || c.paragraph !== undefined, {
    message: "a span needs a paragraph",
    path: ["span"],
  });
export type Citation = z.infer<typeof CitationSchema>;

/** At least one citation: every claim in Dealmap is backed. */
export const CitationsSchema = z.array(CitationSchema).min(1, "needs at least one citation");

/** ISO 3166-1 alpha-2 country code (upper case), e.g. "BY", "US", "LT". */
export const CountryCodeSchema = z.string().regex(/^[A-Z]{2}$/, "use an ISO 3166-1 alpha-2 code such as BY");
