/**
 * Dealmap's global search: one ranked query over actors, places, events, routes, deals and
 * sources.
 *
 * Why our own engine rather than Fuse.js or MiniSearch: the people and places in Dealmap's
 * story are written in Belarusian, Russian, Polish and English romanizations, in Latin and
 * Cyrillic, with and without diacritics. Generic fuzzy search treats "Tsikhanouskaya" and
 * "Тихановская" or "Cichanouska" as unrelated strings, and a character-level fuzzy threshold
 * loose enough to join them drowns the results in noise. Knowing the romanization systems
 * (see `fold.ts`) turns most of those differences into exact key matches, and leaves the edit
 * distance for real typos. `compare.test.ts` measures the difference on a query set.
 *
 * How it works:
 * - Build (once): every searchable field (names, aliases, titles, descriptions…) is split into
 *   words; each word is folded to its romanization key, and the keys form a vocabulary with
 *   posting lists (which fields contain the key). Alongside: the vocabulary sorted (prefix
 *   search), a bigram index over the keys (typo candidates) and a map of vowel-less
 *   skeletons (Belarusian/Russian vowel differences).
 * - Query: each query word is expanded to the vocabulary keys it may mean, with a quality —
 *   same key 1, prefix 0.6–0.88 (last word only: it is the one being typed), skeleton 0.7, one
 *   edit 0.72, two edits 0.55. Typo candidates come from the bigram index (an edit destroys at
 *   most three padded bigrams, so a key within distance d shares all but 3d of the query's
 *   distinct bigrams), and only those are checked with a bounded Damerau–Levenshtein distance
 *   (≤ 1 for keys of 4–7 letters, ≤ 2 from 8). No query scans the vocabulary or the fields.
 * - Ranking: a field scores by the best of its match levels, times the field's weight: the
 *   whole field equal (1, or 0.97 under another romanization); a name whose last word is being
 *   typed (0.82–0.92); otherwise the query's words among the field's words (at most 0.78,
 *   scaled by the words' qualities and by the share of the field they cover, +0.02 when they
 *   open it). Weights: names 1, aliases 0.95, event and deal titles 0.85, source titles and
 *   publishers 0.8, descriptions 0.55, summaries 0.5. An entity scores by its best field,
 *   plus, for each query word that only its other fields matched, 0.35 of the headroom left
 *   divided by the number of words (Kellogg in a name and Minsk in the description).
 *   Scores are rounded to 6 decimals; equal scores are ordered by kind, then label, then id.
 * - Speed: names and titles are scored first; descriptions and summaries (which score at most
 *   0.43) only when the page is not yet full above that or the query has several words (the
 *   cross-field bonus), and then with MaxScore pruning (the commonest words only add to fields
 *   the rarer ones found, when they could not lift a field into the page on their own). `pruning.test.ts` checks that this changes no result. Scratch
 *   buffers are allocated once per index; recent results are cached (the data never changes
 *   under an index). `bench/search/timing.ts` times 1,000 queries over 100,000 events.
 */
import type { Dataset } from "../dataset.ts";
import { boundedDamerau } from "./distance.ts";
import { altKeyOfPlain, keyOfPlain, plainWords, skeletonOf, words } from "./fold.ts";

