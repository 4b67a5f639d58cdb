/**
 * Opening a Dealmap database: `DEALMAP_DB` (or `--db`) is a file path (SQLite, through
 * better-sqlite3) or a `postgres://` URL (PostgreSQL, through a `pg` pool). Both are driven by
 * Kysely. Opening checks that the database is Dealmap's and of a schema version this build
 * knows (migrating an older one when allowed), and turns every way it can fail into one clear
 * message naming the database.
 */
import { createHash } from "node:crypto";
import { accessSync, constants, existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import SQLite from "better-sqlite3";
import {
  Kysely,
  PostgresDialect,
  type PostgresPool,
  type PostgresPoolClient,
  SqliteDialect,
  sql,
} from "kysely";
import { Migrator } from "kysely/migration";
import pg from "pg";
import Cursor from "pg-cursor";
import { type Database, type Engine, migrations, SCHEMA_VERSION, SCHEMA_VERSIONS } from "./schema.ts";

/** Opening or using the database failed in a way the user can act on. */
export class DatabaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseError";
  }
}

/** The database cannot be reached right now (a server restarting); the request may be retried. */
export class DatabaseUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseUnavailableError";
  }
}

export interface Connection {
  db: Kysely<Database>;
  engine: Engine;
  /** What to call the database in messages (a URL without its password). */
  name: string;
  /** The better-sqlite3 handle (SQLite only): bulk writes use its prepared statements. */
  sqlite?: SQLite.Database;
  /** The pg pool (PostgreSQL only). */
  pool?: pg.Pool;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Create the file / the tables when missing (loads); serving requires an existing database. */
  create?: boolean;
  /** Connections in the pool (PostgreSQL; default 16). */
  poolSize?: number;
}

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/** A URL without its password, for messages and logs. */
export function redact(target: string): string {
  if (!isPostgresUrl(target)) return target;
  try {
    const u = new URL(target);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgres://…";
  }
}

// PostgreSQL returns bigint and numeric as strings by default; our counts fit in a double
pg.types.setTypeParser(20, (v) => Number(v));

