/**
 * The store interface: every read the routers need, in plain data. The in-memory store
 * implements it over a validated dataset; a SQLite or PostgreSQL store can implement the same
 * interface without touching the routers.
 */

import type {
  Actor,
  ActorGraph,
  ActorKind,
  ActorPath,
  Assessment,
  Cargo,
  Citation,
  CitingClaim,
  DatasetStats,
  Deal,
  DensityOptions,
  EntityKind,
  EpistemicStatus,
  EventKind,
  GraphOptions,
  LedgerEntry,
  LedgerPair,
  ParticipantRole,
  Place,
  PlaceKind,
  PlaceRef,
  Relation,
  RelationType,
  Role,
  Route,
  RouteComparisonRow,
  RouteDetail,
  RouteDistance,
  RouteKind,
  RouteStatus,
  RunningTotal,
  Source,
  StoryEvent,
  TimelineDensity,
  TimelineFilter,
  TimelineResult,
  WindowScope,
} from "@dealmap/domain";
import type { PageOf, PageRequest } from "../paging.ts";

/** Singular entity kinds, as `entity.get` and search report them. */
export type EntityKindName =
  | "source"
  | "actor"
  | "place"
  | "event"
  | "route"
  | "relation"
  | "deal"
  | "assessment";

export type EntityRef =
  | { kind: "source"; entity: Source }
  | { kind: "actor"; entity: Actor }
  | { kind: "place"; entity: Place }
  | { kind: "event"; entity: StoryEvent }
  | { kind: "route"; entity: Route }
  | { kind: "relation"; entity: Relation }
  | { kind: "deal"; entity: Deal }
  | { kind: "assessment"; entity: Assessment };

/** Where the values of one (merged) entity came from. */
export interface EntityProvenance {
  /** The entity's id (an id merged away by a same-as gives the id it was merged into). */
  id: string;
  kind: EntityKindName;
  /** Datasets that gave it values, the defining one first; empty when only one did. */
  datasets: string[];
  /** Values another dataset added: field path in the entity and the dataset. */
  values: { path: string; dataset: string }[];
  /** Facts another dataset disputes; the entity keeps the defining dataset's value. */
  disputes: { field: string; value: unknown; dataset: string; note?: string; citations: Citation[] }[];
  /** Ids of other datasets' records merged into this entity by same-as statements. */
  mergedFrom: string[];
  /**
   * Names an imported record merged into this actor (an accepted same-as) gave and the actor
   * does not list: search finds the actor by them. Each with its import and the merged id.
   */
  mergedNames: { name: string; dataset: string; from: string }[];
  /**
   * The citations imported records merged into this entity (accepted same-as) gave, each with
   * its import, the merged id and its name: what the import cites for it.
   */
  mergedCitations: { dataset: string; from: string; name: string; citations: Citation[] }[];
}

/** A short reference to an entity, for lists inside other answers. */
export interface Ref {
  id: string;
  label: string;
}

export interface ActorRef {
  id: string;
  name: string;
  kind: ActorKind | null;
}

export interface EventSummary {
  id: string;
  title: string;
  date: string;
  kind: EventKind;
  status: EpistemicStatus;
  /** The dataset the event belongs to (built-in, a loaded directory's, an import's). */
  dataset: string;
}

export interface Paged<T> {
  items: T[];
  total: number;
  nextCursor: string | null;
}

/** A dataset the store holds: loaded (YAML) or imported, with its entities per kind. */
export interface DatasetInfo {
  name: string;
  origin: "load" | "import";
  format: string | null;
  counts: Record<EntityKind, number>;
  importedAt: string | null;
}

/** A timeline window: its density, and its events when they are few enough to draw one by one. */
export interface WindowOptions extends DensityOptions {
  /** Give the events overlapping the window when there are at most this many. */
  eventLimit: number;
}

export interface TimelineWindowResult {
  density: TimelineDensity;
  /** The window's events in timeline order (see `scope`); null when over `eventLimit`. */
  events: StoryEvent[] | null;
  /** The dataset of each of `events`, in the same order. */
  eventDatasets: string[];
  /** Which events `events` holds (see `windowEvents` of @dealmap/domain); absent when none. */
  scope?: WindowScope;
}

export interface PageInput {
  cursor?: string;
  limit?: number;
}

