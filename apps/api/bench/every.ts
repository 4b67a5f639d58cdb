/**
 * Every query over the built-in data (`pnpm bench:every [--] [--store memory|sqlite|postgres] |
 * [--db FILE|URL]`): the store issue's budget "built-in data on SQLite and PostgreSQL: every query
 * p99 ≤ 10 ms", measured as a client meets it, one request at a time.
 *
 * It builds the server (dist/main.js) and runs it as `pnpm api` does, with the response cache
 * off (`DEALMAP_CACHE_MB=0`), so each answer is computed. The URLs are every REST route of the
 * API filled from the built-in data: every actor's profile and timeline, every event, place,
 * route, deal and source, every actor's name searched (and with a typo), and the lists, windows,
 * graph, paths, ledger and stats. Each URL is asked REPEAT times in turn on one keep-alive
 * connection, after one untimed request (at least MIN_SAMPLES requests a route, a route of few
 * URLs asking each more often); a row per route gives how many requests it took, p50, p99 and
 * the slowest. The 16-connection figures (throughput) are `bench:api`'s.
 *
 * --store sqlite loads the built-in data into a temporary file, --store postgres into a
 * throwaway PostgreSQL 15 cluster (BENCH_PG_URL: a server of yours instead), both with the
 * loader `dealmap db load` uses; --db measures a database as it is.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { createServer } from "node:net";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { defaultDatabaseLoad, loadIntoDatabase } from "@dealmap/api";
import type { Dataset } from "@dealmap/domain";
import { freshDatabase, type PgCluster, startPostgres } from "../../../packages/api/test/postgres.ts";
import { typoOf } from "./urls.ts";

const USAGE = `usage: pnpm bench:every [--] [--store memory|sqlite|postgres] | [--db FILE|URL]

environment: BENCH_REPEAT (requests per URL, default 20; a route takes 200 at the least),
BENCH_PG_URL (a PostgreSQL server to create the database on, instead of a throwaway cluster)`;

const BUDGET_MS = 10;
const REPEAT = Number(process.env.BENCH_REPEAT ?? 20);
/**
 * Timed requests a route takes at the least: a route of few URLs asks each more often, so that
 * its p99 is a percentile and not its slowest request (2 URLs × 20 requests made p99 the max).
 */
const MIN_SAMPLES = 200;
const app = fileURLToPath(new URL("..", import.meta.url));

