import { gunzipSync } from "node:zlib";
import type { AppRouter } from "@dealmap/api";
import { FIXTURE_TEXT, fixtureDataset } from "@dealmap/api/testing";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "./app.ts";

let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  app = await buildServer({
    context: { dataset: fixtureDataset() },
    logger: false,
    corsOrigins: ["http://allowed.example"],
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const addr = app.server.address();
  if (addr === null || typeof addr === "string") throw new Error("no port");
  base = `http://127.0.0.1:${addr.port}`;
});

afterAll(async () => {
  await app.close();
});

async function getJson(path: string, init?: RequestInit) {
  const res = await fetch(base + path, init);
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${path}: not JSON (${res.status}): ${text.slice(0, 200)}`);
  }
  return { res, body: body as Record<string, unknown>, text };
}

/** A 4xx JSON error whose message names `parameter`, with no stack trace in it. */
async function expectClientError(path: string, status: number, parameter: string, init?: RequestInit) {
  const { res, body, text } = await getJson(path, init);
  expect(res.status, `${path} → ${text.slice(0, 300)}`).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/application\/json/);
  expect(text).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
  const message = JSON.stringify(body);
  expect(message).toContain(parameter);
  return body;
}

describe("HTTP: happy paths", () => {
  it("answers /healthz", async () => {
    const { res, body } = await getJson("/healthz");
    expect(res.status).toBe(200);
    expect(body.status).toBe("ok");
    expect(body.version).toMatch(/^[0-9a-f]{16}$/);
  });

  it("searches over REST with exactly the documented hit fields, best first", async () => {
    const { res, body } = await getJson("/api/v1/search?q=lukashenka&limit=5");
    expect(res.status).toBe(200);
    const hits = body.hits as Record<string, unknown>[];
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0]).toMatchObject({ kind: "actor", id: "aliaksandr-lukashenka" });
    for (const h of hits) expect(Object.keys(h).sort()).toEqual(["id", "kind", "label", "matched", "score"]);
    const scores = hits.map((h) => h.score as number);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it("lists and gets every collection over REST", async () => {
    const one: Record<string, string> = {
      events: "ev-summer-talks",
      actors: "john-coale",
      places: "minsk",
      routes: "route-potash-klaipeda",
      deals: "deal-december",
      sources: "test-article",
    };
    for (const [kind, id] of Object.entries(one)) {
      const list = await getJson(`/api/v1/${kind}`);
      expect(list.res.status, kind).toBe(200);
      const got = await getJson(`/api/v1/${kind}/${id}`);
      expect(got.res.status, `${kind}/${id}`).toBe(200);
      expect(got.text).toContain(`"${id}"`);
    }
  });

  it("filters the timeline with repeated and boolean query parameters", async () => {
    const { body } = await getJson("/api/v1/events?actors=john-coale&kinds=release&kinds=meeting&limit=10");
    expect((body.items as { id: string }[]).map((e) => e.id)).toEqual([
      "ev-summer-talks",
      "ev-september-release",
      "ev-december-release",
    ]);
    const strict = await getJson("/api/v1/events?from=2025-07&to=2025-07&containedOnly=true");
    expect(strict.body.items).toEqual([]);
    const loose = await getJson("/api/v1/events?from=2025-07&to=2025-07&containedOnly=false");
    expect((loose.body.items as unknown[]).length).toBe(1);
  });

  it("cites words of a source's text over REST and tRPC, from the whole text the server holds", async () => {
    const withText = await buildServer({
      context: { dataset: fixtureDataset(), sourceTexts: { "test-article": FIXTURE_TEXT } },
      logger: false,
    });
    await withText.listen({ port: 0, host: "127.0.0.1" });
    try {
      const addr = withText.server.address();
      const at = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
      // "the president" is in paragraphs 1 and 4 of the fixture's text
      const rest = await fetch(`${at}/api/v1/sources/test-article/cite?paragraph=4&start=35&end=48`);
      expect(rest.status).toBe(200);
      const body = (await rest.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ quote: "the president", paragraph: 4, occurrences: 2, unique: true });
      expect(body.prefix).toBeTruthy();
      const client = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${at}/trpc` })] });
      expect(
        await client.sources.cite.query({ id: "test-article", paragraph: 4, start: 35, end: 48 }),
      ).toEqual(body);
    } finally {
      await withText.close();
    }
  });

  it("serves the router over tRPC to a typed client", async () => {
    const client = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${base}/trpc` })] });
    const [stats, profile] = await Promise.all([
      client.stats.summary.query(),
      client.actors.get.query({ id: "john-coale" }),
    ]);
    expect(stats.counts.events).toBe(8);
    expect(profile.actor.name).toBe("John Coale");
    await expect(client.events.get.query({ id: "ev-none" })).rejects.toMatchObject({
      data: { code: "NOT_FOUND", httpStatus: 404 },
    });
  });
});

describe("HTTP: caching, compression, CORS", () => {
  it("sends an ETag and answers 304 to If-None-Match", async () => {
    const first = await fetch(`${base}/api/v1/actors`);
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^W\/"[0-9a-f]{16}-\d{4}-\d{2}-\d{2}"$/);
    expect(first.headers.get("cache-control")).toContain("max-age");
    const again = await fetch(`${base}/api/v1/actors`, { headers: { "if-none-match": etag ?? "" } });
    expect(again.status).toBe(304);
    const stale = await fetch(`${base}/api/v1/actors`, { headers: { "if-none-match": 'W/"other"' } });
    expect(stale.status).toBe(200);
  });

  it("serves repeated GETs from the response cache, whatever the request's Cache-Control", async () => {
    const url = `${base}/api/v1/deals/ledger`;
    const entries = async () =>
      ((await (await fetch(`${base}/healthz`)).json()) as { responseCache: { entries: number } })
        .responseCache.entries;
    const before = await entries();
    const a = await (await fetch(url)).text();
    expect(await entries()).toBe(before + 1);
    const b = await (await fetch(url)).text();
    const c = await (await fetch(url, { headers: { "cache-control": "no-cache" } })).text();
    expect(b).toBe(a);
    expect(c).toBe(a);
    // served from the cache: nothing new was stored
    expect(await entries()).toBe(before + 1);
  });

  it("compresses large answers when asked", async () => {
    const res = await fetch(`${base}/api/v1/events?limit=200`, { headers: { "accept-encoding": "gzip" } });
    expect(res.headers.get("content-encoding")).toBe("gzip");
    // fetch decodes transparently; check the body is still the JSON page
    expect(((await res.json()) as { total: number }).total).toBe(8);
  });

  it("gzip bytes decode to the same JSON (raw check)", async () => {
    const { request } = await import("node:http");
    const url = new URL(`${base}/api/v1/events?limit=200`);
    const raw = await new Promise<Buffer>((resolve, reject) => {
      const req = request(url, { headers: { "accept-encoding": "gzip" } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve(Buffer.concat(chunks)));
      });
      req.on("error", reject);
      req.end();
    });
    expect(JSON.parse(gunzipSync(raw).toString("utf8")).total).toBe(8);
  });

  it("compresses REST bodies of any size (streamed gzip is not cut short)", async () => {
    const { syntheticDataset } = await import("@dealmap/api/synthetic");
    const big = await buildServer({ context: { dataset: syntheticDataset({ events: 400 }) }, logger: false });
    await big.listen({ port: 0, host: "127.0.0.1" });
    try {
      const addr = big.server.address();
      const url = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}/api/v1/events?limit=200`;
      const plain = await (await fetch(url, { headers: { "accept-encoding": "identity" } })).text();
      expect(plain.length).toBeGreaterThan(64 * 1024);
      const zipped = await fetch(url, { headers: { "accept-encoding": "gzip" } });
      expect(zipped.headers.get("content-encoding")).toBe("gzip");
      expect(await zipped.text()).toBe(plain);
    } finally {
      await big.close();
    }
  });

  it("allows only configured CORS origins", async () => {
    const ok = await fetch(`${base}/api/v1/stats`, { headers: { origin: "http://allowed.example" } });
    expect(ok.headers.get("access-control-allow-origin")).toBe("http://allowed.example");
    const no = await fetch(`${base}/api/v1/stats`, { headers: { origin: "http://evil.example" } });
    expect(no.headers.get("access-control-allow-origin")).toBeNull();
    const preflight = {
      method: "OPTIONS",
      headers: { origin: "http://allowed.example", "access-control-request-method": "GET" },
    };
    const pre = await fetch(`${base}/api/v1/stats`, preflight);
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe("http://allowed.example");
  });

  it("has no CORS at all when no origin is allowed", async () => {
    const closed = await buildServer({
      context: { dataset: fixtureDataset() },
      logger: false,
      corsOrigins: [],
    });
    await closed.listen({ port: 0, host: "127.0.0.1" });
    try {
      const addr = closed.server.address();
      if (addr === null || typeof addr === "string") throw new Error("no port");
      const url = `http://127.0.0.1:${addr.port}/api/v1/stats`;
      const res = await fetch(url, { headers: { origin: "http://allowed.example" } });
      expect(res.status).toBe(200);
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
      const pre = await fetch(url, {
        method: "OPTIONS",
        headers: { origin: "http://allowed.example", "access-control-request-method": "GET" },
      });
      // no CORS handler: the preflight is an OPTIONS on a read-only endpoint, refused as such
      expect(pre.status).toBe(405);
      expect(pre.headers.get("access-control-allow-origin")).toBeNull();
      expect(((await pre.json()) as { statusCode: number }).statusCode).toBe(405);
    } finally {
      await closed.close();
    }
  });
});

