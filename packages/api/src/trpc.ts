/**
 * tRPC instance: context (a Store), OpenAPI metadata for the REST mirror, the one place where
 * store errors become tRPC errors, and an error formatter that names the offending parameter.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import type { OpenApiMeta } from "trpc-to-openapi";
import * as z from "zod";
import { ZodError } from "zod";
import { DatabaseUnavailableError } from "./store/sql/engine.ts";
import { type Store, StoreBadInputError, StoreNotFoundError } from "./store/types.ts";

/**
 * The paragraphs of a source's whole text, as the store holds it; `undefined` when there is
 * none. Stores hand out only cited paragraphs, so the context reads whole texts beside them.
 */
export type SourceParagraphs = (id: string) => Promise<readonly string[] | undefined>;

/** What every procedure sees. */
export interface Context {
  store: Store;
  /**
   * Whole source texts, for the procedures that need more than the cited paragraphs
   * (`sources.cite`). Absent for a store passed in as is, such as a database store.
   */
  sourceParagraphs?: SourceParagraphs;
}

/** Most calls one tRPC batch may hold (over HTTP, in `apps/api` and the web's route handler). */
export const MAX_BATCH = 10;

/** One problem with the input, named by its parameter path (`limit`, `kinds.2`). */
export interface InputIssue {
  parameter: string;
  message: string;
}

export function issuesOf(err: ZodError): InputIssue[] {
  return err.issues.map((i) => {
    const base = i.path.map(String).join(".");
    // an unknown parameter is named itself, not its parent object
    const keys =
      i.code === "unrecognized_keys" ? i.keys.map((k) => (base ? `${base}.${k}` : k)).join(", ") : "";
    return { parameter: keys || base || "(input)", message: i.message };
  });
}

/** What a client is told about a failed call: a message and, where one is at fault, the parameter. */
export interface ErrorDescription {
  message: string;
  parameter?: string;
  issues?: InputIssue[];
}

/** The parameter a store error (or another error naming one) carries in its `field`. */
function fieldOf(error: unknown): string | undefined {
  if (error instanceof StoreNotFoundError || error instanceof StoreBadInputError) return error.field;
  if (error instanceof ParameterError) return error.parameter;
  return undefined;
}

/** An error about one named parameter (e.g. a REST endpoint given a parameter it does not take). */
export class ParameterError extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(`${parameter}: ${message}`);
    this.name = "ParameterError";
  }
}

/**
 * Describe a tRPC error for clients, the same way on every transport (tRPC's error shape, the
 * REST mirror's JSON errors): input issues by parameter, never internals.
 */
export function describeError(error: TRPCError): ErrorDescription {
  if (error.code === "INTERNAL_SERVER_ERROR") return { message: "internal error" };
  if (error.cause instanceof ZodError) {
    const issues = issuesOf(error.cause);
    return {
      message: issues.map((i) => `${i.parameter}: ${i.message}`).join("; "),
      parameter: issues[0]?.parameter,
      issues,
    };
  }
  // tRPC parses the `input` query parameter (GET) or the body (POST) as JSON itself
  if (error.code === "BAD_REQUEST" && error.cause instanceof SyntaxError)
    return { message: `input: not valid JSON (${error.message})`, parameter: "input" };
  // tRPC's own batch limit (maxBatchSize) says no number: name ours
  if (error.code === "BAD_REQUEST" && error.message === "Batch call exceeds maximum size")
    return { message: `a batch may hold at most ${MAX_BATCH} calls`, parameter: "batch" };
  const parameter = fieldOf(error.cause);
  return { message: error.message, ...(parameter ? { parameter } : {}) };
}

const t = initTRPC
  .context<Context>()
  .meta<OpenApiMeta>()
  .create({
    errorFormatter({ shape, error }) {
      const d = describeError(error);
      return {
        ...shape,
        message: d.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          ...(d.issues ? { issues: d.issues } : {}),
          ...(d.parameter ? { parameter: d.parameter } : {}),
        },
      };
    },
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/**
 * Store errors are plain errors (stores know nothing of tRPC); this is the one place they get
 * their tRPC codes, which tRPC and the REST mirror turn into HTTP statuses.
 */
const storeErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof StoreNotFoundError)
      throw new TRPCError({ code: "NOT_FOUND", message: cause.message, cause });
    if (cause instanceof StoreBadInputError || cause instanceof ParameterError)
      throw new TRPCError({ code: "BAD_REQUEST", message: cause.message, cause });
    if (cause instanceof DatabaseUnavailableError)
      throw new TRPCError({
        code: "SERVICE_UNAVAILABLE",
        message: "the database is not reachable right now; try again in a moment",
        cause,
      });
  }
  return result;
});

/**
 * How a procedure's answer is checked: given the answer's zod schema, the validator handed to
 * tRPC's `.output()`. The router files take one, so the same procedures can be built twice.
 */
export type Answer = <T extends z.ZodType>(schema: T) => (value: unknown) => z.output<T>;

/**
 * The served router's answers: zod's compiled validator, as a tRPC validator function. tRPC
 * checks a zod schema through `parseAsync`, which zod's compiler leaves to the slower runtime
 * parser; a function is called as is, so the compiled synchronous `parse` does the check
 * (a 27-event timeline page: 0.04 ms against 0.3–0.6 ms). A failed check is tRPC's
 * "Output validation failed", an internal error. Each schema is compiled on its procedure's
 * first answer, not when the router is built: compiling all of them at import took about
 * 130 ms of every process's start (the TUI's first frame, each CLI command).
 */
export const compiledAnswer: Answer = (schema) => {
  let compiled: ReturnType<typeof z.compile<typeof schema>> | undefined;
  return (value) => {
    compiled ??= z.compile(schema);
    return compiled.parse(value);
  };
};

/**
 * The documented router's answers: the zod schema itself, which trpc-to-openapi reads to write
 * the OpenAPI document. That router is never called, so the schema stands in for the function.
 */
export const schemaAnswer: Answer = (schema) =>
  schema as unknown as (value: unknown) => z.output<typeof schema>;

/** Every procedure is built on this. */
export const publicProcedure = t.procedure.use(storeErrors);

/** Throw NOT_FOUND naming the id when a lookup found nothing. */
export async function found<T>(
  lookup: T | undefined | Promise<T | undefined>,
  what: string,
  id: string,
): Promise<T> {
  const value = await lookup;
  if (value === undefined) throw new TRPCError({ code: "NOT_FOUND", message: `no ${what} with id "${id}"` });
  return value;
}

/** The name of each of `ids` that is an actor, else the id itself: one call of the store. */
export async function actorNames(store: Store, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const refs = await store.entities(unique);
  return new Map(
    unique.map((id, i) => {
      const ref = refs[i];
      return [id, ref?.kind === "actor" ? ref.entity.name : id] as const;
    }),
  );
}
