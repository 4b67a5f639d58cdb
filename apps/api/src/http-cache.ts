/**
 * HTTP caching through Fastify's hooks. The data cannot change while the server runs, so an
 * answer is a function of the URL, the dataset's version and the day (some answers default to
 * "today"):
 *
 * - every 200 GET carries a weak ETag of version and day, and `If-None-Match` gets a 304;
 * - answers are kept in a least-recently-used cache bounded by the bytes it holds (lru-cache's
 *   `maxSize`), uncompressed, and served from an `onRequest` hook, so they still pass every
 *   later hook (compression, CORS, security headers); no request header skips it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { LRUCache } from "lru-cache";

export interface HttpCacheOptions {
  /** The data's current version (part of the ETag and of every cache key; a database's can change). */
  version: () => string;
  /** Bytes the response cache may hold (0: no response cache). */
  maxBytes: number;
}

interface CachedAnswer {
  body: Buffer;
  contentType: string;
  cacheControl: string;
}

/** What an entry costs besides its body: its key, the record and the cache's bookkeeping. */
const ENTRY_OVERHEAD = 160;

/** Weak ETag and day, recomputed only when the day or the version changes. */
function dayClock(versionOf: () => string) {
  let day = "";
  let ends = 0;
  let tag = "";
  let version = "";
  return () => {
    const now = Date.now();
    const v = versionOf();
    if (now >= ends || v !== version) {
      version = v;
      day = new Date(now).toISOString().slice(0, 10);
      ends = Date.parse(`${day}T00:00:00Z`) + 86_400_000;
      tag = `W/"${version}-${day}"`;
    }
    return { day, tag, version };
  };
}

/** A string's UTF-8 bytes in a buffer of their own. */
function ownBytes(text: string): Buffer {
  const buf = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  buf.write(text);
  return buf;
}

/** A copy of a buffer's bytes in a buffer of their own. */
function copyOf(bytes: Buffer): Buffer {
  const buf = Buffer.allocUnsafeSlow(bytes.length);
  bytes.copy(buf);
  return buf;
}

/** Whether a Fetch API Response (what tRPC's adapter sends). */
function isResponse(v: unknown): v is Response {
  return typeof Response !== "undefined" && v instanceof Response;
}

/** What the response cache holds now (shown on /healthz). */
export interface CacheStats {
  entries: number;
  bytes: number;
  maxBytes: number;
}

export function registerHttpCache(app: FastifyInstance, opts: HttpCacheOptions): () => CacheStats {
  const clock = dayClock(opts.version);
  const cache =
    opts.maxBytes > 0
      ? new LRUCache<string, CachedAnswer>({
          maxSize: opts.maxBytes,
          // no single answer may take more than an eighth of the cache
          maxEntrySize: Math.max(1, Math.floor(opts.maxBytes / 8)),
          sizeCalculation: (v, k) => v.body.length + k.length * 2 + ENTRY_OVERHEAD,
        })
      : null;
  const keys = new WeakMap<FastifyRequest, string>();
  const served = new WeakSet<FastifyRequest>();

  app.addHook("onRequest", (req, reply, done) => {
    if (req.method !== "GET" && req.method !== "HEAD") return done();
    const { day, tag, version } = clock();
    const inm = req.headers["if-none-match"];
    if (inm?.split(",").some((t) => t.trim() === tag || t.trim() === "*")) {
      reply.code(304).header("etag", tag).send();
      return;
    }
    if (cache && req.method === "GET") {
      const key = `${version} ${day} ${req.url}`;
      const hit = cache.get(key);
      if (hit) {
        served.add(req);
        reply.code(200).header("content-type", hit.contentType).header("cache-control", hit.cacheControl);
        reply.send(hit.body);
        return;
      }
      keys.set(req, key);
    }
    done();
  });

  app.addHook("onSend", async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    let body = payload;
    // tRPC's adapter sends a Fetch Response; it is turned into bytes here (its status and
    // headers onto the reply), so that it is cached, compressed and labelled like any answer
    if (isResponse(body)) {
      reply.code(body.status);
      body.headers.forEach((value, name) => {
        reply.header(name, value);
      });
      body = Buffer.from(await body.arrayBuffer());
    }
    if (reply.statusCode >= 400) {
      reply.header("cache-control", "no-store");
      return body;
    }
    if ((req.method === "GET" || req.method === "HEAD") && reply.statusCode === 200) {
      reply.header("etag", clock().tag);
      const key = cache ? keys.get(req) : undefined;
      const cacheControl = String(reply.getHeader("cache-control") ?? "");
      if (cache && key && !served.has(req) && cacheControl.startsWith("public")) {
        // a buffer of its own (not a slice of Node's shared 8 KB pool, which a cached slice would
        // keep alive whole: four times the bytes the cache accounts for), sent as the answer too
        const own =
          typeof body === "string" ? ownBytes(body) : Buffer.isBuffer(body) ? copyOf(body) : undefined;
        if (own) {
          cache.set(key, {
            body: own,
            contentType: String(reply.getHeader("content-type") ?? "application/json"),
            cacheControl,
          });
          return own;
        }
      }
    }
    return body;
  });
  return () => ({ entries: cache?.size ?? 0, bytes: cache?.calculatedSize ?? 0, maxBytes: opts.maxBytes });
}
