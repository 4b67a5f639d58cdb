import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderJsonSchemas } from "./json-schema.ts";

describe("JSON Schema files", () => {
  it("are up to date with the zod schemas (run `pnpm schema` when this fails)", () => {
    const dir = join(import.meta.dirname, "..", "schema");
    const files = renderJsonSchemas();
    expect(Object.keys(files).length).toBe(17);
    for (const [file, text] of Object.entries(files)) {
      expect(readFileSync(join(dir, file), "utf8"), `schema/${file} is stale`).toBe(text);
    }
  });

  it("describe the dataset's collections", () => {
    const dataset = JSON.parse(renderJsonSchemas()["dataset.schema.json"] ?? "{}");
    expect(Object.keys(dataset.properties)).toEqual([
      "sources",
      "actors",
      "places",
      "events",
      "routes",
      "relations",
      "deals",
      "assessments",
    ]);
    expect(dataset.additionalProperties).toBe(false);
  });
});
