/**
 * tRPC instance: context (a Store), OpenAPI metadata for the REST mirror, an error formatter
 * that names the offending parameter, and the public procedure.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import type { OpenApiMeta } from "trpc-to-openapi";
import { ZodError } from "zod";
import { type Store, StoreBadInputError, StoreNotFoundError } from "./store/types.ts";

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

/** The parameter a store error names (`cursor`, `id`, `about`), if the error is one. */
export function storeField(error: unknown): string | undefined {
  return error instanceof StoreNotFoundError || error instanceof StoreBadInputError ? error.field : undefined;
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
          ...(storeField(error) ? { parameter: storeField(error) } : {}),
        },
      };
    },
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/**
 * Every procedure is built on this. It has no middleware of its own: each middleware costs
 * every call (tRPC copies its options object per layer), and the store's errors are already
 * tRPC errors (NOT_FOUND, BAD_REQUEST), so nothing needs translating.
 */
export const publicProcedure = t.procedure;

/** Throw NOT_FOUND naming the id when a lookup found nothing. */
export function found<T>(value: T | undefined, what: string, id: string): T {
  if (value === undefined) throw new TRPCError({ code: "NOT_FOUND", message: `no ${what} with id "${id}"` });
  return value;
}
