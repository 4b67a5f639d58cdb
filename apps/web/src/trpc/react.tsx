"use client";
import type { AppRouter } from "@dealmap/api";
import { type QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, type TRPCLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { type ReactNode, useState } from "react";
import { createQueryClient } from "./query-client";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

let browserQueryClient: QueryClient | undefined;
function getQueryClient(): QueryClient {
  // On the server, always a new client (never share between requests); in the browser, one.
  if (typeof window === "undefined") return createQueryClient();
  browserQueryClient ??= createQueryClient();
  return browserQueryClient;
}

/**
 * The link to the route handler: one request per tick of calls, split so no batch holds more
 * than `maxBatch` calls (the handler refuses bigger ones with a 400). `fetch` is for tests.
 */
export function apiLink(
  maxBatch: number,
  url = "/api/trpc",
  fetch?: typeof globalThis.fetch,
): TRPCLink<AppRouter> {
  return httpBatchLink({ url, maxItems: maxBatch, ...(fetch ? { fetch } : {}) });
}

/**
 * Provides React Query and the typed tRPC client (over /api/trpc) to client components.
 * `maxBatch` is `MAX_BATCH` from `@dealmap/api`, passed down by the root layout (a server
 * component) so the browser bundle never imports the router package.
 */
export function TRPCReactProvider({ children, maxBatch }: { children: ReactNode; maxBatch: number }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() => createTRPCClient<AppRouter>({ links: [apiLink(maxBatch)] }));
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
