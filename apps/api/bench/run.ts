/**
 * The API benchmark (`pnpm --filter @dealmap/server bench`, or `pnpm bench:api` at the root).
 *
 * For the built-in data and for a synthetic dataset of BENCH_EVENTS events (default 100,000),
 * it starts the real server in a child process (twice over one store: response cache on, and
 * off for "computed" answers) and a bare node:http baseline in another that serves the same
 * bytes for each URL precomputed, then runs autocannon on loopback (16 connections) against:
 * a filtered timeline page (REST and tRPC), search and an actor profile. It prints p50/p99
 * latency, requests/s, the ratio to the baseline and the server's RSS after load, then floods
 * the cached server with unique search URLs (BENCH_FLOOD, default 200,000) and reports RSS and
 * the speed of a cached URL before and after, and checks the budgets.
 *
 * `--store sqlite|postgres` measures the same URLs over a database store instead of the
 * in-memory one (`--store memory`, the default): prepare.ts fills the databases once (or
 * reuses them), a fresh server child opens one as `DEALMAP_DB` would and its first answer is
 * timed ("open + first answer"), then the same rounds run. `--events N` overrides
 * BENCH_EVENTS. See usage below and apps/api/README.md#benchmark.
 *
 * This machine's speed drifts by a factor of two within a minute (a shared virtual machine),
 * so one run per target says little. Each target is measured BENCH_ROUNDS times (default 5),
 * BENCH_SECONDS each (default 1.5), and every run of a target comes right after a run of the
 * baseline: the ratio of a round compares two neighbouring runs. A row reports the medians
 * over the rounds, and the range of the ratios.
 */
import { type ChildProcess, fork } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { type PgCluster, startPostgres } from "../../../packages/api/test/postgres.ts";
import type { Prepared, PrepareJob } from "./prepare.ts";
import type { BenchUrls } from "./urls.ts";

const USAGE = `usage: pnpm bench:api [--] [--store memory|sqlite|postgres] [--events N]
       pnpm bench:api [--] --db FILE|URL
       (in apps/api: pnpm bench [--] [options])

  --store memory     the data in memory (default)
  --store sqlite     SQLite files in BENCH_DB_DIR (default $TMPDIR/dealmap-bench): builtin.sqlite
                     and synthetic-<N>.sqlite, filled on the first run and reused after
  --store postgres   databases dealmap_bench_builtin and dealmap_bench_<N> on the server at
                     BENCH_PG_URL (created and filled when missing, reused after); without
                     BENCH_PG_URL, a throwaway PostgreSQL 15 cluster filled for this run only
  --events N         synthetic events (default BENCH_EVENTS, else 100000); 200000, 200_000,
                     200k and 1M are all accepted
  --db FILE|URL      measure this database as it is (a SQLite file or a postgres:// URL; never
                     filled or changed), e.g. the built-in data with an import: the URLs come
                     from its tables, the budgets are the 10M ones

environment: BENCH_ROUNDS (5), BENCH_SECONDS (1.5), BENCH_FLOOD (200000; database stores skip
the flood unless it is set), BENCH_DB_DIR, BENCH_PG_URL`;

function usageError(message: string): never {
  console.error(`bench: ${message}\n\n${USAGE}`);
  process.exit(2);
}

/** A count of events: digits (with _ between them), optionally k or M. */
function parseCount(text: string, what: string): number {
  const m = /^(\d+(?:_\d+)*(?:\.\d+)?)([kKmM]?)$/.exec(text.trim());
  const n = m
    ? Number((m[1] as string).replaceAll("_", "")) * ({ k: 1e3, m: 1e6 }[(m[2] as string).toLowerCase()] ?? 1)
    : NaN;
  if (!Number.isSafeInteger(n) || n < 1)
    usageError(`${what} must be a whole number of events ≥ 1 (e.g. 200000 or 200k), got "${text}"`);
  return n;
}

