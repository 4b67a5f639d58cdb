/**
 * The REST mirror: `GET /api/v1/<path>` calls the procedure whose OpenAPI metadata names that
 * path (the same metadata trpc-to-openapi turns into the OpenAPI document). Query parameters
 * are coerced the documented way — numbers from text, a lone value of an array parameter
 * becomes a one-item array (repeat a parameter for more), flags accept "true"/"false" — and
 * then the procedure validates them like any other call.
 *
 * This small layer replaces trpc-to-openapi's request handler: that one builds a fetch
 * Request, an abort signal and a caller per request and loses large bodies under
 * @fastify/compress; here a request is one regexp match and one procedure call.
 *
 * The call itself skips tRPC's caller too. A tRPC call runs the procedure's middleware chain
 * (input parser, output parser, resolver), and each layer copies the call's options object, which
 * on this machine costs about 13 µs a layer, more than a timeline query. Our procedures have no
 * middleware besides those parsers (`directInvoker` checks, and falls back to the caller for a
 * procedure that has one), so REST runs the same three steps itself: the procedure's input
 * schema, its resolver, its output schema (which validates only with VALIDATE_ANSWERS, like
 * tRPC's).
 */

import type { AnyRouter } from "@trpc/server";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ZodError } from "zod";
import { acceptInput } from "./fast-input.ts";
import { UNCHECKED } from "./schemas.ts";
import { type Context, issuesOf, storeField } from "./trpc.ts";

interface ZodLike {
  _zod?: { def?: { type?: string; innerType?: ZodLike; in?: ZodLike; out?: ZodLike } };
  shape?: Record<string, ZodLike>;
}

/**
 * A direct call of one procedure: validated input in, answer out. Gives the answer itself when
 * the resolver gives one synchronously (every store query does), a promise otherwise; throws
 * (or rejects with) TRPCErrors.
 */
export type Invoker = (ctx: Context, input: unknown) => unknown;

/** Whether a value is a promise (or any thenable). */
export function isPromiseLike(v: unknown): v is PromiseLike<unknown> {
  return typeof (v as { then?: unknown } | null)?.then === "function";
}

interface RestRoute {
  procedure: string;
  /** Calls the procedure without tRPC's caller (undefined: use the caller). */
  invoke?: Invoker;
  /** The OpenAPI path (`/events/{id}`). */
  path: string;
  /** Matches a request path, with a group per path parameter. */
  pattern: RegExp;
  hasInput: boolean;
  numberKeys: Set<string>;
  arrayKeys: Set<string>;
}

/** The type of a schema under optional/default/nullable wrappers. */
function baseType(schema: ZodLike | undefined): string | undefined {
  let s = schema;
  for (let i = 0; i < 10 && s?._zod?.def; i++) {
    const def = s._zod.def;
    if (
      def.type === "optional" ||
      def.type === "default" ||
      def.type === "nullable" ||
      def.type === "prefault"
    )
      s = def.innerType;
    else return def.type;
  }
  return s?._zod?.def?.type;
}

interface ProcedureDef {
  meta?: { openapi?: { method: string; path: string } };
  inputs: ZodLike[];
  output?: unknown;
  resolver?: unknown;
  middlewares: { _type?: string; name?: string }[];
}

interface SafeParser {
  safeParse(v: unknown): { success: true; data: unknown } | { success: false; error: unknown };
}
interface AsyncParser {
  parseAsync(v: unknown): Promise<unknown>;
}

/**
 * A direct call of a procedure: its input schema, resolver and output schema, or undefined when
 * the procedure has anything else in its chain (a middleware), which only tRPC's caller runs.
 */
export function directInvoker(path: string, def: ProcedureDef): Invoker | undefined {
  const plain = def.middlewares.every(
    (m) => m._type === "input" || m._type === "output" || m.name === "resolveMiddleware",
  );
  const resolver = def.resolver as ((opts: Record<string, unknown>) => unknown) | undefined;
  const input = def.inputs[0] as unknown as SafeParser | undefined;
  const output = def.output as AsyncParser | undefined;
  if (
    (def as { type?: string }).type !== "query" ||
    !plain ||
    typeof resolver !== "function" ||
    def.inputs.length > 1 ||
    (input && typeof input.safeParse !== "function") ||
    (output && typeof output.parseAsync !== "function")
  )
    return undefined;
  // an answer schema that does not validate (production) is skipped, not called
  const checked = output !== undefined && !(output as { [UNCHECKED]?: boolean })[UNCHECKED];
  const quick = input ? acceptInput(input) : undefined;
  const validated = async (data: unknown) => {
    const value = await data;
    try {
      return await (output as AsyncParser).parseAsync(value);
    } catch (cause) {
      throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "Output validation failed", cause });
    }
  };
  return (ctx, raw) => {
    let parsed: unknown = raw;
    if (input) {
      parsed = quick?.(raw);
      if (parsed === undefined) {
        const r = input.safeParse(raw);
        // the same error tRPC's input parser throws: BAD_REQUEST caused by the ZodError
        if (!r.success) throw new TRPCError({ code: "BAD_REQUEST", cause: r.error });
        parsed = r.data;
      }
    }
    const data = resolver({ ctx, input: parsed, path, type: "query", meta: def.meta, signal: undefined });
    return checked ? validated(data) : data;
  };
}

