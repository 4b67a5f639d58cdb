/** Dates in words for display, from the domain's EDTF helpers (server side and tests). */
import { dateBounds, formatDate, isFuzzy } from "@dealmap/domain";
import type { DateInfo } from "@/components/ui";

function isoDay(ms: number): string | null {
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : null;
}

// EDTF parsing is the expensive part of drawing a large timeline; dates repeat, so results
// are kept (bounded, so odd inputs cannot grow the cache without limit).
const MAX_CACHE = 50_000;
const infoCache = new Map<string, DateInfo>();
const boundsCache = new Map<string, { min: number; max: number } | null>();

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= MAX_CACHE) cache.clear();
  cache.set(key, value);
  return value;
}

/** Bounds of an EDTF date in epoch ms (null when it does not parse). */
export function boundsOf(date: string): { min: number; max: number } | null {
  const hit = boundsCache.get(date);
  if (hit !== undefined) return hit;
  let b: { min: number; max: number } | null;
  try {
    b = dateBounds(date);
  } catch {
    b = null;
  }
  return remember(boundsCache, date, b);
}

export function dateInfo(date: string): DateInfo {
  const hit = infoCache.get(date);
  if (hit) return hit;
  return remember(infoCache, date, computeInfo(date));
}

function computeInfo(date: string): DateInfo {
  try {
    const fuzzy = isFuzzy(date);
    const b = boundsOf(date) ?? { min: Number.NaN, max: Number.NaN };
    const from = isoDay(b.min);
    const to = isoDay(b.max);
    return {
      label: formatDate(date),
      fuzzy,
      title: fuzzy ? `${date}: any time ${from ? `from ${from} ` : ""}${to ? `to ${to}` : ""}`.trim() : date,
    };
  } catch {
    // an unparsable date is shown as written
    return { label: date, fuzzy: false, title: date };
  }
}
