import * as z from "zod";
import { DatasetSchema, ENTITY_KINDS, ENTITY_SCHEMAS, SINGULAR } from "./dataset.ts";

/** What each collection of the dataset holds, for the dataset schema's properties. */
const COLLECTION_DESCRIPTIONS: Record<string, string> = {
  sources: "The documents that back claims (the files of sources/).",
  actors: "People, states, blocs, organizations, media, companies, groups and positions (actors/).",
  places: "Cities, ports, border crossings, mines, airports, regions, facilities and countries (places/).",
  events: "What happened, was reported, claimed, expected, proposed or imagined (events/).",
  routes: "Ways goods, people or forces move, with their status over time (routes/).",
  relations: "Typed, time-bounded ties between two actors (relations/).",
  deals: "Exchanges of concessions between parties (deals/).",
  assessments: "Analysts' claims, attributed to their sources: analysis, never fact (assessments/).",
};

/**
 * JSON Schemas of every entity kind, of a data file of each kind, and of the whole dataset, as
 * file name → JSON text:
 * - `<kind>.schema.json`: one entity;
 * - `<kind>-file.schema.json`: a YAML or JSON data file of that kind's folder, a list of entities
 *   (what `# yaml-language-server: $schema=…` at the top of a data file should name);
 * - `dataset.schema.json`: every collection at once.
 * Every field and every enum value carries a description (`enumDescriptions` beside `enum`).
 */
export function renderJsonSchemas(): Record<string, string> {
  const files: Record<string, string> = {};
  const toJson = (schema: z.ZodType) =>
    z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  const text = (title: string, json: Record<string, unknown>) =>
    `${JSON.stringify({ title, ...json }, null, 2)}\n`;
  for (const kind of ENTITY_KINDS) {
    const schema = ENTITY_SCHEMAS[kind];
    const name = SINGULAR[kind];
    files[`${name}.schema.json`] = text(`Dealmap ${name}`, toJson(schema));
    const file = z
      .array(schema)
      .describe(`A data file of the ${kind}/ folder: a list of ${kind}, each an item of this list.`);
    files[`${name}-file.schema.json`] = text(`Dealmap ${kind} file`, toJson(file));
  }
  const dataset = toJson(DatasetSchema);
  const collections = (dataset.properties ?? {}) as Record<string, { description?: string }>;
  for (const [key, property] of Object.entries(collections)) {
    const description = COLLECTION_DESCRIPTIONS[key];
    if (property.description === undefined && description !== undefined) property.description = description;
  }
  files["dataset.schema.json"] = text("Dealmap dataset", {
    description:
      "A whole dataset: every collection, each a list of entities with ids unique across all of them.",
    ...dataset,
  });
  return files;
}
