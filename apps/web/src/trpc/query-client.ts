import { defaultShouldDehydrateQuery, QueryClient } from "@tanstack/react-query";

/**
 * One QueryClient per request on the server and one per tab in the browser. Data comes from a
 * read-only dataset, so it stays fresh for a while; pending queries are dehydrated too, so a
 * server-started fetch streams to the client instead of running twice.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 5 * 60 * 1000, retry: 1, refetchOnWindowFocus: false },
      dehydrate: {
        shouldDehydrateQuery: (query) =>
          defaultShouldDehydrateQuery(query) || query.state.status === "pending",
        shouldRedactErrors: () => false,
      },
    },
  });
}
