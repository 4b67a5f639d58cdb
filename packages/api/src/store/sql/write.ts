/**
 * Filling a Dealmap database: every entity becomes its row plus the rows the queries search
 * by, written in ONE transaction that first empties the data tables — readers see the data
 * before the load or after it, never a mix, and a load that dies leaves the database as it was.
 *
 * Entities arrive one at a time (a loaded dataset, or the synthetic generator's stream of ten
 * million events), so memory stays flat. The bulk insert is the one engine-specific part:
 * prepared statements on better-sqlite3, `COPY … FROM STDIN` on PostgreSQL.
 */
import { createHash } from "node:crypto";
import { availableParallelism } from "node:os";
import { finished } from "node:stream/promises";
import {
  type Actor,
  boundsOf,
  type Citation,
  citingClaimsOf,
  DAY_MS,
  type Dataset,
  type DatasetStats,
  ENTITY_KINDS,
  type EntityKind,
  mergeStats,
  type Provenance,
  SINGULAR,
  type StoryEvent,
  spanClassOf,
  statsAccumulator,
} from "@dealmap/domain";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { storeVersion } from "../memory.ts";
import type { SearchKindName } from "../types.ts";
import {
  ASIDE_TABLES,
  type Aside,
  type AsideRun,
  asideIndexes,
  makeScratch,
  removeScratch,
  scratchFileOf,
} from "./aside.ts";
import { DatabaseError, type OpenedDatabase } from "./engine.ts";
import {
  COUNT_ACTOR_ROLES,
  countEventDays,
  DATA_TABLES,
  type Engine,
  EVENT_PHASE,
  indexStatements,
  makeTies,
  TIES_INDEX,
} from "./schema.ts";
import { SearchRows } from "./search.ts";

/** One entity of a stream: its plural kind (as in a Dataset) and the value. */
export type EntityItem = { [K in EntityKind]: { kind: K; entity: Dataset[K][number] } }[EntityKind];

export interface LoadMeta {
  /** The datasets loaded, in order (e.g. ["built-in", "my-memo"]). */
  datasets: string[];
  /** The dataset that defines each entity (default: the first dataset). */
  datasetOf?: (id: string) => string | undefined;
  provenance?: Provenance;
  /** Checked source texts: paragraphs by source id, and the warnings loading them gave. */
  texts?: {
    texts: ReadonlyMap<string, readonly string[]>;
    warnings?: readonly { sourceId?: string; message: string }[];
  };
  /** Content version; default: a hash of the entities in the order they came. */
  version?: string;
  onProgress?: (done: number) => void;
  /**
   * A second thread making the rows of ASIDE_TABLES from the same entities (see aside.ts): used
   * when filling an empty SQLite database; otherwise this thread writes every row.
   */
  aside?: Aside;
  /**
   * Stops the load when aborted (e.g. on Ctrl-C): it rolls back and throws, leaving the database
   * as it was. Checked every 10,000 entities and between the steps of its end.
   */
  signal?: AbortSignal;
}

export interface LoadSummary {
  counts: Record<string, number>;
  rows: number;
  seconds: number;
  version: string;
  /** Threads that wrote the rows: 2 when a load was split (see aside.ts), else 1. */
  writers: 1 | 2;
}

type Row = Record<string, string | number | null>;

/** Where rows go: one implementation per engine. */
export interface Sink {
  insert(table: string, row: Row, ignoreConflicts?: boolean): void | Promise<void>;
  exec(statement: string): Promise<void>;
  /** A statement with `?` placeholders, inside the write's transaction, after pending rows. */
  query<T = Record<string, unknown>>(statement: string, params?: unknown[]): Promise<T[]>;
  flush(): Promise<void>;
  /** Write what is pending, make the ties of the targets touched again (see retie), commit. */
  commit(): Promise<void>;
  rollback(): Promise<void>;
  rows: number;
  /** The targets whose reference rows this write added or removed. */
  readonly ties: TieTargets;
}

/**
 * The targets of the reference rows a write added or removed, whose ties (`ties`, the rows
 * grouped by entity) are made again before it commits; past `MAX` of them (or after a load,
 * which writes every row again), all the ties are.
 */
export class TieTargets {
  private static readonly MAX = 50_000;
  readonly targets = new Set<string>();
  all = false;
  add(target: string): void {
    if (this.all) return;
    this.targets.add(target);
    if (this.targets.size > TieTargets.MAX) this.everything();
  }
  everything(): void {
    this.all = true;
    this.targets.clear();
  }
}

/** Make the ties of the targets a write touched from their reference rows, in its transaction. */
async function retie(sink: Sink, engine: Engine): Promise<void> {
  const { ties } = sink;
  if (ties.all) {
    // all of them: without the index, built again after (much faster than row by row)
    await sink.exec(`DROP INDEX IF EXISTS ${TIES_INDEX.name}`);
    await sink.exec("DELETE FROM ties");
    await sink.exec(makeTies(engine, "1 = 1"));
    await sink.exec(TIES_INDEX.create);
  } else {
    const all = [...ties.targets];
    for (let i = 0; i < all.length; i += 500) {
      const chunk = all.slice(i, i + 500);
      const cond = `target IN (${chunk.map(() => "?").join(", ")})`;
      await sink.query(`DELETE FROM ties WHERE ${cond}`, chunk);
      await sink.query(makeTies(engine, cond), chunk);
    }
  }
  ties.targets.clear();
  ties.all = false;
}

/**
 * A sink's row buffers, one per table and shape (the row's keys, in order). A table's rows
 * nearly always come in one shape, so its last buffer is tried first, key by key, before the
 * key list and its name are made: over a load's hundreds of millions of rows that bookkeeping
 * went from about 0.8 to 0.3 µs a row (3M rows of three tables, without the database).
 */
class RowBuffers<B extends { keys: string[]; ignore: boolean }> {
  private readonly all = new Map<string, B>();
  private readonly last = new Map<string, B>();
  constructor(private readonly make: (table: string, keys: string[], ignore: boolean) => B) {}

