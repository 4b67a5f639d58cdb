/**
 * A throwaway PostgreSQL 15 cluster for the tests of the database stores: initdb'd into a fresh
 * temp directory, listening on a free loopback port, with durability switched off (fsync,
 * synchronous_commit, full_page_writes) because nothing in it has to outlive the test run.
 * Never the machine's system service and never a mock: the stores are tested against the
 * real engine they will run on.
 *
 * Under root the cluster runs as the `postgres` OS user (PostgreSQL refuses to run as root),
 * from a directory that user owns under os.tmpdir(), so it works even when the repository
 * itself sits in a directory only root can enter (CI clones into a 0700 temp dir).
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import { appendFile, chown, mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";

/** Where Debian's postgresql-15 package puts initdb and pg_ctl. */
export const PG_BIN_DIR = "/usr/lib/postgresql/15/bin";

/** The superuser initdb creates; trust authentication on loopback, so URLs carry no password. */
export const PG_USER = "dealmap";

/** A running throwaway cluster. Its methods must not be called concurrently with each other. */
export interface PgCluster {
  /** postgres:// URL of the cluster's `postgres` database (for admin work; tests use createDatabase). */
  url: string;
  port: number;
  /** The cluster's data directory (inside a temp directory removed by stop()). */
  dataDir: string;
  /** Fast shutdown, then removes the temp directory. Safe to call twice. */
  stop(): Promise<void>;
  /** Fast shutdown, `downMs` (default 0) with no server, then starts again on the same port. */
  restart(opts?: { downMs?: number }): Promise<void>;
  /** Immediate shutdown (`pg_ctl stop -m immediate`, like a crash); start() recovers from the WAL. */
  kill(): Promise<void>;
  /** Starts a cluster stopped by kill() again, on the same port. */
  start(): Promise<void>;
  /** Creates an empty database and returns its postgres:// URL. */
  createDatabase(name: string): Promise<string>;
}

export interface StartPostgresOptions {
  /** Port to listen on; default a free one found by binding port 0. */
  port?: number;
  /** Directory with initdb and pg_ctl; default PG_BIN_DIR. */
  binDir?: string;
}

/** Starts a fresh cluster; typically ~1 s (initdb is most of it). */
export async function startPostgres(opts: StartPostgresOptions = {}): Promise<PgCluster> {
  const binDir = opts.binDir ?? PG_BIN_DIR;
  for (const tool of ["initdb", "pg_ctl"]) {
    if (!existsSync(path.join(binDir, tool))) {
      throw new Error(
        `PostgreSQL 15 is not installed: ${path.join(binDir, tool)} is missing. ` +
          "Run `bash scripts/setup.sh` from the repository root to install it (the database tests " +
          "start their own throwaway cluster from its binaries).",
      );
    }
  }
  const owner = runsAsRoot() ? postgresOsUser() : undefined;
  const base = await clusterDir(owner);
  const cluster = new LocalCluster(binDir, base, owner !== undefined);
  try {
    await cluster.init();
    await cluster.launch(opts.port);
    return cluster;
  } catch (error) {
    await cluster.stop().catch(() => {});
    throw error;
  }
}

/**
 * Creates a uniquely named database (`<prefix>_<pid>_<random>`) in the cluster at `baseUrl` and
 * returns its URL, so each test file works in its own database on the one shared cluster.
 */
export async function freshDatabase(baseUrl: string, prefix: string): Promise<string> {
  const stem =
    prefix
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, "_")
      .slice(0, 40) || "db";
  return createDatabaseAt(baseUrl, `${stem}_${process.pid}_${randomBytes(4).toString("hex")}`);
}

