/**
 * The in-memory store: indexes built once over a validated dataset (by id, by kind, events in
 * timeline order with posting lists per actor/place/route/kind/status, actor → relations,
 * citations by source, the actor graph, the search index), then every query reads them.
 */
import { createHash } from "node:crypto";
import { BUILTIN_DATASET } from "@dealmap/dataset";
import {
  type Actor,
  type ActorGraph,
  type ActorPath,
  type Assessment,
  actorGraph,
  boundsOf,
  buildGraphIndex,
  buildTimelineIndex,
  type CitingClaim,
  citationsBySource,
  citedPassage,
  compareRoutes,
  type Dataset,
  type DatasetStats,
  type Deal,
  datasetStats,
  dealLedger,
  ENTITY_KINDS,
  type EntityKind,
  type GraphIndex,
  type GraphOptions,
  groupByParagraph,
  isDirected,
  type LedgerPair,
  ledgerEntries,
  type Place,
  type PlaceRef,
  type Provenance,
  queryTimeline,
  RELATION_TYPES,
  type RelationType,
  type Route,
  type RouteComparisonRow,
  routeDetail,
  routeDistance,
  routeStatusAt,
  runningTotals,
  SINGULAR,
  type StoryEvent,
  shortestPath,
  splitParagraphs,
  TimelineCursorError,
  type TimelineEntry,
  type TimelineFilter,
  type TimelineIndex,
  type TimelineResult,
  timelineDensity,
  UnknownActorError,
  windowEvents,
} from "@dealmap/domain";
import { ledgerKey, pageOf as listPage, type PageOf, type PageRequest } from "../paging.ts";
import { buildStoreSearchIndex, runSearch, type SearchIndexLike } from "./search.ts";
import {
  type ActorListFilter,
  type ActorProfile,
  type ActorRef,
  type AssessmentFilter,
  type DatasetInfo,
  type DealDetail,
  type EntityKindName,
  type EntityProvenance,
  type EntityRef,
  type EventDetail,
  type EventSummary,
  type Paged,
  type PageInput,
  type PlaceDetail,
  type PlaceListFilter,
  type ProfileRelation,
  type RouteDetailOut,
  type RouteListItem,
  type SearchHitOut,
  type SearchKindName,
  type SourceDetail,
  type SourceListItem,
  type SourceTextStatus,
  type Store,
  StoreBadInputError,
  StoreNotFoundError,
  type TimelineWindowResult,
  type WindowOptions,
} from "./types.ts";

/**
 * Source texts: raw texts by source id (used only when the SHA-256 matches the source's
 * `textSha256`), or the result of @dealmap/dataset's `loadSourceTexts` (paragraphs of texts
 * whose hash it already checked).
 */
export type SourceTextInput =
  | ReadonlyMap<string, string>
  | Readonly<Record<string, string>>
  | { texts: ReadonlyMap<string, readonly string[]>; warnings?: readonly SourceTextWarning[] };

/** A source text that was skipped or not used, with a one-line message. */
interface SourceTextWarning {
  sourceId?: string;
  message: string;
}

export interface MemoryStoreOptions {
  sourceTexts?: SourceTextInput;
  /** Where the merged entities' values came from (the loader's `provenance`). */
  provenance?: Provenance;
  /** The datasets loaded, in order (default: the built-in data alone). */
  datasets?: readonly string[];
  /** The dataset defining each entity, for those not of the first dataset (see `ownersOf`). */
  owners?: ReadonlyMap<string, string>;
}

/**
 * The dataset defining each entity, from a load's parts (`LoadResult.parts()`): the first
 * dataset that holds the id. Only entities outside the first dataset are listed.
 */
export function ownersOf(parts: Record<string, { entities: Dataset }>): Map<string, string> {
  const owner = new Map<string, string>();
  const names = Object.keys(parts);
  for (const name of names)
    for (const list of Object.values(parts[name]?.entities ?? {}) as { id: string }[][])
      for (const e of list) if (!owner.has(e.id)) owner.set(e.id, name);
  for (const [id, name] of owner) if (name === names[0]) owner.delete(id);
  return owner;
}

