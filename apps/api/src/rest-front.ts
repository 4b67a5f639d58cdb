/**
 * The REST mirror's front path: plain GETs of the mirror answered before Fastify sees them.
 *
 * For an answer that goes out uncompressed, Fastify's per-request machinery (request and reply
 * objects, a child logger, the hook chain, header bookkeeping) costs about as much as the query
 * and the serialization together; measured on the 100k timeline page, answering in front of it
 * takes a quarter less CPU a request. So the common case — a GET of a mirror path with nothing
 * that needs the full pipeline — is answered here, with the same status, headers and bytes the
 * Fastify route gives (`rest-front.test.ts` compares the two on every endpoint). Everything
 * else goes to Fastify untouched:
 *
 * - anything but GET, a URL over the length limit, a path with characters beyond letters,
 *   digits, `-`, `_`, `~` (Fastify's router decodes those), an unknown path;
 * - `If-None-Match` (a 304 is Fastify's), a client that accepts compression (compressing costs
 *   far more than Fastify does, and @fastify/compress does it), an `Origin` when CORS is on,
 *   a server that is closing (Fastify answers 503);
 * - any call that fails: Fastify runs it again and writes the error, so every error body comes
 *   from one place. Queries read immutable data, so running one twice is harmless.
 *
 * It shares the response cache and the ETag with the Fastify route, and logs a "request
 * completed" line at info level as Fastify does (one line per request, not two).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { parse as parseQuery } from "fast-querystring";
import type { FastifyBaseLogger } from "fastify";
import { isPromiseLike, type RestMirror } from "./rest.ts";

/** What the front path shares with the server (see server.ts). */
export interface RestFrontOptions {
  /** The mirror's prefix (`/api/v1`). */
  base: string;
  mirror: RestMirror;
  serialize: (value: unknown) => Buffer;
  maxUrlLength: number;
  /** The response cache, or null without one. */
  cache: {
    get(key: string): { body: string | Buffer; contentType: string } | undefined;
    set(key: string, value: { body: string | Buffer; contentType: string }): void;
  } | null;
  /** The cache key of a URL (it includes the day). */
  cacheKey: (url: string) => string;
  etag: () => string;
  /** Whether CORS is on (a request with an Origin then goes to Fastify). */
  cors: boolean;
  closing: () => boolean;
  log: FastifyBaseLogger;
}

const JSON_TYPE = "application/json; charset=utf-8";
/** Path segments that need no decoding, as Fastify's router would leave them. */
const PLAIN_PATH = /^(?:\/[A-Za-z0-9_~-]+)+\/?$/;
/** A request's Cache-Control that skips the response cache. */
export const NO_CACHE = /no-cache|no-store/;

/**
 * A request listener for the front path: answers the request and returns true, or returns
 * false (having done nothing) for Fastify to answer. `fallback` answers a request whose call
 * failed after all (an asynchronous answer that rejected).
 */
export function restFront(
  opts: RestFrontOptions,
  fallback: (req: IncomingMessage, res: ServerResponse) => void,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const prefix = `${opts.base}/`;
  const { mirror, cache, log } = opts;
  let served = 0;

  const send = (
    req: IncomingMessage,
    res: ServerResponse,
    body: string | Buffer,
    contentType: string,
    started: number,
  ) => {
    // what Fastify's request serializer reads (method, url, headers, host, ip, socket), taken
    // before the answer goes out
    const logged =
      ((log as { isLevelEnabled?: (level: string) => boolean }).isLevelEnabled?.("info") ?? true)
        ? {
            method: req.method,
            url: req.url,
            headers: req.headers,
            host: req.headers.host,
            ip: req.socket.remoteAddress,
            socket: { remotePort: req.socket.remotePort },
          }
        : undefined;
    res.writeHead(200, {
      "content-type": contentType,
      etag: opts.etag(),
      "cache-control": "public, max-age=60",
      "content-length": typeof body === "string" ? Buffer.byteLength(body) : body.length,
    });
    res.end(body);
    if (logged) {
      log.info(
        {
          reqId: `front-${(++served).toString(36)}`,
          req: logged,
          res: { statusCode: 200 },
          responseTime: performance.now() - started,
        },
        "request completed",
      );
    }
  };

  const answer = (
    req: IncomingMessage,
    res: ServerResponse,
    data: unknown,
    key: string | undefined,
    started: number,
  ) => {
    const body = opts.serialize(data);
    send(req, res, body, JSON_TYPE, started);
    // a copy: answers are cut from shared slabs (see rest.ts)
    if (key !== undefined && cache) cache.set(key, { body: Buffer.from(body), contentType: JSON_TYPE });
  };

  return (req, res) => {
    const url = req.url;
    if (
      req.method !== "GET" ||
      url === undefined ||
      url.length > opts.maxUrlLength ||
      !url.startsWith(prefix)
    )
      return false;
    const h = req.headers;
    const encoding = h["accept-encoding"];
    if (
      h["if-none-match"] !== undefined ||
      (encoding !== undefined && encoding.trim() !== "" && encoding.trim() !== "identity") ||
      (opts.cors && h.origin !== undefined) ||
      opts.closing()
    )
      return false;
    const q = url.indexOf("?");
    const path = url.slice(opts.base.length, q < 0 ? undefined : q);
    if (path.length > 1000 || !PLAIN_PATH.test(path)) return false;
    const found = mirror.find(path);
    if (!found) return false;
    const started = performance.now();
    const cc = h["cache-control"];
    const key = cache && (cc === undefined || !NO_CACHE.test(cc)) ? opts.cacheKey(url) : undefined;
    if (key !== undefined) {
      const hit = cache?.get(key);
      if (hit) {
        send(req, res, hit.body, hit.contentType, started);
        return true;
      }
    }
    let data: unknown;
    try {
      // as Fastify's router: everything after the first "?", parsed by the same library
      const qs = q < 0 ? "" : url.slice(q + 1);
      data = mirror.call(
        found.route,
        qs.length === 0 ? {} : (parseQuery(qs) as Record<string, unknown>),
        found.params,
      );
    } catch {
      return false;
    }
    if (isPromiseLike(data)) {
      Promise.resolve(data)
        .then(
          (value) => answer(req, res, value, key, started),
          () => fallback(req, res),
        )
        .catch(() => (res.headersSent ? res.destroy() : fallback(req, res)));
      return true;
    }
    try {
      answer(req, res, data, key, started);
    } catch {
      // nothing went out yet unless the write itself failed
      if (res.headersSent) res.destroy();
      else return false;
    }
    return true;
  };
}
