import * as z from "zod";
import { CitationsSchema, EdtfSchema, IdSchema, TextSchema } from "./common.ts";

export const ConcessionKindSchema = z.enum([
  "prisoner-release",
  "sanctions-relief",
  "sanctions-relief-promise",
  "diplomatic-engagement",
  "appointment",
  "recognition",
  "border-opening",
  "logistics-help",
  "offer",
  "other",
]);

export const DeliverySchema = z.enum(["delivered", "partial", "promised", "expected", "not-delivered"]);
export type Delivery = z.infer<typeof DeliverySchema>;

/** One side's part of an exchange: what it gave or promised, to whom, backed by events. */
export const ConcessionSchema = z.strictObject({
  /** The party giving. */
  by: IdSchema,
  /** The party receiving. */
  to: IdSchema,
  kind: ConcessionKindSchema,
  /** What was given, in our words. */
  what: TextSchema,
  delivery: DeliverySchema,
  date: EdtfSchema.optional(),
  /** Countable part (people released, licences issued), for running totals. */
  amount: z.strictObject({ value: z.number().finite(), unit: TextSchema, counts: TextSchema }).optional(),
  events: z.array(IdSchema).default([]),
  citations: CitationsSchema,
});
export type Concession = z.infer<typeof ConcessionSchema>;

/** An exchange of concessions between parties. */
export const DealSchema = z.strictObject({
  id: IdSchema,
  title: TextSchema,
  parties: z.array(IdSchema).min(2, "a deal has at least two parties"),
  date: EdtfSchema,
  summary: TextSchema,
  concessions: z.array(ConcessionSchema).min(1),
  /** Mediators, envoys and others who brokered it. */
  brokers: z.array(IdSchema).default([]),
  citations: CitationsSchema,
});
export type Deal = z.infer<typeof DealSchema>;