/** Zero of every kind, in the schema's order. */
export function emptyCounts(): Record<EntityKind, number> {
  return Object.fromEntries(ENTITY_KINDS.map((k) => [k, 0])) as Record<EntityKind, number>;
}

function isChecked(
  input: SourceTextInput,
): input is { texts: ReadonlyMap<string, readonly string[]>; warnings?: readonly SourceTextWarning[] } {
  return !(input instanceof Map) && (input as { texts?: unknown }).texts instanceof Map;
}

const DEFAULT_PAGE = 50;

function pageOf<T extends { id: string }>(items: readonly T[], page: PageInput): Paged<T> {
  const limit = Math.max(1, Math.floor(page.limit ?? DEFAULT_PAGE));
  let start = 0;
  if (page.cursor !== undefined) {
    const i = items.findIndex((x) => x.id === page.cursor);
    if (i < 0) throw new StoreBadInputError("cursor", `"${page.cursor}" is not an item of this list`);
    start = i + 1;
  }
  const slice = items.slice(start, start + limit);
  const more = start + limit < items.length;
  return {
    items: slice,
    total: items.length,
    nextCursor: more ? (slice[slice.length - 1]?.id ?? null) : null,
  };
}

const finite = (n: number) => (Number.isFinite(n) ? n : null);

/** Hash of the dataset's content: stable key order is the schema's, so JSON is deterministic. */
export function datasetVersion(ds: Dataset): string {
  const h = createHash("sha256");
  for (const kind of ENTITY_KINDS) {
    h.update(kind);
    for (const e of ds[kind]) h.update(JSON.stringify(e));
  }
  return h.digest("hex").slice(0, 16);
}

/** The version a store over this data reports (the same on every engine, so ETags agree). */
export function storeVersion(ds: Dataset, provenance?: Provenance): string {
  // disputes live beside the dataset, so they are part of what a version names
  if (!provenance || Object.keys(provenance.disputes).length === 0) return datasetVersion(ds);
  return createHash("sha256")
    .update(datasetVersion(ds))
    .update(JSON.stringify(provenance.disputes))
    .digest("hex")
    .slice(0, 16);
}

export class MemoryStore implements Store {
  readonly version: string;
  readonly engine = "memory" as const;
  readonly dataset: Dataset;
  /** The datasets loaded, in order, and the one each entity belongs to. */
  private readonly datasetNames: string[];
  readonly datasetOf: (id: string) => string;
  private readonly byId = new Map<string, EntityRef>();
  private readonly timelineIndex: TimelineIndex;
  private readonly graphIndex: GraphIndex;
  private readonly citations: Map<string, CitingClaim[]>;
  /** Built on the first search: commands and pages that never search do not pay for it. */
  private searchIndexCache: SearchIndexLike | undefined;
  private readonly texts = new Map<
    string,
    { status: SourceTextStatus; paragraphs: readonly string[] | null }
  >();
  private readonly routesByActor = new Map<string, Map<string, Set<string>>>();
  private readonly routesByPlace = new Map<string, Map<string, number[]>>();
  private readonly dealsByActor = new Map<string, Map<string, Set<string>>>();
  private readonly dealsByEvent = new Map<string, string[]>();
  private readonly assessmentsAbout = new Map<string, Assessment[]>();
  private readonly linkedFrom = new Map<string, { type: string; from: string }[]>();
  /** actor → role → positions in the timeline ("claimant" for claimed events). */
  private readonly byActorRole = new Map<string, Map<string, number[]>>();
  private statsCache: DatasetStats | null = null;
  private readonly provenanceOf: Provenance;
  /** Entity id → the ids merged into it by same-as statements. */
  private readonly mergedFrom = new Map<string, string[]>();
  private readonly summaries = new WeakMap<StoryEvent, EventSummary>();

