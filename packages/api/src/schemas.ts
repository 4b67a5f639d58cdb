/**
 * Input and output schemas of the procedures, built on @dealmap/domain's schemas. Outputs are
 * validated by tRPC and describe the REST mirror in the OpenAPI document.
 *
 * Inputs stay flat objects of scalars and arrays of scalars so that the REST mirror can take
 * them as query parameters (repeat a parameter for an array: `?kinds=release&kinds=meeting`).
 */
import {
  ActorKindSchema,
  ActorSchema,
  AssessmentSchema,
  AssessmentTopicSchema,
  boundsOf,
  CargoSchema,
  CitationSchema,
  CitationsSchema,
  ConcessionKindSchema,
  ConcessionSchema,
  CoordinatesSchema,
  CountryCodeSchema,
  DateVariantSchema,
  DealSchema,
  DeliverySchema,
  EpistemicStatusSchema,
  EventKindSchema,
  IdSchema,
  ParticipantRoleSchema,
  PlaceKindSchema,
  PlaceSchema,
  RelationSchema,
  RelationTypeSchema,
  RoleSchema,
  RouteKindSchema,
  RouteSchema,
  RouteStatusSchema,
  SourceSchema,
  StatusPeriodSchema,
  StoryEventSchema,
  TransportModeSchema,
} from "@dealmap/domain";
import * as z from "zod";

/**
 * An EDTF date in an input: the domain's rules, checked through the queries' cache of parsed
 * bounds (a date string is parsed once per process, not once per request).
 */
export const EdtfInput = z
  .string()
  .max(100)
  .superRefine((value, ctx) => {
    try {
      boundsOf(value);
    } catch (err) {
      ctx.addIssue({ code: "custom", message: err instanceof Error ? err.message : String(err) });
    }
  });

/** Largest page any list returns. */
export const MAX_PAGE = 200;
/** Longest search query. */
export const MAX_QUERY = 200;
/** Most results one search returns. */
export const MAX_SEARCH = 100;
/** Most values in one array filter. */
export const MAX_LIST = 50;

/** A boolean that also accepts the strings "true" and "false" (query strings carry text). */
export const FlagSchema = z.preprocess(
  (v: boolean | "true" | "false" | undefined) => (v === "true" ? true : v === "false" ? false : v),
  z.boolean(),
);

/**
 * Inputs are strict: an unknown parameter (a typo such as `actor=` for `actors=`) is a 400
 * naming it, not silently ignored.
 */
const list = <T extends z.ZodType>(item: T) => z.array(item).max(MAX_LIST);

/** A dataset's name: lower-case words joined by '-' (a data directory's or an import's name). */
const DatasetNameSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "dataset names are lower-case words joined by '-', e.g. 'built-in'")
  .max(80);

export const LimitSchema = z.number().int().min(1).max(MAX_PAGE);
export const CursorSchema = z.string().min(1).max(200);

export const IdInput = z.strictObject({ id: IdSchema });

// ---------------------------------------------------------------- inputs

export const TimelineInput = z.strictObject({
  actors: list(IdSchema).optional().describe("events with any of these actors (participant or claimant)"),
  kinds: list(EventKindSchema).optional(),
  places: list(IdSchema).optional(),
  route: IdSchema.optional(),
  statuses: list(EpistemicStatusSchema).optional(),
  from: EdtfInput.optional().describe("window start (EDTF; its earliest instant)"),
  to: EdtfInput.optional().describe("window end (EDTF; its latest instant)"),
  containedOnly: FlagSchema.optional().describe(
    "require the event's whole date span inside the window (default: any overlap counts)",
  ),
  datasets: list(DatasetNameSchema)
    .optional()
    .describe("events of any of these datasets (the built-in data, a data directory, an import)"),
  cursor: CursorSchema.optional().describe("nextCursor of the previous page"),
  limit: LimitSchema.default(50),
});

/** Most bins a timeline window has. */
export const MAX_BINS = 1000;
/** Most events a timeline window gives one by one. */
export const MAX_WINDOW_EVENTS = 2000;

