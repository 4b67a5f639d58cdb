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
  /** The dataset the event belongs to, when the index was told (see buildTimelineIndex). */
  dataset?: string;
}

/** Events in timeline order plus posting lists (ascending positions) per filter dimension. */
export interface TimelineIndex {
  entries: TimelineEntry[];
  /** `entries[pos].min` and `.max` by position, packed (the window searches read only these). */
  mins: Float64Array;
  maxs: Float64Array;
  position: Map<string, number>;
  byActor: Map<string, number[]>;
  byPlace: Map<string, number[]>;
  byRoute: Map<string, number[]>;
  byKind: Map<string, number[]>;
  byStatus: Map<string, number[]>;
  /** Posting lists per dataset; empty when the index was built without datasets. */
  byDataset: Map<string, number[]>;
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
  /** Events of any of these datasets (the built-in data, a user's directory, an import). */
  datasets?: readonly string[];
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
  /** The dataset of each item, in the same order (when the index knows datasets). */
  datasets?: string[];
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

/**
 * Build the timeline index once; queries then run without re-parsing dates. With `datasetOf`
 * each event is filed under its dataset too, so timelines can be filtered by dataset and say
 * which dataset each item comes from.
 */
export function buildTimelineIndex(
  events: readonly StoryEvent[],
  datasetOf?: (id: string) => string,
): TimelineIndex {
  const entries: TimelineEntry[] = events.map((event) => {
    const b = boundsOf(event.date);
    return datasetOf
      ? { event, min: b.min, max: b.max, pos: 0, dataset: datasetOf(event.id) }
      : { event, min: b.min, max: b.max, pos: 0 };
  });
  entries.sort(compareTimelineEntries);
  const index: TimelineIndex = {
    entries,
    mins: Float64Array.from(entries, (e) => e.min),
    maxs: Float64Array.from(entries, (e) => e.max),
    position: new Map(),
    byActor: new Map(),
    byPlace: new Map(),
    byRoute: new Map(),
    byKind: new Map(),
    byStatus: new Map(),
    byDataset: new Map(),
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
    if (entry.dataset !== undefined) push(index.byDataset, entry.dataset, pos);
  });
  return index;
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

/**
 * Window pruning. Entries are sorted by `min`, so the end of a window cuts a posting list by
 * binary search, but its start does not: an entry that starts long before the window can still
 * reach into it. So each posting list is split by **span class** (how long an entry's date can
 * be: a day, a month, a season, a year, a decade, longer or open-ended). Inside one class the
 * span is capped, so an entry of class c overlaps [a, b] only if its `min` lies in
 * [a − cap(c), b] — two binary searches per class — and an entry contained in the window has
 * its `min` in [a, b]. Only the open-ended class has no lower cut. The candidates are then
 * checked exactly, so the pruning changes the cost of a query, never its answer.
 */
const DAY = 86_400_000;
/** The longest span of each span class (the database stores search by the same classes). */
export const SPAN_CAPS: readonly number[] = [DAY, 31 * DAY, 92 * DAY, 366 * DAY, 3_660 * DAY, Infinity];

/** The span class of a date's bounds: the first class whose cap its span fits in. */
export function spanClassOf(entry: { min: number; max: number }): number {
  const span = entry.max - entry.min;
  let c = 0;
  while (span > (SPAN_CAPS[c] as number)) c++;
  return c;
}

/**
 * One span class of a posting list: its positions, with their `min` and `max` copied side by
 * side. The binary searches and edge checks then read small contiguous arrays instead of
 * jumping around the timeline-wide ones (at 100,000 events those lookups miss the CPU caches,
 * which costs more than the comparisons).
 */
interface SpanPart {
  pos: number[];
  mins: Float64Array;
  maxs: Float64Array;
}

/** Posting lists split by span class, built on first use (keyed by the list itself). */
const splits = new WeakMap<readonly number[], SpanPart[]>();

function splitBySpan(index: TimelineIndex, list: readonly number[]): SpanPart[] {
  let parts = splits.get(list);
  if (parts === undefined) {
    const lists: number[][] = SPAN_CAPS.map(() => []);
    for (const pos of list) (lists[spanClassOf(index.entries[pos] as TimelineEntry)] as number[]).push(pos);
    parts = lists.map((pos) => ({
      pos,
      mins: Float64Array.from(pos, (p) => index.mins[p] as number),
      maxs: Float64Array.from(pos, (p) => index.maxs[p] as number),
    }));
    splits.set(list, parts);
  }
  return parts;
}

/** First index of a part whose `min` is ≥ t (or > t with `after`). */
function searchMin(mins: Float64Array, t: number, after: boolean) {
  let lo = 0;
  let hi = mins.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const m = mins[mid] as number;
    if (m < t || (after && m === t)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The stretches of each span class's list whose entries may fall in the window. */
interface Candidates {
  parts: number[][];
  ranges: [number, number][];
  count: number;
}

function windowCandidates(
  index: TimelineIndex,
  lists: readonly (readonly number[])[],
  window: { min: number; max: number },
  containedOnly: boolean,
): Candidates {
  const parts: number[][] = [];
  const ranges: [number, number][] = [];
  let count = 0;
  for (const list of lists) {
    splitBySpan(index, list).forEach((split, c) => {
      if (split.pos.length === 0) return;
      const cap = SPAN_CAPS[c] as number;
      const from = containedOnly ? window.min : window.min - cap;
      const lo = cap === Infinity && !containedOnly ? 0 : searchMin(split.mins, from, false);
      const hi = searchMin(split.mins, window.max, true);
      if (hi > lo) {
        parts.push(split.pos);
        ranges.push([lo, hi]);
        count += hi - lo;
      }
    });
  }
  return { parts, ranges, count };
}

/** Merge sorted arrays into one sorted array without duplicates. */
function mergeSorted(arrays: number[][]): number[] {
  let level = arrays.filter((a) => a.length > 0);
  if (level.length === 0) return [];
  while (level.length > 1) {
    const next: number[][] = [];
    for (let i = 0; i < level.length; i += 2) {
      const a = level[i] as number[];
      const b = level[i + 1];
      if (b === undefined) {
        next.push(a);
        continue;
      }
      const out: number[] = [];
      let x = 0;
      let y = 0;
      while (x < a.length && y < b.length) {
        const u = a[x] as number;
        const v = b[y] as number;
        if (u < v) {
          out.push(u);
          x++;
        } else if (v < u) {
          out.push(v);
          y++;
        } else {
          out.push(u);
          x++;
          y++;
        }
      }
      while (x < a.length) out.push(a[x++] as number);
      while (y < b.length) out.push(b[y++] as number);
      next.push(out);
    }
    level = next;
  }
  return level[0] as number[];
}

/** Every position of the index, as a posting list (the "no filter" dimension). */
const allPositions = new WeakMap<TimelineIndex, number[]>();
function everyPosition(index: TimelineIndex): number[] {
  let all = allPositions.get(index);
  if (all === undefined) {
    all = index.entries.map((_, i) => i);
    allPositions.set(index, all);
  }
  return all;
}

/** Positions of all entries matching the filter, ascending (in timeline order). */
export function matchTimeline(index: TimelineIndex, filter: TimelineFilter = {}): number[] {
  const window = windowOf(filter);
  if (window && window.min > window.max) return [];
  const containedOnly = filter.containedOnly === true;
  const { entries } = index;
  // Each dimension: its posting lists (one per value, OR-ed) and a check of one event.
  const dims: { lists: number[][]; check: (e: StoryEvent) => boolean }[] = [];
  const listsOf = (map: Map<string, number[]>, keys: readonly string[]) =>
    [...new Set(keys)].map((k) => map.get(k) ?? []);
  if (filter.actors && filter.actors.length > 0) {
    const s = new Set(filter.actors);
    dims.push({
      lists: listsOf(index.byActor, filter.actors),
      check: (e) =>
        (e.claimedBy !== undefined && s.has(e.claimedBy)) || e.participants.some((p) => s.has(p.actor)),
    });
  }
  if (filter.places && filter.places.length > 0) {
    const s = new Set(filter.places);
    dims.push({ lists: listsOf(index.byPlace, filter.places), check: (e) => e.places.some((p) => s.has(p)) });
  }
  if (filter.route !== undefined) {
    const r = filter.route;
    dims.push({ lists: [index.byRoute.get(r) ?? []], check: (e) => e.routes.includes(r) });
  }
  if (filter.kinds && filter.kinds.length > 0) {
    const s = new Set<string>(filter.kinds);
    dims.push({ lists: listsOf(index.byKind, filter.kinds), check: (e) => s.has(e.kind) });
  }
  if (filter.statuses && filter.statuses.length > 0) {
    const s = new Set<string>(filter.statuses);
    dims.push({ lists: listsOf(index.byStatus, filter.statuses), check: (e) => s.has(e.status) });
  }
  if (filter.datasets && filter.datasets.length > 0) {
    const s = new Set<string>(filter.datasets);
    dims.push({
      lists: listsOf(index.byDataset, filter.datasets),
      check: (e) => {
        const ds = index.entries[index.position.get(e.id) as number]?.dataset;
        return ds !== undefined && s.has(ds);
      },
    });
  }
  if (dims.length === 0) dims.push({ lists: [everyPosition(index)], check: () => true });

  if (!window) {
    // no window: walk the shortest dimension's union, check the others
    let best = 0;
    const sizes = dims.map((d) => d.lists.reduce((n, l) => n + l.length, 0));
    sizes.forEach((n, i) => {
      if (n < (sizes[best] as number)) best = i;
    });
    const checks = dims.filter((_, i) => i !== best).map((d) => d.check);
    const lists = (dims[best] as (typeof dims)[number]).lists;
    const union = lists.length === 1 ? (lists[0] as number[]) : mergeSorted(lists);
    if (checks.length === 0) return union.slice();
    return union.filter((pos) => checks.every((check) => check((entries[pos] as TimelineEntry).event)));
  }

  // a window: start from the dimension with the fewest candidates inside it
  const candidates = dims.map((d) => windowCandidates(index, d.lists, window, containedOnly));
  let best = 0;
  candidates.forEach((c, i) => {
    if (c.count < (candidates[best] as Candidates).count) best = i;
  });
  const { parts, ranges } = candidates[best] as Candidates;
  const checks = dims.filter((_, i) => i !== best).map((d) => d.check);
  const found: number[][] = [];
  parts.forEach((part, k) => {
    const [lo, hi] = ranges[k] as [number, number];
    const out: number[] = [];
    for (let i = lo; i < hi; i++) {
      const pos = part[i] as number;
      const entry = entries[pos] as TimelineEntry;
      if (!inWindow(entry, window, containedOnly)) continue;
      let ok = true;
      for (const check of checks) {
        if (!check(entry.event)) {
          ok = false;
          break;
        }
      }
      if (ok) out.push(pos);
    }
    found.push(out);
  });
  return mergeSorted(found);
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

/**
 * The matches of one span class's list as a sorted sequence without materializing it: the
 * checked matches before a stretch that needs no check, the stretch itself (`part[from..to)`),
 * and the checked matches after it.
 */
/** An empty list that is never written to (stands for "none" without allocating). */
const NONE: readonly number[] = Object.freeze([]);

/** The one distinct value of a filter list: undefined when unset or empty, null for several. */
function single(values: readonly string[] | undefined): string | null | undefined {
  if (values === undefined || values.length === 0) return undefined;
  const first = values[0] as string;
  for (let i = 1; i < values.length; i++) if (values[i] !== first) return null;
  return first;
}

interface ClassMatches {
  before: number[];
  part: readonly number[];
  from: number;
  to: number;
  after: number[];
}

const seqLength = (m: ClassMatches) => m.before.length + (m.to - m.from) + m.after.length;
function seqAt(m: ClassMatches, i: number): number {
  if (i < m.before.length) return m.before[i] as number;
  const j = i - m.before.length;
  const free = m.to - m.from;
  return j < free ? (m.part[m.from + j] as number) : (m.after[j - free] as number);
}

/**
 * For a filter on one value of one dimension (or on none) with a window, the matches per span
 * class, found with binary searches: inside a class whose spans are at most `cap` long, an
 * entry starting inside the window always overlaps it, and one starting inside
 * [a, b − cap] is always contained in it, so only the entries near the window's edges are
 * checked one by one. A page then costs a few binary searches and a merge of `limit` items,
 * however many events match. Returns undefined when the filter needs the general path.
 */
function classMatches(index: TimelineIndex, filter: TimelineFilter): ClassMatches[] | undefined {
  const window = windowOf(filter);
  if (!window || window.min > window.max) return undefined;
  // at most one dimension, with one distinct value (this runs per request: nothing allocated
  // for the dimensions, no closures)
  const actor = single(filter.actors);
  const place = single(filter.places);
  const kind = single(filter.kinds);
  const status = single(filter.statuses);
  const route = filter.route;
  if (filter.datasets && filter.datasets.length > 0) return undefined;
  if (actor === null || place === null || kind === null || status === null) return undefined;
  const dims =
    Number(actor !== undefined) +
    Number(place !== undefined) +
    Number(kind !== undefined) +
    Number(status !== undefined) +
    Number(route !== undefined);
  if (dims > 1) return undefined;
  const list =
    (actor !== undefined
      ? index.byActor.get(actor)
      : place !== undefined
        ? index.byPlace.get(place)
        : kind !== undefined
          ? index.byKind.get(kind)
          : status !== undefined
            ? index.byStatus.get(status)
            : route !== undefined
              ? index.byRoute.get(route)
              : everyPosition(index)) ?? NONE;
  const a = window.min;
  const b = window.max;
  const contained = filter.containedOnly === true;
  const out: ClassMatches[] = [];
  const parts = splitBySpan(index, list);
  for (let c = 0; c < parts.length; c++) {
    const { pos: part, mins, maxs } = parts[c] as SpanPart;
    if (part.length === 0) continue;
    const cap = SPAN_CAPS[c] as number;
    const hi = searchMin(mins, b, true);
    let before = NONE as number[];
    let after = NONE as number[];
    let from: number;
    let to: number;
    if (!contained) {
      // [lo, from): start before the window, overlap if they reach it; [from, hi): all overlap
      const lo = cap === Infinity ? 0 : searchMin(mins, a - cap, false);
      from = searchMin(mins, a, false);
      to = hi;
      for (let i = lo; i < from; i++) {
        if ((maxs[i] as number) < a) continue;
        if (before === NONE) before = [];
        before.push(part[i] as number);
      }
    } else {
      // [from, to): start in the window early enough to end in it; [to, hi): checked. Spans
      // of the unbounded class may end anywhere (one open at the start has no start to go by),
      // so under a finite end none of them is safe unchecked
      from = searchMin(mins, a, false);
      to =
        cap === Infinity
          ? b === Infinity
            ? hi
            : from
          : Math.min(Math.max(from, searchMin(mins, b - cap, true)), hi);
      for (let i = to; i < hi; i++) {
        if ((maxs[i] as number) > b) continue;
        if (after === NONE) after = [];
        after.push(part[i] as number);
      }
    }
    if (before.length + (to - from) + after.length > 0) out.push({ before, part, from, to, after });
  }
  return out;
}

function pageFromClasses(
  index: TimelineIndex,
  classes: ClassMatches[],
  cursorPos: number,
  limit: number,
): TimelineResult {
  let total = 0;
  const heads: number[] = [];
  let remaining = 0;
  for (const m of classes) {
    const n = seqLength(m);
    total += n;
    // first item after the cursor
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (seqAt(m, mid) <= cursorPos) lo = mid + 1;
      else hi = mid;
    }
    heads.push(lo);
    remaining += n - lo;
  }
  const items: StoryEvent[] = [];
  const lengths: number[] = [];
  for (let k = 0; k < classes.length; k++) lengths.push(seqLength(classes[k] as ClassMatches));
  while (items.length < limit) {
    let best = -1;
    let bestPos = Infinity;
    for (let k = 0; k < classes.length; k++) {
      const h = heads[k] as number;
      if (h < (lengths[k] as number)) {
        const pos = seqAt(classes[k] as ClassMatches, h);
        if (pos < bestPos) {
          bestPos = pos;
          best = k;
        }
      }
    }
    if (best < 0) break;
    heads[best] = (heads[best] as number) + 1;
    items.push((index.entries[bestPos] as TimelineEntry).event);
  }
  const last = items[items.length - 1];
  return withDatasets(index, { items, total, nextCursor: remaining > items.length && last ? last.id : null });
}

/** One page of the filtered timeline. Throws `TimelineCursorError` for an unknown cursor. */
export function queryTimeline(
  index: TimelineIndex,
  filter: TimelineFilter = {},
  page: TimelinePage = {},
): TimelineResult {
  const limit = Math.max(1, Math.floor(page.limit ?? 50));
  let cursorPos = -1;
  if (page.cursor !== undefined) {
    const pos = index.position.get(page.cursor);
    if (pos === undefined) throw new TimelineCursorError(page.cursor);
    cursorPos = pos;
  }
  const classes = classMatches(index, filter);
  if (classes) return pageFromClasses(index, classes, cursorPos, limit);
  const matched = matchTimeline(index, filter);
  const start = cursorPos < 0 ? 0 : firstAfter(matched, cursorPos);
  const slice = matched.slice(start, start + limit);
  const items = slice.map((p) => (index.entries[p] as TimelineEntry).event);
  const hasMore = start + limit < matched.length;
  const last = items[items.length - 1];
  return withDatasets(index, { items, total: matched.length, nextCursor: hasMore && last ? last.id : null });
}

/** Add the datasets of a page's items when the index knows them. */
function withDatasets(index: TimelineIndex, result: TimelineResult): TimelineResult {
  if (index.byDataset.size === 0) return result;
  return {
    ...result,
    datasets: result.items.map((e) => index.entries[index.position.get(e.id) as number]?.dataset ?? ""),
  };
}
