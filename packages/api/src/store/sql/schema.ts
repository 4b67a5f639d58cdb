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
import { DAY_MS, DENSITY_LEVELS } from "@dealmap/domain";
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
   * leg number), `ord` the order the in-memory store meets them in, `owner` the entity whose
   * write made the row, which removing it removes (version 9).
   */
  refs: { target: string; rel: string; id: string; info: string; ord: number; owner: string };
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
  /** One row per actor and role of an event: an actor's events in one role (schema version 5). */
  event_actor_roles: Timed & { actor: string; role: string };
  /** Events per actor and combination of roles (schema version 2). */
  actor_role_counts: { actor: string; roles: string; n: number };
  /** Where a merged entity's values came from (only entities with more than one dataset). */
  provenance: { id: string; doc: string };
  /** An id merged away by a same-as statement, and the id it was merged into. */
  same_as: { from_id: string; to_id: string; ord: number };
  /**
   * Events counted per anchor day, kind and dataset, at every width of DENSITY_LEVELS (schema
   * version 7): `day` is the first day of a bucket of `level` days (null: no anchor).
   */
  event_days: { level: number; day: number | null; kind: string; dataset: string; n: number };
  /**
   * An import's entity as the import gave it, kept when an accepted same-as rewrote it or
   * merged it away (schema version 8), so the statement can be withdrawn exactly: `kind` plural,
   * `ord` its position in the import.
   */
  merged_originals: { dataset: string; id: string; kind: string; ord: number; doc: string };
  /**
   * The references grouped by entity (schema version 10): one row per (target, rel, id), `o`
   * the first position of its rows, `infos` their distinct infos as a JSON array in first-met
   * order. Made again from `refs` for the targets a write touched, before it commits (see
   * `retie` in write.ts), so that a profile reads a page of an actor's ties, not all its rows.
   */
  ties: { target: string; rel: string; id: string; o: number; infos: string };
}

/** Phases of the reference order: the in-memory store meets route and deal ties before events'. */
export const EVENT_PHASE = 1e12;

/** The schema versions this build knows, oldest first. */
export const SCHEMA_VERSIONS = [
  "0001_initial",
  "0002_actor_role_counts",
  "0003_refs_covering",
  "0004_events_by_dataset",
  "0005_event_actor_roles",
  "0006_event_links_bigint",
  "0007_event_days",
  "0008_merged_originals",
  "0009_refs_owner",
  "0010_ties",
] as const;
export const SCHEMA_VERSION = SCHEMA_VERSIONS.length;