export const TimelineWindowInput = z.strictObject({
  actors: list(IdSchema).optional().describe("events with any of these actors (participant or claimant)"),
  kinds: list(EventKindSchema).optional(),
  places: list(IdSchema).optional(),
  route: IdSchema.optional(),
  statuses: list(EpistemicStatusSchema).optional(),
  datasets: list(DatasetNameSchema)
    .optional()
    .describe("events of any of these datasets (the built-in data, a data directory, an import)"),
  from: EdtfInput.optional().describe(
    "window start (EDTF; its earliest instant); default: the first event's",
  ),
  to: EdtfInput.optional().describe("window end (EDTF; its latest instant); default: the last event's"),
  bins: z.number().int().min(1).max(MAX_BINS).default(200).describe("at most this many time bins"),
  lanes: z
    .enum(["kind", "actor"])
    .default("kind")
    .describe("count per event kind, or per actor (the filter's actors, else the 14 with most events)"),
  eventLimit: z
    .number()
    .int()
    .min(0)
    .max(MAX_WINDOW_EVENTS)
    .default(1000)
    .describe("give the window's events one by one when there are at most this many"),
});

export const ActorListInput = z.strictObject({
  kind: ActorKindSchema.optional(),
  country: CountryCodeSchema.optional(),
  datasets: list(DatasetNameSchema)
    .optional()
    .describe("actors defined by any of these datasets (the built-in data, a data directory, an import)"),
  cursor: CursorSchema.optional(),
  limit: LimitSchema.default(MAX_PAGE),
});

export const ProfileInput = z.strictObject({
  id: IdSchema,
  eventLimit: z.number().int().min(1).max(500).default(100).describe("events listed per role"),
  listLimit: z
    .number()
    .int()
    .min(1)
    .max(500)
    .default(100)
    .describe("relations, routes, deals and assessments listed at most (each has its total)"),
});

export const PlaceListInput = z.strictObject({
  kind: PlaceKindSchema.optional(),
  country: CountryCodeSchema.optional(),
  cursor: CursorSchema.optional(),
  limit: LimitSchema.default(MAX_PAGE),
});

export const GraphInput = z.strictObject({
  types: list(RelationTypeSchema).optional(),
  at: EdtfInput.optional().describe("keep relations whose period overlaps this date"),
  around: IdSchema.optional().describe("centre actor of a neighbourhood"),
  hops: z.number().int().min(0).max(6).default(1),
  sharedEvents: FlagSchema.optional().describe("add ties between actors who share events (default true)"),
  minShared: z.number().int().min(1).max(1000).default(1),
  maxEdges: z.number().int().min(1).max(20_000).default(2000).describe("most edges returned, heaviest first"),
  maxNodes: z
    .number()
    .int()
    .min(1)
    .max(5000)
    .default(500)
    .describe("most actors returned, the most connected first, with the edges between them"),
});

export const PathInput = z.strictObject({
  from: IdSchema,
  to: IdSchema,
  types: list(RelationTypeSchema).optional(),
  at: EdtfInput.optional(),
  viaSharedEvents: FlagSchema.optional(),
});

export const RouteListInput = z.strictObject({
  at: EdtfInput.optional().describe("date for each route's status (default: today)"),
  cargo: CargoSchema.optional(),
  kind: RouteKindSchema.optional(),
});

export const RouteGetInput = z.strictObject({ id: IdSchema, at: EdtfInput.optional() });

export const RouteCompareInput = z.strictObject({
  cargo: CargoSchema.default("potash"),
  at: EdtfInput.optional(),
});

/**
 * A page of a list the store reads whole: `limit` items after `cursor` (the previous page's
 * `nextCursor`). Without `limit`, the whole list, as before these lists paged.
 */
const ListPage = {
  cursor: CursorSchema.optional().describe("nextCursor of the previous page"),
  limit: LimitSchema.optional().describe("items per page (default: all of them)"),
};

export const DealListInput = z.strictObject({
  party: IdSchema.optional(),
  cursor: ListPage.cursor,
  // a page by default, as the ledger: over 10M events the 50,000 deals at once took 1.1 s and 33 MB
  limit: LimitSchema.default(MAX_PAGE).describe(
    `deals per page (default ${MAX_PAGE}; follow nextCursor for more)`,
  ),
});

