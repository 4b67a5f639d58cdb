/**
 * Dataset statistics: counts per kind, the date span of the events, and coverage figures
 * (how much of the data is precisely dated, placed, located in a source, and so on).
 */
import type { Actor } from "../actor.ts";
import { type Dataset, ENTITY_KINDS, type EntityKind } from "../dataset.ts";
import { isFuzzy } from "../dates.ts";
import type { EventKind, StoryEvent } from "../event.ts";
import type { Route } from "../route.ts";
import { boundsOf } from "./bounds.ts";

export interface Coverage {
  /** Share of what is counted, 0..1 (0 when there is nothing to count). */
  share: number;
  count: number;
  of: number;
}

export interface DatasetStats {
  counts: Record<EntityKind, number>;
  /** Earliest and latest finite instants any event can denote (ISO days), or null when none. */
  span: { from: string | null; to: string | null };
  eventsByKind: Partial<Record<EventKind, number>>;
  eventsByStatus: Record<string, number>;
  coverage: {
    /** Events dated to a single day (not fuzzy). */
    eventsExactlyDated: Coverage;
    /** Events with at least one place. */
    eventsWithPlaces: Coverage;
    /** Events with at least one participant. */
    eventsWithParticipants: Coverage;
    /** Citations pointing at a paragraph of an indexed source. */
    citationsWithParagraph: Coverage;
    /** Route legs with a sourced distance. */
    legsWithDistance: Coverage;
    /** Actors with other spellings recorded. */
    actorsWithAliases: Coverage;
    /** Routes with at least one status period. */
    routesWithStatus: Coverage;
  };
  citations: number;
}

function cov(count: number, of: number): Coverage {
  return { share: of === 0 ? 0 : count / of, count, of };
}

