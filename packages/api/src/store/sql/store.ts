/**
 * The database store: the same answers as the in-memory store, read from SQLite or PostgreSQL
 * through Kysely. The hot paths (timeline pages, profiles, lookups, search) are queries on the
 * tables; the small collections (routes, deals) and the network are read and handed to the
 * same domain functions the in-memory store uses, so there is one ranking, one route status
 * and one ledger. Every answer reads one snapshot (a read transaction), so a load committing
 * meanwhile is seen wholly or not at all.
 */
import {
  ACTOR_LANES,
  type Actor,
  type ActorGraph,
  type ActorPath,
  type Assessment,
  actorGraph,
  binsFor,
  boundsOf,
  type Cargo,
  type CitingClaim,
  citedPassage,
  compareRoutes,
  DAY_MS,
  type DatasetStats,
  type Deal,
  type DensityBins,
  type DensityLane,
  dealLedger,
  densityLevel,
  ENTITY_KINDS,
  type EntityKind,
  type GraphIndex,
  GraphIndexBuilder,
  type GraphOptions,
  groupByParagraph,
  isDirected,
  isoDayOf,
  type LedgerPair,
  lastDayOf,
  ledgerEntries,
  type Place,
  type PlaceRef,
  RELATION_TYPES,
  type Relation,
  type RelationType,
  type Route,
  type RouteComparisonRow,
  type RouteKind,
  routeDetail,
  routeDistance,
  routeStatusAt,
  runningTotals,
  SINGULAR,
  SPAN_CAPS,
  type StoryEvent,
  shortestPath,
  type TimelineDensity,
  type TimelineFilter,
  type TimelineResult,
  UnknownActorError,
  windowOf,
} from "@dealmap/domain";
import { type Kysely, type RawBuilder, type SqlBool, sql, type Transaction } from "kysely";
import { ledgerKey, type PageOf, type PageRequest, pageOf } from "../../paging.ts";
import type {
  ActorListFilter,
  ActorProfile,
  ActorRef,
  AssessmentFilter,
  DatasetInfo,
  DealDetail,
  EntityKindName,
  EntityProvenance,
  EntityRef,
  EventDetail,
  EventSummary,
  Paged,
  PageInput,
  PlaceDetail,
  PlaceListFilter,
  ProfileRelation,
  RouteDetailOut,
  RouteListItem,
  SearchHitOut,
  SearchKindName,
  SourceDetail,
  SourceListItem,
  SourceTextStatus,
  Store,
  StoreEngine,
  TimelineWindowResult,
  WindowOptions,
} from "../types.ts";
import { StoreBadInputError, StoreNotFoundError } from "../types.ts";
import { DatabaseUnavailableError, isUnavailable, type OpenedDatabase, openDatabase } from "./engine.ts";
import type { Database } from "./schema.ts";
import { searchSql } from "./search.ts";
import { datasetEntries } from "./write.ts";

type Db = Kysely<Database> | Transaction<Database>;

const DEFAULT_PAGE = 50;
const finite = (n: number) => (Number.isFinite(n) ? n : null);
const PLURAL: Record<string, string> = {
  source: "sources",
  actor: "actors",
  place: "places",
  route: "routes",
  relation: "relations",
  deal: "deals",
  assessment: "assessments",
};

/** The whole network above this many actor–event rows is not built in memory (pass `around`). */
const WHOLE_GRAPH_LIMIT = 2_000_000;
/**
 * Rows read at a time by the long reads of kept answers (see `paged`): over 1M events, pages of
 * 5,000 held requests for up to 0.1 s each (parsing them), pages of 2,000 for 34 ms at most.
 */
const PAGE_ROWS = 2000;

interface TimedRow {
  cls: number;
  lo: number;
  hi: number;
  date: string;
  id: string;
}