describe("HTTP: bad input is a 4xx naming the parameter, and the server keeps serving", () => {
  it("wrong type", async () => {
    await expectClientError("/api/v1/events?limit=abc", 400, "limit");
    await expectClientError("/api/v1/network/graph?hops=two", 400, "hops");
    await expectClientError("/api/v1/events?containedOnly=maybe", 400, "containedOnly");
  });

  it("out-of-range limit", async () => {
    await expectClientError("/api/v1/events?limit=201", 400, "limit");
    await expectClientError("/api/v1/events?limit=0", 400, "limit");
    await expectClientError("/api/v1/search?q=minsk&limit=1000", 400, "limit");
  });

  it("invalid enum, date, id and unknown parameter", async () => {
    await expectClientError("/api/v1/events?kinds=party", 400, "kinds");
    await expectClientError("/api/v1/events?from=2025-13", 400, "from");
    await expectClientError("/api/v1/actors/Not%20An%20Id", 400, "id");
    await expectClientError("/api/v1/events?actor=john-coale", 400, "actor");
    await expectClientError("/api/v1/network/path?from=john-coale", 400, "to");
  });

  it("unknown ids are 404 naming the id", async () => {
    for (const kind of ["events", "actors", "places", "routes", "deals", "sources", "entity"]) {
      await expectClientError(`/api/v1/${kind}/no-such-thing`, 404, "no-such-thing");
    }
    await expectClientError("/api/v1/events?actors=ghost-actor", 404, "ghost-actor");
    await expectClientError("/trpc/actors.get?input=%7B%22id%22%3A%22ghost%22%7D", 404, "ghost");
    await expectClientError("/api/v1/nothing-here", 404, "/api/v1/nothing-here");
    await expectClientError("/api/v1/stats?x=1", 400, "x");
    await expectClientError("/api/v1/search?q=a", 405, "GET", { method: "DELETE" });
    await expectClientError("/nothing", 404, "/nothing");
  });

  it("GET /api/v1/entities with its most ids, 200 of 35 characters, fits in the URL limit", async () => {
    const ids = Array.from(
      { length: 200 },
      (_, i) => `no-such-entity-in-the-data-n${String(i).padStart(7, "0")}`,
    );
    expect(ids.every((id) => id.length === 35)).toBe(true);
    const path = `/api/v1/entities?${ids.map((id) => `ids=${id}`).join("&")}`;
    expect(path.length).toBeGreaterThan(8000);
    const { res, body } = await getJson(path);
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ items: [], datasets: [], missing: ids });
    // one more id is over the schema's 200, said as such
    await expectClientError(`${path}&ids=one-more`, 400, "ids");
  });

  it("a 10,000-character query string", async () => {
    const long = "x".repeat(10_000);
    const body = await expectClientError(`/api/v1/search?q=${long}`, 414, "q");
    expect(body.parameter).toBe("q");
    await expectClientError(`/api/v1/events?cursor=${long}`, 414, "cursor");
    // within the URL limit, the schema limit names q
    await expectClientError(`/api/v1/search?q=${"y".repeat(300)}`, 400, "q");
  });

  it("malformed and oversized bodies", async () => {
    const post = (body: string) => ({
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    await expectClientError("/trpc/search.query", 400, "input", post("{not json"));
    await expectClientError(
      "/trpc/search.query",
      413,
      "body",
      post(JSON.stringify({ q: "x".repeat(300_000) })),
    );
    await expectClientError("/api/v1/search", 400, "body", post("{not json"));
    await expectClientError("/trpc/search.query?input=%7Bbroken", 400, "input");
  });

  it("still serves after all of that", async () => {
    const { res } = await getJson("/api/v1/stats");
    expect(res.status).toBe(200);
  });
});

