/**
 * Builders for the query tests: minimal schema-valid entities, so each test states only what
 * it is about.
 */
import { type Dataset, type DatasetInput, DatasetSchema } from "../dataset.ts";

export const cite = [{ source: "src", paragraph: 1 }];

export function ev(
  id: string,
  date: string,
  extra: Record<string, unknown> = {},
): NonNullable<DatasetInput["events"]>[number] {
  return {
    id,
    kind: "meeting",
    title: id,
    summary: id,
    date,
    status: "occurred",
    citations: cite,
    ...extra,
  } as never;
}

export function actor(id: string, extra: Record<string, unknown> = {}) {
  return { id, kind: "person", name: id.toUpperCase(), description: id, citations: cite, ...extra } as never;
}

export function place(id: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    kind: "city",
    name: id.toUpperCase(),
    coordinates: { lat: 50, lon: 20 },
    country: "BY",
    citations: cite,
    ...extra,
  } as never;
}

export function rel(id: string, type: string, from: string, to: string, extra: Record<string, unknown> = {}) {
  return { id, type, from, to, citations: cite, ...extra } as never;
}

/** Parse a partial dataset with a default indexed source "src" of 10 paragraphs. */
export function dataset(input: DatasetInput): Dataset {
  return DatasetSchema.parse({
    sources: [
      { id: "src", kind: "article", title: "T", publisher: "P", language: "en", paragraphs: 10 },
      ...(input.sources ?? []),
    ],
    ...Object.fromEntries(Object.entries(input).filter(([k]) => k !== "sources")),
  });
}