/** The secondary indexes: dropped before filling empty tables and built after (faster). */
export function indexStatements(): { name: string; create: string }[] {
  const index = (name: string, on: string) => ({
    name,
    create: `CREATE INDEX IF NOT EXISTS ${name} ON ${on}`,
  });
  return [
    { name: "events_by_id", create: "CREATE UNIQUE INDEX IF NOT EXISTS events_by_id ON events (id)" },
    index("entities_by_kind", "entities (kind, ord)"),
    index("entities_by_sub", "entities (kind, sub, ord)"),
    index("entities_by_country", "entities (kind, country, ord)"),
    index("events_in_order", "events (cls, lo, hi, date, id)"),
    index("events_by_kind", "events (kind, cls, lo, hi, date, id)"),
    index("events_by_status", "events (status, cls, lo, hi, date, id)"),
    // a timeline of one dataset (curated only, one import), and removing one
    index("events_by_dataset", "events (dataset, cls, lo, hi, date, id)"),
    index("entities_by_dataset", "entities (dataset, kind, ord)"),
    // covering: a timeline or profile query reads only the index
    index("event_actors_by_actor", "event_actors (actor, cls, lo, hi, date, id, roles)"),
    // covering: a profile's list of the actor's events in one role reads one range
    index("event_actor_roles_by_role", "event_actor_roles (actor, role, cls, lo, hi, date, id)"),
    index("event_places_by_place", "event_places (place, cls, lo, hi, date, id)"),
    index("event_routes_by_route", "event_routes (route, cls, lo, hi, date, id)"),
    index("event_links_to", "event_links (to_id, ord)"),
    // covering: a profile groups an actor's ties by entity as it reads them (see firstTies)
    index("refs_by_tie", "refs (target, rel, id, info, ord)"),
    index("citations_by_source", "citations (source, ord)"),
    // the search's postings are filed once per (key, entity) by the loader, so a plain index
    // (built after a bulk load) serves them; see search.ts
    index("search_postings_by_key", "search_postings (key, tier, rank, kind, id)"),
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
  // Tables are plain heaps filled in arrival order; their indexes (see indexStatements) are
  // built after a bulk load, which is much faster than keeping them sorted row by row.
  const statements = [
    `CREATE TABLE dealmap_meta (key ${t} PRIMARY KEY, value ${t} NOT NULL)`,
    `CREATE TABLE entities (id ${t} PRIMARY KEY, kind ${t} NOT NULL, ord integer NOT NULL, sub ${t}, country ${t}, label ${t} NOT NULL, dataset ${t} NOT NULL, doc ${t} NOT NULL)`,
    `CREATE TABLE events (id ${t} NOT NULL, ord integer NOT NULL, cls integer NOT NULL, lo ${f} NOT NULL, hi ${f} NOT NULL, date ${t} NOT NULL, kind ${t} NOT NULL, status ${t} NOT NULL, title ${t} NOT NULL, dataset ${t} NOT NULL, doc ${t} NOT NULL)`,
    `CREATE TABLE event_actors (actor ${t} NOT NULL, ${timed}, roles ${t} NOT NULL)`,
    `CREATE TABLE event_places (place ${t} NOT NULL, ${timed})`,
    `CREATE TABLE event_routes (route ${t} NOT NULL, ${timed})`,
    `CREATE TABLE event_links (to_id ${t} NOT NULL, from_id ${t} NOT NULL, type ${t} NOT NULL, ord integer NOT NULL)`,
    `CREATE TABLE refs (target ${t} NOT NULL, rel ${t} NOT NULL, id ${t} NOT NULL, info ${t} NOT NULL, ord bigint NOT NULL)`,
    `CREATE TABLE citations (source ${t} NOT NULL, ord bigint NOT NULL, paragraph integer, kind ${t} NOT NULL, id ${t} NOT NULL, label ${t} NOT NULL, path ${t} NOT NULL, field ${t} NOT NULL, citation ${t} NOT NULL)`,
    `CREATE TABLE source_texts (source ${t} PRIMARY KEY, status ${t} NOT NULL, paragraphs ${t})`,
    `CREATE TABLE provenance (id ${t} PRIMARY KEY, doc ${t} NOT NULL)`,
    `CREATE TABLE same_as (from_id ${t} PRIMARY KEY, to_id ${t} NOT NULL, ord integer NOT NULL)`,
  ];
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
    async up(db: Kysely<any>) {
      for (const s of statements) await sql.raw(s).execute(db);
      await createSearchTables(db, engine);
      // the indexes of tables later versions add are made by those versions
      for (const i of indexStatements())
        if (i.name !== "event_actor_roles_by_role") await sql.raw(i.create).execute(db);
    },
  };
}

/** The migrations for an engine, by version name. */
/** The statement that (re)counts each actor's events per combination of roles. */
export const COUNT_ACTOR_ROLES =
  "INSERT INTO actor_role_counts (actor, roles, n) SELECT actor, roles, count(*) FROM event_actors GROUP BY actor, roles";

/**
 * Version 2: how many events each actor has per combination of roles, counted once per load,
 * so a profile's totals are a few rows instead of a pass over all the actor's events.
 */
function actorRoleCounts(engine: Engine): Migration {
  const t = text(engine);
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
    async up(db: Kysely<any>) {
      await sql
        .raw(`CREATE TABLE actor_role_counts (actor ${t} NOT NULL, roles ${t} NOT NULL, n integer NOT NULL)`)
        .execute(db);
      await sql.raw("CREATE INDEX actor_role_counts_by_actor ON actor_role_counts (actor)").execute(db);
      await sql.raw(COUNT_ACTOR_ROLES).execute(db);
    },
  };
}

/** Version 3: the references' index also holds what a lookup reads (an actor's many ties). */
const refsCovering: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
  async up(db: Kysely<any>) {
    await sql.raw("DROP INDEX IF EXISTS refs_by_target").execute(db);
    await sql
      .raw("CREATE INDEX IF NOT EXISTS refs_covering ON refs (target, rel, ord, id, info)")
      .execute(db);
  },
};

/** Version 4: events and entities by dataset (a dataset's timeline; imports listed and removed). */
const eventsByDataset: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
  async up(db: Kysely<any>) {
    for (const i of indexStatements())
      if (i.name === "events_by_dataset" || i.name === "entities_by_dataset")
        await sql.raw(i.create).execute(db);
  },
};

/**
 * Version 5: an actor's events per role, one row each, so a profile's list of the events where
 * an actor had a rare role is a range of an index instead of a pass over all the actor's events.
 * An existing database gets the rows from `event_actors` (roles there are comma-joined).
 */