/** Direct calls of every query procedure that has one, by path (`events.list`). */
export function queryInvokers(router: AnyRouter): Map<string, Invoker> {
  const out = new Map<string, Invoker>();
  const procedures = router._def.procedures as Record<string, { _def: ProcedureDef }>;
  for (const [path, proc] of Object.entries(procedures)) {
    const invoke = directInvoker(path, proc._def);
    if (invoke) out.set(path, invoke);
  }
  return out;
}

/** REST routes from the router's OpenAPI metadata, in declaration order (first match wins). */
export function restRoutes(router: AnyRouter): RestRoute[] {
  const routes: RestRoute[] = [];
  const procedures = router._def.procedures as Record<string, { _def: ProcedureDef }>;
  for (const [procedure, proc] of Object.entries(procedures)) {
    const openapi = proc._def.meta?.openapi;
    if (openapi?.method !== "GET") continue; // only read queries are mirrored
    const input = proc._def.inputs[0];
    const shape = input?.shape ?? {};
    const numberKeys = new Set<string>();
    const arrayKeys = new Set<string>();
    for (const [key, schema] of Object.entries(shape)) {
      const t = baseType(schema);
      if (t === "number") numberKeys.add(key);
      if (t === "array") arrayKeys.add(key);
    }
    const source = openapi.path
      .replace(/[.*+?^$()|[\]\\]/g, "\\$&")
      .replace(/\\?\{(\w+)\\?\}/g, (_m, key: string) => `(?<${key}>[^/]+)`);
    routes.push({
      procedure,
      invoke: directInvoker(procedure, proc._def),
      path: openapi.path,
      pattern: new RegExp(`^${source}/?$`),
      hasInput: input !== undefined,
      numberKeys,
      arrayKeys,
    });
  }
  return routes;
}

