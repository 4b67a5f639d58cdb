/**
 * The REST front path against the Fastify route: two real servers over the same data, one
 * with the front path and one without, asked the same requests over plain node:http (no
 * Accept-Encoding, as curl and most scripts send): every mirrored GET path with inputs that
 * succeed, fail validation or name unknown ids, plus requests the front path must leave to
 * Fastify. Status, the answer's headers and the bytes must match; the front server's log shows
 * which requests it answered itself.
 */
import { request } from "node:http";
import { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { restRoutes } from "./rest.ts";
import { appRouter } from "./root.ts";
import { buildServer } from "./server.ts";
import { fixtureDataset, sampleIds } from "./test/fixture.ts";

const ds = fixtureDataset();
const servers: FastifyInstance[] = [];
const logLines: string[] = [];
let frontPort = 0;
let fastifyPort = 0;

async function start(restFront: boolean): Promise<number> {
  const sink = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const app = await buildServer({
    context: { dataset: ds },
    logger: restFront ? { level: "info", stream: sink } : false,
    restFront,
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  servers.push(app);
  const addr = app.server.address();
  if (addr === null || typeof addr === "string") throw new Error("no port");
  return addr.port;
}

beforeAll(async () => {
  frontPort = await start(true);
  fastifyPort = await start(false);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

interface Answer {
  status: number;
  headers: Record<string, string | undefined>;
  body: Buffer;
}

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: {
            "content-type": res.headers["content-type"],
            "content-length": res.headers["content-length"],
            "content-encoding": res.headers["content-encoding"],
            etag: res.headers.etag,
            "cache-control": res.headers["cache-control"],
          },
          body: Buffer.concat(chunks),
        }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

const frontAnswered = () => logLines.filter((l) => l.includes('"reqId":"front-')).length;

/** Every mirrored path, its parameters filled with real and unknown ids. */
function paths(): string[] {
  const out: string[] = [];
  const ids = sampleIds(ds);
  for (const r of restRoutes(appRouter)) {
    if (!r.path.includes("{")) out.push(r.path);
    else for (const id of ids) out.push(r.path.replace(/\{\w+\}/g, id));
  }
  return out;
}

const queries = [
  "",
  "?limit=2",
  "?limit=0",
  "?limit=abc",
  "?q=potash&limit=3",
  "?q=",
  `?actors=${ds.actors[0]?.id}&from=2025-01&to=2025-12`,
  "?from=2025-13",
  "?kinds=release&kinds=meeting",
  "?bogus=1",
  "?cursor=ghost",
  "?at=2025-06",
  "?cargo=potash",
  "?",
];

describe("REST front path", () => {
  it("answers every mirrored GET exactly as the Fastify route does", async () => {
    const before = frontAnswered();
    let compared = 0;
    let ok = 0;
    for (const path of paths()) {
      for (const q of queries) {
        const url = `/api/v1${path}${q}`;
        const a = await get(frontPort, url);
        const b = await get(fastifyPort, url);
        expect(a.status, url).toBe(b.status);
        expect(a.headers, url).toEqual(b.headers);
        expect(a.body.equals(b.body), url).toBe(true);
        compared++;
        if (a.status === 200) ok++;
      }
    }
    // both kinds of answer were compared, and the front path answered the good ones itself
    expect(ok).toBeGreaterThan(40);
    expect(compared - ok).toBeGreaterThan(40);
    expect(frontAnswered() - before).toBe(ok);
    // its request log line says what Fastify's does
    const line = JSON.parse(logLines.find((l) => l.includes('"reqId":"front-')) ?? "{}");
    expect(line).toMatchObject({ level: 30, msg: "request completed", res: { statusCode: 200 } });
    expect(line.req).toMatchObject({ method: "GET", remoteAddress: "127.0.0.1" });
    expect(line.responseTime).toBeTypeOf("number");
  });

  it("answers from the response cache on a repeat, and skips it for no-cache", async () => {
    const url = "/api/v1/events?limit=3";
    const first = await get(frontPort, url);
    const again = await get(frontPort, url);
    const fresh = await get(frontPort, url, { "cache-control": "no-cache" });
    const other = await get(fastifyPort, url);
    for (const x of [again, fresh]) {
      expect(x.status).toBe(200);
      expect(x.headers).toEqual(first.headers);
      expect(x.body.equals(first.body)).toBe(true);
    }
    expect(other.body.equals(first.body)).toBe(true);
  });

  it("leaves to Fastify what needs the whole pipeline", async () => {
    const before = frontAnswered();
    const url = "/api/v1/events?limit=3";
    const etag = (await get(fastifyPort, url)).headers.etag as string;
    const cases: [string, Record<string, string>, number][] = [
      [url, { "if-none-match": etag }, 304],
      [url, { "accept-encoding": "gzip" }, 200],
      ["/api/v1/events/%67host", {}, 404],
      // a percent-encoded real id: Fastify's router decodes it; the front path leaves it
      [
        `/api/v1/events/%${(ds.events[0]?.id ?? "").charCodeAt(0).toString(16)}${ds.events[0]?.id.slice(1)}`,
        {},
        200,
      ],
      ["/api/v1/nowhere", {}, 404],
      ["/api/v1//events", {}, 404],
    ];
    for (const [path, headers, status] of cases) {
      const a = await get(frontPort, path, headers);
      const b = await get(fastifyPort, path, headers);
      expect(a.status, path).toBe(status);
      expect(b.status, path).toBe(status);
      expect(a.headers, path).toEqual(b.headers);
    }
    expect((await get(frontPort, url, { "accept-encoding": "gzip" })).headers["content-encoding"]).toBe(
      "gzip",
    );
    expect(frontAnswered()).toBe(before);
  });
});
