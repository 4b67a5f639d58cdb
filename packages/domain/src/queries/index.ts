/**
 * Pure queries over a dataset, shared by the API store, the web explorer and the TUI: timeline
 * filtering and order, route status and comparison, the actor network and shortest paths, the
 * deals ledger, citations by source, and statistics. No I/O.
 */
export * from "./bounds.ts";
export * from "./density.ts";
export * from "./ledger.ts";
export * from "./network.ts";
export * from "./routes.ts";
export * from "./sources.ts";
export * from "./stats.ts";
export * from "./timeline.ts";
