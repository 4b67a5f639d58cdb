/**
 * Limits that hold on every request, through Fastify's hooks: the URL's length (414 naming the
 * longest parameter), a body that trickles in slower than a set rate (408), and an oversized
 * body (413), which is read and thrown away up to a bound first, so that a client still
 * uploading can read the answer instead of finding its connection cut.
 */
import { Transform, type TransformCallback } from "node:stream";
import type { FastifyInstance } from "fastify";
import { errorBody } from "./errors.ts";

export interface LimitOptions {
  /** Longest URL in characters. */
  maxUrlLength: number;
  /** Slowest body accepted, in bytes a second, once `graceMs` has passed. */
  minBodyRate: number;
  /** Time a body may take before its rate is judged. */
  graceMs: number;
  /** Most bytes of an oversized body read and thrown away before the 413 goes out. */
  discardLimit: number;
}

/** The longest query parameter of a URL, to name it when a URL is too long. */
function longestParameter(url: string): string | undefined {
  const q = url.indexOf("?");
  if (q < 0) return undefined;
  let best: string | undefined;
  let bestLen = -1;
  for (const part of url.slice(q + 1).split("&")) {
    const eq = part.indexOf("=");
    let name = eq < 0 ? part : part.slice(0, eq);
    try {
      name = decodeURIComponent(name.replace(/\+/g, " "));
    } catch {
      // keep it as written
    }
    if (part.length > bestLen) {
      bestLen = part.length;
      best = name.slice(0, 64);
    }
  }
  return best;
}

/** A body slower than the allowed rate. */
class SlowBodyError extends Error {
  readonly statusCode = 408;
  readonly code = "DEALMAP_SLOW_BODY";
  constructor(bytes: number, ms: number, minRate: number) {
    super(
      `body: ${bytes} bytes in ${(ms / 1000).toFixed(1)} s is slower than the minimum of ${minRate} bytes a second`,
    );
  }
}

/** Passes a body through, failing it when it arrives slower than `minRate` after `graceMs`. */
class RateGuard extends Transform {
  private bytes = 0;
  private readonly started = Date.now();
  private readonly timer: NodeJS.Timeout;
  constructor(minRate: number, graceMs: number) {
    super();
    this.timer = setInterval(
      () => {
        const ms = Date.now() - this.started;
        if (ms >= graceMs && this.bytes < (minRate * ms) / 1000)
          this.destroy(new SlowBodyError(this.bytes, ms, minRate));
      },
      Math.max(100, Math.min(1000, graceMs / 2)),
    );
    this.timer.unref();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    done(null, chunk);
  }
  override _destroy(err: Error | null, done: (error?: Error | null) => void): void {
    clearInterval(this.timer);
    done(err);
  }
  override _flush(done: TransformCallback): void {
    clearInterval(this.timer);
    done();
  }
}

export function registerLimits(app: FastifyInstance, opts: LimitOptions): void {
  app.addHook("onRequest", (req, reply, done) => {
    if (req.url.length > opts.maxUrlLength) {
      const parameter = longestParameter(req.url);
      reply
        .code(414)
        .send(
          errorBody(
            414,
            `the URL is ${req.url.length} characters, over the limit of ${opts.maxUrlLength}` +
              (parameter ? `; the longest parameter is "${parameter}"` : ""),
            parameter ? { parameter } : {},
          ),
        );
      return;
    }
    done();
  });

  app.addHook("preParsing", (req, reply, payload, done) => {
    const h = req.headers;
    // only a request that carries a body can trickle it
    if (h["content-length"] === undefined && h["transfer-encoding"] === undefined) return done(null, payload);
    if (h["content-length"] === "0") return done(null, payload);
    const guard = new RateGuard(opts.minBodyRate, opts.graceMs);
    payload.on("error", (err) => guard.destroy(err));
    // an answer sent before the body was read (e.g. a 413) ends the guard's watch
    reply.raw.once("close", () => {
      if (!guard.destroyed) guard.destroy();
    });
    done(null, payload.pipe(guard));
  });

  // An answer sent while the client is still uploading would make Node close the socket under
  // it: read (and drop) what is left, up to a bound, then answer.
  app.addHook("onError", (req, reply, error, done) => {
    const code = (error as { code?: string }).code;
    if (code !== "FST_ERR_CTP_BODY_TOO_LARGE" && code !== "DEALMAP_SLOW_BODY") return done();
    reply.header("connection", "close");
    const raw = req.raw;
    if (raw.complete || code === "DEALMAP_SLOW_BODY") return done();
    raw.unpipe();
    let dropped = 0;
    const finish = () => {
      raw.off("data", onData);
      raw.off("end", finish);
      raw.off("error", finish);
      done();
    };
    const onData = (chunk: Buffer) => {
      dropped += chunk.length;
      if (dropped > opts.discardLimit) finish();
    };
    raw.on("data", onData);
    raw.on("end", finish);
    raw.on("error", finish);
    raw.resume();
  });
}
