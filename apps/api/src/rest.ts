/**
 * The REST mirror: one Fastify GET route per query procedure that declares an OpenAPI path
 * (`/api/v1/events/{id}` → `events.get`), read from the OpenAPI document itself. Each route
 * turns the query string into the procedure's input the documented way — numbers from text, a
 * lone value of an array parameter becomes a one-item array (repeat a parameter for more) — and
 * calls the procedure through tRPC's caller, which validates the input with zod as on /trpc.
 */
import { type AppRouter, type Context, createCaller, ParameterError } from "@dealmap/api";
import { TRPCError } from "@trpc/server";
import type { FastifyInstance } from "fastify";
import { errorBody, restErrorBody } from "./errors.ts";
import type { OpenApiDocument } from "./openapi.ts";

interface Parameter {
  name: string;
  schema?: { type?: string };
}

/** One mirrored operation: its Fastify path and how to call it. */
export interface RestOperation {
  /** Path below the base, in OpenAPI form (`/events/{id}`). */
  path: string;
  /** The procedure (`events.get`). */
  procedure: string;
  /** Parameters that take arrays, numbers; whether it takes any parameter at all. */
  arrays: Set<string>;
  numbers: Set<string>;
  takesParameters: boolean;
}

/** The GET operations of an OpenAPI document, in the document's order. */
export function restOperations(doc: OpenApiDocument): RestOperation[] {
  const out: RestOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const get = item?.get;
    if (!get?.operationId) continue;
    const arrays = new Set<string>();
    const numbers = new Set<string>();
    const parameters = (get.parameters ?? []) as Parameter[];
    for (const p of parameters) {
      const type = p.schema?.type;
      if (type === "array") arrays.add(p.name);
      if (type === "integer" || type === "number") numbers.add(p.name);
    }
    // trpc-to-openapi names an operation by its procedure path, dots as dashes
    out.push({
      path,
      procedure: get.operationId.replaceAll("-", "."),
      arrays,
      numbers,
      takesParameters: parameters.length > 0,
    });
  }
  return out;
}

type Procedure = (input: unknown) => Promise<unknown>;

function procedureOf(caller: unknown, path: string): Procedure {
  let fn: unknown = caller;
  for (const part of path.split(".")) fn = (fn as Record<string, unknown>)[part];
  return fn as Procedure;
}

/** The procedure's input from a request's query string and path parameters. */
function inputOf(op: RestOperation, query: Record<string, unknown>, params: Record<string, string>): unknown {
  if (!op.takesParameters) {
    for (const name in query) throw new ParameterError(name, "this endpoint takes no parameters");
    // procedures without parameters take an empty object or ignore their input
    return {};
  }
  const input: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(query)) {
    let value = raw;
    if (op.arrays.has(key) && !Array.isArray(value)) value = [value];
    else if (op.numbers.has(key) && typeof value === "string" && value.trim() !== "") {
      const n = Number(value);
      if (!Number.isNaN(n)) value = n;
    }
    input[key] = value;
  }
  Object.assign(input, params);
  return input;
}

/** Mount the mirror of `doc`'s GET operations under `base` (e.g. /api/v1). */
export function registerRest(
  app: FastifyInstance,
  opts: { base: string; doc: OpenApiDocument; createContext: () => Promise<Context> },
): void {
  const { base } = opts;
  const probe = createCaller({} as Context);
  for (const op of restOperations(opts.doc)) {
    if (typeof procedureOf(probe as unknown as AppRouter, op.procedure) !== "function")
      throw new Error(`REST mirror: no procedure ${op.procedure} for ${op.path}`);
    app.get(`${base}${op.path.replace(/\{(\w+)\}/g, ":$1")}`, async (req, reply) => {
      try {
        const input = inputOf(
          op,
          (req.query ?? {}) as Record<string, unknown>,
          (req.params ?? {}) as Record<string, string>,
        );
        const caller = createCaller(await opts.createContext());
        const data = await procedureOf(caller, op.procedure)(input);
        reply.header("cache-control", "public, max-age=60");
        return data;
      } catch (err) {
        // a ParameterError thrown before the call is reported like one from inside it
        const error =
          err instanceof ParameterError
            ? new TRPCError({ code: "BAD_REQUEST", message: err.message, cause: err })
            : err;
        const body = restErrorBody(error);
        if (body.statusCode >= 500) req.log.error({ err, procedure: op.procedure }, "REST procedure failed");
        return reply.code(body.statusCode).send(body);
      }
    });
  }
  // anything else below the base: not an endpoint, or not a GET
  app.all(`${base}/*`, async (req, reply) => {
    const path = req.url.split("?")[0]?.slice(0, 200) ?? "";
    if (req.method !== "GET" && req.method !== "HEAD")
      return reply.code(405).send(errorBody(405, `${path} is read-only: use GET`));
    return reply.code(404).send(errorBody(404, `no endpoint ${path}`));
  });
}
