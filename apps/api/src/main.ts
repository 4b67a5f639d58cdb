/**
 * `pnpm api`: listen on HOST:PORT (default 127.0.0.1:4000) and drain on SIGTERM/SIGINT: answer
 * what is in flight with `Connection: close`, give keep-alive connections a moment to hear it,
 * then stop accepting and close the rest; exit 0 — or 1 if that takes longer than
 * DEALMAP_DRAIN_MS (default 10 s).
 *
 * Relative DEALMAP_DATA and DEALMAP_SOURCES resolve from where the command was run: `pnpm api`
 * runs this from apps/api, with the repository root (or wherever pnpm was typed) in INIT_CWD.
 */

import cluster from "node:cluster";
import { DataLoadError, resolveStore, SqlStore } from "@dealmap/api";
import { resolveInvocation } from "@dealmap/dataset";
import { buildServer } from "./app.ts";
import { runPrimary, workersFromEnv } from "./workers.ts";

/** The package scripts that start this server; under them INIT_CWD is where pnpm was run. */
const SERVER_SCRIPTS = [
  { script: "start", packageName: "@dealmap/server" },
  { script: "dev", packageName: "@dealmap/server" },
] as const;

/** How long idle keep-alive connections get, after SIGTERM, before they are closed. */
const IDLE_GRACE_MS = 1000;

export async function main(): Promise<void> {
  // before buildServer: the context reads these settings from process.env when it loads data
  resolveInvocation(process.env, process.cwd(), SERVER_SCRIPTS);
  const app = await buildServer();
  const port = Number(process.env.PORT ?? 4000);
  const host = process.env.HOST ?? "127.0.0.1";
  const drainMs = Number(process.env.DEALMAP_DRAIN_MS ?? 10_000);
  let closing = false;
  // while draining, every answer tells its client to close the connection afterwards
  app.addHook("onSend", (_req, reply, payload, done) => {
    if (closing) reply.header("connection", "close");
    done(null, payload);
  });
  /** Connections still open (answered with Connection: close, they go one by one). */
  const openConnections = () =>
    new Promise<number>((resolve) => app.server.getConnections((err, n) => resolve(err ? 0 : n)));
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, "shutting down: finishing in-flight requests");
    const force = setTimeout(() => {
      app.log.error({ drainMs }, "requests still open after the drain time; exiting");
      process.exit(1);
    }, drainMs);
    force.unref();
    // Keep-alive clients learn from their next answer that the connection closes. Closing the
    // server at once would also close every connection Node counts as idle — including those
    // whose next request is already on its way, which their clients see as a reset — so give
    // them up to IDLE_GRACE_MS to hear it first; connections quiet for that long are closed.
    const until = Date.now() + Math.min(IDLE_GRACE_MS, drainMs / 2);
    while (Date.now() < until && (await openConnections()) > 0) await new Promise((r) => setTimeout(r, 25));
    try {
      await app.close();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, "error while closing");
      process.exit(1);
    }
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
  // a worker whose primary is gone (killed) drains and exits instead of serving on alone
  if (cluster.isWorker) process.once("disconnect", () => shutdown("primary gone"));
  await app.listen({ port, host });
  // over a database, the answers kept per data version (the network index, the ledger) are
  // worked out once the server answers, aside from the requests (see SqlStore.warm), and again
  // after each load
  if (process.env.DEALMAP_DB)
    resolveStore().then(
      (store) => {
        if (store instanceof SqlStore) void store.warm();
      },
      () => undefined,
    );
}

const fail = (err: unknown) => {
  // a data problem is a list of file:line:col lines; anything else is a one-line message
  console.error(
    err instanceof DataLoadError ? err.message : `dealmap api: ${err instanceof Error ? err.message : err}`,
  );
  process.exit(1);
};

try {
  const workers = workersFromEnv();
  if (cluster.isPrimary && workers > 1) runPrimary(workers, Number(process.env.DEALMAP_DRAIN_MS ?? 10_000));
  else main().catch(fail);
} catch (err) {
  fail(err);
}
