/**
 * Timeline queries: events filtered by actor, kind, place, route, epistemic status and a date
 * window, in a stable date order, paged by cursor.
 *
 * Fuzzy dates are compared by their bounds (see `dateBounds`): an event dated "summer 2025"
 * spans 1 Jun–31 Aug 2025. By default an event is in a window when its bounds **overlap** the
 * window at all, so partial overlaps count ("summer 2025" is in a July window, and in a
 * 2025-08-15/2025-09-30 window). With `containedOnly` the event's whole span must lie inside
 * the window ("summer 2025" is then in a 2025 window but not in a July one).
 *
 * Order: earliest possible instant first, then latest possible instant (narrower first when
 * two start together), then the date string, then the id — a total order, so equal and
 * overlapping dates always come out the same way and cursors are stable.
 */

import type { EpistemicStatus, EventKind, StoryEvent } from "../event.ts";
import { boundsOf } from "./bounds.ts";

/** One event with its precomputed date bounds and its position in the timeline order. */
export interface TimelineEntry {
  event: StoryEvent;
  min: number;
  max: number;
  /** Position in the timeline order (0-based). */
  pos: number;
}

/** Events in timeline order plus posting lists (ascending positions) per filter dimension. */
export interface TimelineIndex {
  entries: TimelineEntry[];
  position: Map<string, number>;
  byActor: Map<string, number[]>;
  byPlace: Map<string, number[]>;
  byRoute: Map<string, number[]>;
  byKind: Map<string, number[]>;
  byStatus: Map<string, number[]>;
}

export interface TimelineFilter {
  /** Events with any of these actors as a participant (or as the claimant). */
  actors?: readonly string[];
  /** Events of any of these kinds. */
  kinds?: readonly EventKind[];
  /** Events at any of these places. */
  places?: readonly string[];
  /** Events concerning this route. */
  route?: string;
  statuses?: readonly EpistemicStatus[];
  /** Window start (EDTF; its earliest instant is used). */
  from?: string;
  /** Window end (EDTF; its latest instant is used, so `to: "2025-11"` includes 30 Nov). */
  to?: string;
  /** Require the event's whole date span to lie inside the window instead of overlapping it. */
  containedOnly?: boolean;
}

export interface TimelinePage {
  /** Id of the last event of the previous page; omit for the first page. */
  cursor?: string;
  /** Page size (callers cap it; default 50). */
  limit?: number;
}

