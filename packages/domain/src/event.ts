import * as z from "zod";
import { CitationsSchema, EdtfSchema, IdSchema, TextSchema } from "./common.ts";

/**
 * Event taxonomy. Each kind maps to a CAMEO code and a PLOVER event type where a reasonable
 * one exists (CAMEO codes are strings: leading zeros matter). The mapping is for export to
 * GDELT/PLOVER-style tools; it is approximate where CAMEO has no exact category, and absent
 * where it has none.
 */
export const EVENT_KINDS = {
  release: { label: "release of prisoners", group: "concession", cameo: "0841", plover: "RETREAT" },
  deportation: { label: "deportation", group: "coercion", cameo: "174", plover: "COERCE" },
  "prisoner-exchange": { label: "prisoner exchange", group: "concession", cameo: "0841", plover: "CONCEDE" },
  arrest: { label: "arrest or detention", group: "coercion", cameo: "173", plover: "COERCE" },
  sentencing: { label: "sentencing", group: "coercion", cameo: "173", plover: "COERCE" },
  "sanctions-imposed": { label: "sanctions imposed", group: "coercion", cameo: "163", plover: "SANCTION" },
  "sanctions-eased": { label: "sanctions eased", group: "concession", cameo: "085", plover: "CONCEDE" },
  "sanctions-promised": {
    label: "promise to ease sanctions",
    group: "concession",
    cameo: "0354",
    plover: "AGREE",
  },
  "contract-terminated": { label: "contract terminated", group: "coercion", cameo: "161", plover: "REJECT" },
  appointment: { label: "appointment", group: "diplomacy", cameo: undefined, plover: undefined },
  meeting: { label: "meeting", group: "diplomacy", cameo: "040", plover: "CONSULT" },
  visit: { label: "visit", group: "diplomacy", cameo: "042", plover: "CONSULT" },
  "phone-call": { label: "phone call", group: "diplomacy", cameo: "041", plover: "CONSULT" },
  statement: { label: "statement", group: "communication", cameo: "010", plover: undefined },
  interview: { label: "interview", group: "communication", cameo: "010", plover: undefined },
  praise: { label: "praise or endorsement", group: "communication", cameo: "051", plover: "SUPPORT" },
  appeal: { label: "appeal or call", group: "communication", cameo: "020", plover: "REQUEST" },
  demand: { label: "demand", group: "communication", cameo: "100", plover: "REQUEST" },
  threat: { label: "threat", group: "coercion", cameo: "130", plover: "THREATEN" },
  lobbying: { label: "lobbying", group: "communication", cameo: "020", plover: "REQUEST" },
  "border-closure": { label: "border closure", group: "coercion", cameo: "172", plover: "SANCTION" },
  "border-opening": { label: "border opening", group: "concession", cameo: "081", plover: "CONCEDE" },
  "airspace-incident": { label: "airspace incident", group: "incident", cameo: undefined, plover: undefined },
  "airport-closure": { label: "airport closure", group: "incident", cameo: undefined, plover: undefined },
  "trucks-stranded": { label: "vehicles stranded", group: "coercion", cameo: "172", plover: "COERCE" },
  proposal: { label: "proposal", group: "diplomacy", cameo: "036", plover: "CONSULT" },
  "offer-of-refuge": { label: "offer of refuge", group: "diplomacy", cameo: "075", plover: "AID" },
  "military-transit": { label: "military transit", group: "military", cameo: "152", plover: "MOBILIZE" },
  invasion: { label: "invasion", group: "military", cameo: "190", plover: "ASSAULT" },
  mutiny: { label: "mutiny", group: "military", cameo: "180", plover: "ASSAULT" },
  "mediated-deal": { label: "mediated deal", group: "diplomacy", cameo: "057", plover: "AGREE" },
  election: { label: "election", group: "politics", cameo: undefined, plover: undefined },
  protest: { label: "protest", group: "politics", cameo: "140", plover: "PROTEST" },
  candidacy: { label: "candidacy", group: "politics", cameo: undefined, plover: undefined },
  award: { label: "award", group: "politics", cameo: undefined, plover: undefined },
  "political-dispute": { label: "political dispute", group: "politics", cameo: "111", plover: "ACCUSE" },
  "trade-shipment": { label: "trade or shipment", group: "economy", cameo: "061", plover: "COOPERATE" },
  other: { label: "other", group: "other", cameo: undefined, plover: undefined },
} as const satisfies Record<string, { label: string; group: string; cameo?: string; plover?: string }>;

