/**
 * Documentation carried into the JSON Schemas, so that an editor explains a data file while it
 * is typed: one description per field (zod's `.describe`) and one per enum value (below).
 */
import type * as z from "zod";

/**
 * The enum `schema` with a `description` and one description per value, written into its JSON
 * Schema as `enumDescriptions` beside `enum`, in the same order. That is the keyword VS Code's
 * JSON support and redhat's YAML language server read for completion and hover; validators
 * ignore unknown keywords, so validation is unchanged. `values` must name every value once (the
 * type checks it).
 */
export function describeValues<T extends z.ZodEnum>(
  schema: T,
  description: string,
  values: Record<z.output<T> & string, string>,
): T {
  const byValue = values as Record<string, string>;
  return schema.meta({
    description,
    enumDescriptions: schema.options.map((value) => byValue[String(value)] ?? ""),
  }) as T;
}
