import * as z from "zod";
import { CitationsSchema, EdtfSchema, IdSchema, TextSchema, TranslationsSchema } from "./common.ts";
import { describeValues } from "./describe.ts";

export const RouteKindSchema = describeValues(
  z.enum([
    "export-corridor",
    "deportation",
    "smuggling",
    "military-transit",
    "refuge",
    "trade-scheme",
    "travel",
  ]),
  "What kind of route this is.",
  {
    "export-corridor":
      "A way exports reach their market, e.g. potash by rail to a Baltic port and on by sea.",
    deportation: "The way people are expelled: from prison to a border and beyond.",
    smuggling: "A covert way contraband crosses a border, e.g. balloons carrying cigarettes.",
    "military-transit": "A way troops or military equipment move across a territory.",
    refuge: "Where people are taken in, e.g. a country granting refuge to freed prisoners.",
    "trade-scheme": "A trading arrangement that moves goods indirectly, e.g. through third countries.",
    travel: "A journey made by officials or others, e.g. an envoy's trip.",
  },
);
export type RouteKind = z.infer<typeof RouteKindSchema>;

/** What moves along a route. */
export const CargoSchema = describeValues(
  z.enum(["potash", "people", "contraband", "troops", "freight", "aircraft"]),
  "What moves along the route.",
  {
    potash: "Potash fertilizer (potassium chloride).",
    people: "People: deported prisoners, refugees, travellers.",
    contraband: "Smuggled goods, e.g. cigarettes.",
    troops: "Soldiers and military equipment.",
    freight: "Other goods and the vehicles carrying them.",
    aircraft: "Aircraft themselves, e.g. planes flown out or diverted.",
  },
);
export type Cargo = z.infer<typeof CargoSchema>;

/**
 * How a leg is travelled. `unknown`: the sources say the leg was travelled but not how (never
 * guess a mode); `none`: nothing physically moves along it (e.g. a grant of refuge).
 */
export const TransportModeSchema = describeValues(
  z.enum(["rail", "sea", "road", "air", "balloon", "river", "foot", "unknown", "none"]),
  "How the leg is travelled. Never guess: use unknown when the sources do not say.",
  {
    rail: "By train.",
    sea: "By ship.",
    road: "By car, bus or truck.",
    air: "By aircraft.",
    balloon: "By balloon drifting across a border.",
    river: "By boat or barge on a river.",
    foot: "On foot.",
    unknown: "Travelled, but the sources do not say how.",
    none: "Nothing physically moves along the leg, e.g. a grant of refuge.",
  },
);
export type TransportMode = z.infer<typeof TransportModeSchema>;

/** A sourced distance. Unknown distances are left out, never estimated silently. */
export const DistanceSchema = z.strictObject({
  km: z.number().positive().describe("The distance in kilometres, as a source gives it."),
  /** What the figure covers, e.g. "rail, of which 287 km inside Belarus". */
  note: TextSchema.optional().describe(
    'What the figure covers, e.g. "rail, of which 287 km inside Belarus".',
  ),
  citations: CitationsSchema,
});

export const LegSchema = z.strictObject({
  from: IdSchema.describe("Id of the place the leg starts from."),
  to: IdSchema.describe("Id of the place the leg ends at."),
  mode: TransportModeSchema,
  distance: DistanceSchema.optional().describe("The leg's length, only when sourced: never estimated."),
  note: TextSchema.optional().describe("Our note on the leg, e.g. which line or crossing it uses."),
});
export type Leg = z.infer<typeof LegSchema>;

export const RouteStatusSchema = describeValues(
  z.enum(["open", "in-use", "closed", "blocked", "uneconomic", "theoretical", "proposed"]),
  "The route's state over the period.",
  {
    open: "Usable: nothing stands in the way, whether or not it is used.",
    "in-use": "Actually used over the period.",
    closed: "Shut by a decision, e.g. a border or port closed to it.",
    blocked:
      "Cannot be used because of an obstacle such as sanctions or a terminated contract; list them as blockers.",
    uneconomic: "Physically possible but too costly to use.",
    theoretical: "Possible on paper, never used or seriously planned.",
    proposed: "Put forward by someone, not (yet) in use.",
  },
);
export type RouteStatus = z.infer<typeof RouteStatusSchema>;

/** What stands in a route's way, tied to who and what put it there. */
export const BlockerSchema = z.strictObject({
  description: TextSchema.describe("What stands in the route's way, in our words."),
  actors: z.array(IdSchema).default([]).describe("Ids of the actors who put the obstacle there or keep it."),
  events: z.array(IdSchema).default([]).describe("Ids of the events that created the obstacle."),
  citations: CitationsSchema,
});

/** What would have to change for the route's status to change. */
export const ConditionSchema = z.strictObject({
  description: TextSchema.describe("What would have to change for the status to change, in our words."),
  actors: z.array(IdSchema).default([]).describe("Ids of the actors who could bring the change about."),
  events: z
    .array(IdSchema)
    .default([])
    .describe("Ids of the events that would meet or have met the condition."),
  citations: CitationsSchema,
});

/** A route's status over one period. Periods are read in order; the latest matching wins. */
export const StatusPeriodSchema = z.strictObject({
  status: RouteStatusSchema,
  /** The period (EDTF interval, open ends allowed: `../2022-01-31`, `2022-02-01/..`). */
  when: EdtfSchema.describe("The period (EDTF interval; open ends allowed: ../2022-01-31, 2022-02-01/..)."),
  note: TextSchema.optional().describe("Our note on the route's state in this period."),
  blockers: z.array(BlockerSchema).default([]).describe("What stands in the route's way in this period."),
  conditions: z
    .array(ConditionSchema)
    .default([])
    .describe("What would have to change for this status to change."),
  events: z.array(IdSchema).default([]).describe("Ids of the events that began or mark this period."),
  citations: CitationsSchema,
});
export type StatusPeriod = z.infer<typeof StatusPeriodSchema>;

/** A way goods, people or forces move: legs between places and a status history. */
export const RouteSchema = z
  .strictObject({
    id: IdSchema.describe(
      "Id of the route, unique across the whole dataset: lower-case words joined by '-'.",
    ),
    kind: RouteKindSchema,
    name: TextSchema.describe('A short name, e.g. "Potash via Klaipeda".'),
    cargo: CargoSchema,
    description: TextSchema.describe("What the route is and how it is used, in our words."),
    translations: TranslationsSchema,
    legs: z
      .array(LegSchema)
      .min(1, "a route has at least one leg")
      .describe("The legs in order, from place to place, each with its mode of transport."),
    statuses: z
      .array(StatusPeriodSchema)
      .default([])
      .describe(
        "The route's status over time, period by period; for a given date the latest matching period wins.",
      ),
    actors: z.array(IdSchema).default([]).describe("Ids of the actors who run, use or control the route."),
    citations: CitationsSchema,
  })
  .describe("A way goods, people or forces move: legs between places and a status history.");
export type Route = z.infer<typeof RouteSchema>;
