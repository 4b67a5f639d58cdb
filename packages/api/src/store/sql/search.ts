/**
 * Search from tables, for the SQLite and PostgreSQL stores: at millions of events the domain's
 * in-memory index does not fit, so the tables only find the candidates and the domain ranks them.
 *
 * - Loading: {@link SearchRows} turns each searchable entity into rows of three tables —
 *   `search_postings` (key, tier, rank, kind, id): which entities hold a romanization key, tier 0
 *   when a name, alias, title or publisher holds it, 1 when only a description or summary does,
 *   and within a tier short, heavy fields first (see `rankOf`);
 *   `search_vocab` (key, skeleton): the distinct keys, for prefixes and skeleton matches;
 *   `search_deletes` (variant, key): each key with one letter deleted, two from 8 letters (the
 *   symmetric-delete idea of SymSpell), for typo candidates without scanning the vocabulary.
 * - Query: {@link searchSql} expands each query word to vocabulary keys the way the domain does
 *   (same key, other readings, prefixes of the last word, skeletons, typos checked with the
 *   domain's edit distance), reads the entities filed under them from the postings, fetches
 *   their documents, builds the domain's index over just those and returns the domain's search.
 *   The ranking code is the domain's; this file only has to find a superset of the entities the
 *   memory store's index would reach. `search.test.ts` checks that both give the same hits.
 *
 * The query rules (stopwords, a word's key variants, edit limits, expansion caps) are the
 * domain's own, imported. One copy is left, marked below: which fields of an entity are filed
 * and their weights, which the domain's index builder keeps inside; a change there must be made
 * here too (`search.test.ts` fails if the two disagree).
 */
import {
  type Actor,
  altKeyOfPlain,
  boundedDamerau,
  buildSearchIndex,
  type Deal,
  keyOfPlain,
  MAX_PREFIX_EXPANSIONS,
  MAX_QUERY_WORDS,
  MAX_SKELETON_EXPANSIONS,
  maxEdits,
  PARTIAL_DIGRAPH,
  type Place,
  plainWords,
  queryKeys,
  type Route,
  SEARCH_KINDS,
  SEARCH_MAX_QUERY_LENGTH,
  type SearchIndex,
  type Source,
  STOPWORDS,
  type StoryEvent,
  search,
  skeletonOf,
} from "@dealmap/domain";
import { type Kysely, sql } from "kysely";
import type { SearchHitOut, SearchKindName } from "../types.ts";

// biome-ignore lint/suspicious/noExplicitAny: the stores' database types differ; only the search tables are used here
type AnyDb = Kysely<any>;

export const SEARCH_POSTINGS = "search_postings";
export const SEARCH_VOCAB = "search_vocab";
export const SEARCH_DELETES = "search_deletes";

/** The entity types search covers, by kind. */
export interface SearchEntities {
  actor: Actor;
  place: Place;
  event: StoryEvent;
  route: Route;
  deal: Deal;
  source: Source;
}

/** The documents `searchSql` asks for (only the entities asked for; order does not matter). */
export interface SearchDocuments {
  actors: Actor[];
  places: Place[];
  events: StoryEvent[];
  routes: Route[];
  deals: Deal[];
  sources: Source[];
}

export interface SearchRef {
  kind: SearchKindName;
  id: string;
}

/** Rows for one table; insert them as they are, ignoring key conflicts when `onConflictIgnore`. */
export interface SearchRowBatch {
  table: string;
  rows: object[];
  onConflictIgnore?: boolean;
}

// ---- Copies of search.ts rules (see the module comment) ----

/**
 * Copy: which texts of an entity the domain index files, how (a name matches whole, by prefix or by
 * words, a title whole or by words, a text by words) and with the domain's field weight.
 */
function fieldsOf(kind: SearchKindName, e: SearchEntities[SearchKindName]): Field[] {
  switch (kind) {
    case "actor": {
      const a = e as Actor;
      return [
        [a.name, "name", 1],
        ...(a.aliases ?? []).map((x): Field => [x.name, "name", 0.95]),
        [a.description, "text", 0.55],
      ];
    }
    case "place": {
      const p = e as Place;
      return [[p.name, "name", 1], ...(p.aliases ?? []).map((x): Field => [x.name, "name", 0.95])];
    }
    case "event": {
      const ev = e as StoryEvent;
      // as the domain's index: a machine-coded event's generated summary is not filed
      return ev.coding === undefined
        ? [
            [ev.title, "title", 0.85],
            [ev.summary, "text", 0.5],
          ]
        : [[ev.title, "title", 0.85]];
    }
    case "route": {
      const r = e as Route;
      return [
        [r.name, "name", 1],
        [r.description, "text", 0.55],
      ];
    }
    case "deal": {
      const d = e as Deal;
      return [
        [d.title, "title", 0.85],
        [d.summary, "text", 0.5],
      ];
    }
    case "source": {
      const s = e as Source;
      return [
        [s.title, "title", 0.8],
        [s.publisher, "title", 0.8],
      ];
    }
  }
}

