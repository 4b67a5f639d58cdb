/**
 * Timeline density: how many events fall in each time bin of a window, per lane (event kind or
 * actor) and per dataset — what a timeline draws when a window holds too many events to draw
 * one by one.
 *
 * An event is counted once, in the bin of its **anchor day**: the middle of its date span, or
 * its one finite end when the other is open ("../2021" counts at its end). An event open at
 * both ends has no anchor and is counted as `undated`. Bins are whole days, a power of two of
 * them, aligned on multiples of their width counted from 1970-01-01, so every store can answer
 * from counts kept per day (and per 2, 4, … 1,024 days) instead of visiting every event.
 */

import type { StoryEvent } from "../event.ts";
import { matchTimeline, type TimelineEntry, type TimelineFilter, type TimelineIndex } from "./timeline.ts";

export const DAY_MS = 86_400_000;

/** The widths (in days) a store may keep pre-counted: every power of two to 1,024. */
export const DENSITY_LEVELS: readonly number[] = Array.from({ length: 11 }, (_, i) => 2 ** i);

/** Days are clamped to years 0001–9999, the dates a window can be written as. */
const MIN_DAY = Math.floor(new Date("0001-01-01T00:00:00Z").getTime() / DAY_MS);
const MAX_DAY = Math.floor(new Date("9999-12-31T00:00:00Z").getTime() / DAY_MS);

/** The instant an event is counted at (see the module comment), or null when it has none. */
export function anchorOf(min: number, max: number): number | null {
  const lo = Number.isFinite(min);
  const hi = Number.isFinite(max);
  if (lo && hi) return (min + max) / 2;
  if (lo) return min;
  if (hi) return max;
  return null;
}

/** The day (days since 1970-01-01, UTC) an instant falls on. */
export function dayOf(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/**
 * A day as an ISO date (YYYY-MM-DD), e.g. for a window's `from` and `to`; days outside the years
 * 0001–9999 (a bin aligned below the first day, a window's open side) are that range's ends, so
 * the date is always one the EDTF parser takes.
 */
export function isoDayOf(day: number): string {
  const d = Math.min(Math.max(day, MIN_DAY), MAX_DAY);
  return new Date(d * DAY_MS).toISOString().slice(0, 10);
}

/** The bins of a window: `bins` bins of `binDays` days from `startDay`. */
export interface DensityBins {
  startDay: number;
  binDays: number;
  bins: number;
}

/**
 * The bins covering [start, end] (epoch ms) with at most `maxBins` bins: the narrowest
 * power-of-two width that fits, the first bin starting on a multiple of that width. The bins
 * may reach a little past both ends of the window.
 */
export function densityBins(start: number, end: number, maxBins: number): DensityBins {
  const cap = Math.max(1, Math.floor(maxBins));
  const first = Math.min(Math.max(dayOf(Math.min(start, end)), MIN_DAY), MAX_DAY);
  const last = Math.min(Math.max(dayOf(Math.max(start, end)), MIN_DAY), MAX_DAY);
  let binDays = 1;
  for (;;) {
    const startDay = Math.floor(first / binDays) * binDays;
    const bins = Math.floor((last - startDay) / binDays) + 1;
    if (bins <= cap) return { startDay, binDays, bins };
    binDays *= 2;
  }
}

/** The widest pre-counted width that divides a bin width (see DENSITY_LEVELS). */
export function densityLevel(binDays: number): number {
  let level = 1;
  for (const l of DENSITY_LEVELS) if (l <= binDays && binDays % l === 0) level = l;
  return level;
}

/**
 * The bins of a density query: its window, a side left out taken from `extent` (first and last
 * anchor day of the filtered events; when there are none, the other side, else 1970-01-01).
 */
export function binsFor(
  opts: Pick<DensityOptions, "start" | "end" | "maxBins">,
  extent: () => { first: number; last: number } | null,
): DensityBins {
  let { start, end } = opts;
  if (start === undefined || end === undefined) {
    const e = extent();
    start ??= e ? e.first * DAY_MS : (end ?? 0);
    end ??= e ? e.last * DAY_MS : start;
  }
  return densityBins(start, end, opts.maxBins);
}

/** The first and last anchor day of the filtered events (its window ignored); null if none. */
export function densityExtent(
  index: TimelineIndex,
  filter: TimelineFilter,
): { first: number; last: number } | null {
  const { from: _f, to: _t, containedOnly: _c, ...rest } = filter;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const pos of matchTimeline(index, rest)) {
    const e = index.entries[pos] as TimelineEntry;
    const anchor = anchorOf(e.min, e.max);
    if (anchor === null) continue;
    const day = dayOf(anchor);
    if (day < first) first = day;
    if (day > last) last = day;
  }
  return first <= last ? { first, last } : null;
}

/** The last day the bins cover. */
export function lastDayOf(b: DensityBins): number {
  return b.startDay + b.bins * b.binDays - 1;
}

/** Counts per bin of one lane (an event kind, an actor) or one dataset. */
export interface DensityLane {
  key: string;
  total: number;
  counts: number[];
}

