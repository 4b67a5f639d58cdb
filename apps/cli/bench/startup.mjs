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

const hasTime = existsSync("/usr/bin/time");

/**
 * Wall time of a run, and its CPU time (user + system, from /usr/bin/time when present): on a
 * busy machine the wall time grows with the load, the CPU time much less.
 */
function timeSpawn(args) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const [cmd, argv] = hasTime
      ? ["/usr/bin/time", ["-f", "__cpu %U %S", process.execPath, ...args]]
      : [process.execPath, args];
    const child = spawn(cmd, argv, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = performance.now() - t0;
      const m = /__cpu ([\d.]+) ([\d.]+)/.exec(err);
      const cpu = m ? (Number(m[1]) + Number(m[2])) * 1000 : undefined;
      if (code !== 0) reject(new Error(`${args.join(" ")} exited ${code}`));
      else resolve({ ms, cpu, bytes: out.length });
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
  const cpus = [];
  for (let i = 0; i < runs; i++) {
    const r = await fn();
    times.push(r.ms);
    if (r.cpu !== undefined) cpus.push(r.cpu);
  }
  const m = median(times);
  results.push({
    label,
    median: m,
    min: Math.min(...times),
    max: Math.max(...times),
    cpu: cpus.length ? median(cpus) : undefined,
  });
  return m;
}

const base = await measure("node -e 0", () => timeSpawn(["-e", "0"]));
// a run that cannot use the validated-data cache: what the first command after an edit costs
process.env.DEALMAP_NO_CACHE = "1";
const cold = await timeSpawn([cli, "actors", "--json"]);
delete process.env.DEALMAP_NO_CACHE;
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
    `${r.label.padEnd(pad)}  ${r.median.toFixed(0).padStart(5)} ms  (${r.min.toFixed(0)}–${r.max.toFixed(0)})${r.cpu !== undefined ? `  cpu ${r.cpu.toFixed(0)} ms` : ""}`,
  );
}
console.log(
  `\nactors --json without the data cache (full YAML load and checks, as after an edit): ${cold.ms.toFixed(0)} ms`,
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
