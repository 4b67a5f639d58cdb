import * as z from "zod";
import { CitationsSchema, IdSchema, TextSchema } from "./common.ts";
import { describeValues } from "./describe.ts";

export const AssessmentTopicSchema = describeValues(
  z.enum(["motive", "strategy", "prospect", "interpretation", "consequence", "comparison"]),
  "What the analyst's claim is about.",
  {
    motive: "Why an actor acts as it does.",
    strategy: "How an actor pursues its aims: its plan or method.",
    prospect: "What may happen next, and how likely it is.",
    interpretation: "What an event means or signals.",
    consequence: "What an event or decision has led to, or will lead to.",
    comparison: "How a case compares with another, e.g. an earlier deal.",
  },
);

/**
 * An analyst's claim (motives, strategy, prospects), attributed to its source. Shown as
 * analysis, never as fact.
 */
export const AssessmentSchema = z
  .strictObject({
    id: IdSchema.describe(
      "Id of the assessment, unique across the whole dataset: lower-case words joined by '-'.",
    ),
    topic: AssessmentTopicSchema,
    /** The claim, paraphrased in our words. */
    claim: TextSchema.describe("The analyst's claim, paraphrased in our words."),
    /** The source whose analysis this is. */
    source: IdSchema.describe("Id of the source whose analysis this is."),
    /** Entities (any kind) the claim is about. */
    about: z
      .array(IdSchema)
      .min(1)
      .describe("Ids of the entities (of any kind) the claim is about: at least one."),
    /** The source's hedging, as a word or two ("unlikely", "appears", "may well"). */
    confidence: TextSchema.optional().describe(
      'The source\'s own hedging, a word or two as written: "unlikely", "appears", "may well".',
    ),
    citations: CitationsSchema,
  })
  .describe(
    "An analyst's claim about motives, strategy or prospects, attributed to its source. Shown as analysis, never as fact.",
  );
export type Assessment = z.infer<typeof AssessmentSchema>;