function usageError(message: string): never {
  console.error(`bench:every: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function parseCli(argv: string[]): { store: string; db?: string } {
  const args = argv[0] === "--" ? argv.slice(1) : argv;
  try {
    const { values } = parseArgs({
      args,
      options: { store: { type: "string" }, db: { type: "string" }, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    if (values.db !== undefined && values.store !== undefined)
      usageError("--db measures the database as it is: leave out --store");
    if (values.db !== undefined) {
      const url = /^postgres(ql)?:\/\//.test(values.db);
      return {
        store: url ? "postgres" : "sqlite",
        db: url ? values.db : resolve(process.env.INIT_CWD ?? process.cwd(), values.db),
      };
    }
    const store = values.store ?? "memory";
    if (!["memory", "sqlite", "postgres"].includes(store))
      usageError(`--store must be memory, sqlite or postgres, got "${store}"`);
    return { store };
  } catch (err) {
    usageError((err as Error).message);
  }
}

/** A route of the API and the URLs that exercise it over `ds`. */
type Group = { route: string; urls: string[] };

function groups(ds: Dataset): Group[] {
  const q = (params: Record<string, string | number | string[]>) => {
    const s = new URLSearchParams();
    for (const [k, v] of Object.entries(params))
      for (const x of Array.isArray(v) ? v : [v]) s.append(k, String(x));
    return `?${s}`;
  };
  const ids = <T extends { id: string }>(xs: readonly T[]) => xs.map((x) => x.id);
  /** A path segment. */
  const seg = encodeURIComponent;
  const actors = ids(ds.actors);
  const kinds = [...new Set(ds.events.map((e) => e.kind))];
  const years = [...new Set(ds.events.map((e) => e.date.slice(0, 4)).filter((y) => /^\d{4}$/.test(y)))];
  const dates = ["2020-01-01", "2022-06-01", "2025-03-01", "2025-09-15", "2025-12-31"];
  const pairs = actors
    .slice(0, 20)
    .map((a, i): [string, string] => [a, actors[(i * 7 + 3) % actors.length] as string]);
  return [
    { route: "stats.summary", urls: ["/api/v1/stats"] },
    { route: "stats.datasets", urls: ["/api/v1/datasets"] },
    {
      route: "events.list",
      urls: [
        "/api/v1/events?limit=50",
        ...actors.map((a) => `/api/v1/events${q({ actors: a, limit: 50 })}`),
        ...kinds.map((k) => `/api/v1/events${q({ kinds: k, limit: 50 })}`),
        ...ids(ds.places).map((p) => `/api/v1/events${q({ places: p, limit: 50 })}`),
        ...ids(ds.routes).map((r) => `/api/v1/events${q({ route: r, limit: 50 })}`),
        ...years.map((y) => `/api/v1/events${q({ from: y, to: y, limit: 50 })}`),
      ],
    },
    {
      route: "events.window",
      urls: [
        "/api/v1/events/window",
        ...years.map((y) => `/api/v1/events/window${q({ from: y, to: y, bins: 12 })}`),
        `/api/v1/events/window${q({ lanes: "actor", bins: 200 })}`,
        ...kinds.slice(0, 5).map((k) => `/api/v1/events/window${q({ kinds: k })}`),
      ],
    },
    { route: "events.get", urls: ids(ds.events).map((e) => `/api/v1/events/${seg(e)}`) },
    { route: "actors.list", urls: ["/api/v1/actors", `/api/v1/actors${q({ kind: "state" })}`] },
    { route: "actors.get", urls: actors.map((a) => `/api/v1/actors/${seg(a)}`) },
    { route: "places.list", urls: ["/api/v1/places"] },
    { route: "places.get", urls: ids(ds.places).map((p) => `/api/v1/places/${seg(p)}`) },
    {
      route: "network.graph",
      urls: ["/api/v1/network/graph", ...dates.map((at) => `/api/v1/network/graph${q({ at })}`)],
    },
    { route: "network.path", urls: pairs.map(([from, to]) => `/api/v1/network/path${q({ from, to })}`) },
    { route: "routes.list", urls: dates.map((at) => `/api/v1/routes${q({ at })}`) },
    { route: "routes.compare", urls: dates.map((at) => `/api/v1/routes/compare${q({ at })}`) },
    { route: "routes.get", urls: ids(ds.routes).map((r) => `/api/v1/routes/${seg(r)}`) },
    {
      route: "deals.list",
      urls: ["/api/v1/deals", ...actors.slice(0, 10).map((a) => `/api/v1/deals${q({ party: a })}`)],
    },
    { route: "deals.get", urls: ids(ds.deals).map((d) => `/api/v1/deals/${seg(d)}`) },
    {
      route: "deals.ledger",
      urls: ["/api/v1/deals/ledger", `/api/v1/deals/ledger${q({ party: "belarus" })}`],
    },
    { route: "sources.list", urls: ["/api/v1/sources", `/api/v1/sources${q({ order: "claims" })}`] },
    { route: "sources.get", urls: ids(ds.sources).map((s) => `/api/v1/sources/${seg(s)}`) },
    {
      route: "search.query",
      urls: ds.actors.flatMap((a) => [
        `/api/v1/search${q({ q: a.name, limit: 20 })}`,
        `/api/v1/search${q({ q: typoOf(a.name), limit: 20 })}`,
      ]),
    },
    {
      route: "entity.get",
      urls: [...actors.slice(0, 20), ...ids(ds.events).slice(0, 20)].map((x) => `/api/v1/entity/${seg(x)}`),
    },
    {
      route: "entity.many",
      urls: [
        `/api/v1/entities${q({ ids: actors.slice(0, 50) })}`,
        // the most it takes: 200 ids of every kind
        `/api/v1/entities${q({ ids: [...actors, ...ids(ds.events), ...ids(ds.places), ...ids(ds.sources)].slice(0, 200) })}`,
      ],
    },
    {
      route: "assessments.list",
      urls: [
        "/api/v1/assessments",
        ...actors.slice(0, 10).map((a) => `/api/v1/assessments${q({ about: a })}`),
      ],
    },
  ];
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

/** One GET; resolves with its status and milliseconds from sending to the last byte. */
function get(port: number, path: string): Promise<{ status: number; ms: number; bytes: number }> {
  return new Promise((done, fail) => {
    const t = performance.now();
    const req = request({ host: "127.0.0.1", port, path, agent }, (res) => {
      let bytes = 0;
      res.on("data", (c: Buffer) => {
        bytes += c.length;
      });
      res.on("end", () => done({ status: res.statusCode ?? 0, ms: performance.now() - t, bytes }));
      res.on("error", fail);
    });
    req.on("error", fail);
    req.end();
  });
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => done(typeof a === "object" && a ? a.port : 0));
    });
  });
}

async function waitHealthy(port: number, server: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (server.exitCode !== null)
      throw new Error(`the server exited (${server.exitCode}) before it answered`);
    const ok = await get(port, "/healthz").then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the server did not answer /healthz within 60 s");
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;

async function main() {
  const cli = parseCli(process.argv.slice(2));
  const load = defaultDatabaseLoad();
  const cleanups: (() => Promise<void> | void)[] = [];
  let cluster: PgCluster | undefined;
  try {
    let db = cli.db;
    if (!db && cli.store === "sqlite") {
      const dir = mkdtempSync(join(tmpdir(), "dealmap-every-"));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      db = join(dir, "builtin.sqlite");
      await loadIntoDatabase(db, load);
    } else if (!db && cli.store === "postgres") {
      let base = process.env.BENCH_PG_URL;
      if (!base) {
        cluster = await startPostgres();
        base = cluster.url;
      }
      db = await freshDatabase(base, "dealmap_every");
      await loadIntoDatabase(db, load);
    }
    execFileSync(process.execPath, ["build.mjs"], { cwd: app, stdio: "ignore" });
    const start = JSON.parse(readFileSync(join(app, "package.json"), "utf8")).scripts.start as string;
    const flags =
      start
        .match(/\bnode((?:\s+--[\w-]+=\S+)*)\s/)?.[1]
        ?.trim()
        .split(/\s+/) ?? [];
    const port = await freePort();
    const server = spawn(process.execPath, [...flags, "dist/main.js"], {
      cwd: app,
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(port),
        HOST: "127.0.0.1",
        DEALMAP_CACHE_MB: "0",
        LOG_LEVEL: "warn",
        ...(db ? { DEALMAP_DB: db } : {}),
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    cleanups.unshift(
      () =>
        new Promise<void>((done) => {
          if (server.exitCode !== null) return done();
          server.once("exit", () => done());
          server.kill("SIGTERM");
        }),
    );
    await waitHealthy(port, server);
    // the warm-up a database server starts once it listens (network index, ledger order)
    await new Promise((r) => setTimeout(r, 2000));

    const all = groups(load.dataset);
    const urls = all.reduce((n, g) => n + g.urls.length, 0);
    console.log(
      `## every query over the built-in data (${cli.db ? `given ${cli.store}` : cli.store}): ${all.length} routes, ${urls} URLs, ${REPEAT} requests each (at least ${MIN_SAMPLES} a route), one at a time, response cache off`,
    );
    console.log(
      `${new Date().toISOString()}; load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(" ")}\n`,
    );
    console.log(
      "| route            |  URLs | requests | p50 ms | p99 ms | max ms | largest answer | budget |",
    );
    console.log(
      "| ---------------- | ----: | -------: | -----: | -----: | -----: | -------------: | ------ |",
    );
    let worst = 0;
    const failures: string[] = [];
    /** Each route's slowest URL by its median. */
    const slow: string[] = [];
    for (const g of all) {
      const times: number[] = [];
      let largest = 0;
      for (const u of g.urls) {
        const first = await get(port, u);
        if (first.status !== 200) {
          failures.push(`${u}: HTTP ${first.status}`);
          continue;
        }
        largest = Math.max(largest, first.bytes);
      }
      // the timed requests go round the URLs, so one URL's pages are not all read in a row
      const byUrl = new Map<string, number[]>();
      const rounds = Math.max(REPEAT, Math.ceil(MIN_SAMPLES / g.urls.length));
      for (let r = 0; r < rounds; r++)
        for (const u of g.urls) {
          const x = await get(port, u);
          if (x.status !== 200) continue;
          times.push(x.ms);
          byUrl.set(u, [...(byUrl.get(u) ?? []), x.ms]);
        }
      const medians = [...byUrl].map(
        ([u, xs]) =>
          [
            u,
            pct(
              [...xs].sort((a, b) => a - b),
              50,
            ),
          ] as const,
      );
      const slowest = medians.sort((a, b) => b[1] - a[1])[0];
      const shown = (u: string) => (u.length > 100 ? `${u.slice(0, 97)}…` : u);
      if (slowest) slow.push(`${g.route}: ${shown(slowest[0])} (median ${slowest[1].toFixed(1)} ms)`);
      times.sort((a, b) => a - b);
      const p99 = pct(times, 99);
      worst = Math.max(worst, p99);
      console.log(
        `| ${g.route.padEnd(16)} | ${String(g.urls.length).padStart(5)} | ${String(times.length).padStart(8)} | ${pct(times, 50).toFixed(1).padStart(6)} | ${p99.toFixed(1).padStart(6)} | ${(times.at(-1) ?? 0).toFixed(1).padStart(6)} | ${`${(largest / 1024).toFixed(1)} KB`.padStart(14)} | ${p99 <= BUDGET_MS ? "✓" : "miss"}${" ".repeat(p99 <= BUDGET_MS ? 5 : 2)} |`,
      );
    }
    console.log(
      `\nworst p99 ${worst.toFixed(1)} ms: ${worst <= BUDGET_MS ? "within" : "over"} the budget of ${BUDGET_MS} ms for every query`,
    );
    console.log(`\nthe slowest URL of each route (by its median):\n${slow.map((x) => `  ${x}`).join("\n")}`);
    if (failures.length > 0) {
      console.error(`\n${failures.length} URLs did not answer 200:\n${failures.slice(0, 20).join("\n")}`);
      process.exitCode = 1;
    }
  } finally {
    for (const c of cleanups) await c();
    await cluster?.stop();
  }
}

await main();
