import * as z from "zod";
import { CitationsSchema, IdSchema, TextSchema } from "./common.ts";

export const AssessmentTopicSchema = z.enum([
  "motive",
  "strategy",
  "prospect",
  "interpretation",
  "consequence",
  "comparison",
]);

/**
 * An analyst's claim (motives, strategy, prospects), attributed to its source. Shown as
 * analysis, never as fact.
 */
export const AssessmentSchema = z.strictObject({
  id: IdSchema,
  topic: AssessmentTopicSchema,
  /** The claim, paraphrased in our words. */
  claim: TextSchema,
  /** The source whose analysis this is. */
  source: IdSchema,
  /** Entities (any kind) the claim is about. */
  about: z.array(IdSchema).min(1),
  /** The source's hedging, as a word or two ("unlikely", "appears", "may well"). */
  confidence: TextSchema.optional(),
  citations: CitationsSchema,
});
export type Assessment = z.infer<typeof AssessmentSchema>;