  of(table: string, row: Row, ignore: boolean): B {
    const last = this.last.get(table);
    if (last !== undefined && last.ignore === ignore && sameKeys(row, last.keys)) return last;
    const keys = Object.keys(row);
    const name = `${table}|${ignore}|${keys.join(",")}`;
    let b = this.all.get(name);
    if (b === undefined) {
      b = this.make(table, keys, ignore);
      this.all.set(name, b);
    }
    this.last.set(table, b);
    return b;
  }

  values(): IterableIterator<B> {
    return this.all.values();
  }
}

function sameKeys(row: Row, keys: readonly string[]): boolean {
  let i = 0;
  for (const k in row) if (keys[i++] !== k) return false;
  return i === keys.length;
}

/** Rows buffered per table and column set, written 64 at a time by one prepared statement. */
export class SqliteSink implements Sink {
  rows = 0;
  readonly ties = new TieTargets();
  private static readonly BATCH = 64;
  private readonly statements = new Map<string, { run(...params: unknown[]): unknown }>();
  private readonly buffers = new RowBuffers((table, keys, ignore) => ({
    table,
    keys,
    ignore,
    values: [] as unknown[],
  }));
  /**
   * Begins the write transaction at once, so that a database another program is writing is
   * refused before anything is done. `mainOnly`: lock only `main`, not the databases attached
   * (BEGIN IMMEDIATE would lock them all): a transaction whose first statement writes to `main`.
   */
  constructor(
    private readonly raw: NonNullable<OpenedDatabase["sqlite"]>,
    name: string,
    mainOnly = false,
  ) {
    try {
      if (!mainOnly) raw.exec("BEGIN IMMEDIATE");
      else {
        raw.exec("BEGIN");
        try {
          raw.exec("DELETE FROM main.dealmap_meta WHERE 0");
        } catch (err) {
          raw.exec("ROLLBACK");
          throw err;
        }
      }
    } catch (err) {
      if ((err as { code?: string }).code === "SQLITE_BUSY")
        throw new DatabaseError(
          `${name}: the database is locked by another program (a load in progress?); nothing was written`,
        );
      throw err;
    }
  }
  private statement(b: { table: string; keys: string[]; ignore: boolean }, rows: number) {
    const key = `${b.table}|${b.ignore}|${b.keys.join(",")}|${rows}`;
    let st = this.statements.get(key);
    if (!st) {
      const one = `(${b.keys.map(() => "?").join(", ")})`;
      st = this.raw.prepare(
        `INSERT ${b.ignore ? "OR IGNORE " : ""}INTO ${b.table} (${b.keys.join(", ")}) VALUES ${new Array(rows).fill(one).join(", ")}`,
      );
      this.statements.set(key, st);
    }
    return st;
  }
  insert(table: string, row: Row, ignoreConflicts = false): void {
    const b = this.buffers.of(table, row, ignoreConflicts);
    const keys = b.keys;
    for (const k of keys) b.values.push(row[k]);
    this.rows++;
    if (b.values.length === keys.length * SqliteSink.BATCH) {
      this.statement(b, SqliteSink.BATCH).run(...b.values);
      b.values.length = 0;
    }
  }
  async exec(statement: string): Promise<void> {
    await this.flush();
    this.raw.exec(statement);
  }
  async query<T>(statement: string, params: unknown[] = []): Promise<T[]> {
    await this.flush();
    const st = this.raw.prepare(statement);
    if (st.reader) return st.all(...params) as T[];
    st.run(...params);
    return [];
  }
  async flush(): Promise<void> {
    for (const b of this.buffers.values()) {
      const n = b.values.length / b.keys.length;
      if (n > 0) this.statement(b, n).run(...b.values);
      b.values.length = 0;
    }
  }
  async commit(): Promise<void> {
    await retie(this, "sqlite");
    await this.flush();
    this.raw.exec("COMMIT");
  }
  async rollback(): Promise<void> {
    if (this.raw.inTransaction) this.raw.exec("ROLLBACK");
  }
}

/** The text a buffered PostgreSQL statement may carry before it is sent (characters). */
const MAX_STATEMENT_CHARS = 2_000_000;

/** The bytes of one COPY sent to the server at a time. */
const COPY_BYTES = 1 << 20;
const NO_BYTES = Buffer.alloc(0);

/** COPY's text format: backslash, tab, newline and carriage return escaped; `\N` is NULL. */
function copyField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return "\\N";
  if (typeof v === "number") return String(v);
  return /[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c] as string) : v;
}
const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

interface PgBuffer {
  table: string;
  keys: string[];
  ignore: boolean;
  /** `ignore`: column arrays for `unnest`; else the rows as COPY text, `at` bytes of `bytes`. */
  columns: unknown[][];
  bytes: Buffer;
  at: number;
  n: number;
  chars: number;
}

/**
 * Rows buffered per table and column set. Most go by `COPY … FROM STDIN`, PostgreSQL's bulk
 * path, one COPY of about a megabyte at a time while the next is being made; rows that may
 * meet a key already written (`ON CONFLICT DO NOTHING`, which COPY cannot do) go as
 * `INSERT … SELECT * FROM unnest(arrays)`.
 */
export class PostgresSink implements Sink {
  rows = 0;
  readonly ties = new TieTargets();
  private readonly buffers = new RowBuffers<PgBuffer>((table, keys, ignore) => ({
    table,
    keys,
    ignore,
    columns: keys.map(() => []),
    bytes: NO_BYTES,
    at: 0,
    n: 0,
    chars: 0,
  }));
  private types = new Map<string, Map<string, string>>();
  /** The COPY on its way; its failure is thrown by the next send, flush or commit. */
  private pending: Promise<void> = Promise.resolve();
  private constructor(readonly client: pg.PoolClient) {}

