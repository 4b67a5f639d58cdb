/**
 * Load a data directory with the real loader in a fresh child process and print wall time and
 * peak RSS. Not part of the tests. Make a directory first with gen-jsonl.ts:
 *
 *   tsx scripts/gen-jsonl.ts /tmp/dealmap-1m 1000000
 *   tsx scripts/bench-load.ts /tmp/dealmap-1m            # built-in data + the directory
 *   tsx scripts/bench-load.ts /tmp/dealmap-1m --alone    # the directory alone
 *
 * The child runs under /usr/bin/time -v when it exists (its "Maximum resident set size" is the
 * whole process: Node, tsx and the loader), and reports its own figures too: the loader's wall
 * time and process.resourceUsage().maxRSS.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const self = fileURLToPath(import.meta.url);
const args = process.argv.slice(2);

if (args[0] === "--child") {
  const dir = args[1] as string;
  const alone = args.includes("--alone");
  const { loadDataset } = await import("../src/load.ts");
  const { builtinDataDir } = await import("../src/builtin.ts");
  const { formatProblem } = await import("../src/load.ts");
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const result = loadDataset(alone ? [dir] : [builtinDataDir, dir]);
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  const counts = result.ok
    ? Object.fromEntries(Object.entries(result.dataset).map(([k, v]) => [k, v.length]))
    : null;
  const problems = result.ok ? [] : result.problems.slice(0, 5).map(formatProblem);
  console.log(
    JSON.stringify({
      ok: result.ok,
      loaderMs: Math.round(ms),
      loaderCpuMs: Math.round((cpu.user + cpu.system) / 1000),
      maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
      counts,
      problems,
      problemCount: result.ok ? 0 : result.problems.length,
    }),
  );
  process.exit(0);
}

const dir = args.find((a) => !a.startsWith("--"));
if (!dir) {
  console.error("usage: tsx scripts/bench-load.ts DIR [--alone]");
  process.exit(2);
}
const childArgs = [
  "--import",
  "tsx",
  self,
  "--child",
  path.resolve(dir),
  ...args.filter((a) => a === "--alone"),
];
const useTime = existsSync("/usr/bin/time");
const started = performance.now();
const run = useTime
  ? spawnSync("/usr/bin/time", ["-v", process.execPath, ...childArgs], { encoding: "utf8" })
  : spawnSync(process.execPath, childArgs, { encoding: "utf8" });
const wallMs = performance.now() - started;
const line = run.stdout.trim().split("\n").pop() ?? "";
let child: Record<string, unknown>;
try {
  child = JSON.parse(line) as Record<string, unknown>;
} catch {
  console.error(run.stdout, run.stderr);
  process.exit(1);
}
const timeRss = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)?.[1];
const user = Number(/User time \(seconds\): ([\d.]+)/.exec(run.stderr)?.[1] ?? Number.NaN);
const sys = Number(/System time \(seconds\): ([\d.]+)/.exec(run.stderr)?.[1] ?? Number.NaN);
console.log(
  `directory        ${path.resolve(dir)}${args.includes("--alone") ? " (alone)" : " (with the built-in data)"}`,
);
console.log(`loaded           ${child.ok ? "yes" : `no, ${child.problemCount} problems`}`);
if (child.counts) console.log(`entities         ${JSON.stringify(child.counts)}`);
for (const p of (child.problems as string[]) ?? []) console.log(`  ${p}`);
console.log(`loader wall time ${((child.loaderMs as number) / 1000).toFixed(1)} s`);
console.log(
  `loader CPU time  ${((child.loaderCpuMs as number) / 1000).toFixed(1)} s (main thread and GC helpers)`,
);
console.log(
  `machine load     ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")} (1, 5, 15 min) on ${availableParallelism()} cores`,
);
console.log(`process wall     ${(wallMs / 1000).toFixed(1)} s (node start, tsx, loader)`);
if (!Number.isNaN(user)) {
  console.log(
    `process CPU      ${(user + sys).toFixed(1)} s (user ${user} s + system ${sys} s, /usr/bin/time -v)`,
  );
}
console.log(`peak RSS         ${child.maxRssMiB} MiB (process.resourceUsage().maxRSS)`);
if (timeRss) {
  const kb = Number(timeRss);
  console.log(
    `peak RSS         ${Math.round(kb / 1024)} MiB = ${((kb * 1024) / 1e9).toFixed(2)} GB (/usr/bin/time -v)`,
  );
}
