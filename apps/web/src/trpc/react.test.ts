import type { AppRouter } from "@dealmap/api";
import { createTRPCClient } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { apiLink } from "./react.tsx";

describe("apiLink", () => {
  it("never puts more than maxBatch calls in one request", async () => {
    const batches: string[][] = [];
    const fakeFetch = (async (input: RequestInfo | URL) => {
      const url = new URL(String(input));
      const paths = decodeURIComponent(url.pathname.replace("/api/trpc/", "")).split(",");
      batches.push(paths);
      return new Response(JSON.stringify(paths.map(() => ({ result: { data: { ok: true } } }))), {
        headers: { "content-type": "application/json" },
      });
    }) as typeof fetch;
    const client = createTRPCClient<AppRouter>({
      links: [apiLink(4, "http://web.test/api/trpc", fakeFetch)],
    });
    // eleven calls in the same tick: one batch without a limit, 4 + 4 + 3 with it
    const answers = await Promise.all(Array.from({ length: 11 }, () => client.stats.summary.query()));
    expect(answers).toHaveLength(11);
    expect(batches.map((b) => b.length).sort()).toEqual([3, 4, 4]);
  });
});
