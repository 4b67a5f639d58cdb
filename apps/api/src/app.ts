/**
 * The standalone HTTP server (Fastify 5), over `@dealmap/api`:
 *
 * - `GET /healthz` — liveness plus the data version;
 * - `/trpc` — the tRPC router through tRPC's Fastify adapter (what the web and TUI use remotely);
 * - `/api/v1/…` — a REST mirror of the read queries: Fastify routes that call the procedures
 *   (rest.ts), described by the OpenAPI 3 document at `GET /api/openapi.json`.
 *
 * Every request goes through Fastify's lifecycle and its hooks, in this order: limits
 * (limits.ts), HTTP caching (http-cache.ts), compression, security headers, one log line.
 * Every error is a JSON body with a 4xx/5xx status; bad input names the parameter and never
 * shows a stack. CORS is off unless origins are allowed in `DEALMAP_CORS_ORIGINS`.
 */
import {
  appRouter,
  type Context,
  type ContextOptions,
  createContextInner,
  MAX_BATCH,
  resolveStore,
  type Store,
} from "@dealmap/api";
import compress from "@fastify/compress";
import cors from "@fastify/cors";
import { type FastifyTRPCPluginOptions, fastifyTRPCPlugin } from "@trpc/server/adapters/fastify";
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  LogController,
} from "fastify";
import { registerErrorHandlers } from "./errors.ts";
import { registerHttpCache } from "./http-cache.ts";
import { registerLimits } from "./limits.ts";
import { OPENAPI_PATH, openApiDocument, REST_BASE } from "./openapi.ts";
import { registerRest } from "./rest.ts";

export { OPENAPI_PATH, REST_BASE } from "./openapi.ts";

export interface ServerOptions {
  /** Data to serve (default: built-in data + DEALMAP_DATA + DEALMAP_SOURCES). */
  context?: ContextOptions;
  /** Fastify logger option: false in tests, pino options otherwise (default: info to stdout). */
  logger?: FastifyServerOptions["logger"];
  /** Origins allowed by CORS (default: from DEALMAP_CORS_ORIGINS; none when unset). */
  corsOrigins?: string[];
  /** Largest request body in bytes (default 100 KB). */
  bodyLimit?: number;
  /**
   * Longest request URL in characters (default 8192): room for `GET /api/v1/entities` with its
   * most ids (200 of 35 characters), under Node's 16 KB for a request's head.
   */
  maxUrlLength?: number;
  /** Bytes the response cache may hold (default: DEALMAP_CACHE_MB megabytes, else 64 MB; 0 turns it off). */
  responseCacheBytes?: number;
  /** Slowest request body accepted, bytes a second after the first 5 s (default 1024). */
  minBodyRate?: number;
  /** Time a body may take before its rate is judged, in ms (default 5000). */
  bodyGraceMs?: number;
}

/** Parse `DEALMAP_CORS_ORIGINS`: comma-separated origins, `*` for any. */
export function corsOriginsFromEnv(value = process.env.DEALMAP_CORS_ORIGINS): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** `DEALMAP_CACHE_MB` in bytes (default 64 MB). */
export function cacheBytesFromEnv(value = process.env.DEALMAP_CACHE_MB): number {
  const mb = value === undefined || value.trim() === "" ? 64 : Number(value);
  if (!Number.isFinite(mb) || mb < 0)
    throw new Error(`DEALMAP_CACHE_MB: expected a number of megabytes ≥ 0, got "${value}"`);
  return Math.round(mb * 1024 * 1024);
}

/** Compressible answers: the ones whose bytes depend on Accept-Encoding. */
const COMPRESSIBLE = /^(application\/json|text\/)/;

