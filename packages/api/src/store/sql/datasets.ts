/**
 * Imports as datasets of their own: an importer's entities are written beside the loaded data
 * (never over it) in one transaction, under the import's name, so that one import can be
 * listed, replaced or removed — exactly its values — without touching the others.
 *
 * An import replaces an earlier import of the same name; an import of the very same input
 * (same files, same options: `inputHash`) changes nothing at all. References an imported
 * entity makes to ids it did not make itself must exist in the database (a curated state
 * actor, a source): one that does not is reported, never written as a dangling reference.
 */
import { createHash } from "node:crypto";
import {
  type Actor,
  type Citation,
  citingClaimsOf,
  type DatasetStats,
  type EntityKind,
  mergeStats,
  rewriteReferences,
  SINGULAR,
  statsAccumulator,
  subtractStats,
} from "@dealmap/domain";
import { sql } from "kysely";
import { DatabaseError, type OpenedDatabase } from "./engine.ts";
import { indexStatements } from "./schema.ts";
import {
  buildIndexes,
  countDays,
  type DatasetEntry,
  datasetEntries,
  type EntityItem,
  loadPart,
  type MergedRecord,
  openSink,
  RowMaker,
  type RowOffsets,
  readMeta,
  removeRows,
  type Sink,
  writeMeta,
} from "./write.ts";

/** A reference an imported entity makes that leads nowhere. */
export interface Dangling {
  /** The entity holding the reference (plural kind and id). */
  kind: EntityKind;
  id: string;
  /** Where in it, e.g. "participants.actor", "citations.source". */
  field: string;
  /** The id it names. */
  ref: string;
}

export interface ImportMeta {
  /** The import's dataset name (lower-case kebab). */
  dataset: string;
  format: string;
  /** The input files as the user named them. */
  files: string[];
  /** A hash of the inputs and options: the same again changes nothing. */
  inputHash?: string;
  /**
   * An entity refers to an id that neither this import nor the database holds. Return true to
   * leave the entity out and go on (`--skip-bad`), false to write nothing at all: the import
   * then fails when its items end, after every such reference was reported.
   */
  onDangling?(d: Dangling): boolean;
  /** Called after the last item, before the commit: throw to write nothing. */
  beforeCommit?(): void;
  /**
   * About how many entities the import will make (e.g. from the input's size). On SQLite, an
   * import larger than the data already there is written without the secondary indexes, which
   * are built again before the commit (inside the transaction: readers keep the old snapshot
   * and its indexes). Otherwise the indexes are kept up to date row by row.
   */
  expectedEntities?: number;
}

export interface ImportSummary {
  dataset: string;
  /** True when the same input was imported before: nothing was written. */
  unchanged: boolean;
  /** True when an earlier import of this name was replaced. */
  replaced: boolean;
  /** Entities written, by plural kind. */
  counts: Record<string, number>;
  /** Entities left out for dangling references. */
  left: number;
  rows: number;
  seconds: number;
  /** The database's data version after the import. */
  version: string;
}

/** The ids an entity of an import refers to, by field (event links are checked on their own). */
function referencesOf(item: EntityItem): { field: string; ref: string }[] {
  const out: { field: string; ref: string }[] = [];
  const e = item.entity as unknown as Record<string, unknown> & { id: string };
  switch (item.kind) {
    case "events": {
      const ev = item.entity;
      for (const p of ev.participants) out.push({ field: "participants.actor", ref: p.actor });
      if (ev.claimedBy) out.push({ field: "claimedBy", ref: ev.claimedBy });
      for (const p of ev.places) out.push({ field: "places", ref: p });
      for (const r of ev.routes) out.push({ field: "routes", ref: r });
      break;
    }
    case "actors":
      for (const r of item.entity.roles) if (r.of) out.push({ field: "roles.of", ref: r.of });
      break;
    case "relations":
      out.push({ field: "from", ref: item.entity.from }, { field: "to", ref: item.entity.to });
      break;
    default:
      break;
  }
  const sources = new Set<string>();
  for (const c of citingClaimsOf(item.kind, e as never)) sources.add((c.citation as Citation).source);
  for (const s of sources) out.push({ field: "citations.source", ref: s });
  return out;
}

/** A kind as the entities table names it (singular) → the plural kind of the model. */
const PLURAL_OF = new Map(Object.entries(SINGULAR).map(([p, s]) => [s, p]));

/** Where numbering continues: after the rows already there. */
async function offsets(sink: Sink): Promise<RowOffsets> {
  const ords = new Map<string, number>();
  const kinds = await sink.query<{ kind: string; n: number | string | null }>(
    "SELECT kind, max(ord) AS n FROM entities GROUP BY kind",
  );
  for (const k of kinds) ords.set(PLURAL_OF.get(k.kind) ?? k.kind, Number(k.n ?? -1) + 1);
  const [ev] = await sink.query<{ n: number | string | null }>("SELECT max(ord) AS n FROM events");
  ords.set("events", Number(ev?.n ?? -1) + 1);
  const [refs] = await sink.query<{ n: number | string | null }>("SELECT max(ord) AS n FROM refs");
  const [cit] = await sink.query<{ n: number | string | null }>("SELECT max(ord) AS n FROM citations");
  return { ords, refs: Number(refs?.n ?? -1) + 1, citations: Number(cit?.n ?? -1) + 1 };
}

