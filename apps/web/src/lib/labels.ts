/**
 * Display words for the model's codes: epistemic statuses, route statuses, modes, roles.
 * Every status is spelled out in words, never only by colour.
 */
import type { EpistemicStatus, RouteStatus, TransportMode } from "@dealmap/domain";

export const EPISTEMIC_LABEL: Record<EpistemicStatus, string> = {
  occurred: "Occurred",
  reported: "Reported",
  claimed: "Claimed",
  expected: "Expected",
  "did-not-happen": "Did not happen",
  proposed: "Proposal",
  hypothetical: "Hypothetical",
};

/** What a reader should take from each status, for tooltips and the legend. */
export const EPISTEMIC_HINT: Record<EpistemicStatus, string> = {
  occurred: "happened, confirmed by the sources",
  reported: "reported by sources, not independently confirmed",
  claimed: "asserted by one party only",
  expected: "anticipated at the time; not (yet) a fact",
  "did-not-happen": "was expected or announced but did not take place",
  proposed: "floated or offered; not a fact",
  hypothetical: "imagined or discussed as a possibility",
};

/** Statuses that must never read as fact. */
export const NOT_FACT: ReadonlySet<EpistemicStatus> = new Set([
  "expected",
  "did-not-happen",
  "proposed",
  "hypothetical",
  "claimed",
]);

export const ROUTE_STATUS_LABEL: Record<RouteStatus | "unknown", string> = {
  open: "Open",
  "in-use": "In use",
  closed: "Closed",
  blocked: "Blocked",
  uneconomic: "Uneconomic",
  theoretical: "Theoretical",
  proposed: "Proposed",
  unknown: "Unknown",
};

/** CSS colour variable per route status (paired with a text label everywhere). */
export const ROUTE_STATUS_COLOUR: Record<RouteStatus | "unknown", string> = {
  open: "var(--c3)",
  "in-use": "var(--c1)",
  closed: "var(--c2)",
  blocked: "var(--c2)",
  uneconomic: "var(--c4)",
  theoretical: "var(--c5)",
  proposed: "var(--c5)",
  unknown: "var(--c8)",
};

/** Stroke dash pattern per transport mode on the map. */
export const MODE_DASH: Record<TransportMode, string | undefined> = {
  rail: "10 3 2 3",
  sea: "6 5",
  road: undefined,
  air: "1 5",
  balloon: "1 7",
  river: "6 3",
  foot: "2 3",
  unknown: "4 4",
  none: "2 8",
};

export const MODE_LABEL: Record<TransportMode, string> = {
  rail: "rail",
  sea: "sea",
  road: "road",
  air: "air",
  balloon: "balloon",
  river: "river",
  foot: "on foot",
  unknown: "means not stated",
  none: "no transport",
};

export function humanize(code: string): string {
  const s = code.replace(/-/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}