function countCitations(value: unknown, onCitation: (c: { paragraph?: number }) => void): void {
  if (Array.isArray(value)) {
    for (const v of value) countCitations(v, onCitation);
    return;
  }
  if (value === null || typeof value !== "object") return;
  for (const [k, v] of Object.entries(value)) {
    if (k === "citations" && Array.isArray(v)) for (const c of v) onCitation(c as { paragraph?: number });
    else if (typeof v === "object" && v !== null) countCitations(v, onCitation);
  }
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Stats built up one entity at a time, in any order (see `statsAccumulator`). */
export interface StatsAccumulator {
  add<K extends EntityKind>(kind: K, entity: Dataset[K][number]): void;
  /** The stats of everything added so far; adding more afterwards is fine. */
  result(): DatasetStats;
}

/**
 * The same figures as `datasetStats` without the dataset in memory: feed it entities as they
 * stream past. Only the order of `eventsByKind`/`eventsByStatus` keys depends on the order of
 * the events (first seen, first listed), as it does in `datasetStats`.
 */
export function statsAccumulator(): StatsAccumulator {
  const counts = Object.fromEntries(ENTITY_KINDS.map((k) => [k, 0])) as Record<EntityKind, number>;
  let min = Infinity;
  let max = -Infinity;
  const eventsByKind: Partial<Record<EventKind, number>> = {};
  const eventsByStatus: Record<string, number> = {};
  let exact = 0;
  let placed = 0;
  let withParticipants = 0;
  let citations = 0;
  let withParagraph = 0;
  let legs = 0;
  let legsWithDistance = 0;
  let withAliases = 0;
  let withStatus = 0;
  const onCitation = (c: { paragraph?: number }) => {
    citations++;
    if (c.paragraph !== undefined) withParagraph++;
  };
  return {
    add(kind, entity) {
      counts[kind]++;
      countCitations(entity, onCitation);
      if (kind === "events") {
        const e = entity as StoryEvent;
        const b = boundsOf(e.date);
        if (Number.isFinite(b.min) && b.min < min) min = b.min;
        if (Number.isFinite(b.max) && b.max > max) max = b.max;
        eventsByKind[e.kind] = (eventsByKind[e.kind] ?? 0) + 1;
        eventsByStatus[e.status] = (eventsByStatus[e.status] ?? 0) + 1;
        if (!isFuzzy(e.date)) exact++;
        if (e.places.length > 0) placed++;
        if (e.participants.length > 0) withParticipants++;
      } else if (kind === "routes") {
        const r = entity as Route;
        legs += r.legs.length;
        for (const l of r.legs) if (l.distance) legsWithDistance++;
        if (r.statuses.length > 0) withStatus++;
      } else if (kind === "actors") {
        if ((entity as Actor).aliases.length > 0) withAliases++;
      }
    },
    result() {
      return {
        counts: { ...counts },
        span: { from: Number.isFinite(min) ? iso(min) : null, to: Number.isFinite(max) ? iso(max) : null },
        eventsByKind: { ...eventsByKind },
        eventsByStatus: { ...eventsByStatus },
        coverage: {
          eventsExactlyDated: cov(exact, counts.events),
          eventsWithPlaces: cov(placed, counts.events),
          eventsWithParticipants: cov(withParticipants, counts.events),
          citationsWithParagraph: cov(withParagraph, citations),
          legsWithDistance: cov(legsWithDistance, legs),
          actorsWithAliases: cov(withAliases, counts.actors),
          routesWithStatus: cov(withStatus, counts.routes),
        },
        citations,
      };
    },
  };
}

export function datasetStats(ds: Dataset): DatasetStats {
  const acc = statsAccumulator();
  for (const kind of ENTITY_KINDS) for (const entity of ds[kind]) acc.add(kind, entity);
  return acc.result();
}

/** The earlier (or later) of two ISO days; the bounds `iso` writes compare as dates. */
function pick(a: string | null, b: string | null, later: boolean): string | null {
  if (a === null) return b;
  if (b === null) return a;
  const [x, y] = [Date.parse(a), Date.parse(b)];
  return (later ? y > x : y < x) ? b : a;
}

/**
 * The stats of several datasets kept apart (a database's loaded data and each import), as if
 * they were one: counts and coverage add up, the span is the widest. Keys of `eventsByKind` and
 * `eventsByStatus` keep the order in which the parts first name them.
 */
export function mergeStats(parts: readonly DatasetStats[]): DatasetStats {
  const acc = statsAccumulator().result();
  for (const s of parts) {
    for (const k of ENTITY_KINDS) acc.counts[k] += s.counts[k] ?? 0;
    acc.span = {
      from: pick(acc.span.from, s.span.from, false),
      to: pick(acc.span.to, s.span.to, true),
    };
    for (const [k, n] of Object.entries(s.eventsByKind) as [EventKind, number][])
      acc.eventsByKind[k] = (acc.eventsByKind[k] ?? 0) + n;
    for (const [k, n] of Object.entries(s.eventsByStatus))
      acc.eventsByStatus[k] = (acc.eventsByStatus[k] ?? 0) + n;
    for (const key of Object.keys(acc.coverage) as (keyof DatasetStats["coverage"])[]) {
      const c = acc.coverage[key];
      const more = s.coverage[key];
      acc.coverage[key] = cov(c.count + more.count, c.of + more.of);
    }
    acc.citations += s.citations;
  }
  return acc;
}

/**
 * `whole` without `part` (entities taken out of a dataset's stats, as an accepted same-as takes
 * an import's record out): counts and coverage subtract, kinds and statuses left with none are
 * dropped. The span stays as it was (narrowing it would need every remaining event).
 */
export function subtractStats(whole: DatasetStats, part: DatasetStats): DatasetStats {
  const negate = <K extends string>(m: Partial<Record<K, number>>) =>
    Object.fromEntries(Object.entries(m).map(([k, n]) => [k, -(n as number)])) as Partial<Record<K, number>>;
  const coverage = { ...part.coverage };
  for (const key of Object.keys(coverage) as (keyof DatasetStats["coverage"])[])
    coverage[key] = cov(-coverage[key].count, -coverage[key].of);
  const out = mergeStats([
    whole,
    {
      counts: negate(part.counts) as DatasetStats["counts"],
      span: { from: null, to: null },
      eventsByKind: negate(part.eventsByKind),
      eventsByStatus: negate(part.eventsByStatus) as DatasetStats["eventsByStatus"],
      coverage,
      citations: -part.citations,
    },
  ]);
  for (const m of [out.eventsByKind, out.eventsByStatus] as Record<string, number>[])
    for (const [k, n] of Object.entries(m)) if (n === 0) delete m[k];
  return { ...out, span: whole.span };
}