/** Turn query-string values into the types the procedure's input schema takes. */
function coerce(
  route: RestRoute,
  query: Record<string, unknown>,
  params: Record<string, string> | undefined,
) {
  const input: Record<string, unknown> = {};
  for (const key in query) {
    let value = query[key];
    if (route.arrayKeys.has(key) && !Array.isArray(value)) value = [value];
    else if (route.numberKeys.has(key) && typeof value === "string" && value.trim() !== "") {
      const n = Number(value);
      value = Number.isNaN(n) ? value : n;
    }
    input[key] = value;
  }
  if (params) for (const key in params) input[key] = decodeURIComponentSafe(params[key] as string);
  return input;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * `JSON.stringify` into UTF-8 bytes, with the bytes of shared objects cached: answers are
 * mostly the store's entities and summaries (events of a timeline page, actors of a list),
 * which never change while the server runs, so each is serialized and encoded once. An answer
 * is then the cached pieces copied side by side, and the bytes go to the socket as they are (a
 * string would be measured and encoded again on the way out). Gives exactly the bytes of
 * `JSON.stringify`.
 *
 * The walk only goes where shared objects can be: an object or array holding no objects is
 * handed to the native serializer whole, and below MAX_DEPTH everything is.
 */
export function createSerializer(isShared: (o: object) => boolean): (value: unknown) => Buffer {
  const cache = new WeakMap<object, Buffer>();
  const MAX_DEPTH = 5;
  // The answer being written: bytes go straight into `buf` (the current slab, or a bigger
  // buffer once an answer outgrows what is left of it) from `start` on, at `at`. Structure and
  // small values gather in `text` first and go in when cached bytes come next or at the end. A
  // call never starts another, so one set of state serves every call (no closures per answer).
  let buf = slab;
  let start = 0;
  let at = 0;
  let text = "";
  /** Room for n more bytes. */
  const room = (n: number) => {
    if (at + n <= buf.length) return;
    const written = at - start;
    const bigger = Buffer.allocUnsafe(Math.max(2 * (written + n), 64 * 1024));
    buf.copy(bigger, 0, start, at);
    buf = bigger;
    start = 0;
    at = written;
  };
  const flush = () => {
    const t = text;
    if (t === "") return;
    text = "";
    if (isShortAscii(t)) {
      room(t.length);
      for (let i = 0; i < t.length; i++) buf[at++] = t.charCodeAt(i);
    } else {
      room(3 * t.length); // the most UTF-8 bytes a UTF-16 text can take
      at += buf.write(t, at, "utf8");
    }
  };
  const bytesOf = (v: object): Buffer | undefined => {
    let bytes = cache.get(v);
    if (bytes === undefined && isShared(v)) {
      bytes = Buffer.from(JSON.stringify(v), "utf8");
      cache.set(v, bytes);
    }
    return bytes;
  };
  const put = (bytes: Buffer) => {
    flush();
    room(bytes.length);
    buf.set(bytes, at);
    at += bytes.length;
  };
  const flat = (v: object): boolean => {
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (typeof v[i] === "object" && v[i] !== null) return false;
      return true;
    }
    for (const key in v) {
      const x = (v as Record<string, unknown>)[key];
      if (typeof x === "object" && x !== null) return false;
    }
    return true;
  };
  // returns false for a value JSON leaves out (undefined, functions, symbols)
  const write = (v: unknown, depth: number): boolean => {
    if (v === null || typeof v !== "object") {
      const json = JSON.stringify(v);
      if (json === undefined) return false;
      text += json;
      return true;
    }
    const bytes = bytesOf(v);
    if (bytes !== undefined) {
      put(bytes);
      return true;
    }
    if (depth >= MAX_DEPTH || typeof (v as { toJSON?: unknown }).toJSON === "function" || flat(v)) {
      text += JSON.stringify(v);
      return true;
    }
    if (Array.isArray(v)) {
      text += "[";
      for (let i = 0; i < v.length; i++) {
        const item = v[i];
        // the common case, a list of entities: comma and bytes straight in
        const cached = typeof item === "object" && item !== null ? bytesOf(item) : undefined;
        if (cached !== undefined) {
          if (i > 0) text += ",";
          put(cached);
          continue;
        }
        if (i > 0) text += ",";
        if (!write(item, depth + 1)) text += "null";
      }
      text += "]";
      return true;
    }
    text += "{";
    let first = true;
    for (const key of Object.keys(v)) {
      const mark = text.length;
      text += `${first ? "" : ","}${JSON.stringify(key)}:`;
      // a left-out value writes nothing, so its key is taken back (the key is in this same
      // text run: a value that flushes always writes something)
      if (write((v as Record<string, unknown>)[key], depth + 1)) first = false;
      else text = text.slice(0, mark);
    }
    text += "}";
    return true;
  };
  return (value) => {
    if (slab.length - slabAt < 4096) {
      slab = Buffer.allocUnsafeSlow(SLAB);
      slabAt = 0;
    }
    buf = slab;
    start = slabAt;
    at = slabAt;
    text = "";
    if (!write(value, 0)) text = "null";
    flush();
    const out = buf.subarray(start, at);
    // the slab's next answer starts 8-byte aligned after this one (if it stayed in the slab)
    if (buf === slab) slabAt = Math.min((at + 7) & ~7, SLAB);
    buf = slab;
    return out;
  };
}

/**
 * Memory for answers: 1 MB slabs, cut front to back and never reused (a slab is freed once no
 * answer cut from it is referenced any more). An answer is bigger than Node's own pool takes
 * (4 KB), so `Buffer.allocUnsafe` would make a new backing store for each one; here one is made
 * every few dozen answers. An answer that outgrows what is left of a slab moves to a buffer of
 * its own.
 */
const SLAB = 1024 * 1024;
let slab = Buffer.allocUnsafeSlow(SLAB);
let slabAt = 0;

