import * as z from "zod";
import { EdtfSchema, IdSchema, TextSchema, WebUrlSchema } from "./common.ts";

/** What kind of document a source is. */
export const SourceKindSchema = z.enum([
  "article",
  "commentary",
  "news-report",
  "official-statement",
  "press-release",
  "government-record",
  "legal-analysis",
  "encyclopedia",
  "dataset",
  "interview",
  "social-media-post",
  "ngo-report",
  "other",
]);
export type SourceKind = z.infer<typeof SourceKindSchema>;

/**
 * A document that backs claims. Sources are the roots of provenance and carry no citations of
 * their own. `paragraphs` and `textSha256` are set for documents whose text Dealmap indexes:
 * locator citations must stay within `paragraphs`, and a supplied text is trusted only when its
 * SHA-256 matches.
 */
export const SourceSchema = z.strictObject({
  id: IdSchema,
  kind: SourceKindSchema,
  title: TextSchema,
  publisher: TextSchema,
  /** Leave empty when the author is not confirmed: never guess. */
  author: TextSchema.optional(),
  url: WebUrlSchema.optional(),
  published: EdtfSchema.optional(),
  /** BCP 47 language of the document. */
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/),
  /** SHA-256 (hex) of the exact text file that paragraph locators refer to. */
  textSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  /** Number of paragraphs (non-empty lines) in that text. */
  paragraphs: z.number().int().min(1).optional(),
  /** How far to trust it: e.g. a Wikipedia mirror is "medium". */
  reliability: z.enum(["high", "medium", "low"]).optional(),
  /** Our note on the source (what it is, how it was reached). */
  note: TextSchema.optional(),
});
export type Source = z.infer<typeof SourceSchema>;