  constructor(dataset: Dataset, opts: MemoryStoreOptions = {}) {
    this.dataset = dataset;
    this.provenanceOf = opts.provenance ?? { datasets: {}, values: {}, disputes: {}, sameAs: {} };
    this.version = storeVersion(dataset, this.provenanceOf);
    for (const kind of ENTITY_KINDS) {
      const singular = SINGULAR[kind] as EntityKindName;
      for (const entity of dataset[kind]) {
        if (!this.byId.has(entity.id)) this.byId.set(entity.id, { kind: singular, entity } as EntityRef);
      }
    }
    // an id merged away by a same-as finds the entity it was merged into
    for (const [from, to] of Object.entries(this.provenanceOf.sameAs)) {
      const ref = this.byId.get(to);
      if (ref && !this.byId.has(from)) this.byId.set(from, ref);
      const list = this.mergedFrom.get(to);
      if (list) list.push(from);
      else this.mergedFrom.set(to, [from]);
    }
    this.datasetNames = [...(opts.datasets ?? [BUILTIN_DATASET])];
    const first = this.datasetNames[0] ?? BUILTIN_DATASET;
    const owners = opts.owners ?? new Map<string, string>();
    this.datasetOf = (id: string) => owners.get(id) ?? first;
    this.timelineIndex = buildTimelineIndex(dataset.events, this.datasetOf);
    this.graphIndex = buildGraphIndex(dataset);
    this.citations = citationsBySource(dataset);

    const mark = (map: Map<string, Map<string, Set<string>>>, actor: string, key: string, how: string) => {
      let m = map.get(actor);
      if (!m) {
        m = new Map();
        map.set(actor, m);
      }
      let s = m.get(key);
      if (!s) {
        s = new Set();
        m.set(key, s);
      }
      s.add(how);
    };
    for (const r of dataset.routes) {
      for (const a of r.actors) mark(this.routesByActor, a, r.id, "actor");
      r.statuses.forEach((s) => {
        for (const b of s.blockers) for (const a of b.actors) mark(this.routesByActor, a, r.id, "blocker");
        for (const c of s.conditions)
          for (const a of c.actors) mark(this.routesByActor, a, r.id, "condition");
      });
      r.legs.forEach((leg, i) => {
        for (const p of new Set([leg.from, leg.to])) {
          let m = this.routesByPlace.get(p);
          if (!m) {
            m = new Map();
            this.routesByPlace.set(p, m);
          }
          const l = m.get(r.id);
          if (l) l.push(i);
          else m.set(r.id, [i]);
        }
      });
    }
    for (const entry of this.timelineIndex.entries) {
      const e = entry.event;
      const add = (actor: string, role: string) => {
        let m = this.byActorRole.get(actor);
        if (!m) {
          m = new Map();
          this.byActorRole.set(actor, m);
        }
        const list = m.get(role);
        if (!list) m.set(role, [entry.pos]);
        else if (list[list.length - 1] !== entry.pos) list.push(entry.pos);
      };
      for (const p of e.participants) add(p.actor, p.role);
      if (e.claimedBy) add(e.claimedBy, "claimant");
    }
    for (const e of dataset.events) {
      for (const l of e.links) {
        const list = this.linkedFrom.get(l.event);
        if (list) list.push({ type: l.type, from: e.id });
        else this.linkedFrom.set(l.event, [{ type: l.type, from: e.id }]);
      }
      // events on a route tie their participants to it
      for (const r of e.routes) for (const p of e.participants) mark(this.routesByActor, p.actor, r, "event");
    }
    for (const d of dataset.deals) {
      for (const p of d.parties) mark(this.dealsByActor, p, d.id, "party");
      for (const b of d.brokers) mark(this.dealsByActor, b, d.id, "broker");
      for (const c of d.concessions) {
        mark(this.dealsByActor, c.by, d.id, "giver");
        mark(this.dealsByActor, c.to, d.id, "receiver");
        for (const ev of c.events) {
          const list = this.dealsByEvent.get(ev);
          if (!list) this.dealsByEvent.set(ev, [d.id]);
          else if (!list.includes(d.id)) list.push(d.id);
        }
      }
    }
    for (const a of dataset.assessments) {
      for (const x of new Set(a.about)) {
        const list = this.assessmentsAbout.get(x);
        if (list) list.push(a);
        else this.assessmentsAbout.set(x, [a]);
      }
    }
    this.loadTexts(opts.sourceTexts);
  }

