/**
 * The /trpc fast path against tRPC's own handler: two real servers over the same data, one
 * with the fast path and one without, asked the same requests (every query procedure with
 * inputs that succeed, fail validation or name unknown ids; batches; streamed batches; POSTs;
 * unknown procedures; broken JSON). Status, content type and body must match byte for byte.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "./root.ts";
import { buildServer } from "./server.ts";
import { fixtureDataset, sampleIds } from "./test/fixture.ts";

const ds = fixtureDataset();
const servers: FastifyInstance[] = [];
let fastBase = "";
let officialBase = "";

async function start(trpcFastPath: boolean): Promise<string> {
  const app = await buildServer({
    context: { dataset: ds },
    logger: false,
    responseCache: false,
    trpcFastPath,
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  servers.push(app);
  const addr = app.server.address();
  if (addr === null || typeof addr === "string") throw new Error("no port");
  return `http://127.0.0.1:${addr.port}`;
}

beforeAll(async () => {
  fastBase = await start(true);
  officialBase = await start(false);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

const queries = Object.entries(
  appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>,
)
  .filter(([, p]) => p._def.type === "query")
  .map(([path]) => path);

const ids = sampleIds(ds);
const inputs: unknown[] = [
  undefined,
  {},
  { limit: 2 },
  { limit: 0 },
  { q: "potash", limit: 3 },
  { q: "" },
  { cargo: "potash" },
  { from: "2025-06", to: "2025-09" },
  { from: "2025-13" },
  { unknownParameter: 1 },
  ...ids.map((id) => ({ id })),
  { a: ds.actors[0]?.id, b: ds.actors[1]?.id },
];

const q = (input: unknown) =>
  input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;

async function both(path: string, init?: RequestInit) {
  const [a, b] = await Promise.all([fetch(fastBase + path, init), fetch(officialBase + path, init)]);
  return {
    fast: {
      status: a.status,
      type: a.headers.get("content-type"),
      length: a.headers.get("content-length"),
      body: await a.text(),
    },
    official: { status: b.status, type: b.headers.get("content-type"), body: await b.text() },
  };
}

describe("/trpc fast path", () => {
  it("answers every query procedure exactly as tRPC's handler does", async () => {
    let fastAnswers = 0;
    let compared = 0;
    for (const path of queries) {
      for (const input of inputs) {
        const url = `/trpc/${path}${q(input)}`;
        const { fast, official } = await both(url);
        expect({ status: fast.status, type: fast.type, body: fast.body }, url).toEqual(official);
        compared++;
        // tRPC's handler streams (no content-length); the fast path sends the bytes at once
        if (fast.length !== null) {
          expect(fast.status, url).toBe(200);
          fastAnswers++;
        }
      }
    }
    expect(compared).toBe(queries.length * inputs.length);
    // the comparison is only worth something if many answers did take the fast path
    expect(fastAnswers).toBeGreaterThan(queries.length);
  });

  it("answers batches (all good, or some failing) exactly as tRPC's handler does", async () => {
    const actor = ds.actors[0]?.id;
    const cases: [string[], unknown[]][] = [
      [
        ["actors.get", "events.list", "stats.summary"],
        [{ id: actor }, { limit: 2 }, undefined],
      ],
      [
        ["actors.get", "actors.get"],
        [{ id: actor }, { id: "ghost" }],
      ],
      [["search.query"], [{ q: "potash" }]],
      [
        ["events.list", "no.such"],
        [{}, {}],
      ],
    ];
    for (const [paths, ins] of cases) {
      const input = Object.fromEntries(ins.map((v, i) => [String(i), v]));
      const url = `/trpc/${paths.join(",")}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`;
      const { fast, official } = await both(url);
      expect({ status: fast.status, type: fast.type, body: fast.body }, url).toEqual(official);
    }
  });

  it("leaves everything else to tRPC: broken JSON, unknown procedures, POSTs, streamed batches", async () => {
    const requests: [string, RequestInit?][] = [
      ["/trpc/search.query?input=%7Bbroken"],
      ["/trpc/no.such.procedure"],
      ["/trpc/search.query?input=%7B%7D&extra=1"],
      [
        "/trpc/search.query",
        { method: "POST", headers: { "content-type": "application/json" }, body: '{"q":"potash"}' },
      ],
      [
        `/trpc/stats.summary?batch=1&input=${encodeURIComponent("{}")}`,
        { headers: { "trpc-accept": "application/jsonl" } },
      ],
    ];
    for (const [url, init] of requests) {
      const { fast, official } = await both(url, init);
      expect({ status: fast.status, type: fast.type, body: fast.body }, url).toEqual(official);
    }
  });
});
