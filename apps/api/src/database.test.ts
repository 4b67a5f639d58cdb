/**
 * The server over a database store: the same answers as over memory, and PostgreSQL restarted
 * while the server runs — requests in that moment get a 503 with a JSON error, the server
 * stays up, and it answers again by itself once the database is back.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultDatabaseLoad, loadIntoDatabase, SqlStore } from "@dealmap/api";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PgCluster, startPostgres } from "../../../packages/api/test/postgres.ts";
import { buildServer } from "./app.ts";

const load = defaultDatabaseLoad();

let cluster: PgCluster;
const dir = mkdtempSync(join(tmpdir(), "dealmap-server-db-"));
const servers: FastifyInstance[] = [];
const stores: SqlStore[] = [];

async function serve(store?: SqlStore): Promise<string> {
  const app = await buildServer({
    context: store ? { store } : {},
    logger: false,
    responseCacheBytes: 0,
  });
  servers.push(app);
  await app.listen({ port: 0, host: "127.0.0.1" });
  const addr = app.server.address();
  return `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
}

beforeAll(async () => {
  cluster = await startPostgres();
}, 60_000);

afterAll(async () => {
  for (const s of servers) await s.close();
  for (const s of stores) await s.close().catch(() => {});
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const URLS = [
  "/api/v1/events?limit=20",
  "/api/v1/events?actors=alexander-lukashenko&from=2025&to=2025",
  "/api/v1/actors/alexander-lukashenko",
  "/api/v1/search?q=lukashenka&limit=5",
  "/api/v1/routes?at=2025-09-15",
  "/api/v1/deals/ledger",
  "/api/v1/stats",
  "/api/v1/events/no-such-event",
  `/trpc/events.list?input=${encodeURIComponent(JSON.stringify({ kinds: ["release"] }))}`,
];

describe("the server over SQLite and PostgreSQL", () => {
  it("answers every URL as the server over memory does, with the same ETag", async () => {
    const memory = await serve();
    const file = join(dir, "builtin.sqlite");
    await loadIntoDatabase(file, load);
    const url = await cluster.createDatabase("server_same");
    await loadIntoDatabase(url, load);
    const sqlite = await SqlStore.open(file);
    const postgres = await SqlStore.open(url);
    stores.push(sqlite, postgres);
    const dbs = [await serve(sqlite), await serve(postgres)];
    for (const path of URLS) {
      const want = await fetch(memory + path);
      const wantBody = await want.text();
      for (const base of dbs) {
        const got = await fetch(base + path);
        expect(got.status, path).toBe(want.status);
        expect(got.headers.get("etag"), path).toBe(want.headers.get("etag"));
        expect(await got.text(), `${base}${path}`).toBe(wantBody);
      }
    }
  }, 60_000);

  it("PostgreSQL restarting: 503 with a JSON error meanwhile, no crash, answers again once it is back", async () => {
    const url = await cluster.createDatabase("server_restart");
    await loadIntoDatabase(url, load);
    const store = await SqlStore.open(url);
    stores.push(store);
    const base = await serve(store);
    const path = "/api/v1/events?actors=alexander-lukashenko&limit=3";
    const ok = await fetch(base + path);
    expect(ok.status).toBe(200);
    const answer = await ok.text();

    await cluster.kill();
    const during = await fetch(base + path);
    expect(during.status).toBe(503);
    const body = (await during.json()) as { error: string; message: string; statusCode: number };
    expect(body.statusCode).toBe(503);
    expect(body.message).toMatch(/database is not reachable/);
    // tRPC's own path says the same
    const trpc = await fetch(
      `${base}/trpc/events.list?input=${encodeURIComponent(JSON.stringify({ limit: 2 }))}`,
    );
    expect(trpc.status).toBe(503);
    expect(JSON.stringify(await trpc.json())).toMatch(/database is not reachable/);
    // the server itself is alive
    expect((await fetch(`${base}/healthz`)).status).toBe(200);

    await cluster.start();
    let status = 0;
    let text = "";
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const r = await fetch(base + path);
      status = r.status;
      text = await r.text();
      if (status === 200) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
    expect(text).toBe(answer);
  }, 60_000);
});
