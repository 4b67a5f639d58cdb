import "server-only";
import {
  type AppRouter,
  appRouter,
  createCaller,
  DatabaseError,
  DataLoadError,
  describeError,
} from "@dealmap/api";
import { dehydrate, HydrationBoundary, type QueryClient } from "@tanstack/react-query";
import { TRPCError } from "@trpc/server";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { cache, type ReactNode } from "react";
import { withoutServerPaths } from "@/lib/server-paths";
import { webContext } from "@/lib/web-context";
import { createQueryClient } from "./query-client";

/** One QueryClient per request (React's `cache` is scoped to a server render). */
export const getQueryClient = cache(createQueryClient);

/**
 * The options proxy over the router, in-process: `trpc.events.list.queryOptions(input)` for
 * prefetching, `getQueryClient().fetchQuery(...)` to read the result in a server component.
 */
export const trpc = createTRPCOptionsProxy<AppRouter>({
  router: appRouter,
  ctx: webContext,
  queryClient: getQueryClient,
});

/** A direct caller, for the few places that need a value outside React Query (metadata). */
export const caller = cache(async () => createCaller(await webContext()));

/** Hands the request's prefetched queries to client components. */
export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}

/** Router refusals (bad input, unknown id) and data that failed to load become values. */
function refusal(err: unknown): Refusal {
  const e = err as { code?: unknown; message?: unknown; name?: unknown; cause?: unknown };
  // the data failed to load, or the database (DEALMAP_DB) could not be opened
  const failed = [e, e?.cause].find((x) => x instanceof DataLoadError || x instanceof DatabaseError);
  if (failed)
    return {
      ok: false,
      code: "DATA_LOAD",
      message: withoutServerPaths((failed as Error).message),
    };
  if (typeof e?.code === "string" && e.code !== "INTERNAL_SERVER_ERROR") {
    const parameter = err instanceof TRPCError ? describeError(err).parameter : undefined;
    return {
      ok: false,
      code: e.code,
      message: typeof e.message === "string" ? e.message : e.code,
      ...(parameter ? { parameter } : {}),
    };
  }
  throw err;
}

/** A refused read: the tRPC code, its message, and the parameter at fault when the router names one. */
export type Refusal = { ok: false; code: string; message: string; parameter?: string };

export type Loaded<T> = { ok: true; data: T } | Refusal;

/**
 * Whether a refused read means "no such entity": the id is unknown, or is not even a valid id
 * (`/actors/NOT%20AN%20ID`). Entity pages answer those with `notFound()`, a real 404.
 */
export function isMissing(r: Refusal): boolean {
  return r.code === "NOT_FOUND" || (r.code === "BAD_REQUEST" && r.parameter === "id");
}

/** The page title for a refused read: "Actor not found", or that the data did not load. */
export function refusedTitle(r: Refusal, what: string): string {
  if (isMissing(r)) return `${what} not found`;
  return r.code === "DATA_LOAD"
    ? "The data could not be loaded"
    : `Could not show this ${what.toLowerCase()}`;
}

/**
 * Reads a query through the request's QueryClient (so it is dehydrated for the client):
 * `await load((qc) => qc.fetchQuery(trpc.events.get.queryOptions({ id })))`. Returns the
 * data, or the tRPC error code and message when the router refuses the input (unknown id,
 * bad filter) so the page can explain instead of crashing.
 */
export async function load<T>(run: (qc: QueryClient) => Promise<T>): Promise<Loaded<T>> {
  try {
    return { ok: true, data: await run(getQueryClient()) };
  } catch (err) {
    return refusal(err);
  }
}

type Caller = Awaited<ReturnType<typeof caller>>;

/**
 * Like {@link load} but straight through the router's caller, not the QueryClient: for data a
 * server component renders itself and no client component asks for again, so it is not
 * serialized twice into the page.
 */
export async function call<T>(run: (api: Caller) => Promise<T>): Promise<Loaded<T>> {
  try {
    return { ok: true, data: await run(await caller()) };
  } catch (err) {
    return refusal(err);
  }
}

/** Source titles by id, once per request, for citation lists. */
export const sourceTitles = cache(async (): Promise<Map<string, string>> => {
  const r = await call((api) => api.sources.list({}));
  return new Map(r.ok ? r.data.items.map((s) => [s.source.id, s.source.title]) : []);
});
