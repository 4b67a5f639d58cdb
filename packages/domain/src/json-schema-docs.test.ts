import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Every generated JSON Schema documents itself: editors (VS Code's JSON support, redhat's YAML
 * language server) show `description` on hover and completion, and `enumDescriptions` for each
 * value of an `enum`. This walks the files as written to schema/, so a field or an enum value
 * added without words fails here.
 */
const dir = join(import.meta.dirname, "..", "schema");
const files = readdirSync(dir).filter((f) => f.endsWith(".schema.json"));

type Json = { [key: string]: unknown };
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const described = (v: unknown): boolean => typeof v === "string" && v.trim().length > 0;

/** Every gap in `schema`, as `path: what is missing`. */
function gaps(schema: unknown, path: string, out: string[]): string[] {
  if (Array.isArray(schema)) {
    schema.forEach((s, i) => gaps(s, `${path}[${i}]`, out));
    return out;
  }
  if (!isObject(schema)) return out;
  if (isObject(schema.properties)) {
    for (const [key, property] of Object.entries(schema.properties)) {
      if (!isObject(property) || !described(property.description)) {
        out.push(`${path}.properties.${key}: no description`);
      }
    }
  }
  if (Array.isArray(schema.enum)) {
    const values = schema.enum;
    const texts = schema.enumDescriptions;
    if (!Array.isArray(texts) || texts.length !== values.length) {
      out.push(`${path}: enum of ${values.length} values needs ${values.length} enumDescriptions`);
    } else {
      values.forEach((value, i) => {
        if (!described(texts[i])) out.push(`${path}: enum value ${JSON.stringify(value)} has no description`);
      });
    }
  }
  for (const [key, child] of Object.entries(schema)) {
    if (key === "enum" || key === "enumDescriptions" || key === "default") continue;
    gaps(child, `${path}.${key}`, out);
  }
  return out;
}

describe("JSON Schema documentation", () => {
  it("covers every schema file", () => {
    expect(files.length).toBe(17);
  });

  it.each(files)("%s describes every field and every enum value", (file) => {
    const schema = JSON.parse(readFileSync(join(dir, file), "utf8"));
    expect(gaps(schema, "#", [])).toEqual([]);
    expect(described(schema.description), `${file} has no top-level description`).toBe(true);
  });

  it("catches what it is meant to catch", () => {
    const bad = {
      type: "object",
      properties: {
        ok: { type: "string", description: "fine" },
        bare: { type: "string" },
        kind: { enum: ["a", "b"], description: "a kind", enumDescriptions: ["A", ""] },
        short: { enum: ["a", "b"], description: "short", enumDescriptions: ["A"] },
        nested: { description: "nested", type: "array", items: { type: "object", properties: { x: {} } } },
      },
    };
    expect(gaps(bad, "#", [])).toEqual([
      "#.properties.bare: no description",
      '#.properties.kind: enum value "b" has no description',
      "#.properties.short: enum of 2 values needs 2 enumDescriptions",
      "#.properties.nested.items.properties.x: no description",
    ]);
  });
});