  static async open(pool: pg.Pool): Promise<PostgresSink> {
    const client = await pool.connect();
    const sink = new PostgresSink(client);
    await client.query("BEGIN");
    const cols = await client.query<{ table_name: string; column_name: string; udt_name: string }>(
      "SELECT table_name, column_name, udt_name FROM information_schema.columns WHERE table_schema = current_schema()",
    );
    for (const c of cols.rows) {
      let m = sink.types.get(c.table_name);
      if (!m) {
        m = new Map();
        sink.types.set(c.table_name, m);
      }
      m.set(c.column_name, c.udt_name);
    }
    return sink;
  }

  async insert(table: string, row: Row, ignoreConflicts = false): Promise<void> {
    const b = this.buffers.of(table, row, ignoreConflicts);
    const keys = b.keys;
    this.rows++;
    if (b.ignore) {
      b.n++;
      keys.forEach((k, i) => {
        const v = row[k];
        if (typeof v === "string") b.chars += v.length;
        (b.columns[i] as unknown[]).push(v);
      });
      // 5,000 rows a statement, or fewer when they are long: node-postgres writes each
      // array parameter out as one literal, so a statement's text is held twice
      if (b.n >= 5000 || b.chars >= MAX_STATEMENT_CHARS) await this.send(b);
      return;
    }
    let line = "";
    for (let i = 0; i < keys.length; i++) line += (i === 0 ? "" : "\t") + copyField(row[keys[i] as string]);
    line += "\n";
    // written into the batch's bytes line by line: one long string built by `+=` is a rope
    // of small pieces that Node would have to flatten before encoding it
    if (b.at + 3 * line.length > b.bytes.length) {
      await this.send(b);
      b.bytes = Buffer.allocUnsafe(Math.max(COPY_BYTES, 3 * line.length));
    }
    b.at += b.bytes.write(line, b.at);
    b.n++;
  }

  private async send(b: PgBuffer) {
    if (b.n === 0) return;
    await this.pending;
    if (b.ignore) {
      const types = this.types.get(b.table);
      const casts = b.keys.map((k, i) => `$${i + 1}::${types?.get(k) ?? "text"}[]`);
      await this.client.query(
        `INSERT INTO ${b.table} (${b.keys.join(", ")}) SELECT * FROM unnest(${casts.join(", ")}) ON CONFLICT DO NOTHING`,
        b.columns,
      );
      b.columns = b.keys.map(() => []);
    } else {
      const stream = this.client.query(copyFrom(`COPY ${b.table} (${b.keys.join(", ")}) FROM STDIN`));
      const done = finished(stream);
      stream.end(b.bytes.subarray(0, b.at));
      // the stream holds those bytes until they are written: the next rows get their own
      b.bytes = NO_BYTES;
      b.at = 0;
      this.pending = done;
      // handled here so that it is never an unhandled rejection; thrown where it is awaited
      done.catch(() => {});
    }
    b.n = 0;
    b.chars = 0;
  }

  async exec(statement: string): Promise<void> {
    await this.flush();
    await this.client.query(statement);
  }
  async query<T>(statement: string, params: unknown[] = []): Promise<T[]> {
    await this.flush();
    let i = 0;
    const text = statement.replace(/\?/g, () => `$${++i}`);
    return (await this.client.query(text, params)).rows as T[];
  }
  async flush(): Promise<void> {
    for (const b of this.buffers.values()) await this.send(b);
    await this.pending;
  }
  async commit(): Promise<void> {
    await retie(this, "postgres");
    await this.flush();
    await this.client.query("COMMIT");
    this.client.release();
  }
  async rollback(): Promise<void> {
    try {
      await this.pending.catch(() => {});
      await this.client.query("ROLLBACK");
    } finally {
      this.client.release();
    }
  }
}

const asJson = (v: unknown) => JSON.stringify(v);

/** The dataset's own kind field of an entity, kept in a column for list filters. */
function subOf(kind: EntityKind, e: Record<string, unknown>): string | null {
  if (kind === "assessments") return (e.topic as string) ?? null;
  if (kind === "relations") return (e.type as string) ?? null;
  if (kind === "deals") return null;
  return typeof e.kind === "string" ? e.kind : null;
}

function labelOf(e: { id: string; name?: string; title?: string }): string {
  return e.name ?? e.title ?? e.id;
}

/** Where numbering continues when rows are added beside others (an import). */
export interface RowOffsets {
  /** Next position per plural kind. */
  ords: Map<string, number>;
  refs: number;
  citations: number;
}

/**
 * The day an event counts on in the timeline's density: the middle of its bounds, or its one
 * finite bound, or none. The same arithmetic as countEventDays' SQL (doubles on both engines).
 */
export function dayOf(lo: number, hi: number): number | null {
  const anchor = lo > -1e300 && hi < 1e300 ? (lo + hi) / 2 : lo > -1e300 ? lo : hi < 1e300 ? hi : null;
  return anchor === null ? null : Math.floor(anchor / DAY_MS);
}

/** The map under `key` in `outer`, made when missing. */
function inner<K, V extends Map<unknown, unknown>>(outer: Map<K, V>, key: K): V {
  let m = outer.get(key);
  if (m === undefined) {
    m = new Map() as V;
    outer.set(key, m);
  }
  return m;
}

/** Counts kept while rows are made: see RowMaker.tally. */
export class Tally {
  /** dataset → kind → day → events */
  private readonly days = new Map<string, Map<string, Map<number | null, number>>>();

  day(day: number | null, kind: string, dataset: string): void {
    const m = inner(inner(this.days, dataset), kind);
    m.set(day, (m.get(day) ?? 0) + 1);
  }

  /** Level 1 of `event_days` (the levels above are summed from it in SQL). */
  async writeDays(sink: Sink): Promise<void> {
    for (const [dataset, kinds] of this.days)
      for (const [kind, m] of kinds)
        for (const [day, n] of m) await sink.insert("event_days", { level: 1, day, kind, dataset, n });
  }
}