const STORES = ["memory", "sqlite", "postgres"] as const;
type StoreName = (typeof STORES)[number];

function parseCli(argv: string[]): { store: StoreName; events: number; db?: string } {
  // pnpm 12 passes a "--" written after the script name on to the script
  const args = argv[0] === "--" ? argv.slice(1) : argv;
  let values: { store?: string; events?: string; db?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        store: { type: "string" },
        events: { type: "string" },
        db: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    usageError((err as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (values.db !== undefined) {
    if (values.store !== undefined || values.events !== undefined)
      usageError("--db measures the database as it is: leave out --store and --events");
    const url = /^postgres(ql)?:\/\//.test(values.db);
    // a file path is taken from where the command was run (pnpm runs the script in apps/api)
    const db = url ? values.db : resolve(process.env.INIT_CWD ?? process.cwd(), values.db);
    return { store: url ? "postgres" : "sqlite", events: 0, db };
  }
  const store = values.store ?? "memory";
  if (!(STORES as readonly string[]).includes(store))
    usageError(`--store must be one of ${STORES.join(", ")}, got "${store}"`);
  const events =
    values.events !== undefined
      ? parseCount(values.events, "--events")
      : process.env.BENCH_EVENTS
        ? parseCount(process.env.BENCH_EVENTS, "BENCH_EVENTS")
        : 100_000;
  return { store: store as StoreName, events };
}

const cli = parseCli(process.argv.slice(2));
const STORE = cli.store;
const CONNECTIONS = 16;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 1.5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const EVENTS = cli.events;
const GIVEN_DB = cli.db;
const FLOOD = Number(process.env.BENCH_FLOOD ?? 200_000);
/** Database stores run the flood only when BENCH_FLOOD is set: it is long on them, and measures the cache. */
const FLOOD_DB = process.env.BENCH_FLOOD !== undefined;

interface Ready {
  type: "ready";
  port: number;
  uncachedPort?: number;
  events?: number;
  actors?: number;
  generateMs?: number;
  buildMs?: number;
  /** Database stores: how long the warm-up (network index, ledger) still ran after the first answer. */
  warmMs?: number;
  busiest?: string;
  busiestEvents?: number;
  urls?: BenchUrls;
}

/** A database server child, before it builds its second server (see serve.ts). */
interface Listening {
  type: "listening";
  port: number;
  engine: string;
  times: { start: number; loaded: number; openStart: number; opened: number; listening: number };
}

const children = new Set<ChildProcess>();
process.on("exit", () => {
  for (const c of children) c.kill();
});
// Ctrl-C: exit through the 'exit' handlers (children, and a throwaway PostgreSQL cluster)
process.on("SIGINT", () => process.exit(130));

/**
 * The server runs with the Node flags of `pnpm start` (apps/api/package.json), read from there:
 * a young generation of 16 MB from the start. With V8's default (it starts at 1 MB and stays
 * small while little survives) the server collected every 2 MB of garbage, about 1.3 ms a time
 * over a 300 MB heap: 7% of its time at 100k events, against about 1.5% with 16 MB.
 */
const startScript: string =
  JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).scripts?.start ?? "";
const SERVER_NODE_FLAGS =
  startScript
    .match(/\bnode((?:\s+--[\w-]+=\S+)*)\s/)?.[1]
    ?.trim()
    .split(/\s+/) ?? [];

function child(
  script: string,
  args: string[],
  nodeFlags: string[] = [],
  env: Record<string, string> = {},
): ChildProcess {
  const c = fork(fileURLToPath(new URL(script, import.meta.url)), args, {
    execArgv: [...nodeFlags, "--import", "tsx"],
    env: { ...process.env, NODE_ENV: "production", ...env },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  children.add(c);
  c.once("exit", () => children.delete(c));
  return c;
}

function waitFor<T extends { type: string }>(proc: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: T) => {
      if (m?.type === type) {
        proc.off("message", onMessage);
        resolve(m);
      }
    };
    proc.on("message", onMessage);
    proc.once("exit", (code) => reject(new Error(`child exited (${code}) before "${type}"`)));
  });
}

async function rssOf(proc: ChildProcess): Promise<number> {
  const p = waitFor<{ type: "rss"; rss: number }>(proc, "rss");
  proc.send("rss");
  return (await p).rss;
}

interface Row {
  data: string;
  target: string;
  p50: number;
  p99: number;
  rps: number;
  errors: number;
  ratio?: number;
  /** Lowest and highest ratio of a round. */
  ratioRange?: [number, number];
}

async function measure(url: string, seconds = SECONDS) {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: seconds });
  return {
    p50: r.latency.p50,
    p99: r.latency.p99,
    rps: r.requests.average,
    errors: r.errors + r.timeouts + r.non2xx,
  };
}