  /** Source texts skipped or not used while loading (see `Store.loadWarnings`). */
  private readonly textWarnings: string[] = [];

  loadWarnings(): readonly string[] {
    return this.textWarnings;
  }

  private loadTexts(input: SourceTextInput | undefined) {
    if (input && isChecked(input)) {
      for (const w of input.warnings ?? []) this.textWarnings.push(w.message);
      for (const s of this.dataset.sources) {
        const paragraphs = input.texts.get(s.id);
        const mismatch = (input.warnings ?? []).some((w) => w.sourceId === s.id);
        this.texts.set(
          s.id,
          paragraphs
            ? { status: "loaded", paragraphs }
            : { status: mismatch ? "hash-mismatch" : "absent", paragraphs: null },
        );
      }
      return;
    }
    const supplied: ReadonlyMap<string, string> =
      input instanceof Map ? input : new Map(Object.entries((input ?? {}) as Record<string, string>));
    for (const s of this.dataset.sources) {
      const text = supplied.get(s.id);
      if (text === undefined) this.texts.set(s.id, { status: "absent", paragraphs: null });
      else if (!s.textSha256) this.texts.set(s.id, { status: "no-hash", paragraphs: null });
      else if (createHash("sha256").update(text, "utf8").digest("hex") !== s.textSha256)
        this.texts.set(s.id, { status: "hash-mismatch", paragraphs: null });
      else this.texts.set(s.id, { status: "loaded", paragraphs: splitParagraphs(text) });
    }
  }

  stats(): DatasetStats {
    this.statsCache ??= datasetStats(this.dataset);
    return this.statsCache;
  }

  /**
   * The summary of an event, made once per event and shared (frozen) by every answer that lists
   * it: the data never changes while a store lives.
   */
  private summary(e: StoryEvent): EventSummary {
    let s = this.summaries.get(e);
    if (s === undefined) {
      s = Object.freeze({
        id: e.id,
        title: e.title,
        date: e.date,
        kind: e.kind,
        status: e.status,
        dataset: this.datasetOf(e.id),
      });
      this.summaries.set(e, s);
    }
    return s;
  }

  datasetsOf(ids: readonly string[]): Map<string, string> {
    const out = new Map<string, string>();
    for (const id of ids) if (this.byId.has(id)) out.set(id, this.datasetOf(id));
    return out;
  }

  entity(id: string): EntityRef | undefined {
    return this.byId.get(id);
  }

  entities(ids: readonly string[]): (EntityRef | undefined)[] {
    return ids.map((id) => this.byId.get(id));
  }

  /** A value this store hands out unchanged on every call: frozen, so no caller can alter it. */
  private share<T extends object>(o: T): T {
    return Object.freeze(o);
  }

  provenance(id: string): EntityProvenance | undefined {
    const ref = this.byId.get(id);
    if (!ref) return undefined;
    const canonical = ref.entity.id;
    const p = this.provenanceOf;
    return {
      id: canonical,
      kind: ref.kind,
      datasets: p.datasets[canonical] ?? [],
      values: p.values[canonical] ?? [],
      disputes: (p.disputes[canonical] ?? []) as EntityProvenance["disputes"],
      mergedFrom: this.mergedFrom.get(canonical) ?? [],
      // merges inside loaded data join the names into the entity itself; only imports keep them apart
      mergedNames: [],
      mergedCitations: [],
    };
  }

