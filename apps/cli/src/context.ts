/**
 * What a running command gets: its parsed options, where to write, and the global options.
 */
import path from "node:path";
import type { CommandSpec } from "./args.ts";
import { EXIT, type Io, quote, UsageError } from "./output.ts";

/** A database named by --db or DEALMAP_DB. */
export interface DbTarget {
  /** What to open: an absolute file path (SQLite) or a postgres:// URL. */
  target: string;
  engine: "sqlite" | "postgres";
  /** How to name it to the user: the path as given, or the URL without its password. */
  shown: string;
  /** Where it was named: the --db option or the DEALMAP_DB environment variable. */
  from: "--db" | "DEALMAP_DB";
}

export interface GlobalOptions {
  /** User data directories (absolute), merged on top of the built-in data. */
  data: string[];
  /** URL of a running API server, when reading remotely. */
  api: string | undefined;
  /** The database to read (or, for `db` commands, to fill), when one is named. */
  db?: DbTarget | undefined;
  json: boolean;
  /** Which of --data, --api and --db were given on the command line (not from the environment). */
  given?: { data: boolean; api: boolean; db: boolean };
}

export interface Ctx {
  io: Io;
  command: string;
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  global: GlobalOptions;
}

/** postgres:// or postgresql:// (the same test as @dealmap/api's isPostgresUrl, without loading it). */
export const isPostgresUrl = (target: string): boolean => /^postgres(ql)?:\/\//i.test(target);

/** A postgres:// URL without its password, for messages (as @dealmap/api's redact does). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgres://…";
  }
}

function dbTarget(value: string, from: DbTarget["from"], cwd: string): DbTarget {
  if (isPostgresUrl(value)) return { target: value, engine: "postgres", shown: redactUrl(value), from };
  // relative paths resolve from where the command was run, like --data
  return { target: path.resolve(cwd, value), engine: "sqlite", shown: value, from };
}

export function globalOptions(values: Ctx["values"], io: Io): GlobalOptions {
  const data = values.data;
  const dirs = (Array.isArray(data) ? data : typeof data === "string" ? [data] : []).map((d) =>
    path.resolve(io.cwd, d),
  );
  const given = {
    data: dirs.length > 0,
    api: typeof values.api === "string",
    db: typeof values.db === "string",
  };
  if (dirs.length === 0 && io.env.DEALMAP_DATA) dirs.push(path.resolve(io.cwd, io.env.DEALMAP_DATA));
  const api = typeof values.api === "string" ? values.api : undefined;
  if (api !== undefined && !/^https?:\/\/[^\s]+$/.test(api)) {
    throw new UsageError(`--api needs an http:// or https:// URL (got ${quote(api)})`);
  }
  const dbValue = typeof values.db === "string" ? values.db : io.env.DEALMAP_DB || undefined;
  const db = dbValue === undefined ? undefined : dbTarget(dbValue, given.db ? "--db" : "DEALMAP_DB", io.cwd);
  return { data: dirs, api, db, json: values.json === true, given };
}

/**
 * The global options as `spec` uses them (undefined: the explorer). Reading commands take one
 * source: --db with --data or --api is a usage error; --data or --api on the command line win
 * over DEALMAP_DB, and DEALMAP_DB over DEALMAP_DATA. Commands that read the data files never
 * read a database: --db on them is a usage error, DEALMAP_DB is left alone. The `db` commands
 * need a database.
 */
export function sourcesFor(spec: CommandSpec | undefined, global: GlobalOptions): GlobalOptions {
  const given = global.given ?? {
    data: global.data.length > 0,
    api: global.api !== undefined,
    db: !!global.db,
  };
  const command = spec?.name;
  const reads = spec?.reads ?? "router";
  if (reads === "files") {
    if (given.db) {
      throw new UsageError(
        `--db does not apply to ${command}: it reads the data files (YAML)${command === "stats" ? "; for a database's counts run `dealmap db status`" : ""}`,
        command,
      );
    }
    return { ...global, db: undefined };
  }
  if (reads === "database") {
    if (!global.db) {
      throw new UsageError(`${command} needs a database: give --db FILE|URL or set DEALMAP_DB`, command);
    }
    if (given.api)
      throw new UsageError(`--api does not apply to ${command}: it works on the database itself`, command);
    if (command !== "db load") {
      if (given.data) {
        throw new UsageError(
          `--data does not apply to ${command}; to put a directory's data into the database run \`dealmap db load --data DIR\``,
          command,
        );
      }
      return { ...global, data: [] };
    }
    return global;
  }
  // the router: one source of data
  if (global.db && given.db) {
    const other = given.data ? "--data" : given.api ? "--api" : undefined;
    if (other === "--data") {
      throw new UsageError(
        "--db and --data cannot be used together: --db reads a database, --data YAML directories; put the directories into the database with `dealmap db load --data DIR --db FILE|URL`",
        command,
      );
    }
    if (other === "--api") {
      throw new UsageError(
        "--db and --api cannot be used together: read a database in-process (--db) or through a running server (--api)",
        command,
      );
    }
  }
  if (global.db && (given.data || given.api)) return { ...global, db: undefined };
  // a database holds the data DEALMAP_DATA would add (db load reads it)
  if (global.db) return { ...global, data: [] };
  return global;
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