const mb = (n: number) => Math.round(n / 1024 / 1024);
const mbs = (n: number) => (n / 1024 / 1024).toFixed(1);

/** The in-memory store: serve.ts builds it and finds the URLs in the dataset. */
async function scenario(label: string, args: string[]) {
  const server = child("./serve.ts", args, SERVER_NODE_FLAGS);
  const ready = await waitFor<Ready>(server, "ready");
  const urls = ready.urls as BenchUrls;
  console.log(
    `\n## ${label}: ${ready.events} events, ${ready.actors} actors (generated in ${ready.generateMs} ms, store + server built in ${ready.buildMs} ms)`,
  );
  console.log(`busiest actor ${ready.busiest} (${ready.busiestEvents} events); timeline: ${urls.timeline}`);
  return rounds(label, server, ready, urls, true);
}

/** The rounds against a server child that is ready: computed and cached, each beside the baseline. */
async function rounds(label: string, server: ChildProcess, ready: Ready, urls: BenchUrls, flood: boolean) {
  const base = `http://127.0.0.1:${ready.port}`;
  const page = await (await fetch(base + urls.timeline)).text();
  const pageInfo = JSON.parse(page) as { items: unknown[]; total: number };
  console.log(
    `timeline page: ${pageInfo.items.length} of ${pageInfo.total} matching events, ${page.length} bytes`,
  );

  const computed = `http://127.0.0.1:${ready.uncachedPort}`;
  // the baseline answers each URL with the bytes the server gives for it
  const bodies: Record<string, string> = {};
  for (const u of Object.values(urls)) bodies[u] = await (await fetch(base + u)).text();
  const baseline = child("./baseline.ts", []);
  baseline.send(bodies);
  const bReady = await waitFor<Ready>(baseline, "ready");
  const bBase = `http://127.0.0.1:${bReady.port}`;

  // warm up the JIT on every path
  for (const u of Object.values(urls)) {
    await measure(computed + u, 1);
    await measure(base + u, 1);
    await measure(bBase + u, 1);
  }

  // "computed": the server without a response cache, so every request runs the whole path;
  // "cached": the server as configured by default
  const targets = [
    ["timeline page (REST, computed)", computed, urls.timeline],
    ["timeline page (tRPC, computed)", computed, urls.timelineTrpc],
    ["search (REST, computed)", computed, urls.search],
    ["actor profile (REST, computed)", computed, urls.profile],
    ["timeline page (REST, cached)", base, urls.timeline],
    ["timeline page (tRPC, cached)", base, urls.timelineTrpc],
    ["search (REST, cached)", base, urls.search],
    ["actor profile (REST, cached)", base, urls.profile],
  ] as const;
  type Run = Awaited<ReturnType<typeof measure>>;
  const runs = targets.map(() => [] as { t: Run; b: Run }[]);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [k, [, server, path]] of targets.entries()) {
      const b = await measure(bBase + path);
      const t = await measure(server + path);
      runs[k]?.push({ t, b });
    }
  }
  const median = (xs: number[]) => {
    const s = [...xs].sort((x, y) => x - y);
    const m = s.length >> 1;
    return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
  };
  const rows: Row[] = targets.map(([target], k) => {
    const rs = runs[k] ?? [];
    const ratios = rs.map((r) => r.t.rps / r.b.rps);
    return {
      data: label,
      target,
      p50: median(rs.map((r) => r.t.p50)),
      p99: median(rs.map((r) => r.t.p99)),
      rps: median(rs.map((r) => r.t.rps)),
      errors: rs.reduce((n, r) => n + r.t.errors, 0),
      ratio: median(ratios),
      ratioRange: [Math.min(...ratios), Math.max(...ratios)],
    };
  });
  const all = runs.flat().map((r) => r.b);
  const baselineRow: Row = {
    data: label,
    target: "node:http baseline (same bytes, all URLs)",
    p50: median(all.map((b) => b.p50)),
    p99: median(all.map((b) => b.p99)),
    rps: median(all.map((b) => b.rps)),
    errors: all.reduce((n, b) => n + b.errors, 0),
    ratio: 1,
  };
  rows.push(baselineRow);
  const rss = await rssOf(server);
  baseline.send("exit");
  const flooded = flood ? await floodOf(server, base, urls.timeline) : undefined;
  server.send("exit");
  await exited(server);
  return { rows, rss, flood: flooded };
}