async function createDatabaseAt(baseUrl: string, name: string): Promise<string> {
  // PostgreSQL silently truncates longer names, which would hand back the URL of another name
  if (name.length === 0 || Buffer.byteLength(name) > 63) {
    throw new Error(`database name must be 1-63 bytes: ${JSON.stringify(name)}`);
  }
  const client = new pg.Client({ connectionString: baseUrl });
  client.on("error", () => {}); // a server shutdown mid-query also rejects the query itself
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end().catch(() => {});
  }
  const url = new URL(baseUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

class LocalCluster implements PgCluster {
  url = "";
  port = 0;
  readonly dataDir: string;
  private running = false;
  private removed = false;
  private readonly logFile: string;

  constructor(
    private readonly binDir: string,
    private readonly base: string,
    private readonly asPostgres: boolean,
  ) {
    this.dataDir = path.join(base, "data");
    this.logFile = path.join(base, "postgres.log");
  }

  async init(): Promise<void> {
    live.add(this);
    registerExitHandler();
    await this.run("initdb", [
      "-D",
      this.dataDir,
      "-A",
      "trust",
      "-U",
      PG_USER,
      "--encoding=UTF8",
      "--locale=C",
      "--no-sync",
      "--no-instructions",
    ]);
    // in the config file rather than on pg_ctl's -o (which goes through a shell): the socket
    // directory is a path, and a hand-run `pg_ctl start -D <dataDir>` gets the same server
    await appendFile(
      path.join(this.dataDir, "postgresql.conf"),
      [
        "",
        "# throwaway test cluster (packages/api/test/postgres.ts)",
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${this.base.replaceAll("'", "''")}'`,
        "fsync = off",
        "synchronous_commit = off",
        "full_page_writes = off",
        "",
      ].join("\n"),
    );
  }

  /** First start: on the requested port, or on a free one (retried if another process takes it first). */
  async launch(port: number | undefined): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      this.port = port ?? (await freePort());
      this.url = `postgres://${PG_USER}@127.0.0.1:${this.port}/postgres`;
      try {
        await this.start();
        return;
      } catch (error) {
        const log = await this.logTail();
        if (port !== undefined || attempt >= 3 || !/could not bind|address already in use/i.test(log)) {
          throw error;
        }
      }
    }
  }

  async start(): Promise<void> {
    if (this.running) return;
    if (this.removed) throw new Error("this cluster was stopped and its directory removed");
    try {
      // -o only carries the port (a number): the rest of the settings are in postgresql.conf
      await this.run("pg_ctl", [
        "start",
        "-D",
        this.dataDir,
        "-l",
        this.logFile,
        "-w",
        "-t",
        "30",
        "-o",
        `-p ${this.port}`,
      ]);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n--- postgres.log (tail) ---\n${await this.logTail()}`);
    }
    this.running = true;
    await this.waitForConnections();
  }

  async stop(): Promise<void> {
    if (this.removed) return;
    try {
      if (this.running) await this.pgCtlStop("fast").catch(() => this.pgCtlStop("immediate"));
    } finally {
      this.removed = true;
      live.delete(this);
      await rm(this.base, { recursive: true, force: true });
    }
  }

  async restart(opts: { downMs?: number } = {}): Promise<void> {
    await this.pgCtlStop("fast");
    if (opts.downMs) await sleep(opts.downMs);
    await this.start();
  }

  async kill(): Promise<void> {
    await this.pgCtlStop("immediate");
  }

  createDatabase(name: string): Promise<string> {
    return createDatabaseAt(this.url, name);
  }

  private async pgCtlStop(mode: "fast" | "immediate"): Promise<void> {
    if (!this.running) return;
    await this.run("pg_ctl", ["stop", "-D", this.dataDir, "-m", mode, "-w", "-t", "30"]);
    this.running = false;
  }

  /** pg_ctl -w only knows the postmaster is up; a client's SELECT 1 proves it takes connections. */
  private async waitForConnections(): Promise<void> {
    let lastError: unknown;
    for (let attempt = 0; attempt < 50; attempt++) {
      const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 2000 });
      client.on("error", () => {});
      try {
        await client.connect();
        await client.query("SELECT 1");
        return;
      } catch (error) {
        lastError = error;
        await sleep(100);
      } finally {
        await client.end().catch(() => {});
      }
    }
    throw new Error(`PostgreSQL at ${this.url} does not accept connections: ${String(lastError)}`);
  }

  private async run(tool: string, args: string[]): Promise<void> {
    const [cmd, argv] = this.command(tool, args);
    // the cluster's own directory as cwd: pg_ctl and initdb fail when the postgres user cannot
    // enter the directory they were started from (the repository may be in a 0700 directory)
    const child = spawn(cmd, argv, { cwd: this.base, env: childEnv(), stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", resolve);
    });
    if (code !== 0) {
      throw new Error(`${tool} ${args.join(" ")} failed (exit ${code}):\n${output.trim()}`);
    }
  }

  private command(tool: string, args: string[]): [string, string[]] {
    const bin = path.join(this.binDir, tool);
    return this.asPostgres ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args];
  }

  /** Synchronous immediate stop and removal, for the process 'exit' handler. */
  stopSync(): void {
    if (this.removed) return;
    if (this.running) {
      const [cmd, argv] = this.command("pg_ctl", ["stop", "-D", this.dataDir, "-m", "immediate", "-w"]);
      spawnSync(cmd, argv, { cwd: this.base, env: childEnv(), stdio: "ignore", timeout: 15_000 });
      this.running = false;
    }
    this.removed = true;
    live.delete(this);
    rmSync(this.base, { recursive: true, force: true });
  }

  private async logTail(): Promise<string> {
    const log = await readFile(this.logFile, "utf8").catch(() => "");
    return log.split("\n").slice(-20).join("\n");
  }
}

/** Clusters not yet stopped in this process, stopped by the 'exit' handler if a run crashes. */
const live = new Set<LocalCluster>();
let exitHandlerRegistered = false;

function registerExitHandler(): void {
  if (exitHandlerRegistered) return;
  exitHandlerRegistered = true;
  // 'exit' runs on normal exit, process.exit() and uncaught exceptions; not on SIGKILL, and not
  // on a signal nobody handles (vitest itself handles SIGINT/SIGTERM by exiting)
  process.on("exit", () => {
    for (const cluster of [...live]) {
      try {
        cluster.stopSync();
      } catch {
        // best effort: the process is going away
      }
    }
  });
}

function childEnv(): NodeJS.ProcessEnv {
  // C locale so initdb does not warn about (or pick up) the caller's locale settings
  return { ...process.env, LC_ALL: "C", LANG: "C" };
}

function runsAsRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

function postgresOsUser(): { uid: number; gid: number } {
  const id = (flag: string) => spawnSync("id", [flag, "postgres"], { encoding: "utf8" });
  const uid = id("-u");
  const gid = id("-g");
  if (uid.status !== 0 || gid.status !== 0) {
    throw new Error(
      "running as root, and there is no `postgres` OS user to run the test cluster as " +
        "(PostgreSQL refuses to run as root); run `bash scripts/setup.sh` to install PostgreSQL 15",
    );
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/**
 * A fresh directory for the cluster, owned by the user the server runs as. Under root it must
 * also be reachable by `postgres`: os.tmpdir() normally is (/tmp), but TMPDIR may point inside
 * a private directory, so /tmp is the fallback.
 */
async function clusterDir(owner: { uid: number; gid: number } | undefined): Promise<string> {
  const parents = [...new Set([os.tmpdir(), "/tmp"])];
  for (const parent of parents) {
    const dir = await mkdtemp(path.join(parent, "dealmap-pg-"));
    if (owner === undefined) return dir;
    await chown(dir, owner.uid, owner.gid);
    const probe = spawnSync("runuser", ["-u", "postgres", "--", "test", "-w", dir, "-a", "-x", dir], {
      cwd: "/",
      stdio: "ignore",
    });
    if (probe.status === 0) return dir;
    await rm(dir, { recursive: true, force: true });
  }
  throw new Error(
    `the postgres OS user cannot reach a temp directory under ${parents.join(" or ")}; ` +
      "make one of them traversable (e.g. chmod 1777 /tmp) or set TMPDIR to a directory it can enter",
  );
}

/** A port free on loopback right now (bind port 0, read it, close). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("could not find a free port"))));
    });
  });
}