function eventActorRoles(engine: Engine): Migration {
  const t = text(engine);
  const f = float(engine);
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
    async up(db: Kysely<any>) {
      await sql
        .raw(
          `CREATE TABLE event_actor_roles (actor ${t} NOT NULL, role ${t} NOT NULL, cls integer NOT NULL, lo ${f} NOT NULL, hi ${f} NOT NULL, date ${t} NOT NULL, id ${t} NOT NULL)`,
        )
        .execute(db);
      const split =
        engine === "postgres"
          ? "SELECT a.actor, r.role, a.cls, a.lo, a.hi, a.date, a.id FROM event_actors a, unnest(string_to_array(a.roles, ',')) AS r(role)"
          : `SELECT a.actor, r.value, a.cls, a.lo, a.hi, a.date, a.id FROM event_actors a, json_each('["' || replace(a.roles, ',', '","') || '"]') r`;
      await sql
        .raw(`INSERT INTO event_actor_roles (actor, role, cls, lo, hi, date, id) ${split}`)
        .execute(db);
      for (const i of indexStatements())
        if (i.name === "event_actor_roles_by_role") await sql.raw(i.create).execute(db);
    },
  };
}

/**
 * Version 6: an event link's position is the event's position × 1000 plus the link's, past
 * 32 bits beyond 2,147,483 events; PostgreSQL's `integer` refused it (SQLite's are 64-bit).
 */
function eventLinksBigint(engine: Engine): Migration {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
    async up(db: Kysely<any>) {
      if (engine === "postgres")
        await sql.raw("ALTER TABLE event_links ALTER COLUMN ord TYPE bigint").execute(db);
    },
  };
}

/** Level 1 of `event_days` counted from the events table (a load keeps it as it writes: Tally). */
export function eventDaysCounted(cond: string): string {
  const anchor =
    "CASE WHEN lo > -1e300 AND hi < 1e300 THEN (lo + hi) / 2 WHEN lo > -1e300 THEN lo WHEN hi < 1e300 THEN hi END";
  return `SELECT 1 AS level, d AS day, kind, dataset, count(*) AS n FROM (SELECT CAST(floor((${anchor}) / ${DAY_MS}) AS bigint) AS d, kind, dataset FROM events WHERE ${cond}) t GROUP BY d, kind, dataset`;
}

/**
 * The statements that count the events whose `dataset` meets `cond` (with `?` parameters) into
 * `event_days`: per anchor day first, then each wider level from the one below.
 */
export function countEventDays(cond: string): string[] {
  const out = [`INSERT INTO event_days (level, day, kind, dataset, n) ${eventDaysCounted(cond)}`];
  for (let i = 1; i < DENSITY_LEVELS.length; i++) {
    const l = DENSITY_LEVELS[i] as number;
    const below = DENSITY_LEVELS[i - 1] as number;
    out.push(
      `INSERT INTO event_days (level, day, kind, dataset, n) SELECT ${l}, b, kind, dataset, sum(n) FROM (SELECT day - ((day % ${l}) + ${l}) % ${l} AS b, kind, dataset, n FROM event_days WHERE level = ${below} AND day IS NOT NULL AND ${cond}) t GROUP BY b, kind, dataset`,
    );
  }
  return out;
}

/** Version 7: events counted per day, kind and dataset, for timeline density at any size. */
function eventDays(engine: Engine): Migration {
  const t = text(engine);
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
    async up(db: Kysely<any>) {
      await sql
        .raw(
          `CREATE TABLE event_days (level integer NOT NULL, day bigint, kind ${t} NOT NULL, dataset ${t} NOT NULL, n integer NOT NULL)`,
        )
        .execute(db);
      await sql.raw(EVENT_DAYS_INDEX).execute(db);
      for (const s of countEventDays("1 = 1")) await sql.raw(s).execute(db);
    },
  };
}

/** Density reads one level's range of days (covering: no visit to the table). */
export const EVENT_DAYS_INDEX =
  "CREATE INDEX IF NOT EXISTS event_days_by_day ON event_days (level, day, kind, dataset, n)";

/** Version 8: what an accepted same-as rewrote, as the import gave it (see unacceptSameAs). */
function mergedOriginals(engine: Engine): Migration {
  const t = text(engine);
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
    async up(db: Kysely<any>) {
      await sql
        .raw(
          `CREATE TABLE merged_originals (dataset ${t} NOT NULL, id ${t} NOT NULL, kind ${t} NOT NULL, ord bigint NOT NULL, doc ${t} NOT NULL, PRIMARY KEY (dataset, id))`,
        )
        .execute(db);
    },
  };
}

