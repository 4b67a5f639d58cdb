/**
 * End-to-end harness: the production build (the package's `start` script) on a free port, and Debian's
 * Chromium driven by playwright-core with a fresh profile. Never downloads a browser.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";

export const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const resultsDir = path.join(webDir, "test-results");

export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface Server {
  url: string;
  port: number;
  /** The process id of `next start` (the group leader of its shell). */
  pid: number;
  stop(): Promise<void>;
  output(): string;
}

/** The package's own `start` script, so the tests run the server exactly as `pnpm start` does. */
function startScript(): string {
  const pkg = JSON.parse(readFileSync(path.join(webDir, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  const script = pkg.scripts.start;
  if (!script) throw new Error("apps/web/package.json has no start script");
  return script;
}

/**
 * Starts the production server with the package's `start` script (as pnpm runs it: `sh -c`,
 * node_modules/.bin on the PATH) on a free port with extra env; resolves once it answers. The
 * host is the script's default unless `env.HOST` says otherwise (an inherited HOST is dropped).
 */
export async function startServer(env: Record<string, string | undefined> = {}): Promise<Server> {
  if (!existsSync(path.join(webDir, ".next", "BUILD_ID")))
    throw new Error("no production build in apps/web/.next: run `pnpm --filter @dealmap/web build` first");
  const port = await freePort();
  let log = "";
  const child: ChildProcess = spawn("sh", ["-c", startScript()], {
    cwd: webDir,
    env: {
      ...process.env,
      PATH: `${path.join(webDir, "node_modules", ".bin")}${path.delimiter}${process.env.PATH ?? ""}`,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: undefined,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    // its own process group, so stop() ends the shell and the server under it together
    detached: true,
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error("could not start the web server");
  child.stdout?.on("data", (d) => {
    log += String(d);
  });
  child.stderr?.on("data", (d) => {
    log += String(d);
  });
  const host = env.HOST && env.HOST !== "0.0.0.0" && env.HOST !== "::" ? env.HOST : "127.0.0.1";
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      // already gone
    }
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${log}`);
    try {
      // any answer will do: a server given bad data answers its API calls with 500s
      await fetch(`${url}/icon.svg`);
      break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      signal("SIGKILL");
      throw new Error(`next start did not answer within 60 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port,
    pid,
    output: () => log,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        signal("SIGTERM");
        setTimeout(() => signal("SIGKILL"), 5000).unref();
      }),
  };
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** One Chromium with a fresh user data dir, reused by every test of a file. */
export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(path.join(tmpdir(), "dealmap-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS.filter((a) => a !== "--headless"),
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Console errors, page errors and hydration warnings seen by a page. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (msg) => {
    const text = msg.text();
    if (msg.type() === "error" || /hydrat/i.test(text)) problems.push(`${msg.type()}: ${text}`);
  });
  page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
  return problems;
}

/** Saves a full-page screenshot into test-results/screenshots. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = path.join(resultsDir, "screenshots");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * A production server over `env` and a browser, started before a file's tests and stopped after
 * them; `open(url)` loads a page at a width, expects a 200 and watches the console.
 */
export function serverAndBrowser(env: Record<string, string | undefined>) {
  let server: Server | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(env), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    async open(url: string, width = 1280): Promise<{ page: Page; problems: string[] }> {
      if (!server || !browser) throw new Error("the server and browser are not started");
      const page = await browser.context.newPage();
      await page.setViewportSize({ width, height: 900 });
      const problems = watchConsole(page);
      const res = await page.goto(server.url + url, { waitUntil: "networkidle" });
      expect(res?.status()).toBe(200);
      return { page, problems };
    },
  };
}

/**
 * A production server over a user data directory with one broken YAML file (a mapping whose
 * third line is indented wrongly: a syntax error at my-data/actors/x.yaml:3:5), started before
 * a file's tests and stopped after them. `server()` gives it once started, `scratch()` the
 * temporary folder the data is in.
 */
export function brokenDataServer(): { server: () => Server; scratch: () => string } {
  let server: Server | undefined;
  let scratch: string | undefined;
  beforeAll(async () => {
    scratch = mkdtempSync(path.join(tmpdir(), "dealmap-e2e-bad-"));
    const dir = path.join(scratch, "my-data");
    mkdirSync(path.join(dir, "actors"), { recursive: true });
    writeFileSync(
      path.join(dir, "actors", "x.yaml"),
      "- id: broken-actor\n  kind: person\n    name: Broken\n",
    );
    server = await startServer({ DEALMAP_DATA: dir });
  });
  afterAll(async () => {
    await server?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });
  return {
    server() {
      if (!server) throw new Error("the server over broken data is not started");
      return server;
    },
    /** The temporary folder holding the data (which no page may show). */
    scratch() {
      if (!scratch) throw new Error("the server over broken data is not started");
      return scratch;
    },
  };
}
