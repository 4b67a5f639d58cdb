/**
 * HTTP-level checks against the production server started with the package's own `start`
 * script: statuses of bad and unknown addresses, the CSP whatever the request headers, the
 * address the server listens on, server paths on the bad-data page, the tRPC batch limit.
 */
import { existsSync, readFileSync } from "node:fs";
import { connect } from "node:net";
import { homedir, networkInterfaces, tmpdir } from "node:os";
import path from "node:path";
import { MAX_BATCH } from "@dealmap/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { brokenDataServer, type Server, startServer, webDir } from "./harness.ts";

let server: Server;

beforeAll(async () => {
  server = await startServer({ DEALMAP_DATA: "" });
});

afterAll(async () => {
  await server?.stop();
});

/** Every entity page with an id in its address. */
const ID_ROUTES = [
  "actors",
  "events",
  "places",
  "routes",
  "deals",
  "sources",
  "relations",
  "assessments",
  "e",
];

async function get(pathname: string, headers: Record<string, string> = {}) {
  const res = await fetch(server.url + pathname, { headers, redirect: "manual" });
  return { res, html: await res.text() };
}

/**
 * The site's own 404 page, not a bare error text. A `notFound()` thrown by a page is rendered
 * by Next as an empty HTML shell whose inlined data holds the not-found page (the browser
 * draws it: see the not-found views in explorer.test.ts); its head already has the page title.
 */
function expectNotFoundPage(html: string, what: string) {
  expect(html, what).toMatch(/<title>Not found · Dealmap<\/title>/);
  expect(html, what).toMatch(/Nothing here/);
  expect(html, what).toMatch(/perhaps the id is misspelled/);
  expect(html, what).toMatch(/site-header/);
}

describe("addresses that name nothing", () => {
  it("bad percent-encoding in any [id] route answers 404 with the not-found page, not 500", async () => {
    for (const kind of ID_ROUTES) {
      for (const bad of ["%ZZ", "a%ZZb", "%E0%A4%A", "%"]) {
        const pathname = `/${kind}/${bad}`;
        const { res, html } = await get(pathname);
        expect([400, 404], pathname).toContain(res.status);
        expect(res.headers.get("content-type"), pathname).toMatch(/text\/html/);
        expect(res.headers.get("content-security-policy"), pathname).toMatch(/script-src/);
        expectNotFoundPage(html, pathname);
      }
    }
    // the tRPC route is a dynamic route too: a JSON 404 for a procedure that does not exist
    const trpc = await fetch(`${server.url}/api/trpc/%ZZ`);
    expect(trpc.status).toBe(404);
    expect(((await trpc.json()) as { error: { data: { code: string } } }).error.data.code).toBe("NOT_FOUND");
  });

  it("unknown and invalid ids answer a real 404 with the helpful page; known ones still answer", async () => {
    for (const kind of ID_ROUTES) {
      for (const id of ["nope", "NOT%20AN%20ID"]) {
        const pathname = `/${kind}/${id}`;
        const { res, html } = await get(pathname);
        expect(res.status, pathname).toBe(404);
        expectNotFoundPage(html, pathname);
      }
    }
    expect((await get("/actors/alexander-lukashenko")).res.status).toBe(200);
    expect((await get("/deals/deal-2025-12-potash")).res.status).toBe(200);
    const redirect = await get("/e/alexander-lukashenko");
    expect(redirect.res.status).toBe(307);
    expect(redirect.res.headers.get("location")).toBe("/actors/alexander-lukashenko");
  });
});

describe("Content-Security-Policy", () => {
  const HEADERS: Record<string, Record<string, string>> = {
    plain: {},
    "Purpose: prefetch": { Purpose: "prefetch" },
    "next-router-prefetch: 1": { "next-router-prefetch": "1" },
    "Sec-Purpose: prefetch": { "Sec-Purpose": "prefetch" },
  };
  for (const [name, headers] of Object.entries(HEADERS)) {
    it(`every HTML answer carries it, with the nonce its scripts use (${name})`, async () => {
      for (const pathname of ["/", "/actors/alexander-lukashenko", "/actors/nope", "/api/nope"]) {
        const { res, html } = await get(pathname, headers);
        const what = `${pathname} with ${name}`;
        expect(res.headers.get("content-type"), what).toMatch(/text\/html/);
        const csp = res.headers.get("content-security-policy") ?? "";
        const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
        expect(nonce, what).toBeTruthy();
        expect(csp, what).toMatch(/frame-ancestors 'none'/);
        const scripts = html.match(/<script\b[^>]*>/g) ?? [];
        expect(scripts.length, what).toBeGreaterThan(0);
        for (const tag of scripts) expect(tag, what).toContain(`nonce="${nonce}"`);
      }
    });
  }
});