export interface TimelineDensity extends DensityBins {
  /** Events of the filter anchored in the bins. */
  total: number;
  /**
   * Per lane: by kind, the kinds with events in the bins (in key order); by actor, every lane
   * actor (an event with several of them counts in each of their lanes).
   */
  lanes: DensityLane[];
  /** Per dataset, the datasets with events in the bins (in key order). */
  datasets: DensityLane[];
  /** Events of the filter open at both ends (no anchor; in no bin), in the whole data. */
  undated: number;
}

export type DensityLanes = "kind" | "actor";

export interface DensityOptions {
  /** Window in epoch ms; a side left out is the filtered events' first or last anchor day. */
  start?: number;
  end?: number;
  /** At most this many bins. */
  maxBins: number;
  lanes: DensityLanes;
  /** Actor lanes: the filter's actors, else the `actorLanes` actors with most events. */
  actorLanes?: number;
}

/** The default number of actor lanes. */
export const ACTOR_LANES = 14;

/**
 * The lane actors of a density or window query: the filter's actors (in the order given,
 * without repeats), else the `n` actors with the most events in the whole data (ties by id).
 */
export function laneActors(index: TimelineIndex, filter: TimelineFilter, n = ACTOR_LANES): string[] {
  if (filter.actors?.length) return [...new Set(filter.actors)];
  return [...index.byActor.entries()]
    .sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, n)
    .map(([id]) => id);
}

/** The actors of an event a lane can show: participants and the claimant. */
export function actorsOf(e: StoryEvent): Set<string> {
  const s = new Set(e.participants.map((p) => p.actor));
  if (e.claimedBy) s.add(e.claimedBy);
  return s;
}

/** Keys in a stable order (code points, as ids and dates sort everywhere). */
function byKey(a: DensityLane, b: DensityLane): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * Density of the filtered timeline over a window (the filter's own `from`/`to` are ignored:
 * the window is the options'). The in-memory answer every store's must equal.
 */
export function timelineDensity(
  index: TimelineIndex,
  filter: TimelineFilter,
  opts: DensityOptions,
): TimelineDensity {
  const { from: _f, to: _t, containedOnly: _c, ...rest } = filter;
  const bins = binsFor(opts, () => densityExtent(index, rest));
  const last = lastDayOf(bins);
  const matched = matchTimeline(index, { ...rest, from: isoDayOf(bins.startDay), to: isoDayOf(last) });
  const lanes = new Map<string, DensityLane>();
  const datasets = new Map<string, DensityLane>();
  const actors = opts.lanes === "actor" ? laneActors(index, filter, opts.actorLanes) : [];
  if (opts.lanes === "actor")
    for (const a of actors) lanes.set(a, { key: a, total: 0, counts: new Array(bins.bins).fill(0) });
  const add = (map: Map<string, DensityLane>, key: string, bin: number) => {
    let lane = map.get(key);
    if (!lane) {
      lane = { key, total: 0, counts: new Array(bins.bins).fill(0) };
      map.set(key, lane);
    }
    lane.total++;
    lane.counts[bin] = (lane.counts[bin] as number) + 1;
  };
  let total = 0;
  for (const pos of matched) {
    const entry = index.entries[pos] as TimelineEntry;
    const anchor = anchorOf(entry.min, entry.max);
    if (anchor === null) continue;
    const day = dayOf(anchor);
    if (day < bins.startDay || day > last) continue;
    const bin = Math.floor((day - bins.startDay) / bins.binDays);
    total++;
    add(datasets, entry.dataset ?? "", bin);
    if (opts.lanes === "kind") add(lanes, entry.event.kind, bin);
    else for (const a of actorsOf(entry.event)) if (lanes.has(a)) add(lanes, a, bin);
  }
  let undated = 0;
  for (const pos of matchTimeline(index, rest)) {
    const e = index.entries[pos] as TimelineEntry;
    if (anchorOf(e.min, e.max) === null) undated++;
  }
  return {
    ...bins,
    total,
    lanes: opts.lanes === "kind" ? [...lanes.values()].sort(byKey) : [...lanes.values()],
    datasets: [...datasets.values()].sort(byKey),
    undated,
  };
}

/** Which events a window gives one by one (see `windowEvents`). */
export type WindowScope = "overlapping" | "anchored";

/**
 * The window's events one by one, in timeline order: every event of the filter overlapping the
 * bins' days when there are at most `limit` ("overlapping"); else, when the events anchored in
 * the bins (the ones its counts count) are at most `limit`, those ("anchored": long spans that
 * reach into the window from elsewhere are left out — at ten million events, open-ended and
 * year-long ones overlap every window by the thousand); else null (the window is drawn as counts).
 */
export function windowEvents(
  index: TimelineIndex,
  filter: TimelineFilter,
  bins: DensityBins,
  limit: number,
): { scope: WindowScope; entries: TimelineEntry[] } | null {
  const { from: _f, to: _t, containedOnly: _c, ...rest } = filter;
  const last = lastDayOf(bins);
  const matched = matchTimeline(index, { ...rest, from: isoDayOf(bins.startDay), to: isoDayOf(last) });
  const entries = matched.map((pos) => index.entries[pos] as TimelineEntry);
  if (entries.length <= limit) return { scope: "overlapping", entries };
  const anchored = entries.filter((e) => {
    const a = anchorOf(e.min, e.max);
    if (a === null) return false;
    const d = dayOf(a);
    return d >= bins.startDay && d <= last;
  });
  return anchored.length <= limit ? { scope: "anchored", entries: anchored } : null;
}
