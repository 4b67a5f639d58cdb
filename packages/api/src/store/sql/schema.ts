/**
 * The database schema of the SQLite and PostgreSQL stores, as Kysely types and versioned
 * migrations (Kysely's Migrator; the versions applied are in `kysely_migration`).
 *
 * Entities are kept whole as JSON documents (`doc`), the shape the domain's zod schemas give
 * them, so every answer is built from the same values the in-memory store holds. Beside them
 * sit the columns and tables the queries search by: events with their date bounds and span
 * class (see the timeline module of @dealmap/domain), one row per actor, place and route of
 * an event in timeline order, references between entities, citations by source, source texts,
 * provenance and the search tables.
 */
import { type Kysely, sql } from "kysely";
import type { Migration } from "kysely/migration";
import { createSearchTables } from "./search.ts";

export type Engine = "sqlite" | "postgres";

/** Date bounds as stored: ±Infinity for open ends (both engines keep IEEE infinities). */
interface Timed {
  /** Span class 0–5 (day, month, season, year, decade, longer or open). */
  cls: number;
  lo: number;
  hi: number;
  date: string;
  id: string;
}

export interface Database {
  dealmap_meta: { key: string; value: string };
  entities: {
    id: string;
    /** Singular kind: source, actor, place, route, relation, deal, assessment. */
    kind: string;
    /** Position in the dataset's list of that kind. */
    ord: number;
    /** The entity's own kind field (actor kind, place kind, route kind, topic), if any. */
    sub: string | null;
    country: string | null;
    label: string;
    dataset: string;
    doc: string;
  };
  events: Timed & {
    ord: number;
    kind: string;
    status: string;
    title: string;
    dataset: string;
    doc: string;
  };
  /** One row per actor of an event (participants and claimant); `roles` comma-joined. */
  event_actors: Timed & { actor: string; roles: string };
  event_places: Timed & { place: string };
  event_routes: Timed & { route: string };
  /** A link one event makes to another, in the linking event's order. */
  event_links: { to_id: string; from_id: string; type: string; ord: number };
  /**
   * A reference from one entity to another that a query follows backwards: `target` is what
   * is looked up, `rel` the kind of tie, `id` the entity that holds it, `info` how (a role, a
   * leg number), `ord` the order the in-memory store meets them in.
   */
  refs: { target: string; rel: string; id: string; info: string; ord: number };
  citations: {
    source: string;
    ord: number;
    paragraph: number | null;
    kind: string;
    id: string;
    label: string;
    path: string;
    field: string;
    citation: string;
  };
  source_texts: { source: string; status: string; paragraphs: string | null };
  /** Where a merged entity's values came from (only entities with more than one dataset). */
  provenance: { id: string; doc: string };
  /** An id merged away by a same-as statement, and the id it was merged into. */
  same_as: { from_id: string; to_id: string; ord: number };
  /** Actors that take part in the same events: pair (a < b), count, the first event ids. */
  actor_pairs: { a: string; b: string; n: number; first: number; events: string };
}

/** The schema versions this build knows, oldest first. */
export const SCHEMA_VERSIONS = ["0001_initial"] as const;
export const SCHEMA_VERSION = SCHEMA_VERSIONS.length;

/** The secondary indexes: dropped before filling empty tables and built after (faster). */
export function indexStatements(): { name: string; create: string }[] {
  const timed = (table: string, key: string) => ({
    name: `${table}_by_${key}`,
    create: `CREATE INDEX IF NOT EXISTS ${table}_by_${key} ON ${table} (${key}, cls, lo, hi, date, id)`,
  });
  return [
    {
      name: "entities_by_kind",
      create: "CREATE INDEX IF NOT EXISTS entities_by_kind ON entities (kind, ord)",
    },
    {
      name: "entities_by_sub",
      create: "CREATE INDEX IF NOT EXISTS entities_by_sub ON entities (kind, sub, ord)",
    },
    {
      name: "entities_by_country",
      create: "CREATE INDEX IF NOT EXISTS entities_by_country ON entities (kind, country, ord)",
    },
    {
      name: "events_in_order",
      create: "CREATE INDEX IF NOT EXISTS events_in_order ON events (cls, lo, hi, date, id)",
    },
    timed("events", "kind"),
    timed("events", "status"),
    timed("event_actors", "actor"),
    timed("event_places", "place"),
    timed("event_routes", "route"),
    {
      name: "event_links_to",
      create: "CREATE INDEX IF NOT EXISTS event_links_to ON event_links (to_id, ord)",
    },
    {
      name: "refs_by_target",
      create: "CREATE INDEX IF NOT EXISTS refs_by_target ON refs (target, rel, ord)",
    },
    {
      name: "citations_by_source",
      create: "CREATE INDEX IF NOT EXISTS citations_by_source ON citations (source, ord)",
    },
    { name: "actor_pairs_by_b", create: "CREATE INDEX IF NOT EXISTS actor_pairs_by_b ON actor_pairs (b)" },
  ];
}