/** Which of an entity's rows a RowMaker writes. */
export type RowPart = "all" | "main" | "aside";

/** Makes the rows of each entity as it comes. */
export class RowMaker {
  private readonly ords: Map<string, number>;
  private seq: number;
  private citationSeq: number;
  readonly search = new SearchRows();
  private searchAdded = 0;
  readonly stats = statsAccumulator();
  readonly counts: Record<string, number> = {};
  readonly hash = createHash("sha256");
  /** The actors of the events added (kept only when asked: an import recounts their roles). */
  readonly eventActors: Set<string> | undefined;
  /**
   * Events counted per day, kind and dataset as they are written (used by a load, which writes
   * every event row of its datasets: the same counts as reading the table again afterwards, which
   * took 23.7 s of a 10M-event fill; these take about 1 s).
   */
  readonly tally = new Tally();

  /** Whether this maker writes the rows kept aside (search, per-role) and the rest. */
  private readonly aside: boolean;
  private readonly main: boolean;

  constructor(
    private readonly sink: Sink,
    private readonly meta: Pick<LoadMeta, "datasets" | "datasetOf">,
    start?: RowOffsets,
    trackActors = false,
    /** "main" and "aside" split a load between two threads (see aside.ts); "all" writes every row. */
    part: RowPart = "all",
  ) {
    this.aside = part !== "main";
    this.main = part !== "aside";
    this.ords = new Map(start?.ords ?? []);
    this.seq = start?.refs ?? 0;
    this.citationSeq = start?.citations ?? 0;
    this.eventActors = trackActors ? new Set() : undefined;
  }

  /** A tie of `target` to `id`, made by writing `owner` (the entity `id` itself, or an event). */
  private ref(target: string, rel: string, id: string, info: string, phase = 0, owner = id) {
    this.sink.ties.add(target);
    return this.sink.insert("refs", { target, rel, id, info, ord: phase + this.seq++, owner });
  }

  /**
   * Write one entity and every row made from it, at the next position of its kind, or at `at`
   * (an entity written back where it was: see unacceptSameAs). Returns the position.
   */
  async add(item: EntityItem, at?: number): Promise<number> {
    const { kind, entity } = item;
    if (!this.main) {
      if (kind === "events") await this.addEventRoles(entity as StoryEvent);
      await this.fileSearch(kind, entity);
      return 0;
    }
    const e = entity as unknown as Record<string, unknown> & { id: string };
    const ord = at ?? this.take(kind);
    this.counts[kind] = (this.counts[kind] ?? 0) + 1;
    this.stats.add(kind, entity as never);
    const doc = asJson(entity);
    this.hash.update(kind).update(doc);
    const dataset = this.meta.datasetOf?.(e.id) ?? this.meta.datasets[0] ?? "built-in";
    const sink = this.sink;
    if (kind === "events") {
      await this.addEvent(entity as StoryEvent, ord, dataset, doc);
    } else {
      await sink.insert("entities", {
        id: e.id,
        kind: SINGULAR[kind],
        ord,
        sub: subOf(kind, e),
        country: (e.country as string | undefined) ?? null,
        label: labelOf(e as { id: string }),
        dataset,
        doc,
      });
      await this.addRefs(item);
    }
    for (const c of citingClaimsOf(kind, entity as { id: string })) {
      await sink.insert("citations", {
        source: c.citation.source,
        ord: this.citationSeq++,
        paragraph: c.citation.paragraph ?? null,
        kind: c.kind,
        id: c.id,
        label: c.label,
        path: c.path,
        field: c.field,
        citation: asJson(c.citation),
      });
    }
    if (this.aside) await this.fileSearch(kind, entity);
    return ord;
  }

  /** The entity's search postings (and its keys' vocabulary), if its kind is searched. */
  private async fileSearch(kind: EntityKind, entity: EntityItem["entity"]): Promise<void> {
    const searchKind = SINGULAR[kind] as SearchKindName;
    if (["actor", "place", "event", "route", "deal", "source"].includes(searchKind)) {
      this.search.add(searchKind, entity as never);
      if (++this.searchAdded % 2000 === 0) await this.drainSearch();
    }
  }

  /** The next position of a kind, taken (an entity left out keeps its place: see importEntities). */
  take(kind: EntityKind): number {
    const ord = this.ords.get(kind) ?? 0;
    this.ords.set(kind, ord + 1);
    return ord;
  }

  /**
   * An imported actor merged into a curated one (an accepted same-as): only its search postings,
   * under its own id, which the search follows to the curated actor.
   */
  async searchOnly(actor: Actor): Promise<void> {
    this.search.add("actor", actor as never);
    if (++this.searchAdded % 2000 === 0) await this.drainSearch();
  }

  async drainSearch(): Promise<void> {
    for (const batch of this.search.drain())
      for (const row of batch.rows) await this.sink.insert(batch.table, row as Row, batch.onConflictIgnore);
  }

  /** Each actor of an event and its roles in the event, in the order the event names them. */
  private rolesOf(ev: StoryEvent): Map<string, string[]> {
    const roles = new Map<string, string[]>();
    for (const p of ev.participants) {
      const list = roles.get(p.actor);
      if (!list) roles.set(p.actor, [p.role]);
      else if (!list.includes(p.role)) list.push(p.role);
    }
    if (ev.claimedBy) {
      const list = roles.get(ev.claimedBy);
      if (!list) roles.set(ev.claimedBy, ["claimant"]);
      else list.push("claimant");
    }
    return roles;
  }

  /** An event's rows per actor and role (written by the aside part of a split load). */
  private async addEventRoles(ev: StoryEvent) {
    const b = boundsOf(ev.date);
    const timed = { cls: spanClassOf(b), lo: b.min, hi: b.max, date: ev.date, id: ev.id };
    for (const [actor, list] of this.rolesOf(ev))
      for (const role of list) await this.sink.insert("event_actor_roles", { actor, role, ...timed });
  }