/** Connection-level errors of `pg` and the server's "shutting down / starting up" codes. */
export function isUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  if (!e || typeof e !== "object") return false;
  const code = e.code ?? "";
  if (["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "ENOTFOUND", "EHOSTUNREACH"].includes(code))
    return true;
  // 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now, 08xxx connection
  if (code.startsWith("57P") || code.startsWith("08")) return true;
  const m = e.message ?? "";
  return /Connection terminated|connection error|Client has encountered a connection error/i.test(m);
}

async function openSqlite(path: string, opts: OpenOptions): Promise<Connection> {
  const file = resolve(path);
  if (!existsSync(file) && !opts.create)
    throw new DatabaseError(
      `${file}: no such database file (create one with "dealmap db load --db ${path}" or "dealmap db synth")`,
    );
  if (existsSync(file) && statSync(file).isDirectory())
    throw new DatabaseError(`${file}: is a directory, not a database file`);
  let writable = true;
  if (existsSync(file)) {
    try {
      accessSync(file, constants.W_OK);
    } catch {
      writable = false;
    }
  }
  if (!writable && opts.create) throw new DatabaseError(`${file}: the database file is read-only`);
  let raw: SQLite.Database;
  try {
    raw = new SQLite(file, { readonly: !writable, fileMustExist: !opts.create, timeout: 5000 });
  } catch (err) {
    throw new DatabaseError(`${file}: cannot open the database (${(err as Error).message})`);
  }
  try {
    // the first read tells a database from any other file
    raw.pragma("schema_version");
    if (writable) {
      raw.pragma("journal_mode = WAL");
      raw.pragma("synchronous = NORMAL");
    }
    raw.pragma("cache_size = -65536");
  } catch (err) {
    raw.close();
    const code = (err as { code?: string }).code;
    if (code === "SQLITE_NOTADB")
      throw new DatabaseError(`${file}: not a Dealmap database (not an SQLite file)`);
    if (code === "SQLITE_BUSY") throw new DatabaseError(`${file}: the database is locked by another program`);
    throw new DatabaseError(`${file}: cannot open the database (${(err as Error).message})`);
  }
  // Kysely's SQLite driver prepares every query it runs; the store runs the same few SQL texts
  // with new parameters, so the dialect is handed a database whose prepared statements are
  // kept (better-sqlite3 statements are reusable), saving SQLite's compile on every query.
  const statements = new Map<string, SQLite.Statement>();
  const database = {
    close: () => raw.close(),
    prepare: (text: string) => {
      let st = statements.get(text);
      if (st === undefined) {
        st = raw.prepare(text);
        if (statements.size >= 500) statements.delete(statements.keys().next().value as string);
        statements.set(text, st);
      }
      return st;
    },
  };
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  return {
    db,
    engine: "sqlite",
    name: file,
    sqlite: raw,
    close: async () => {
      await db.destroy();
    },
  };
}

/**
 * Names for the reads worth preparing: a SELECT (or WITH) text met a second time gets a name of
 * its own (a hash of the text), under which node-postgres parses it once per connection and
 * PostgreSQL keeps its plan; at most `limit` texts are named, a text met once is not. Texts with
 * `= ANY(` are left unnamed: PostgreSQL hashes an `= ANY` list only when the array is a constant
 * of the statement, so a prepared plan, whose array is a parameter, compares every row with every
 * element (200 ids: 0.65 ms against 0.12 ms a read, measured on the built-in data).
 */
export function statementNames(limit = 400): (text: string) => string | undefined {
  const named = new Map<string, string>();
  const seen = new Set<string>();
  return (text) => {
    const name = named.get(text);
    if (name !== undefined || named.size >= limit) return name;
    if (!/^\s*(select|with)\b/i.test(text) || text.includes("= ANY(")) return undefined;
    if (!seen.has(text)) {
      if (seen.size >= 4 * limit) seen.clear();
      seen.add(text);
      return undefined;
    }
    const made = `dealmap_${createHash("sha1").update(text).digest("hex").slice(0, 24)}`;
    named.set(text, made);
    return made;
  };
}

/**
 * The pool as Kysely's `PostgresPool`, whose clients run each query through node-postgres's
 * callback form instead of its promise form. Same queries, results and errors; but with the
 * promise form, V8's minor collections found nearly everything the reads had allocated still
 * alive and promoted it (11.7 MB every other collection, 10–30 ms pauses), which set the p99 of
 * a read of 200 entities at 13 ms against a median of 2; with the callback form the same loop's
 * collections take 0.3–1.5 ms and promote nothing (see the api server's README). One wrapper
 * per pooled client: Kysely keys its connections by the client object. Reads met again run as
 * named (prepared) statements: see `statementNames`.
 */
function callbackQueries(pool: pg.Pool): PostgresPool {
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const nameOf = statementNames();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    const query = (text: string | Cursor, values?: readonly unknown[]) =>
      typeof text !== "string"
        ? client.query(text)
        : new Promise((resolve, reject) => {
            const name = nameOf(text);
            const cb = (err: Error | undefined, res: pg.QueryResult) => (err ? reject(err) : resolve(res));
            if (name) client.query({ name, text, values: values as unknown[] }, cb);
            else client.query(text, values as unknown[], cb);
          });
    return {
      query: query as PostgresPoolClient["query"],
      release: (destroy?: boolean) => client.release(destroy),
      // Kysely cancels a query by the backend's process id
      get processID() {
        return (client as pg.PoolClient & { processID?: number }).processID;
      },
    };
  };
  return {
    Client: (pool as unknown as { Client: PostgresPool["Client"] }).Client,
    options: pool.options,
    async connect() {
      const client = await pool.connect();
      let w = wrapped.get(client);
      if (!w) {
        w = wrap(client);
        wrapped.set(client, w);
      }
      return w;
    },
    end: () => pool.end(),
  };
}

async function openPostgres(url: string, opts: OpenOptions): Promise<Connection> {
  const name = redact(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 16,
    connectionTimeoutMillis: 5000,
  });
  // an idle client losing its server must not crash the process; the next query reconnects
  pool.on("error", () => {});
  // nor may a lent-out one (a read transaction between its queries, a load): node-postgres
  // emits the loss on the client itself, where nothing listens. Its next query fails (the
  // request gets its 503) and the pool drops it on release.
  pool.on("connect", (client) => client.on("error", () => {}));
  try {
    const c = await pool.connect();
    c.release();
  } catch (err) {
    await pool.end().catch(() => {});
    throw new DatabaseError(`${name}: cannot connect to PostgreSQL (${(err as Error).message})`);
  }
  // pg-cursor lets Kysely's `stream()` read long results a page at a time (the network index)
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: callbackQueries(pool), cursor: Cursor }),
  });
  return {
    db,
    engine: "postgres",
    name,
    pool,
    close: async () => {
      await db.destroy();
    },
  };
}