export interface TimelineResult {
  items: StoryEvent[];
  /** How many events match the filter in all. */
  total: number;
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

/** Thrown for a cursor that names no event of the timeline. */
export class TimelineCursorError extends Error {
  constructor(cursor: string) {
    super(`cursor "${cursor}" is not an event of this timeline`);
    this.name = "TimelineCursorError";
  }
}

/** Compare two timeline entries in timeline order. */
export function compareTimelineEntries(
  a: Pick<TimelineEntry, "min" | "max" | "event">,
  b: Pick<TimelineEntry, "min" | "max" | "event">,
): number {
  if (a.min !== b.min) return a.min < b.min ? -1 : 1;
  if (a.max !== b.max) return a.max < b.max ? -1 : 1;
  if (a.event.date !== b.event.date) return a.event.date < b.event.date ? -1 : 1;
  return a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0;
}

/** Sort events into timeline order (a new array). */
export function sortEvents(events: readonly StoryEvent[]): StoryEvent[] {
  return buildTimelineIndex(events).entries.map((e) => e.event);
}

function push(map: Map<string, number[]>, key: string, pos: number) {
  const list = map.get(key);
  if (list === undefined) map.set(key, [pos]);
  else if (list[list.length - 1] !== pos) list.push(pos);
}

/** Build the timeline index once; queries then run without re-parsing dates. */
export function buildTimelineIndex(events: readonly StoryEvent[]): TimelineIndex {
  const entries: TimelineEntry[] = events.map((event) => {
    const b = boundsOf(event.date);
    return { event, min: b.min, max: b.max, pos: 0 };
  });
  entries.sort(compareTimelineEntries);
  const index: TimelineIndex = {
    entries,
    position: new Map(),
    byActor: new Map(),
    byPlace: new Map(),
    byRoute: new Map(),
    byKind: new Map(),
    byStatus: new Map(),
  };
  entries.forEach((entry, pos) => {
    entry.pos = pos;
    const e = entry.event;
    index.position.set(e.id, pos);
    // positions are visited in ascending order, so each posting list stays sorted
    const actors = new Set(e.participants.map((p) => p.actor));
    if (e.claimedBy) actors.add(e.claimedBy);
    for (const a of actors) push(index.byActor, a, pos);
    for (const p of new Set(e.places)) push(index.byPlace, p, pos);
    for (const r of new Set(e.routes)) push(index.byRoute, r, pos);
    push(index.byKind, e.kind, pos);
    push(index.byStatus, e.status, pos);
  });
  return index;
}

/** Union of sorted posting lists, sorted and without duplicates. */
function unionSorted(lists: readonly (readonly number[])[]): number[] {
  if (lists.length === 0) return [];
  if (lists.length === 1) return lists[0] as number[];
  const all = new Set<number>();
  for (const l of lists) for (const p of l) all.add(p);
  return [...all].sort((a, b) => a - b);
}

function postings(map: Map<string, number[]>, keys: readonly string[]): number[] {
  return unionSorted(keys.map((k) => map.get(k) ?? []));
}

/** The date window of a filter in epoch ms, or null when the filter has none. */
export function windowOf(filter: Pick<TimelineFilter, "from" | "to">): { min: number; max: number } | null {
  if (filter.from === undefined && filter.to === undefined) return null;
  const min = filter.from === undefined ? -Infinity : boundsOf(filter.from).min;
  const max = filter.to === undefined ? Infinity : boundsOf(filter.to).max;
  return { min, max };
}

/** Whether an entry falls in a window under the overlap (default) or containment rule. */
export function inWindow(
  entry: { min: number; max: number },
  window: { min: number; max: number },
  containedOnly = false,
): boolean {
  return containedOnly
    ? entry.min >= window.min && entry.max <= window.max
    : entry.min <= window.max && entry.max >= window.min;
}

/** First position whose entry starts after `t` (entries are sorted by `min`). */
function upperBoundMin(entries: readonly TimelineEntry[], t: number): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((entries[mid] as TimelineEntry).min <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Positions of all entries matching the filter, ascending (in timeline order). */
export function matchTimeline(index: TimelineIndex, filter: TimelineFilter = {}): number[] {
  const window = windowOf(filter);
  if (window && window.min > window.max) return [];
  const containedOnly = filter.containedOnly === true;
  // Start from the most selective posting list; check the other dimensions per entry.
  const dims: { list: number[]; check: (e: StoryEvent) => boolean }[] = [];
  if (filter.actors && filter.actors.length > 0) {
    const s = new Set(filter.actors);
    dims.push({
      list: postings(index.byActor, filter.actors),
      check: (e) =>
        (e.claimedBy !== undefined && s.has(e.claimedBy)) || e.participants.some((p) => s.has(p.actor)),
    });
  }
  if (filter.places && filter.places.length > 0) {
    const s = new Set(filter.places);
    dims.push({ list: postings(index.byPlace, filter.places), check: (e) => e.places.some((p) => s.has(p)) });
  }
  if (filter.route !== undefined) {
    const r = filter.route;
    dims.push({ list: index.byRoute.get(r) ?? [], check: (e) => e.routes.includes(r) });
  }
  if (filter.kinds && filter.kinds.length > 0) {
    const s = new Set<string>(filter.kinds);
    dims.push({ list: postings(index.byKind, filter.kinds), check: (e) => s.has(e.kind) });
  }
  if (filter.statuses && filter.statuses.length > 0) {
    const s = new Set<string>(filter.statuses);
    dims.push({ list: postings(index.byStatus, filter.statuses), check: (e) => s.has(e.status) });
  }
  const { entries } = index;
  // entries are sorted by `min`, so positions past this one start after the window ends
  const end = window ? upperBoundMin(entries, window.max) : entries.length;
  const out: number[] = [];
  if (dims.length === 0) {
    for (let i = 0; i < end; i++) {
      const entry = entries[i] as TimelineEntry;
      if (!window || inWindow(entry, window, containedOnly)) out.push(i);
    }
    return out;
  }
  let best = 0;
  dims.forEach((d, i) => {
    if (d.list.length < (dims[best] as (typeof dims)[number]).list.length) best = i;
  });
  const smallest = (dims[best] as (typeof dims)[number]).list;
  // the chosen posting list already satisfies its own dimension
  const checks = dims.filter((_, i) => i !== best).map((d) => d.check);
  for (const pos of smallest) {
    if (pos >= end) break;
    const entry = entries[pos] as TimelineEntry;
    if (window && !inWindow(entry, window, containedOnly)) continue;
    let ok = true;
    for (const check of checks) {
      if (!check(entry.event)) {
        ok = false;
        break;
      }
    }
    if (ok) out.push(pos);
  }
  return out;
}

/** First index in a sorted array whose value is greater than `value`. */
function firstAfter(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One page of the filtered timeline. Throws `TimelineCursorError` for an unknown cursor. */
export function queryTimeline(
  index: TimelineIndex,
  filter: TimelineFilter = {},
  page: TimelinePage = {},
): TimelineResult {
  const limit = Math.max(1, Math.floor(page.limit ?? 50));
  const matched = matchTimeline(index, filter);
  let start = 0;
  if (page.cursor !== undefined) {
    const pos = index.position.get(page.cursor);
    if (pos === undefined) throw new TimelineCursorError(page.cursor);
    start = firstAfter(matched, pos);
  }
  const slice = matched.slice(start, start + limit);
  const items = slice.map((p) => (index.entries[p] as TimelineEntry).event);
  const hasMore = start + limit < matched.length;
  const last = items[items.length - 1];
  return { items, total: matched.length, nextCursor: hasMore && last ? last.id : null };
}
