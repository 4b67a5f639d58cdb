import * as z from "zod";
import { CitationsSchema, EdtfSchema, IdSchema, TextSchema } from "./common.ts";

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
export const RelationTypeSchema = z.enum(Object.keys(RELATION_TYPES) as [RelationType, ...RelationType[]]);

/** A typed, time-bounded, cited tie between two actors. */
export const RelationSchema = z
  .strictObject({
    id: IdSchema,
    type: RelationTypeSchema,
    from: IdSchema,
    to: IdSchema,
    /** When the tie held (EDTF, often an interval such as `1988/..`). */
    when: EdtfSchema.optional(),
    note: TextSchema.optional(),
    citations: CitationsSchema,
  })
  .refine((r) => r.from !== r.to, { message: "a relation needs two different actors", path: ["to"] });
export type Relation = z.infer<typeof RelationSchema>;

/** Whether a relation type is directed. */
export function isDirected(type: RelationType): boolean {
  return RELATION_TYPES[type].directed;
}
