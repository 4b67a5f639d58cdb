/**
 * tRPC over HTTP at `/trpc`. Every request can go through tRPC's own Fastify handler
 * (`fastifyRequestHandler`), which speaks the whole protocol: batches, POSTed queries, streamed
 * (`trpc-accept: application/jsonl`) answers, and the error shapes of our error formatter.
 *
 * That handler turns each request into a Fetch `Request` (with an AbortSignal, a URL and
 * headers objects), runs tRPC's middleware chain and streams a Fetch `Response` back, about a
 * millisecond a request on this machine. Most traffic is the plain case — GET, one query or a
 * batch of them, JSON answers — so that case has a fast path: parse the `input` parameter, call
 * each procedure directly (input schema, resolver, output schema; see `directInvoker`), and
 * write the same envelope tRPC writes (`{"result":{"data":…}}`, an array of them for a batch).
 * Anything else, and any call that fails, goes to tRPC's handler, so every error is formatted
 * by tRPC itself. Queries read immutable data, so running one again there is harmless.
 * `trpc-http.test.ts` checks that both paths give the same status, type and bytes.
 */
import type { AnyRouter } from "@trpc/server";
import { type FastifyTRPCPluginOptions, fastifyRequestHandler } from "@trpc/server/adapters/fastify";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type Invoker, isPromiseLike } from "./rest.ts";
import type { Context } from "./trpc.ts";

export interface TrpcHttpOptions<TRouter extends AnyRouter> {
  prefix: string;
  trpcOptions: FastifyTRPCPluginOptions<TRouter>["trpcOptions"];
  /** Direct calls by procedure path (only queries); absent paths always use tRPC's handler. */
  invokers: ReadonlyMap<string, Invoker>;
  /** What the direct calls see (the server's store). */
  context: Context;
  /** Bytes of a value, exactly as JSON.stringify would give them. */
  serialize: (value: unknown) => Buffer;
  /** Turn the fast path off (tests compare both paths). Default on. */
  fastPath?: boolean;
  /** Most calls in one batch (tRPC's handler has no limit). Default 50. */
  maxBatch?: number;
}

const OPEN = Buffer.from('{"result":{"data":');
const CLOSE = Buffer.from("}}");
const COMMA = Buffer.from(",");
const LEFT = Buffer.from("[");
const RIGHT = Buffer.from("]");

/**
 * The inputs of a plain GET call or batch: undefined when the request is anything else (a POST,
 * a streamed batch, unknown parameters, input that is not JSON), which tRPC's handler answers.
 */
function plainCalls(
  req: FastifyRequest,
  path: string,
  invokers: ReadonlyMap<string, Invoker>,
  maxBatch: number,
): { invoker: Invoker; input: unknown }[] | undefined {
  if (req.method !== "GET" || req.headers["trpc-accept"] !== undefined) return undefined;
  const query = req.query as Record<string, unknown>;
  let batch = false;
  let raw: unknown;
  for (const key in query) {
    if (key === "batch" && query.batch === "1") batch = true;
    else if (key === "input" && typeof query.input === "string") raw = query.input;
    else return undefined;
  }
  let parsed: unknown;
  if (raw !== undefined) {
    try {
      parsed = JSON.parse(raw as string);
    } catch {
      return undefined;
    }
  }
  const paths = batch ? path.split(",") : [path];
  if (paths.length > maxBatch) return undefined;
  if (batch && (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))) return undefined;
  const calls: { invoker: Invoker; input: unknown }[] = [];
  for (let i = 0; i < paths.length; i++) {
    const invoker = invokers.get(paths[i] as string);
    if (!invoker) return undefined;
    calls.push({ invoker, input: batch ? (parsed as Record<string, unknown>)[String(i)] : parsed });
  }
  return calls;
}

/** Mount tRPC at `prefix`, with the fast path in front of tRPC's handler. */
export async function registerTrpcHttp<TRouter extends AnyRouter>(
  app: FastifyInstance,
  opts: TrpcHttpOptions<TRouter>,
): Promise<void> {
  const fast = opts.fastPath !== false;
  const maxBatch = opts.maxBatch ?? 50;
  const ctx = opts.context;
  const official = (req: FastifyRequest, reply: FastifyReply, path: string) =>
    fastifyRequestHandler({ ...opts.trpcOptions, req, res: reply, path } as Parameters<
      typeof fastifyRequestHandler
    >[0]);
  const send = (req: FastifyRequest, reply: FastifyReply, results: unknown[]) => {
    const parts: Buffer[] = [];
    const batch = (req.query as { batch?: string }).batch === "1";
    if (batch) parts.push(LEFT);
    results.forEach((data, i) => {
      if (i > 0) parts.push(COMMA);
      parts.push(OPEN, opts.serialize(data), CLOSE);
    });
    if (batch) parts.push(RIGHT);
    return reply
      .code(200)
      .header("content-type", "application/json")
      .header("vary", "trpc-accept, accept")
      .send(Buffer.concat(parts));
  };
  /** Give up on a batch: calls already under way may still fail, which nobody awaits now. */
  const settled = (started: unknown[]): undefined => {
    for (const r of started) if (isPromiseLike(r)) Promise.resolve(r).catch(() => {});
    return undefined;
  };
  /**
   * The answers of the direct calls: an array, a promise of one when a call is asynchronous,
   * or undefined when any call fails or answers nothing (tRPC's handler then answers).
   */
  const direct = (
    calls: { invoker: Invoker; input: unknown }[],
  ): unknown[] | Promise<unknown[] | undefined> | undefined => {
    const results: unknown[] = [];
    let pending = false;
    for (const c of calls) {
      let data: unknown;
      try {
        data = c.invoker(ctx, c.input);
      } catch {
        return settled(results);
      }
      if (isPromiseLike(data)) pending = true;
      else if (data === undefined) return settled(results);
      results.push(data);
    }
    if (!pending) return results;
    return Promise.all(results).then(
      (all) => (all.every((d) => d !== undefined) ? all : undefined),
      () => undefined,
    );
  };

  await app.register(
    async (scope) => {
      // as tRPC's own plugin does: bodies reach tRPC as text, which parses them itself
      scope.removeContentTypeParser("application/json");
      scope.addContentTypeParser("application/json", { parseAs: "string" }, (_req, body, done) =>
        done(null, body),
      );
      scope.all("/:path", (req, reply) => {
        const path = (req.params as { path: string }).path;
        const calls = fast ? plainCalls(req, path, opts.invokers, maxBatch) : undefined;
        const results = calls ? direct(calls) : undefined;
        if (Array.isArray(results)) return send(req, reply, results);
        if (results === undefined) return official(req, reply, path).then(() => reply);
        return results.then((all) =>
          all ? send(req, reply, all) : official(req, reply, path).then(() => reply),
        );
      });
    },
    { prefix: opts.prefix },
  );
}
