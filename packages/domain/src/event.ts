import * as z from "zod";
import { CitationsSchema, EdtfSchema, IdSchema, TextSchema, TranslationsSchema } from "./common.ts";
import { describeValues } from "./describe.ts";

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

/** What each event kind covers, in a sentence; the JSON Schema adds its group and codes. */
const EVENT_KIND_MEANING: Record<EventKind, string> = {
  release: "Prisoners are set free, pardoned or let go, in one wave or one by one.",
  deportation:
    "People are expelled or taken across a border against their will, e.g. freed prisoners driven out of the country.",
  "prisoner-exchange": "Prisoners held by two sides are swapped.",
  arrest: "Someone is arrested, detained or jailed before any sentence.",
  sentencing: "A court sentences someone.",
  "sanctions-imposed": "Sanctions are imposed or widened: a designation, an embargo, a ban.",
  "sanctions-eased":
    "Sanctions are lifted, suspended or narrowed, e.g. a designation removed or a licence issued.",
  "sanctions-promised": "A promise or announcement that sanctions will be eased, before they are.",
  "contract-terminated": "A contract or agreement is ended, e.g. a transit contract for potash.",
  appointment: "Someone is named to a post, e.g. an envoy.",
  meeting: "Representatives meet in person.",
  visit: "An official or delegation travels to another country or place.",
  "phone-call": "A telephone or video call between leaders or officials.",
  statement: "A public statement, announcement or declaration.",
  interview: "Someone gives an interview that is reported.",
  praise: "Public praise, thanks or endorsement of another actor.",
  appeal: "A public call or request to another actor to do something.",
  demand: "A demand made of another actor, often with a condition attached.",
  threat: "A threat of action against another actor.",
  lobbying: "Organized pressure on a government or body to act or not to act.",
  "border-closure": "A border or crossing is closed to traffic.",
  "border-opening": "A border or crossing is (re)opened.",
  "airspace-incident": "An intrusion into airspace: balloons, drones, aircraft.",
  "airport-closure": "An airport stops or suspends flights.",
  "trucks-stranded": "Vehicles are held or stranded at or across a border.",
  proposal: "A proposal or offer put forward, not (yet) accepted.",
  "offer-of-refuge": "A state offers to take in people, e.g. freed prisoners.",
  "military-transit": "Troops or military equipment move across or through a territory.",
  invasion: "Armed forces invade another country.",
  mutiny: "Armed forces rise against their command.",
  "mediated-deal": "An agreement reached through a mediator.",
  election: "An election or its announced result.",
  protest: "Public protest: demonstrations, strikes.",
  candidacy: "Someone stands, or tries to stand, for office.",
  award: "A prize or honour is given.",
  "political-dispute": "A political quarrel: accusations, recriminations, a row between actors.",
  "trade-shipment": "Goods are traded or shipped, e.g. a potash cargo.",
  other: "Anything the other kinds do not cover; say what in the summary.",
};

/** The JSON Schema's text for one event kind: meaning, label, group, and CAMEO/PLOVER codes. */
function eventKindDescription(kind: EventKind): string {
  const k: { label: string; group: string; cameo?: string; plover?: string } = EVENT_KINDS[kind];
  const codes = [k.cameo && `CAMEO ${k.cameo}`, k.plover && `PLOVER ${k.plover}`].filter(Boolean);
  return `${EVENT_KIND_MEANING[kind]} (${k.label}; group: ${k.group}${codes.length ? `; ${codes.join(", ")}` : ""})`;
}

export const EventKindSchema = describeValues(
  z.enum(Object.keys(EVENT_KINDS) as [EventKind, ...EventKind[]]),
  "What kind of event this is, from Dealmap's taxonomy (mapped to CAMEO and PLOVER codes for export).",
  Object.fromEntries(
    Object.keys(EVENT_KINDS).map((k) => [k, eventKindDescription(k as EventKind)]),
  ) as Record<EventKind, string>,
);

/** How far an event is known to have happened. */
export const EpistemicStatusSchema = describeValues(
  z.enum(["occurred", "reported", "claimed", "expected", "did-not-happen", "proposed", "hypothetical"]),
  "How far the event is known to have happened. Only occurred and reported read as fact.",
  {
    occurred: "It happened, as the sources confirm.",
    reported: "Reported by sources but not independently confirmed.",
    claimed: "Asserted by one party only; name it in claimedBy.",
    expected: "Anticipated at the time of the sources; not (yet) a fact.",
    "did-not-happen": "Expected or announced, but it did not take place.",
    proposed: "Floated or offered by someone; not a fact.",
    hypothetical: "Imagined or discussed as a possibility, e.g. a route that could be used.",
  },
);
export type EpistemicStatus = z.infer<typeof EpistemicStatusSchema>;