  private async addEvent(ev: StoryEvent, ord: number, dataset: string, doc: string) {
    const b = boundsOf(ev.date);
    const timed = { cls: spanClassOf(b), lo: b.min, hi: b.max, date: ev.date, id: ev.id };
    await this.sink.insert("events", {
      ...timed,
      ord,
      kind: ev.kind,
      status: ev.status,
      title: ev.title,
      dataset,
      doc,
    });
    this.tally.day(dayOf(b.min, b.max), ev.kind, dataset);
    for (const [actor, list] of this.rolesOf(ev)) {
      await this.sink.insert("event_actors", { actor, ...timed, roles: list.join(",") });
      if (this.aside)
        for (const role of list) await this.sink.insert("event_actor_roles", { actor, role, ...timed });
      this.eventActors?.add(actor);
    }
    for (const place of new Set(ev.places)) await this.sink.insert("event_places", { place, ...timed });
    for (const route of new Set(ev.routes)) {
      await this.sink.insert("event_routes", { route, ...timed });
      // events on a route tie their participants to it
      for (const p of ev.participants) await this.ref(p.actor, "route", route, "event", EVENT_PHASE, ev.id);
    }
    let k = 0;
    for (const l of ev.links)
      await this.sink.insert("event_links", {
        to_id: l.event,
        from_id: ev.id,
        type: l.type,
        ord: ord * 1000 + k++,
      });
  }

  private async addRefs(item: EntityItem) {
    switch (item.kind) {
      case "routes": {
        const r = item.entity;
        for (const a of r.actors) await this.ref(a, "route", r.id, "actor");
        for (const s of r.statuses) {
          for (const b of s.blockers) for (const a of b.actors) await this.ref(a, "route", r.id, "blocker");
          for (const c of s.conditions)
            for (const a of c.actors) await this.ref(a, "route", r.id, "condition");
        }
        let i = 0;
        for (const leg of r.legs) {
          for (const p of new Set([leg.from, leg.to])) await this.ref(p, "leg", r.id, String(i));
          i++;
        }
        return;
      }
      case "deals": {
        const d = item.entity;
        for (const p of d.parties) await this.ref(p, "deal", d.id, "party");
        for (const b of d.brokers) await this.ref(b, "deal", d.id, "broker");
        for (const c of d.concessions) {
          await this.ref(c.by, "deal", d.id, "giver");
          await this.ref(c.to, "deal", d.id, "receiver");
          for (const ev of c.events) await this.ref(ev, "deal-event", d.id, "");
        }
        return;
      }
      case "assessments": {
        const a = item.entity;
        for (const x of new Set(a.about)) await this.ref(x, "about", a.id, "");
        await this.ref(a.source, "assessment-source", a.id, "");
        return;
      }
      case "relations": {
        const r = item.entity;
        await this.ref(r.from, "relation", r.id, "from");
        await this.ref(r.to, "relation", r.id, "to");
        return;
      }
      default:
        return;
    }
  }
}

async function isEmpty(c: OpenedDatabase): Promise<boolean> {
  const e = await c.db.selectFrom("events").select("id").limit(1).executeTakeFirst();
  const n = await c.db.selectFrom("entities").select("id").limit(1).executeTakeFirst();
  return e === undefined && n === undefined;
}

/** A dataset the database holds, as `dealmap_meta.datasets` lists it. */
export interface DatasetEntry {
  name: string;
  /** Entities per singular kind. */
  counts: Record<string, number>;
  /** "load": YAML data (built-in, a directory) or the synthetic set; "import": an importer's. */
  origin: "load" | "import";
  /** For imports: the format (gdelt, ftm, csv), the files as named, when, and a hash of them. */
  format?: string;
  files?: string[];
  importedAt?: string;
  inputHash?: string;
  /** For imports: their own stats and content version (a load's are in meta keys of their own). */
  stats?: DatasetStats;
  version?: string;
  /** For imports: their actors and events a curator accepted as curated ones (`acceptSameAs`). */
  merged?: MergedRecord[];
}

/**
 * An import's same-as statement, accepted by a curator: its actor (or event) `from` is the
 * curated one `into`. The import's references to `from` name `into`, `from` itself is not
 * written, and looking `from` up finds `into`. Kept with the import: a new import of the same
 * name applies it again, removing the import removes it.
 */
export interface MergedRecord {
  /** Older entries (actors only) have none. */
  kind?: "actor" | "event";
  from: string;
  into: string;
  /** The imported actor's name or event's title, for lists. */
  name: string;
  /**
   * The imported actor's names (its name and aliases) that the curated actor does not list,
   * kept here with the statement: search reads them as the curated actor's aliases, and its
   * provenance (`mergedNames`) shows them, until a curator adds them to its data.
   */
  names?: string[];
  /**
   * The imported record's own citations (the sources the import gives for it), kept with the
   * statement: the curated record's provenance (`mergedCitations`) shows them beside its own.
   */
  citations?: Citation[];
  note?: string;
  acceptedAt: string;
}

/** The meta table as a map, read inside a write's transaction. */
export async function readMeta(sink: Sink): Promise<Map<string, string>> {
  const rows = await sink.query<{ key: string; value: string }>("SELECT key, value FROM dealmap_meta");
  return new Map(rows.map((r) => [r.key, r.value]));
}

function parsed<T>(meta: Map<string, string>, key: string, fallback: T): T {
  const v = meta.get(key);
  if (v === undefined) return fallback;
  try {
    return JSON.parse(v) as T;
  } catch {
    return fallback;
  }
}

/** The datasets recorded in the meta table (entries written before imports existed are loads). */
export function datasetEntries(meta: Map<string, string>): DatasetEntry[] {
  return parsed<Partial<DatasetEntry>[]>(meta, "datasets", []).map((d) => ({
    ...d,
    name: String(d.name),
    counts: d.counts ?? {},
    origin: d.origin === "import" ? "import" : "load",
  }));
}