  private expect(field: string, id: string, kind: EntityKindName): void {
    const got = this.byId.get(id);
    if (!got || got.kind !== kind) throw new StoreNotFoundError(field, id, kind);
  }

  private actorRef(id: string): ActorRef {
    const a = this.byId.get(id);
    return a?.kind === "actor"
      ? { id, name: a.entity.name, kind: a.entity.kind }
      : { id, name: id, kind: null };
  }

  private placeRef(id: string): PlaceRef {
    const p = this.byId.get(id);
    return p?.kind === "place"
      ? {
          id,
          name: p.entity.name,
          kind: p.entity.kind,
          country: p.entity.country,
          coordinates: p.entity.coordinates,
        }
      : { id, name: id, kind: null, country: null, coordinates: null };
  }

  private label(id: string): string {
    const e = this.byId.get(id)?.entity as { name?: string; title?: string } | undefined;
    return e?.name ?? e?.title ?? id;
  }

  private eventAt(pos: number): StoryEvent {
    return (this.timelineIndex.entries[pos] as TimelineEntry).event;
  }

  timeline(filter: TimelineFilter, page: PageInput): TimelineResult & { datasets: string[] } {
    for (const a of filter.actors ?? []) this.expect("actors", a, "actor");
    for (const p of filter.places ?? []) this.expect("places", p, "place");
    if (filter.route !== undefined) this.expect("route", filter.route, "route");
    try {
      // the index knows every event's dataset, so each page says them
      return queryTimeline(this.timelineIndex, filter, page) as TimelineResult & { datasets: string[] };
    } catch (err) {
      if (err instanceof TimelineCursorError) throw new StoreBadInputError("cursor", err.message);
      throw err;
    }
  }

  timelineWindow(filter: TimelineFilter, opts: WindowOptions): TimelineWindowResult {
    for (const a of filter.actors ?? []) this.expect("actors", a, "actor");
    for (const p of filter.places ?? []) this.expect("places", p, "place");
    if (filter.route !== undefined) this.expect("route", filter.route, "route");
    const density = timelineDensity(this.timelineIndex, filter, opts);
    const events = windowEvents(this.timelineIndex, filter, density, opts.eventLimit);
    if (!events) return { density, events: null, eventDatasets: [] };
    return {
      density,
      events: events.entries.map((e) => e.event),
      eventDatasets: events.entries.map((e) => e.dataset ?? ""),
      scope: events.scope,
    };
  }

  event(id: string): EventDetail | undefined {
    const ref = this.byId.get(id);
    if (ref?.kind !== "event") return undefined;
    const e = ref.entity;
    const ev = (eid: string) => {
      const r = this.byId.get(eid);
      return r?.kind === "event" ? this.summary(r.entity) : null;
    };
    return {
      event: e,
      dataset: this.datasetOf(e.id),
      participants: e.participants.map((p) => ({
        actor: this.actorRef(p.actor),
        role: p.role,
        note: p.note ?? null,
      })),
      claimedBy: e.claimedBy ? this.actorRef(e.claimedBy) : null,
      places: e.places.map((p) => this.placeRef(p)),
      routes: e.routes.map((r) => ({ id: r, label: this.label(r) })),
      links: e.links.map((l) => ({ type: l.type, id: l.event, event: ev(l.event), note: l.note ?? null })),
      linkedFrom: (this.linkedFrom.get(id) ?? []).flatMap((l) => {
        const s = ev(l.from);
        return s ? [{ type: l.type, event: s }] : [];
      }),
      deals: (this.dealsByEvent.get(id) ?? []).map((d) => ({ id: d, label: this.label(d) })),
      assessments: this.assessmentsAbout.get(id) ?? [],
    };
  }