export const LedgerInput = z.strictObject({
  party: IdSchema.optional().describe("only pairs including this party"),
  with: IdSchema.optional().describe("with party: only that pair"),
  cursor: CursorSchema.optional().describe(
    "nextCursor of the previous page (the last pair's parties joined by '|')",
  ),
  // a page by default: over millions of events the pairs number tens of thousands, and the whole
  // ledger at once (each pair's parties named) held a server for minutes
  limit: LimitSchema.default(MAX_PAGE).describe(
    `pairs per page (default ${MAX_PAGE}; follow nextCursor for more)`,
  ),
});

export const SourceListInput = z.strictObject({
  order: z
    .enum(["data", "claims"])
    .default("data")
    .describe("data order, or the most cited first (ties in data order)"),
  ...ListPage,
});

export const SearchKindSchema = z.enum(["actor", "place", "event", "route", "deal", "source"]);

export const SearchInput = z.strictObject({
  q: z.string().max(MAX_QUERY).describe("search text, up to 200 characters"),
  limit: z.number().int().min(1).max(MAX_SEARCH).default(20),
  kinds: list(SearchKindSchema).optional(),
});

export const AssessmentListInput = z.strictObject({
  about: IdSchema.optional(),
  source: IdSchema.optional(),
  topic: AssessmentTopicSchema.optional(),
  ...ListPage,
});

/** Ids to look up at once: the entities a page shows (search hits, a list's names). */
export const EntityManyInput = z.strictObject({
  ids: z
    .array(IdSchema)
    .max(MAX_PAGE)
    .default([])
    .describe(
      "up to 200 ids of any kind (in a REST or tRPC GET, within the server's URL limit of 8,192 characters: 200 ids of 35 characters fit)",
    ),
});

// ---------------------------------------------------------------- outputs

/**
 * Entity schemas for answers. They are the domain schemas with EDTF fields as plain strings:
 * dates were validated when the data was loaded, and re-parsing every date of every answer
 * would cost more than the query itself.
 */
const EdtfOut = z.string().describe("EDTF date, e.g. 2025-12-13, 2025-11, 2025-22 (summer), 2025-11-09/..");
export const SourceOut = z.strictObject({ ...SourceSchema.shape, published: EdtfOut.optional() });
export const RoleOut = z.strictObject({ ...RoleSchema.shape, when: EdtfOut.optional() });
export const ActorOut = z.strictObject({
  ...ActorSchema.shape,
  born: EdtfOut.optional(),
  roles: z.array(RoleOut),
});
export const RelationOut = z.strictObject({ ...RelationSchema.shape, when: EdtfOut.optional() });
export const EventOut = z.strictObject({
  ...StoryEventSchema.shape,
  date: EdtfOut,
  dateVariants: z.array(z.strictObject({ ...DateVariantSchema.shape, date: EdtfOut })),
});
export const StatusPeriodOut = z.strictObject({ ...StatusPeriodSchema.shape, when: EdtfOut });
export const RouteOut = z.strictObject({ ...RouteSchema.shape, statuses: z.array(StatusPeriodOut) });
export const DealOut = z.strictObject({
  ...DealSchema.shape,
  date: EdtfOut,
  concessions: z.array(z.strictObject({ ...ConcessionSchema.shape, date: EdtfOut.optional() })).min(1),
});

const nullableNumber = z.number().nullable();

export const ActorRefSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: ActorKindSchema.nullable(),
});
export const RefSchema = z.object({ id: z.string(), label: z.string() });
export const PlaceRefSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: PlaceKindSchema.nullable(),
  country: z.string().nullable(),
  coordinates: CoordinatesSchema.nullable(),
});

export const EventSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  date: z.string(),
  kind: EventKindSchema,
  status: EpistemicStatusSchema,
  dataset: z
    .string()
    .describe("the dataset the event belongs to: built-in, a loaded directory's or an import's"),
});

const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), nextCursor: z.string().nullable() });

const coverage = z.object({ share: z.number(), count: z.number().int(), of: z.number().int() });

const KindCounts = z.object({
  sources: z.number().int(),
  actors: z.number().int(),
  places: z.number().int(),
  events: z.number().int(),
  routes: z.number().int(),
  relations: z.number().int(),
  deals: z.number().int(),
  assessments: z.number().int(),
});

