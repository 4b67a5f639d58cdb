import * as z from "zod";
import { EdtfSchema, IdSchema, TextSchema, WebUrlSchema } from "./common.ts";
import { describeValues } from "./describe.ts";

/** What kind of document a source is. */
export const SourceKindSchema = describeValues(
  z.enum([
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
  ]),
  "What kind of document the source is.",
  {
    article: "A published article that is neither plain news nor opinion, e.g. a long-form analysis piece.",
    commentary:
      "An opinion or analysis piece: the author's reading of events, often the origin of assessments.",
    "news-report": "A news story reporting what happened, from a news agency, newspaper or broadcaster.",
    "official-statement":
      "A statement by a government, ministry, head of state or other official body, in its own name.",
    "press-release": "A release issued by an organization or company about itself or its actions.",
    "government-record":
      "An official record: a register, decree, sanctions list entry, court or legislative document.",
    "legal-analysis": "An analysis of a law, ruling or sanctions measure by lawyers or a law firm.",
    encyclopedia:
      "An encyclopedia entry (e.g. Wikipedia or a mirror of it): background, to be trusted with care.",
    dataset: "A structured data set (tables, a database, an export) rather than a text.",
    interview: "A published interview: the words of the person interviewed, as reported by the interviewer.",
    "social-media-post":
      "A post on a social network (X, Telegram, Facebook…), by an official, outlet or person.",
    "ngo-report":
      "A report by a non-governmental organization, e.g. a human-rights group's list of prisoners.",
    other: "Any other document, e.g. field notes or a memo; say what it is in `note`.",
  },
);
export type SourceKind = z.infer<typeof SourceKindSchema>;

/**
 * A document that backs claims. Sources are the roots of provenance and carry no citations of
 * their own. `paragraphs` and `textSha256` are set for documents whose text Dealmap indexes:
 * locator citations must stay within `paragraphs`, and a supplied text is trusted only when its
 * SHA-256 matches.
 */
export const SourceSchema = z
  .strictObject({
    id: IdSchema.describe("Id of the source, cited by citations' `source`: lower-case words joined by '-'."),
    kind: SourceKindSchema,
    title: TextSchema.describe("Title of the document, as published."),
    publisher: TextSchema.describe("Who published it: the outlet, organization or government body."),
    /** Leave empty when the author is not confirmed: never guess. */
    author: TextSchema.optional().describe(
      "The author, only when confirmed: leave it out rather than guess.",
    ),
    url: WebUrlSchema.optional().describe("Web address of the document (http: or https: only)."),
    published: EdtfSchema.optional().describe("Publication date (EDTF, e.g. 2025-12-13 or 2025-12)."),
    /** BCP 47 language of the document. */
    language: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)
      .describe("BCP 47 language code of the document: en, ru, be, pl…"),
    /** SHA-256 (hex) of the exact text file that paragraph locators refer to. */
    textSha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional()
      .describe(
        "SHA-256 (64 lower-case hex digits) of the exact text file that paragraph citations point into; a text is used only when its hash matches.",
      ),
    /** Number of paragraphs (non-empty lines) in that text. */
    paragraphs: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe("Number of paragraphs (non-empty lines) in that text; citations must stay within it."),
    /** How far to trust it: e.g. a Wikipedia mirror is "medium". */
    reliability: describeValues(z.enum(["high", "medium", "low"]), "How far to trust the source.", {
      high: "A primary or well-established source: official records, major outlets, the parties themselves.",
      medium: "Usable with care, e.g. an encyclopedia or a mirror of another source.",
      low: "Weak or unverified: kept for completeness, to be corroborated.",
    }).optional(),
    /** Our note on the source (what it is, how it was reached). */
    note: TextSchema.optional().describe("Our note on the source: what it is, how it was reached."),
  })
  .describe(
    "A document that backs claims: an article, statement, record or report. Sources carry no citations of their own.",
  );
export type Source = z.infer<typeof SourceSchema>;