type Field = [text: string | undefined, form: "name" | "title" | "text", weight: number];

// ---- Tables ----

/** Creates the three search tables and their indexes (part of the schema migration). */
export async function createSearchTables(db: AnyDb, engine: "sqlite" | "postgres"): Promise<void> {
  // Keys must compare bytewise (prefix ranges): PostgreSQL columns get the C collation, SQLite's
  // default BINARY already is. SQLite tables are clustered on their primary key.
  const bytewise = engine === "postgres" ? sql`collate "C"` : sql``;
  const clustered = engine === "sqlite" ? sql`without rowid` : sql``;
  await db.schema
    .createTable(SEARCH_POSTINGS)
    .ifNotExists()
    .addColumn("key", "text", (c) => c.modifyFront(bytewise).notNull())
    .addColumn("tier", "smallint", (c) => c.notNull())
    .addColumn("rank", "smallint", (c) => c.notNull())
    .addColumn("kind", "smallint", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.modifyFront(bytewise).notNull())
    .execute();
  await db.schema
    .createTable(SEARCH_VOCAB)
    .ifNotExists()
    .addColumn("key", "text", (c) => c.modifyFront(bytewise).notNull().primaryKey())
    .addColumn("skeleton", "text", (c) => c.modifyFront(bytewise))
    .modifyEnd(clustered)
    .execute();
  await db.schema
    .createIndex(`${SEARCH_VOCAB}_skeleton`)
    .ifNotExists()
    .on(SEARCH_VOCAB)
    .columns(["skeleton", "key"])
    .execute();
  await db.schema
    .createTable(SEARCH_DELETES)
    .ifNotExists()
    .addColumn("variant", "text", (c) => c.modifyFront(bytewise).notNull())
    .addColumn("key", "text", (c) => c.modifyFront(bytewise).notNull())
    .addPrimaryKeyConstraint(`${SEARCH_DELETES}_pk`, ["variant", "key"])
    .modifyEnd(clustered)
    .execute();
}

// ---- Loading ----

/** Past this many keys the seen-set starts over (conflicts are ignored on insert anyway). */
const SEEN_LIMIT = 100_000;

/**
 * The search rows of entities as they are added. `drain()` hands over what was made since the
 * last drain, so a loader that drains every few thousand entities keeps memory flat.
 */
export class SearchRows {
  private postings: { key: string; tier: number; rank: number; kind: number; id: string }[] = [];
  private vocab: { key: string; skeleton: string | null }[] = [];
  private deletes: { variant: string; key: string }[] = [];
  /** Keys already given their vocabulary and delete rows (bounded: see SEEN_LIMIT). */
  private seen = new Set<string>();

  add<K extends SearchKindName>(kind: K, entity: SearchEntities[K]): void {
    // Each key once per entity, at its best tier and rank.
    const best = new Map<string, { tier: number; rank: number }>();
    const file = (key: string, tier: number, rank: number) => {
      const b = best.get(key);
      if (b === undefined || tier < b.tier || (tier === b.tier && rank < b.rank))
        best.set(key, { tier, rank });
    };
    for (const [text, form, weight] of fieldsOf(kind, entity)) {
      if (typeof text !== "string" || text.trim() === "") continue;
      const ws = plainWords(text);
      const tier = form === "text" ? 1 : 0;
      const keys = new Set<string>();
      for (const w of ws) if (!STOPWORDS.has(w)) keys.add(keyOfPlain(w));
      if (keys.size === 0) continue;
      const rank = rankOf(weight, keys.size, form !== "text");
      for (const w of ws) {
        if (STOPWORDS.has(w)) continue;
        file(keyOfPlain(w), tier, rank);
        const alt = altKeyOfPlain(w);
        if (alt !== undefined) file(alt, tier, rank);
      }
      // Short names are also filed run together (Tut.by as "tutby"), stopwords included.
      if (form === "name" && ws.length >= 2 && ws.length <= 3) {
        const compact = ws.map(keyOfPlain).join("");
        if (compact.length <= 24) file(compact, tier, rank);
      }
    }
    const kindNo = SEARCH_KINDS.indexOf(kind);
    for (const [key, { tier, rank }] of best) {
      this.postings.push({ key, tier, rank, kind: kindNo, id: entity.id });
      this.addKey(key);
    }
  }

