/**
 * Search adapter: the ranking lives in @dealmap/domain's search module (romanization-aware
 * folding, aliases, typo tolerance). The store only builds the index once and calls it.
 */
import { buildSearchIndex, type Dataset, type SearchIndex, search } from "@dealmap/domain";
import type { SearchHitOut, SearchKindName } from "./types.ts";

export type SearchIndexLike = SearchIndex;

export function buildStoreSearchIndex(ds: Dataset): SearchIndex {
  return buildSearchIndex(ds);
}

export function runSearch(
  index: SearchIndex,
  query: string,
  opts: { limit?: number; kinds?: SearchKindName[] } = {},
): SearchHitOut[] {
  return search(index, query, opts);
}