export interface ProfileRole extends Role {
  ofName: string | null;
  /** Bounds of `when` in epoch ms (null when open or absent). */
  start: number | null;
  end: number | null;
}

export interface ProfileRelation {
  relation: Relation;
  /** "out" when the actor is `from`, "in" when it is `to`. */
  direction: "out" | "in";
  directed: boolean;
  /** The relation as a sentence with names, from → to, e.g. "John Coale envoy of United States". */
  label: string;
  other: ActorRef;
}

export interface ActorProfile {
  actor: Actor;
  /** The dataset that defines the actor. */
  dataset: string;
  /** Roles over time, earliest first (undated roles last). */
  roles: ProfileRole[];
  relations: ProfileRelation[];
  /** Events grouped by the actor's role in them ("claimant" for events it claims). */
  eventsByRole: { role: ParticipantRole | "claimant"; total: number; events: EventSummary[] }[];
  eventsTotal: number;
  routes: { id: string; name: string; cargo: Cargo; kind: RouteKind; how: string[] }[];
  deals: { id: string; title: string; date: string; as: string[] }[];
  assessments: Assessment[];
  /** How many of each there are: the lists above hold at most `listLimit` (default 100). */
  relationsTotal: number;
  routesTotal: number;
  dealsTotal: number;
  assessmentsTotal: number;
}

export interface EventDetail {
  event: StoryEvent;
  /** The dataset that defines the event. */
  dataset: string;
  participants: { actor: ActorRef; role: ParticipantRole; note: string | null }[];
  claimedBy: ActorRef | null;
  places: PlaceRef[];
  routes: Ref[];
  /** Links this event makes to others. */
  links: { type: string; event: EventSummary | null; id: string; note: string | null }[];
  /** Links other events make to this one. */
  linkedFrom: { type: string; event: EventSummary }[];
  deals: Ref[];
  assessments: Assessment[];
}

export interface PlaceDetail {
  place: Place;
  events: EventSummary[];
  eventsTotal: number;
  routes: { id: string; name: string; cargo: Cargo; legs: number[] }[];
}

export interface RouteListItem {
  route: Route;
  status: RouteStatus | "unknown";
  statusNote: string | null;
  distance: RouteDistance;
}

export interface RouteDetailOut extends RouteDetail {
  events: EventSummary[];
  actors: ActorRef[];
}

export interface DealDetail {
  deal: Deal;
  parties: ActorRef[];
  brokers: ActorRef[];
  entries: LedgerEntry[];
  totals: RunningTotal[];
  events: EventSummary[];
  assessments: Assessment[];
}

export type SourceTextStatus = "loaded" | "absent" | "hash-mismatch" | "no-hash";

export interface SourceListItem {
  source: Source;
  claims: number;
  text: SourceTextStatus;
}

export interface SourceClaim extends CitingClaim {
  /** The cited passage (span or whole paragraph) when the text is loaded; else null. */
  passage: string | null;
}

export interface SourceDetail {
  source: Source;
  text: SourceTextStatus;
  claimsTotal: number;
  paragraphs: { paragraph: number | null; text: string | null; claims: SourceClaim[] }[];
  assessments: Assessment[];
}

export type SearchKindName = "actor" | "place" | "event" | "route" | "deal" | "source";

export interface SearchHitOut {
  kind: SearchKindName;
  id: string;
  label: string;
  score: number;
  matched: string;
}

export interface ActorListFilter extends PageInput {
  kind?: ActorKind;
  country?: string;
  /** Actors defined by any of these datasets. */
  datasets?: string[];
}

export interface PlaceListFilter extends PageInput {
  kind?: PlaceKind;
  country?: string;
}

export interface AssessmentFilter {
  about?: string;
  source?: string;
  topic?: Assessment["topic"];
}

/** A value now (the in-memory store) or later (the database stores). */
export type Awaitable<T> = T | Promise<T>;

/** Which implementation a store is. */
export type StoreEngine = "memory" | "sqlite" | "postgres";

