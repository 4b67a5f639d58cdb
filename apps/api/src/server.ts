/**
 * The standalone HTTP server (Fastify 5):
 *
 * - `GET /healthz` — liveness plus the data version;
 * - `/trpc` — the tRPC router (what the web and TUI use remotely);
 * - `/api/v1/…` — a REST mirror of the read queries (trpc-to-openapi), described by the
 *   OpenAPI 3 document at `GET /api/openapi.json`.
 *
 * Plain uncompressed GETs of the REST mirror are answered in front of Fastify's handler with the
 * same bytes and headers (rest-front.ts); everything else goes through Fastify.
 *
 * Every error is a JSON body with a 4xx/5xx status; bad input names the parameter and never
 * shows a stack. GET answers carry a weak ETag derived from the dataset version (and the day,
 * since some answers default to "today") and are answered 304 on If-None-Match; bodies are
 * compressed when the client accepts it. CORS is off unless origins are allowed in
 * `DEALMAP_CORS_ORIGINS` (comma-separated, or `*`).
 *
 * Run: `PORT=4000 pnpm --filter @dealmap/api start` (or `pnpm api` from the root).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { pathToFileURL } from "node:url";
import compress from "@fastify/compress";
import cors from "@fastify/cors";
import type { FastifyTRPCPluginOptions } from "@trpc/server/adapters/fastify";
import Fastify, { type FastifyError, type FastifyInstance, type FastifyServerOptions } from "fastify";
import { generateOpenApiDocument } from "trpc-to-openapi";
import { type ContextOptions, getStore } from "./context.ts";
import { createRestMirror, createSerializer, queryInvokers, registerRest } from "./rest.ts";
import { NO_CACHE, restFront } from "./rest-front.ts";
import { type AppRouter, appRouter } from "./root.ts";
import type { Store } from "./store/types.ts";
import type { Context } from "./trpc.ts";
import { registerTrpcHttp } from "./trpc-http.ts";

export interface ServerOptions {
  /** Data to serve (default: built-in data + DEALMAP_DATA + DEALMAP_SOURCES). */
  context?: ContextOptions;
  /** Fastify logger option: false in tests, pino options otherwise (default: info to stdout). */
  logger?: FastifyServerOptions["logger"];
  /** Origins allowed by CORS (default: from DEALMAP_CORS_ORIGINS; none when unset). */
  corsOrigins?: string[];
  /** Largest request body in bytes (default 100 KB). */
  bodyLimit?: number;
  /** Longest request URL in characters (default 4096). */
  maxUrlLength?: number;
  /**
   * Keep GET answers in memory (default true): the data never changes while the server runs,
   * so an answer is a function of the URL and the day. Requests with `Cache-Control: no-cache`
   * bypass it.
   */
  responseCache?: boolean;
  /** Memory for the response cache in bytes (default 64 MB); least recently used go first. */
  responseCacheBytes?: number;
  /** Answer plain tRPC GET queries without tRPC's HTTP handler (default true; see trpc-http.ts). */
  trpcFastPath?: boolean;
  /** Answer plain REST GETs in front of Fastify (default true; see rest-front.ts). */
  restFront?: boolean;
}

/** A cached answer: its body (text or bytes) and content type. */
export interface CachedAnswer {
  body: string | Buffer;
  contentType: string;
}

/** Memory an entry takes: UTF-16 text is two bytes a character. */
const sizeOf = (key: string, value: CachedAnswer) =>
  key.length * 2 + (typeof value.body === "string" ? value.body.length * 2 : value.body.length);

/** A least-recently-used cache of answers, bounded by the bytes of their bodies. */
export class ResponseCache {
  private readonly map = new Map<string, CachedAnswer>();
  private bytes = 0;
  constructor(private readonly maxBytes: number) {}

  get(key: string): CachedAnswer | undefined {
    const v = this.map.get(key);
    if (v) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: string, value: CachedAnswer): void {
    const size = sizeOf(key, value);
    if (size > this.maxBytes / 8) return; // one answer never takes over the cache
    const old = this.map.get(key);
    if (old) {
      this.bytes -= sizeOf(key, old);
      this.map.delete(key);
    }
    this.map.set(key, value);
    this.bytes += size;
    for (const [k, v] of this.map) {
      if (this.bytes <= this.maxBytes) break;
      this.map.delete(k);
      this.bytes -= sizeOf(k, v);
    }
  }

  get size(): number {
    return this.map.size;
  }
}

/** Prefix of the REST mirror. */
export const REST_BASE = "/api/v1";
export const OPENAPI_PATH = "/api/openapi.json";