/** The child's exit, or 10 s (the 'exit' handler kills what is left). */
function exited(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 10_000);
    proc.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Wall-clock milliseconds, comparable with the children's (performance.timeOrigin + now). */
const clock = () => performance.timeOrigin + performance.now();

/**
 * A database store: prepare.ts fills the database (or finds it filled) and finds the URLs in it;
 * then a fresh serve.ts opens it, and the first request to the timeline URL is timed before
 * anything else touches the server.
 */
async function dbScenario(label: string, job: PrepareJob) {
  // in the environment, not the arguments: a BENCH_PG_URL may carry a password
  const prep = child("./prepare.ts", [], [], { BENCH_PREPARE_JOB: JSON.stringify(job) });
  const prepared = await waitFor<Prepared>(prep, "prepared");
  await exited(prep);
  const urls = prepared.urls;
  console.log(`\n## ${label}: ${prepared.events} events, ${prepared.actors} actors`);
  const fill =
    prepared.fillMs === undefined
      ? "reused (filled by an earlier run)"
      : `filled in ${(prepared.fillMs / 1000).toFixed(1)} s (${prepared.fillRows} rows${prepared.fillWriters === 2 ? ", two writer threads" : ""}${prepared.refilled ? `; refilled: ${prepared.refilled}` : ""})`;
  console.log(`database ${prepared.shown}: ${fill}`);
  console.log(`size on disk ${mbs(prepared.sizeBytes)} MB (${prepared.sizeHow})`);
  console.log(
    `busiest actor ${prepared.busiest} (${prepared.busiestEvents} events), year ${prepared.year}, found in the database in ${prepared.discoverMs} ms; timeline: ${urls.timeline}; search: ${urls.search}`,
  );

  const forkAt = clock();
  const server = child("./serve.ts", ["db"], SERVER_NODE_FLAGS, { DEALMAP_DB: job.target });
  const listening = await waitFor<Listening>(server, "listening");
  const first = await fetch(`http://127.0.0.1:${listening.port}${urls.timeline}`);
  await first.arrayBuffer();
  const firstAt = clock();
  if (first.status !== 200) throw new Error(`the first timeline request answered ${first.status}`);
  const t = listening.times;
  const open = {
    fromOpenMs: Math.round(firstAt - t.openStart),
    fromForkMs: Math.round(firstAt - forkAt),
    loadMs: Math.round(t.loaded - t.start),
    openMs: Math.round(t.opened - t.openStart),
    serverMs: Math.round(t.listening - t.opened),
    firstMs: Math.round(firstAt - t.listening),
  };
  console.log(
    `open + first answer: ${open.fromOpenMs} ms from opening the store to the first 200 of the timeline URL (open ${open.openMs} ms, server built and listening ${open.serverMs} ms, first answer ${open.firstMs} ms); ${open.fromForkMs} ms from starting the process (of which loading the code under tsx ${open.loadMs} ms)`,
  );
  server.send("go");
  const ready = await waitFor<Ready>(server, "ready");
  console.log(
    `warm-up (network index and ledger, begun when the server listened): ended ${ready.warmMs} ms after the first answer; the rounds and the RSS come after it`,
  );
  const result = await rounds(label, server, ready, urls, FLOOD_DB);
  return { ...result, prepared, open };
}

