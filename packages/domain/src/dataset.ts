import * as z from "zod";
import { ActorSchema } from "./actor.ts";
import { AssessmentSchema } from "./assessment.ts";
import { DealSchema } from "./deal.ts";
import { StoryEventSchema } from "./event.ts";
import { PlaceSchema } from "./place.ts";
import { RelationSchema } from "./relation.ts";
import { RouteSchema } from "./route.ts";
import { SourceSchema } from "./source.ts";

/** The entity collections of a dataset, in the order they are listed everywhere. */
export const ENTITY_KINDS = [
  "sources",
  "actors",
  "places",
  "events",
  "routes",
  "relations",
  "deals",
  "assessments",
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** Schema of one entity of each collection. */
export const ENTITY_SCHEMAS = {
  sources: SourceSchema,
  actors: ActorSchema,
  places: PlaceSchema,
  events: StoryEventSchema,
  routes: RouteSchema,
  relations: RelationSchema,
  deals: DealSchema,
  assessments: AssessmentSchema,
} as const;

/** A whole dataset: every collection, each an array of entities with unique ids. */
export const DatasetSchema = z.strictObject({
  sources: z.array(SourceSchema).default([]),
  actors: z.array(ActorSchema).default([]),
  places: z.array(PlaceSchema).default([]),
  events: z.array(StoryEventSchema).default([]),
  routes: z.array(RouteSchema).default([]),
  relations: z.array(RelationSchema).default([]),
  deals: z.array(DealSchema).default([]),
  assessments: z.array(AssessmentSchema).default([]),
});
export type Dataset = z.infer<typeof DatasetSchema>;
export type DatasetInput = z.input<typeof DatasetSchema>;

/** The singular name of each collection's entities ("actors" → "actor"). */
export const SINGULAR: Record<EntityKind, string> = {
  sources: "source",
  actors: "actor",
  places: "place",
  events: "event",
  routes: "route",
  relations: "relation",
  deals: "deal",
  assessments: "assessment",
};

/** Any entity of a dataset. */
export type Entity = Dataset[EntityKind][number];

/** An empty dataset. */
export function emptyDataset(): Dataset {
  return DatasetSchema.parse({});
}