/** The actors of a dataset's events (their role counts change when it goes). */
async function actorsOf(sink: Sink, dataset: string): Promise<string[]> {
  const rows = await sink.query<{ actor: string }>(
    "SELECT DISTINCT actor FROM event_actors WHERE id IN (SELECT id FROM events WHERE dataset = ?)",
    [dataset],
  );
  return rows.map((r) => r.actor);
}

/** Count again, from the index, the events per role of these actors. */
async function recount(sink: Sink, actors: Iterable<string>): Promise<void> {
  const all = [...new Set(actors)];
  for (let i = 0; i < all.length; i += 500) {
    const chunk = all.slice(i, i + 500);
    const marks = chunk.map(() => "?").join(", ");
    await sink.query(`DELETE FROM actor_role_counts WHERE actor IN (${marks})`, chunk);
    await sink.query(
      `INSERT INTO actor_role_counts (actor, roles, n) SELECT actor, roles, count(*) FROM event_actors WHERE actor IN (${marks}) GROUP BY actor, roles`,
      chunk,
    );
  }
}

/**
 * Count again, in the database, the events per role of every actor a dataset's events name (an
 * import's actors are not held in memory: there may be millions).
 */
async function recountDataset(sink: Sink, dataset: string): Promise<void> {
  const actors =
    "SELECT DISTINCT actor FROM event_actors WHERE id IN (SELECT id FROM events WHERE dataset = ?)";
  await sink.query(`DELETE FROM actor_role_counts WHERE actor IN (${actors})`, [dataset]);
  await sink.query(
    `INSERT INTO actor_role_counts (actor, roles, n) SELECT actor, roles, count(*) FROM event_actors WHERE actor IN (${actors}) GROUP BY actor, roles`,
    [dataset],
  );
}

/** Ids looked up in one query. */
const LOOKUP_CHUNK = 500;
/** Entities of an import whose references are checked together, with one lookup. */
const CHECK_BATCH = 2000;
/** An import's event links whose event was not in when they were written (importEntities). */
const PENDING_LINKS = "dealmap_pending_links";
/** Ids known to be held, kept for lookups to come; past this many the set starts over. */
const KNOWN_LIMIT = 100_000;

/**
 * A lookup of which references the database holds (known already, or looked up now), that
 * remembers up to `limit` ids found, for the lookups to come.
 */
export function heldLookup(
  sink: Sink,
  limit = KNOWN_LIMIT,
): (refs: Iterable<string>) => Promise<Set<string>> {
  const known = new Set<string>();
  return async (refs) => {
    const hit = new Set<string>();
    const ask = new Set<string>();
    for (const r of refs) (known.has(r) ? hit : ask).add(r);
    if (ask.size > 0)
      for (const id of await heldIds(sink, ask)) {
        hit.add(id);
        if (known.size >= limit) known.clear();
        known.add(id);
      }
    return hit;
  };
}

/** Which of these ids the database holds, as an entity, an event or a same-as statement. */
async function heldIds(sink: Sink, ids: Iterable<string>): Promise<Set<string>> {
  const all = [...ids];
  const found = new Set<string>();
  for (let i = 0; i < all.length; i += LOOKUP_CHUNK) {
    const chunk = all.slice(i, i + LOOKUP_CHUNK);
    const marks = chunk.map(() => "?").join(", ");
    const rows = await sink.query<{ id: string }>(
      `SELECT id FROM entities WHERE id IN (${marks}) UNION SELECT id FROM events WHERE id IN (${marks}) UNION SELECT from_id AS id FROM same_as WHERE from_id IN (${marks})`,
      [...chunk, ...chunk, ...chunk],
    );
    for (const r of rows) found.add(r.id);
  }
  return found;
}

function singularCounts(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).map(([k, n]) => [SINGULAR[k as EntityKind] ?? k, n]));
}

async function afterCommit(c: OpenedDatabase): Promise<void> {
  // fresh planner statistics for the tables that grew or shrank (cheap: sampled / incremental);
  // on PostgreSQL a VACUUM too, which marks the new pages all-visible (see loadEntities)
  if (c.engine === "postgres") await sql`VACUUM (ANALYZE)`.execute(c.db);
  else c.sqlite?.pragma("optimize");
}

/**
 * Write an import's entities into the database as the dataset `meta.dataset`, replacing an
 * earlier import of that name, in one transaction: readers see the database before or after,
 * and an import that fails or is killed leaves it as it was.
 */