/** Text columns compare bytewise on both engines (ids and dates sort as the domain sorts them). */
function text(engine: Engine): string {
  return engine === "postgres" ? 'text COLLATE "C"' : "TEXT";
}

function float(engine: Engine): string {
  return engine === "postgres" ? "double precision" : "REAL";
}

function initial(engine: Engine): Migration {
  const t = text(engine);
  const f = float(engine);
  const timed = `cls integer NOT NULL, lo ${f} NOT NULL, hi ${f} NOT NULL, date ${t} NOT NULL, id ${t} NOT NULL`;
  // SQLite keeps the timeline tables clustered on their search key (one B-tree per table)
  const clustered = engine === "sqlite" ? " WITHOUT ROWID" : "";
  const statements = [
    `CREATE TABLE dealmap_meta (key ${t} PRIMARY KEY, value ${t} NOT NULL)`,
    `CREATE TABLE entities (id ${t} PRIMARY KEY, kind ${t} NOT NULL, ord integer NOT NULL, sub ${t}, country ${t}, label ${t} NOT NULL, dataset ${t} NOT NULL, doc ${t} NOT NULL)`,
    `CREATE TABLE events (id ${t} PRIMARY KEY, ord integer NOT NULL, cls integer NOT NULL, lo ${f} NOT NULL, hi ${f} NOT NULL, date ${t} NOT NULL, kind ${t} NOT NULL, status ${t} NOT NULL, title ${t} NOT NULL, dataset ${t} NOT NULL, doc ${t} NOT NULL)`,
    `CREATE TABLE event_actors (actor ${t} NOT NULL, ${timed}, roles ${t} NOT NULL, PRIMARY KEY (actor, cls, lo, hi, date, id))${clustered}`,
    `CREATE TABLE event_places (place ${t} NOT NULL, ${timed}, PRIMARY KEY (place, cls, lo, hi, date, id))${clustered}`,
    `CREATE TABLE event_routes (route ${t} NOT NULL, ${timed}, PRIMARY KEY (route, cls, lo, hi, date, id))${clustered}`,
    `CREATE TABLE event_links (to_id ${t} NOT NULL, from_id ${t} NOT NULL, type ${t} NOT NULL, ord integer NOT NULL)`,
    `CREATE TABLE refs (target ${t} NOT NULL, rel ${t} NOT NULL, id ${t} NOT NULL, info ${t} NOT NULL, ord bigint NOT NULL)`,
    `CREATE TABLE citations (source ${t} NOT NULL, ord bigint NOT NULL, paragraph integer, kind ${t} NOT NULL, id ${t} NOT NULL, label ${t} NOT NULL, path ${t} NOT NULL, field ${t} NOT NULL, citation ${t} NOT NULL)`,
    `CREATE TABLE source_texts (source ${t} PRIMARY KEY, status ${t} NOT NULL, paragraphs ${t})`,
    `CREATE TABLE provenance (id ${t} PRIMARY KEY, doc ${t} NOT NULL)`,
    `CREATE TABLE same_as (from_id ${t} PRIMARY KEY, to_id ${t} NOT NULL, ord integer NOT NULL)`,
    `CREATE TABLE actor_pairs (a ${t} NOT NULL, b ${t} NOT NULL, n integer NOT NULL, first bigint NOT NULL, events ${t} NOT NULL, PRIMARY KEY (a, b))`,
  ];
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
    async up(db: Kysely<any>) {
      for (const s of statements) await sql.raw(s).execute(db);
      for (const i of indexStatements()) await sql.raw(i.create).execute(db);
      await createSearchTables(db, engine);
    },
  };
}

/** The migrations for an engine, by version name. */
export function migrations(engine: Engine): Record<string, Migration> {
  return { "0001_initial": initial(engine) };
}

/** Tables a load empties and fills (all but the meta table). */
export const DATA_TABLES = [
  "entities",
  "events",
  "event_actors",
  "event_places",
  "event_routes",
  "event_links",
  "refs",
  "citations",
  "source_texts",
  "provenance",
  "same_as",
  "actor_pairs",
] as const;