export const StatsOutput = z.object({
  version: z.string(),
  counts: KindCounts,
  span: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
  eventsByKind: z.partialRecord(EventKindSchema, z.number().int()),
  eventsByStatus: z.record(z.string(), z.number().int()),
  coverage: z.object({
    eventsExactlyDated: coverage,
    eventsWithPlaces: coverage,
    eventsWithParticipants: coverage,
    citationsWithParagraph: coverage,
    legsWithDistance: coverage,
    actorsWithAliases: coverage,
    routesWithStatus: coverage,
  }),
  citations: z.number().int(),
});

export const TimelineOutput = page(EventOut).extend({
  datasets: z.array(z.string()).describe("the dataset of each item, in the same order"),
});

const DensityLaneOut = z.object({
  key: z.string().describe("the event kind, actor id or dataset"),
  total: z.number().int(),
  counts: z.array(z.number().int()).describe("events per bin"),
});

export const TimelineWindowOutput = z.object({
  startDay: z.number().int().describe("the first bin's first day, in days since 1970-01-01"),
  binDays: z.number().int().describe("days per bin (a power of two)"),
  bins: z.number().int(),
  start: z.number().describe("the first bin's start, epoch ms"),
  end: z.number().describe("the last bin's end, epoch ms"),
  total: z
    .number()
    .int()
    .describe("events of the filter anchored in the bins (the middle of their date span)"),
  undated: z.number().int().describe("events of the filter open at both ends, in no bin"),
  lanes: z.array(DensityLaneOut.extend({ label: z.string() })),
  datasets: z.array(DensityLaneOut).describe("the same counts per dataset"),
  events: z
    .array(
      z.object({
        id: z.string(),
        title: z.string(),
        kind: EventKindSchema,
        status: EpistemicStatusSchema,
        date: z.string(),
        label: z.string().describe("the date in words"),
        fuzzy: z.boolean(),
        min: z.number().nullable().describe("earliest instant, epoch ms (null: open)"),
        max: z.number().nullable().describe("latest instant, epoch ms (null: open)"),
        lanes: z.array(z.string()).describe("the lanes the event is drawn in"),
        dataset: z.string(),
      }),
    )
    .nullable()
    .describe("the window's events in timeline order (see scope); null when more than eventLimit"),
  scope: z
    .enum(["overlapping", "anchored"])
    .nullable()
    .describe(
      "overlapping: every event reaching into the window; anchored: only those counted in its bins (long spans reaching in from elsewhere left out, there being more than eventLimit with them); null with no events",
    ),
});

export const PromoteInput = z.strictObject({
  id: IdSchema.describe("the imported event"),
  newId: IdSchema.optional().describe(
    "the curated event's id (default: the imported id without its dataset prefix)",
  ),
});

export const PromoteOutput = z.object({
  id: z.string().describe("the curated event's id"),
  files: z
    .array(z.object({ path: z.string(), text: z.string() }))
    .describe("YAML files for a data directory: events/…, and sources/, actors/, places/ as needed"),
  renamed: z.record(z.string(), z.string()).describe("imported id → curated id"),
});

export const DatasetsOutput = z.array(
  z.object({
    name: z.string(),
    origin: z
      .enum(["load", "import"])
      .describe("load: YAML data (built-in, a directory); import: an importer's"),
    format: z.string().nullable().describe("for imports: gdelt, ftm or csv"),
    counts: KindCounts,
    importedAt: z.string().nullable(),
  }),
);

export const EventDetailOutput = z.object({
  event: EventOut,
  dataset: z.string().describe("the dataset that defines the event (built-in, a data directory, an import)"),
  participants: z.array(
    z.object({ actor: ActorRefSchema, role: ParticipantRoleSchema, note: z.string().nullable() }),
  ),
  claimedBy: ActorRefSchema.nullable(),
  places: z.array(PlaceRefSchema),
  routes: z.array(RefSchema),
  links: z.array(
    z.object({
      type: z.string(),
      id: z.string(),
      event: EventSummarySchema.nullable(),
      note: z.string().nullable(),
    }),
  ),
  linkedFrom: z.array(z.object({ type: z.string(), event: EventSummarySchema })),
  deals: z.array(RefSchema),
  assessments: z.array(AssessmentSchema),
});

