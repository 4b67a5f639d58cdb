/**
 * Writes a JSON Schema (draft 2020-12) for every entity and for the whole dataset to
 * packages/domain/schema/. `pnpm schema` regenerates; a test fails when the files are stale.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { renderJsonSchemas } from "../src/json-schema.ts";

const out = join(dirname(fileURLToPath(import.meta.url)), "..", "schema");
mkdirSync(out, { recursive: true });
for (const [file, text] of Object.entries(renderJsonSchemas())) {
  writeFileSync(join(out, file), text);
  console.log(`wrote schema/${file}`);
}
