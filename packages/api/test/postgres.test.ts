import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freshDatabase, type PgCluster, startPostgres } from "./postgres.ts";

/** A connected client whose asynchronous 'error' events are collected instead of crashing the run. */
async function connect(url: string): Promise<pg.Client & { errors: Error[] }> {
  const errors: Error[] = [];
  const client = Object.assign(new pg.Client({ connectionString: url }), { errors });
  client.on("error", (error) => errors.push(error));
  await client.connect();
  return client;
}

/** The error a connection attempt fails with (throws, failing the test, if it connects). */
async function connectError(url: string): Promise<NodeJS.ErrnoException> {
  const client = await connect(url).catch((error: NodeJS.ErrnoException) => error);
  if (client instanceof pg.Client) {
    await client.end();
    throw new Error(`expected ${url} to refuse connections`);
  }
  return client;
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("the shared cluster from globalSetup", () => {
  it("gives each caller of freshDatabase its own database to create, write and read tables in", async () => {
    const base = inject("pgUrl");
    expect(base).toMatch(/^postgres:\/\/dealmap@127\.0\.0\.1:\d+\/postgres$/);
    const url = await freshDatabase(base, "postgres-test/a");
    expect(url).toMatch(/\/postgres_test_a_\d+_[0-9a-f]{8}$/);

    const client = await connect(url);
    try {
      const info = await client.query<{ db: string; version: string; fsync: string }>(
        "SELECT current_database() AS db, current_setting('server_version_num') AS version, " +
          "current_setting('fsync') AS fsync",
      );
      expect(info.rows[0]?.db).toBe(new URL(url).pathname.slice(1));
      expect(info.rows[0]?.version).toMatch(/^15\d{4}$/);
      expect(info.rows[0]?.fsync).toBe("off");

      await client.query("CREATE TABLE deal (id serial PRIMARY KEY, name text NOT NULL, freed int)");
      await client.query("INSERT INTO deal (name, freed) VALUES ($1, $2), ($3, $4)", [
        "September release",
        52,
        "Potash eased",
        null,
      ]);
      const rows = await client.query("SELECT id, name, freed FROM deal ORDER BY id");
      expect(rows.rows).toEqual([
        { id: 1, name: "September release", freed: 52 },
        { id: 2, name: "Potash eased", freed: null },
      ]);
    } finally {
      await client.end();
    }
  });

  it("keeps fresh databases apart", async () => {
    const base = inject("pgUrl");
    const [a, b] = await Promise.all([freshDatabase(base, "iso"), freshDatabase(base, "iso")]);
    expect(a).not.toBe(b);
    const clientA = await connect(a);
    const clientB = await connect(b);
    try {
      await clientA.query("CREATE TABLE only_in_a (x int)");
      const inA = await clientA.query("SELECT to_regclass('only_in_a') AS t");
      const inB = await clientB.query("SELECT to_regclass('only_in_a') AS t");
      expect(inA.rows[0]?.t).toBe("only_in_a");
      expect(inB.rows[0]?.t).toBeNull();
    } finally {
      await clientA.end();
      await clientB.end();
    }
  });
});

describe("a cluster of the test's own (startPostgres)", () => {
  let cluster: PgCluster;
  beforeAll(async () => {
    cluster = await startPostgres();
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it.runIf(process.getuid?.() === 0)(
    "runs the server as the postgres OS user when started by root",
    async () => {
      const pid = Number(
        (await readFile(path.join(cluster.dataDir, "postmaster.pid"), "utf8")).split("\n")[0],
      );
      const status = await readFile(`/proc/${pid}/status`, "utf8");
      const uid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]);
      const passwd = await readFile("/etc/passwd", "utf8");
      const postgresUid = Number(/^postgres:[^:]*:(\d+):/m.exec(passwd)?.[1]);
      expect(uid).toBeGreaterThan(0);
      expect(uid).toBe(postgresUid);
    },
  );

  it("createDatabase gives isolated databases and refuses a name twice", async () => {
    const one = await cluster.createDatabase("alpha");
    const two = await cluster.createDatabase("beta");
    expect(one).toBe(`postgres://dealmap@127.0.0.1:${cluster.port}/alpha`);
    expect(two).toBe(`postgres://dealmap@127.0.0.1:${cluster.port}/beta`);
    await expect(cluster.createDatabase("alpha")).rejects.toMatchObject({ code: "42P04" });

    const a = await connect(one);
    const b = await connect(two);
    try {
      await a.query("CREATE TABLE t (v text)");
      await a.query("INSERT INTO t VALUES ('in alpha')");
      await expect(b.query("SELECT * FROM t")).rejects.toMatchObject({ code: "42P01" });
      expect((await a.query("SELECT v FROM t")).rows).toEqual([{ v: "in alpha" }]);
    } finally {
      await a.end();
      await b.end();
    }
  });

  it("restart: connections fail while it is down, new ones work after, on the same port with the data kept", async () => {
    const url = await cluster.createDatabase("restarts");
    const { port } = cluster;
    const setup = await connect(url);
    await setup.query("CREATE TABLE kept (v int)");
    await setup.query("INSERT INTO kept VALUES (7)");
    await setup.end();

    const old = await connect(url);
    let restarted = false;
    const startedAt = Date.now();
    const restarting = cluster.restart({ downMs: 300 }).then(() => {
      restarted = true;
    });
    // the fast shutdown terminates the connected session
    await until(() => old.errors.length > 0);
    expect(old.errors[0]).toMatchObject({ code: "57P01" });
    await expect(old.query("SELECT 1")).rejects.toThrow(/not queryable|terminated/);
    // a new connection during the down time is refused (or told the server is shutting down)
    const refused = await connectError(url);
    expect(["ECONNREFUSED", "57P03"]).toContain(refused.code);
    expect(restarted).toBe(false);

    await restarting;
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(300);
    expect(cluster.port).toBe(port);
    expect(cluster.url).toBe(`postgres://dealmap@127.0.0.1:${port}/postgres`);
    const fresh = await connect(url);
    try {
      expect((await fresh.query("SELECT v FROM kept")).rows).toEqual([{ v: 7 }]);
    } finally {
      await fresh.end();
    }
    // the old client stays broken: callers must reconnect (a pg.Pool does that for them)
    await expect(old.query("SELECT 1")).rejects.toThrow();
  });

  it("kill is a crash: start recovers what was committed durably", async () => {
    const url = await cluster.createDatabase("crashes");
    const client = await connect(url);
    await client.query("CREATE TABLE ledger (v text)");
    // synchronous_commit is off cluster-wide: only a commit that asks for it is sure to be
    // in the WAL when the server dies
    await client.query("BEGIN");
    await client.query("SET LOCAL synchronous_commit = on");
    await client.query("INSERT INTO ledger VALUES ('committed')");
    await client.query("COMMIT");

    await cluster.kill();
    await expect(client.query("SELECT 1")).rejects.toThrow();
    expect((await connectError(url)).code).toBe("ECONNREFUSED");

    await cluster.start();
    const after = await connect(url);
    try {
      expect((await after.query("SELECT v FROM ledger")).rows).toEqual([{ v: "committed" }]);
    } finally {
      await after.end();
    }
  });
});

describe("lifecycle", () => {
  it("stop removes the directory and frees the port, twice is harmless; a given port is used", async () => {
    const first = await startPostgres();
    const { port, dataDir } = first;
    expect(existsSync(dataDir)).toBe(true);
    await first.stop();
    await first.stop();
    expect(existsSync(path.dirname(dataDir))).toBe(false);
    expect((await connectError(first.url)).code).toBe("ECONNREFUSED");

    const second = await startPostgres({ port });
    try {
      expect(second.port).toBe(port);
      const client = await connect(second.url);
      expect((await client.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
      await client.end();
    } finally {
      await second.stop();
    }
  });

  it("says how to install PostgreSQL 15 when its binaries are missing", async () => {
    await expect(startPostgres({ binDir: "/nonexistent/postgresql/15/bin" })).rejects.toThrow(
      /PostgreSQL 15 is not installed.*bash scripts\/setup\.sh/s,
    );
  });

  it("a process that crashes with a cluster running leaves no server or directory behind", async () => {
    // a separate Node process loads postgres.ts through Vite (as vitest does), starts a cluster,
    // prints where it is and dies of an uncaught exception
    const script = [
      'import { runnerImport } from "vite";',
      `const { module } = await runnerImport(${JSON.stringify(path.join(import.meta.dirname, "postgres.ts"))});`,
      "const cluster = await module.startPostgres();",
      "console.log(JSON.stringify({ url: cluster.url, dataDir: cluster.dataDir }));",
      'throw new Error("simulated crash");',
    ].join("\n");
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
      cwd: path.join(import.meta.dirname, ".."),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect(stderr).toContain("simulated crash");
    expect(code).toBe(1);
    const line = stdout.split("\n").find((l) => l.startsWith("{"));
    expect(line, stdout + stderr).toBeDefined();
    const { url, dataDir } = JSON.parse(line ?? "{}") as { url: string; dataDir: string };
    expect(url).toMatch(/^postgres:\/\/dealmap@127\.0\.0\.1:\d+\/postgres$/);
    expect(existsSync(path.dirname(dataDir))).toBe(false);
    expect((await connectError(url)).code).toBe("ECONNREFUSED");
  });
});