/** Listening TCP sockets on a port, as `address` strings from /proc/net/tcp and tcp6. */
function listeningOn(port: number): string[] {
  const out: string[] = [];
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, "utf8").split("\n").slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (!local || state !== "0A") continue; // 0A = LISTEN
      const [hex, portHex] = local.split(":");
      if (!hex || Number.parseInt(portHex ?? "", 16) !== port) continue;
      if (hex.length === 8) {
        // IPv4, stored little-endian
        out.push(
          (hex.match(/../g) ?? [])
            .reverse()
            .map((b) => Number.parseInt(b, 16))
            .join("."),
        );
      } else out.push(hex === "0".repeat(32) ? "::" : `ipv6:${hex}`);
    }
  }
  return out;
}

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(3000);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** This machine's addresses that are not loopback (IPv4). */
function otherAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && a.family === "IPv4" && !a.internal)
    .map((a) => a?.address ?? "");
}

describe("the address the server listens on", () => {
  it("is 127.0.0.1 by default: no other local address is accepted", async () => {
    expect(await accepts("127.0.0.1", server.port)).toBe(true);
    if (existsSync("/proc/net/tcp")) expect(listeningOn(server.port)).toEqual(["127.0.0.1"]);
    // the rest of 127.0.0.0/8 is local on Linux too, and reaches a server bound to 0.0.0.0
    expect(await accepts("127.0.0.2", server.port)).toBe(false);
    for (const address of otherAddresses()) expect(await accepts(address, server.port), address).toBe(false);
  });

  it("HOST chooses another one", async () => {
    const other = await startServer({ DEALMAP_DATA: "", HOST: "127.0.0.2" });
    try {
      expect(other.url).toBe(`http://127.0.0.2:${other.port}`);
      if (existsSync("/proc/net/tcp")) expect(listeningOn(other.port)).toEqual(["127.0.0.2"]);
      expect(await accepts("127.0.0.2", other.port)).toBe(true);
      expect(await accepts("127.0.0.1", other.port)).toBe(false);
    } finally {
      await other.stop();
    }
  });
});

describe("a DEALMAP_DATA directory with a problem", () => {
  const broken = brokenDataServer();

  it("lists the problem by data-relative path and shows no server path", async () => {
    for (const pathname of [
      "/",
      "/actors",
      "/timeline",
      "/actors/alexander-lukashenko",
      "/e/alexander-lukashenko",
    ]) {
      const res = await fetch(broken.server().url + pathname);
      const html = await res.text();
      expect(html, pathname).toMatch(/The data could not be loaded/);
      expect(html, pathname).toMatch(/my-data\/actors\/x\.yaml:\d+:\d+/);
      for (const secret of [
        broken.scratch(),
        tmpdir(),
        webDir,
        path.resolve(webDir, "../.."),
        homedir(),
        "/tmp/",
        "/work/",
      ])
        expect(html.includes(secret), `${pathname} shows ${secret}`).toBe(false);
    }
  });
});

describe("tRPC batches over /api/trpc", () => {
  const batch = (n: number) =>
    `${server.url}/api/trpc/${Array.from({ length: n }, () => "network.graph").join(",")}?batch=1&input=${encodeURIComponent(
      JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [i, {}]))),
    )}`;

  it(`answers a batch of MAX_BATCH (${MAX_BATCH}) calls`, async () => {
    const res = await fetch(batch(MAX_BATCH));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result?: { data: { nodes: unknown[] } } }[];
    expect(body).toHaveLength(MAX_BATCH);
    for (const item of body) expect(item.result?.data.nodes.length).toBeGreaterThan(10);
  });

  it("refuses a batch of MAX_BATCH + 1 calls with a 400 naming the limit", async () => {
    const res = await fetch(batch(MAX_BATCH + 1));
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toContain(`at most ${MAX_BATCH} calls`);
    expect(text.length).toBeLessThan(10_000);
  });
});

describe("relative data directories", () => {
  it("resolve from where pnpm was run (INIT_CWD), not from apps/web", async () => {
    const root = path.resolve(webDir, "../..");
    // as `pnpm start` at the root runs it: the web's start script, INIT_CWD the root
    const relative = await startServer({
      INIT_CWD: root,
      npm_lifecycle_event: "start",
      npm_package_name: "@dealmap/web",
      DEALMAP_DATA: "apps/web/e2e/fixtures/user-data",
    });
    try {
      const res = await fetch(`${relative.url}/events/e2e-script-event`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).not.toContain("The data could not be loaded");
      expect(html).toContain("Fixture event");
    } finally {
      await relative.stop();
    }
  });
});
