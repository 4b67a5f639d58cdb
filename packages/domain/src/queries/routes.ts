/**
 * Route queries: status at a date, leg details with total sourced distance, and a side-by-side
 * comparison of the routes that carry one cargo.
 */
import type { DateBounds } from "../dates.ts";
import type { Coordinates, Place } from "../place.ts";
import type { Cargo, Route, RouteStatus, StatusPeriod } from "../route.ts";
import { boundsOf } from "./bounds.ts";

/** Today's date as an EDTF day (UTC). */
export function todayEdtf(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export interface RouteStatusAt {
  /** The status at the date, or "unknown" when no period covers it. */
  status: RouteStatus | "unknown";
  /** Index of the deciding period in `route.statuses`, or null. */
  periodIndex: number | null;
  period: StatusPeriod | null;
}

/**
 * A route's status at a date. A period applies when its bounds overlap the date's bounds
 * (for a day: when it contains the day). Periods are read in order and the latest one that
 * applies wins, as the model documents.
 */
export function routeStatusAt(route: Pick<Route, "statuses">, at: string | DateBounds): RouteStatusAt {
  const b = typeof at === "string" ? boundsOf(at) : at;
  for (let i = route.statuses.length - 1; i >= 0; i--) {
    const period = route.statuses[i] as StatusPeriod;
    const p = boundsOf(period.when);
    if (p.min <= b.max && b.min <= p.max) return { status: period.status, periodIndex: i, period };
  }
  return { status: "unknown", periodIndex: null, period: null };
}

export interface PlaceRef {
  id: string;
  name: string;
  kind: Place["kind"] | null;
  country: string | null;
  coordinates: Coordinates | null;
}

function placeRef(id: string, places: ReadonlyMap<string, Place>): PlaceRef {
  const p = places.get(id);
  return p
    ? { id, name: p.name, kind: p.kind, country: p.country, coordinates: p.coordinates }
    : { id, name: id, kind: null, country: null, coordinates: null };
}

export interface LegDetail {
  index: number;
  from: PlaceRef;
  to: PlaceRef;
  mode: Route["legs"][number]["mode"];
  /** Sourced distance in km, or null when no source gives one (never estimated). */
  km: number | null;
  distance: NonNullable<Route["legs"][number]["distance"]> | null;
  note: string | null;
}

export interface RouteDistance {
  /** Sum of the sourced leg distances. */
  sourcedKm: number;
  /** Legs with a sourced distance. */
  knownLegs: number;
  /** Legs without one: when > 0, `sourcedKm` understates the whole route. */
  unknownLegs: number;
  hasUnknownLeg: boolean;
}

export function routeDistance(route: Pick<Route, "legs">): RouteDistance {
  let sourcedKm = 0;
  let knownLegs = 0;
  for (const leg of route.legs) {
    if (leg.distance) {
      sourcedKm += leg.distance.km;
      knownLegs++;
    }
  }
  const unknownLegs = route.legs.length - knownLegs;
  return { sourcedKm, knownLegs, unknownLegs, hasUnknownLeg: unknownLegs > 0 };
}

export interface StatusHistoryItem {
  index: number;
  status: RouteStatus;
  when: string;
  /** Bounds in epoch ms; open ends are null (JSON has no Infinity). */
  start: number | null;
  end: number | null;
  note: string | null;
  blockers: StatusPeriod["blockers"];
  conditions: StatusPeriod["conditions"];
  events: string[];
  citations: StatusPeriod["citations"];
}

const finite = (n: number) => (Number.isFinite(n) ? n : null);

/** A route's status periods in the order they are recorded (which decides precedence). */
export function statusHistory(route: Pick<Route, "statuses">): StatusHistoryItem[] {
  return route.statuses.map((s, index) => {
    const b = boundsOf(s.when);
    return {
      index,
      status: s.status,
      when: s.when,
      start: finite(b.min),
      end: finite(b.max),
      note: s.note ?? null,
      blockers: s.blockers,
      conditions: s.conditions,
      events: s.events,
      citations: s.citations,
    };
  });
}

export interface RouteDetail {
  route: Route;
  legs: LegDetail[];
  distance: RouteDistance;
  at: string;
  current: RouteStatusAt;
  history: StatusHistoryItem[];
  /** Blockers of the period in force at `at` (empty when none applies). */
  blockers: StatusPeriod["blockers"];
  /** Conditions of the period in force at `at`. */
  conditions: StatusPeriod["conditions"];
  /** Places along the route in order, without repeats. */
  stops: PlaceRef[];
}

/** Legs with place names and coordinates, distances, status at `at` and the history. */
export function routeDetail(route: Route, places: ReadonlyMap<string, Place>, at: string): RouteDetail {
  const legs: LegDetail[] = route.legs.map((leg, index) => ({
    index,
    from: placeRef(leg.from, places),
    to: placeRef(leg.to, places),
    mode: leg.mode,
    km: leg.distance?.km ?? null,
    distance: leg.distance ?? null,
    note: leg.note ?? null,
  }));
  const stopIds: string[] = [];
  for (const leg of route.legs) {
    for (const id of [leg.from, leg.to]) if (stopIds[stopIds.length - 1] !== id) stopIds.push(id);
  }
  const current = routeStatusAt(route, at);
  return {
    route,
    legs,
    distance: routeDistance(route),
    at,
    current,
    history: statusHistory(route),
    blockers: current.period?.blockers ?? [],
    conditions: current.period?.conditions ?? [],
    stops: stopIds.map((id) => placeRef(id, places)),
  };
}

export interface RouteComparisonRow {
  id: string;
  name: string;
  kind: Route["kind"];
  cargo: Cargo;
  status: RouteStatus | "unknown";
  statusNote: string | null;
  modes: Route["legs"][number]["mode"][];
  stops: PlaceRef[];
  distance: RouteDistance;
  legCount: number;
  blockers: number;
  conditions: number;
  actors: string[];
}

/** The routes that carry `cargo`, side by side at a date, in the dataset's order. */
export function compareRoutes(
  routes: readonly Route[],
  cargo: Cargo,
  places: ReadonlyMap<string, Place>,
  at: string,
): RouteComparisonRow[] {
  return routes
    .filter((r) => r.cargo === cargo)
    .map((r) => {
      const d = routeDetail(r, places, at);
      return {
        id: r.id,
        name: r.name,
        kind: r.kind,
        cargo: r.cargo,
        status: d.current.status,
        statusNote: d.current.period?.note ?? null,
        modes: [...new Set(r.legs.map((l) => l.mode))],
        stops: d.stops,
        distance: d.distance,
        legCount: r.legs.length,
        blockers: d.blockers.length,
        conditions: d.conditions.length,
        actors: r.actors,
      };
    });
}
