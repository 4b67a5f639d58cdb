/**
 * Benchmark child: builds the real server — twice over one store: as configured by default
 * (response cache on) and with the response cache off, so that every request to the second runs
 * the whole path (Fastify, tRPC, zod, the query, JSON) — listens on free loopback ports and
 * reports (over IPC) the ports, build time, memory and, for the in-memory store, the URLs to
 * measure. Answers "rss" messages with its current resident set size.
 *
 *   serve.ts builtin              the built-in data in memory
 *   serve.ts synthetic <events>   a synthetic dataset in memory
 *   serve.ts db                   the database in DEALMAP_DB (SQLite file or postgres:// URL),
 *                                 filled beforehand by prepare.ts, opened as the server opens
 *                                 it (openDatabaseStore)
 *
 * With a database, the child first opens the store and starts the default server alone, says
 * "listening" (with the times of process start, code loaded, open start, opened, listening),
 * and waits for "go": the runner's first request in between measures open + first answer on a
 * server that has answered nothing. Only then does it build the second server and say "ready".
 */
import { getStore, type MemoryStore, openDatabaseStore, SqlStore, type Store } from "@dealmap/api";
import { syntheticDataset } from "@dealmap/api/synthetic";
import type { Dataset } from "@dealmap/domain";
import { buildServer } from "../src/app.ts";
import { benchUrls, typoOf } from "./urls.ts";

/** Wall-clock milliseconds, comparable across the runner and its children. */
const clock = () => performance.timeOrigin + performance.now();
/** Static imports are loaded (and compiled by tsx) before this line runs. */
const loadedAt = clock();

const [mode = "builtin", arg = "100000"] = process.argv.slice(2);

type Server = Awaited<ReturnType<typeof buildServer>>;
const portOf = async (a: Server) => {
  await a.listen({ port: 0, host: "127.0.0.1" });
  const addr = a.server.address();
  return typeof addr === "object" && addr ? addr.port : 0;
};

const servers: Server[] = [];
let store: Store | undefined;
process.on("message", (m) => {
  if (m === "rss") process.send?.({ type: "rss", rss: process.memoryUsage().rss });
  if (m === "exit")
    Promise.all(servers.map((s) => s.close()))
      .then(() => store?.close?.())
      .then(() => process.exit(0));
});

if (mode === "db") {
  const openStart = clock();
  const target = process.env.DEALMAP_DB;
  if (!target) throw new Error("serve.ts db: DEALMAP_DB is not set");
  const db = await openDatabaseStore(target);
  store = db;
  const opened = clock();
  const app = await buildServer({ context: { store: db }, logger: { level: "warn" } });
  servers.push(app);
  const port = await portOf(app);
  const listening = clock();
  // as `pnpm api` does (main.ts): once listening, the kept answers are worked out aside, so
  // the first request below meets a server that is warming up, as a real first client does
  const warming = db instanceof SqlStore ? db.warm() : Promise.resolve();
  const go = new Promise<void>((resolve) => {
    const onMessage = (m: unknown) => {
      if (m === "go") {
        process.off("message", onMessage);
        resolve();
      }
    };
    process.on("message", onMessage);
  });
  process.send?.({
    type: "listening",
    port,
    engine: db.engine,
    times: { start: performance.timeOrigin, loaded: loadedAt, openStart, opened, listening },
  });
  await go;
  // the runs and the RSS reported below come after the warm-up, as on a server that has been up
  const w0 = performance.now();
  await warming;
  const warmMs = Math.round(performance.now() - w0);
  const t = performance.now();
  const uncached = await buildServer({
    context: { store: db },
    logger: { level: "warn" },
    responseCacheBytes: 0,
  });
  servers.push(uncached);
  const uncachedPort = await portOf(uncached);
  process.send?.({
    type: "ready",
    port,
    uncachedPort,
    buildMs: Math.round(performance.now() - t),
    warmMs,
    rss: process.memoryUsage().rss,
  });
} else {
  const t0 = performance.now();
  const dataset: Dataset | undefined =
    mode === "synthetic" ? syntheticDataset({ events: Number(arg) }) : undefined;
  const tGen = performance.now();
  const context = dataset ? { dataset } : {};
  const memory = getStore(context);
  store = memory;
  // both servers over this one store (not DEALMAP_DB, should it be set)
  const app = await buildServer({ context: { store: memory }, logger: { level: "warn" } });
  const uncached = await buildServer({
    context: { store: memory },
    logger: { level: "warn" },
    responseCacheBytes: 0,
  });
  servers.push(app, uncached);
  const port = await portOf(app);
  const uncachedPort = await portOf(uncached);
  const tReady = performance.now();

  // the most active actor: the heaviest timeline filter and profile
  const ds = (memory as MemoryStore).dataset;
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
  const typo = typoOf(busiestActor?.name ?? "Lukashenka");

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
    urls: benchUrls(busiest, year, typo),
  });
}