export async function importEntities(
  c: OpenedDatabase,
  items: AsyncIterable<EntityItem> | Iterable<EntityItem>,
  meta: ImportMeta,
): Promise<ImportSummary> {
  const t0 = performance.now();
  // the page cache stays at its 64 MB: an import's memory is mostly the importer's own
  const sink = await openSink(c);
  const done = (s: Omit<ImportSummary, "seconds" | "dataset">): ImportSummary => ({
    dataset: meta.dataset,
    ...s,
    seconds: (performance.now() - t0) / 1000,
  });
  try {
    const before = await readMeta(sink);
    const entries = datasetEntries(before);
    const old = entries.find((d) => d.name === meta.dataset);
    if (old && old.origin !== "import")
      throw new DatabaseError(
        `${c.name}: "${meta.dataset}" is the name of loaded data, not of an import; give the import another --dataset name. Nothing was written.`,
      );
    if (old && meta.inputHash !== undefined && old.inputHash === meta.inputHash) {
      await sink.rollback();
      return done({
        unchanged: true,
        replaced: false,
        counts: {},
        left: 0,
        rows: 0,
        version: before.get("version") ?? "",
      });
    }
    const affected = old ? await actorsOf(sink, meta.dataset) : [];
    if (old) await removeRows(sink, "dataset = ?", [meta.dataset]);
    // the postings an accepted actor kept (see acceptSameAs) are filed again from this import
    for (const m of old?.merged ?? []) await sink.query("DELETE FROM search_postings WHERE id = ?", [m.from]);
    // and what the statements rewrite is kept again as this import gives it
    await sink.query("DELETE FROM merged_originals WHERE dataset = ?", [meta.dataset]);
    const held = loadPart(before).stats.counts;
    const existing =
      Object.values(held).reduce((a, b) => a + b, 0) +
      entries.reduce(
        (n, d) => n + (d.origin === "import" ? Object.values(d.counts).reduce((a, b) => a + b, 0) : 0),
        0,
      );
    // the index the reference checks and the id clash rely on stays
    const rebuilt =
      c.engine === "sqlite" && (meta.expectedEntities ?? 0) > existing
        ? indexStatements().filter((i) => i.name !== "events_by_id")
        : [];
    for (const i of rebuilt) await sink.exec(`DROP INDEX IF EXISTS ${i.name}`);
    const maker = new RowMaker(sink, { datasets: [meta.dataset] }, await offsets(sink));
    // References are checked in the database, which holds what this import wrote so far (its
    // own transaction), a batch of entities at a time: memory does not grow with the import.
    let left = 0;
    let failed = false;
    const holds = heldLookup(sink);
    // Event links may point forward in the input: a link whose event is not in yet is noted in
    // a table of this transaction's own (by the link's place in the input) and checked once
    // everything is in. Backward links, the usual ones, are settled with their batch.
    if (c.engine === "postgres")
      await sink.exec(
        `CREATE TEMP TABLE ${PENDING_LINKS} (ord bigint PRIMARY KEY, id text NOT NULL, ref text NOT NULL) ON COMMIT DROP`,
      );
    else {
      await sink.exec(`DROP TABLE IF EXISTS temp.${PENDING_LINKS}`);
      await sink.exec(
        `CREATE TEMP TABLE ${PENDING_LINKS} (ord integer PRIMARY KEY, id text NOT NULL, ref text NOT NULL)`,
      );
    }
    const dangling = (kind: EntityKind, id: string, ref: string, field: string) => {
      if (meta.onDangling?.({ kind, id, field, ref }) !== true) failed = true;
    };
    // the same-as statements a curator accepted for the earlier import hold for this one
    const merged = new Map((old?.merged ?? []).map((m) => [m.from, m.into]));
    const mergedRefs = [...merged.keys()].map((id) => JSON.stringify(id));
    /** The merged actors as this import gives them: their names are compared again below. */
    const mergedActors = new Map<string, Actor>();
    /** The entity as the import gives it, where a statement merges it away or rewrites it. */
    const keepOriginal = (kind: EntityKind, id: string, ord: number, doc: string) =>
      sink.insert("merged_originals", { dataset: meta.dataset, id, kind, ord, doc });
    const batch: EntityItem[] = [];
    // After a failure the entities are still written (the transaction is rolled back): later
    // ones are checked as they would have been, and every dangling reference is reported.
    const settle = async () => {
      const prepared = batch.splice(0).map((next) => {
        const id = (next.entity as { id: string }).id;
        if (merged.has(id) && (next.kind === "actors" || next.kind === "events"))
          return { id, next, item: undefined, given: "", rewritten: false, refs: [], links: [] };
        const given = merged.size ? JSON.stringify(next.entity) : "";
        const rewritten = merged.size > 0 && mergedRefs.some((r) => given.includes(r));
        const item = rewritten
          ? ({ ...next, entity: rewriteReferences(next.entity, merged) } as EntityItem)
          : next;
        const links = item.kind === "events" ? item.entity.links.map((l) => l.event) : [];
        return { id, next, item, given, rewritten, refs: referencesOf(item), links };
      });
      const found = await holds(prepared.flatMap((p) => [...p.refs.map((r) => r.ref), ...p.links]));
      /** Ids this batch wrote, which the lookup above could not see. */
      const wrote = new Set<string>();
      /** The batch's links to events not in yet: ord, id, ref, … */
      const pending: (string | number)[] = [];
      for (const { id, next, item, given, rewritten, refs, links } of prepared) {
        if (item === undefined) {
          // its place is kept, so withdrawing the statement puts it back where it was
          const ord = maker.take(next.kind);
          await keepOriginal(next.kind, id, ord, JSON.stringify(next.entity));
          if (next.kind === "actors") {
            await maker.searchOnly(next.entity);
            mergedActors.set(id, next.entity);
          }
          continue;
        }
        let good = true;
        for (const r of refs) {
          if (wrote.has(r.ref) || found.has(r.ref)) continue;
          dangling(item.kind, id, r.ref, r.field);
          good = false;
        }
        if (!good) {
          left++;
          continue;
        }
        wrote.add(id);
        const ord = await maker.add(item);
        if (rewritten) await keepOriginal(item.kind, id, ord, given);
        // numbered as event_links numbers them, so the check below reports in input order
        for (const [k, ref] of links.entries())
          if (!wrote.has(ref) && !found.has(ref)) pending.push(ord * 1000 + k, id, ref);
      }
      for (let i = 0; i < pending.length; i += 3 * LOOKUP_CHUNK) {
        const some = pending.slice(i, i + 3 * LOOKUP_CHUNK);
        const rows = Array.from({ length: some.length / 3 }, () => "(?, ?, ?)").join(", ");
        await sink.query(`INSERT INTO ${PENDING_LINKS} (ord, id, ref) VALUES ${rows}`, some);
      }
    };
    for await (const next of items) {
      batch.push(next);
      if (batch.length >= CHECK_BATCH) await settle();
    }
    await settle();
    // the links noted above, now that everything is in: a page at a time, in input order
    for (let after = -1; ; ) {
      const some = await sink.query<{ id: string; ref: string; ord: number | string }>(
        `SELECT p.id, p.ref, p.ord FROM ${PENDING_LINKS} p
         WHERE p.ord > ?
           AND NOT EXISTS (SELECT 1 FROM entities WHERE id = p.ref)
           AND NOT EXISTS (SELECT 1 FROM events WHERE id = p.ref)
           AND NOT EXISTS (SELECT 1 FROM same_as WHERE from_id = p.ref)
         ORDER BY p.ord LIMIT ${CHECK_BATCH}`,
        [after],
      );
      for (const l of some) dangling("events", l.id, l.ref, "links.event");
      if (some.length < CHECK_BATCH) break;
      after = Number(some[some.length - 1]?.ord);
    }
    if (c.engine === "sqlite") await sink.exec(`DROP TABLE temp.${PENDING_LINKS}`);
    meta.beforeCommit?.();
    if (failed)
      throw new DatabaseError(
        `the import refers to ids that are neither in it nor in ${c.name}; nothing was written`,
      );
    await maker.drainSearch();
    await sink.flush();
    // with a small cache: the import's memory stays within its budget whatever its size
    await buildIndexes(c, sink, rebuilt, 16384);
    await recount(sink, affected);
    await recountDataset(sink, meta.dataset);
    await countDays(sink, "dataset = ?", [meta.dataset]);
    const entry: DatasetEntry = {
      name: meta.dataset,
      origin: "import",
      counts: singularCounts(maker.counts),
      format: meta.format,
      files: meta.files,
      importedAt: new Date().toISOString(),
      ...(meta.inputHash === undefined ? {} : { inputHash: meta.inputHash }),
      stats: maker.stats.result(),
      version: maker.hash.digest("hex").slice(0, 16),
      ...(old?.merged?.length ? { merged: await renamed(sink, old.merged, mergedActors) } : {}),
    };
    const next = old ? entries.map((d) => (d === old ? entry : d)) : [...entries, entry];
    const { version } = await writeMeta(sink, next, loadPart(before));
    await sink.commit();
    await afterCommit(c);
    return done({
      unchanged: false,
      replaced: old !== undefined,
      counts: maker.counts,
      left,
      rows: sink.rows,
      version,
    });
  } catch (err) {
    await sink.rollback().catch(() => {});
    throw clash(err, c.name);
  }
}

