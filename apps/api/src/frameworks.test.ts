/**
 * The server on its frameworks: every answer passes the same Fastify hooks, and the limits
 * (batch size, body size, body rate) answer with a status a client can read — each against a
 * real server on loopback.
 */
import { request } from "node:http";
import { connect } from "node:net";
import { MAX_BATCH } from "@dealmap/api";
import { fixtureDataset } from "@dealmap/api/testing";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "./app.ts";

let app: FastifyInstance;
let base: string;
let port: number;

beforeAll(async () => {
  app = await buildServer({
    context: { dataset: fixtureDataset() },
    logger: false,
    bodyGraceMs: 600,
    minBodyRate: 1000,
  });
  // a hook added by whoever runs the server (security headers, tracing…) must see every answer
  app.addHook("onSend", (_req, reply, payload, done) => {
    reply.header("x-probe", "seen");
    done(null, payload);
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const addr = app.server.address();
  if (addr === null || typeof addr === "string") throw new Error("no port");
  port = addr.port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await app.close();
});

/** A GET over node:http with the given headers: status, headers and raw body bytes. */
function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
  }>((resolve, reject) => {
    const req = request(`${base}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

const batchPath = (n: number) =>
  `/trpc/${Array.from({ length: n }, () => "stats.summary").join(",")}?batch=1&input=${encodeURIComponent(
    JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [i, null]))),
  )}`;

describe("every answer passes the same hooks", () => {
  it("REST, tRPC query and batch, 304, 4xx, compressed or not", async () => {
    const first = await get("/api/v1/events?limit=200");
    const etag = String(first.headers.etag);
    const cases: [string, string, Record<string, string>, number][] = [
      ["REST list", "/api/v1/events?limit=200", {}, 200],
      ["REST list again (from the response cache)", "/api/v1/events?limit=200", {}, 200],
      ["REST list, gzip", "/api/v1/events?limit=200", { "accept-encoding": "gzip" }, 200],
      ["REST one", "/api/v1/actors/john-coale", { "accept-encoding": "br" }, 200],
      ["REST 304", "/api/v1/events?limit=200", { "if-none-match": etag }, 304],
      ["REST 400", "/api/v1/events?limit=abc", {}, 400],
      ["REST 404", "/api/v1/actors/nobody", {}, 404],
      ["unknown path", "/nothing", {}, 404],
      ["tRPC query", "/trpc/stats.summary", {}, 200],
      ["tRPC query, gzip", "/trpc/stats.summary", { "accept-encoding": "gzip" }, 200],
      ["tRPC batch", batchPath(2), {}, 200],
      ["tRPC batch over the limit", batchPath(MAX_BATCH + 1), {}, 400],
      ["tRPC 404", `/trpc/actors.get?input=${encodeURIComponent('{"id":"ghost"}')}`, {}, 404],
      ["URL too long", `/api/v1/search?q=${"x".repeat(9000)}`, {}, 414],
      ["OpenAPI", "/api/openapi.json", { "accept-encoding": "gzip" }, 200],
      ["health", "/healthz", {}, 200],
    ];
    for (const [name, path, headers, status] of cases) {
      const res = await get(path, headers);
      expect(res.status, name).toBe(status);
      expect(res.headers["x-probe"], name).toBe("seen");
      expect(res.headers["x-content-type-options"], name).toBe("nosniff");
      if (status !== 304) expect(String(res.headers.vary), name).toMatch(/accept-encoding/i);
    }
    const zipped = await get("/api/v1/events?limit=200", { "accept-encoding": "gzip" });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
  });
});

describe("limits that are limits", () => {
  it(`a tRPC batch of more than ${MAX_BATCH} calls is a 400 naming the limit; ${MAX_BATCH} are answered`, async () => {
    const over = await get(batchPath(MAX_BATCH + 1));
    expect(over.status).toBe(400);
    expect(over.body.toString()).toContain(`at most ${MAX_BATCH} calls`);
    const at = await get(batchPath(MAX_BATCH));
    expect(at.status).toBe(200);
    expect((JSON.parse(at.body.toString()) as unknown[]).length).toBe(MAX_BATCH);
  });

  it("an oversized body gets a 413 that fetch can read (not a cut connection)", async () => {
    const body = JSON.stringify({ q: "x".repeat(12 * 1024 * 1024) });
    for (const path of ["/trpc/search.query", "/api/v1/search"]) {
      const res = await fetch(`${base}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      expect(res.status, path).toBe(413);
      const json = (await res.json()) as { statusCode: number; parameter: string };
      expect(json).toMatchObject({ statusCode: 413, parameter: "body" });
    }
    // and the server goes on answering
    expect((await get("/api/v1/stats")).status).toBe(200);
  });

  it("a body that trickles in slower than the set rate is timed out with a 408", async () => {
    const started = Date.now();
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, "127.0.0.1", () => {
        socket.write(
          "POST /trpc/search.query HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 50000\r\n\r\n",
        );
        const drip = setInterval(() => socket.write("x"), 100);
        let got = "";
        socket.on("data", (d: Buffer) => {
          got += d.toString();
        });
        socket.on("close", () => {
          clearInterval(drip);
          resolve(got);
        });
        socket.on("error", (err) => {
          clearInterval(drip);
          if (got) resolve(got);
          else reject(err);
        });
      });
      setTimeout(() => socket.destroy(), 15_000).unref();
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(answer).toContain("slower than the minimum of 1000 bytes a second");
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
