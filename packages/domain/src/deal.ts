import * as z from "zod";
import { CitationsSchema, EdtfSchema, IdSchema, TextSchema, TranslationsSchema } from "./common.ts";
import { describeValues } from "./describe.ts";

export const ConcessionKindSchema = describeValues(
  z.enum([
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
  ]),
  "What kind of thing the party gave or promised.",
  {
    "prisoner-release": "Freeing prisoners.",
    "sanctions-relief": "Lifting or easing sanctions.",
    "sanctions-relief-promise": "A promise to lift or ease sanctions later.",
    "diplomatic-engagement":
      "Talks, visits or contacts the other side wanted: engagement as a reward in itself.",
    appointment: "Naming someone to a post, e.g. an envoy, as a gesture to the other side.",
    recognition: "Recognition or legitimacy granted, e.g. praise from a head of state or an official title.",
    "border-opening": "Opening or reopening a border or crossing.",
    "logistics-help": "Practical help: transport, transit, escort, a place to receive people.",
    offer: "An offer made, not (yet) taken up.",
    other: "Anything else; say what in `what`.",
  },
);

export const DeliverySchema = describeValues(
  z.enum(["delivered", "partial", "promised", "expected", "not-delivered"]),
  "How far the concession has been delivered.",
  {
    delivered: "Given in full.",
    partial: "Given in part.",
    promised: "Promised by the party, not yet given.",
    expected: "Anticipated by others, without a firm promise.",
    "not-delivered": "Promised or expected, but not given.",
  },
);
export type Delivery = z.infer<typeof DeliverySchema>;

/** One side's part of an exchange: what it gave or promised, to whom, backed by events. */
export const ConcessionSchema = z.strictObject({
  /** The party giving. */
  by: IdSchema.describe("Id of the party giving."),
  /** The party receiving. */
  to: IdSchema.describe("Id of the party receiving."),
  kind: ConcessionKindSchema,
  /** What was given, in our words. */
  what: TextSchema.describe("What was given or promised, in our words."),
  delivery: DeliverySchema,
  date: EdtfSchema.optional().describe("When it was given or promised (EDTF)."),
  /** Countable part (people released, licences issued), for running totals. */
  amount: z
    .strictObject({
      value: z.number().finite().describe("The number given."),
      unit: TextSchema.describe('Unit of the value, e.g. "people", "licences".'),
      counts: TextSchema.describe(
        'What is counted, e.g. "prisoners released"; equal counts are summed in running totals.',
      ),
    })
    .optional()
    .describe("The countable part (people released, licences issued), for running totals."),
  events: z
    .array(IdSchema)
    .default([])
    .describe("Ids of the events in which the concession was made or delivered."),
  citations: CitationsSchema,
});
export type Concession = z.infer<typeof ConcessionSchema>;

/** An exchange of concessions between parties. */
export const DealSchema = z
  .strictObject({
    id: IdSchema.describe("Id of the deal, unique across the whole dataset: lower-case words joined by '-'."),
    title: TextSchema.describe("A short title, in our words."),
    parties: z
      .array(IdSchema)
      .min(2, "a deal has at least two parties")
      .describe("Ids of the parties exchanging concessions: at least two."),
    date: EdtfSchema.describe("When the deal was struck or carried out (EDTF, often an interval)."),
    summary: TextSchema.describe("What was exchanged, in our words."),
    translations: TranslationsSchema,
    concessions: z
      .array(ConcessionSchema)
      .min(1)
      .describe("What each side gave or promised, one entry per concession, delivered or not."),
    /** Mediators, envoys and others who brokered it. */
    brokers: z
      .array(IdSchema)
      .default([])
      .describe("Ids of the mediators, envoys and others who brokered it."),
    citations: CitationsSchema,
  })
  .describe(
    "An exchange of concessions between parties: what each side gave or promised, and what was delivered.",
  );
export type Deal = z.infer<typeof DealSchema>;