/** Parse `DEALMAP_CORS_ORIGINS`: comma-separated origins, `*` for any. */
export function corsOriginsFromEnv(value = process.env.DEALMAP_CORS_ORIGINS): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** The OpenAPI 3 document of the REST mirror. */
export function openApiDocument(version: string) {
  return generateOpenApiDocument(appRouter, {
    title: "Dealmap API",
    description:
      "Read-only queries over Dealmap's dataset: timeline, actors, places, network, routes, deals, sources, search. Errors are JSON with a message naming the parameter.",
    version: `1.0.0+${version}`,
    baseUrl: REST_BASE,
    tags: [
      "stats",
      "events",
      "actors",
      "places",
      "network",
      "routes",
      "deals",
      "sources",
      "search",
      "entity",
    ],
  });
}

interface ErrorBody {
  error: string;
  message: string;
  statusCode: number;
  parameter?: string;
  issues?: { parameter: string; message: string }[];
}

const STATUS_NAMES: Record<number, string> = {
  400: "Bad Request",
  404: "Not Found",
  405: "Method Not Allowed",
  413: "Payload Too Large",
  414: "URI Too Long",
  415: "Unsupported Media Type",
  500: "Internal Server Error",
};

function errorBody(statusCode: number, message: string, extra: Partial<ErrorBody> = {}): ErrorBody {
  return { error: STATUS_NAMES[statusCode] ?? "Error", message, statusCode, ...extra };
}

/** The longest query parameter of a URL, to name it when a URL is too long. */
function longestParameter(url: string): string | undefined {
  const q = url.indexOf("?");
  if (q < 0) return undefined;
  let best: string | undefined;
  let bestLen = -1;
  for (const part of url.slice(q + 1).split("&")) {
    const eq = part.indexOf("=");
    const name = decodeURIComponentSafe(eq < 0 ? part : part.slice(0, eq));
    if (part.length > bestLen) {
      bestLen = part.length;
      best = name.slice(0, 64);
    }
  }
  return best;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    return s;
  }
}

