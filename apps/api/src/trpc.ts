/**
 * tRPC instance: context (a Store), OpenAPI metadata for the REST mirror, an error formatter
 * that names the offending parameter, and the public procedure that turns store errors into
 * NOT_FOUND / BAD_REQUEST.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import type { OpenApiMeta } from "trpc-to-openapi";
import { ZodError } from "zod";
import { StoreBadInputError } from "./store/memory.ts";
import { type Store, StoreNotFoundError } from "./store/types.ts";

/** What every procedure sees. */
export interface Context {
  store: Store;
}

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

const t = initTRPC
  .context<Context>()
  .meta<OpenApiMeta>()
  .create({
    errorFormatter({ shape, error }) {
      const zod = error.cause instanceof ZodError ? error.cause : null;
      const issues = zod ? issuesOf(zod) : undefined;
      const internal = error.code === "INTERNAL_SERVER_ERROR";
      // tRPC parses the `input` query parameter (GET) or the body (POST) as JSON itself
      const badJson = error.code === "BAD_REQUEST" && !zod && error.cause instanceof SyntaxError;
      return {
        ...shape,
        // never leak internals: a generic message, and no stack outside development
        message: internal
          ? "internal error"
          : issues
            ? issues.map((i) => `${i.parameter}: ${i.message}`).join("; ")
            : badJson
              ? `input: not valid JSON (${shape.message})`
              : shape.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          ...(issues ? { issues, parameter: issues[0]?.parameter } : {}),
          ...(badJson ? { parameter: "input" } : {}),
        },
      };
    },
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/** Maps the store's typed errors to tRPC errors with the same message. */
const storeErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof StoreNotFoundError)
      throw new TRPCError({ code: "NOT_FOUND", message: cause.message, cause });
    if (cause instanceof StoreBadInputError)
      throw new TRPCError({ code: "BAD_REQUEST", message: cause.message, cause });
  }
  return result;
});

export const publicProcedure = t.procedure.use(storeErrors);

/** Throw NOT_FOUND naming the id when a lookup found nothing. */
export function found<T>(value: T | undefined, what: string, id: string): T {
  if (value === undefined) throw new TRPCError({ code: "NOT_FOUND", message: `no ${what} with id "${id}"` });
  return value;
}
