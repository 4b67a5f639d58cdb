/**
 * @dealmap/domain — Dealmap's model. Schemas (zod 4) with inferred types, EDTF date helpers,
 * the whole-dataset integrity check, and pure query functions. No I/O.
 */
export * from "./actor.ts";
export * from "./assessment.ts";
export * from "./citations.ts";
export * from "./common.ts";
export * from "./dataset.ts";
export * from "./dates.ts";
export * from "./deal.ts";
export * from "./event.ts";
export * from "./integrity.ts";
export * from "./json-schema.ts";
export * from "./place.ts";
export * from "./queries/index.ts";
export * from "./quote-anchor.ts";
export * from "./random.ts";
export * from "./relation.ts";
export * from "./route.ts";
export { boundedDamerau } from "./search/distance.ts";
export * from "./search/index.ts";
export * from "./source.ts";
export * from "./statement.ts";
