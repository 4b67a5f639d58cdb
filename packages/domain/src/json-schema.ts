import * as z from "zod";
import { DatasetSchema, ENTITY_SCHEMAS, SINGULAR } from "./dataset.ts";

/** JSON Schemas of every entity kind and of the whole dataset, as file name → JSON text. */
export function renderJsonSchemas(): Record<string, string> {
  const files: Record<string, string> = {};
  const render = (schema: z.ZodType, title: string) =>
    `${JSON.stringify({ title, ...z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) }, null, 2)}\n`;
  for (const [kind, schema] of Object.entries(ENTITY_SCHEMAS)) {
    const name = SINGULAR[kind as keyof typeof SINGULAR];
    files[`${name}.schema.json`] = render(schema, `Dealmap ${name}`);
  }
  files["dataset.schema.json"] = render(DatasetSchema, "Dealmap dataset");
  return files;
}
