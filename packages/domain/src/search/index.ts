/**
 * Global search over a dataset: romanization-aware, typo-tolerant, ranked. See `search.ts` for
 * the ranking and why Dealmap has its own engine, and `fold.ts` for the name folding.
 */
/** The folding steps, for indexes kept outside this module (the database stores' search tables). */
export { altKeyOfPlain, foldName, keyOfPlain, plainWords, skeletonOf } from "./fold.ts";
/** The query rules, for search run from tables kept outside this module (one copy of them). */
export {
  buildSearchIndex,
  MAX_PREFIX_EXPANSIONS,
  MAX_QUERY_WORDS,
  MAX_SKELETON_EXPANSIONS,
  maxEdits,
  PARTIAL_DIGRAPH,
  queryKeys,
  SEARCH_DEFAULT_LIMIT,
  SEARCH_KINDS,
  SEARCH_MAX_LIMIT,
  SEARCH_MAX_QUERY_LENGTH,
  type SearchHit,
  type SearchIndex,
  type SearchIndexOptions,
  type SearchKind,
  type SearchOptions,
  STOPWORDS,
  search,
} from "./search.ts";