/** A duplicate id, said in words: the import makes an id the database already holds. */
function clash(err: unknown, name: string): unknown {
  const e = err as { code?: string; message?: string; detail?: string };
  if (
    e.code === "23505" ||
    e.code === "SQLITE_CONSTRAINT_PRIMARYKEY" ||
    e.code === "SQLITE_CONSTRAINT_UNIQUE"
  ) {
    const id = /\(id\)=\(([^)]*)\)/.exec(e.detail ?? "")?.[1];
    return new DatabaseError(
      `${name}: the import makes ${id ? `the id ${JSON.stringify(id)}, which` : "an id that"} the database already holds (ids are unique across all datasets); nothing was written`,
    );
  }
  return err;
}

/** The datasets a database holds, loaded and imported, in the order they came. */
export async function listDatasets(c: OpenedDatabase): Promise<DatasetEntry[]> {
  const rows = await c.db.selectFrom("dealmap_meta").select(["key", "value"]).execute();
  return datasetEntries(new Map(rows.map((r) => [r.key, r.value])));
}

/**
 * Remove an import: exactly the values it wrote, in one transaction. Loaded data is not removed
 * this way (load the directories again without it).
 */
export async function removeDataset(
  c: OpenedDatabase,
  name: string,
): Promise<{ removed: DatasetEntry; version: string; seconds: number }> {
  const t0 = performance.now();
  const sink = await openSink(c);
  try {
    const before = await readMeta(sink);
    const entries = datasetEntries(before);
    const entry = entries.find((d) => d.name === name);
    if (!entry) {
      const names = entries.map((d) => `"${d.name}"`).join(", ");
      throw new DatabaseError(
        `${c.name} holds no dataset "${name}"${names ? `; its datasets are ${names}` : ""}`,
      );
    }
    if (entry.origin !== "import")
      throw new DatabaseError(
        `"${name}" is loaded data, not an import: load the database again without it ("dealmap db load --data …")`,
      );
    const affected = await actorsOf(sink, name);
    await removeRows(sink, "dataset = ?", [name]);
    for (const m of entry.merged ?? []) {
      await sink.query("DELETE FROM same_as WHERE from_id = ?", [m.from]);
      await sink.query("DELETE FROM search_postings WHERE id = ?", [m.from]);
    }
    await sink.query("DELETE FROM merged_originals WHERE dataset = ?", [name]);
    await recount(sink, affected);
    const { version } = await writeMeta(
      sink,
      entries.filter((d) => d !== entry),
      loadPart(before),
    );
    await sink.commit();
    await afterCommit(c);
    return { removed: entry, version, seconds: (performance.now() - t0) / 1000 };
  } catch (err) {
    await sink.rollback().catch(() => {});
    throw err;
  }
}

