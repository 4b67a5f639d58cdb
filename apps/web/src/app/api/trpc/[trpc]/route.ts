import { appRouter, createContextInner, MAX_BATCH } from "@dealmap/api";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";

/**
 * The browser's tRPC endpoint: the same router the pages call in-process. A batch may hold at
 * most `MAX_BATCH` calls (tRPC's own check; the router's error formatter names the limit in
 * the 400), so one URL cannot ask for hundreds of answers at once.
 */
function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    maxBatchSize: MAX_BATCH,
    createContext: () => createContextInner(),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC /api/trpc/${path ?? "?"}:`, error);
    },
  });
}

export { handler as GET, handler as POST };