export type EventKind = keyof typeof EVENT_KINDS;
export const EventKindSchema = z.enum(Object.keys(EVENT_KINDS) as [EventKind, ...EventKind[]]);

/** How far an event is known to have happened. */
export const EpistemicStatusSchema = z.enum([
  "occurred",
  "reported",
  "claimed",
  "expected",
  "did-not-happen",
  "proposed",
  "hypothetical",
]);
export type EpistemicStatus = z.infer<typeof EpistemicStatusSchema>;

/** Roles an actor plays in an event. */
export const ParticipantRoleSchema = z.enum([
  "initiator",
  "target",
  "subject",
  "mediator",
  "host",
  "visitor",
  "speaker",
  "addressee",
  "beneficiary",
  "recipient",
  "announcer",
  "interviewer",
  "interviewee",
  "appointer",
  "appointee",
  "participant",
  "observer",
]);
export type ParticipantRole = z.infer<typeof ParticipantRoleSchema>;

export const ParticipantSchema = z.strictObject({
  actor: IdSchema,
  role: ParticipantRoleSchema,
  note: TextSchema.optional(),
});
export type Participant = z.infer<typeof ParticipantSchema>;

/**
 * A sourced figure. When sources disagree, record one quantity per source with the same
 * `counts`: the disagreement is data.
 */
export const QuantitySchema = z.strictObject({
  value: z.number().finite(),
  /** Unit of the value: "people", "trucks", "Mt", "USD bn", "km", "%"… */
  unit: TextSchema,
  /** What is counted, in our words: "prisoners released", "Lithuanian trucks stranded". */
  counts: TextSchema,
  /** How the source qualifies the figure. */
  qualifier: z.enum(["exact", "about", "over", "under", "nearly", "up-to", "at-least"]).default("exact"),
  note: TextSchema.optional(),
  citations: CitationsSchema,
});
export type Quantity = z.infer<typeof QuantitySchema>;

export const EventLinkTypeSchema = z.enum([
  "exchanged-for",
  "response-to",
  "part-of",
  "follows",
  "precedes",
  "causes",
  "contradicts",
  "fulfils",
]);
export type EventLinkType = z.infer<typeof EventLinkTypeSchema>;

export const EventLinkSchema = z.strictObject({
  type: EventLinkTypeSchema,
  event: IdSchema,
  note: TextSchema.optional(),
});

/** Another dating of the same event from another source (e.g. the article's fuzzy date). */
export const DateVariantSchema = z.strictObject({
  date: EdtfSchema,
  note: TextSchema.optional(),
  citations: CitationsSchema,
});

/**
 * Something that happened, was reported, claimed, expected, proposed or imagined.
 * Named `StoryEvent` in types: `Event` is a DOM global.
 */
export const StoryEventSchema = z
  .strictObject({
    id: IdSchema,
    kind: EventKindSchema,
    /** A short headline in our words. */
    title: TextSchema,
    /** What happened, in our words. */
    summary: TextSchema,
    /** The best-supported date (EDTF); used for ordering. */
    date: EdtfSchema,
    /** Other cited datings; the article's vaguer wording is kept here when a report is exact. */
    dateVariants: z.array(DateVariantSchema).default([]),
    status: EpistemicStatusSchema,
    /** For `claimed`: who makes the claim. */
    claimedBy: IdSchema.optional(),
    participants: z.array(ParticipantSchema).default([]),
    places: z.array(IdSchema).default([]),
    /** Routes the event concerns (opens, closes, uses, blocks). */
    routes: z.array(IdSchema).default([]),
    quantities: z.array(QuantitySchema).default([]),
    links: z.array(EventLinkSchema).default([]),
    tags: z.array(z.string().regex(/^[a-z0-9-]+$/)).default([]),
    citations: CitationsSchema,
  })
  .superRefine((e, ctx) => {
    if (e.status === "claimed" && !e.claimedBy) {
      ctx.addIssue({ code: "custom", path: ["claimedBy"], message: "a claimed event names who claims it" });
    }
    if (e.status !== "claimed" && e.claimedBy) {
      ctx.addIssue({
        code: "custom",
        path: ["claimedBy"],
        message: "claimedBy is only for status 'claimed'",
      });
    }
  });
export type StoryEvent = z.infer<typeof StoryEventSchema>;
