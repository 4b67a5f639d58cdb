/**
 * The explorer's reads over a store too large for some answers: a network without ties by
 * shared events, and an Overview whose last day holds more than a page of events.
 */
import { describe, expect, it } from "vitest";
import type { Api } from "../api.ts";
import { graph, overviewEvents } from "./data.ts";

const emptyGraph = {
  nodes: [],
  edges: [],
  totalEdges: 0,
  truncated: false,
  totalNodes: 0,
  nodesTruncated: false,
};

/** A router that refuses ties by shared events, as the SQL stores do over millions of events. */
function refusingApi(calls: unknown[]): Api {
  return {
    network: {
      graph: async (input: { sharedEvents?: boolean }) => {
        calls.push(input);
        if (input.sharedEvents !== false)
          throw Object.assign(
            new Error(
              "sharedEvents: ties by shared events are not computed over more than 2,000,000 actor–event rows; set sharedEvents=false to see the relations",
            ),
            { code: "BAD_REQUEST" },
          );
        return emptyGraph;
      },
    },
  } as unknown as Api;
}

describe("graph", () => {
  it("asks again for the relations alone when the store will not compute shared events, and remembers", async () => {
    const calls: unknown[] = [];
    const api = refusingApi(calls);
    const first = await graph(api, { maxNodes: 200 });
    expect(first.sharedEvents).toBe(false);
    expect(calls).toEqual([{ maxNodes: 200 }, { maxNodes: 200, sharedEvents: false }]);
    await graph(api, { around: "a", hops: 1 });
    expect(calls.slice(2)).toEqual([{ around: "a", hops: 1, sharedEvents: false }]);
  });

  it("passes any other failure on", async () => {
    const api = {
      network: {
        graph: async () => {
          throw Object.assign(new Error("around: no actor x"), { code: "NOT_FOUND" });
        },
      },
    } as unknown as Api;
    await expect(graph(api, { around: "x" })).rejects.toThrow("no actor x");
  });
});

describe("overviewEvents over a large timeline", () => {
  const event = (i: number) => ({
    id: `e${i}`,
    title: `event ${i}`,
    date: "2026-12-13",
    kind: "meeting",
    status: "occurred",
  });
  it("says so when the last days hold more than a page: the first events of them, and how many", async () => {
    const lists: Record<string, unknown>[] = [];
    const api = {
      events: {
        list: async (input: Record<string, unknown>) => {
          lists.push(input);
          // nothing dated from 2025-08-17 on, 5,000 from 2025-08-16
          const from = String(input.from);
          const total = from >= "2025-08-17" ? 0 : 5000;
          const items = Array.from({ length: Math.min(total, 200) }, (_, i) => event(i));
          return {
            items,
            datasets: items.map(() => "synthetic"),
            total,
            nextCursor: total > 200 ? "e199" : null,
          };
        },
      },
    } as unknown as Api;
    const stats = {
      counts: { events: 1_000_000 },
      span: { from: "2017-01-01", to: "2025-08-19" },
    } as Parameters<typeof overviewEvents>[1];
    const o = await overviewEvents(api, stats, 6);
    expect(o.latest.items.map((e) => e.id)).toEqual(["e0", "e1", "e2", "e3", "e4", "e5"]);
    expect(o.latest.approx).toEqual({ from: "2025-08-16", of: 5000 });
    // whole spans inside a window from ever earlier days: 1, 2, 4 days before the span's end
    const froms = lists.filter((l) => l.statuses === undefined).map((l) => [l.from, l.containedOnly]);
    expect(froms).toEqual([
      ["2025-08-19", true],
      ["2025-08-18", true],
      ["2025-08-16", true],
    ]);
  });
});
