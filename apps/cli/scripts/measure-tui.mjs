#!/usr/bin/env node
/**
 * How fast the explorer answers in a real terminal: the built program runs in tmux (a private
 * server), keys go in with send-keys, and the screen is read with capture-pane every few
 * milliseconds. A measurement to run and read, not a test.
 *
 *   node apps/cli/scripts/measure-tui.mjs [--db FILE|URL] [--data DIR] [--runs N] [--size 100x30]
 *     [--settle MS] [--first-frame] [--json]
 *
 * Each run starts the explorer afresh and times:
 * - first frame: from starting the process to the whole Overview on screen (its text and the
 *   status bar);
 * - after `--settle` ms (default 1000: a person reads the first frame before pressing a key),
 *   each tab switch (keys 2–8, then 1): from the key to the new tab drawn (the tab's name under
 *   the tab bar, with the frame complete), and to its content (no "Loading" left in it); then
 *   the same keys again, when every tab has its data;
 * - the Timeline's next page: from End on the first page of a longer list to the next 200
 *   events loaded.
 *
 * `--first-frame` times the first frame alone. Prints the median of the runs (with min–max) for each figure. Budgets (issue 16, 10M events):
 * first frame ≤ 600 ms, tab switch ≤ 100 ms.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const app = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cli = path.join(app, "dist", "cli.js");

function parseArgs(argv) {
  const o = {
    runs: 3,
    columns: 100,
    rows: 30,
    json: false,
    db: undefined,
    data: [],
    timeout: 120_000,
    firstOnly: false,
    settle: 1000,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--db") o.db = path.resolve(next());
    else if (a === "--data") o.data.push(path.resolve(next()));
    else if (a === "--runs") o.runs = Number(next());
    else if (a === "--timeout") o.timeout = Number(next());
    else if (a === "--size") {
      const m = /^(\d+)x(\d+)$/.exec(next());
      if (!m) throw new Error("--size is COLUMNSxROWS, e.g. 100x30");
      o.columns = Number(m[1]);
      o.rows = Number(m[2]);
    } else if (a === "--json") o.json = true;
    else if (a === "--first-frame") o.firstOnly = true;
    else if (a === "--settle") o.settle = Number(next());
    else if (a === "-h" || a === "--help") {
      console.log(
        "node apps/cli/scripts/measure-tui.mjs [--db FILE|URL] [--data DIR] [--runs N] [--size 100x30] [--settle MS] [--first-frame] [--timeout MS] [--json]",
      );
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (o.db === undefined && process.env.DEALMAP_DB) o.db = process.env.DEALMAP_DB;
  return o;
}

const opts = parseArgs(process.argv.slice(2));
if (spawnSync("tmux", ["-V"]).status !== 0) {
  console.error("measure-tui needs tmux");
  process.exit(1);
}
// dist/ as the sources are now: bin/dealmap.mjs rebuilds it when it is older than them
{
  const r = spawnSync(process.execPath, [path.join(app, "bin", "dealmap.mjs"), "--help"], {
    stdio: "ignore",
  });
  if (r.status !== 0 || !existsSync(cli)) {
    console.error("building dist/ failed (node apps/cli/build.mjs)");
    process.exit(1);
  }
}

// a server of its own per run: a new one on the socket of the one just killed can fail to start
let socket = "";
const tmux = (...args) => spawnSync("tmux", ["-L", socket, ...args], { encoding: "utf8" });
const screen = () => tmux("capture-pane", "-p", "-t", "m").stdout ?? "";
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const TABS = ["Overview", "Timeline", "Actors", "Network", "Routes", "Deals", "Sources", "Search"];

/** The frame is whole: the tab bar on the first line, the status bar on the last but one. */
function complete(s) {
  const lines = s.split("\n");
  return (lines[0] ?? "").includes("1 ") && (lines[opts.rows - 2] ?? "").includes("q quit");
}

/** Poll the screen until `check` passes; the time it first did, in ms since `t0`. */
async function until(check, t0, what) {
  for (;;) {
    const s = screen();
    const now = performance.now();
    if (check(s)) return { ms: now - t0, screen: s };
    if (now - t0 > opts.timeout) throw new Error(`no ${what} within ${opts.timeout} ms; screen:\n${s}`);
    await sleep(2);
  }
}

const body = (s) =>
  s
    .split("\n")
    .slice(2, opts.rows - 2)
    .join("\n");
const tabShown = (name) => (s) => complete(s) && (s.split("\n")[1] ?? "").trimStart().startsWith(name);
const ready = (name) => (s) => tabShown(name)(s) && !/Loading/.test(body(s));