export const ActorListOutput = page(ActorOut).extend({
  datasets: z.array(z.string()).describe("the dataset of each item, in the same order"),
});

export const ActorProfileOutput = z.object({
  actor: ActorOut,
  dataset: z.string().describe("the dataset that defines the actor (built-in, a data directory, an import)"),
  roles: z.array(
    RoleOut.extend({ ofName: z.string().nullable(), start: nullableNumber, end: nullableNumber }),
  ),
  relations: z.array(
    z.object({
      relation: RelationOut,
      direction: z.enum(["out", "in"]),
      directed: z.boolean(),
      label: z.string(),
      other: ActorRefSchema,
    }),
  ),
  eventsByRole: z.array(
    z.object({
      role: z.union([ParticipantRoleSchema, z.literal("claimant")]),
      total: z.number().int(),
      events: z.array(EventSummarySchema),
    }),
  ),
  eventsTotal: z.number().int(),
  routes: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      cargo: CargoSchema,
      kind: RouteKindSchema,
      how: z.array(z.string()),
    }),
  ),
  deals: z.array(z.object({ id: z.string(), title: z.string(), date: z.string(), as: z.array(z.string()) })),
  assessments: z.array(AssessmentSchema),
  relationsTotal: z.number().int(),
  routesTotal: z.number().int(),
  dealsTotal: z.number().int(),
  assessmentsTotal: z.number().int(),
});

export const PlaceListOutput = page(PlaceSchema);

export const PlaceDetailOutput = z.object({
  place: PlaceSchema,
  events: z.array(EventSummarySchema),
  eventsTotal: z.number().int(),
  routes: z.array(
    z.object({ id: z.string(), name: z.string(), cargo: CargoSchema, legs: z.array(z.number().int()) }),
  ),
});

export const GraphEdgeSchema = z.object({
  id: z.string(),
  type: z.union([RelationTypeSchema, z.literal("shared-events")]),
  from: z.string(),
  to: z.string(),
  directed: z.boolean(),
  weight: z.number().int(),
  sharedEvents: z.array(z.string()),
  when: z.string().nullable(),
  relation: z.string().nullable(),
});

export const GraphOutput = z.object({
  nodes: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: ActorKindSchema.nullable(),
      country: z.string().nullable(),
      degree: z.number().int(),
      hops: z.number().int().nullable(),
    }),
  ),
  edges: z.array(GraphEdgeSchema),
  totalEdges: z.number().int().describe("edges before the maxEdges cap"),
  truncated: z.boolean(),
  totalNodes: z.number().int().describe("actors before the maxNodes cap"),
  nodesTruncated: z.boolean(),
});

export const PathOutput = z.object({
  found: z.boolean(),
  actors: z.array(z.object({ id: z.string(), name: z.string() })),
  steps: z.array(
    z.object({ from: z.string(), to: z.string(), edge: GraphEdgeSchema, reversed: z.boolean() }),
  ),
  length: z.number().int().nullable(),
});

const RouteStatusOrUnknown = z.union([RouteStatusSchema, z.literal("unknown")]);

export const RouteDistanceSchema = z.object({
  sourcedKm: z.number(),
  knownLegs: z.number().int(),
  unknownLegs: z.number().int(),
  hasUnknownLeg: z.boolean(),
});

export const RouteListOutput = z.object({
  at: z.string(),
  items: z.array(
    z.object({
      route: RouteOut,
      status: RouteStatusOrUnknown,
      statusNote: z.string().nullable(),
      distance: RouteDistanceSchema,
    }),
  ),
});

const BlockerOut = StatusPeriodSchema.shape.blockers;
const ConditionOut = StatusPeriodSchema.shape.conditions;