const an = (word: string) => `${/^[aeiou]/.test(word) ? "an" : "a"} ${word}`;

/** An actor's names as its document holds them. */
type Named = { name?: string; aliases?: { name: string }[] };

/** The names of `a` (its name, then its aliases) that `b` does not list, in a's order. */
function namesMissing(a: Named, b: Named): string[] {
  const key = (x: string) => x.normalize("NFC").toLocaleLowerCase("und").replace(/\s+/g, " ").trim();
  const has = new Set([b.name ?? "", ...(b.aliases ?? []).map((x) => x.name)].map(key));
  const out: string[] = [];
  for (const n of [a.name ?? "", ...(a.aliases ?? []).map((x) => x.name)]) {
    const k = key(n);
    if (k && !has.has(k)) {
      has.add(k);
      out.push(n);
    }
  }
  return out;
}

/**
 * The merged records of an import given again: an actor's names the curated one does not list
 * are compared again with the names this import gives it (kept as they were when it gives none).
 */
async function renamed(
  sink: Sink,
  records: MergedRecord[],
  actors: Map<string, Actor>,
): Promise<MergedRecord[]> {
  const out: MergedRecord[] = [];
  for (const m of records) {
    const now = actors.get(m.from);
    const [curated] = now
      ? await sink.query<{ doc: string }>("SELECT doc FROM entities WHERE id = ?", [m.into])
      : [];
    if (!now || !curated) {
      out.push(m);
      continue;
    }
    const { names: _, citations: _c, ...rest } = m;
    const names = namesMissing(now, JSON.parse(curated.doc) as Named);
    out.push({
      ...rest,
      ...(names.length ? { names } : {}),
      ...(now.citations.length ? { citations: now.citations } : {}),
    });
  }
  return out;
}

/** The meta table, its datasets and the import `name` among them (refused when it is not one). */
async function theImport(sink: Sink, c: OpenedDatabase, name: string) {
  const before = await readMeta(sink);
  const entries = datasetEntries(before);
  const entry = entries.find((d) => d.name === name);
  if (entry?.origin !== "import") {
    const imports = entries.filter((d) => d.origin === "import").map((d) => `"${d.name}"`);
    throw new DatabaseError(
      `${c.name} holds no import "${name}"; its imports are ${imports.join(", ") || "none"}`,
    );
  }
  return { before, entries, entry };
}

/** Write the datasets' entries (one of them changed) and commit: the new data version. */
async function commitEntry(
  sink: Sink,
  c: OpenedDatabase,
  before: Map<string, string>,
  entries: DatasetEntry[],
): Promise<string> {
  const { version } = await writeMeta(sink, entries, loadPart(before));
  await sink.commit();
  await afterCommit(c);
  return version;
}

