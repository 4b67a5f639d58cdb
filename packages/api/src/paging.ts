/**
 * Cursor pages over a list the store hands out whole (deals, ledger pairs, sources,
 * assessments): the store reads the list, the router cuts out one page, so a page never
 * carries (or makes a page render, or a caller validate) more than `limit` items. The cursor is
 * the key of the previous page's last item, as the stores' own pages use the last id.
 */
import { StoreBadInputError } from "./store/types.ts";

export interface PageRequest {
  cursor?: string | undefined;
  /** Absent: the whole list (what these procedures answered before they paged). */
  limit?: number | undefined;
}

export interface PageOf<T> {
  items: T[];
  /** How many items the whole list holds. */
  total: number;
  /** The key of this page's last item when more follow, else null. */
  nextCursor: string | null;
}

/** The page of `items` after `cursor` (a key given by `keyOf`), at most `limit` long. */
export function pageOf<T>(items: readonly T[], keyOf: (item: T) => string, page: PageRequest): PageOf<T> {
  let start = 0;
  if (page.cursor !== undefined) {
    const i = items.findIndex((x) => keyOf(x) === page.cursor);
    if (i < 0) throw new StoreBadInputError("cursor", `"${page.cursor}" is not an item of this list`);
    start = i + 1;
  }
  const end = page.limit === undefined ? items.length : Math.min(items.length, start + page.limit);
  const slice = items.slice(start, end);
  const last = slice[slice.length - 1];
  return {
    items: slice,
    total: items.length,
    nextCursor: end < items.length && last !== undefined ? keyOf(last) : null,
  };
}

/** A ledger pair's key (its cursor): the two parties, sorted, joined by "|". */
export function ledgerKey(pair: { parties: readonly string[] }): string {
  return pair.parties.join("|");
}