/** Roles an actor plays in an event. */
export const ParticipantRoleSchema = describeValues(
  z.enum([
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
  ]),
  "The part the actor plays in the event.",
  {
    initiator: "Acts or decides: the one who releases, sanctions, closes a border, proposes.",
    target: "Acted against: the one sanctioned, arrested, threatened or deported.",
    subject:
      "What the event is about without acting or being targeted, e.g. a company whose potash is discussed.",
    mediator: "Brokers between the other parties.",
    host: "Receives a visit or meeting on its ground.",
    visitor: "Travels to the host for a visit or meeting.",
    speaker: "Makes the statement, appeal, demand or threat.",
    addressee: "The one a statement, appeal, demand or threat is aimed at.",
    beneficiary: "Gains from the event, e.g. the freed prisoners, or a state whose sanctions are eased.",
    recipient: "Receives something: deported people, a shipment, an award, an offer.",
    announcer: "Makes the event public without being its initiator, e.g. a spokesperson or outlet.",
    interviewer: "Conducts an interview.",
    interviewee: "Is interviewed.",
    appointer: "Names someone to a post.",
    appointee: "Is named to a post.",
    participant: "Takes part without a more specific role.",
    observer: "Attends or watches without taking part.",
  },
);
export type ParticipantRole = z.infer<typeof ParticipantRoleSchema>;

export const ParticipantSchema = z.strictObject({
  actor: IdSchema.describe("Id of the actor taking part."),
  role: ParticipantRoleSchema,
  note: TextSchema.optional().describe("What the actor did in this event, when the role says too little."),
  codes: z
    .array(z.string().regex(/^[A-Z0-9]{3}$/))
    .optional()
    .describe(
      "Machine coding of this participant as the imported data gives it, e.g. CAMEO actor type codes GOV, MIL, BUS.",
    ),
});
export type Participant = z.infer<typeof ParticipantSchema>;

/**
 * A sourced figure. When sources disagree, record one quantity per source with the same
 * `counts`: the disagreement is data.
 */
export const QuantitySchema = z.strictObject({
  value: z.number().finite().describe("The figure, as the source gives it."),
  /** Unit of the value: "people", "trucks", "Mt", "USD bn", "km", "%"… */
  unit: TextSchema.describe('Unit of the value: "people", "trucks", "Mt", "USD bn", "km", "%"…'),
  /** What is counted, in our words: "prisoners released", "Lithuanian trucks stranded". */
  counts: TextSchema.describe(
    'What is counted, in our words: "prisoners released", "Lithuanian trucks stranded". Figures with the same counts are compared.',
  ),
  /** How the source qualifies the figure. */
  qualifier: describeValues(
    z.enum(["exact", "about", "over", "under", "nearly", "up-to", "at-least"]),
    "How the source qualifies the figure (default: exact).",
    {
      exact: "The figure as given, without qualification.",
      about: "Approximately (about, around, some).",
      over: "More than the figure (over, more than).",
      under: "Fewer than the figure (under, less than).",
      nearly: "Almost the figure, just short of it.",
      "up-to": "At most the figure (up to).",
      "at-least": "No fewer than the figure (at least).",
    },
  ).default("exact"),
  note: TextSchema.optional().describe("Our note on the figure, e.g. how sources differ."),
  citations: CitationsSchema,
});
export type Quantity = z.infer<typeof QuantitySchema>;

export const EventLinkTypeSchema = describeValues(
  z.enum([
    "exchanged-for",
    "response-to",
    "part-of",
    "follows",
    "precedes",
    "causes",
    "contradicts",
    "fulfils",
  ]),
  "How this event relates to the linked one (read: this event <type> the linked event).",
  {
    "exchanged-for": "This event was given in return for the linked one: one side of an exchange.",
    "response-to": "This event answers or reacts to the linked one.",
    "part-of":
      "This event is one part of the larger linked event, e.g. one closure in a series of airport closures.",
    follows: "This event comes after the linked one in a sequence worth showing.",
    precedes: "This event comes before the linked one.",
    causes: "This event brought about the linked one.",
    contradicts: "This event's account conflicts with the linked one's.",
    fulfils: "This event carries out what the linked one promised or proposed.",
  },
);
export type EventLinkType = z.infer<typeof EventLinkTypeSchema>;

export const EventLinkSchema = z.strictObject({
  type: EventLinkTypeSchema,
  event: IdSchema.describe("Id of the linked event."),
  note: TextSchema.optional().describe("Our note on the link, e.g. who says so."),
});