export interface AcceptSummary {
  dataset: string;
  from: string;
  into: string;
  /** True when this same-as was accepted before: nothing was written. */
  unchanged: boolean;
  /** The import's events and other entities whose references now name `into`. */
  rewritten: { events: number; entities: number };
  /** The imported actor's names that `into` does not list (see MergedRecord.names). */
  names: string[];
  version: string;
  seconds: number;
}

/**
 * Accept a same-as (`dealmap datasets accept`): the import's actor or event `from` is the loaded
 * (curated) one `into`. In one transaction, every entity of the import that refers to `from` is
 * written again referring to `into` (so the curated actor's profile, network and counts take
 * the import's events in), `from` is removed, and looking `from` up finds `into`. The statement
 * is kept with the import (see MergedRecord). As when records merge by a same-as in the data,
 * two actors' kinds and countries must agree.
 */
export async function acceptSameAs(
  c: OpenedDatabase,
  name: string,
  from: string,
  into: string,
  note?: string,
): Promise<AcceptSummary> {
  const t0 = performance.now();
  const sink = await openSink(c);
  const result = (
    s: Pick<AcceptSummary, "unchanged" | "rewritten" | "version"> & { names?: string[] },
  ): AcceptSummary => ({
    dataset: name,
    from,
    into,
    names: [],
    ...s,
    seconds: (performance.now() - t0) / 1000,
  });
  try {
    const { before, entries, entry } = await theImport(sink, c, name);
    const done = entry.merged?.find((m) => m.from === from);
    if (done?.into === into) {
      await sink.rollback();
      return result({
        unchanged: true,
        rewritten: { events: 0, entities: 0 },
        version: before.get("version") ?? "",
        names: done.names ?? [],
      });
    }
    if (done) throw new DatabaseError(`"${from}" of "${name}" was merged into "${done.into}" already`);
    type Row = {
      id: string;
      kind: string;
      sub: string | null;
      country: string | null;
      dataset: string;
      ord: number | string;
      doc: string;
    };
    const one = async (id: string): Promise<Row | undefined> =>
      (
        await sink.query<Row>("SELECT id, kind, sub, country, dataset, ord, doc FROM entities WHERE id = ?", [
          id,
        ])
      )[0] ??
      (
        await sink.query<Row>(
          "SELECT id, 'event' AS kind, kind AS sub, NULL AS country, dataset, ord, doc FROM events WHERE id = ?",
          [id],
        )
      )[0];
    const a = await one(from);
    if (a?.dataset !== name || (a.kind !== "actor" && a.kind !== "event"))
      throw new DatabaseError(
        `"${from}" is not an actor or event of the import "${name}"${a ? ` (it is ${an(a.kind)} of "${a.dataset}")` : ""}; see "dealmap datasets candidates ${name}"`,
      );
    const b = await one(into);
    const loaded = new Set(entries.filter((d) => d.origin === "load").map((d) => d.name));
    if (b?.kind !== a.kind || !loaded.has(b.dataset))
      throw new DatabaseError(
        `"${into}" is not a curated ${a.kind}${b ? ` (it is ${an(b.kind)} of "${b.dataset}")` : " (no such id)"}: an import's ${a.kind} is merged into ${an(a.kind)} of the loaded data`,
      );
    // an actor's kind and country must agree (as in a same-as between datasets); an event was
    // usually promoted and checked by the curator, whose values are the ones kept
    if (a.kind === "actor" && a.sub !== b.sub)
      throw new DatabaseError(`"${from}" is a ${a.sub} and "${into}" a ${b.sub}: one actor has one kind`);
    if (a.kind === "actor" && a.country && b.country && a.country !== b.country)
      throw new DatabaseError(
        `"${from}" has the country ${a.country} and "${into}" ${b.country}: one actor has one country`,
      );
    const map = new Map([[from, into]]);
    const maker = new RowMaker(sink, { datasets: [name] }, await offsets(sink), true);
    // the import's events naming it (by the index), then its other entities (by their text)
    const eventIds = (
      await sink.query<{ id: string }>(
        a.kind === "actor"
          ? "SELECT DISTINCT a.id FROM event_actors a JOIN events e ON e.id = a.id WHERE a.actor = ? AND e.dataset = ?"
          : "SELECT DISTINCT l.from_id AS id FROM event_links l JOIN events e ON e.id = l.from_id WHERE l.to_id = ? AND e.dataset = ?",
        [from, name],
      )
    ).map((r) => r.id);
    // the actors whose counts change: the merged event's (it goes) and those of the events rewritten
    const actorsOfFrom =
      a.kind === "event"
        ? (await sink.query<{ actor: string }>("SELECT actor FROM event_actors WHERE id = ?", [from])).map(
            (r) => r.actor,
          )
        : [from];
    const others = (
      await sink.query<Row>(
        "SELECT id, kind, sub, country, dataset, ord, doc FROM entities WHERE dataset = ? AND id <> ? AND doc LIKE ?",
        [name, from, `%${JSON.stringify(from)}%`],
      )
    ).filter((r) => JSON.stringify(rewriteReferences(JSON.parse(r.doc), map)) !== r.doc);
    // what this statement rewrites or merges away, as the import gave it (an earlier statement's
    // copy, made before its own rewrite, is the one kept): see unacceptSameAs
    const keepOriginal = (kind: EntityKind, r: { id: string; ord: number | string; doc: string }) =>
      sink.query(
        "INSERT INTO merged_originals (dataset, id, kind, ord, doc) VALUES (?, ?, ?, ?, ?) ON CONFLICT (dataset, id) DO NOTHING",
        [name, r.id, kind, Number(r.ord), r.doc],
      );
    await keepOriginal(a.kind === "actor" ? "actors" : "events", a);
    const rewrite = async (kind: EntityKind, rows: { id: string; ord: number | string; doc: string }[]) => {
      for (const r of rows) await keepOriginal(kind, r);
      const marks = rows.map(() => "?").join(", ");
      await removeRows(
        sink,
        `id IN (${marks})`,
        rows.map((r) => r.id),
        false,
      );
      for (const r of rows)
        await maker.add({ kind, entity: rewriteReferences(JSON.parse(r.doc), map) } as EntityItem);
    };
    for (let i = 0; i < eventIds.length; i += 500) {
      const ids = eventIds.slice(i, i + 500);
      const rows = await sink.query<{ id: string; ord: number | string; doc: string }>(
        `SELECT id, ord, doc FROM events WHERE id IN (${ids.map(() => "?").join(", ")})`,
        ids,
      );
      await rewrite("events", rows);
    }
    for (const r of others) await rewrite(PLURAL_OF.get(r.kind) as EntityKind, [r]);
    await removeRows(sink, "id = ?", [from], false);
    // an actor stays searchable by its own names, under its id, which now leads to `into`
    if (a.kind === "actor") await maker.searchOnly(JSON.parse(a.doc) as Actor);
    if (a.kind === "event") {
      await sink.query("DELETE FROM event_days WHERE dataset = ?", [name]);
      await countDays(sink, "dataset = ?", [name]);
    }
    const [last] = await sink.query<{ n: number | string | null }>("SELECT max(ord) AS n FROM same_as");
    await sink.query("INSERT INTO same_as (from_id, to_id, ord) VALUES (?, ?, ?)", [
      from,
      into,
      Number(last?.n ?? -1) + 1,
    ]);
    await maker.drainSearch();
    await sink.flush();
    await recount(sink, [...actorsOfFrom, into, ...(maker.eventActors ?? [])]);
    const kind = a.kind as "actor" | "event";
    const plural = kind === "actor" ? "actors" : "events";
    const doc = JSON.parse(a.doc) as { name?: string; title?: string; citations?: Citation[] };
    // the import's stats without the record, as a new import under the statement counts them
    const stats = entry.stats && subtractStats(entry.stats, statsOf(plural, doc));
    const names = kind === "actor" ? namesMissing(doc as Named, JSON.parse(b.doc) as Named) : [];
    const merged: MergedRecord = {
      kind,
      from,
      into,
      name: doc.name ?? doc.title ?? from,
      ...(names.length ? { names } : {}),
      ...(doc.citations?.length ? { citations: doc.citations } : {}),
      ...(note ? { note } : {}),
      acceptedAt: new Date().toISOString(),
    };
    const next: DatasetEntry = {
      ...entry,
      counts: { ...entry.counts, [kind]: Math.max(0, (entry.counts[kind] ?? 1) - 1) },
      ...(stats ? { stats } : {}),
      merged: [...(entry.merged ?? []), merged],
      version: createHash("sha256")
        .update(`${entry.version ?? ""}\0${from}\0${into}`)
        .digest("hex")
        .slice(0, 16),
    };
    const version = await commitEntry(
      sink,
      c,
      before,
      entries.map((d) => (d === entry ? next : d)),
    );
    return result({
      unchanged: false,
      rewritten: { events: eventIds.length, entities: others.length },
      version,
      names,
    });
  } catch (err) {
    await sink.rollback().catch(() => {});
    throw err;
  }
}