/** What a hit is. The order of this list is the tie-break order of equal scores. */
export const SEARCH_KINDS = ["actor", "place", "event", "route", "deal", "source"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** One ranked result. */
export interface SearchHit {
  kind: SearchKind;
  id: string;
  label: string;
  /** Relevance in (0, 1]; 1 is the whole primary name, spelled as in the data. */
  score: number;
  /** the name/alias/text that matched, for display */
  matched: string;
}

export interface SearchOptions {
  /** How many hits at most: default 20, at most 100. */
  limit?: number;
  /** Only hits of these kinds (default: all). */
  kinds?: SearchKind[];
}

export interface SearchIndexOptions {
  /** How many recent results to keep (default 256; 0 turns the cache off). */
  cacheSize?: number;
  /**
   * Score every matching field instead of skipping those that provably cannot reach the top
   * `limit` (for tests that check the pruning changes nothing). Default false.
   */
  exhaustive?: boolean;
}

const DEFAULT_CACHE_SIZE = 256;

/** A search index built once by {@link buildSearchIndex}; its contents are private. */
export interface SearchIndex {
  /** How many entities the index holds. */
  readonly size: number;
}

/** Queries are cut to this many characters (the API refuses longer ones). */
export const SEARCH_MAX_QUERY_LENGTH = 200;
/** Words of a query beyond this many are ignored. */
export const MAX_QUERY_WORDS = 8;
export const SEARCH_DEFAULT_LIMIT = 20;
export const SEARCH_MAX_LIMIT = 100;
/** Hits scoring below this are noise (e.g. one fuzzy word of a long query in a description). */
const MIN_SCORE = 0.1;

/** English function words: never indexed, dropped from queries that have other words. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  "a an and as at be by for from in into is it its of on or over than that the their this to was were with"
    .split(" ")
    .filter(Boolean),
);

// Field weights (see the module comment).
const W_NAME = 1;
const W_ALIAS = 0.95;
const W_TITLE = 0.85;
const W_SOURCE_TITLE = 0.8;
const W_PUBLISHER = 0.8;
const W_DESCRIPTION = 0.55;
const W_SUMMARY = 0.5;

// Match levels.
const L_EXACT = 1;
const L_FOLDED_EXACT = 0.97;
const L_PREFIX = 0.82;
const L_PREFIX_SPAN = 0.1;
const L_TOKENS = 0.78;
/** How much of the word level depends on the share of the field's words the query covers. */
const L_COVERAGE = 0.25;
const L_LEAD_BONUS = 0.02;
/** Share of the headroom above an entity's best field given per query word only its other fields matched. */
const L_CROSS = 0.35;

// Word match qualities.
const Q_EXACT = 1;
const Q_SKELETON = 0.7;
const Q_EDIT1 = 0.72;
const Q_EDIT2 = 0.55;
const Q_BOTH_BONUS = 0.05;
export const MAX_PREFIX_EXPANSIONS = 64;
export const MAX_SKELETON_EXPANSIONS = 200;

export function maxEdits(keyLength: number): number {
  if (keyLength < 4) return 0;
  return keyLength < 8 ? 1 : 2;
}

interface EntityRef {
  kind: SearchKind;
  id: string;
  label: string;
}

class Index implements SearchIndex {
  readonly size: number;
  /** Per entity: kind, id, label; and its rank in (kind, label, id) order. */
  readonly entities: EntityRef[];
  readonly entityOrder: Int32Array;
  readonly entityKind: Uint8Array;
  /** Per field. */
  readonly fieldEntity: Int32Array;
  readonly fieldWeight: Float32Array;
  /** 1 where a whole-field prefix match counts (names and aliases). */
  readonly fieldPrefix: Uint8Array;
  /**
   * First UTF-16 code of each name-like field's key, alternative key and plain form (0 for
   * long texts): a whole-field match is looked for only when one of them fits, so the scoring
   * loop rarely has to touch the strings themselves.
   */
  readonly fieldFirst: Uint16Array;
  readonly fieldFirstAlt: Uint16Array;
  readonly fieldFirstPlain: Uint16Array;
  readonly fieldWords: Uint16Array;
  readonly fieldText: string[];
  /** Name-like fields only (else undefined): plain words and keys joined by spaces. */
  readonly fieldPlain: (string | undefined)[];
  readonly fieldKey: (string | undefined)[];
  /** The same with the English reading of a written c (see `altKeyOfPlain`), when it differs. */
  readonly fieldKeyAlt: (string | undefined)[];
  /** Vocabulary. */
  readonly vocab: Map<string, number>;
  readonly vocabKeys: string[];
  /** Per vocabulary key: the name-like fields that hold it, and the long-text fields. */
  readonly namePostings: Int32Array[];
  readonly textPostings: Int32Array[];
  readonly sortedVocab: Int32Array;
  readonly bigrams: Map<string, Int32Array>;
  readonly skeletons: Map<string, Int32Array>;
  /** Scratch buffers reused by every query (search is synchronous). */
  readonly scratch: {
    stamp: number;
    fieldStamp: Int32Array;
    fieldTokenStamp: Int32Array;
    fieldSum: Float32Array;
    fieldCount: Uint8Array;
    entityStamp: Int32Array;
    entityScore: Float64Array;
    entityField: Int32Array;
    vocabStamp: Int32Array;
    vocabCount: Uint16Array;
    touchedFields: Int32Array;
    touchedEntities: Int32Array;
    /** Which query words (bit t for word t) a field matched; an entity's best field; all its fields. */
    fieldMask: Uint8Array;
    entityBestMask: Uint8Array;
    entityMask: Uint8Array;
    /** An entity's final score: its best field plus the cross-field bonus. */
    entityFinal: Float64Array;
    /** Set to the query's entity stamp for entities whose text field may still change the page. */
    entityRise: Int32Array;
  };

  /** Recent results by query and options (the dataset never changes under an index). */
  readonly cache = new Map<string, SearchHit[]>();
  readonly cacheSize: number;

  readonly exhaustive: boolean;

  constructor(b: Builder, cacheSize: number, exhaustive: boolean) {
    this.cacheSize = cacheSize;
    this.exhaustive = exhaustive;
    this.entities = b.entities;
    this.size = b.entities.length;
    const order = b.entities.map((_, i) => i);
    const kindRank = (k: SearchKind) => SEARCH_KINDS.indexOf(k);
    order.sort((x, y) => {
      const a = b.entities[x] as EntityRef;
      const c = b.entities[y] as EntityRef;
      return kindRank(a.kind) - kindRank(c.kind) || cmp(a.label, c.label) || cmp(a.id, c.id);
    });
    this.entityOrder = new Int32Array(this.size);
    order.forEach((e, rank) => {
      this.entityOrder[e] = rank;
    });
    this.entityKind = Uint8Array.from(b.entities, (e) => kindRank(e.kind));
    this.fieldEntity = Int32Array.from(b.fieldEntity);
    this.fieldWeight = Float32Array.from(b.fieldWeight);
    this.fieldPrefix = Uint8Array.from(b.fieldPrefix);
    const first = (xs: (string | undefined)[], fallback?: (string | undefined)[]) =>
      Uint16Array.from(xs, (x, i) => (x ?? fallback?.[i])?.charCodeAt(0) ?? 0);
    this.fieldFirst = first(b.fieldKey);
    this.fieldFirstAlt = first(b.fieldKeyAlt, b.fieldKey);
    this.fieldFirstPlain = first(b.fieldPlain);
    this.fieldWords = Uint16Array.from(b.fieldWords, (n) => Math.min(n, 65535));
    this.fieldText = b.fieldText;
    this.fieldPlain = b.fieldPlain;
    this.fieldKey = b.fieldKey;
    this.fieldKeyAlt = b.fieldKeyAlt;
    this.vocab = b.vocab;
    this.vocabKeys = b.vocabKeys;
    this.namePostings = b.namePairs.postings(b.vocabKeys.length);
    this.textPostings = b.textPairs.postings(b.vocabKeys.length);
    const sorted = this.vocabKeys.map((_, i) => i);
    sorted.sort((x, y) => cmp(this.vocabKeys[x] as string, this.vocabKeys[y] as string));
    this.sortedVocab = Int32Array.from(sorted);

    const bigrams = new Map<string, number[]>();
    const skeletons = new Map<string, number[]>();
    this.vocabKeys.forEach((key, vid) => {
      if (/\d/.test(key)) return;
      if (key.length >= 3) {
        for (const g of new Set(bigramsOf(key))) push(bigrams, g, vid);
      }
      const sk = skeletonOf(key);
      if (key.length >= 4 && sk.length >= 3) push(skeletons, sk, vid);
    });
    this.bigrams = freeze(bigrams);
    this.skeletons = freeze(skeletons);

    const nf = this.fieldEntity.length;
    const nv = this.vocabKeys.length;
    this.scratch = {
      stamp: 0,
      fieldStamp: new Int32Array(nf),
      fieldTokenStamp: new Int32Array(nf),
      fieldSum: new Float32Array(nf),
      fieldCount: new Uint8Array(nf),
      entityStamp: new Int32Array(this.size),
      entityScore: new Float64Array(this.size),
      entityField: new Int32Array(this.size),
      vocabStamp: new Int32Array(nv),
      vocabCount: new Uint16Array(nv),
      touchedFields: new Int32Array(nf),
      touchedEntities: new Int32Array(this.size),
      fieldMask: new Uint8Array(nf),
      entityBestMask: new Uint8Array(this.size),
      entityMask: new Uint8Array(this.size),
      entityFinal: new Float64Array(this.size),
      entityRise: new Int32Array(this.size),
    };
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function freeze(map: Map<string, number[]>): Map<string, Int32Array> {
  const out = new Map<string, Int32Array>();
  for (const [k, v] of map) out.set(k, Int32Array.from(v));
  return out;
}

/** Bigrams of a key padded with ^ and $ (a key of n letters has n + 1). */
function bigramsOf(key: string): string[] {
  const padded = `^${key}$`;
  const out: string[] = [];
  for (let i = 0; i + 2 <= padded.length; i++) out.push(padded.slice(i, i + 2));
  return out;
}

class Builder {
  entities: EntityRef[] = [];
  fieldEntity: number[] = [];
  fieldWeight: number[] = [];
  fieldPrefix: number[] = [];
  fieldWords: number[] = [];
  fieldText: string[] = [];
  fieldPlain: (string | undefined)[] = [];
  fieldKey: (string | undefined)[] = [];
  fieldKeyAlt: (string | undefined)[] = [];
  vocab = new Map<string, number>();
  vocabKeys: string[] = [];
  /** Per key: the last field filed under it (so a field is filed once per key). */
  lastField: number[] = [];
  words = new Map<string, WordInfo>();
  namePairs = new PairList();
  textPairs = new PairList();

  entity(kind: SearchKind, id: string, label: string): number {
    this.entities.push({ kind, id, label });
    return this.entities.length - 1;
  }

  /**
   * Adds a field. A "name" (names, aliases) can match whole, by prefix or by words; a "title"
   * (headlines, publishers) whole or by words — a headline that merely starts with a name is
   * not a better hit than the name itself; a "text" only by words.
   */
  field(entity: number, text: string | undefined, weight: number, form: "name" | "title" | "text"): void {
    const nameLike = form !== "text";
    if (typeof text !== "string" || text.trim() === "") return;
    const ws = plainWords(text);
    if (ws.length === 0) return;
    const fid = this.fieldEntity.length;
    const pairs = nameLike ? this.namePairs : this.textPairs;
    let distinct = 0;
    let hasAlt = false;
    for (const w of ws) {
      const info = this.word(w);
      if (info.altVid >= 0) hasAlt = true;
      if (info.vid < 0) continue; // a stopword
      if (this.post(info.vid, fid, pairs)) distinct++;
      if (info.altVid >= 0) this.post(info.altVid, fid, pairs);
    }
    if (distinct === 0) return;
    if (nameLike) {
      const keys = ws.map((w) => this.word(w).key);
      // A short name of two or three words is also filed run together (Tut.by as "tutby").
      if (form === "name" && ws.length >= 2 && ws.length <= 3) {
        const compact = keys.join("");
        if (compact.length <= 24) this.post(this.vid(compact), fid, pairs);
      }
      this.fieldPlain.push(ws.join(" "));
      this.fieldKey.push(keys.join(" "));
      this.fieldKeyAlt.push(
        hasAlt ? ws.map((w) => this.word(w).alt ?? this.word(w).key).join(" ") : undefined,
      );
    } else {
      this.fieldPlain.push(undefined);
      this.fieldKey.push(undefined);
      this.fieldKeyAlt.push(undefined);
    }
    this.fieldEntity.push(entity);
    this.fieldWeight.push(weight);
    this.fieldPrefix.push(form === "name" ? 1 : 0);
    this.fieldWords.push(distinct);
    this.fieldText.push(text);
  }

  /** What a plain word is filed under, computed once per distinct word. */
  private word(plain: string): WordInfo {
    let info = this.words.get(plain);
    if (info === undefined) {
      const key = keyOfPlain(plain);
      const alt = altKeyOfPlain(plain);
      const stop = STOPWORDS.has(plain);
      info = {
        key,
        alt,
        vid: stop ? -1 : this.vid(key),
        altVid: stop || alt === undefined ? -1 : this.vid(alt),
      };
      this.words.set(plain, info);
    }
    return info;
  }

  /** The vocabulary id of a key, added if new. */
  private vid(key: string): number {
    let vid = this.vocab.get(key);
    if (vid === undefined) {
      vid = this.vocabKeys.length;
      this.vocab.set(key, vid);
      this.vocabKeys.push(key);
      this.lastField.push(-1);
    }
    return vid;
  }

  /** Files field `fid` under key `vid`; false when it was already there. */
  private post(vid: number, fid: number, pairs: PairList): boolean {
    if (this.lastField[vid] === fid) return false;
    this.lastField[vid] = fid;
    pairs.push(vid, fid);
    return true;
  }
}

interface WordInfo {
  key: string;
  alt: string | undefined;
  /** Vocabulary ids of the key and the alternative key; -1 for none (stopwords, no alt). */
  vid: number;
  altVid: number;
}

/** (key, field) pairs in a growable pair of typed arrays, in the order the fields were added. */
class PairList {
  vids = new Int32Array(1 << 12);
  fids = new Int32Array(1 << 12);
  length = 0;

  push(vid: number, fid: number): void {
    if (this.length === this.vids.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.vids = grow(this.vids);
      this.fids = grow(this.fids);
    }
    this.vids[this.length] = vid;
    this.fids[this.length] = fid;
    this.length++;
  }

  /** One posting list per key (views into one array), each in field order. */
  postings(vocabSize: number): Int32Array[] {
    const offsets = new Int32Array(vocabSize + 1);
    for (let i = 0; i < this.length; i++) {
      const at = (this.vids[i] as number) + 1;
      offsets[at] = (offsets[at] as number) + 1;
    }
    for (let v = 0; v < vocabSize; v++) offsets[v + 1] = (offsets[v + 1] as number) + (offsets[v] as number);
    const data = new Int32Array(this.length);
    const cursor = offsets.slice(0, vocabSize);
    for (let i = 0; i < this.length; i++) {
      const v = this.vids[i] as number;
      data[cursor[v] as number] = this.fids[i] as number;
      cursor[v] = (cursor[v] as number) + 1;
    }
    const out: Int32Array[] = new Array(vocabSize);
    for (let v = 0; v < vocabSize; v++)
      out[v] = data.subarray(offsets[v] as number, offsets[v + 1] as number);
    return out;
  }
}

/**
 * Builds the search index over a dataset: actors (name, aliases, description), places (name,
 * aliases), events (title, summary — the title alone for machine-coded ones), routes (name, description), deals (title, summary) and
 * sources (title, publisher). Build once per dataset; queries reuse it.
 */
export function buildSearchIndex(ds: Dataset, options: SearchIndexOptions = {}): SearchIndex {
  const b = new Builder();
  for (const a of ds.actors ?? []) {
    const e = b.entity("actor", a.id, a.name);
    b.field(e, a.name, W_NAME, "name");
    for (const alias of a.aliases ?? []) b.field(e, alias.name, W_ALIAS, "name");
    b.field(e, a.description, W_DESCRIPTION, "text");
  }
  for (const p of ds.places ?? []) {
    const e = b.entity("place", p.id, p.name);
    b.field(e, p.name, W_NAME, "name");
    for (const alias of p.aliases ?? []) b.field(e, alias.name, W_ALIAS, "name");
  }
  for (const ev of ds.events ?? []) {
    const e = b.entity("event", ev.id, ev.title);
    b.field(e, ev.title, W_TITLE, "title");
    // a machine-coded event's summary is text generated from its coded fields (figures, dates,
    // the same names as the title): filing it would only add noise (and tens of rows per event)
    if (ev.coding === undefined) b.field(e, ev.summary, W_SUMMARY, "text");
  }
  for (const r of ds.routes ?? []) {
    const e = b.entity("route", r.id, r.name);
    b.field(e, r.name, W_NAME, "name");
    b.field(e, r.description, W_DESCRIPTION, "text");
  }
  for (const d of ds.deals ?? []) {
    const e = b.entity("deal", d.id, d.title);
    b.field(e, d.title, W_TITLE, "title");
    b.field(e, d.summary, W_SUMMARY, "text");
  }
  for (const s of ds.sources ?? []) {
    const e = b.entity("source", s.id, s.title);
    b.field(e, s.title, W_SOURCE_TITLE, "title");
    b.field(e, s.publisher, W_PUBLISHER, "title");
  }
  const cacheSize = options.cacheSize ?? DEFAULT_CACHE_SIZE;
  if (!Number.isInteger(cacheSize) || cacheSize < 0) {
    throw new RangeError(`buildSearchIndex: cacheSize must be a whole number ≥ 0, got ${String(cacheSize)}`);
  }
  return new Index(b, cacheSize, options.exhaustive === true);
}

/** A vocabulary key a query word may mean, and how well. */
interface Candidate {
  vid: number;
  quality: number;
}

/** Expands one query key to the vocabulary keys it may mean, best first. */
function expand(ix: Index, key: string, prefix: boolean): Candidate[] {
  const best = new Map<number, number>();
  const offer = (vid: number, q: number) => {
    const cur = best.get(vid);
    if (cur === undefined || q > cur) best.set(vid, q);
  };
  const exact = ix.vocab.get(key);
  if (exact !== undefined) offer(exact, Q_EXACT);

  // Prefix: the sorted vocabulary range starting with the key; a last letter that may begin a
  // digraph (t of ts, k of kh, s of sh…) also reads as the digraph's key letter.
  if (prefix && key.length >= 2) {
    prefixRange(ix, key, offer);
    const partial = PARTIAL_DIGRAPH[key[key.length - 1] as string];
    if (partial !== undefined) prefixRange(ix, key.slice(0, -1) + partial, offer, key.length);
  }

  if (/\d/.test(key)) return sorted(best);

  // Skeleton: the same consonants (a weak signal).
  const sk = skeletonOf(key);
  const skeletonHits = new Set<number>();
  if (key.length >= 4 && sk.length >= 3) {
    const list = ix.skeletons.get(sk);
    if (list && list.length <= MAX_SKELETON_EXPANSIONS) {
      for (const vid of list) {
        skeletonHits.add(vid);
        offer(vid, Q_SKELETON);
      }
    }
  }

  // Typos: bigram filter, then a bounded edit distance.
  const d = maxEdits(key.length);
  if (d > 0) {
    const grams = [...new Set(bigramsOf(key))];
    const need = grams.length - 3 * d;
    const s = ix.scratch;
    const stamp = ++s.stamp;
    const touched: number[] = [];
    for (const g of grams) {
      const list = ix.bigrams.get(g);
      if (!list) continue;
      for (let i = 0; i < list.length; i++) {
        const vid = list[i] as number;
        if (s.vocabStamp[vid] !== stamp) {
          s.vocabStamp[vid] = stamp;
          s.vocabCount[vid] = 0;
          touched.push(vid);
        }
        s.vocabCount[vid] = (s.vocabCount[vid] as number) + 1;
      }
    }
    for (const vid of touched) {
      if ((s.vocabCount[vid] as number) < need) continue;
      const vk = ix.vocabKeys[vid] as string;
      if (Math.abs(vk.length - key.length) > d || vid === exact) continue;
      const dist = boundedDamerau(key, vk, d);
      if (dist > d) continue;
      const q = dist <= 1 ? Q_EDIT1 : Q_EDIT2;
      offer(vid, skeletonHits.has(vid) ? Math.max(q, Q_SKELETON) + Q_BOTH_BONUS : q);
    }
  }
  return sorted(best);
}

/** Last letters of a typed prefix that may be the start of a digraph, and the digraph's key. */
export const PARTIAL_DIGRAPH: Readonly<Record<string, string>> = {
  t: "c",
  k: "h",
  c: "h",
  s: "š",
  z: "ž",
  r: "ž",
  p: "f",
};

/** Offers the vocabulary keys that start with `prefix` (at most MAX_PREFIX_EXPANSIONS). */
function prefixRange(
  ix: Index,
  prefix: string,
  offer: (vid: number, q: number) => void,
  typed = prefix.length,
): void {
  let lo = 0;
  let hi = ix.sortedVocab.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((ix.vocabKeys[ix.sortedVocab[mid] as number] as string) < prefix) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo, n = 0; i < ix.sortedVocab.length && n < MAX_PREFIX_EXPANSIONS; i++) {
    const vid = ix.sortedVocab[i] as number;
    const vk = ix.vocabKeys[vid] as string;
    if (!vk.startsWith(prefix)) break;
    if (vk.length === prefix.length && typed === prefix.length) continue;
    offer(vid, 0.6 + 0.28 * Math.min(1, typed / vk.length) * (vk.length > typed ? 1 : 0.9));
    n++;
  }
}

/**
 * The keys a query word may stand for: its key; the English reading of a written c (Coale);
 * a c that lost its caron (Salcininkai for Šalčininkai); a French reading of ou and ch.
 */
export function queryKeys(plain: string): string[] {
  const keys = [keyOfPlain(plain)];
  const alt = altKeyOfPlain(plain);
  if (alt !== undefined) keys.push(alt);
  if (plain.includes("c")) {
    const caron = keyOfPlain(plain.replace(/(?<!s)c(?=[aeiou])/g, "ch"));
    if (!keys.includes(caron)) keys.push(caron);
  }
  if (plain.includes("ou")) {
    // French romanization: ou is u, ch is sh (Loukachenko, Tikhanovskaïa).
    const french = keyOfPlain(plain.replace(/ou/g, "u").replace(/ch/g, "sh"));
    if (!keys.includes(french)) keys.push(french);
  }
  return keys;
}

/** The union of two candidate lists, best quality per key, best first. */
function merge(a: Candidate[], b: Candidate[]): Candidate[] {
  const best = new Map<number, number>();
  for (const c of [...a, ...b]) {
    const cur = best.get(c.vid);
    if (cur === undefined || c.quality > cur) best.set(c.vid, c.quality);
  }
  return sorted(best);
}

/** Query words with one word per key (the first spelling kept). */
function dedupeByKey(ws: string[]): string[] {
  const seen = new Set<string>();
  return ws.filter((w) => {
    const k = keyOfPlain(w);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function sorted(best: Map<number, number>): Candidate[] {
  const out: Candidate[] = [];
  for (const [vid, quality] of best) out.push({ vid, quality });
  out.sort((a, b) => b.quality - a.quality || a.vid - b.vid);
  return out;
}

function checkLimit(limit: number | undefined): number {
  if (limit === undefined) return SEARCH_DEFAULT_LIMIT;
  if (typeof limit !== "number" || !Number.isFinite(limit) || limit < 1) {
    throw new RangeError(
      `search: limit must be a number from 1 to ${SEARCH_MAX_LIMIT}, got ${String(limit)}`,
    );
  }
  return Math.min(SEARCH_MAX_LIMIT, Math.floor(limit));
}

function checkKinds(kinds: SearchKind[] | undefined): Set<number> | undefined {
  if (kinds === undefined) return undefined;
  if (!Array.isArray(kinds)) throw new TypeError("search: kinds must be an array of kinds");
  const out = new Set<number>();
  for (const k of kinds) {
    const i = SEARCH_KINDS.indexOf(k);
    if (i < 0) {
      throw new RangeError(
        `search: unknown kind ${JSON.stringify(k)} in kinds (use ${SEARCH_KINDS.join(", ")})`,
      );
    }
    out.add(i);
  }
  return out;
}

const STAMP_LIMIT = 1 << 26;

/**
 * Searches the index. Returns at most `limit` hits, best first, each with a score in (0, 1].
 * Empty or whitespace-only queries return []; queries are cut to 200 characters.
 */
export function search(index: SearchIndex, query: string, opts: SearchOptions = {}): SearchHit[] {
  if (!(index instanceof Index)) throw new TypeError("search: the index must come from buildSearchIndex");
  if (typeof query !== "string") throw new TypeError("search: the query must be a string");
  const limit = checkLimit(opts.limit);
  const kinds = checkKinds(opts.kinds);
  const ix = index;
  const text = query.slice(0, SEARCH_MAX_QUERY_LENGTH);
  const cacheKey = `${limit}\u0000${kinds ? [...kinds].sort().join(",") : "*"}\u0000${text}`;
  const cached = ix.cache.get(cacheKey);
  if (cached !== undefined) {
    ix.cache.delete(cacheKey);
    ix.cache.set(cacheKey, cached);
    return cached.map((h) => ({ ...h }));
  }
  const hits = run(ix, text, limit, kinds);
  if (ix.cacheSize > 0) {
    if (ix.cache.size >= ix.cacheSize) ix.cache.delete(ix.cache.keys().next().value as string);
    ix.cache.set(
      cacheKey,
      hits.map((h) => ({ ...h })),
    );
  }
  return hits;
}

/** One uncached query. */
function run(ix: Index, text: string, limit: number, kinds: Set<number> | undefined): SearchHit[] {
  const allPlain = plainWords(text);
  if (allPlain.length === 0) return [];
  const qPlain = allPlain.join(" ");
  const qKey = allPlain.map(keyOfPlain).join(" ");
  const qKeyAlt = allPlain.map((w) => altKeyOfPlain(w) ?? keyOfPlain(w)).join(" ");
  let qWords = allPlain.filter((w) => !STOPWORDS.has(w));
  if (qWords.length === 0) qWords = allPlain;
  qWords = dedupeByKey(qWords);
  qWords = qWords.slice(0, MAX_QUERY_WORDS);
  const nQ = qWords.length;

  const s = ix.scratch;
  if (s.stamp > STAMP_LIMIT) {
    s.stamp = 0;
    s.fieldStamp.fill(0);
    s.fieldTokenStamp.fill(0);
    s.entityStamp.fill(0);
    s.entityRise.fill(0);
    s.vocabStamp.fill(0);
  }
  const lastWord = allPlain[allPlain.length - 1];
  const expansions = qWords.map((w) =>
    queryKeys(w)
      .map((k) => expand(ix, k, w === lastWord))
      .reduce(merge),
  );
  const matchedVocab = new Set<number>();
  for (const cands of expansions) for (const c of cands) matchedVocab.add(c.vid);
  const q: Query = { nQ, qPlain, qKey, qKeyAlt, kinds, entityStamp: ++s.stamp, nEntities: 0 };

  // Phase 1: names, aliases and titles. Phase 2, only when it can change the top `limit`:
  // descriptions and summaries.
  accumulate(ix, q, expansions, ix.namePostings);
  let top = topK(ix, q, limit);
  const kth = top.length === limit ? (s.entityFinal[top[top.length - 1] as number] as number) : 0;
  // With several words, a text field can add a cross-field bonus to any entity already found,
  // so the text phase always runs; with one word it runs only when it can reach the page.
  if (kth <= TEXT_MAX || nQ > 1 || ix.exhaustive) {
    // A new entity found only in a text field (each entity has at most one) scores at most
    // TEXT_MAX × (quality sum / words): to beat the current last place it needs a quality sum
    // of at least kth × words / TEXT_MAX. Text fields of entities already found always count.
    markRisers(ix, q, kth);
    accumulate(ix, q, expansions, ix.textPostings, ix.exhaustive ? 0 : ((kth * nQ) / TEXT_MAX) * 0.999, true);
    top = topK(ix, q, limit);
  }
  return top.map((e) => {
    const ref = ix.entities[e] as EntityRef;
    return {
      kind: ref.kind,
      id: ref.id,
      label: ref.label,
      score: Math.min(1, s.entityFinal[e] as number),
      matched: matchedText(ix, s.entityField[e] as number, matchedVocab),
    };
  });
}

/**
 * Marks the entities found so far whose final score could still reach `kth` once their text
 * field is read; only their text fields are read regardless of the MaxScore bound. An entity
 * has one text field at most, so its other fields are the names already scored. Either its best
 * field stays and the text adds bonus words, or the text field becomes its best: a text field
 * that MaxScore leaves unread scores below `kth`, and adds at most the words its names matched.
 */
function markRisers(ix: Index, q: Query, kth: number): void {
  const s = ix.scratch;
  const n = q.nQ;
  const grow = (x: number, words: number) => x + L_CROSS * (1 - x) * (Math.max(0, words) / n);
  // viaText[c]: the bound for an entity whose names matched c of the words.
  const viaText: number[] = [];
  for (let c = 0; c <= n; c++) {
    let bound = 0;
    // m < n only: a text field with every word gets no bonus, and MaxScore reads it if it can reach.
    for (let m = 1; m < n; m++) {
      const words = Math.min(c, n - m);
      if (words > 0) bound = Math.max(bound, grow(Math.min((TEXT_MAX * m) / n, kth), words));
    }
    viaText.push(bound);
  }
  for (let k = 0; k < q.nEntities; k++) {
    const e = s.touchedEntities[k] as number;
    const best = s.entityScore[e] as number;
    const found = popcount(s.entityMask[e] as number);
    const bound = Math.max(viaText[found] as number, grow(best, n - popcount(s.entityBestMask[e] as number)));
    if (ix.exhaustive || bound >= kth * 0.999) s.entityRise[e] = q.entityStamp;
  }
}

function popcount(x: number): number {
  let n = 0;
  for (let v = x; v !== 0; v &= v - 1) n++;
  return n;
}

const NONE = 0;
const WHOLE_WORDS = 1;
const PARTIAL = 2;

/** Whether `field` starts with `q`: not at all, with whole words, or mid-word (being typed). */
function leads(field: string, q: string): number {
  if (field.length <= q.length || !field.startsWith(q)) return NONE;
  return field.charCodeAt(q.length) === 32 ? WHOLE_WORDS : PARTIAL;
}

/** The best any description or summary field can score. */
const TEXT_MAX = Math.max(W_DESCRIPTION, W_SUMMARY) * L_TOKENS;

/** One query's words and running state. */
interface Query {
  nQ: number;
  qPlain: string;
  qKey: string;
  qKeyAlt: string;
  kinds: Set<number> | undefined;
  entityStamp: number;
  /** How many entities of scratch.touchedEntities this query has reached. */
  nEntities: number;
}

/** Scores the fields reached by the expansions through `postings`; entities keep their best. */
function accumulate(
  ix: Index,
  q: Query,
  expansions: Candidate[][],
  postings: Int32Array[],
  minSum = 0,
  openFound = false,
): void {
  const s = ix.scratch;
  const { fieldStamp, fieldTokenStamp, fieldSum, fieldCount, entityStamp, entityScore, entityField } = s;
  const { fieldMask, entityMask, entityBestMask, entityRise } = s;
  const fieldEntityOf = ix.fieldEntity;
  const queryStamp = ++s.stamp;
  const touchedFields = s.touchedFields;
  let nTouched = 0;
  // MaxScore pruning: a field must be able to reach a quality sum of `minSum` to matter. The
  // commonest words whose best qualities add up to less than that cannot make a field matter on
  // their own: they only add to fields that the other words found ("non-essential").
  const order = expansions.map((cands, t) => {
    let size = 0;
    for (const c of cands) size += (postings[c.vid] as Int32Array).length;
    return { t, size, best: cands[0]?.quality ?? 0 };
  });
  order.sort((a, b) => b.size - a.size || a.t - b.t);
  let upper = 0;
  let nonEssential = 0;
  while (nonEssential < order.length && upper + (order[nonEssential] as { best: number }).best < minSum) {
    upper += (order[nonEssential] as { best: number }).best;
    nonEssential++;
  }
  // Essential words first (they may open fields), then the rest (they only add).
  const sequence = [...order.slice(nonEssential), ...order.slice(0, nonEssential)];
  for (let o = 0; o < sequence.length; o++) {
    const t = (sequence[o] as { t: number }).t;
    const cands = expansions[t] as Candidate[];
    const bit = 1 << t;
    const mayOpen = o < sequence.length - nonEssential;
    const tokenStamp = ++s.stamp;
    for (const { vid, quality } of cands) {
      const list = postings[vid] as Int32Array;
      for (let i = 0; i < list.length; i++) {
        const f = list[i] as number;
        if (fieldStamp[f] !== queryStamp) {
          if (!mayOpen && !(openFound && entityRise[fieldEntityOf[f] as number] === q.entityStamp)) continue;
          fieldStamp[f] = queryStamp;
          fieldTokenStamp[f] = tokenStamp;
          fieldSum[f] = quality;
          fieldCount[f] = 1;
          fieldMask[f] = bit;
          touchedFields[nTouched++] = f;
        } else if (fieldTokenStamp[f] !== tokenStamp) {
          // Candidates come best first: the first to reach a field is its quality for the word.
          fieldTokenStamp[f] = tokenStamp;
          fieldSum[f] = (fieldSum[f] as number) + quality;
          fieldCount[f] = (fieldCount[f] as number) + 1;
          fieldMask[f] = (fieldMask[f] as number) | bit;
        }
      }
    }
  }

  const { nQ, qPlain, qKey, qKeyAlt, kinds } = q;
  const { fieldEntity, entityKind, fieldWords, fieldPlain, fieldKey, fieldKeyAlt, fieldWeight, fieldPrefix } =
    ix;
  const { fieldFirst, fieldFirstAlt, fieldFirstPlain } = ix;
  const stamp = q.entityStamp;
  const touchedEntities = s.touchedEntities;
  let nEntities = q.nEntities;
  // First letters a whole-name or prefix match must start with (cheap pre-check).
  const c0 = qKey.charCodeAt(0);
  const c1 = qKeyAlt.charCodeAt(0);
  const p0 = qPlain.charCodeAt(0);
  for (let k = 0; k < nTouched; k++) {
    const f = touchedFields[k] as number;
    const e = fieldEntity[f] as number;
    if (kinds && !kinds.has(entityKind[e] as number)) continue;
    const count = fieldCount[f] as number;
    let level =
      (L_TOKENS *
        (fieldSum[f] as number) *
        (1 - L_COVERAGE + L_COVERAGE * Math.min(1, count / (fieldWords[f] as number)))) /
      nQ;
    const k0 = fieldFirst[f] as number;
    const a0 = fieldFirstAlt[f] as number;
    if (
      count === nQ &&
      k0 !== 0 &&
      (k0 === c0 || k0 === c1 || a0 === c0 || a0 === c1 || fieldFirstPlain[f] === p0)
    ) {
      const plain = fieldPlain[f] as string;
      const key = fieldKey[f] as string;
      const keyAlt = fieldKeyAlt[f] ?? key;
      if (plain === qPlain) level = L_EXACT;
      else if (
        key === qKey ||
        keyAlt === qKeyAlt ||
        key === qKeyAlt ||
        keyAlt === qKey ||
        (key.length - qKey.length <= 2 && qKey.indexOf(" ") < 0 && key.replaceAll(" ", "") === qKey)
      ) {
        level = L_FOLDED_EXACT;
      } else if (qKey.length >= 2) {
        const lead = Math.max(
          leads(plain, qPlain),
          leads(key, qKey),
          leads(keyAlt, qKeyAlt),
          leads(key, qKeyAlt),
          leads(keyAlt, qKey),
        );
        // A name whose last word is being typed: the prefix tier. Whole leading words (as in a
        // headline that starts with a name): a small bonus over the same words elsewhere.
        if (lead === PARTIAL && fieldPrefix[f] === 1) {
          level = Math.max(level, L_PREFIX + L_PREFIX_SPAN * (qKey.length / key.length));
        } else if (lead !== NONE) {
          level += L_LEAD_BONUS;
        }
      }
    }
    // Rounded here, so that equal scores are equal and fall to the documented tie-break.
    const score = Math.round((fieldWeight[f] as number) * level * 1e6) / 1e6;
    const mask = fieldMask[f] as number;
    if (entityStamp[e] !== stamp) {
      entityStamp[e] = stamp;
      entityScore[e] = score;
      entityField[e] = f;
      entityBestMask[e] = mask;
      entityMask[e] = mask;
      touchedEntities[nEntities++] = e;
    } else {
      entityMask[e] = (entityMask[e] as number) | mask;
      if (score > (entityScore[e] as number)) {
        entityScore[e] = score;
        entityField[e] = f;
        entityBestMask[e] = mask;
      }
    }
  }
  q.nEntities = nEntities;
}

/** The best `limit` entities by (score desc, kind/label/id order asc), with a bounded heap. */
function topK(ix: Index, q: Query, limit: number): number[] {
  const s = ix.scratch;
  const score = s.entityFinal;
  const order = ix.entityOrder;
  const better = (a: number, b: number) => {
    const sa = score[a] as number;
    const sb = score[b] as number;
    return sa !== sb ? sa > sb : (order[a] as number) < (order[b] as number);
  };
  const heap: number[] = []; // the worst kept entity at heap[0]
  const siftUp = (i: number) => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!better(heap[p] as number, heap[i] as number)) break;
      [heap[p], heap[i]] = [heap[i] as number, heap[p] as number];
      i = p;
    }
  };
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let w = i;
      if (l < heap.length && better(heap[w] as number, heap[l] as number)) w = l;
      if (r < heap.length && better(heap[w] as number, heap[r] as number)) w = r;
      if (w === i) return;
      [heap[w], heap[i]] = [heap[i] as number, heap[w] as number];
      i = w;
    }
  };
  const touched = s.touchedEntities;
  const { entityScore, entityMask, entityBestMask } = s;
  const headroom = (L_CROSS * (q.nQ - 1)) / q.nQ;
  let worst = MIN_SCORE;
  for (let k = 0; k < q.nEntities; k++) {
    const e = touched[k] as number;
    const best = entityScore[e] as number;
    // The most the cross-field bonus can add; below the current last place, skip the entity.
    if (best + headroom * (1 - best) < worst) continue;
    // Final score: the best field, plus a share of what is left for each query word that only
    // the entity's other fields matched (Kellogg's name, and Minsk in his description).
    const extra = popcount((entityMask[e] as number) & ~(entityBestMask[e] as number));
    const se = extra === 0 ? best : Math.round((best + L_CROSS * (1 - best) * (extra / q.nQ)) * 1e6) / 1e6;
    score[e] = se;
    if (se < worst) continue;
    if (heap.length < limit) {
      heap.push(e);
      siftUp(heap.length - 1);
      if (heap.length === limit) worst = score[heap[0] as number] as number;
    } else if (better(e, heap[0] as number)) {
      heap[0] = e;
      siftDown(0);
      worst = score[heap[0] as number] as number;
    }
  }
  return heap.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
}

const SNIPPET_BEFORE = 30;
const SNIPPET_AFTER = 60;

/** A name field as written; for a long text, a short excerpt around the first matching word. */
function matchedText(ix: Index, f: number, vocab: Set<number>): string {
  const text = ix.fieldText[f] as string;
  if (ix.fieldPlain[f] !== undefined || text.length <= SNIPPET_BEFORE + SNIPPET_AFTER) return text;
  const hit = words(text).find((w) => {
    const vid = ix.vocab.get(keyOfPlain(w.plain));
    return vid !== undefined && vocab.has(vid);
  });
  if (!hit) return text.slice(0, SNIPPET_BEFORE + SNIPPET_AFTER);
  let start = Math.max(0, hit.start - SNIPPET_BEFORE);
  let end = Math.min(text.length, hit.end + SNIPPET_AFTER);
  if (start > 0) {
    const space = text.indexOf(" ", start);
    start = space >= 0 && space < hit.start ? space + 1 : start;
  }
  if (end < text.length) {
    const space = text.lastIndexOf(" ", end);
    end = space > hit.end ? space : end;
  }
  return `${start > 0 ? "…" : ""}${text.slice(start, end)}${end < text.length ? "…" : ""}`;
}