async function run(index) {
  socket = `dealmap-measure-${process.pid}-${index}`;
  const env = [
    "env",
    "-i",
    `PATH=${process.env.PATH ?? ""}`,
    `HOME=${process.env.HOME ?? ""}`,
    "TERM=xterm-256color",
    ...(opts.db ? [`DEALMAP_DB=${opts.db}`] : []),
    process.execPath,
    cli,
    ...opts.data.flatMap((d) => ["--data", d]),
  ];
  const command = env.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
  const t0 = performance.now();
  const r = tmux(
    "new-session",
    "-d",
    "-x",
    String(opts.columns),
    "-y",
    String(opts.rows),
    "-s",
    "m",
    command,
  );
  if (r.status !== 0) throw new Error(r.stderr);
  // the explorer's process: killed at the end, should it be too busy to take the hangup
  const pid = Number(tmux("display-message", "-p", "-t", "m", "#{pane_pid}").stdout.trim());
  const out = { firstFrame: 0, switches: {}, revisits: {}, nextPage: undefined };
  try {
    out.firstFrame = (await until((s) => complete(s) && s.includes("Who traded what"), t0, "first frame")).ms;
    if (opts.firstOnly) return out;
    // a person reads the first frame before pressing a key; meanwhile the explorer reads the
    // first page of each list in the background
    await sleep(opts.settle);
    const keys = [2, 3, 4, 5, 6, 7, 8, 1];
    for (const into of [out.switches, out.revisits]) {
      for (const k of keys) {
        const name = TABS[k - 1];
        const t = performance.now();
        tmux("send-keys", "-t", "m", String(k));
        const drawn = await until(tabShown(name), t, `the ${name} tab`);
        const content = await until(ready(name), t, `the ${name} tab's content`);
        into[name] = { drawn: drawn.ms, content: content.ms };
      }
    }
    // the Timeline's next page: End on the first page
    tmux("send-keys", "-t", "m", "2");
    const s = (await until(ready("Timeline"), performance.now(), "the Timeline")).screen;
    const m = /([\d,]+) of ([\d,]+) loaded/.exec(s.split("\n")[1] ?? "");
    if (m) {
      const loaded = m[1];
      const t = performance.now();
      tmux("send-keys", "-t", "m", "End");
      out.nextPage = (
        await until(
          (x) => {
            const n = /([\d,]+) of [\d,]+ loaded/.exec(x.split("\n")[1] ?? "");
            return n !== null && n[1] !== loaded;
          },
          t,
          "the next page",
        )
      ).ms;
    }
    tmux("send-keys", "-t", "m", "q");
  } finally {
    tmux("kill-server");
    try {
      if (pid > 0) process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  return out;
}

const median = (xs) => {
  const s = xs.filter((x) => x !== undefined).sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : undefined;
};
const range = (xs) => {
  const s = xs.filter((x) => x !== undefined);
  return s.length ? `${Math.min(...s).toFixed(0)}–${Math.max(...s).toFixed(0)}` : "";
};

const runs = [];
for (let i = 0; i < opts.runs; i++) runs.push(await run(i));

const figures = [];
const add = (label, xs) => {
  const m = median(xs);
  if (m !== undefined)
    figures.push({ label, median: Math.round(m), range: range(xs), runs: xs.map(Math.round) });
};
add(
  "first frame (process start → Overview drawn)",
  runs.map((r) => r.firstFrame),
);
for (const name of [...TABS.slice(1), TABS[0]]) {
  add(
    `switch to ${name}: tab drawn`,
    runs.map((r) => r.switches[name]?.drawn),
  );
  add(
    `switch to ${name}: content`,
    runs.map((r) => r.switches[name]?.content),
  );
}
for (const name of [...TABS.slice(1), TABS[0]])
  add(
    `again to ${name}: tab drawn`,
    runs.map((r) => r.revisits[name]?.drawn),
  );
add(
  "Timeline End → next page loaded",
  runs.map((r) => r.nextPage),
);

const where = opts.db
  ? `--db ${opts.db}`
  : opts.data.length
    ? `--data ${opts.data.join(" ")}`
    : "built-in data";
if (opts.json) {
  console.log(JSON.stringify({ where, size: `${opts.columns}x${opts.rows}`, figures }, null, 2));
} else {
  console.log(
    `${where}, ${opts.columns}×${opts.rows}, ${opts.runs} runs (median, min–max), load average ${loadavg()[0].toFixed(2)}`,
  );
  const w = Math.max(...figures.map((f) => f.label.length));
  for (const f of figures)
    console.log(`${f.label.padEnd(w)}  ${String(f.median).padStart(6)} ms  (${f.range})`);
}
