import { appRouter, createContextInner } from "@dealmap/api";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";

/** The browser's tRPC endpoint: the same router the pages call in-process. */
function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createContextInner(),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC /api/trpc/${path ?? "?"}:`, error);
    },
  });
}

export { handler as GET, handler as POST };
