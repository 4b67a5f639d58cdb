/**
 * What a running command gets: its parsed options, where to write, and the global options.
 */
import path from "node:path";
import { EXIT, type Io, quote, UsageError } from "./output.ts";

export interface GlobalOptions {
  /** User data directories (absolute), merged on top of the built-in data. */
  data: string[];
  /** URL of a running API server, when reading remotely. */
  api: string | undefined;
  json: boolean;
}

export interface Ctx {
  io: Io;
  command: string;
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  global: GlobalOptions;
}

export function globalOptions(values: Ctx["values"], io: Io): GlobalOptions {
  const data = values.data;
  const dirs = (Array.isArray(data) ? data : typeof data === "string" ? [data] : []).map((d) =>
    path.resolve(io.cwd, d),
  );
  if (dirs.length === 0 && io.env.DEALMAP_DATA) dirs.push(path.resolve(io.cwd, io.env.DEALMAP_DATA));
  const api = typeof values.api === "string" ? values.api : undefined;
  if (api !== undefined && !/^https?:\/\/[^\s]+$/.test(api)) {
    throw new UsageError(`--api needs an http:// or https:// URL (got ${quote(api)})`);
  }
  return { data: dirs, api, json: values.json === true };
}

export function str(ctx: Ctx, name: string): string | undefined {
  const v = ctx.values[name];
  return typeof v === "string" ? v : undefined;
}

/** A positive integer option such as --limit. */
export function int(ctx: Ctx, name: string): number | undefined {
  const v = str(ctx, name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < 1) {
    throw new UsageError(`--${name} must be a positive whole number (got ${quote(v)})`, ctx.command);
  }
  return Number(v);
}

export { EXIT };