/**
 * Write what readers take from the meta table: the datasets, and the version and stats of
 * everything together. A load's own version and stats are kept apart (`load_version`,
 * `load_stats`) so an import or a removal can recombine them without reading the load again.
 * Without imports the version is the load's own, the same the in-memory store gives the same
 * data (ETags agree across stores).
 */
export async function writeMeta(
  sink: Sink,
  entries: DatasetEntry[],
  load: { version: string; stats: DatasetStats },
  more: [string, string][] = [],
): Promise<{ version: string; stats: DatasetStats }> {
  const imports = entries.filter((d) => d.origin === "import");
  const version =
    imports.length === 0
      ? load.version
      : createHash("sha256")
          .update(load.version)
          .update(imports.map((d) => `\0${d.name}\0${d.version ?? ""}`).join(""))
          .digest("hex")
          .slice(0, 16);
  const stats =
    imports.length === 0
      ? load.stats
      : mergeStats([load.stats, ...imports.map((d) => d.stats ?? statsAccumulator().result())]);
  const keys: [string, string][] = [
    ["version", version],
    ["stats", asJson(stats)],
    ["datasets", asJson(entries)],
    ["load_version", load.version],
    ["load_stats", asJson(load.stats)],
    ...more,
  ];
  for (const [key] of keys) await sink.query("DELETE FROM dealmap_meta WHERE key = ?", [key]);
  for (const [key, value] of keys) await sink.insert("dealmap_meta", { key, value });
  return { version, stats };
}

/** The load's version and stats as recorded (older databases kept only `version` and `stats`). */
export function loadPart(meta: Map<string, string>): { version: string; stats: DatasetStats } {
  return {
    version: meta.get("load_version") ?? meta.get("version") ?? "",
    stats: parsed<DatasetStats>(meta, "load_stats", parsed(meta, "stats", statsAccumulator().result())),
  };
}

/** Tables whose rows belong to one entity, and the column naming it. */
const ROWS_BY_ENTITY: [string, string][] = [
  ["event_actors", "id"],
  ["event_actor_roles", "id"],
  ["event_places", "id"],
  ["event_routes", "id"],
  ["event_links", "from_id"],
  // a route's ties made by an event on it go with the event, not with the route
  ["refs", "owner"],
  ["citations", "id"],
  ["search_postings", "id"],
];

/**
 * Delete the entities and events whose `dataset` meets `cond` (a condition with `?`
 * placeholders, `params` filling them) and every row made from them.
 */
export async function removeRows(sink: Sink, cond: string, params: unknown[], days = true): Promise<void> {
  const ids = `SELECT id FROM events WHERE ${cond} UNION ALL SELECT id FROM entities WHERE ${cond}`;
  // the ties of the targets whose reference rows go are made again (see retie)
  if (!sink.ties.all)
    for (const r of await sink.query<{ target: string }>(
      `SELECT DISTINCT target FROM refs WHERE owner IN (${ids})`,
      [...params, ...params],
    ))
      sink.ties.add(r.target);
  for (const [table, col] of ROWS_BY_ENTITY)
    await sink.query(`DELETE FROM ${table} WHERE ${col} IN (${ids})`, [...params, ...params]);
  await sink.query(`DELETE FROM events WHERE ${cond}`, params);
  await sink.query(`DELETE FROM entities WHERE ${cond}`, params);
  // (`days` false: the condition names ids, and the events are written again as they were dated)
  if (days) await sink.query(`DELETE FROM event_days WHERE ${cond}`, params);
}

/** Count the events of the datasets meeting `cond` into `event_days` (their rows must be gone). */
export async function countDays(sink: Sink, cond: string, params: unknown[]): Promise<void> {
  for (const s of countEventDays(cond)) await sink.query(s, params);
}

/**
 * Build secondary indexes after a bulk write (inside its transaction). SQLite sorts each
 * index's rows, by default on this thread alone; with auxiliary sort threads (`PRAGMA threads`)
 * the runs are sorted and merged on the other cores too. Each thread holds an in-memory run as
 * large as the page cache, so the cache is set to `cacheKiB` for the build: over 10M synthetic
 * events one index (26M rows) took 60-63 s on one thread with a 128-256 MB cache, 35 s on two
 * with 64 MB (peak RSS 571 -> 308 MB). Both settings go back to what they were after.
 */
export async function buildIndexes(
  c: OpenedDatabase,
  sink: Sink,
  indexes: { create: string }[],
  cacheKiB: number,
  /** Called before each index (a load's interruption check). */
  beforeEach?: () => Promise<void>,
): Promise<void> {
  if (indexes.length === 0) return;
  const db = c.engine === "sqlite" ? c.sqlite : undefined;
  const before = db && {
    cache: db.pragma("cache_size", { simple: true }) as number,
    threads: db.pragma("threads", { simple: true }) as number,
  };
  if (db) {
    db.pragma(`cache_size = ${-Math.round(cacheKiB)}`);
    db.pragma(`threads = ${Math.min(availableParallelism(), 8)}`);
  }
  try {
    for (const i of indexes) {
      await beforeEach?.();
      await sink.exec(i.create);
    }
  } finally {
    if (db && before) {
      db.pragma(`cache_size = ${before.cache}`);
      db.pragma(`threads = ${before.threads}`);
    }
  }
}

/** Open a write transaction on either engine (`mainOnly`: see SqliteSink). */
export async function openSink(c: OpenedDatabase, mainOnly = false): Promise<Sink> {
  return c.engine === "sqlite"
    ? new SqliteSink(c.sqlite as NonNullable<OpenedDatabase["sqlite"]>, c.name, mainOnly)
    : await PostgresSink.open(c.pool as pg.Pool);
}

/**
 * The aside part of a split load (see aside.ts), run by the worker: the rows of ASIDE_TABLES
 * made from `items`, written into the scratch file `file` in one transaction. Returns how many.
 */