describe("OpenAPI document", () => {
  it("is OpenAPI 3 with responses on every operation, and every path responds", async () => {
    const { res, body } = await getJson("/api/openapi.json");
    expect(res.status).toBe(200);
    expect(String(body.openapi)).toMatch(/^3\.\d+\.\d+$/);
    expect((body.info as { title: string }).title).toBe("Dealmap API");
    const paths = body.paths as Record<
      string,
      Record<
        string,
        {
          responses?: Record<string, unknown>;
          parameters?: { name: string; in: string; required?: boolean }[];
        }
      >
    >;
    const sample: Record<string, string> = {
      "/events/{id}": "ev-summer-talks",
      "/actors/{id}": "john-coale",
      "/places/{id}": "minsk",
      "/routes/{id}": "route-deport-vilnius",
      "/deals/{id}": "deal-september",
      "/sources/{id}": "test-wire",
      "/sources/{id}/cite": "test-article",
      "/entity/{id}": "belarus",
      "/entity/{id}/provenance": "belarus",
      "/events/{id}/promote": "ev-summer-talks",
    };
    // the test data holds no import, and promoting a curated event is refused as bad input
    // …and no source texts, so no words to cite (the test above cites with a text)
    const status: Record<string, number> = { "/events/{id}/promote": 400, "/sources/{id}/cite": 404 };
    const required: Record<string, string> = {
      "/network/path": "?from=keith-kellogg&to=belaruskali",
      "/search": "?q=minsk",
      "/sources/{id}/cite": "?paragraph=1&start=0&end=5",
    };
    expect(Object.keys(paths).length).toBeGreaterThanOrEqual(20);
    for (const [path, ops] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(method).toBe("get");
        expect(Object.keys(op.responses ?? {}), path).toContain("200");
        for (const p of op.parameters ?? []) expect(["path", "query"]).toContain(p.in);
      }
      const url = `/api/v1${path.replace("{id}", sample[path] ?? "missing")}${required[path] ?? ""}`;
      const r = await fetch(base + url);
      expect(r.status, url).toBe(status[path] ?? 200);
    }
  });
});
