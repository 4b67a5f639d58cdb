import * as z from "zod";
import { CitationsSchema, EdtfSchema, IdSchema, TextSchema } from "./common.ts";
import { describeValues } from "./describe.ts";

/**
 * Relation types. Each is either directed (`from` → `to` reads as a sentence:
 * "from is press-secretary-of to") or symmetric (order carries no meaning).
 */
export const RELATION_TYPES = {
  spouse: { directed: false, label: "spouse of" },
  family: { directed: false, label: "family of" },
  leads: { directed: true, label: "leads" },
  "member-of": { directed: true, label: "member of" },
  "works-for": { directed: true, label: "works for" },
  "deputy-of": { directed: true, label: "deputy of" },
  "envoy-to": { directed: true, label: "envoy to" },
  "envoy-of": { directed: true, label: "envoy of" },
  "press-secretary-of": { directed: true, label: "press secretary of" },
  "editor-of": { directed: true, label: "editor of" },
  "founder-of": { directed: true, label: "founder of" },
  "director-of": { directed: true, label: "director of" },
  "lawyer-of": { directed: true, label: "lawyer of" },
  represents: { directed: true, label: "represents" },
  "campaign-of": { directed: true, label: "campaign figure of" },
  "successor-of": { directed: true, label: "stood in for" },
  "imprisoned-by": { directed: true, label: "imprisoned by" },
  "sanctioned-by": { directed: true, label: "sanctioned by" },
  "ambassador-to": { directed: true, label: "ambassador to" },
  "part-of": { directed: true, label: "part of" },
  "owned-by": { directed: true, label: "owned by" },
  "sheltered-by": { directed: true, label: "sheltered by" },
  "lobbies-against": { directed: true, label: "lobbies against" },
  ally: { directed: false, label: "allied with" },
  adversary: { directed: false, label: "adversary of" },
  rival: { directed: false, label: "rival of" },
  "negotiates-with": { directed: false, label: "negotiates with" },
} as const satisfies Record<string, { directed: boolean; label: string }>;

export type RelationType = keyof typeof RELATION_TYPES;

/** The JSON Schema's text for one relation type: how it reads, and whether order matters. */
function relationTypeDescription(type: RelationType): string {
  const { directed, label } = RELATION_TYPES[type];
  return directed
    ? `Directed: "from ${label} to". Order matters.`
    : `Symmetric: "from ${label} to" and "to ${label} from" say the same. Order carries no meaning.`;
}

export const RelationTypeSchema = describeValues(
  z.enum(Object.keys(RELATION_TYPES) as [RelationType, ...RelationType[]]),
  'The kind of tie. A directed type reads as a sentence from `from` to `to` ("from press-secretary-of to"); a symmetric one in either order.',
  Object.fromEntries(
    Object.keys(RELATION_TYPES).map((t) => [t, relationTypeDescription(t as RelationType)]),
  ) as Record<RelationType, string>,
);

/** A typed, time-bounded, cited tie between two actors. */
export const RelationSchema = z
  .strictObject({
    id: IdSchema.describe(
      "Id of the relation, unique across the whole dataset: lower-case words joined by '-'.",
    ),
    type: RelationTypeSchema,
    from: IdSchema.describe("Id of the first actor: the subject of the sentence for a directed type."),
    to: IdSchema.describe("Id of the second actor, different from the first."),
    /** When the tie held (EDTF, often an interval such as `1988/..`). */
    when: EdtfSchema.optional().describe(
      "When the tie held (EDTF, often an interval such as 1988/.. for one that still holds).",
    ),
    note: TextSchema.optional().describe("Our note on the tie, e.g. what it consists in."),
    citations: CitationsSchema,
  })
  .describe("A typed, time-bounded, cited tie between two actors.")
  .refine((r) => r.from !== r.to, { message: "a relation needs two different actors", path: ["to"] });
export type Relation = z.infer<typeof RelationSchema>;

/** Whether a relation type is directed. */
export function isDirected(type: RelationType): boolean {
  return RELATION_TYPES[type].directed;
}
