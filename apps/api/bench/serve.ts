/**
 * Benchmark child: builds the real server over the built-in data or a synthetic dataset — twice
 * over one store: as configured by default (response cache on) and with the response cache off,
 * so that every request to the second runs the whole path (Fastify, tRPC, zod, the query,
 * JSON) — listens on free loopback ports and reports (over IPC) the ports, build time, memory
 * and the URLs to measure. Answers "rss" messages with its current resident set size.
 */
import { getStore, type MemoryStore } from "@dealmap/api";
import { syntheticDataset } from "@dealmap/api/synthetic";
import type { Dataset } from "@dealmap/domain";
import { buildServer } from "../src/app.ts";

const [mode = "builtin", eventsArg = "100000"] = process.argv.slice(2);
const t0 = performance.now();
const dataset: Dataset | undefined =
  mode === "synthetic" ? syntheticDataset({ events: Number(eventsArg) }) : undefined;
const tGen = performance.now();
const context = dataset ? { dataset } : {};
const store = getStore(context);
const app = await buildServer({ context, logger: { level: "warn" } });
const uncached = await buildServer({ context: { store }, logger: { level: "warn" }, responseCacheBytes: 0 });
const portOf = async (a: typeof app) => {
  await a.listen({ port: 0, host: "127.0.0.1" });
  const addr = a.server.address();
  return typeof addr === "object" && addr ? addr.port : 0;
};
const port = await portOf(app);
const uncachedPort = await portOf(uncached);
const tReady = performance.now();

// the most active actor: the heaviest timeline filter and profile
const ds = (store as MemoryStore).dataset;
const activity = new Map<string, number>();
for (const e of ds.events)
  for (const p of e.participants) activity.set(p.actor, (activity.get(p.actor) ?? 0) + 1);
const busiest = [...activity.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? ds.actors[0]?.id ?? "none";
const busiestActor = ds.actors.find((a) => a.id === busiest);
// a window of one year around the middle of the data
const years = ds.events
  .map((e) => Number(e.date.slice(0, 4)))
  .filter((y) => Number.isFinite(y) && y > 1900)
  .sort();
const year = years[Math.floor(years.length / 2)] ?? 2025;
// the name with one typo (a swapped pair of letters), to exercise the fuzzy path
const name = busiestActor?.name ?? "Lukashenka";
const typo = name.length > 4 ? `${name.slice(0, 2)}${name[3]}${name[2]}${name.slice(4)}` : name;

process.send?.({
  type: "ready",
  port,
  uncachedPort,
  events: ds.events.length,
  actors: ds.actors.length,
  generateMs: Math.round(tGen - t0),
  buildMs: Math.round(tReady - tGen),
  rss: process.memoryUsage().rss,
  busiest,
  busiestEvents: activity.get(busiest) ?? 0,
  urls: {
    timeline: `/api/v1/events?actors=${busiest}&from=${year}-01&to=${year}-12&limit=50`,
    timelineTrpc: `/trpc/events.list?input=${encodeURIComponent(
      JSON.stringify({ actors: [busiest], from: `${year}-01`, to: `${year}-12`, limit: 50 }),
    )}`,
    search: `/api/v1/search?q=${encodeURIComponent(typo)}&limit=20`,
    profile: `/api/v1/actors/${busiest}`,
  },
});
process.on("message", (m) => {
  if (m === "rss") process.send?.({ type: "rss", rss: process.memoryUsage().rss });
  if (m === "exit") Promise.all([app.close(), uncached.close()]).then(() => process.exit(0));
});
