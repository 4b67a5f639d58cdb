#!/usr/bin/env node
/**
 * Page weights and largest contentful paint of the production build, on demand (not a test).
 *
 *   pnpm --filter @dealmap/web build && pnpm --filter @dealmap/web measure
 *
 * For every page: the JavaScript it loads on a cold visit, gzipped (each script fetched again
 * and compressed with zlib level 9 defaults, as bundle reports count it), and the LCP in
 * headless Chromium (median of 3 cold loads). Then the timeline with 10,000 generated events
 * (scripts/gen-data.mjs): its LCP and the frame times while zooming with the mouse wheel.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const RUNS = 3;

const PAGES = [
  "/",
  "/timeline",
  "/actors",
  "/actors/alexander-lukashenko",
  "/events/us-lifts-potash-sanctions",
  "/network",
  "/routes",
  "/routes/klaipeda-potash-corridor",
  "/routes/compare?cargo=potash",
  "/deals",
  "/sources",
  "/sources/carnegie-politika-2025-12",
  "/search?q=Lukashenka",
  "/places/klaipeda-port",
];

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function start(env = {}) {
  const port = await freePort();
  const bin = path.join(webDir, "node_modules", "next", "dist", "bin", "next");
  const child = spawn(process.execPath, [bin, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: webDir,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", ...env },
    stdio: "ignore",
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${url}/api/trpc/stats.summary`)).status < 500) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  // warm the server (first render compiles nothing in production, but fills caches)
  return { url, stop: () => child.kill("SIGTERM") };
}

const LCP_INIT = `
  window.__lcp = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__lcp = e.startTime;
  }).observe({ type: "largest-contentful-paint", buffered: true });
`;

async function measurePage(browser, url) {
  const lcps = [];
  let scripts = new Set();
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript(LCP_INIT);
    const js = new Set();
    page.on("response", (r) => {
      if (r.request().resourceType() === "script") js.add(r.url());
    });
    await page.goto(url, { waitUntil: "load" });
    await page.waitForTimeout(600);
    lcps.push(await page.evaluate(() => window.__lcp));
    scripts = js;
    await context.close();
  }
  let gz = 0;
  let raw = 0;
  for (const s of scripts) {
    const body = Buffer.from(await (await fetch(s)).arrayBuffer());
    raw += body.length;
    gz += gzipSync(body).length;
  }
  lcps.sort((a, b) => a - b);
  return { lcp: lcps[Math.floor(lcps.length / 2)], gz, raw, scripts: scripts.size };
}

const kb = (n) => `${(n / 1024).toFixed(1)} kB`;

async function main() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  const server = await start({ DEALMAP_DATA: "" });
  console.log("page".padEnd(40), "first-load JS (gzip)".padStart(22), "raw".padStart(10), "LCP".padStart(9));
  try {
    for (const p of PAGES) {
      await fetch(server.url + p); // warm
      const m = await measurePage(browser, server.url + p);
      console.log(
        p.padEnd(40),
        `${kb(m.gz)} (${m.scripts})`.padStart(22),
        kb(m.raw).padStart(10),
        `${Math.round(m.lcp)} ms`.padStart(9),
      );
    }
  } finally {
    server.stop();
  }

  // the timeline at scale
  const dir = mkdtempSync(path.join(tmpdir(), "dealmap-10k-"));
  await new Promise((resolve, reject) => {
    const gen = spawn(process.execPath, [path.join(webDir, "scripts", "gen-data.mjs"), dir, "10000"], {
      stdio: "ignore",
    });
    gen.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`gen-data exited ${code}`))));
  });
  const big = await start({ DEALMAP_DATA: dir });
  try {
    await fetch(`${big.url}/timeline`);
    const m = await measurePage(browser, `${big.url}/timeline`);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${big.url}/timeline`, { waitUntil: "load" });
    await page.waitForSelector(".timeline-plot");
    const box = await page.locator(".timeline-plot").boundingBox();
    await page.mouse.move(box.x + box.width * 0.7, box.y + 120);
    await page.evaluate(() => {
      window.__frames = [];
      let last = performance.now();
      const tick = (t) => {
        window.__frames.push(t - last);
        last = t;
        if (window.__frames.length < 400) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    for (let i = 0; i < 40; i++) {
      await page.mouse.wheel(0, i < 20 ? -120 : 120);
      await page.waitForTimeout(30);
    }
    const frames = await page.evaluate(() => window.__frames.slice(2));
    frames.sort((a, b) => a - b);
    const p = (q) => frames[Math.min(frames.length - 1, Math.floor(frames.length * q))];
    const html = await (await fetch(`${big.url}/timeline`)).text();
    console.log();
    console.log(
      `timeline with 10,000 events: LCP ${Math.round(m.lcp)} ms, JS ${kb(m.gz)} gzip, HTML ${kb(html.length)}; ` +
        `frame time while wheel-zooming: median ${p(0.5).toFixed(1)} ms, p95 ${p(0.95).toFixed(1)} ms, max ${frames.at(-1).toFixed(1)} ms (${frames.length} frames)`,
    );
    await context.close();
  } finally {
    big.stop();
    rmSync(dir, { recursive: true, force: true });
    await browser.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
