#!/usr/bin/env node
/**
 * Startup figures of the built CLI, against `node -e 0` as the baseline (a measurement to run
 * and read, not a test): `node bench/startup.mjs [runs]`.
 *
 * - `--json` commands: wall time of `node dist/cli.js <command> --json` with the built-in data
 *   (the first run, which fills the data cache, is reported separately and not counted).
 * - TUI: time from spawning `node dist/cli.js` in a pseudo-terminal (util-linux `script`) until
 *   the first complete Overview frame is on the terminal; the baseline is `node -e 0` spawned the
 *   same way. `q` then quits it.
 *
 * Budgets (issue 6): TUI first frame within 600 ms, `--json` commands within 400 ms.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const app = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cli = path.join(app, "dist", "cli.js");
const runs = Number(process.argv[2] ?? 7);

if (!existsSync(cli)) {
  const r = spawnSync(process.execPath, [path.join(app, "build.mjs")], { stdio: "inherit" });
  if (r.status !== 0) process.exit(1);
}

/** An environment in which Ink renders as in a terminal (not in "CI" mode). */
function terminalEnv() {
  const env = { ...process.env, TERM: "xterm-256color" };
  for (const k of Object.keys(env))
    if (k === "CI" || k === "CONTINUOUS_INTEGRATION" || k.startsWith("CI_")) delete env[k];
  return env;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

function timeSpawn(args) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = performance.now() - t0;
      if (code !== 0) reject(new Error(`${args.join(" ")} exited ${code}`));
      else resolve({ ms, bytes: out.length });
    });
  });
}

/** Spawn `command` in a pty and time until `marker` appears in its output. */
function timeInPty(command, marker, quit, firstMarker) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn("script", ["-qfec", command, "/dev/null"], {
      stdio: ["pipe", "pipe", "pipe"],
      env: terminalEnv(),
    });
    let out = "";
    let first;
    let done = false;
    const timer = setTimeout(() => {
      if (!done) {
        child.kill("SIGKILL");
        reject(new Error(`no "${marker}" within 10 s; got ${JSON.stringify(out.slice(-300))}`));
      }
    }, 10_000);
    child.stdout.on("data", (d) => {
      out += d;
      if (first === undefined && (!firstMarker || out.includes(firstMarker))) first = performance.now() - t0;
      if (!done && marker && out.includes(marker)) {
        done = true;
        const ms = performance.now() - t0;
        if (quit) child.stdin.write(quit);
        resolve({ ms, first });
      }
    });
    child.on("close", () => {
      clearTimeout(timer);
      if (!done) {
        done = true;
        resolve({ ms: performance.now() - t0, first });
      }
    });
  });
}

const results = [];
async function measure(label, fn) {
  const times = [];
  for (let i = 0; i < runs; i++) times.push((await fn()).ms);
  const m = median(times);
  results.push({ label, median: m, min: Math.min(...times), max: Math.max(...times) });
  return m;
}

const base = await measure("node -e 0", () => timeSpawn(["-e", "0"]));
const cold = await timeSpawn(["-e", "0"]).then(() => timeSpawn([cli, "stats", "--json"]));
const commands = [
  ["events", "--json"],
  ["actors", "--json"],
  ["show", "john-coale", "--json"],
  ["search", "lukashenko", "--json"],
  ["routes", "compare", "--cargo", "potash", "--json"],
];
const jsonTimes = [];
for (const c of commands)
  jsonTimes.push(await measure(`dealmap ${c.join(" ")}`, () => timeSpawn([cli, ...c])));

const ptyBase = await measure("node -e 0 (in a pty)", () =>
  timeInPty(`${JSON.stringify(process.execPath)} -e 0`, undefined, undefined),
);
const firstFrames = [];
const tui = await measure("dealmap (TUI, Overview with its data)", async () => {
  const r = await timeInPty(
    `${JSON.stringify(process.execPath)} ${JSON.stringify(cli)}`,
    "Who traded what",
    "q",
    "8 Search",
  );
  firstFrames.push(r.first);
  return r;
});
results.push({
  label: "dealmap (TUI, first frame)",
  median: median(firstFrames),
  min: Math.min(...firstFrames),
  max: Math.max(...firstFrames),
});
const tuiFirst = median(firstFrames);

const pad = Math.max(...results.map((r) => r.label.length));
console.log(
  `runs per figure: ${runs} (median, min–max), this machine, load average ${(await import("node:os")).loadavg()[0].toFixed(2)}\n`,
);
for (const r of results) {
  console.log(
    `${r.label.padEnd(pad)}  ${r.median.toFixed(0).padStart(5)} ms  (${r.min.toFixed(0)}–${r.max.toFixed(0)})`,
  );
}
console.log(
  `\nfirst run after a data change (full YAML load and checks, then cached): ${cold.ms.toFixed(0)} ms`,
);
const worstJson = Math.max(...jsonTimes);
console.log(
  `--json commands: slowest median ${worstJson.toFixed(0)} ms, ${(worstJson - base).toFixed(0)} ms above the baseline; budget 400 ms`,
);
console.log(
  `TUI first frame: ${tuiFirst.toFixed(0)} ms, ${(tuiFirst - ptyBase).toFixed(0)} ms above the pty baseline; budget 600 ms`,
);
console.log(
  `TUI Overview with its data: ${tui.toFixed(0)} ms, ${(tui - ptyBase).toFixed(0)} ms above the pty baseline`,
);