function isShortAscii(s: string): boolean {
  if (s.length > 64) return false;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

export interface RestError {
  error: string;
  message: string;
  statusCode: number;
  parameter?: string;
  issues?: { parameter: string; message: string }[];
}

/** A JSON error body for a thrown error: status from the tRPC code, parameters named. */
export function restError(err: unknown): RestError {
  if (!(err instanceof TRPCError))
    return { error: "INTERNAL_SERVER_ERROR", message: "internal error", statusCode: 500 };
  const statusCode = getHTTPStatusCodeFromError(err);
  if (statusCode >= 500) return { error: err.code, message: "internal error", statusCode };
  if (err.cause instanceof ZodError) {
    const issues = issuesOf(err.cause);
    return {
      error: err.code,
      message: issues.map((i) => `${i.parameter}: ${i.message}`).join("; "),
      statusCode,
      parameter: issues[0]?.parameter,
      issues,
    };
  }
  const parameter = err.cause instanceof NoParametersError ? err.cause.parameter : storeField(err);
  return { error: err.code, message: err.message, statusCode, ...(parameter ? { parameter } : {}) };
}

/** The REST mirror's routes and calls, shared by its Fastify route and the front path. */
export interface RestMirror {
  /**
   * The route a path below the base names (`/events`, `/events/ev-1`; a trailing slash is
   * ignored) and its path parameters, or undefined.
   */
  find(path: string): { route: RestRoute; params?: Record<string, string> } | undefined;
  /**
   * Call a route with a request's query parameters: the answer, or a promise of it (see
   * `Invoker`); throws TRPCErrors. A route that takes no input gets BAD_REQUEST for any.
   */
  call(route: RestRoute, query: Record<string, unknown>, params?: Record<string, string>): unknown;
}

export function createRestMirror(router: AnyRouter, context: Context): RestMirror {
  const routes = restRoutes(router);
  // paths without parameters are found by name; the others by their patterns, in order
  const exact = new Map<string, RestRoute>();
  const patterned: RestRoute[] = [];
  for (const r of routes) {
    if (r.path.includes("{")) patterned.push(r);
    else if (!exact.has(r.path)) exact.set(r.path, r);
  }
  const caller = (router.createCaller as (ctx: Context) => Record<string, unknown>)(context);
  return {
    find(path) {
      const route = exact.get(path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path);
      if (route) return { route };
      for (const r of patterned) {
        const m = r.pattern.exec(path);
        if (m) return { route: r, params: m.groups };
      }
      return undefined;
    },
    call(route, query, params) {
      if (!route.hasInput) {
        for (const extra in query) {
          throw new TRPCError({
            code: "BAD_REQUEST",
            message: `${extra}: this endpoint takes no parameters`,
            cause: new NoParametersError(extra),
          });
        }
      }
      const input = route.hasInput ? coerce(route, query, params) : undefined;
      if (route.invoke) return route.invoke(context, input);
      let fn: unknown = caller;
      for (const part of route.procedure.split(".")) fn = (fn as Record<string, unknown>)[part];
      return (fn as (i: unknown) => Promise<unknown>)(input);
    },
  };
}

/** The cause of the error for a parameter given to an endpoint that takes none (names it). */
class NoParametersError extends Error {
  constructor(readonly parameter: string) {
    super(`${parameter}: this endpoint takes no parameters`);
  }
}

/** Mount the REST mirror under `base` (e.g. /api/v1). */
export function registerRest(
  app: FastifyInstance,
  opts: {
    base: string;
    mirror: RestMirror;
    /** Bytes of an answer (default: JSON.stringify's, with no entity cache). */
    serialize?: (value: unknown) => Buffer;
  },
): void {
  const serialize = opts.serialize ?? createSerializer(() => false);
  const { mirror } = opts;
  const answer = (reply: FastifyReply, data: unknown) =>
    reply.type("application/json; charset=utf-8").send(serialize(data));
  const fail = (request: FastifyRequest, reply: FastifyReply, route: RestRoute, err: unknown) => {
    const body = restError(err);
    if (body.statusCode >= 500)
      request.log.error({ err, procedure: route.procedure }, "REST procedure failed");
    return reply.code(body.statusCode).send(body);
  };
  app.route({
    method: ["GET", "POST", "PUT", "PATCH", "DELETE"],
    url: `${opts.base}/*`,
    // not async: a store query answers synchronously, and the answer goes out in the same tick
    handler: (request, reply) => {
      const path = `/${(request.params as { "*": string })["*"] ?? ""}`;
      if (request.method !== "GET" && request.method !== "HEAD") {
        return reply.code(405).send({
          error: "METHOD_NOT_SUPPORTED",
          message: `${opts.base}${path} is read-only: use GET`,
          statusCode: 405,
        });
      }
      const found = mirror.find(path);
      if (!found) {
        return reply
          .code(404)
          .send({ error: "NOT_FOUND", message: `no endpoint ${opts.base}${path}`, statusCode: 404 });
      }
      const { route, params } = found;
      let data: unknown;
      try {
        data = mirror.call(route, (request.query ?? {}) as Record<string, unknown>, params);
      } catch (err) {
        return fail(request, reply, route, err);
      }
      if (isPromiseLike(data)) {
        return Promise.resolve(data).then(
          (value) => answer(reply, value),
          (err: unknown) => fail(request, reply, route, err),
        );
      }
      return answer(reply, data);
    },
  });
}