export async function writeAside(file: string, items: Iterable<EntityItem>): Promise<number> {
  const raw = new SQLite(file, { fileMustExist: true });
  try {
    // a scratch file, deleted after the load: its journal in memory (better-sqlite3's connections
    // refuse OFF: the pragma answers "delete"), no syncing
    raw.pragma("journal_mode = MEMORY");
    raw.pragma("synchronous = OFF");
    raw.pragma("cache_size = -262144");
    const sink = new SqliteSink(raw, file);
    const maker = new RowMaker(sink, { datasets: [] }, undefined, false, "aside");
    for (const item of items) await maker.add(item);
    await maker.drainSearch();
    await sink.commit();
    for (const i of asideIndexes()) raw.exec(i.create);
    return sink.rows;
  } finally {
    raw.close();
  }
}

/**
 * Replace the database's loaded data with the entities of `items`, in one transaction; what
 * imports added stays. `items` may be any iterable (a generator of millions is fine: nothing
 * is kept per entity).
 */
export async function loadEntities(
  c: OpenedDatabase,
  items: Iterable<EntityItem>,
  meta: LoadMeta,
): Promise<LoadSummary> {
  const t0 = performance.now();
  const empty = await isEmpty(c);
  // Filling an empty SQLite file: a rollback journal instead of the write-ahead log, which
  // would hold a copy of every page written until the commit (twice the file on disk). Nobody
  // reads an empty database, so the readers WAL lets in during a load lose nothing; WAL is back
  // after the commit. Only possible while no other connection has the file open.
  const walOff =
    c.engine === "sqlite" &&
    empty &&
    c.sqlite?.pragma("journal_mode = DELETE", { simple: true }) === "delete";
  if (c.engine === "sqlite") c.sqlite?.pragma("cache_size = -262144");
  const raw = c.sqlite;
  const scratch = meta.aside && raw && empty ? scratchFileOf(raw.name) : undefined;
  let attached = false;
  let run: AsideRun | undefined;
  if (scratch && raw) {
    try {
      await makeScratch(scratch);
      raw.prepare("ATTACH ? AS aside").run(scratch);
      attached = true;
    } catch (err) {
      removeScratch(scratch);
      throw new DatabaseError(
        `${c.name}: cannot make the load's scratch file ${scratch} (${(err as Error).message})`,
      );
    }
  }
  const detach = () => {
    if (attached) raw?.exec("DETACH aside");
    attached = false;
  };
  let sink: Sink;
  try {
    sink = await openSink(c, attached);
  } catch (err) {
    detach();
    if (scratch) removeScratch(scratch);
    throw err;
  }
  try {
    const before = await readMeta(sink);
    const imports = datasetEntries(before).filter((d) => d.origin === "import");
    const clash = meta.datasets.find((n) => imports.some((d) => d.name === n));
    if (clash !== undefined)
      throw new DatabaseError(
        `${c.name}: the database already holds an import named "${clash}"; rename the data directory or remove the import ("dealmap datasets rm ${clash}"). Nothing was written.`,
      );
    // a load writes every reference row again: all the ties are made again at the commit
    sink.ties.everything();
    if (imports.length === 0) {
      for (const t of DATA_TABLES) await sink.exec(`DELETE FROM ${t}`);
      await sink.exec("DELETE FROM search_postings");
      await sink.exec("DELETE FROM search_vocab");
      await sink.exec("DELETE FROM search_deletes");
      await sink.exec("DELETE FROM merged_originals");
    } else {
      // keep the imports: delete only what the previous load wrote
      const names = imports.map((d) => d.name);
      await removeRows(sink, `dataset NOT IN (${names.map(() => "?").join(", ")})`, names);
      for (const t of ["source_texts", "provenance", "same_as", "actor_role_counts"])
        await sink.exec(`DELETE FROM ${t}`);
    }
    // filling empty tables: build the secondary indexes once at the end instead of row by row
    const indexes = indexStatements();
    if (empty) for (const i of indexes) await sink.exec(`DROP INDEX IF EXISTS ${i.name}`);
    if (scratch && meta.aside) run = meta.aside(scratch);
    const maker = new RowMaker(sink, meta, undefined, false, run ? "main" : "all");
    let n = 0;
    // a signal is seen only when the event loop turns, which awaiting rows alone never lets it
    const stopIfAborted = async () => {
      if (!meta.signal) return;
      await new Promise((resolve) => setImmediate(resolve));
      if (meta.signal.aborted)
        throw new DatabaseError(`${c.name}: the load was interrupted; nothing was written`);
    };
    for (const item of items) {
      await maker.add(item);
      if (++n % 10000 === 0) {
        meta.onProgress?.(n);
        const failed = run?.failure();
        if (failed) throw asideFailed(c, failed);
        await stopIfAborted();
      }
    }
    await maker.drainSearch();
    if (run) {
      // the worker's rows, copied in record by record (see aside.ts)
      sink.rows += await run.done.catch((err: Error) => {
        throw asideFailed(c, err);
      });
      await stopIfAborted();
      for (const i of asideIndexes()) await sink.exec(i.create);
      for (const t of ASIDE_TABLES) await sink.exec(`INSERT INTO main.${t} SELECT * FROM aside.${t}`);
    }
    meta.onProgress?.(n);
    const p = meta.provenance;
    if (p) {
      const ids = new Set([...Object.keys(p.datasets), ...Object.keys(p.values), ...Object.keys(p.disputes)]);
      for (const id of ids)
        await sink.insert("provenance", {
          id,
          doc: asJson({
            datasets: p.datasets[id] ?? [],
            values: p.values[id] ?? [],
            disputes: p.disputes[id] ?? [],
          }),
        });
      let k = 0;
      for (const [from, to] of Object.entries(p.sameAs))
        await sink.insert("same_as", { from_id: from, to_id: to, ord: k++ });
    }
    // the imports' accepted same-as statements stay (what they merged into is checked below)
    let k = Object.keys(p?.sameAs ?? {}).length;
    for (const d of imports)
      for (const x of d.merged ?? [])
        await sink.insert("same_as", { from_id: x.from, to_id: x.into, ord: k++ });
    const warnings: string[] = [];
    if (meta.texts) {
      for (const w of meta.texts.warnings ?? []) warnings.push(w.message);
      const mismatched = new Set(
        (meta.texts.warnings ?? []).flatMap((w) => (w.sourceId ? [w.sourceId] : [])),
      );
      for (const [source, paragraphs] of meta.texts.texts)
        await sink.insert("source_texts", { source, status: "loaded", paragraphs: asJson(paragraphs) });
      for (const source of mismatched)
        if (!meta.texts.texts.has(source))
          await sink.insert("source_texts", { source, status: "hash-mismatch", paragraphs: null });
    }
    await sink.flush();
    for (const d of imports)
      for (const x of d.merged ?? [])
        if (
          (
            await sink.query(
              "SELECT 1 AS x FROM entities WHERE id = ? UNION ALL SELECT 1 AS x FROM events WHERE id = ?",
              [x.into, x.into],
            )
          ).length === 0
        )
          throw new DatabaseError(
            `${c.name}: the import "${d.name}" merged its ${x.kind ?? "actor"} "${x.from}" into "${x.into}", which this load no longer holds; keep "${x.into}" in the data or remove the import ("dealmap datasets rm ${d.name}"). Nothing was written.`,
          );
    await stopIfAborted();
    if (empty) await buildIndexes(c, sink, indexes, 65536, stopIfAborted);
    await sink.exec(COUNT_ACTOR_ROLES);
    const kept = imports.map((d) => d.name);
    // the events per day as the load counted them while it wrote, the wider levels from those
    await maker.tally.writeDays(sink);
    const cond = kept.length ? `dataset NOT IN (${kept.map(() => "?").join(", ")})` : "1 = 1";
    for (const s of countEventDays(cond).slice(1)) await sink.query(s, kept);
    await stopIfAborted();
    const version = meta.version ?? maker.hash.digest("hex").slice(0, 16);
    const perDataset = await datasetCounts(sink, c);
    const entries: DatasetEntry[] = [
      ...meta.datasets.map((name) => ({ name, origin: "load" as const, counts: perDataset[name] ?? {} })),
      ...imports,
    ];
    await writeMeta(sink, entries, { version, stats: maker.stats.result() }, [
      ["warnings", asJson(warnings)],
      ["loaded_at", new Date().toISOString()],
      ["disputes", asJson(p && Object.keys(p.disputes).length > 0 ? "yes" : "no")],
    ]);
    await sink.commit();
    detach();
    // PostgreSQL: VACUUM as well as ANALYZE. The timeline and the profile read covering indexes,
    // and an index-only scan must still visit every heap page the visibility map does not mark
    // all-visible, which no freshly written page is. Left to autovacuum (minutes at 10M
    // events), the first queries after a 10M fill ran 4 timeline pages a second instead of 223.
    if (c.engine === "postgres") await sql`VACUUM (ANALYZE)`.execute(c.db);
    else {
      c.sqlite?.exec("ANALYZE");
      c.sqlite?.pragma("cache_size = -65536");
      if (walOff) c.sqlite?.pragma("journal_mode = WAL");
    }
    return {
      counts: maker.counts,
      rows: sink.rows,
      seconds: (performance.now() - t0) / 1000,
      version,
      writers: run ? 2 : 1,
    };
  } catch (err) {
    await sink.rollback().catch(() => {});
    await run?.stop().catch(() => {});
    detach();
    if (walOff) c.sqlite?.pragma("journal_mode = WAL");
    throw err;
  } finally {
    if (scratch) removeScratch(scratch);
  }
}