/**
 * Unique search URLs, FLOOD of them, 16 at a time over keep-alive connections: the response
 * cache must hold its bytes, and a cached URL must be as fast after as before.
 */
async function floodOf(server: ChildProcess, base: string, hot: string) {
  const before = await measure(base + hot, 2);
  const rssBefore = await rssOf(server);
  const t0 = performance.now();
  let next = 0;
  let failed = 0;
  const words = ["minsk", "potash", "coale", "klaipeda", "release", "lukashenka", "vilnius", "envoy"];
  const worker = async () => {
    while (next < FLOOD) {
      const i = next++;
      const q = `${words[i % words.length]} ${i.toString(36)}`;
      const r = await fetch(`${base}/api/v1/search?q=${encodeURIComponent(q)}&limit=20`);
      await r.arrayBuffer();
      if (r.status !== 200) failed++;
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  const seconds = (performance.now() - t0) / 1000;
  const rssAfter = await rssOf(server);
  const health = (await (await fetch(`${base}/healthz`)).json()) as {
    responseCache: { entries: number; bytes: number; maxBytes: number };
  };
  const after = await measure(base + hot, 2);
  return { before, after, rssBefore, rssAfter, seconds, failed, cache: health.responseCache };
}

type Flood = Awaited<ReturnType<typeof floodOf>>;

function table(rows: Row[]) {
  const head = "| data | target | p50 ms | p99 ms | req/s | vs baseline | range of rounds | errors |";
  const sep = "|---|---|---:|---:|---:|---:|---:|---:|";
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const lines = rows.map(
    (r) =>
      `| ${r.data} | ${r.target} | ${r.p50} | ${r.p99} | ${Math.round(r.rps)} | ${r.ratio === undefined ? "" : pct(r.ratio)} | ${r.ratioRange ? `${pct(r.ratioRange[0])}–${pct(r.ratioRange[1])}` : ""} | ${r.errors} |`,
  );
  return [head, sep, ...lines].join("\n");
}

const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(" ");
console.log(`${cpus().length} cores, load average ${load()} (1/5/15 min) at start`);
console.log(`server node flags (from pnpm start): ${SERVER_NODE_FLAGS.join(" ") || "none"}`);
console.log(
  `${ROUNDS} rounds of ${SECONDS} s per target, each right after a ${SECONDS} s run of the baseline; medians over the rounds`,
);
async function memoryRun(): Promise<boolean> {
  const builtin = await scenario("built-in", ["builtin"]);
  const synthetic = await scenario(`synthetic ${EVENTS / 1000}k`, ["synthetic", String(EVENTS)]);
  console.log(`\n${table([...builtin.rows, ...synthetic.rows])}`);
  console.log(`\nload average ${load()} at the end`);
  console.log(`RSS after load: built-in ${mb(builtin.rss)} MB, synthetic ${mb(synthetic.rss)} MB`);

  for (const [label, sc] of [
    ["built-in", builtin],
    ["synthetic", synthetic],
  ] as const) {
    const f = sc.flood as Flood; // always run in memory
    console.log(
      `flood (${label}): ${FLOOD} unique search URLs in ${f.seconds.toFixed(0)} s (${f.failed} not 200); RSS ${mb(f.rssBefore)} → ${mb(f.rssAfter)} MB; cache ${mb(f.cache.bytes)} of ${mb(f.cache.maxBytes)} MB in ${f.cache.entries} entries; cached timeline ${Math.round(f.before.rps)} → ${Math.round(f.after.rps)} req/s`,
    );
  }

  const find = (rows: Row[], t: string) => rows.find((r) => r.target.startsWith(t)) as Row;
  const checks: [string, boolean][] = [];
  for (const r of builtin.rows.filter((x) => x.target.includes("(")))
    checks.push([`built-in ${r.target} p99 ${r.p99} ms ≤ 10 ms`, r.p99 <= 10]);
  for (const r of builtin.rows.filter((x) => x.target.includes("cached")))
    checks.push([
      `built-in ${r.target}: ${Math.round((r.ratio ?? 0) * 100)}% ≥ 80% of the baseline serving the same bytes`,
      (r.ratio ?? 0) >= 0.8,
    ]);
  for (const mode of ["computed", "cached"] as const) {
    const tl = find(synthetic.rows, `timeline page (REST, ${mode})`);
    const se = find(synthetic.rows, `search (REST, ${mode})`);
    checks.push([`${EVENTS / 1000}k timeline (${mode}) p99 ${tl.p99} ms ≤ 30 ms`, tl.p99 <= 30]);
    checks.push([`${EVENTS / 1000}k search (${mode}) p99 ${se.p99} ms ≤ 50 ms`, se.p99 <= 50]);
  }
  checks.push([`${EVENTS / 1000}k RSS ${mb(synthetic.rss)} MB ≤ 600 MB`, synthetic.rss <= 600 * 1024 ** 2]);
  for (const [label, sc] of [
    ["built-in", builtin],
    ["synthetic", synthetic],
  ] as const) {
    const f = sc.flood as Flood; // always run in memory
    const margin = 64 * 1024 ** 2;
    checks.push([
      `flood (${label}): RSS rose ${mb(f.rssAfter - f.rssBefore)} MB ≤ cache ${mb(f.cache.maxBytes)} MB + ${mb(margin)} MB`,
      f.rssAfter - f.rssBefore <= f.cache.maxBytes + margin,
    ]);
    checks.push([
      `flood (${label}): cached URL after ${Math.round(f.after.rps)} req/s ≥ 80% of before (${Math.round(f.before.rps)})`,
      f.after.rps >= 0.8 * f.before.rps,
    ]);
  }
  checks.push(["no errors", [...builtin.rows, ...synthetic.rows].every((r) => r.errors === 0)]);
  console.log("\nBudgets (computed throughput is reported above, with no budget):");
  for (const [what, ok] of checks) console.log(`  ${ok ? "PASS" : "FAIL"}  ${what}`);
  return checks.every(([, ok]) => ok);
}

/** "200k", "1.5M", "10M". */
function short(n: number): string {
  if (n >= 1e6) return `${+(n / 1e6).toFixed(2)}M`;
  if (n >= 1e3) return `${+(n / 1e3).toFixed(1)}k`;
  return String(n);
}

async function databaseRun(engine: "sqlite" | "postgres"): Promise<boolean> {
  let cluster: PgCluster | undefined;
  let builtinJob: PrepareJob;
  let syntheticJob: PrepareJob;
  if (engine === "sqlite") {
    // relative to where the command was run (pnpm runs the script in apps/api)
    const dir = resolve(
      process.env.INIT_CWD ?? process.cwd(),
      process.env.BENCH_DB_DIR || join(tmpdir(), "dealmap-bench"),
    );
    mkdirSync(dir, { recursive: true });
    console.log(`SQLite databases in ${dir} (BENCH_DB_DIR); delete a file there to have it filled again`);
    builtinJob = { data: "builtin", events: 0, target: join(dir, "builtin.sqlite") };
    syntheticJob = { data: "synthetic", events: EVENTS, target: join(dir, `synthetic-${EVENTS}.sqlite`) };
  } else {
    let admin = process.env.BENCH_PG_URL;
    if (admin) {
      console.log(
        `PostgreSQL at BENCH_PG_URL; databases dealmap_bench_builtin and dealmap_bench_${EVENTS} there (created and filled when missing, reused after)`,
      );
    } else {
      const t0 = performance.now();
      cluster = await startPostgres();
      admin = cluster.url;
      console.log(
        `no BENCH_PG_URL: started a throwaway PostgreSQL 15 cluster for this run in ${Math.round(performance.now() - t0)} ms (${cluster.dataDir}; fsync off, default memory settings; removed at the end) — its databases are filled now, and the fill times below are not part of any measurement`,
      );
    }
    const at = (name: string) => {
      const u = new URL(admin as string);
      u.pathname = `/${name}`;
      return { target: u.toString(), admin: { url: admin as string, name } };
    };
    builtinJob = { data: "builtin", events: 0, ...at("dealmap_bench_builtin") };
    syntheticJob = { data: "synthetic", events: EVENTS, ...at(`dealmap_bench_${EVENTS}`) };
  }
  try {
    const builtin = await dbScenario(`built-in (${engine})`, builtinJob);
    const synthetic = await dbScenario(`synthetic ${short(EVENTS)} (${engine})`, syntheticJob);
    console.log(`\n${table([...builtin.rows, ...synthetic.rows])}`);
    console.log(`\nload average ${load()} at the end`);
    console.log(
      `RSS after load (both servers, one store): built-in ${mb(builtin.rss)} MB, synthetic ${mb(synthetic.rss)} MB`,
    );
    for (const sc of [builtin, synthetic]) {
      const p = sc.prepared;
      const perMillion =
        sc === synthetic ? ` = ${mbs((p.sizeBytes * 1e6) / p.events)} MB per million events` : "";
      console.log(
        `database ${p.shown}: ${mbs(p.sizeBytes)} MB on disk (${p.sizeHow})${perMillion}; ${p.fillMs === undefined ? "reused" : `filled in ${(p.fillMs / 1000).toFixed(1)} s`}`,
      );
    }
    for (const [label, sc] of [
      ["built-in", builtin],
      ["synthetic", synthetic],
    ] as const)
      console.log(
        `open + first answer (${label}): ${sc.open.fromOpenMs} ms from opening the store, ${sc.open.fromForkMs} ms from starting the process`,
      );
    if (!FLOOD_DB)
      console.log(
        "flood: skipped for database stores (with a computed search per unique URL it would about double the run; it measures the response cache, which is the same for every store); set BENCH_FLOOD to run it",
      );
    else
      for (const [label, sc] of [
        ["built-in", builtin],
        ["synthetic", synthetic],
      ] as const) {
        const f = sc.flood;
        if (f)
          console.log(
            `flood (${label}): ${FLOOD} unique search URLs in ${f.seconds.toFixed(0)} s (${f.failed} not 200); RSS ${mb(f.rssBefore)} → ${mb(f.rssAfter)} MB; cache ${mb(f.cache.bytes)} of ${mb(f.cache.maxBytes)} MB in ${f.cache.entries} entries; cached timeline ${Math.round(f.before.rps)} → ${Math.round(f.after.rps)} req/s`,
          );
      }

    // the issue's budgets are for 10M events; at fewer they are printed "at N events"
    const at =
      EVENTS >= 10_000_000
        ? `${short(EVENTS)} (${engine})`
        : `at ${short(EVENTS)} events (${engine}; the budget is for 10M)`;
    const checks: [string, boolean][] = [];
    for (const r of builtin.rows.filter((x) => !x.target.startsWith("node:http")))
      checks.push([`built-in (${engine}) ${r.target} p99 ${r.p99} ms ≤ 10 ms`, r.p99 <= 10]);
    checks.push(...scaleChecks(at, synthetic));
    if (FLOOD_DB)
      for (const [label, sc] of [
        ["built-in", builtin],
        ["synthetic", synthetic],
      ] as const) {
        const f = sc.flood;
        if (!f) continue;
        const margin = 64 * 1024 ** 2;
        checks.push([
          `flood (${label}): RSS rose ${mb(f.rssAfter - f.rssBefore)} MB ≤ cache ${mb(f.cache.maxBytes)} MB + ${mb(margin)} MB`,
          f.rssAfter - f.rssBefore <= f.cache.maxBytes + margin,
        ]);
      }
    checks.push(["no errors", [...builtin.rows, ...synthetic.rows].every((r) => r.errors === 0)]);
    console.log(`\nBudgets (${engine}; computed throughput is reported above, with no budget):`);
    for (const [what, ok] of checks) console.log(`  ${ok ? "PASS" : "FAIL"}  ${what}`);
    console.log(
      `database size per million events (${engine}): ${mbs((synthetic.prepared.sizeBytes * 1e6) / synthetic.prepared.events)} MB`,
    );
    return checks.every(([, ok]) => ok);
  } finally {
    await cluster?.stop();
  }
}

/** The store issue's budgets at scale (10M events), over one database scenario's rows. */
function scaleChecks(at: string, sc: Awaited<ReturnType<typeof dbScenario>>): [string, boolean][] {
  const find = (t: string) => sc.rows.find((r) => r.target.startsWith(t)) as Row;
  const checks: [string, boolean][] = [];
  for (const mode of ["computed", "cached"] as const) {
    for (const [what, prefix, limit] of [
      ["timeline page", "timeline page (REST", 20],
      ["actor profile", "actor profile (REST", 50],
      ["search", "search (REST", 50],
    ] as const) {
      const r = find(`${prefix}, ${mode})`);
      checks.push([`${at}: ${what} (${mode}) p99 ${r.p99} ms ≤ ${limit} ms`, r.p99 <= limit]);
    }
  }
  checks.push([`${at}: RSS ${mb(sc.rss)} MB ≤ 500 MB`, sc.rss <= 500 * 1024 ** 2]);
  checks.push([
    `${at}: open + first answer ${sc.open.fromOpenMs} ms ≤ 2000 ms (from opening the store; ${sc.open.fromForkMs} ms from starting the process under tsx)`,
    sc.open.fromOpenMs <= 2000,
  ]);
  return checks;
}

/** `--db`: one database measured as it is, against the budgets at scale. */
async function givenRun(target: string, engine: "sqlite" | "postgres"): Promise<boolean> {
  const sc = await dbScenario(`given (${engine})`, { data: "existing", events: 0, target });
  const p = sc.prepared;
  console.log(`\n${table(sc.rows)}`);
  console.log(`\nload average ${load()} at the end`);
  console.log(`RSS after load (both servers, one store): ${mb(sc.rss)} MB`);
  console.log(
    `database ${p.shown}: ${p.events} events, ${mbs(p.sizeBytes)} MB on disk (${p.sizeHow}) = ${mbs((p.sizeBytes * 1e6) / Math.max(1, p.events))} MB per million events`,
  );
  const checks = scaleChecks(`${short(p.events)} events (${engine}; the budgets for 10M)`, sc);
  checks.push(["no errors", sc.rows.every((r) => r.errors === 0)]);
  console.log(`\nBudgets (${engine}; computed throughput is reported above, with no budget):`);
  for (const [what, ok] of checks) console.log(`  ${ok ? "PASS" : "FAIL"}  ${what}`);
  return checks.every(([, ok]) => ok);
}

console.log(
  GIVEN_DB ? `store: ${STORE}; the database given with --db` : `store: ${STORE}; synthetic events: ${EVENTS}`,
);
const ok = GIVEN_DB
  ? await givenRun(GIVEN_DB, STORE === "postgres" ? "postgres" : "sqlite")
  : STORE === "memory"
    ? await memoryRun()
    : await databaseRun(STORE);
process.exitCode = ok ? 0 : 1;