/**
 * Version 9: each reference row names the entity whose write made it (`owner`), so removing an
 * import removes the ties its events made to routes it does not hold (before, those rows were
 * removed only with the route). The rows a route, deal, assessment or relation made are its own;
 * the rows events made are made again from the events, in the order a load writes them. The
 * index now groups an actor's ties by entity (a busy actor has thousands of rows for a few
 * hundred routes).
 */
function refsOwner(engine: Engine): Migration {
  const fromEvents =
    engine === "postgres"
      ? `SELECT p.value->>'actor', 'route', r.value, 'event', ${EVENT_PHASE} + row_number() OVER (ORDER BY e.ord, r.n, p.n) - 1, e.id
         FROM events e
         CROSS JOIN LATERAL jsonb_array_elements_text(e.doc::jsonb->'routes') WITH ORDINALITY AS r(value, n)
         CROSS JOIN LATERAL jsonb_array_elements(e.doc::jsonb->'participants') WITH ORDINALITY AS p(value, n)
         WHERE e.id IN (SELECT id FROM event_routes)`
      : `SELECT p.value ->> '$.actor', 'route', r.value, 'event', ${EVENT_PHASE} + row_number() OVER (ORDER BY e.ord, r.key, p.key) - 1, e.id
         FROM events e, json_each(e.doc, '$.routes') r, json_each(e.doc, '$.participants') p
         WHERE e.id IN (SELECT id FROM event_routes)`;
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
    async up(db: Kysely<any>) {
      await sql.raw(`ALTER TABLE refs ADD COLUMN owner ${text(engine)}`).execute(db);
      await sql.raw("DELETE FROM refs WHERE rel = 'route' AND info = 'event'").execute(db);
      await sql.raw("UPDATE refs SET owner = id").execute(db);
      await sql.raw(`INSERT INTO refs (target, rel, id, info, ord, owner) ${fromEvents}`).execute(db);
      await sql.raw("DROP INDEX IF EXISTS refs_covering").execute(db);
      for (const i of indexStatements()) if (i.name === "refs_by_tie") await sql.raw(i.create).execute(db);
    },
  };
}

/** The ties' index: a target's ties of one kind in first-met order, with their infos. */
export const TIES_INDEX = {
  name: "ties_in_order",
  create: "CREATE INDEX IF NOT EXISTS ties_in_order ON ties (target, rel, o, id, infos)",
};

/**
 * The ties of the targets meeting `cond` (a condition on `refs`, with `?` placeholders) as
 * their reference rows give them, in one pass over the references' index.
 */
export function tiesOf(engine: Engine, cond: string): string {
  const infos = engine === "sqlite" ? "json_group_array(info ORDER BY o)" : "json_agg(info ORDER BY o)::text";
  return `SELECT target, rel, id, min(o) AS o, ${infos} AS infos FROM (SELECT target, rel, id, info, min(ord) AS o FROM refs WHERE ${cond} GROUP BY target, rel, id, info) t GROUP BY target, rel, id`;
}

/** The statement that writes the ties of the targets meeting `cond` (see tiesOf). */
export function makeTies(engine: Engine, cond: string): string {
  return `INSERT INTO ties (target, rel, id, o, infos) ${tiesOf(engine, cond)}`;
}

/** Version 10: the references grouped by entity, made from the references there are. */
function tiesTable(engine: Engine): Migration {
  const t = text(engine);
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
    async up(db: Kysely<any>) {
      await sql
        .raw(
          `CREATE TABLE ties (target ${t} NOT NULL, rel ${t} NOT NULL, id ${t} NOT NULL, o bigint NOT NULL, infos ${t} NOT NULL)`,
        )
        .execute(db);
      await sql.raw(makeTies(engine, "1 = 1")).execute(db);
      await sql.raw(TIES_INDEX.create).execute(db);
    },
  };
}

export function migrations(engine: Engine): Record<string, Migration> {
  return {
    "0001_initial": initial(engine),
    "0002_actor_role_counts": actorRoleCounts(engine),
    "0003_refs_covering": refsCovering,
    "0004_events_by_dataset": eventsByDataset,
    "0005_event_actor_roles": eventActorRoles(engine),
    "0006_event_links_bigint": eventLinksBigint(engine),
    "0007_event_days": eventDays(engine),
    "0008_merged_originals": mergedOriginals(engine),
    "0009_refs_owner": refsOwner(engine),
    "0010_ties": tiesTable(engine),
  };
}

/** Tables a load empties and fills (all but the meta table). */
export const DATA_TABLES = [
  "entities",
  "events",
  "event_actors",
  "event_actor_roles",
  "event_places",
  "event_routes",
  "event_links",
  "refs",
  "citations",
  "source_texts",
  "provenance",
  "same_as",
  "actor_role_counts",
  "event_days",
  "ties",
] as const;