  drain(): SearchRowBatch[] {
    const out: SearchRowBatch[] = [];
    if (this.vocab.length > 0) out.push({ table: SEARCH_VOCAB, rows: this.vocab, onConflictIgnore: true });
    if (this.deletes.length > 0)
      out.push({ table: SEARCH_DELETES, rows: this.deletes, onConflictIgnore: true });
    // Ignored conflicts here too: an entity added twice files the same rows twice.
    if (this.postings.length > 0) out.push({ table: SEARCH_POSTINGS, rows: this.postings });
    this.postings = [];
    this.vocab = [];
    this.deletes = [];
    return out;
  }

  private addKey(key: string): void {
    if (this.seen.has(key)) return;
    if (this.seen.size >= SEEN_LIMIT) this.seen.clear();
    this.seen.add(key);
    this.vocab.push({ key, skeleton: skeletonKeyOf(key) });
    // The domain only looks for typos among keys of 3+ letters without digits (event numbers).
    if (key.length < 3 || /\d/.test(key)) return;
    for (const variant of deletesOf(key, key.length >= 8 ? 2 : 1)) this.deletes.push({ variant, key });
  }
}

/**
 * Where an entity's posting sorts among a key's: about what a one-word query for the key scores
 * in this field (weight × the domain's word level for a field of `words` words; a one-word name
 * or title matches whole), as 1000 − score × 1000 so that the best come first. Only the order of
 * candidates read under the cap depends on it, never a score.
 */
function rankOf(weight: number, words: number, nameLike: boolean): number {
  const level = nameLike && words === 1 ? 1 : 0.78 * (0.75 + 0.25 / words);
  return Math.round(1000 - weight * level * 1000);
}

/** The skeleton a key is filed under, or null when the domain files none. */
function skeletonKeyOf(key: string): string | null {
  if (key.length < 4 || /\d/.test(key)) return null;
  const sk = skeletonOf(key);
  return sk.length >= 3 ? sk : null;
}

/**
 * A key with 1..depth letters deleted. Two keys within edit distance d share such a variant
 * (or one is a variant of the other) when both sides delete up to d letters; a stored key of
 * fewer than 8 letters needs at most one (see the test of the symmetric delete).
 */
export function deletesOf(key: string, depth: number): Set<string> {
  const out = new Set<string>();
  let level = [key];
  for (let d = 0; d < depth; d++) {
    const next: string[] = [];
    for (const s of level) {
      for (let i = 0; i < s.length; i++) {
        const v = s.slice(0, i) + s.slice(i + 1);
        if (!out.has(v)) {
          out.add(v);
          next.push(v);
        }
      }
    }
    level = next;
  }
  return out;
}

// ---- Query ----

/**
 * How many entities are fetched and ranked at most (each costs a document read and a place in
 * the per-query index). It binds when the query's keys reach more entities than that: common
 * words, short prefixes and half-typed numbers in large data. The ranking then sees only the
 * first ones read: names and titles before texts, the query's rarest word first, its own keys
 * before expansions, each key's best-ranked postings first (see `rankOf`).
 */
export const SEARCH_CANDIDATE_CAP = 400;

interface WordPlan {
  /** The word's own keys (quality 1 where filed). */
  exact: string[];
  /** Prefix, skeleton and typo expansions, filled by `expand`. */
  other: Set<string>;
  prefix: boolean;
}

const EMPTY_INDEX = buildSearchIndex(
  { sources: [], actors: [], places: [], events: [], routes: [], relations: [], deals: [], assessments: [] },
  { cacheSize: 0 },
);

/**
 * Searches the tables: the same hits, order and scores as the domain's `search` over the whole
 * dataset, as long as the query's keys reach at most SEARCH_CANDIDATE_CAP entities and no key
 * expansion is cut (more than 64 keys under a typed prefix, or 200 under one skeleton: the
 * domain cuts over the whole vocabulary, its index over the candidates over theirs). `fetch`
 * returns the documents of the entities asked for.
 */
export async function searchSql(
  db: AnyDb,
  q: string,
  opts: { limit?: number; kinds?: SearchKindName[] },
  fetch: (refs: SearchRef[]) => Promise<SearchDocuments>,
): Promise<SearchHitOut[]> {
  // The domain's checks of the query and options, with its messages.
  search(EMPTY_INDEX, q, opts);
  const words = planQuery(q);
  if (words.length === 0) return [];
  await Promise.all(words.map((w) => expand(db, w)));
  const refs = await candidates(db, words, opts.kinds);
  const docs = refs.length > 0 ? await fetch(refs) : undefined;
  const index: SearchIndex = docs
    ? buildSearchIndex({ ...docs, relations: [], assessments: [] }, { cacheSize: 0 })
    : EMPTY_INDEX;
  return search(index, q, opts);
}