function asideFailed(c: OpenedDatabase, err: Error): DatabaseError {
  return new DatabaseError(
    `${c.name}: the load's second writer thread failed (${err.message}); nothing was written`,
  );
}

/** Entities per dataset and kind, counted inside the load's transaction. */
async function datasetCounts(sink: Sink, c: OpenedDatabase): Promise<Record<string, Record<string, number>>> {
  await sink.flush();
  const out: Record<string, Record<string, number>> = {};
  const add = (rows: { dataset: string; kind: string; n: number | string }[]) => {
    for (const r of rows) {
      const d = out[r.dataset] ?? {};
      d[r.kind] = Number(r.n);
      out[r.dataset] = d;
    }
  };
  if (c.engine === "sqlite") {
    const raw = c.sqlite as NonNullable<OpenedDatabase["sqlite"]>;
    add(
      raw.prepare("SELECT dataset, kind, count(*) AS n FROM entities GROUP BY dataset, kind").all() as never,
    );
    add(
      raw
        .prepare("SELECT dataset, 'event' AS kind, count(*) AS n FROM events GROUP BY dataset")
        .all() as never,
    );
  } else {
    const s = sink as PostgresSink;
    add(
      (await s.client.query("SELECT dataset, kind, count(*) AS n FROM entities GROUP BY dataset, kind")).rows,
    );
    add(
      (await s.client.query("SELECT dataset, 'event' AS kind, count(*) AS n FROM events GROUP BY dataset"))
        .rows,
    );
  }
  return out;
}

/** The entities of a dataset as one stream, in the schema's kind order. */
export function* datasetItems(ds: Dataset): Generator<EntityItem> {
  for (const kind of ENTITY_KINDS) for (const entity of ds[kind]) yield { kind, entity } as EntityItem;
}

/** Load a whole dataset (e.g. the built-in data plus the user's directories). */
export function loadDataset(c: OpenedDatabase, ds: Dataset, meta: LoadMeta): Promise<LoadSummary> {
  return loadEntities(c, datasetItems(ds), { ...meta, version: storeVersion(ds, meta.provenance) });
}