export const RouteDetailOutput = z.object({
  route: RouteOut,
  legs: z.array(
    z.object({
      index: z.number().int(),
      from: PlaceRefSchema,
      to: PlaceRefSchema,
      mode: TransportModeSchema,
      km: nullableNumber,
      distance: z
        .object({ km: z.number(), note: z.string().optional(), citations: CitationsSchema })
        .nullable(),
      note: z.string().nullable(),
    }),
  ),
  distance: RouteDistanceSchema,
  at: z.string(),
  current: z.object({
    status: RouteStatusOrUnknown,
    periodIndex: z.number().int().nullable(),
    period: StatusPeriodOut.nullable(),
  }),
  history: z.array(
    z.object({
      index: z.number().int(),
      status: RouteStatusSchema,
      when: z.string(),
      start: nullableNumber,
      end: nullableNumber,
      note: z.string().nullable(),
      blockers: BlockerOut,
      conditions: ConditionOut,
      events: z.array(z.string()),
      citations: CitationsSchema,
    }),
  ),
  blockers: BlockerOut,
  conditions: ConditionOut,
  stops: z.array(PlaceRefSchema),
  events: z.array(EventSummarySchema),
  actors: z.array(ActorRefSchema),
});

export const RouteCompareOutput = z.object({
  cargo: CargoSchema,
  at: z.string(),
  rows: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: RouteKindSchema,
      cargo: CargoSchema,
      status: RouteStatusOrUnknown,
      statusNote: z.string().nullable(),
      modes: z.array(TransportModeSchema),
      stops: z.array(PlaceRefSchema),
      distance: RouteDistanceSchema,
      legCount: z.number().int(),
      blockers: z.number().int(),
      conditions: z.number().int(),
      actors: z.array(z.string()),
    }),
  ),
});

export const DealListOutput = z.object({
  items: z.array(DealOut),
  total: z.number().int().describe("items in the whole list"),
  nextCursor: z.string().nullable().describe("cursor of the next page; null on the last"),
});

export const LedgerEntrySchema = z.object({
  deal: z.string(),
  dealTitle: z.string(),
  index: z.number().int(),
  by: z.string(),
  to: z.string(),
  kind: ConcessionKindSchema,
  what: z.string(),
  delivery: DeliverySchema,
  date: z.string(),
  amount: z.object({ value: z.number(), unit: z.string(), counts: z.string() }).nullable(),
  events: z.array(z.string()),
  citations: CitationsSchema,
});

export const RunningTotalSchema = z.object({
  by: z.string(),
  measure: z.string(),
  unit: z.string(),
  counts: z.string(),
  given: z.number(),
  promised: z.number(),
  notDelivered: z.number(),
  points: z.array(
    z.object({
      date: z.string(),
      deal: z.string(),
      index: z.number().int(),
      delivery: DeliverySchema,
      value: z.number(),
      given: z.number(),
      promised: z.number(),
    }),
  ),
});

export const LedgerOutput = z.object({
  pairs: z.array(
    z.object({
      parties: z.tuple([z.string(), z.string()]),
      partyNames: z.tuple([z.string(), z.string()]),
      deals: z.array(z.string()),
      entries: z.array(LedgerEntrySchema),
      totals: z.array(RunningTotalSchema),
    }),
  ),
  total: z.number().int().describe("pairs in the whole ledger"),
  nextCursor: z.string().nullable().describe("cursor of the next page; null on the last"),
});

export const DealDetailOutput = z.object({
  deal: DealOut,
  parties: z.array(ActorRefSchema),
  brokers: z.array(ActorRefSchema),
  entries: z.array(LedgerEntrySchema),
  totals: z.array(RunningTotalSchema),
  events: z.array(EventSummarySchema),
  assessments: z.array(AssessmentSchema),
});

const TextStatus = z
  .enum(["loaded", "absent", "hash-mismatch", "no-hash"])
  .describe("whether the source text was supplied (DEALMAP_SOURCES) and its SHA-256 matched");

export const SourceListOutput = z.object({
  items: z.array(z.object({ source: SourceOut, claims: z.number().int(), text: TextStatus })),
  total: z.number().int().describe("items in the whole list"),
  nextCursor: z.string().nullable().describe("cursor of the next page; null on the last"),
});

/** Words of a source's text to cite: the source, the paragraph and the selected span in it. */
export const SourceCiteInput = z.strictObject({
  id: IdSchema,
  paragraph: z.number().int().min(1).max(1_000_000).describe("the paragraph the words are in (1-based)"),
  start: z
    .number()
    .int()
    .min(0)
    .max(16_777_216)
    .describe("where the selected words start, as a JavaScript string offset in the paragraph"),
  end: z
    .number()
    .int()
    .min(0)
    .max(16_777_216)
    .describe("where they end (exclusive); the span is grown to whole words"),
});

