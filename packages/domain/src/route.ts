import * as z from "zod";
import { CitationsSchema, EdtfSchema, IdSchema, TextSchema } from "./common.ts";

export const RouteKindSchema = z.enum([
  "export-corridor",
  "deportation",
  "smuggling",
  "military-transit",
  "refuge",
  "trade-scheme",
  "travel",
]);
export type RouteKind = z.infer<typeof RouteKindSchema>;

/** What moves along a route. */
export const CargoSchema = z.enum(["potash", "people", "contraband", "troops", "freight", "aircraft"]);
export type Cargo = z.infer<typeof CargoSchema>;

/**
 * How a leg is travelled. `unknown`: the sources say the leg was travelled but not how (never
 * guess a mode); `none`: nothing physically moves along it (e.g. a grant of refuge).
 */
export const TransportModeSchema = z.enum([
  "rail",
  "sea",
  "road",
  "air",
  "balloon",
  "river",
  "foot",
  "unknown",
  "none",
]);
export type TransportMode = z.infer<typeof TransportModeSchema>;

/** A sourced distance. Unknown distances are left out, never estimated silently. */
export const DistanceSchema = z.strictObject({
  km: z.number().positive(),
  /** What the figure covers, e.g. "rail, of which 287 km inside Belarus". */
  note: TextSchema.optional(),
  citations: CitationsSchema,
});

export const LegSchema = z.strictObject({
  from: IdSchema,
  to: IdSchema,
  mode: TransportModeSchema,
  distance: DistanceSchema.optional(),
  note: TextSchema.optional(),
});
export type Leg = z.infer<typeof LegSchema>;

export const RouteStatusSchema = z.enum([
  "open",
  "in-use",
  "closed",
  "blocked",
  "uneconomic",
  "theoretical",
  "proposed",
]);
export type RouteStatus = z.infer<typeof RouteStatusSchema>;

/** What stands in a route's way, tied to who and what put it there. */
export const BlockerSchema = z.strictObject({
  description: TextSchema,
  actors: z.array(IdSchema).default([]),
  events: z.array(IdSchema).default([]),
  citations: CitationsSchema,
});

/** What would have to change for the route's status to change. */
export const ConditionSchema = z.strictObject({
  description: TextSchema,
  actors: z.array(IdSchema).default([]),
  events: z.array(IdSchema).default([]),
  citations: CitationsSchema,
});

/** A route's status over one period. Periods are read in order; the latest matching wins. */
export const StatusPeriodSchema = z.strictObject({
  status: RouteStatusSchema,
  /** The period (EDTF interval, open ends allowed: `../2022-01-31`, `2022-02-01/..`). */
  when: EdtfSchema,
  note: TextSchema.optional(),
  blockers: z.array(BlockerSchema).default([]),
  conditions: z.array(ConditionSchema).default([]),
  events: z.array(IdSchema).default([]),
  citations: CitationsSchema,
});
export type StatusPeriod = z.infer<typeof StatusPeriodSchema>;

/** A way goods, people or forces move: legs between places and a status history. */
export const RouteSchema = z.strictObject({
  id: IdSchema,
  kind: RouteKindSchema,
  name: TextSchema,
  cargo: CargoSchema,
  description: TextSchema,
  legs: z.array(LegSchema).min(1, "a route has at least one leg"),
  statuses: z.array(StatusPeriodSchema).default([]),
  actors: z.array(IdSchema).default([]),
  citations: CitationsSchema,
});
export type Route = z.infer<typeof RouteSchema>;