  actors(filter: ActorListFilter): Paged<Actor> & { datasets: string[] } {
    const sets = filter.datasets?.length ? new Set(filter.datasets) : null;
    const items = this.dataset.actors.filter(
      (a) =>
        (filter.kind === undefined || a.kind === filter.kind) &&
        (filter.country === undefined || a.country === filter.country) &&
        (sets === null || sets.has(this.datasetOf(a.id))),
    );
    const page = pageOf(items, filter);
    return { ...page, datasets: page.items.map((a) => this.datasetOf(a.id)) };
  }

  /** The parts of a profile that depend on the actor alone, made once per actor and shared. */
  private readonly profileParts = new Map<
    string,
    Pick<ActorProfile, "roles" | "relations" | "routes" | "deals" | "assessments">
  >();

  private actorParts(id: string, actor: Actor) {
    let parts = this.profileParts.get(id);
    if (parts) return parts;
    const roles = actor.roles
      .map((r) => {
        const b = r.when ? boundsOf(r.when) : null;
        return {
          ...r,
          ofName: r.of ? this.label(r.of) : null,
          start: b ? finite(b.min) : null,
          end: b ? finite(b.max) : null,
          sortKey: b ? b.min : Infinity,
        };
      })
      .sort((a, b) => a.sortKey - b.sortKey)
      .map(({ sortKey: _, ...r }) => r);
    const relations: ProfileRelation[] = (this.graphIndex.relationsOf.get(id) ?? []).map((r) => {
      const out = r.from === id;
      const directed = isDirected(r.type);
      const label = RELATION_TYPES[r.type].label;
      return {
        relation: r,
        direction: out ? "out" : "in",
        directed,
        label: `${this.label(r.from)} ${label} ${this.label(r.to)}`,
        other: this.actorRef(out ? r.to : r.from),
      };
    });
    const routes = [...(this.routesByActor.get(id) ?? new Map<string, Set<string>>()).entries()].flatMap(
      ([rid, how]) => {
        const r = this.byId.get(rid);
        return r?.kind === "route"
          ? [{ id: rid, name: r.entity.name, cargo: r.entity.cargo, kind: r.entity.kind, how: [...how] }]
          : [];
      },
    );
    const deals = [...(this.dealsByActor.get(id) ?? new Map<string, Set<string>>()).entries()].flatMap(
      ([did, as]) => {
        const d = this.byId.get(did);
        return d?.kind === "deal"
          ? [{ id: did, title: d.entity.title, date: d.entity.date, as: [...as] }]
          : [];
      },
    );
    parts = {
      roles: this.share(roles),
      relations: this.share(relations),
      routes: this.share(routes),
      deals: this.share(deals),
      assessments: this.share([...(this.assessmentsAbout.get(id) ?? [])]),
    };
    this.profileParts.set(id, parts);
    return parts;
  }

  actorProfile(id: string, opts: { eventLimit?: number; listLimit?: number } = {}): ActorProfile | undefined {
    const ref = this.byId.get(id);
    if (ref?.kind !== "actor") return undefined;
    const actor = ref.entity;
    const eventLimit = opts.eventLimit ?? 100;
    const { roles, relations, routes, deals, assessments } = this.actorParts(id, actor);
    const positions = this.timelineIndex.byActor.get(id) ?? [];
    const eventsByRole = [...(this.byActorRole.get(id) ?? new Map<string, number[]>()).entries()]
      .map(([role, list]) => ({
        role: role as ActorProfile["eventsByRole"][number]["role"],
        total: list.length,
        events: list.slice(0, eventLimit).map((p) => this.summary(this.eventAt(p))),
      }))
      .sort((a, b) => b.total - a.total || (a.role < b.role ? -1 : 1));
    const listLimit = opts.listLimit ?? 100;
    return {
      actor,
      dataset: this.datasetOf(actor.id),
      roles,
      relations: relations.slice(0, listLimit),
      eventsByRole,
      eventsTotal: positions.length,
      routes: routes.slice(0, listLimit),
      deals: deals.slice(0, listLimit),
      assessments: assessments.slice(0, listLimit),
      relationsTotal: relations.length,
      routesTotal: routes.length,
      dealsTotal: deals.length,
      assessmentsTotal: assessments.length,
    };
  }