/** The query's words as the domain reads them: no stopwords unless all are, one per key, 8 at most. */
function planQuery(q: string): WordPlan[] {
  const all = plainWords(q.slice(0, SEARCH_MAX_QUERY_LENGTH));
  if (all.length === 0) return [];
  let ws = all.filter((w) => !STOPWORDS.has(w));
  if (ws.length === 0) ws = all;
  const seen = new Set<string>();
  ws = ws.filter((w) => {
    const k = keyOfPlain(w);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const last = all[all.length - 1];
  return ws
    .slice(0, MAX_QUERY_WORDS)
    .map((w) => ({ exact: queryKeys(w), other: new Set<string>(), prefix: w === last }));
}

/** Adds the vocabulary keys a word may mean besides its own: prefixes, skeletons, typos. */
async function expand(db: AnyDb, w: WordPlan): Promise<void> {
  const lookups: Promise<void>[] = [];
  const typos = new Map<string, number>();
  for (const key of w.exact) {
    if (w.prefix && key.length >= 2) {
      lookups.push(prefixKeys(db, key, w.other));
      const partial = PARTIAL_DIGRAPH[key[key.length - 1] as string];
      if (partial !== undefined) lookups.push(prefixKeys(db, key.slice(0, -1) + partial, w.other));
    }
    if (/\d/.test(key)) continue;
    const sk = skeletonKeyOf(key);
    if (sk !== null) lookups.push(skeletonKeys(db, sk, w.other));
    const d = maxEdits(key.length);
    if (d > 0) typos.set(key, d);
  }
  if (typos.size > 0) lookups.push(typoKeys(db, typos, w.other));
  await Promise.all(lookups);
  for (const k of w.exact) w.other.delete(k);
}

/** The first keys in byte order that start with `prefix`, as many as the domain takes (+1). */
async function prefixKeys(db: AnyDb, prefix: string, out: Set<string>): Promise<void> {
  const rows = await db
    .selectFrom(SEARCH_VOCAB)
    .select("key")
    .where("key", ">=", prefix)
    // U+10FFFF sorts after every character that can follow the prefix (bytewise UTF-8).
    .where("key", "<", `${prefix}\u{10FFFF}`)
    .orderBy("key")
    .limit(MAX_PREFIX_EXPANSIONS + 1)
    .execute();
  for (const r of rows) out.add(r.key as string);
}

/** Keys with this skeleton; none when there are more than the domain expands. */
async function skeletonKeys(db: AnyDb, skeleton: string, out: Set<string>): Promise<void> {
  const rows = await db
    .selectFrom(SEARCH_VOCAB)
    .select("key")
    .where("skeleton", "=", skeleton)
    .limit(MAX_SKELETON_EXPANSIONS + 1)
    .execute();
  if (rows.length > MAX_SKELETON_EXPANSIONS) return;
  for (const r of rows) out.add(r.key as string);
}

/**
 * Keys within the domain's edit limit of each query key: candidates share a delete variant
 * with it (or are one of its variants, or it one of theirs), then the domain's distance decides.
 */
async function typoKeys(db: AnyDb, typos: Map<string, number>, out: Set<string>): Promise<void> {
  const variants = new Set<string>();
  for (const [key, d] of typos) {
    variants.add(key);
    for (const v of deletesOf(key, d)) variants.add(v);
  }
  const list = [...variants];
  const rows = await db
    .selectFrom(SEARCH_DELETES)
    .select("key")
    .where("variant", "in", list)
    .union(db.selectFrom(SEARCH_VOCAB).select("key").where("key", "in", list))
    .execute();
  for (const r of rows) {
    const cand = r.key as string;
    if (cand.length < 3 || /\d/.test(cand)) continue;
    for (const [key, d] of typos) {
      if (cand !== key && boundedDamerau(key, cand, d) <= d) {
        out.add(cand);
        break;
      }
    }
  }
}

/**
 * The entities filed under the words' keys, at most SEARCH_CANDIDATE_CAP: tier 0 (names, titles)
 * before tier 1 (texts); within a tier the rarest word first, its own keys before expansions.
 * Under the cap every entity reached is returned, of every kind: the kinds filter is the domain's,
 * whose snippets and expansions look at the keys of all kinds (a stopword like "the" is
 * highlighted when another entity files "te"). Only when the cap binds are kinds filtered here.
 */
async function candidates(
  db: AnyDb,
  words: WordPlan[],
  kinds: SearchKindName[] | undefined,
): Promise<SearchRef[]> {
  const all = await readCandidates(db, words, undefined);
  if (all.length < SEARCH_CANDIDATE_CAP || kinds === undefined) return all;
  return readCandidates(
    db,
    words,
    [...new Set(kinds)].map((k) => SEARCH_KINDS.indexOf(k)),
  );
}

async function readCandidates(
  db: AnyDb,
  words: WordPlan[],
  kindNos: number[] | undefined,
): Promise<SearchRef[]> {
  const picked = new Map<string, SearchRef>();
  let order = words;
  if (words.length > 1) {
    const sizes = await Promise.all(words.map((w) => postingCount(db, [...w.exact, ...w.other], kindNos)));
    order = words
      .map((w, i) => ({ w, n: sizes[i] as number }))
      .sort((a, b) => a.n - b.n)
      .map((x) => x.w);
  }
  for (const tier of [0, 1]) {
    for (const w of order) {
      for (const keys of [w.exact, [...w.other]]) {
        if (picked.size >= SEARCH_CANDIDATE_CAP) return [...picked.values()];
        if (keys.length > 0) await readPostings(db, keys, tier, kindNos, picked);
      }
    }
  }
  return [...picked.values()];
}

function postingsQuery(db: AnyDb, keys: string[], kindNos: number[] | undefined) {
  let q = db.selectFrom(SEARCH_POSTINGS).where("key", "in", keys);
  if (kindNos) q = q.where("kind", "in", kindNos);
  return q;
}

/** Postings of the keys, up to the cap (capped + 1 rows read). */
async function postingCount(db: AnyDb, keys: string[], kindNos: number[] | undefined): Promise<number> {
  const rows = await postingsQuery(db, keys, kindNos)
    .select("kind")
    .limit(SEARCH_CANDIDATE_CAP + 1)
    .execute();
  return rows.length;
}

/** Posting rows to a candidate set, until the cap. */
function pick(rows: { kind: unknown; id: unknown }[], picked: Map<string, SearchRef>): void {
  for (const r of rows) {
    if (picked.size >= SEARCH_CANDIDATE_CAP) return;
    const kind = SEARCH_KINDS[Number(r.kind)] as SearchKindName;
    const ref = `${kind}\u0000${r.id as string}`;
    if (!picked.has(ref)) picked.set(ref, { kind, id: r.id as string });
  }
}

/** Compound selects per statement (SQLite allows 500). */
const SAMPLE_CHUNK = 200;

/**
 * Adds the entities filed under `keys` at `tier` until the cap. With several keys (expansions),
 * first each key's best few, so that the first keys in byte order do not take the whole cap;
 * then all of them in key order. One entity can be filed under several of the keys, so a read
 * that fills its limit without filling the cap reads again, more.
 */
async function readPostings(
  db: AnyDb,
  keys: string[],
  tier: number,
  kindNos: number[] | undefined,
  picked: Map<string, SearchRef>,
): Promise<void> {
  if (keys.length > 1) {
    const perKey = Math.ceil((SEARCH_CANDIDATE_CAP - picked.size) / keys.length);
    const sample: { kind: unknown; id: unknown; rank: unknown }[] = [];
    for (let i = 0; i < keys.length; i += SAMPLE_CHUNK) {
      const parts = keys
        .slice(i, i + SAMPLE_CHUNK)
        .map((k) =>
          db
            .selectFrom(
              postingsQuery(db, [k], kindNos)
                .where("tier", "=", tier)
                .select(["kind", "id", "rank"])
                .orderBy("rank")
                .limit(perKey)
                .as("p"),
            )
            .select(["kind", "id", "rank"]),
        );
      const union = parts.slice(1).reduce((q, p) => q.unionAll(p), parts[0] as (typeof parts)[number]);
      sample.push(...(await union.execute()));
    }
    sample.sort((a, b) => Number(a.rank) - Number(b.rank));
    pick(sample, picked);
  }
  for (let limit = SEARCH_CANDIDATE_CAP; picked.size < SEARCH_CANDIDATE_CAP; limit *= 4) {
    const rows = await postingsQuery(db, keys, kindNos)
      .where("tier", "=", tier)
      .select(["kind", "id"])
      // the primary key's order (no sort): key by key, each best rank first
      .orderBy("key")
      .orderBy("rank")
      .limit(limit)
      .execute();
    pick(rows, picked);
    if (rows.length < limit) return;
  }
}