/**
 * One log line per request, when it completes, instead of Fastify's two (incoming and
 * completed): method, URL, status, time and client.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}
  override requestCompleted(error: Error | null | undefined, req: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(req)) return;
    const line = {
      method: req.method,
      url: req.url.length > 300 ? `${req.url.slice(0, 300)}…` : req.url,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      client: req.ip,
    };
    if (error) reply.log.error({ ...line, err: error }, "request failed");
    else reply.log.info(line, "request");
  }
}

/** Build the server (not listening yet): `await (await buildServer()).listen({ port: 0 })`. */
export async function buildServer(opts: ServerOptions = {}): Promise<FastifyInstance> {
  const store: Store = await resolveStore(opts.context);
  // A long-running server builds its search index up front, so the first search is as fast as
  // the rest (the store itself builds it lazily, for short-lived CLI runs).
  await store.search("warm-up", { limit: 1 });
  const app = Fastify({
    logger: opts.logger ?? { level: process.env.LOG_LEVEL ?? "info" },
    logController: new OneLinePerRequest(),
    bodyLimit: opts.bodyLimit ?? 100 * 1024,
    routerOptions: { maxParamLength: 1000 },
    requestTimeout: 30_000,
    // closing is handled in main.ts: in-flight requests finish, idle keep-alive sockets close
    return503OnClosing: true,
    forceCloseConnections: false,
  });

  app.log.info(
    {
      store: store.engine,
      ...(store.engine !== "memory" ? { database: (store as { name?: string }).name } : {}),
    },
    "serving data",
  );
  // once per server: what loading the data skipped (e.g. a source text whose hash differs)
  for (const warning of store.loadWarnings?.() ?? []) app.log.warn({ warning }, "data loaded with a warning");

  registerLimits(app, {
    maxUrlLength: opts.maxUrlLength ?? 8192,
    minBodyRate: opts.minBodyRate ?? 1024,
    graceMs: opts.bodyGraceMs ?? 5000,
    discardLimit: 10 * 1024 * 1024,
  });

  // no allowed origins: no CORS at all (a preflight is then a 404)
  const origins = opts.corsOrigins ?? corsOriginsFromEnv();
  if (origins.length > 0) {
    await app.register(cors, {
      origin: origins.includes("*") ? true : origins,
      methods: ["GET", "HEAD", "POST", "OPTIONS"],
    });
  }

  // a database store notices a load by another process (at most once a second), before the
  // response cache is asked: its keys and ETags carry the data's version
  if (store.refresh) {
    const refresh = store.refresh.bind(store);
    app.addHook("onRequest", async () => {
      // an unreachable database is the request's own 503, not the hook's
      await refresh().catch(() => {});
    });
  }
  const cacheStats = registerHttpCache(app, {
    version: () => store.version,
    maxBytes: opts.responseCacheBytes ?? cacheBytesFromEnv(),
  });

  // after the cache's hooks, so that they see (and keep) uncompressed bodies
  await app.register(compress, { global: true, threshold: 1024 });

  app.addHook("onSend", (_req, reply, payload, done) => {
    reply.header("x-content-type-options", "nosniff");
    const type = String(reply.getHeader("content-type") ?? "");
    if (COMPRESSIBLE.test(type) || reply.statusCode === 304) {
      const vary = String(reply.getHeader("vary") ?? "");
      if (!/accept-encoding/i.test(vary))
        reply.header("vary", vary ? `${vary}, Accept-Encoding` : "Accept-Encoding");
    }
    done(null, payload);
  });

  registerErrorHandlers(app);

  app.get("/healthz", async (_req, reply) => {
    reply.header("cache-control", "no-store");
    const m = process.memoryUsage();
    const mb = (n: number) => Math.round(n / 1048576);
    return {
      status: "ok",
      version: store.version,
      responseCache: cacheStats(),
      memoryMb: {
        rss: mb(m.rss),
        heapUsed: mb(m.heapUsed),
        heapTotal: mb(m.heapTotal),
        external: mb(m.external),
      },
    };
  });

  const doc = openApiDocument(store.version);
  app.get(OPENAPI_PATH, async () => doc);

  // one context for every call: the store, and the whole texts beside it when it has any
  const context = await createContextInner({ store });
  const createContext = async (): Promise<Context> => context;
  await app.register(fastifyTRPCPlugin, {
    prefix: "/trpc",
    trpcOptions: {
      router: appRouter,
      createContext,
      maxBatchSize: MAX_BATCH,
      // queries may also be POSTed (long inputs); a malformed body is then a PARSE_ERROR (400)
      allowMethodOverride: true,
      responseMeta({ type, errors }) {
        if (type === "query" && errors.length === 0)
          return { headers: { "cache-control": "public, max-age=60" } };
        return {};
      },
      onError({ error, path }) {
        if (error.code === "INTERNAL_SERVER_ERROR")
          app.log.error({ err: error, path }, "tRPC procedure failed");
      },
    } satisfies FastifyTRPCPluginOptions<typeof appRouter>["trpcOptions"],
  });

  registerRest(app, { base: REST_BASE, doc, createContext });
  return app;
}
