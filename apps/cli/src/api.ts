/**
 * The data behind every command and the TUI: the tRPC router, called in-process by default
 * (built-in data plus `--data` directories, or a database with `--db`/`DEALMAP_DB`), or a
 * running API server with `--api URL`.
 *
 * Both are exposed as the same object, shaped like the in-process caller
 * (`api.events.list(input)` → Promise), so nothing else knows which one it talks to.
 */
import path from "node:path";
import type { AppRouter, RouterInputs, RouterOutputs } from "@dealmap/api";
import type { GlobalOptions } from "./context.ts";
import { CliError, EXIT } from "./output.ts";

export type { RouterInputs, RouterOutputs };
export type Out = RouterOutputs;

type Caller = ReturnType<typeof import("@dealmap/api").createCaller>;
/** The router as a set of async functions, in-process or remote. */
export type Api = Caller;

export interface Connection {
  api: Api;
  /** "built-in data", "built-in + mydata", "SQLite ./dealmap.sqlite", or the server's host. */
  where: string;
}

/** Databases opened by `connect`, closed by `closeConnections` (a pg pool keeps the process alive). */
const opened: { close(): Promise<void> }[] = [];

/** Close every database this process opened (at the end of a command or of the explorer). */
export async function closeConnections(): Promise<void> {
  for (const c of opened.splice(0)) await c.close().catch(() => {});
}

/**
 * A database's failure as a CliError (exit 1, its message, no stack): opening (missing file,
 * not a Dealmap database, empty, newer schema, unreachable server) or a query that lost it.
 * Recognized by name: the "empty" error is a subclass of its own.
 */
export function databaseProblem(err: unknown): CliError | undefined {
  for (
    let e = err as { name?: unknown; message?: unknown; cause?: unknown } | undefined, i = 0;
    e && i < 3;
    i++
  ) {
    if (e.name === "DatabaseError" || e.name === "DatabaseUnavailableError")
      return new CliError(String(e.message));
    e = e.cause as typeof e;
  }
  return undefined;
}

/** Open the data the global options ask for. Throws CliError (exit 1) when it cannot. */
export async function connect(global: GlobalOptions): Promise<Connection> {
  if (global.api) return connectRemote(global.api);
  if (global.db) {
    const { createCaller, createContextInner, openDatabaseStore } = await import("@dealmap/api");
    const db = global.db;
    try {
      const store = await openDatabaseStore(db.target);
      opened.push(store);
      return {
        api: createCaller(await createContextInner({ store })),
        where: `${db.engine === "postgres" ? "PostgreSQL" : "SQLite"} ${db.shown}`,
      };
    } catch (err) {
      throw databaseProblem(err) ?? err;
    }
  }
  const [{ createCaller, createContextInner, DataLoadError }, { loadSourceTexts }] = await Promise.all([
    import("@dealmap/api"),
    import("@dealmap/dataset"),
  ]);
  try {
    const { loadWithProvenance } = await import("./data.ts");
    const { dataset, provenance, datasets, owners } = loadWithProvenance(global);
    // the same texts the API's default context would read (DEALMAP_SOURCES, hash-checked)
    const sourceTexts = loadSourceTexts(undefined, dataset);
    return {
      // with each entity's dataset, so that lists say (and filter by) the --data directory
      api: createCaller(
        await createContextInner({
          dataset,
          sourceTexts,
          provenance,
          datasets,
          owners: new Map(owners ?? []),
        }),
      ),
      where: global.data.length
        ? `built-in + ${global.data.map((d) => path.basename(d)).join(" + ")}`
        : "built-in data",
    };
  } catch (err) {
    if (err instanceof DataLoadError) throw new CliError(err.message);
    throw err;
  }
}

/** `http://host:port` → `http://host:port/trpc`; a URL with a path is used as given. */
export function trpcUrl(url: string): string {
  const u = new URL(url);
  if (u.pathname === "/" || u.pathname === "") u.pathname = "/trpc";
  return u.toString().replace(/\/$/, "");
}

async function connectRemote(url: string): Promise<Connection> {
  const { createTRPCClient, httpBatchLink } = await import("@trpc/client");
  const endpoint = trpcUrl(url);
  const client = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: endpoint })] });
  // Turn `api.a.b(input)` into `client.a.b.query(input)`, with unreachable-server errors
  // explained once, here.
  const proxy = (path: string[]): unknown =>
    new Proxy(() => undefined, {
      // not thenable: `then` must stay undefined or awaiting the proxy would call the server
      get: (_t, prop) => (typeof prop === "string" && prop !== "then" ? proxy([...path, prop]) : undefined),
      apply: async (_t, _this, args: unknown[]) => {
        let node: unknown = client;
        for (const p of path) node = (node as Record<string, unknown>)[p];
        try {
          return await (node as { query: (i: unknown) => Promise<unknown> }).query(args[0]);
        } catch (err) {
          throw explainRemote(err, url);
        }
      },
    });
  const api = proxy([]) as Api;
  // Fail now, with a clear message, rather than in the middle of a screen.
  await api.stats.summary();
  return { api, where: `API ${new URL(endpoint).host}` };
}

function explainRemote(err: unknown, url: string): unknown {
  const e = err as {
    cause?: { code?: string; cause?: { code?: string }; message?: string };
    message?: string;
  };
  const code = e.cause?.code ?? e.cause?.cause?.code;
  const msg = String(e.message ?? "");
  if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN" || /fetch failed/i.test(msg)) {
    return new CliError(
      `cannot reach the Dealmap API at ${url}${code ? ` (${code})` : ""}. Is the server running (\`pnpm api\`)? Without --api, Dealmap reads its data in-process.`,
      EXIT.failure,
    );
  }
  if (/Unexpected token|JSON|<!DOCTYPE/i.test(msg)) {
    return new CliError(`${url} answered, but not as a Dealmap API (${msg.slice(0, 120)})`, EXIT.failure);
  }
  return err;
}

/** The tRPC error code of a failed call (in-process TRPCError or remote TRPCClientError). */
export function errorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; data?: { code?: unknown } };
  if (typeof e?.data?.code === "string") return e.data.code;
  if (typeof e?.code === "string") return e.code;
  return undefined;
}

/** Fetch every page of a cursor-paged list. */
export async function allPages<T>(
  fetch: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
  max = Number.POSITIVE_INFINITY,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetch(cursor);
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && out.length < max);
  return out.slice(0, max);
}

/**
 * Every page of a list that says each item's dataset (`events.list`, `actors.list`): the items,
 * each with its `dataset` beside its own fields.
 */
export async function allPagesWithDatasets<T extends object>(
  fetch: (
    cursor: string | undefined,
  ) => Promise<{ items: T[]; datasets: string[]; nextCursor: string | null }>,
  max = Number.POSITIVE_INFINITY,
): Promise<(T & { dataset: string })[]> {
  return allPages(async (cursor) => {
    const page = await fetch(cursor);
    return {
      items: page.items.map((item, i) => ({ ...item, dataset: page.datasets[i] ?? "" })),
      nextCursor: page.nextCursor,
    };
  }, max);
}