async function tableNames(c: Connection): Promise<string[]> {
  if (c.engine === "sqlite") {
    const rows = await sql<{
      name: string;
    }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`.execute(c.db);
    return rows.rows.map((r) => r.name);
  }
  const rows = await sql<{
    name: string;
  }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()`.execute(
    c.db,
  );
  return rows.rows.map((r) => r.name);
}

/** The schema version names recorded in the database (empty for a new one). */
async function appliedVersions(c: Connection, tables: string[]): Promise<string[]> {
  if (!tables.includes("kysely_migration")) return [];
  const rows = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(c.db);
  return rows.rows.map((r) => r.name);
}

export interface OpenedDatabase extends Connection {
  schemaVersion: number;
  /** Whether the database holds no data yet (just created). */
  empty: boolean;
}

/**
 * Open `target` (a file path or a postgres:// URL), check it is a Dealmap database of a known
 * schema version, and migrate it to this build's version when it is older. With `create`, a
 * missing file or an empty PostgreSQL database gets the tables.
 */
export async function openDatabase(target: string, opts: OpenOptions = {}): Promise<OpenedDatabase> {
  if (target.trim() === "")
    throw new DatabaseError("DEALMAP_DB is empty: give a file path or a postgres:// URL");
  const c = isPostgresUrl(target) ? await openPostgres(target, opts) : await openSqlite(target, opts);
  try {
    const tables = await tableNames(c);
    const ours = tables.includes("dealmap_meta");
    if (tables.length > 0 && !ours && !opts.create)
      throw new DatabaseError(`${c.name}: not a Dealmap database (it has tables, but not Dealmap's)`);
    if (tables.length > 0 && !ours && tables.some((t) => !t.startsWith("kysely_")))
      throw new DatabaseError(
        `${c.name}: not a Dealmap database (it has other tables: ${tables.slice(0, 5).join(", ")}); use an empty database`,
      );
    if (ours) {
      const app = await c.db
        .selectFrom("dealmap_meta")
        .select("value")
        .where("key", "=", "app")
        .executeTakeFirst();
      if (app?.value !== "dealmap") throw new DatabaseError(`${c.name}: not a Dealmap database`);
    }
    const applied = await appliedVersions(c, tables);
    const unknown = applied.filter((v) => !(SCHEMA_VERSIONS as readonly string[]).includes(v));
    if (unknown.length > 0)
      throw new DatabaseError(
        `${c.name}: the database has schema version ${applied.length} (${unknown.join(", ")}), newer than this Dealmap knows (${SCHEMA_VERSION}); upgrade Dealmap`,
      );
    if (applied.length < SCHEMA_VERSION) {
      if (!ours && !opts.create)
        throw new DatabaseError(
          `${c.name}: an empty database (fill it with "dealmap db load" or "dealmap db synth")`,
        );
      const migrator = new Migrator({
        db: c.db,
        provider: { getMigrations: async () => migrations(c.engine) },
      });
      const { error } = await migrator.migrateToLatest();
      if (error)
        throw new DatabaseError(`${c.name}: migrating the schema failed (${(error as Error).message})`);
      // a table a migration filled gets its statistics, and on PostgreSQL its visibility map
      // (an index-only scan of fresh pages still reads the table: see loadDatabase)
      if (applied.length > 0 && !applied.includes("0010_ties"))
        await sql.raw(c.engine === "postgres" ? "VACUUM (ANALYZE) ties" : "ANALYZE ties").execute(c.db);
      await c.db
        .insertInto("dealmap_meta")
        .values({ key: "app", value: "dealmap" })
        .onConflict((oc) => oc.column("key").doNothing())
        .execute();
    }
    const version = await c.db
      .selectFrom("dealmap_meta")
      .select("value")
      .where("key", "=", "version")
      .executeTakeFirst();
    return { ...c, schemaVersion: SCHEMA_VERSION, empty: version === undefined };
  } catch (err) {
    await c.close().catch(() => {});
    if (err instanceof DatabaseError) throw err;
    if ((err as { code?: string }).code === "SQLITE_BUSY")
      throw new DatabaseError(`${c.name}: the database is locked by another program`);
    throw new DatabaseError(`${c.name}: ${(err as Error).message}`);
  }
}

export type { Engine };