/** A citation by quote of those words, told apart from every other place they occur in the text. */
export const SourceCiteOutput = z.object({
  source: z.string(),
  paragraph: z.number().int(),
  span: z.tuple([z.number().int(), z.number().int()]),
  quote: z.string(),
  prefix: z.string().optional(),
  suffix: z.string().optional(),
  /** How many places of the whole text hold the same words. */
  occurrences: z.number().int(),
  /** Whether quote, prefix and suffix anchor to this place alone (the loader's rule). */
  unique: z.boolean(),
});

export const SourceDetailOutput = z.object({
  source: SourceOut,
  text: TextStatus,
  claimsTotal: z.number().int(),
  paragraphs: z.array(
    z.object({
      paragraph: z.number().int().nullable(),
      text: z.string().nullable(),
      claims: z.array(
        z.object({
          kind: z.string(),
          id: z.string(),
          label: z.string(),
          path: z.string(),
          field: z.string(),
          citation: CitationSchema,
          passage: z.string().nullable(),
        }),
      ),
    }),
  ),
  assessments: z.array(AssessmentSchema),
});

export const SearchHitSchema = z.object({
  kind: SearchKindSchema,
  id: z.string(),
  label: z.string(),
  score: z.number(),
  matched: z.string().describe("the name or text that matched (extra field, beyond kind/id/label/score)"),
});

export const SearchOutput = z.object({ hits: z.array(SearchHitSchema) });

export const EntityProvenanceOutput = z.object({
  id: z.string().describe("the entity's id (an id merged away gives the one it was merged into)"),
  kind: z.enum(["source", "actor", "place", "event", "route", "relation", "deal", "assessment"]),
  datasets: z
    .array(z.string())
    .describe("datasets that gave it values, the defining one first; empty when only one did"),
  values: z
    .array(z.object({ path: z.string(), dataset: z.string() }))
    .describe("values another dataset added: field path in the entity, and the dataset"),
  disputes: z
    .array(
      z.object({
        field: z.string(),
        value: z.unknown(),
        dataset: z.string(),
        note: z.string().optional(),
        citations: z.array(CitationSchema),
      }),
    )
    .describe("facts another dataset disputes; the entity keeps the defining dataset's value"),
  mergedFrom: z.array(z.string()).describe("ids of records merged into this entity by same-as statements"),
  mergedNames: z
    .array(z.object({ name: z.string(), dataset: z.string(), from: z.string() }))
    .describe(
      "names an imported actor merged into this one (accepted same-as) gave and it does not list; search finds it by them",
    ),
  mergedCitations: z
    .array(
      z.object({
        dataset: z.string(),
        from: z.string(),
        name: z.string().describe("the imported record's name or title"),
        citations: z.array(CitationSchema),
      }),
    )
    .describe(
      "the citations an imported record merged into this one (accepted same-as) gave: what the import cites for it",
    ),
});

export const EntityOutput = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("source"), entity: SourceOut }),
  z.object({ kind: z.literal("actor"), entity: ActorOut }),
  z.object({ kind: z.literal("place"), entity: PlaceSchema }),
  z.object({ kind: z.literal("event"), entity: EventOut }),
  z.object({ kind: z.literal("route"), entity: RouteOut }),
  z.object({ kind: z.literal("relation"), entity: RelationOut }),
  z.object({ kind: z.literal("deal"), entity: DealOut }),
  z.object({ kind: z.literal("assessment"), entity: AssessmentSchema }),
]);

export const AssessmentListOutput = z.object({
  items: z.array(AssessmentSchema),
  total: z.number().int().describe("items in the whole list"),
  nextCursor: z.string().nullable().describe("cursor of the next page; null on the last"),
});

export const EntityManyOutput = z.object({
  items: z.array(EntityOutput).describe("the entities found, in the order asked"),
  datasets: z.array(z.string()).describe("the dataset of each item (datasets[i] is items[i]'s)"),
  missing: z.array(z.string()).describe("ids asked for that name no entity"),
});