  private datasetInfo: DatasetInfo[] | undefined;
  datasets(): DatasetInfo[] {
    if (!this.datasetInfo) {
      const counts = new Map(this.datasetNames.map((n) => [n, emptyCounts()]));
      for (const kind of ENTITY_KINDS)
        for (const e of this.dataset[kind]) {
          const c = counts.get(this.datasetOf(e.id));
          if (c) c[kind]++;
        }
      this.datasetInfo = this.datasetNames.map((name) => ({
        name,
        origin: "load",
        format: null,
        counts: counts.get(name) as Record<EntityKind, number>,
        importedAt: null,
      }));
    }
    return this.datasetInfo;
  }

  places(filter: PlaceListFilter): Paged<Place> {
    const items = this.dataset.places.filter(
      (p) =>
        (filter.kind === undefined || p.kind === filter.kind) &&
        (filter.country === undefined || p.country === filter.country),
    );
    return pageOf(items, filter);
  }

  place(id: string, opts: { eventLimit?: number } = {}): PlaceDetail | undefined {
    const ref = this.byId.get(id);
    if (ref?.kind !== "place") return undefined;
    const positions = this.timelineIndex.byPlace.get(id) ?? [];
    const limit = opts.eventLimit ?? 100;
    return {
      place: ref.entity,
      events: positions.slice(0, limit).map((p) => this.summary(this.eventAt(p))),
      eventsTotal: positions.length,
      routes: [...(this.routesByPlace.get(id) ?? new Map<string, number[]>()).entries()].flatMap(
        ([rid, legs]) => {
          const r = this.byId.get(rid);
          return r?.kind === "route" ? [{ id: rid, name: r.entity.name, cargo: r.entity.cargo, legs }] : [];
        },
      ),
    };
  }

  graph(opts: GraphOptions): ActorGraph {
    if (opts.around !== undefined) this.expect("around", opts.around, "actor");
    return actorGraph(this.graphIndex, opts);
  }

  path(
    from: string,
    to: string,
    opts: { types?: RelationType[]; at?: string; viaSharedEvents?: boolean },
  ): ActorPath {
    this.expect("from", from, "actor");
    this.expect("to", to, "actor");
    try {
      return shortestPath(this.graphIndex, from, to, opts);
    } catch (err) {
      if (err instanceof UnknownActorError) throw new StoreNotFoundError(err.field, err.id, "actor");
      throw err;
    }
  }

  private placeMap(): Map<string, Place> {
    return new Map(this.dataset.places.map((p) => [p.id, p]));
  }

  routes(opts: { at: string; cargo?: Route["cargo"]; kind?: Route["kind"] }): RouteListItem[] {
    return this.dataset.routes
      .filter(
        (r) =>
          (opts.cargo === undefined || r.cargo === opts.cargo) &&
          (opts.kind === undefined || r.kind === opts.kind),
      )
      .map((route) => {
        const s = routeStatusAt(route, opts.at);
        return {
          route,
          status: s.status,
          statusNote: s.period?.note ?? null,
          distance: routeDistance(route),
        };
      });
  }

  route(id: string, at: string): RouteDetailOut | undefined {
    const ref = this.byId.get(id);
    if (ref?.kind !== "route") return undefined;
    const detail = routeDetail(ref.entity, this.placeMap(), at);
    const positions = this.timelineIndex.byRoute.get(id) ?? [];
    const fromStatuses = new Set(ref.entity.statuses.flatMap((s) => s.events));
    const events = positions.map((p) => this.eventAt(p));
    for (const eid of fromStatuses) {
      const e = this.byId.get(eid);
      if (e?.kind === "event" && !events.some((x) => x.id === eid)) events.push(e.entity);
    }
    return {
      ...detail,
      events: events.map((e) => this.summary(e)),
      actors: ref.entity.actors.map((a) => this.actorRef(a)),
    };
  }