function compareTimed(a: TimedRow, b: TimedRow): number {
  if (a.lo !== b.lo) return a.lo < b.lo ? -1 : 1;
  if (a.hi !== b.hi) return a.hi < b.hi ? -1 : 1;
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** An arm (a SELECT in timeline order by one index range) capped to its first `limit` rows. */
function cappedArm(arm: ReturnType<typeof sql>, limit: number, k: number): ReturnType<typeof sql> {
  return sql`SELECT * FROM (${arm} ORDER BY d.lo, d.hi, d.date, d.id LIMIT ${limit}) a${sql.raw(String(k))}`;
}

/** An error of the database's connection as the store's 503, any other as it is. */
function unavailable(err: unknown): unknown {
  return isUnavailable(err)
    ? new DatabaseUnavailableError(`the database is not reachable right now (${(err as Error).message})`)
    : err;
}

/**
 * `id IN (ids)` with the ids as one parameter, however many: a JSON array read by `json_each` on
 * SQLite, an array on PostgreSQL. Kysely's `in` makes a node and a placeholder per value (and
 * SQLite caps placeholders, hence chunks of 500 before). Over 1M synthetic events, the 865 event
 * summaries of the busiest actor's profile took 4.0 ms as raw SQL with placeholders and 2.7 ms
 * with `json_each`; the whole profile went from 14.2 to 13.1 ms (in-process medians).
 */
function idIn(engine: StoreEngine, ids: readonly string[], column = "id"): RawBuilder<SqlBool> {
  return engine === "sqlite"
    ? sql<SqlBool>`${sql.ref(column)} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`
    : sql<SqlBool>`${sql.ref(column)} = ANY(${[...ids]}::text[])`;
}

/**
 * The first `limit` rows of arms in timeline order: uncapped arms under one compound ORDER BY
 * (`merged`, SQLite's lazy merge), else capped arms under an outer ORDER BY (PostgreSQL's Merge
 * Append); `distinct` when arms may overlap.
 */
function orderedRows(
  arms: ReturnType<typeof sql>[],
  limit: number,
  { merged, distinct }: { merged: boolean; distinct: boolean },
): ReturnType<typeof sql<TimedRow>> {
  return merged
    ? sql<TimedRow>`${sql.join(arms, distinct ? sql` UNION ` : sql` UNION ALL `)} ORDER BY 1, 2, 3, 4 LIMIT ${limit}`
    : sql<TimedRow>`SELECT ${distinct ? sql`DISTINCT ` : sql``}* FROM (${sql.join(arms, sql` UNION ALL `)}) t ORDER BY lo, hi, date, id LIMIT ${limit}`;
}

/** A page's arms (see `pagedArms`): `merged` when uncapped, under one compound ORDER BY. */
interface PagedArms {
  arms: ReturnType<typeof sql>[];
  distinct: boolean;
  merged: boolean;
}

/** One dimension of a timeline filter as a table of (key, cls, lo, hi, date, id) rows. */
interface Dimension {
  table: "event_actors" | "event_places" | "event_routes" | "events";
  column: "actor" | "place" | "route" | "kind" | "status" | "dataset" | null;
  values: string[];
}

/** A pair of parties of the ledger, in its order: which deals to read for its entries. */
interface LedgerSlot {
  key: string;
  parties: [string, string];
  deals: string[];
  /** How many concessions the pair has (its entries). */
  entries: number;
}

/**
 * Answers that read a whole collection, kept for one data version: a new version drops them, and
 * past `size` keys the oldest answers are dropped together.
 */
class KeptAnswers<T> {
  private version: string | null = null;
  private readonly byKey = new Map<string, T>();

  constructor(private readonly size: number) {}

  async get(version: string, key: string, make: () => Promise<T>): Promise<T> {
    if (this.version !== version) {
      this.version = version;
      this.byKey.clear();
    }
    const kept = this.byKey.get(key);
    if (kept !== undefined) return kept;
    const answer = await make();
    if (this.version !== version) return answer;
    if (this.byKey.size >= this.size) this.byKey.clear();
    this.byKey.set(key, answer);
    return answer;
  }
}

/** Events counted per bin, kind and dataset; bin null: the undated (open at both ends). */
type BinnedRow = { b: number | null; kind: string; dataset: string; n: number };

/** A row of counts as the driver gives it (numbers may come as text: PostgreSQL's bigint, sum). */
const binnedRow = (r: BinnedRow): BinnedRow => ({
  b: r.b === null ? null : Number(r.b),
  kind: r.kind,
  dataset: r.dataset,
  n: Number(r.n),
});

export class SqlStore implements Store {
  version: string;
  readonly engine: StoreEngine;
  private readonly db: Kysely<Database>;
  private statsCache: DatasetStats | null = null;
  private warnings: string[] = [];
  private graphCache: { version: string; index: GraphIndex; withEvents: boolean } | null = null;
  /** The network index being built (see graphIndex), for the data version it was asked for. */
  private graphBuild: { version: string; run: Promise<{ index: GraphIndex; withEvents: boolean }> } | null =
    null;
  /** SQLite: a second connection for the long reads of the kept answers (see `aside`). */
  private sideConn: Promise<OpenedDatabase> | null = null;
  /** The `aside` reads running on it (it is closed when none is). */
  private sideUsers = 0;
  /** Rows per read of `paged` (SqlStore.open's `pageRows`; PAGE_ROWS by default). */
  private pageRows = PAGE_ROWS;
  /** Actor–event rows past which the network index holds no shared events (`graphRows`). */
  private graphRows = WHOLE_GRAPH_LIMIT;
  private lastCheck = 0;
  /**
   * Curated actor → the names of imported actors merged into it (accepted same-as statements)
   * that it does not list: the search reads them as its aliases.
   */
  private mergedNames = new Map<string, string[]>();
  /** Imported actor → the curated actor it was merged into (its search postings lead there). */
  private mergedInto = new Map<string, string>();

  private constructor(
    private readonly conn: OpenedDatabase,
    version: string,
  ) {
    this.db = conn.db;
    this.engine = conn.engine;
    this.version = version;
  }

  /** Open the database at `target` (a file path or postgres:// URL) for reading. */
  static async open(
    target: string,
    opts: { poolSize?: number; pageRows?: number; graphRows?: number } = {},
  ): Promise<SqlStore> {
    const conn = await openDatabase(target, { poolSize: opts.poolSize });
    if (conn.empty) {
      await conn.close();
      throw new DatabaseErrorEmpty(conn.name);
    }
    const store = new SqlStore(conn, "");
    if (opts.pageRows !== undefined) store.pageRows = Math.max(1, Math.floor(opts.pageRows));
    if (opts.graphRows !== undefined) store.graphRows = Math.max(0, Math.floor(opts.graphRows));
    await store.readMeta(conn.db);
    return store;
  }

  /** The database's name for messages (a URL without its password). */
  get name(): string {
    return this.conn.name;
  }

  private async readMeta(db: Db): Promise<void> {
    const rows = await db.selectFrom("dealmap_meta").select(["key", "value"]).execute();
    const meta = new Map(rows.map((r) => [r.key, r.value]));
    const version = meta.get("version") ?? "";
    if (version !== this.version) {
      this.version = version;
      this.statsCache = meta.has("stats") ? (JSON.parse(meta.get("stats") as string) as DatasetStats) : null;
      this.warnings = JSON.parse(meta.get("warnings") ?? "[]") as string[];
      this.graphCache = null;
      this.mergedNames = new Map();
      this.mergedInto = new Map();
      for (const d of datasetEntries(meta))
        for (const m of d.merged ?? []) {
          if (m.kind === "event") continue;
          this.mergedInto.set(m.from, m.into);
          if (m.names?.length)
            this.mergedNames.set(m.into, [...(this.mergedNames.get(m.into) ?? []), ...m.names]);
        }
    }
  }

  /** Whether `warm` was asked for, the data version last warmed, and the warm-up running. */
  private warming = false;
  private warmedVersion: string | null = null;
  private warmRun: Promise<void> = Promise.resolve();

  /**
   * For long-running servers: work out, in the background, the answers this store keeps per
   * data version that read whole collections (the network index, the ledger's order of pairs) — now, and
   * again whenever `refresh` finds a new version — so the first reader after a load does not wait
   * for them (3.5 s and 1 s over 10M events). Not for one-shot commands: the work would hold the
   * process open. The promise (which never rejects) ends with this warm-up.
   */
  warm(): Promise<void> {
    this.warming = true;
    return this.warmUp();
  }

  /** The data version whose kept answers `warm` has worked out (null: none yet). */
  get warmedFor(): string | null {
    return this.warmedVersion;
  }

  /** Ends when the warm-up running now (if any) ends. */
  whenWarm(): Promise<void> {
    return this.warmRun;
  }

  private warmUp(): Promise<void> {
    if (!this.warming || this.warmedVersion === this.version) return this.warmRun;
    const version = this.version;
    this.warmedVersion = version;
    this.warmRun = (async () => {
      try {
        await this.graphIndex();
        await this.ledgerSlots();
      } catch {
        // a closed store or an unreachable database: the next refresh tries again
        if (this.warmedVersion === version) this.warmedVersion = null;
      }
    })();
    return this.warmRun;
  }

  async refresh(): Promise<void> {
    // at most one check a second: a request then sees a load at most a second late
    const now = Date.now();
    if (now - this.lastCheck < 1000) return;
    this.lastCheck = now;
    const row = await this.run((db) =>
      db.selectFrom("dealmap_meta").select("value").where("key", "=", "version").executeTakeFirst(),
    );
    if (row && row.value !== this.version) {
      await this.run((db) => this.readMeta(db));
      void this.warmUp();
    }
  }

  async close(): Promise<void> {
    const side = this.sideConn;
    this.sideConn = null;
    await side?.then((c) => c.close()).catch(() => {});
    await this.conn.close();
  }

  loadWarnings(): readonly string[] {
    return this.warnings;
  }

  /** Run one answer's queries in one read snapshot; a lost server becomes a clear 503 error. */
  private async run<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    try {
      if (this.engine === "sqlite") return await this.db.transaction().execute(fn);
      return await this.db
        .transaction()
        .setIsolationLevel("repeatable read")
        .setAccessMode("read only")
        .execute(fn);
    } catch (err) {
      throw unavailable(err);
    }
  }

  /**
   * A read of a single statement, which sees one snapshot by itself: on PostgreSQL it runs
   * without a transaction around it, saving the round trips of its start and its commit.
   */
  private async runOne<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    if (this.engine === "sqlite") return this.run(fn);
    try {
      return await fn(this.db);
    } catch (err) {
      throw unavailable(err);
    }
  }

  /**
   * Long reads for the answers kept per data version (the network index, the ledger's order),
   * in their own snapshot, off the requests' path: on SQLite through a second connection (the
   * first serves one transaction at a time, so a read of seconds there would hold every request
   * for seconds), on PostgreSQL through another connection of the pool. With `paged` reads
   * between which requests run, only the CPU work itself holds the process.
   */
  private async aside<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    if (this.engine !== "sqlite") return this.run(fn);
    this.sideUsers++;
    try {
      this.sideConn ??= openDatabase(this.conn.name).catch((err) => {
        this.sideConn = null;
        throw err;
      });
      const side = await this.sideConn;
      return await side.db.transaction().execute(fn);
    } finally {
      // closed when its last read ends: its page cache (up to 64 MB) is not kept for the next
      // data version
      if (--this.sideUsers === 0) {
        const side = this.sideConn;
        this.sideConn = null;
        await side?.then((c) => c.close()).catch(() => {});
      }
    }
  }

  /**
   * Every row of a query, in pages of `pageRows` by `ord` that `page` reads and uses (it returns
   * them; they are not kept), yielding to requests between pages.
   */
  private async paged(
    page: (after: number | null, n: number) => Promise<readonly { ord: number }[]>,
  ): Promise<void> {
    let after: number | null = null;
    for (;;) {
      const rows = await page(after, this.pageRows);
      if (rows.length < this.pageRows) return;
      after = Number((rows[rows.length - 1] as { ord: number }).ord);
      await new Promise((r) => setImmediate(r));
    }
  }

  // ---- lookups -------------------------------------------------------------------------

  private async canonical(db: Db, id: string): Promise<string> {
    const m = await db.selectFrom("same_as").select("to_id").where("from_id", "=", id).executeTakeFirst();
    return m?.to_id ?? id;
  }

  /** Entities by id: one statement for entities, one for events among the rest. */
  private async refsOf(db: Db, ids: readonly string[]): Promise<Map<string, EntityRef>> {
    const out = new Map<string, EntityRef>();
    if (ids.length === 0) return out;
    // one statement for both tables (one round trip on PostgreSQL); ids are unique across
    // kinds, but were one in both tables, the entity would win, as it did before
    const rows = await db
      .selectFrom("entities")
      .select(["id", "kind", "doc"])
      .where(idIn(this.engine, ids))
      .unionAll(
        db
          .selectFrom("events")
          .select(["id", sql<string>`'event'`.as("kind"), "doc"])
          .where(idIn(this.engine, ids)),
      )
      .execute();
    for (const r of rows)
      if (r.kind !== "event" || !out.has(r.id))
        out.set(r.id, { kind: r.kind as EntityKindName, entity: JSON.parse(r.doc) } as EntityRef);
    return out;
  }

  /** Entities by id, an id merged away by a same-as giving the entity it was merged into. */
  private async resolveMany(db: Db, ids: readonly string[]): Promise<Map<string, EntityRef>> {
    const found = await this.refsOf(db, [...new Set(ids)]);
    const rest = [...new Set(ids)].filter((id) => !found.has(id));
    if (rest.length > 0) {
      const merged = await db
        .selectFrom("same_as")
        .select(["from_id", "to_id"])
        .where(idIn(this.engine, rest, "from_id"))
        .execute();
      const into = await this.refsOf(db, [...new Set(merged.map((m) => m.to_id))]);
      for (const m of merged) {
        const ref = into.get(m.to_id);
        if (ref) found.set(m.from_id, ref);
      }
    }
    return found;
  }

  /** An entity by id, following a merged-away id to its entity. */
  private async resolve(db: Db, id: string): Promise<EntityRef | undefined> {
    return (await this.resolveMany(db, [id])).get(id);
  }

  /** The kind of each id asked about (ids named by filters), per data version. */
  private readonly kinds = new KeptAnswers<string | undefined>(20_000);

  /** An id's kind (following a same-as), or undefined when the data holds no such id. */
  private kindOf(db: Db, id: string): Promise<string | undefined> {
    return this.kinds.get(this.version, id, () => this.kindNow(db, id));
  }

  private async kindNow(db: Db, id: string): Promise<string | undefined> {
    const target = await this.canonical(db, id);
    const row = await db.selectFrom("entities").select("kind").where("id", "=", target).executeTakeFirst();
    if (row) return row.kind;
    const ev = await db.selectFrom("events").select("id").where("id", "=", target).executeTakeFirst();
    return ev ? "event" : undefined;
  }

  private async expect(db: Db, field: string, id: string, kind: EntityKindName): Promise<void> {
    if ((await this.kindOf(db, id)) !== kind) throw new StoreNotFoundError(field, id, kind);
  }

  private async docs<T>(
    db: Db,
    kind: string,
    ids: readonly string[],
    datasets?: Map<string, string>,
  ): Promise<Map<string, T>> {
    const out = new Map<string, T>();
    if (ids.length === 0) return out;
    const unique = [...new Set(ids)];
    const rows =
      kind === "event"
        ? await db
            .selectFrom("events")
            .select(["id", "doc", "dataset"])
            .where(idIn(this.engine, unique))
            .execute()
        : await db
            .selectFrom("entities")
            .select(["id", "doc", "dataset"])
            .where("kind", "=", kind)
            .where(idIn(this.engine, unique))
            .execute();
    for (const r of rows) {
      out.set(r.id, JSON.parse(r.doc) as T);
      datasets?.set(r.id, r.dataset);
    }
    return out;
  }

  private async allOf<T>(db: Db, kind: string): Promise<T[]> {
    const rows = await db
      .selectFrom("entities")
      .select("doc")
      .where("kind", "=", kind)
      .orderBy("ord")
      .execute();
    return rows.map((r) => JSON.parse(r.doc) as T);
  }

  /** `docs` of several kinds of entity (not events) in one read: per kind, its ids' documents. */
  private async kindDocs<K extends string>(db: Db, wanted: Record<K, readonly string[]>) {
    const out = Object.fromEntries(Object.keys(wanted).map((k) => [k, new Map<string, unknown>()])) as Record<
      K,
      Map<string, unknown>
    >;
    const ids = [...new Set(Object.values<readonly string[]>(wanted).flat())];
    if (ids.length === 0) return out;
    // the entities table alone: read beside `events` as well (refsOf), PostgreSQL planned the
    // busiest synthetic actor's 389 listed ties as a parallel append, 12–13 ms instead of 2–3
    const rows = await db
      .selectFrom("entities")
      .select(["id", "kind", "doc"])
      .where(idIn(this.engine, ids))
      .execute();
    const asked = new Map(Object.entries<readonly string[]>(wanted).map(([k, xs]) => [k, new Set(xs)]));
    for (const r of rows) if (asked.get(r.kind)?.has(r.id)) out[r.kind as K].set(r.id, JSON.parse(r.doc));
    return out;
  }

  /** Kind and label of each id (an event's title), and an entity's sub-kind (an actor's kind). */
  private async labels(
    db: Db,
    ids: readonly string[],
  ): Promise<Map<string, { kind: string; label: string; sub: string | null }>> {
    const out = new Map<string, { kind: string; label: string; sub: string | null }>();
    if (ids.length === 0) return out;
    const unique = [...new Set(ids)];
    const rows = await db
      .selectFrom("entities")
      .select(["id", "kind", "label", "sub"])
      .where(idIn(this.engine, unique))
      .execute();
    for (const r of rows) out.set(r.id, { kind: r.kind, label: r.label, sub: r.sub });
    // ids are unique across kinds (the loader refuses a second use): only the rest can be events
    const rest = unique.filter((x) => !out.has(x));
    if (rest.length === 0) return out;
    const evs = await db
      .selectFrom("events")
      .select(["id", "title"])
      .where(idIn(this.engine, rest))
      .execute();
    for (const r of evs) out.set(r.id, { kind: "event", label: r.title, sub: null });
    return out;
  }

  private async actorRefs(db: Db, ids: readonly string[]): Promise<Map<string, ActorRef>> {
    const docs = await this.docs<Actor>(db, "actor", ids);
    const out = new Map<string, ActorRef>();
    for (const id of ids) {
      const a = docs.get(id);
      out.set(id, a ? { id, name: a.name, kind: a.kind } : { id, name: id, kind: null });
    }
    return out;
  }

  private async summaries(db: Db, ids: readonly string[]): Promise<Map<string, EventSummary>> {
    const out = new Map<string, EventSummary>();
    if (ids.length === 0) return out;
    const rows = await db
      .selectFrom("events")
      .select(["id", "title", "date", "kind", "status", "dataset"])
      .where(idIn(this.engine, [...new Set(ids)]))
      .execute();
    for (const r of rows)
      out.set(r.id, {
        id: r.id,
        title: r.title,
        date: r.date,
        kind: r.kind,
        status: r.status,
        dataset: r.dataset,
      } as EventSummary);
    return out;
  }

  private async refs(db: Db, target: string, rel: string) {
    return db
      .selectFrom("refs")
      .select(["id", "info", "ord"])
      .where("target", "=", target)
      .where("rel", "=", rel)
      .orderBy("ord")
      .execute();
  }

  /** Refs grouped by id in first-met order, each with its infos in first-met order. */
  private grouped(rows: { id: string; info: string }[]): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const r of rows) {
      const list = out.get(r.id);
      if (!list) out.set(r.id, [r.info]);
      else if (!list.includes(r.info)) list.push(r.info);
    }
    return out;
  }

  private async assessmentsAbout(db: Db, id: string): Promise<Assessment[]> {
    const ids = [...this.grouped(await this.refs(db, id, "about")).keys()];
    const docs = await this.docs<Assessment>(db, "assessment", ids);
    return ids.flatMap((x) => (docs.has(x) ? [docs.get(x) as Assessment] : []));
  }

  // ---- the Store interface -----------------------------------------------------------------

  async stats(): Promise<DatasetStats> {
    if (!this.statsCache) throw new Error("the database holds no statistics (load it again)");
    return this.statsCache;
  }

  datasetsOf(ids: readonly string[]): Promise<Map<string, string>> {
    return this.runOne(async (db) => {
      const out = new Map<string, string>();
      if (ids.length === 0) return out;
      const unique = [...new Set(ids)];
      const rows = await db
        .selectFrom("entities")
        .select(["id", "dataset"])
        .where(idIn(this.engine, unique))
        .unionAll(db.selectFrom("events").select(["id", "dataset"]).where(idIn(this.engine, unique)))
        .execute();
      for (const r of rows) out.set(r.id, r.dataset);
      return out;
    });
  }

  entity(id: string): Promise<EntityRef | undefined> {
    return this.run((db) => this.resolve(db, id));
  }

  entities(ids: readonly string[]): Promise<(EntityRef | undefined)[]> {
    return this.run(async (db) => {
      const found = await this.resolveMany(db, ids);
      return ids.map((id) => found.get(id));
    });
  }

  provenance(id: string): Promise<EntityProvenance | undefined> {
    return this.run(async (db) => {
      const ref = await this.resolve(db, id);
      if (!ref) return undefined;
      const canonical = ref.entity.id;
      const row = await db
        .selectFrom("provenance")
        .select("doc")
        .where("id", "=", canonical)
        .executeTakeFirst();
      const p = row
        ? (JSON.parse(row.doc) as Pick<EntityProvenance, "datasets" | "values" | "disputes">)
        : { datasets: [], values: [], disputes: [] };
      const merged = await db
        .selectFrom("same_as")
        .select("from_id")
        .where("to_id", "=", canonical)
        .orderBy("ord")
        .execute();
      let datasets = p.datasets;
      const mergedNames: EntityProvenance["mergedNames"] = [];
      const mergedCitations: EntityProvenance["mergedCitations"] = [];
      if (merged.length > 0) {
        // imports whose actors a curator merged into this one (kept with each import) count too
        const meta = await db
          .selectFrom("dealmap_meta")
          .select("value")
          .where("key", "=", "datasets")
          .executeTakeFirst();
        const entries = datasetEntries(new Map(meta ? [["datasets", meta.value]] : []));
        const imports = entries.filter((d) => d.merged?.some((m) => m.into === canonical)).map((d) => d.name);
        for (const d of entries)
          for (const m of d.merged ?? [])
            if (m.into === canonical) {
              for (const name of m.names ?? []) mergedNames.push({ name, dataset: d.name, from: m.from });
              if (m.citations?.length)
                mergedCitations.push({ dataset: d.name, from: m.from, name: m.name, citations: m.citations });
            }
        if (imports.length > 0) {
          const own = datasets.length
            ? []
            : await db.selectFrom("entities").select("dataset").where("id", "=", canonical).execute();
          datasets = [...new Set([...datasets, ...own.map((r) => r.dataset), ...imports])];
        }
      }
      return {
        id: canonical,
        kind: ref.kind,
        datasets,
        values: p.values,
        disputes: p.disputes,
        mergedFrom: merged.map((m) => m.from_id),
        mergedNames,
        mergedCitations,
      };
    });
  }

  // ---- timeline ----------------------------------------------------------------------------

  /** The dimensions of a filter, the one that drives the scan first. */
  private dimensions(filter: TimelineFilter): Dimension[] {
    const dims: Dimension[] = [];
    const uniq = (xs: readonly string[] | undefined) => [...new Set(xs ?? [])];
    if (filter.actors?.length)
      dims.push({ table: "event_actors", column: "actor", values: uniq(filter.actors) });
    if (filter.places?.length)
      dims.push({ table: "event_places", column: "place", values: uniq(filter.places) });
    if (filter.route !== undefined)
      dims.push({ table: "event_routes", column: "route", values: [filter.route] });
    if (filter.kinds?.length) dims.push({ table: "events", column: "kind", values: uniq(filter.kinds) });
    if (filter.statuses?.length)
      dims.push({ table: "events", column: "status", values: uniq(filter.statuses) });
    if (filter.datasets?.length)
      dims.push({ table: "events", column: "dataset", values: uniq(filter.datasets) });
    return dims;
  }

  /**
   * The SQL of the rows matching a filter, one arm per driving value and span class (each arm
   * reads one stretch of one index, in timeline order), with the other dimensions checked by
   * key lookups. `after` is the cursor's position; `limit` caps each arm.
   */
  private timelineArms(
    filter: TimelineFilter,
    after: TimedRow | null,
    limit: number | null,
    /** Instead of the filter's window: events whose anchor lies in [a, b) (epoch ms). */
    anchored?: { a: number; b: number },
    shape: {
      /**
       * One arm per span class for all the driving values (`IN`, one index seek each), each row
       * with its driving value as `k`: a row per value and event, as counts per value want.
       */
      keyed?: boolean;
      /**
       * One arm for every span class: for reads of every row of a window that spans the data
       * (where a class's bound on `lo` leaves nothing out), planned once instead of per class.
       */
      whole?: boolean;
    } = {},
  ): { arms: ReturnType<typeof sql>[]; distinct: boolean } | null {
    const keyed = shape.keyed === true;
    const window = windowOf(filter);
    if (window && window.min > window.max) return null;
    const dims = this.dimensions(filter);
    const drive: Dimension = dims[0] ?? { table: "events", column: null, values: [""] };
    const rest = dims.slice(1);
    const contained = filter.containedOnly === true;
    const arms: ReturnType<typeof sql>[] = [];
    const drives = keyed && drive.column ? [drive.values] : drive.values.map((v) => [v]);
    const classes = shape.whole ? [null] : SPAN_CAPS.map((_, c) => c);
    for (const values of drives) {
      for (const c of classes) {
        const cap = c === null ? Infinity : (SPAN_CAPS[c] as number);
        const conds: ReturnType<typeof sql>[] = c === null ? [] : [sql`d.cls = ${c}`];
        if (drive.column)
          conds.push(
            values.length === 1
              ? sql`d.${sql.ref(drive.column)} = ${values[0]}`
              : sql`d.${sql.ref(drive.column)} IN (${sql.join(values)})`,
          );
        if (anchored) {
          const { a, b } = anchored;
          const mid = sql`(d.lo + d.hi) / 2`;
          if (cap !== Infinity)
            conds.push(sql`d.lo >= ${a - cap}`, sql`d.lo < ${b}`, sql`${mid} >= ${a}`, sql`${mid} < ${b}`);
          else
            conds.push(
              sql`((d.hi > 1e300 AND d.lo >= ${a} AND d.lo < ${b}) OR (d.lo < -1e300 AND d.hi >= ${a} AND d.hi < ${b}) OR (d.lo > -1e300 AND d.hi < 1e300 AND d.lo < ${b} AND ${mid} >= ${a} AND ${mid} < ${b}))`,
            );
        } else if (window) {
          if (contained) {
            conds.push(sql`d.lo >= ${window.min}`, sql`d.lo <= ${window.max}`, sql`d.hi <= ${window.max}`);
          } else {
            if (cap !== Infinity) conds.push(sql`d.lo >= ${window.min - cap}`);
            conds.push(sql`d.lo <= ${window.max}`, sql`d.hi >= ${window.min}`);
          }
        }
        if (after)
          conds.push(
            sql`(d.lo, d.hi, d.date, d.id) > (${after.lo}, ${after.hi}, ${after.date}, ${after.id})`,
          );
        // each other dimension checked by its row's whole key, which its index covers: for kind,
        // status and dataset too, where a lookup by id read the wide event row (SQLite, 10M events,
        // one actor's 600 meetings: 245-460 -> 23-77 ms)
        for (const dim of rest)
          conds.push(
            sql`EXISTS (SELECT 1 FROM ${sql.table(dim.table)} x WHERE x.${sql.ref(dim.column as string)} IN (${sql.join(dim.values)}) AND x.cls = d.cls AND x.lo = d.lo AND x.hi = d.hi AND x.date = d.date AND x.id = d.id)`,
          );
        const where = conds.length ? sql.join(conds, sql` AND `) : sql`1 = 1`;
        const key = keyed && drive.column ? sql`, d.${sql.ref(drive.column)} AS k` : sql``;
        const arm = sql`SELECT d.lo, d.hi, d.date, d.id${key} FROM ${sql.table(drive.table)} d WHERE ${where}`;
        arms.push(limit === null ? arm : cappedArm(arm, limit, arms.length));
      }
    }
    return { arms, distinct: !keyed && drive.values.length > 1 };
  }

  /** Timeline totals per data version and filter (see `timeline`). */
  private readonly timelineTotals = new KeptAnswers<number>(1024);

  async timeline(filter: TimelineFilter, page: PageInput): Promise<TimelineResult & { datasets: string[] }> {
    return this.run(async (db) => {
      for (const a of filter.actors ?? []) await this.expect(db, "actors", a, "actor");
      for (const p of filter.places ?? []) await this.expect(db, "places", p, "place");
      if (filter.route !== undefined) await this.expect(db, "route", filter.route, "route");
      const limit = Math.max(1, Math.floor(page.limit ?? DEFAULT_PAGE));
      let after: TimedRow | null = null;
      if (page.cursor !== undefined) {
        const c = await db
          .selectFrom("events")
          .select(["cls", "lo", "hi", "date", "id"])
          .where("id", "=", page.cursor)
          .executeTakeFirst();
        if (!c)
          throw new StoreBadInputError("cursor", `cursor "${page.cursor}" is not an event of this timeline`);
        after = c;
      }
      // (no arms: the window ends before it starts)
      const paged = this.pagedArms(filter, after, limit);
      if (!paged) return { items: [], total: 0, nextCursor: null, datasets: [] };
      const union = (arms: ReturnType<typeof sql>[]) => sql.join(arms, sql` UNION ALL `);
      // the whole timeline's total is the load's own count (in the same snapshot), not a scan
      const everything = this.dimensions(filter).length === 0 && windowOf(filter) === null;
      const stats = everything
        ? await db.selectFrom("dealmap_meta").select("value").where("key", "=", "stats").executeTakeFirst()
        : undefined;
      // a filter's total is the same on every page of it: counted once per data version (the
      // busiest actor's year counts 11,037 rows over 10M events, 75,858 over a GDELT import)
      const total = stats
        ? (JSON.parse(stats.value) as DatasetStats).counts.events
        : await this.timelineTotals.get(
            this.version,
            JSON.stringify(filter, Object.keys(filter).sort()),
            async () => {
              const counted = this.timelineArms(filter, null, null) as NonNullable<
                ReturnType<SqlStore["timelineArms"]>
              >;
              const n = counted.distinct
                ? await sql<{
                    n: number;
                  }>`SELECT count(DISTINCT id) AS n FROM (${union(counted.arms)}) t`.execute(db)
                : await sql<{ n: number }>`SELECT count(*) AS n FROM (${union(counted.arms)}) t`.execute(db);
              return Number(n.rows[0]?.n ?? 0);
            },
          );
      const first = await this.firstRows(db, paged, limit);
      const last = first.items[first.items.length - 1];
      return {
        items: first.items,
        total,
        nextCursor: first.more && last ? last.id : null,
        datasets: first.datasets,
      };
    });
  }

  /**
   * The arms of a page of `limit` events. SQLite merges arms that are each in index order under
   * one compound ORDER BY, lazily (a page reads about its own rows, not a page per arm).
   * PostgreSQL 15 sorts a compound's rows whole (over 10M events, all 11,037 of a busy actor's
   * year for a page of 50, 9 ms), but merges capped arms (each its own ORDER BY and LIMIT, in a
   * subquery) with Merge Append, reading a page's rows (1.7 ms): there the arms are capped.
   */
  private pagedArms(
    filter: TimelineFilter,
    after: TimedRow | null,
    limit: number,
    anchored?: { a: number; b: number },
  ): PagedArms | null {
    const merged = this.engine === "sqlite";
    const arms = this.timelineArms(filter, after, merged ? null : limit + 1, anchored);
    return arms && { ...arms, merged };
  }

  /** The first `limit` events of a filter's arms in timeline order, and whether more follow. */
  private async firstRows(
    db: Db,
    paged: PagedArms,
    limit: number,
  ): Promise<{ items: StoryEvent[]; datasets: string[]; more: boolean }> {
    // the page's documents in the same statement (one lookup each by the unique id): a second
    // statement for them cost about 0.1 ms a page more, a fifth of a page's time in the store
    const ordered = orderedRows(paged.arms, limit + 1, paged);
    const page = sql<
      TimedRow & { doc: string; dataset: string }
    >`SELECT t.lo, t.hi, t.date, t.id, e.doc, e.dataset FROM (${ordered}) t JOIN events e ON e.id = t.id`;
    // the join keeps no order by itself. SQLite compares text byte by byte as compareTimed
    // does, so its 51 rows are put back in order here; PostgreSQL sorts them by its collation
    const rows =
      this.engine === "sqlite"
        ? (await page.execute(db)).rows.sort(compareTimed)
        : (
            await sql<
              TimedRow & { doc: string; dataset: string }
            >`${page} ORDER BY t.lo, t.hi, t.date, t.id`.execute(db)
          ).rows;
    const shown = rows.slice(0, limit);
    return {
      items: shown.map((r) => JSON.parse(r.doc) as StoryEvent),
      datasets: shown.map((r) => r.dataset),
      more: rows.length > limit,
    };
  }

  /** The busiest actors (by events, every role, ties by id), per data version and how many. */
  private readonly busiest = new KeptAnswers<string[]>(4);

  /** The lane actors: the filter's, else the `n` busiest. */
  private async laneActors(db: Db, filter: TimelineFilter, n: number): Promise<string[]> {
    if (filter.actors?.length) return [...new Set(filter.actors)];
    return this.busiest.get(this.version, String(n), async () => {
      const rows = await db
        .selectFrom("actor_role_counts")
        .select(["actor", sql<number>`sum(n)`.as("n")])
        .groupBy("actor")
        .orderBy(sql`sum(n)`, "desc")
        .orderBy("actor")
        .limit(n)
        .execute();
      return rows.map((r) => r.actor);
    });
  }

  /**
   * Counts per bin, kind and dataset from the events a filter's arms yield: the anchor day of
   * each row, binned; the events open at both ends (which the window's arms yield too: they
   * overlap every window) under bin null, in the same statement.
   */
  private async binnedRows(
    db: Db,
    filter: TimelineFilter,
    bins: DensityBins,
    /** The window spans the data: one arm for all span classes (see `timelineArms`). */
    whole: boolean,
  ): Promise<BinnedRow[]> {
    const arms = this.timelineArms(filter, null, null, undefined, { whole });
    if (!arms) return [];
    const last = lastDayOf(bins);
    const union = sql.join(arms.arms, arms.distinct ? sql` UNION ` : sql` UNION ALL `);
    const day = SqlStore.ANCHOR_DAY;
    const binned = sql`SELECT (${day} - ${sql.lit(bins.startDay)}) / ${sql.lit(bins.binDays)} AS b, t.id FROM (${union}) t WHERE (${day} >= ${sql.lit(bins.startDay)} AND ${day} <= ${sql.lit(last)} OR t.lo < -1e300 AND t.hi > 1e300)`;
    const count = sql`SELECT x.b, e.kind, e.dataset, count(*) AS n FROM x JOIN events e ON e.id = x.id GROUP BY x.b, e.kind, e.dataset`;
    // SQLite looks each row's event up by id, one seek per row: in id order the seeks walk the
    // index and the table forward rather than jump about them (the busiest of 10M events'
    // actors, 97k rows: 1.15 -> 0.70 s). PostgreSQL hashes the join.
    const rows = await (this.engine === "sqlite"
      ? sql<BinnedRow>`WITH x AS MATERIALIZED (${binned} ORDER BY t.id) ${count}`
      : sql<BinnedRow>`WITH x AS (${binned}) ${count}`
    ).execute(db);
    return rows.rows.map(binnedRow);
  }

  /**
   * Counts per actor and bin: the events of each of `actors` that the rest of `filter` (its
   * actors aside) yields, binned by anchor day as `binnedRows` bins them. PostgreSQL counts all
   * the actors in one statement (it plans each statement at some cost: 14 lanes over the
   * built-in data, 21.6 -> 6.5 ms for the whole window); SQLite, which plans cheaply, one actor
   * per statement (the 14 busiest of 10M events in one statement sorted more: 220-270 -> 315-338 ms)
   */
  private async laneRows(
    db: Db,
    filter: TimelineFilter,
    actors: string[],
    bins: DensityBins,
    /** The window spans the data: one arm for all span classes (see `timelineArms`). */
    whole: boolean,
  ): Promise<{ k: string; b: number; n: number }[]> {
    const last = lastDayOf(bins);
    const day = SqlStore.ANCHOR_DAY;
    const out: { k: string; b: number; n: number }[] = [];
    for (const group of this.engine === "sqlite" ? actors.map((a) => [a]) : [actors]) {
      const arms = group.length
        ? this.timelineArms({ ...filter, actors: group }, null, null, undefined, { keyed: true, whole })
        : null;
      if (!arms) continue;
      const rows = await sql<{
        k: string;
        b: number;
        n: number;
      }>`SELECT t.k, (${day} - ${sql.lit(bins.startDay)}) / ${sql.lit(bins.binDays)} AS b, count(*) AS n FROM (${sql.join(arms.arms, sql` UNION ALL `)}) t WHERE ${day} >= ${sql.lit(bins.startDay)} AND ${day} <= ${sql.lit(last)} GROUP BY t.k, 2`.execute(
        db,
      );
      for (const r of rows.rows) out.push({ k: r.k, b: Number(r.b), n: Number(r.n) });
    }
    return out;
  }

  /** The anchor days of a filter's window as SQL over rows `t` (lo, hi). */
  private static readonly ANCHOR_DAY =
    sql`CAST(floor((CASE WHEN t.lo > -1e300 AND t.hi < 1e300 THEN (t.lo + t.hi) / 2 WHEN t.lo > -1e300 THEN t.lo WHEN t.hi < 1e300 THEN t.hi END) / ${sql.lit(DAY_MS)}) AS bigint)`;

  /** Conditions on event_days for a filter's kinds and datasets. */
  private static daysWhere(filter: TimelineFilter, first: ReturnType<typeof sql>) {
    return sql.join(
      [
        first,
        ...(filter.kinds?.length ? [sql`kind IN (${sql.join([...filter.kinds])})`] : []),
        ...(filter.datasets?.length ? [sql`dataset IN (${sql.join([...filter.datasets])})`] : []),
      ],
      sql` AND `,
    );
  }

  /** First and last anchor day of a filter's events (see densityExtent); null when none. */
  private async extent(
    db: Db,
    filter: TimelineFilter,
    counted: boolean,
  ): Promise<{ first: number; last: number } | null> {
    let row: { a: number | string | null; b: number | string | null } | undefined;
    if (counted) {
      const r = await sql<{
        a: number | null;
        b: number | null;
      }>`SELECT min(day) AS a, max(day) AS b FROM event_days WHERE ${SqlStore.daysWhere(filter, sql`level = 1 AND day IS NOT NULL`)}`.execute(
        db,
      );
      row = r.rows[0];
    } else {
      // no window: every row of the filter, one arm for all span classes
      const arms = this.timelineArms(filter, null, null, undefined, { whole: true });
      if (!arms) return null;
      const union = sql.join(arms.arms, sql` UNION ALL `);
      const r = await sql<{
        a: number | null;
        b: number | null;
      }>`SELECT min(${SqlStore.ANCHOR_DAY}) AS a, max(${SqlStore.ANCHOR_DAY}) AS b FROM (${union}) t`.execute(
        db,
      );
      row = r.rows[0];
    }
    if (row?.a === null || row?.a === undefined || row.b === null || row.b === undefined) return null;
    return { first: Number(row.a), last: Number(row.b) };
  }

  async timelineWindow(filter: TimelineFilter, opts: WindowOptions): Promise<TimelineWindowResult> {
    return this.run(async (db) => {
      for (const a of filter.actors ?? []) await this.expect(db, "actors", a, "actor");
      for (const p of filter.places ?? []) await this.expect(db, "places", p, "place");
      if (filter.route !== undefined) await this.expect(db, "route", filter.route, "route");
      const { from: _f, to: _t, containedOnly: _c, ...rest } = filter;
      const counted =
        !rest.actors?.length && !rest.places?.length && rest.route === undefined && !rest.statuses?.length;
      const extent =
        opts.start === undefined || opts.end === undefined ? await this.extent(db, rest, counted) : null;
      const bins = binsFor(opts, () => extent);
      // a window of the data's extent leaves out no span class's rows by their start
      const whole = opts.start === undefined && opts.end === undefined;
      const last = lastDayOf(bins);
      const windowed: TimelineFilter = { ...rest, from: isoDayOf(bins.startDay), to: isoDayOf(last) };
      const lanes = new Map<string, DensityLane>();
      const datasets = new Map<string, DensityLane>();
      const add = (map: Map<string, DensityLane>, key: string, b: number, n: number) => {
        let lane = map.get(key);
        if (!lane) {
          lane = { key, total: 0, counts: new Array(bins.bins).fill(0) };
          map.set(key, lane);
        }
        lane.total += n;
        lane.counts[b] = (lane.counts[b] as number) + n;
      };
      let total = 0;
      let undated = 0;
      let binned: BinnedRow[];
      // events counted per day ahead of time answer filters by kind and dataset alone
      if (counted) {
        const level = densityLevel(bins.binDays);
        const where = (q: ReturnType<typeof sql>) => SqlStore.daysWhere(rest, q);
        // the undated (no anchor day) are counted at level 1 under day null: the same statement
        const rows =
          await sql<BinnedRow>`SELECT (day - ${sql.lit(bins.startDay)}) / ${sql.lit(bins.binDays)} AS b, kind, dataset, sum(n) AS n FROM event_days WHERE ${where(sql`(level = ${sql.lit(level)} AND day >= ${sql.lit(bins.startDay)} AND day <= ${sql.lit(last)} OR level = 1 AND day IS NULL)`)} GROUP BY 1, kind, dataset`.execute(
            db,
          );
        binned = rows.rows.map(binnedRow);
      } else binned = await this.binnedRows(db, windowed, bins, whole);
      for (const r of binned) {
        if (r.b === null) {
          undated += r.n;
          continue;
        }
        total += r.n;
        add(datasets, r.dataset, r.b, r.n);
        if (opts.lanes === "kind") add(lanes, r.kind, r.b, r.n);
      }
      if (opts.lanes === "actor") {
        const actors = await this.laneActors(db, filter, opts.actorLanes ?? ACTOR_LANES);
        for (const actor of actors)
          lanes.set(actor, { key: actor, total: 0, counts: new Array(bins.bins).fill(0) });
        for (const r of await this.laneRows(db, windowed, actors, bins, whole)) add(lanes, r.k, r.b, r.n);
      }
      const byKey = (a: DensityLane, b: DensityLane) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
      const density: TimelineDensity = {
        ...bins,
        total,
        lanes: opts.lanes === "kind" ? [...lanes.values()].sort(byKey) : [...lanes.values()],
        datasets: [...datasets.values()].sort(byKey),
        undated,
      };
      // the window's events: all that overlap it when few enough, else those anchored in it
      // (exactly the `total` counted), else none (see windowEvents of @dealmap/domain)
      if (total > opts.eventLimit) return { density, events: null, eventDatasets: [] };
      const arms = this.pagedArms(windowed, null, opts.eventLimit);
      if (!arms) return { density, events: [], eventDatasets: [], scope: "overlapping" };
      const page = await this.firstRows(db, arms, opts.eventLimit);
      if (!page.more)
        return { density, events: page.items, eventDatasets: page.datasets, scope: "overlapping" };
      const inside = this.pagedArms(rest, null, opts.eventLimit, {
        a: bins.startDay * DAY_MS,
        b: (last + 1) * DAY_MS,
      });
      const own = inside ? await this.firstRows(db, inside, opts.eventLimit) : null;
      return own && !own.more
        ? { density, events: own.items, eventDatasets: own.datasets, scope: "anchored" }
        : { density, events: null, eventDatasets: [] };
    });
  }

  datasets(): Promise<DatasetInfo[]> {
    return this.run(async (db) => {
      const row = await db
        .selectFrom("dealmap_meta")
        .select("value")
        .where("key", "=", "datasets")
        .executeTakeFirst();
      const entries = row ? datasetEntries(new Map([["datasets", row.value]])) : [];
      return entries.map((d) => ({
        name: d.name,
        origin: d.origin,
        format: d.format ?? null,
        counts: Object.fromEntries(
          ENTITY_KINDS.map((k) => [k, Number(d.counts[SINGULAR[k]] ?? d.counts[k] ?? 0)]),
        ) as Record<EntityKind, number>,
        importedAt: d.importedAt ?? null,
      }));
    });
  }

  // ---- events --------------------------------------------------------------------------------

  event(id: string): Promise<EventDetail | undefined> {
    return this.run(async (db) => {
      // an id merged away by a same-as gives the event it was merged into
      const row =
        (await db.selectFrom("events").select(["doc", "dataset"]).where("id", "=", id).executeTakeFirst()) ??
        (await db
          .selectFrom("events")
          .select(["doc", "dataset"])
          .where("id", "=", await this.canonical(db, id))
          .executeTakeFirst());
      if (!row) return undefined;
      const e = JSON.parse(row.doc) as StoryEvent;
      const actorIds = [...e.participants.map((p) => p.actor), ...(e.claimedBy ? [e.claimedBy] : [])];
      const actors = await this.actorRefs(db, actorIds);
      const places = await this.docs<Place>(db, "place", e.places);
      const labels = await this.labels(db, e.routes);
      const linked = await db
        .selectFrom("event_links")
        .select(["from_id", "type"])
        .where("to_id", "=", id)
        .orderBy("ord")
        .execute();
      const summaries = await this.summaries(db, [
        ...e.links.map((l) => l.event),
        ...linked.map((l) => l.from_id),
      ]);
      const deals = [...this.grouped(await this.refs(db, id, "deal-event")).keys()];
      const dealLabels = await this.labels(db, deals);
      return {
        event: e,
        dataset: row.dataset,
        participants: e.participants.map((p) => ({
          actor: actors.get(p.actor) as ActorRef,
          role: p.role,
          note: p.note ?? null,
        })),
        claimedBy: e.claimedBy ? (actors.get(e.claimedBy) as ActorRef) : null,
        places: e.places.map((p): PlaceRef => {
          const x = places.get(p);
          return x
            ? { id: p, name: x.name, kind: x.kind, country: x.country, coordinates: x.coordinates }
            : { id: p, name: p, kind: null, country: null, coordinates: null };
        }),
        routes: e.routes.map((r) => ({ id: r, label: labels.get(r)?.label ?? r })),
        links: e.links.map((l) => ({
          type: l.type,
          id: l.event,
          event: summaries.get(l.event) ?? null,
          note: l.note ?? null,
        })),
        linkedFrom: linked.flatMap((l) => {
          const s = summaries.get(l.from_id);
          return s ? [{ type: l.type, event: s }] : [];
        }),
        deals: deals.map((d) => ({ id: d, label: dealLabels.get(d)?.label ?? d })),
        assessments: await this.assessmentsAbout(db, id),
      };
    });
  }

  // ---- actors and places -----------------------------------------------------------------

  private async pageOf<T extends { id: string }>(
    db: Db,
    kind: "actor" | "place",
    filter: { kind?: string; country?: string; datasets?: string[]; cursor?: string; limit?: number },
  ): Promise<Paged<T> & { datasets: string[] }> {
    const limit = Math.max(1, Math.floor(filter.limit ?? DEFAULT_PAGE));
    const sets = [...new Set(filter.datasets ?? [])];
    let base = db.selectFrom("entities").where("kind", "=", kind);
    if (filter.kind !== undefined) base = base.where("sub", "=", filter.kind);
    if (filter.country !== undefined) base = base.where("country", "=", filter.country);
    if (sets.length > 0) base = base.where("dataset", "in", sets);
    let after = -1;
    if (filter.cursor !== undefined) {
      const c = await base.select("ord").where("id", "=", filter.cursor).executeTakeFirst();
      if (!c) throw new StoreBadInputError("cursor", `"${filter.cursor}" is not an item of this list`);
      after = c.ord;
    }
    const total = await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    type Row = { ord: number; doc: string; dataset: string };
    let rows: Row[];
    if (sets.length > 1) {
      // one arm per dataset, each read in order from entities_by_dataset and cut at the page's
      // size, then merged: an IN list would have the engine sort every matching row (a large
      // import's million actors) to give the first page
      const arms = sets.map((d, i) => {
        let arm = db
          .selectFrom("entities")
          .select(["ord", "doc", "dataset"])
          .where("dataset", "=", d)
          .where("kind", "=", kind)
          .where("ord", ">", after);
        if (filter.kind !== undefined) arm = arm.where("sub", "=", filter.kind);
        if (filter.country !== undefined) arm = arm.where("country", "=", filter.country);
        return sql`SELECT * FROM (${arm.orderBy("ord").limit(limit + 1)}) ${sql.raw(`d${i}`)}`;
      });
      rows = (
        await sql<Row>`SELECT * FROM (${sql.join(arms, sql` UNION ALL `)}) t ORDER BY ord LIMIT ${limit + 1}`.execute(
          db,
        )
      ).rows;
    } else {
      rows = await base
        .select(["ord", "doc", "dataset"])
        .where("ord", ">", after)
        .orderBy("ord")
        .limit(limit + 1)
        .execute();
    }
    const page = rows.slice(0, limit);
    const items = page.map((r) => JSON.parse(r.doc) as T);
    return {
      items,
      total: Number(total.n),
      nextCursor: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null,
      datasets: page.map((r) => r.dataset),
    };
  }

  actors(filter: ActorListFilter): Promise<Paged<Actor> & { datasets: string[] }> {
    return this.run((db) => this.pageOf<Actor>(db, "actor", filter));
  }

  places(filter: PlaceListFilter): Promise<Paged<Place>> {
    // places are not filtered by dataset (yet), and their answer does not say it
    return this.run(async (db) => {
      const { datasets: _, ...page } = await this.pageOf<Place>(db, "place", filter);
      return page;
    });
  }

  /** The first `limit` rows of one key of a timeline table, in timeline order (one arm per class). */
  private async firstTimed(
    db: Db,
    table: "event_actors" | "event_places" | "event_routes",
    column: "actor" | "place" | "route",
    value: string,
    limit: number,
    role?: string,
  ): Promise<TimedRow[]> {
    if (limit <= 0) return [];
    // an actor's events in one role: the per-role rows, one index range per span class
    const from = role === undefined ? sql.table(table) : sql.table("event_actor_roles");
    const roleCond = role === undefined ? sql`` : sql` AND d.role = ${role}`;
    // the arms are disjoint (one class each) and each in index order: merged lazily under one
    // ORDER BY on SQLite, capped one by one for PostgreSQL's Merge Append (see `pagedArms`)
    const merged = this.engine === "sqlite";
    const arms = SPAN_CAPS.map((_, c) => {
      const arm = sql`SELECT d.lo, d.hi, d.date, d.id, d.cls FROM ${from} d WHERE d.${sql.ref(column)} = ${value} AND d.cls = ${c}${roleCond}`;
      return merged ? arm : cappedArm(arm, limit, c);
    });
    return (await orderedRows(arms, limit, { merged, distinct: false }).execute(db)).rows;
  }

  /**
   * The first `limit` events of an actor in each of its roles (`totals`: events per role), in
   * timeline order. SQLite reads each role's in one statement of its own; PostgreSQL reads them
   * all in one, a lateral join over the roles, so that its planner plans the arms once, not once
   * per role (built-in data, 4 roles: 0.6 ms against 1.8 ms)
   */
  private async firstInRoles(
    db: Db,
    actor: string,
    totals: Map<string, number>,
    limit: number,
  ): Promise<{ role: string; ids: string[] }[]> {
    const roles = [...totals.keys()];
    if (this.engine === "sqlite")
      return Promise.all(
        roles.map(async (role) => {
          const rows = await this.firstTimed(
            db,
            "event_actors",
            "actor",
            actor,
            Math.min(limit, totals.get(role) ?? 0),
            role,
          );
          return { role, ids: rows.map((r) => r.id) };
        }),
      );
    const lists = new Map(roles.map((role) => [role, [] as string[]]));
    if (limit > 0 && roles.length > 0) {
      const arms = SPAN_CAPS.map((_, c) =>
        cappedArm(
          sql`SELECT d.lo, d.hi, d.date, d.id FROM event_actor_roles d WHERE d.actor = ${actor} AND d.cls = ${c} AND d.role = r.role`,
          limit,
          c,
        ),
      );
      const rows = await sql<{
        role: string;
        id: string;
      }>`SELECT r.role, x.id FROM unnest(${roles}::text[]) WITH ORDINALITY AS r(role, k) CROSS JOIN LATERAL (${orderedRows(arms, limit, { merged: false, distinct: false })}) x ORDER BY r.k, x.lo, x.hi, x.date, x.id`.execute(
        db,
      );
      for (const r of rows.rows) lists.get(r.role)?.push(r.id);
    }
    return roles.map((role) => ({ role, ids: lists.get(role) ?? [] }));
  }

  /**
   * Per relation of `rels`: the first `limit` entities tied to `target` by it, in first-met
   * order, each with all its infos, and how many there are in all; one statement for them all,
   * reading the ties table (the references grouped by entity when they were written): a page of
   * each relation's ties and their count. Grouping the busiest synthetic actor's 11,795
   * reference rows at every profile took 6.3 ms of its 7.7 (SQLite, 10M events).
   */
  private async firstTies<R extends string>(
    db: Db,
    target: string,
    rels: readonly R[],
    limit: number,
  ): Promise<Record<R, { ties: Map<string, string[]>; total: number }>> {
    const out = Object.fromEntries(rels.map((r) => [r, { ties: new Map(), total: 0 }])) as Record<
      R,
      { ties: Map<string, string[]>; total: number }
    >;
    if (rels.length === 0) return out;
    // each relation's page in the index's order (capped in a subquery of its own), then the counts
    const pages = rels.map(
      (rel, k) =>
        sql`SELECT * FROM (SELECT rel, id, infos, o FROM ties WHERE target = ${target} AND rel = ${rel} ORDER BY o, id LIMIT ${limit}) t${sql.raw(String(k))}`,
    );
    const rows = await sql<{
      rel: R;
      id: string | null;
      infos: string | null;
      o: number | string;
    }>`${sql.join(pages, sql` UNION ALL `)} UNION ALL SELECT rel, NULL AS id, NULL AS infos, count(*) AS o FROM ties WHERE target = ${target} AND rel IN (${sql.join(rels)}) GROUP BY rel ORDER BY 1, 4, 2`.execute(
      db,
    );
    // (the counts' rows, with no id, sort among the ties' by their number: set apart here)
    for (const r of rows.rows) {
      const of = out[r.rel];
      if (r.id === null) of.total = Number(r.o);
      else of.ties.set(r.id, JSON.parse(r.infos as string) as string[]);
    }
    return out;
  }

  actorProfile(
    id: string,
    opts: { eventLimit?: number; listLimit?: number } = {},
  ): Promise<ActorProfile | undefined> {
    return this.run(async (db) => {
      const find = (x: string) =>
        db
          .selectFrom("entities")
          .select(["doc", "dataset"])
          .where("id", "=", x)
          .where("kind", "=", "actor")
          .executeTakeFirst();
      // an id merged away by a same-as gives the actor it was merged into
      const row = (await find(id)) ?? (await find(await this.canonical(db, id)));
      if (!row) return undefined;
      const actor = JSON.parse(row.doc) as Actor;
      id = actor.id;
      const eventLimit = opts.eventLimit ?? 100;
      const listLimit = opts.listLimit ?? 100;
      // what the actor is tied to (relations both ways, routes, deals, assessments about it),
      // then their documents, each in one statement
      const tied = await this.firstTies(db, id, ["relation", "route", "deal", "about"], listLimit);
      const docs = await this.kindDocs(db, {
        relation: [...tied.relation.ties.keys()],
        route: [...tied.route.ties.keys()],
        deal: [...tied.deal.ties.keys()],
        assessment: [...tied.about.ties.keys()],
      });
      const inOrder = <T>(ties: Map<string, unknown>, of: Map<string, unknown>) =>
        [...ties.keys()].flatMap((x) => (of.has(x) ? [of.get(x) as T] : []));
      const rels = inOrder<Relation>(tied.relation.ties, docs.relation);
      // the names of the roles' organisations and of the relations' ends
      const labels = await this.labels(db, [
        ...actor.roles.flatMap((r) => (r.of ? [r.of] : [])),
        ...rels.flatMap((r) => [r.from, r.to]),
      ]);
      // roles over time
      const roles = actor.roles
        .map((r) => {
          const b = r.when ? boundsOf(r.when) : null;
          return {
            ...r,
            ofName: r.of ? (labels.get(r.of)?.label ?? r.of) : null,
            start: b ? finite(b.min) : null,
            end: b ? finite(b.max) : null,
            sortKey: b ? b.min : Infinity,
          };
        })
        .sort((a, b) => a.sortKey - b.sortKey)
        .map(({ sortKey: _, ...r }) => r);
      const label = (x: string) => labels.get(x)?.label ?? x;
      const actorRef = (x: string): ActorRef => {
        const l = labels.get(x);
        return l?.kind === "actor"
          ? { id: x, name: l.label, kind: l.sub as ActorRef["kind"] }
          : { id: x, name: x, kind: null };
      };
      const relations: ProfileRelation[] = rels.map((r) => {
        const out = r.from === id;
        return {
          relation: r,
          direction: out ? "out" : "in",
          directed: isDirected(r.type),
          label: `${label(r.from)} ${RELATION_TYPES[r.type].label} ${label(r.to)}`,
          other: actorRef(out ? r.to : r.from),
        };
      });
      // events by role: counts from one pass over the actor's rows, lists in timeline order
      const combos = await db
        .selectFrom("actor_role_counts")
        .select(["roles", "n"])
        .where("actor", "=", id)
        .execute();
      const totals = new Map<string, number>();
      let eventsTotal = 0;
      for (const c of combos) {
        eventsTotal += Number(c.n);
        for (const r of c.roles.split(",")) totals.set(r, (totals.get(r) ?? 0) + Number(c.n));
      }
      const lists = await this.firstInRoles(db, id, totals, eventLimit);
      const summaries = await this.summaries(
        db,
        lists.flatMap((l) => l.ids),
      );
      const eventsByRole = lists
        .map((l) => ({
          role: l.role as ActorProfile["eventsByRole"][number]["role"],
          total: totals.get(l.role) ?? 0,
          events: l.ids.map((x) => summaries.get(x) as EventSummary),
        }))
        .sort((a, b) => b.total - a.total || (a.role < b.role ? -1 : 1));
      const routes = [...tied.route.ties.entries()].flatMap(([rid, how]) => {
        const r = docs.route.get(rid) as Route | undefined;
        return r ? [{ id: rid, name: r.name, cargo: r.cargo, kind: r.kind, how }] : [];
      });
      const deals = [...tied.deal.ties.entries()].flatMap(([did, as]) => {
        const d = docs.deal.get(did) as Deal | undefined;
        return d ? [{ id: did, title: d.title, date: d.date, as }] : [];
      });
      const assessmentDocs = inOrder<Assessment>(tied.about.ties, docs.assessment);
      return {
        actor,
        dataset: row.dataset,
        roles,
        relations,
        eventsByRole,
        eventsTotal,
        routes,
        deals,
        assessments: assessmentDocs,
        relationsTotal: tied.relation.total,
        routesTotal: tied.route.total,
        dealsTotal: tied.deal.total,
        assessmentsTotal: tied.about.total,
      };
    });
  }

  place(id: string, opts: { eventLimit?: number } = {}): Promise<PlaceDetail | undefined> {
    return this.run(async (db) => {
      const row = await db
        .selectFrom("entities")
        .select("doc")
        .where("id", "=", id)
        .where("kind", "=", "place")
        .executeTakeFirst();
      if (!row) return undefined;
      const limit = opts.eventLimit ?? 100;
      const total = await db
        .selectFrom("event_places")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("place", "=", id)
        .executeTakeFirstOrThrow();
      const first = await this.firstTimed(db, "event_places", "place", id, limit);
      const summaries = await this.summaries(
        db,
        first.map((r) => r.id),
      );
      const legs = new Map<string, number[]>();
      for (const r of await this.refs(db, id, "leg")) {
        const list = legs.get(r.id);
        if (list) list.push(Number(r.info));
        else legs.set(r.id, [Number(r.info)]);
      }
      const routeDocs = await this.docs<Route>(db, "route", [...legs.keys()]);
      return {
        place: JSON.parse(row.doc) as Place,
        events: first.map((r) => summaries.get(r.id) as EventSummary),
        eventsTotal: Number(total.n),
        routes: [...legs.entries()].flatMap(([rid, l]) => {
          const r = routeDocs.get(rid);
          return r ? [{ id: rid, name: r.name, cargo: r.cargo, legs: l }] : [];
        }),
      };
    });
  }

  // ---- network -----------------------------------------------------------------------------

  /**
   * The network's index, built from the database once per data version. Over more than WHOLE_GRAPH_LIMIT
   * actor–event rows (millions of events) it holds the relations only: ties by shared events
   * are then not offered (asking for them is a 400 naming `sharedEvents`).
   */
  private graphIndex(): Promise<{ index: GraphIndex; withEvents: boolean }> {
    if (this.graphCache?.version === this.version) return Promise.resolve(this.graphCache);
    if (this.graphBuild?.version !== this.version) {
      const asked = this.version;
      const run = this.aside((db) => this.buildGraph(db)).then(({ version, ...g }) => {
        // kept only when the snapshot read is the version the store serves
        if (version === this.version) this.graphCache = { version, ...g };
        return g;
      });
      const build = { version: asked, run };
      this.graphBuild = build;
      run.then(
        () => {
          if (this.graphBuild === build) this.graphBuild = null;
        },
        () => {
          if (this.graphBuild === build) this.graphBuild = null;
        },
      );
    }
    return this.graphBuild?.run as Promise<{ index: GraphIndex; withEvents: boolean }>;
  }

  private async buildGraph(db: Db): Promise<{ version: string; index: GraphIndex; withEvents: boolean }> {
    const meta = await db
      .selectFrom("dealmap_meta")
      .select("value")
      .where("key", "=", "version")
      .executeTakeFirst();
    const withEvents = !(await this.moreRowsThan(db, this.graphRows));
    // only what the network reads (names, kinds, countries; ends, types, periods): at 10M events
    // the whole documents of 200,000 actors and 400,000 relations would hold 400 MB more
    // built page by page, requests running between pages (in one go it held them for half a
    // second at 400,000 relations)
    const builder = new GraphIndexBuilder();
    // one string per actor id and per type, shared by every relation naming it (each parsed
    // document has its own copies: 800,000 ends at 10M events)
    const pool = new Map<string, string>();
    const intern = <S extends string>(x: S): S => {
      const kept = pool.get(x);
      if (kept !== undefined) return kept as S;
      pool.set(x, x);
      return x;
    };
    await this.paged(async (after, n) => {
      let q = db
        .selectFrom("entities")
        .select(["id", "label", "sub", "country", "ord"])
        .where("kind", "=", "actor");
      if (after !== null) q = q.where("ord", ">", after);
      const rows = await q.orderBy("ord").limit(n).execute();
      builder.addActors(
        rows.map(
          (r) => ({ id: intern(r.id), name: r.label, kind: r.sub, country: r.country }) as unknown as Actor,
        ),
      );
      return rows;
    });
    await this.paged(async (after, n) => {
      let q = db.selectFrom("entities").select(["doc", "ord"]).where("kind", "=", "relation");
      if (after !== null) q = q.where("ord", ">", after);
      const rows = await q.orderBy("ord").limit(n).execute();
      builder.addRelations(
        rows.map((row) => {
          const r = JSON.parse(row.doc) as Relation;
          return {
            id: r.id,
            type: intern(r.type),
            from: intern(r.from),
            to: intern(r.to),
            ...(r.when ? { when: r.when } : {}),
          } as Relation;
        }),
      );
      return rows;
    });
    if (withEvents) {
      // each event's participants, in dataset order, as the in-memory index reads them; streamed
      // and added a page of events at a time, requests running between pages (read at once, the
      // 1.26M rows of a 700k-event import held the heap at 460 MB, which stayed as RSS)
      let events: { id: string; participants: { actor: string }[] }[] = [];
      const ties = db
        .selectFrom("event_actors as a")
        .innerJoin("events as e", "e.id", "a.id")
        .select(["a.actor", "a.id"])
        .where("a.roles", "<>", "claimant")
        .orderBy("e.ord")
        .stream(this.pageRows);
      for await (const t of ties) {
        const last = events[events.length - 1];
        if (last?.id === t.id) {
          last.participants.push({ actor: intern(t.actor) });
          continue;
        }
        // the last event of a page is whole once the next one begins
        if (events.length >= this.pageRows) {
          builder.addEvents(events);
          events = [];
          await new Promise((r) => setImmediate(r));
        }
        events.push({ id: t.id, participants: [{ actor: intern(t.actor) }] });
      }
      builder.addEvents(events);
    }
    const index = builder.build();
    return { version: meta?.value ?? "", index, withEvents };
  }

  /**
   * Whether `event_actors` holds more than `limit` rows: a row past it, not a count (counting 30
   * million rows took seconds warm and half a minute from a cold disk). SQLite answers on this
   * thread, and skipping 2,000,000 rows at once held every request for 0.4 s over 1M events, so
   * there the skip goes by rowid in steps, yielding to requests between them.
   */
  private async moreRowsThan(db: Db, limit: number): Promise<boolean> {
    if (this.engine !== "sqlite") {
      const past = await db.selectFrom("event_actors").select("id").limit(1).offset(limit).executeTakeFirst();
      return past !== undefined;
    }
    // steps of 40,000 rows by default (20 pages)
    const STEP = this.pageRows * 20;
    const nth = async (after: number, skip: number) =>
      (
        await sql<{
          r: number;
        }>`SELECT rowid AS r FROM event_actors WHERE rowid > ${after} ORDER BY rowid LIMIT 1 OFFSET ${skip}`.execute(
          db,
        )
      ).rows[0]?.r;
    let after = 0;
    let passed = 0;
    while (passed + STEP <= limit) {
      const r = await nth(after, STEP - 1);
      if (r === undefined) return false;
      after = Number(r);
      passed += STEP;
      await new Promise((done) => setImmediate(done));
    }
    return (await nth(after, limit - passed)) !== undefined;
  }

  /** Refuse ties by shared events where the index has none (see graphIndex). */
  private withoutEvents(g: { withEvents: boolean }, field: string, wanted: boolean): void {
    if (wanted && !g.withEvents)
      throw new StoreBadInputError(
        field,
        `ties by shared events are not computed over more than ${this.graphRows.toLocaleString("en")} actor–event rows; set ${field}=false to see the relations`,
      );
  }

  /** Graphs already answered, per data version and options (see `graph`). */
  private readonly graphs = new KeptAnswers<ActorGraph>(32);

  async graph(opts: GraphOptions): Promise<ActorGraph> {
    const around = opts.around;
    if (around !== undefined) await this.run((db) => this.expect(db, "around", around, "actor"));
    // the index is read aside (see `aside`), not in a request's transaction
    const g = await this.graphIndex();
    this.withoutEvents(g, "sharedEvents", opts.sharedEvents !== false);
    // ranking 200,000 actors by their ties takes half a second: the same question about the
    // same data gets the answer it got, for the few latest questions
    const key = JSON.stringify(opts, Object.keys(opts).sort());
    return this.graphs.get(this.version, key, async () => actorGraph(g.index, opts));
  }

  async path(
    from: string,
    to: string,
    opts: { types?: RelationType[]; at?: string; viaSharedEvents?: boolean },
  ): Promise<ActorPath> {
    await this.run(async (db) => {
      await this.expect(db, "from", from, "actor");
      await this.expect(db, "to", to, "actor");
    });
    const g = await this.graphIndex();
    this.withoutEvents(g, "viaSharedEvents", opts.viaSharedEvents === true);
    try {
      return shortestPath(g.index, from, to, opts);
    } catch (err) {
      if (err instanceof UnknownActorError) throw new StoreNotFoundError(err.field, err.id, "actor");
      throw err;
    }
  }

  // ---- routes, deals, ledger ---------------------------------------------------------------

  private async placeMap(db: Db): Promise<Map<string, Place>> {
    return new Map((await this.allOf<Place>(db, "place")).map((p) => [p.id, p]));
  }

  routes(opts: { at: string; cargo?: Cargo; kind?: RouteKind }): Promise<RouteListItem[]> {
    return this.run(async (db) =>
      (await this.allOf<Route>(db, "route"))
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
        }),
    );
  }

  route(id: string, at: string): Promise<RouteDetailOut | undefined> {
    return this.run(async (db) => {
      const row = await db
        .selectFrom("entities")
        .select("doc")
        .where("id", "=", id)
        .where("kind", "=", "route")
        .executeTakeFirst();
      if (!row) return undefined;
      const route = JSON.parse(row.doc) as Route;
      const places = await this.docs<Place>(
        db,
        "place",
        route.legs.flatMap((l) => [l.from, l.to]),
      );
      const detail = routeDetail(route, places, at);
      const onRoute = await db
        .selectFrom("event_routes")
        .select(["cls", "lo", "hi", "date", "id"])
        .where("route", "=", id)
        .execute();
      onRoute.sort(compareTimed);
      const ids = onRoute.map((r) => r.id);
      for (const eid of new Set(route.statuses.flatMap((s) => s.events)))
        if (!ids.includes(eid)) ids.push(eid);
      const summaries = await this.summaries(db, ids);
      const actors = await this.actorRefs(db, route.actors);
      return {
        ...detail,
        events: ids.flatMap((x) => (summaries.has(x) ? [summaries.get(x) as EventSummary] : [])),
        actors: route.actors.map((a) => actors.get(a) as ActorRef),
      };
    });
  }

  compareRoutes(cargo: Cargo, at: string): Promise<RouteComparisonRow[]> {
    return this.run(async (db) =>
      compareRoutes(await this.allOf<Route>(db, "route"), cargo, await this.placeMap(db), at),
    );
  }

  deals(opts: { party?: string }, page: PageRequest = {}): Promise<PageOf<Deal>> {
    return this.run(async (db) => {
      if (opts.party !== undefined) await this.expect(db, "party", opts.party, "actor");
      const party = opts.party;
      if (party === undefined) return this.dealPage(db, page);
      const ids = [...this.grouped(await this.refs(db, party, "deal")).keys()];
      const docs = await this.docs<Deal>(db, "deal", ids);
      const ords = await db
        .selectFrom("entities")
        .select(["id", "ord"])
        .where(idIn(this.engine, ids))
        .execute();
      const ord = new Map(ords.map((o) => [o.id, o.ord]));
      const deals = [...docs.values()]
        .filter((d) => d.parties.includes(party) || d.brokers.includes(party))
        .sort((a, b) => (ord.get(a.id) ?? 0) - (ord.get(b.id) ?? 0));
      return pageOf(deals, (d) => d.id, page);
    });
  }

  /** A page of all deals in dataset order, read by (kind, ord) from the cursor on. */
  private async dealPage(db: Db, page: PageRequest): Promise<PageOf<Deal>> {
    const counted = await db
      .selectFrom("entities")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("kind", "=", "deal")
      .executeTakeFirst();
    const total = Number(counted?.n ?? 0);
    let q = db.selectFrom("entities").select(["id", "doc"]).where("kind", "=", "deal").orderBy("ord");
    if (page.cursor !== undefined) {
      const at = await db
        .selectFrom("entities")
        .select("ord")
        .where("id", "=", page.cursor)
        .where("kind", "=", "deal")
        .executeTakeFirst();
      if (!at) throw new StoreBadInputError("cursor", `"${page.cursor}" is not an item of this list`);
      q = q.where("ord", ">", at.ord);
    }
    // one more than the page tells whether more follow
    if (page.limit !== undefined) q = q.limit(page.limit + 1);
    const rows = await q.execute();
    const more = page.limit !== undefined && rows.length > page.limit;
    const items = (more ? rows.slice(0, page.limit) : rows).map((r) => JSON.parse(r.doc) as Deal);
    return { items, total, nextCursor: more ? (items[items.length - 1]?.id ?? null) : null };
  }

  deal(id: string): Promise<DealDetail | undefined> {
    return this.run(async (db) => {
      const row = await db
        .selectFrom("entities")
        .select("doc")
        .where("id", "=", id)
        .where("kind", "=", "deal")
        .executeTakeFirst();
      if (!row) return undefined;
      const d = JSON.parse(row.doc) as Deal;
      const entries = ledgerEntries([d]);
      const eventIds = [...new Set(d.concessions.flatMap((c) => c.events))];
      const summaries = await this.summaries(db, eventIds);
      const actors = await this.actorRefs(db, [...d.parties, ...d.brokers]);
      return {
        deal: d,
        parties: d.parties.map((p) => actors.get(p) as ActorRef),
        brokers: d.brokers.map((p) => actors.get(p) as ActorRef),
        entries,
        totals: runningTotals(entries),
        events: eventIds.flatMap((x) => (summaries.has(x) ? [summaries.get(x) as EventSummary] : [])),
        assessments: await this.assessmentsAbout(db, id),
      };
    });
  }

  /** The ledger's pairs in order, worked out once per data version (see `ledger`). */
  private readonly ledgerOrder = new KeptAnswers<LedgerSlot[]>(1);

  /**
   * Every pair of parties in the ledger's order (most concessions first, then by parties), each
   * with its deals: a pass over every deal (0.7 s at 50,000 deals), read aside (see `aside`)
   * once per data version. Only this order is kept, not the pairs' entries and totals (over
   * 10M events those held 110 MB): a page works them out from its own deals.
   */
  private ledgerSlots(): Promise<LedgerSlot[]> {
    return this.ledgerOrder.get(this.version, "", () =>
      this.aside(async (db) => {
        const slots = new Map<string, LedgerSlot>();
        await this.paged(async (after, n) => {
          let q = db.selectFrom("entities").select(["doc", "ord"]).where("kind", "=", "deal");
          if (after !== null) q = q.where("ord", ">", after);
          const rows = await q.orderBy("ord").limit(n).execute();
          for (const row of rows) {
            const d = JSON.parse(row.doc) as Deal;
            for (const c of d.concessions) {
              const parties = (c.by < c.to ? [c.by, c.to] : [c.to, c.by]) as [string, string];
              const key = ledgerKey({ parties });
              const slot = slots.get(key);
              if (!slot) slots.set(key, { key, parties, deals: [d.id], entries: 1 });
              else {
                slot.entries++;
                if (slot.deals[slot.deals.length - 1] !== d.id) slot.deals.push(d.id);
              }
            }
          }
          return rows;
        });
        // the order of dealLedger
        const join = (x: LedgerSlot) => x.parties.join();
        return [...slots.values()].sort((a, b) => b.entries - a.entries || (join(a) < join(b) ? -1 : 1));
      }),
    );
  }

  async ledger(opts: { party?: string; with?: string }, page: PageRequest = {}): Promise<PageOf<LedgerPair>> {
    await this.run(async (db) => {
      if (opts.party !== undefined) await this.expect(db, "party", opts.party, "actor");
      if (opts.with !== undefined) await this.expect(db, "with", opts.with, "actor");
    });
    const all = await this.ledgerSlots();
    const { party, with: other } = opts;
    const slots =
      party !== undefined && other !== undefined
        ? all.filter((s) => s.key === ledgerKey({ parties: party < other ? [party, other] : [other, party] }))
        : party !== undefined || other !== undefined
          ? all.filter((s) => s.parties.includes((party ?? other) as string))
          : all;
    const cut = pageOf(slots, (s) => s.key, page);
    // the page's pairs from their deals: a pair's entries all come from its own deals
    const deals = await this.run((db) =>
      this.docs<Deal>(
        db,
        "deal",
        cut.items.flatMap((s) => s.deals),
      ),
    );
    const worked = new Map(dealLedger([...deals.values()]).map((p) => [ledgerKey(p), p]));
    return {
      ...cut,
      items: cut.items.map(
        (s) => worked.get(s.key) ?? { parties: s.parties, deals: [], entries: [], totals: [] },
      ),
    };
  }

  // ---- sources and assessments -------------------------------------------------------------

  private async textOf(
    db: Db,
    id: string,
  ): Promise<{ status: SourceTextStatus; paragraphs: string[] | null }> {
    const t = await db
      .selectFrom("source_texts")
      .select(["status", "paragraphs"])
      .where("source", "=", id)
      .executeTakeFirst();
    if (!t) return { status: "absent", paragraphs: null };
    return {
      status: t.status as SourceTextStatus,
      paragraphs: t.paragraphs ? (JSON.parse(t.paragraphs) as string[]) : null,
    };
  }

  /** Claims per source, per data version. */
  private readonly claimCounts = new KeptAnswers<Map<string, number>>(1);

  sources(): Promise<SourceListItem[]> {
    return this.run(async (db) => {
      const sources = await this.allOf<SourceListItem["source"]>(db, "source");
      // counting the claims visits every citation (tens of millions at 10M events): once per
      // data version, not once per request
      const n = await this.claimCounts.get(this.version, "", async () => {
        const counts = await db
          .selectFrom("citations")
          .select(["source", (eb) => eb.fn.countAll<number>().as("n")])
          .groupBy("source")
          .execute();
        return new Map(counts.map((c) => [c.source, Number(c.n)]));
      });
      const texts = await db.selectFrom("source_texts").select(["source", "status"]).execute();
      const status = new Map(texts.map((t) => [t.source, t.status as SourceTextStatus]));
      return sources.map((source) => ({
        source,
        claims: n.get(source.id) ?? 0,
        text: status.get(source.id) ?? "absent",
      }));
    });
  }

  source(id: string): Promise<SourceDetail | undefined> {
    return this.run(async (db) => {
      const row = await db
        .selectFrom("entities")
        .select("doc")
        .where("id", "=", id)
        .where("kind", "=", "source")
        .executeTakeFirst();
      if (!row) return undefined;
      const rows = await db
        .selectFrom("citations")
        .select(["kind", "id", "label", "path", "field", "citation"])
        .where("source", "=", id)
        .orderBy("ord")
        .execute();
      const claims: CitingClaim[] = rows.map((r) => ({
        kind: r.kind,
        id: r.id,
        label: r.label,
        path: r.path,
        field: r.field,
        citation: JSON.parse(r.citation),
      }));
      const text = await this.textOf(db, id);
      const paras = text.paragraphs;
      const assessmentIds = [...this.grouped(await this.refs(db, id, "assessment-source")).keys()];
      const assessments = await this.docs<Assessment>(db, "assessment", assessmentIds);
      return {
        source: JSON.parse(row.doc),
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
        assessments: assessmentIds.flatMap((a) =>
          assessments.has(a) ? [assessments.get(a) as Assessment] : [],
        ),
      };
    });
  }

  assessments(filter: AssessmentFilter): Promise<Assessment[]> {
    return this.run(async (db) => {
      if (filter.about !== undefined && (await this.kindOf(db, filter.about)) === undefined)
        throw new StoreNotFoundError("about", filter.about, "entity");
      if (filter.source !== undefined) await this.expect(db, "source", filter.source, "source");
      return (await this.allOf<Assessment>(db, "assessment")).filter(
        (a) =>
          (filter.about === undefined || a.about.includes(filter.about)) &&
          (filter.source === undefined || a.source === filter.source) &&
          (filter.topic === undefined || a.topic === filter.topic),
      );
    });
  }

  /**
   * Recent search results of this data version, as the domain's in-memory index keeps them
   * (256): a search reads and ranks up to 400 candidates, and people repeat their searches.
   */
  private readonly searchCache = new Map<string, SearchHitOut[]>();

  async search(q: string, opts: { limit?: number; kinds?: SearchKindName[] }): Promise<SearchHitOut[]> {
    const key = `${this.version}\u0000${q}\u0000${opts.limit ?? ""}\u0000${opts.kinds?.join(",") ?? ""}`;
    const hit = this.searchCache.get(key);
    if (hit) {
      // most recently used last
      this.searchCache.delete(key);
      this.searchCache.set(key, hit);
      return hit;
    }
    const hits = await this.searchUncached(q, opts);
    this.searchCache.set(key, hits);
    if (this.searchCache.size > 256) this.searchCache.delete(this.searchCache.keys().next().value as string);
    return hits;
  }

  private searchUncached(
    q: string,
    opts: { limit?: number; kinds?: SearchKindName[] },
  ): Promise<SearchHitOut[]> {
    return this.run((db) =>
      searchSql(db, q, opts, async (found) => {
        // an imported actor merged away by an accepted same-as keeps its postings: it is found
        // as the actor it was merged into (from the meta's statements, no query), with its names
        const refs = found.map((r) => ({ kind: r.kind, id: this.mergedInto.get(r.id) ?? r.id }));
        const byKind = (k: string) => refs.filter((r) => r.kind === k).map((r) => r.id);
        const list = async <T>(k: string) => [...(await this.docs<T>(db, k, byKind(k))).values()];
        const withMerged = (a: Actor): Actor => {
          const names = this.mergedNames.get(a.id);
          return names ? { ...a, aliases: [...a.aliases, ...names.map((name) => ({ name }))] } : a;
        };
        return {
          actors: (await list<Actor>("actor")).map(withMerged),
          places: await list<Place>("place"),
          events: await list<StoryEvent>("event"),
          routes: await list<Route>("route"),
          deals: await list<Deal>("deal"),
          sources: await list<SourceListItem["source"]>("source"),
        };
      }),
    );
  }
}

/** Serving needs data: an empty database is refused with what to do. */
class DatabaseErrorEmpty extends Error {
  constructor(name: string) {
    super(`${name}: the database holds no data yet (fill it with "dealmap db load" or "dealmap db synth")`);
    this.name = "DatabaseError";
  }
}

void PLURAL;