export interface UnacceptSummary {
  dataset: string;
  from: string;
  /** The curated record `from` was merged into. */
  into: string;
  kind: "actor" | "event";
  /** The import's events and other entities written back as the import gave them. */
  restored: { events: number; entities: number };
  version: string;
  seconds: number;
}

/**
 * Withdraw an accepted same-as (`dealmap datasets unaccept`): in one transaction the import's
 * record `from` comes back under its own id, and every entity of the import the statement
 * rewrote is written back as the import gave it (kept in `merged_originals` by acceptSameAs and
 * by a new import under the statement), at its place in the import, with the import's other
 * statements still applied. Afterwards the answers are those of the import without the
 * statement. A statement accepted before schema version 8 kept no originals: it is refused
 * with what to do instead (remove the import and import it again).
 */
export async function unacceptSameAs(
  c: OpenedDatabase,
  name: string,
  from: string,
): Promise<UnacceptSummary> {
  const t0 = performance.now();
  const sink = await openSink(c);
  try {
    const { before, entries, entry } = await theImport(sink, c, name);
    const m = entry.merged?.find((x) => x.from === from);
    if (!m) {
      const accepted = (entry.merged ?? []).map((x) => `"${x.from}" → "${x.into}"`);
      throw new DatabaseError(
        `"${from}" of "${name}" was not merged into a curated record; ${accepted.length ? `the accepted same-as of "${name}": ${accepted.join(", ")}` : `"${name}" has no accepted same-as`}`,
      );
    }
    const kind = m.kind ?? "actor";
    const plural: EntityKind = kind === "actor" ? "actors" : "events";
    type Original = { id: string; kind: string; ord: number | string; doc: string };
    const withdrawn = new Map([[from, "\u0000"]]);
    const originals = (
      await sink.query<Original>(
        "SELECT id, kind, ord, doc FROM merged_originals WHERE dataset = ? AND (id = ? OR doc LIKE ?) ORDER BY kind, ord",
        [name, from, `%${JSON.stringify(from)}%`],
      )
    ).filter((r) => {
      if (r.id === from) return true;
      const doc = JSON.parse(r.doc);
      return JSON.stringify(rewriteReferences(doc, withdrawn)) !== JSON.stringify(doc);
    });
    const own = originals.find((r) => r.id === from);
    if (!own)
      throw new DatabaseError(
        `"${from}" of "${name}" was accepted before this database kept what a same-as rewrites (schema version 8), so it cannot be withdrawn exactly; remove the import and import it again ("dealmap datasets rm ${name}", then "dealmap import …")`,
      );
    // the import's other statements still hold
    const remaining = new Map(
      (entry.merged ?? []).filter((x) => x.from !== from).map((x) => [x.from, x.into] as const),
    );
    const back = originals.filter((r) => r.id === from || !remaining.has(r.id));
    // the actors whose counts change: those of the events as they are now (and as they will be)
    const actorsBefore = new Set<string>();
    for (let i = 0; i < back.length; i += 500) {
      const ids = back.slice(i, i + 500).map((r) => r.id);
      const marks = ids.map(() => "?").join(", ");
      for (const r of await sink.query<{ actor: string }>(
        `SELECT DISTINCT actor FROM event_actors WHERE id IN (${marks})`,
        ids,
      ))
        actorsBefore.add(r.actor);
      await removeRows(sink, `id IN (${marks})`, ids, false);
    }
    await sink.query("DELETE FROM same_as WHERE from_id = ?", [from]);
    // the postings the merged actor kept under its id: filed again with it
    await sink.query("DELETE FROM search_postings WHERE id = ?", [from]);
    const maker = new RowMaker(sink, { datasets: [name] }, await offsets(sink), true);
    for (const r of back)
      await maker.add(
        { kind: r.kind, entity: rewriteReferences(JSON.parse(r.doc), remaining) } as EntityItem,
        Number(r.ord),
      );
    await maker.drainSearch();
    await sink.flush();
    if (kind === "event") {
      await sink.query("DELETE FROM event_days WHERE dataset = ?", [name]);
      await countDays(sink, "dataset = ?", [name]);
    }
    await recount(sink, [...actorsBefore, m.into, ...(maker.eventActors ?? [])]);
    const stats = entry.stats && mergeStats([entry.stats, statsOf(plural, JSON.parse(own.doc))]);
    const next: DatasetEntry = {
      ...entry,
      counts: { ...entry.counts, [kind]: (entry.counts[kind] ?? 0) + 1 },
      ...(stats ? { stats } : {}),
      version: createHash("sha256")
        .update(`${entry.version ?? ""}\0-\0${from}`)
        .digest("hex")
        .slice(0, 16),
    };
    const rest = (entry.merged ?? []).filter((x) => x !== m);
    if (rest.length) next.merged = rest;
    else delete next.merged;
    const version = await commitEntry(
      sink,
      c,
      before,
      entries.map((d) => (d === entry ? next : d)),
    );
    const events = back.filter((r) => r.kind === "events" && r.id !== from).length;
    return {
      dataset: name,
      from,
      into: m.into,
      kind,
      restored: { events, entities: back.length - 1 - events },
      version,
      seconds: (performance.now() - t0) / 1000,
    };
  } catch (err) {
    await sink.rollback().catch(() => {});
    throw err;
  }
}

/** The stats of one entity. */
function statsOf(kind: EntityKind, entity: unknown): DatasetStats {
  const one = statsAccumulator();
  one.add(kind, entity as never);
  return one.result();
}

/** A hash of import inputs and options, for "the same import again changes nothing". */
export function inputHashOf(parts: (string | Buffer)[]): string {
  const h = createHash("sha256");
  for (const p of parts) h.update(typeof p === "string" ? `${p}\0` : p);
  return h.digest("hex").slice(0, 32);
}

export type { DatasetEntry } from "./write.ts";