  compareRoutes(cargo: Route["cargo"], at: string): RouteComparisonRow[] {
    return compareRoutes(this.dataset.routes, cargo, this.placeMap(), at);
  }

  deals(opts: { party?: string }, page: PageRequest = {}): PageOf<Deal> {
    if (opts.party !== undefined) this.expect("party", opts.party, "actor");
    const deals = this.dataset.deals.filter(
      (d) => opts.party === undefined || d.parties.includes(opts.party) || d.brokers.includes(opts.party),
    );
    return listPage(deals, (d) => d.id, page);
  }

  deal(id: string): DealDetail | undefined {
    const ref = this.byId.get(id);
    if (ref?.kind !== "deal") return undefined;
    const d = ref.entity;
    const entries = ledgerEntries([d]);
    const eventIds = new Set(d.concessions.flatMap((c) => c.events));
    const events = [...eventIds].flatMap((eid) => {
      const e = this.byId.get(eid);
      return e?.kind === "event" ? [this.summary(e.entity)] : [];
    });
    return {
      deal: d,
      parties: d.parties.map((p) => this.actorRef(p)),
      brokers: d.brokers.map((p) => this.actorRef(p)),
      entries,
      totals: runningTotals(entries),
      events,
      assessments: this.assessmentsAbout.get(id) ?? [],
    };
  }

  ledger(opts: { party?: string; with?: string }, page: PageRequest = {}): PageOf<LedgerPair> {
    if (opts.party !== undefined) this.expect("party", opts.party, "actor");
    if (opts.with !== undefined) this.expect("with", opts.with, "actor");
    const pairs =
      opts.party !== undefined && opts.with !== undefined
        ? dealLedger(this.dataset.deals, { pair: [opts.party, opts.with] })
        : dealLedger(this.dataset.deals, { party: opts.party ?? opts.with });
    return listPage(pairs, ledgerKey, page);
  }

  sources(): SourceListItem[] {
    return this.dataset.sources.map((source) => ({
      source,
      claims: this.citations.get(source.id)?.length ?? 0,
      text: this.texts.get(source.id)?.status ?? "absent",
    }));
  }

  source(id: string): SourceDetail | undefined {
    const ref = this.byId.get(id);
    if (ref?.kind !== "source") return undefined;
    const claims = this.citations.get(id) ?? [];
    const text = this.texts.get(id) ?? { status: "absent" as const, paragraphs: null };
    const paras = text.paragraphs;
    return {
      source: ref.entity,
      text: text.status,
      claimsTotal: claims.length,
      paragraphs: groupByParagraph(claims).map((g) => {
        const ptext = paras && g.paragraph !== null ? (paras[g.paragraph - 1] ?? null) : null;
        return {
          paragraph: g.paragraph,
          text: ptext,
          claims: g.claims.map((c) => ({
            ...c,
            passage: ptext === null ? null : citedPassage(ptext, c.citation.span),
          })),
        };
      }),
      assessments: this.dataset.assessments.filter((a) => a.source === id),
    };
  }

  assessments(filter: AssessmentFilter): Assessment[] {
    if (filter.about !== undefined && !this.byId.has(filter.about))
      throw new StoreNotFoundError("about", filter.about, "entity");
    if (filter.source !== undefined) this.expect("source", filter.source, "source");
    return this.dataset.assessments.filter(
      (a) =>
        (filter.about === undefined || a.about.includes(filter.about)) &&
        (filter.source === undefined || a.source === filter.source) &&
        (filter.topic === undefined || a.topic === filter.topic),
    );
  }

  search(q: string, opts: { limit?: number; kinds?: SearchKindName[] }): SearchHitOut[] {
    this.searchIndexCache ??= buildStoreSearchIndex(this.dataset);
    return runSearch(this.searchIndexCache, q, opts);
  }
}