export interface Store {
  /** Content hash of the loaded data: changes whenever the data does (used for ETags). */
  readonly version: string;
  readonly engine: StoreEngine;
  stats(): Awaitable<DatasetStats>;
  entity(id: string): Awaitable<EntityRef | undefined>;
  /** `entity` of each id, in the order given (undefined where the store holds none). */
  entities(ids: readonly string[]): Awaitable<(EntityRef | undefined)[]>;
  /** The dataset of each of these ids the store holds (ids it does not hold are left out). */
  datasetsOf(ids: readonly string[]): Awaitable<Map<string, string>>;
  /** Throws StoreNotFoundError for an unknown cursor or id in a filter. */
  timeline(filter: TimelineFilter, page: PageInput): Awaitable<TimelineResult & { datasets: string[] }>;
  /**
   * A window of the filtered timeline (its `from`/`to` are ignored): counts per time bin, per
   * lane and per dataset (see `timelineDensity` of @dealmap/domain, whose answer every store
   * gives), and the window's events when at most `eventLimit`. Throws StoreNotFoundError for an
   * unknown id in the filter.
   */
  timelineWindow(filter: TimelineFilter, opts: WindowOptions): Awaitable<TimelineWindowResult>;
  event(id: string): Awaitable<EventDetail | undefined>;
  /** `datasets` says the dataset of each item, in the same order. */
  actors(filter: ActorListFilter): Awaitable<Paged<Actor> & { datasets: string[] }>;
  actorProfile(
    id: string,
    opts?: { eventLimit?: number; listLimit?: number },
  ): Awaitable<ActorProfile | undefined>;
  places(filter: PlaceListFilter): Awaitable<Paged<Place>>;
  place(id: string, opts?: { eventLimit?: number }): Awaitable<PlaceDetail | undefined>;
  graph(opts: GraphOptions): Awaitable<ActorGraph>;
  path(
    from: string,
    to: string,
    opts: { types?: RelationType[]; at?: string; viaSharedEvents?: boolean },
  ): Awaitable<ActorPath>;
  routes(opts: { at: string; cargo?: Cargo; kind?: RouteKind }): Awaitable<RouteListItem[]>;
  route(id: string, at: string): Awaitable<RouteDetailOut | undefined>;
  compareRoutes(cargo: Cargo, at: string): Awaitable<RouteComparisonRow[]>;
  /**
   * Deals a party or broker took part in (all without `party`), in dataset order: the page after
   * `cursor` (a deal's id) of at most `limit`, or the whole list without them, with the total.
   */
  deals(opts: { party?: string }, page?: PageRequest): Awaitable<PageOf<Deal>>;
  deal(id: string): Awaitable<DealDetail | undefined>;
  /**
   * The ledger's pairs (those with `party`, or the pair of `party` and `with`), most
   * concessions first: the page after `cursor` (a pair's parties joined by "|") of at most
   * `limit`, or every pair without them, with the total.
   */
  ledger(opts: { party?: string; with?: string }, page?: PageRequest): Awaitable<PageOf<LedgerPair>>;
  sources(): Awaitable<SourceListItem[]>;
  source(id: string): Awaitable<SourceDetail | undefined>;
  /** The datasets, loaded first, then imports, in the order they came. */
  datasets(): Awaitable<DatasetInfo[]>;
  assessments(filter: AssessmentFilter): Awaitable<Assessment[]>;
  /**
   * Where an entity's values came from: the datasets behind it (the defining one first; empty
   * when only that one), the values other datasets added, the facts they dispute, and the ids
   * merged into it. Follows an id merged away to its entity. Optional.
   */
  provenance?(id: string): Awaitable<EntityProvenance | undefined>;
  /**
   * What loading found but did not stop for (a source text whose hash differs, a text file
   * skipped): one line each, for a server to log once at start. Optional.
   */
  loadWarnings?(): readonly string[];
  search(q: string, opts: { limit?: number; kinds?: SearchKindName[] }): Awaitable<SearchHitOut[]>;
  /**
   * Check whether the data changed under the store (another process loaded into its database)
   * and pick up the new version. Optional: a store whose data cannot change has none.
   */
  refresh?(): Promise<void>;
  /** Release connections and files. Optional. */
  close?(): Promise<void>;
}

/**
 * A lookup named an id that is not there. Stores throw plain errors like this one; the router
 * maps them to tRPC codes in one place (`trpc.ts`), and tRPC's codes map to HTTP statuses.
 */
export class StoreNotFoundError extends Error {
  constructor(
    readonly field: string,
    readonly id: string,
    readonly expected: string,
  ) {
    super(`${field}: no ${expected} with id "${id}"`);
    this.name = "StoreNotFoundError";
  }
}

/** A bad value the schemas cannot see (an unknown cursor). */
export class StoreBadInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = "StoreBadInputError";
  }
}