/** Build the server (not listening yet): `await (await buildServer()).listen({ port: 0 })`. */
export async function buildServer(opts: ServerOptions = {}): Promise<FastifyInstance> {
  const store: Store = getStore(opts.context);
  // A long-running server builds its search index up front, so the first search is as fast as
  // the rest (the store itself builds it lazily, for short-lived CLI runs).
  store.search("warm-up", { limit: 1 });
  const maxUrlLength = opts.maxUrlLength ?? 4096;
  // the HTTP server is made here (as Fastify would make it) so that the REST front path can
  // answer before Fastify's handler; `front` is set once the routes are in place
  let front: ((req: IncomingMessage, res: ServerResponse) => boolean) | undefined;
  let fastifyHandler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const app = Fastify({
    logger: opts.logger ?? { level: process.env.LOG_LEVEL ?? "info" },
    bodyLimit: opts.bodyLimit ?? 100 * 1024,
    routerOptions: { maxParamLength: 1000 },
    requestTimeout: 30_000,
    return503OnClosing: true,
    forceCloseConnections: "idle",
    serverFactory: (handler, o) => {
      fastifyHandler = handler;
      const server = createServer((req, res) => {
        if (front === undefined || !front(req, res)) handler(req, res);
      });
      server.keepAliveTimeout = o.keepAliveTimeout as number;
      server.requestTimeout = o.requestTimeout as number;
      server.setTimeout(o.connectionTimeout as number);
      return server;
    },
  });
  let closing = false;
  app.addHook("preClose", (done) => {
    closing = true;
    done();
  });

  // no allowed origins: no CORS at all (the plugin would still run a hook on every request,
  // to add nothing; a preflight is then a 404, as the plugin itself answers it)
  const origins = opts.corsOrigins ?? corsOriginsFromEnv();
  if (origins.length > 0) {
    await app.register(cors, {
      origin: origins.includes("*") ? true : origins,
      methods: ["GET", "HEAD", "POST", "OPTIONS"],
    });
  }

  // the day, recomputed only when it changes (answers may default to "today")
  let day = "";
  let dayEnds = 0;
  let dayTag = "";
  const today = () => {
    const now = Date.now();
    if (now >= dayEnds) {
      day = new Date(now).toISOString().slice(0, 10);
      dayEnds = Date.parse(`${day}T00:00:00Z`) + 86_400_000;
      dayTag = `W/"${store.version}-${day}"`;
    }
    return day;
  };
  const etag = () => {
    today();
    return dayTag;
  };
  const cache =
    opts.responseCache === false ? null : new ResponseCache(opts.responseCacheBytes ?? 64 * 1024 * 1024);
  const cacheKeys = new WeakMap<object, string>();
  const cacheKey = (url: string) => `${today()} ${url}`;
  const fromCache = new WeakSet<object>();

  // callback-style hooks: an async hook costs a promise per request, and these run on every one
  app.addHook("onRequest", (req, reply, done) => {
    if (req.url.length > maxUrlLength) {
      const parameter = longestParameter(req.url);
      reply
        .code(414)
        .send(
          errorBody(
            414,
            `the URL is ${req.url.length} characters, over the limit of ${maxUrlLength}` +
              (parameter ? `; the longest parameter is "${parameter}"` : ""),
            parameter ? { parameter } : {},
          ),
        );
      return;
    }
    if (req.method === "GET" || req.method === "HEAD") {
      const inm = req.headers["if-none-match"];
      if (inm !== undefined) {
        const tag = etag();
        if (inm.split(",").some((t) => t.trim() === tag || t.trim() === "*")) {
          reply.code(304).header("etag", tag).send();
          return;
        }
      }
      // answers depend only on the data, the URL and (for "today" defaults) the day
      const cc = req.headers["cache-control"];
      const noCache = cc !== undefined && NO_CACHE.test(cc);
      if (cache && !noCache && req.method === "GET") {
        const key = cacheKey(req.url);
        const hit = cache.get(key);
        if (hit) {
          fromCache.add(req);
          reply.code(200).header("content-type", hit.contentType).send(hit.body);
          return;
        }
        cacheKeys.set(req, key);
      }
    }
    done();
  });

  app.addHook("onSend", (req, reply, payload, done) => {
    if ((req.method === "GET" || req.method === "HEAD") && reply.statusCode === 200) {
      reply.header("etag", etag());
      reply.header("cache-control", "public, max-age=60");
      const key = cache ? cacheKeys.get(req) : undefined;
      if (cache && key && (typeof payload === "string" || Buffer.isBuffer(payload)) && !fromCache.has(req)) {
        cache.set(key, {
          // a copy: answers are cut from shared slabs (see rest.ts), which a cached answer
          // would otherwise keep alive whole
          body: typeof payload === "string" ? payload : Buffer.from(payload),
          contentType: String(reply.getHeader("content-type") ?? "application/json"),
        });
      }
    } else if (reply.statusCode >= 400) {
      reply.header("cache-control", "no-store");
    }
    done(null, payload);
  });

  // after the hooks above, so that they see (and cache) uncompressed bodies
  await app.register(compress, { global: true, threshold: 1024 });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    if (status >= 500) {
      req.log.error({ err }, "request failed");
      return reply.code(500).send(errorBody(500, "internal error"));
    }
    const parameter =
      err.code === "FST_ERR_CTP_BODY_TOO_LARGE" ||
      err.code === "FST_ERR_CTP_INVALID_JSON_BODY" ||
      err.code === "FST_ERR_CTP_EMPTY_JSON_BODY"
        ? "body"
        : undefined;
    return reply.code(status).send(errorBody(status, err.message, parameter ? { parameter } : {}));
  });

  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send(errorBody(404, `no route ${req.method} ${req.url.split("?")[0]?.slice(0, 200)}`));
  });

  app.get("/healthz", async () => ({ status: "ok", version: store.version }));

  const doc = openApiDocument(store.version);
  app.get(OPENAPI_PATH, async () => doc);

  const createContext = async (): Promise<Context> => ({ store });
  const serialize = createSerializer(store.isShared ? (o) => store.isShared?.(o) === true : () => false);
  await registerTrpcHttp(app, {
    prefix: "/trpc",
    invokers: queryInvokers(appRouter),
    context: { store },
    serialize,
    fastPath: opts.trpcFastPath,
    trpcOptions: {
      router: appRouter,
      createContext,
      // queries may also be POSTed (long inputs); a malformed body is then a PARSE_ERROR (400)
      allowMethodOverride: true,
      onError({ error, path }) {
        if (error.code === "INTERNAL_SERVER_ERROR")
          app.log.error({ err: error, path }, "tRPC procedure failed");
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>["trpcOptions"],
  });
  const mirror = createRestMirror(appRouter, { store });
  registerRest(app, { base: REST_BASE, mirror, serialize });
  if (opts.restFront !== false) {
    front = restFront(
      {
        base: REST_BASE,
        mirror,
        serialize,
        maxUrlLength,
        cache,
        cacheKey,
        etag,
        cors: origins.length > 0,
        closing: () => closing,
        log: app.log,
      },
      (req, res) => fastifyHandler?.(req, res),
    );
  }
  return app;
}

/** Start listening on PORT (default 4000) and stop cleanly on SIGTERM/SIGINT. */
export async function main(): Promise<void> {
  const app = await buildServer();
  const port = Number(process.env.PORT ?? 4000);
  const host = process.env.HOST ?? "127.0.0.1";
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, "shutting down: finishing in-flight requests");
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    app.close().then(
      () => process.exit(0),
      (err) => {
        app.log.error({ err }, "error while closing");
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
  await app.listen({ port, host });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
