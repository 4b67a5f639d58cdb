/**
 * JSON errors for everything Fastify itself rejects (unknown routes, bodies, URLs) and for the
 * REST mirror's failed calls: one body shape, a status, a message naming the parameter at
 * fault, never a stack.
 */
import { describeError } from "@dealmap/api";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import type { FastifyError, FastifyInstance } from "fastify";

/** What every error answer holds. */
export interface ErrorBody {
  error: string;
  message: string;
  statusCode: number;
  parameter?: string;
  issues?: { parameter: string; message: string }[];
}

const STATUS_NAMES: Record<number, string> = {
  400: "Bad Request",
  404: "Not Found",
  405: "Method Not Allowed",
  408: "Request Timeout",
  413: "Payload Too Large",
  414: "URI Too Long",
  415: "Unsupported Media Type",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

export function errorBody(statusCode: number, message: string, extra: Partial<ErrorBody> = {}): ErrorBody {
  return { error: STATUS_NAMES[statusCode] ?? "Error", message, statusCode, ...extra };
}

/** The body for an error thrown by a procedure called through the REST mirror. */
export function restErrorBody(err: unknown): ErrorBody {
  if (!(err instanceof TRPCError)) return errorBody(500, "internal error");
  const statusCode = getHTTPStatusCodeFromError(err);
  const d = describeError(err);
  return {
    error: err.code,
    // a 503 says what is wrong (the database is away) and that trying again will do
    message: statusCode >= 500 && statusCode !== 503 ? "internal error" : d.message,
    statusCode,
    ...(statusCode < 500 && d.parameter ? { parameter: d.parameter } : {}),
    ...(statusCode < 500 && d.issues ? { issues: d.issues } : {}),
  };
}

/** Fastify's body errors concern the body; name it as the parameter. */
const BODY_ERRORS = new Set([
  "FST_ERR_CTP_BODY_TOO_LARGE",
  "FST_ERR_CTP_INVALID_JSON_BODY",
  "FST_ERR_CTP_EMPTY_JSON_BODY",
  "FST_ERR_CTP_INVALID_CONTENT_LENGTH",
]);

/** Install the error and not-found handlers. */
export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    if (status >= 500) {
      req.log.error({ err }, "request failed");
      return reply.code(status).send(errorBody(status, status === 503 ? err.message : "internal error"));
    }
    const parameter = BODY_ERRORS.has(err.code) ? "body" : undefined;
    return reply.code(status).send(errorBody(status, err.message, parameter ? { parameter } : {}));
  });
  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send(errorBody(404, `no route ${req.method} ${req.url.split("?")[0]?.slice(0, 200)}`));
  });
}
