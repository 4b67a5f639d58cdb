/**
 * Memoized date bounds for the queries. Parsing EDTF is the costly part of every date
 * comparison (a fraction of a millisecond each), and datasets repeat the same date strings
 * many times, so the queries share one cache of parsed bounds. Pure: the same string always
 * has the same bounds.
 */
import { type DateBounds, dateBounds } from "../dates.ts";

const cache = new Map<string, Readonly<DateBounds>>();
/** Past this many distinct strings the cache starts over (bounds memory on odd inputs). */
const MAX_ENTRIES = 200_000;

/** `dateBounds(value)`, cached. Throws like `dateBounds` for an invalid date (not cached). */
export function boundsOf(value: string): Readonly<DateBounds> {
  let b = cache.get(value);
  if (b === undefined) {
    b = Object.freeze(dateBounds(value));
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(value, b);
  }
  return b;
}
