/**
 * Several server processes on one port (`DEALMAP_WORKERS`), through Node's `cluster` module:
 * the primary forks the workers and hands them connections; each worker is the whole server
 * (main.ts) with its own store connection, response cache and drain on SIGTERM. The primary
 * loads no data. A worker that dies after it was serving is replaced; one that dies before it
 * ever listened (bad data, an unreachable database) stops the whole server, with its message
 * already printed. SIGTERM or SIGINT to the primary drains every worker and exits 0 once all
 * have exited 0 (1 otherwise, or after DEALMAP_DRAIN_MS and a little more).
 */
import cluster, { type Worker } from "node:cluster";
import { availableParallelism } from "node:os";

/** Most workers accepted: beyond the cores, more processes only add memory. */
export const MAX_WORKERS = 64;

/** `DEALMAP_WORKERS`: unset → 1; "auto" → one per core; else an integer from 1 to MAX_WORKERS. */
export function workersFromEnv(value = process.env.DEALMAP_WORKERS): number {
  if (value === undefined || value.trim() === "") return 1;
  const v = value.trim();
  if (v === "auto") return Math.min(MAX_WORKERS, availableParallelism());
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > MAX_WORKERS)
    throw new Error(
      `DEALMAP_WORKERS must be "auto" or a whole number from 1 to ${MAX_WORKERS} (server processes on one port); it is "${value}"`,
    );
  return Number(v);
}

/** One line of the primary's log, in the workers' (pino's) JSON shape. */
function log(level: number, msg: string, extra: Record<string, unknown> = {}) {
  const line = JSON.stringify({ level, time: Date.now(), pid: process.pid, role: "primary", ...extra, msg });
  (level >= 50 ? process.stderr : process.stdout).write(`${line}\n`);
}

/** Run as the primary of `n` workers (each runs this same script); never returns normally. */
export function runPrimary(n: number, drainMs: number): void {
  let closing = false;
  let failed = false;
  const serving = new WeakSet<Worker>();
  const fork = () => {
    const w = cluster.fork();
    w.once("listening", () => serving.add(w));
    return w;
  };
  const live = () => Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
  const finish = () => {
    if (live().length === 0) process.exit(failed ? 1 : 0);
  };
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    log(30, "shutting down: draining every worker", { signal, workers: live().length });
    for (const w of live()) w.process.kill("SIGTERM");
    const force = setTimeout(() => {
      log(50, "workers still running after the drain time; exiting", { drainMs });
      for (const w of live()) w.process.kill("SIGKILL");
      process.exit(1);
    }, drainMs + 2000);
    force.unref();
    finish();
  };
  cluster.on("exit", (w, code, signal) => {
    if (closing) {
      if (code !== 0) failed = true;
      finish();
      return;
    }
    if (!serving.has(w)) {
      // it never served: the same start would fail again, so stop instead of looping
      log(50, "a worker exited before it served; stopping", { worker: w.id, code, signal });
      failed = true;
      shutdown("worker failed to start");
      return;
    }
    log(50, "a worker exited; starting another", { worker: w.id, code, signal });
    fork();
  });
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
  log(30, `starting ${n} server processes`, { workers: n });
  for (let i = 0; i < n; i++) fork();
}