/** Another dating of the same event from another source (e.g. the article's fuzzy date). */
export const DateVariantSchema = z.strictObject({
  date: EdtfSchema.describe("The other dating (EDTF), e.g. 2025-12 or 2025-11-01/2025-11-10."),
  note: TextSchema.optional().describe("Where this dating comes from or why it differs."),
  citations: CitationsSchema,
});

/**
 * How a machine-coded dataset (GDELT) coded an event: the original CAMEO code and the figures
 * it attaches. Kept as data beside our kind, which is the nearest one in Dealmap's taxonomy.
 */
export const EventCodingSchema = z
  .strictObject({
    system: describeValues(z.enum(["cameo"]), "The coding scheme the code belongs to.", {
      cameo: "CAMEO (Conflict and Mediation Event Observations), as GDELT codes events.",
    }),
    code: z
      .string()
      .regex(/^[0-9]{2,4}$/)
      .describe("The event code as given (a string: leading zeros matter), e.g. 042 or 1056."),
    quadClass: z
      .number()
      .int()
      .min(1)
      .max(4)
      .optional()
      .describe(
        "GDELT QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.",
      ),
    goldstein: z
      .number()
      .min(-10)
      .max(10)
      .optional()
      .describe("Goldstein scale, -10 (most conflictual) to +10 (most cooperative)."),
    mentions: z.number().int().min(0).optional().describe("Mentions of the event in the coded reports."),
    sources: z.number().int().min(0).optional().describe("Information sources that reported it."),
    articles: z.number().int().min(0).optional().describe("Articles that reported it."),
    tone: z.number().finite().optional().describe("Average tone of the reports (negative is hostile)."),
    rows: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe("How many coded rows reported this same event and were merged into it."),
    reported: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?Z)?$/)
      .optional()
      .describe("When the coded data first recorded it (GDELT DATEADDED), as an ISO date or UTC time."),
  })
  .describe("How a machine-coded dataset coded this event, with the figures it attaches.");
export type EventCoding = z.infer<typeof EventCodingSchema>;

/**
 * Something that happened, was reported, claimed, expected, proposed or imagined.
 * Named `StoryEvent` in types: `Event` is a DOM global.
 */
export const StoryEventSchema = z
  .strictObject({
    id: IdSchema.describe(
      "Id of the event, unique across the whole dataset: lower-case words joined by '-'.",
    ),
    kind: EventKindSchema,
    /** A short headline in our words. */
    title: TextSchema.describe("A short headline, in our words."),
    /** What happened, in our words. */
    summary: TextSchema.describe("What happened, in our words (never the source's sentences)."),
    translations: TranslationsSchema,
    /** The best-supported date (EDTF); used for ordering. */
    date: EdtfSchema.describe(
      "The best-supported date (EDTF: 2025-12-13, 2025-11, 2025-11-01/2025-11-10, 2025-22 for summer); used for ordering.",
    ),
    /** Other cited datings; the article's vaguer wording is kept here when a report is exact. */
    dateVariants: z
      .array(DateVariantSchema)
      .default([])
      .describe("Other cited datings of the same event, e.g. a vaguer date in another source."),
    status: EpistemicStatusSchema,
    /** For `claimed`: who makes the claim. */
    claimedBy: IdSchema.optional().describe(
      "For status claimed only, and required then: id of the actor making the claim.",
    ),
    participants: z
      .array(ParticipantSchema)
      .default([])
      .describe("The actors involved, each with the role it plays."),
    places: z
      .array(IdSchema)
      .default([])
      .describe("Ids of the places where the event happened or that it concerns."),
    /** Routes the event concerns (opens, closes, uses, blocks). */
    routes: z
      .array(IdSchema)
      .default([])
      .describe("Ids of the routes the event concerns: opens, closes, uses or blocks."),
    quantities: z
      .array(QuantitySchema)
      .default([])
      .describe("Sourced figures: one entry per source when sources disagree."),
    links: z
      .array(EventLinkSchema)
      .default([])
      .describe("Typed links to other events: exchanges, responses, parts, sequences."),
    tags: z
      .array(z.string().regex(/^[a-z0-9-]+$/))
      .default([])
      .describe("Free lower-case tags for filtering, e.g. potash, prisoners."),
    coding: EventCodingSchema.optional().describe(
      "For imported machine-coded events: the original code and figures (GDELT).",
    ),
    citations: CitationsSchema,
  })
  .describe(
    "Something that happened, was reported, claimed, expected, proposed or imagined, with who took part and how.",
  )
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
