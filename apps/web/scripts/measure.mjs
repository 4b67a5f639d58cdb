#!/usr/bin/env node
/**
 * Page weights and largest contentful paint of the production build, on demand (not a test).
 *
 *   pnpm --filter @dealmap/web build && pnpm --filter @dealmap/web measure
 *
 * For every page: the JavaScript it loads on a cold visit, gzipped (each script fetched again
 * and compressed with zlib level 9 defaults, as bundle reports count it), and the LCP in
 * headless Chromium (median of 3 cold loads). Then the timeline with 10,000 generated events
 * (scripts/gen-data.mjs): its LCP and the frame times while zooming with the mouse wheel, and
 * side by side in the same browser vis-timeline 8.5.4 with 10,000 items: first draw and one
 * zoom step of each.
 *
 * With `--db FILE|URL` (a database filled with e.g. `dealmap db synth --events 10000000`), the
 * explorer over that database: the timeline's LCP, bytes of HTML and data for the first view,
 * DOM size, frame times while zooming, and how long a new window's data takes to be on screen;
 * the actors list, an event page and the search page's LCP.
 *
 *   pnpm --filter @dealmap/web measure -- --db /tmp/dealmap-bench/s10m.sqlite
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

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * q))];
};

/** Chromium's running total of main-thread task time, in ms (CDP Performance.getMetrics). */
async function taskMs(cdp) {
  const { metrics } = await cdp.send("Performance.getMetrics");
  return (metrics.find((m) => m.name === "TaskDuration")?.value ?? 0) * 1000;
}

/**
 * Frame times (ms) while wheel-zooming in and out over the chart. The frames' intervals cannot
 * be shorter than the display's (16.7 ms at 60 Hz), so `work` says how busy the main thread was:
 * its task time over the zooming, per frame.
 */
async function wheelFrames(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  const box = await page.locator(".timeline-plot").boundingBox();
  await page.mouse.move(box.x + box.width * 0.7, box.y + 120);
  const busy0 = await taskMs(cdp);
  await page.evaluate(() => {
    // each wheel event to the start of the frame after the one that drew it (the second
    // animation frame: the first runs before that frame's render, style, layout and paint)
    window.__latency = [];
    window.addEventListener(
      "wheel",
      (e) =>
        requestAnimationFrame(() => requestAnimationFrame((t) => window.__latency.push(t - e.timeStamp))),
      { capture: true, passive: true },
    );
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
  await page.waitForTimeout(100);
  const frames = await page.evaluate(() => window.__frames.slice(2));
  frames.latency = (await page.evaluate(() => window.__latency)).sort((a, b) => a - b);
  const busy = (await taskMs(cdp)) - busy0;
  await cdp.detach();
  frames.work = busy / Math.max(1, frames.length);
  return frames;
}

/** The first view's bytes as transferred: the document, and the data fetched after it. */
function firstViewBytes(page) {
  return page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    const res = performance.getEntriesByType("resource");
    const sum = (f) => res.filter(f).reduce((n, r) => n + r.transferSize, 0);
    return {
      html: nav.transferSize,
      data: sum((r) => r.initiatorType === "fetch" || r.initiatorType === "xmlhttprequest"),
      js: sum((r) => r.initiatorType === "script"),
      other: sum((r) => !["fetch", "xmlhttprequest", "script"].includes(r.initiatorType)),
    };
  });
}

/** One zoom step of the chart: the click to the frame after React drew it (no data read). */
async function dealmapZoomStep(page, name) {
  return page.evaluate(async (label) => {
    const button = [...document.querySelectorAll("button")].find(
      (b) => b.getAttribute("aria-label") === label,
    );
    const t0 = performance.now();
    button.click();
    // React renders a click's update before click() returns; reading a size lays it out
    void document.querySelector(".timeline-svg")?.getBoundingClientRect().width;
    const work = performance.now() - t0;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return { painted: performance.now() - t0, work };
  }, name);
}

/** vis-timeline 8.5.4 (its standalone build) with `n` items: first draw and zoom steps. */
async function visTimeline(browser, n) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.setContent('<!doctype html><html><body><div id="t"></div></body></html>');
  await page.addScriptTag({
    path: path.join(
      webDir,
      "node_modules",
      "vis-timeline",
      "standalone",
      "umd",
      "vis-timeline-graph2d.min.js",
    ),
  });
  const out = await page.evaluate(async (count) => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const day = 86_400_000;
    const start = Date.UTC(2017, 0, 1);
    const items = [];
    for (let i = 0; i < count; i++) {
      const t = start + Math.floor(rand() * 3650) * day;
      items.push(
        rand() < 0.2
          ? { id: i, content: `event ${i}`, start: t, end: t + 30 * day, group: i % 8 }
          : { id: i, content: `event ${i}`, start: t, group: i % 8 },
      );
    }
    const groups = Array.from({ length: 8 }, (_, g) => ({ id: g, content: `lane ${g}` }));
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const t0 = performance.now();
    const tl = new vis.Timeline(document.getElementById("t"), items, groups, { stack: true });
    await frame();
    const first = performance.now() - t0;
    const zooms = [];
    for (let i = 0; i < 5; i++) {
      const z0 = performance.now();
      tl.zoomIn(0.4, { animation: false });
      await frame();
      zooms.push(performance.now() - z0);
    }
    return { first, zooms };
  }, n);
  await context.close();
  return { first: out.first, zoom: median(out.zooms) };
}

/** The explorer over a big database (`--db`). */
async function measureDatabase(browser, db) {
  const server = await start({ DEALMAP_DB: db });
  try {
    for (let i = 0; i < 2; i++) await fetch(`${server.url}/timeline`); // warm the store's caches
    const tl = await measurePage(browser, `${server.url}/timeline`);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const windows = [];
    page.on("requestfinished", (r) => {
      if (r.url().includes("events.window")) {
        const t = r.timing();
        windows.push(t.responseEnd - t.requestStart);
      }
    });
    await page.goto(`${server.url}/timeline`, { waitUntil: "networkidle" });
    const bytes = await firstViewBytes(page);
    const dom = await page.evaluate(() => document.getElementsByTagName("*").length);
    const frames = await wheelFrames(page);
    await page.waitForLoadState("networkidle");
    const onScreen = [];
    // each step a window not seen before (an answer already read is drawn from the cache),
    // timed in the page: the click, to the frame after the chart drew the new window's data
    const steps = ["Zoom in", "Later", "Later", "Zoom out", "Later", "Zoom in", "Later", "Later"];
    for (let round = 0; round < 3; round++)
      for (const label of steps) {
        const ms = await page.evaluate(async (name) => {
          const plot = document.querySelector(".timeline-plot");
          const button = [...document.querySelectorAll("button")].find(
            (b) => b.getAttribute("aria-label") === name,
          );
          let busy = false;
          const done = new Promise((resolve) => {
            const mo = new MutationObserver(() => {
              const b = plot.getAttribute("aria-busy") === "true";
              if (b) busy = true;
              else if (busy) {
                mo.disconnect();
                resolve();
              }
            });
            mo.observe(plot, { attributes: true, attributeFilter: ["aria-busy"] });
            setTimeout(() => {
              mo.disconnect();
              resolve();
            }, 5_000);
          });
          const t0 = performance.now();
          button.click();
          await done;
          if (!busy) return null;
          await new Promise((r) => requestAnimationFrame(r));
          return performance.now() - t0;
        }, label);
        if (ms !== null) onScreen.push(ms);
      }
    const zoomSteps = [];
    for (let i = 0; i < 6; i++) zoomSteps.push(await dealmapZoomStep(page, i % 2 ? "Zoom out" : "Zoom in"));
    await context.close();

    console.log();
    console.log(`database ${db}`);
    console.log(
      `timeline: LCP ${Math.round(tl.lcp)} ms; first view HTML ${kb(bytes.html)} + data ${kb(bytes.data)} (JS ${kb(bytes.js)}, other ${kb(bytes.other)}) transferred; DOM ${dom} nodes`,
    );
    console.log(
      `  frame while wheel-zooming: median ${quantile(frames, 0.5).toFixed(1)} ms, p95 ${quantile(frames, 0.95).toFixed(1)} ms (${frames.length} frames; 16.7 ms is one 60 Hz frame), main-thread work ${frames.work.toFixed(1)} ms per frame, wheel event → its frame drawn median ${quantile(frames.latency, 0.5).toFixed(1)} ms; zoom step: painted in ${median(zoomSteps.map((z) => z.painted)).toFixed(1)} ms, its work (render, commit, layout) ${median(zoomSteps.map((z) => z.work)).toFixed(1)} ms (medians)`,
    );
    console.log(
      `  new window on screen (button click → drawn, in the page): median ${median(onScreen).toFixed(0)} ms, p95 ${quantile(onScreen, 0.95).toFixed(0)} ms (${onScreen.length}); events.window request → response: median ${median(windows).toFixed(0)} ms, p95 ${quantile(windows, 0.95).toFixed(0)} ms (${windows.length})`,
    );
    const first = await (
      await fetch(
        `${server.url}/api/trpc/events.list?input=${encodeURIComponent(JSON.stringify({ limit: 1 }))}`,
      )
    ).json();
    const eventId = first?.result?.data?.items?.[0]?.id;
    for (const p of ["/actors", `/events/${eventId}`, "/search?q=meeting", "/network", "/deals", "/"]) {
      await fetch(server.url + p);
      const m = await measurePage(browser, server.url + p);
      console.log(`${p.padEnd(40)} LCP ${Math.round(m.lcp)} ms, first-load JS ${kb(m.gz)} gzip`);
    }
  } finally {
    server.stop();
  }
}

async function main() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  const dbAt = process.argv.indexOf("--db");
  if (dbAt > 0) {
    const db = process.argv[dbAt + 1];
    if (!db) throw new Error("--db needs a SQLite file or a postgres:// URL");
    try {
      await measureDatabase(browser, db);
    } finally {
      await browser.close();
    }
    return;
  }
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
    await page.goto(`${big.url}/timeline`, { waitUntil: "networkidle" });
    await page.waitForSelector(".timeline-plot");
    const frames = (await wheelFrames(page)).sort((a, b) => a - b);
    const p = (q) => quantile(frames, q);
    const html = await (await fetch(`${big.url}/timeline`)).text();
    await page.waitForLoadState("networkidle");
    const zoomSteps = [];
    for (let i = 0; i < 6; i++) zoomSteps.push(await dealmapZoomStep(page, i % 2 ? "Zoom out" : "Zoom in"));
    // Dealmap's first draw: navigation start to the chart painted (server, network and
    // hydration included)
    const firsts = [];
    for (let i = 0; i < 3; i++) {
      await page.goto(`${big.url}/timeline`, { waitUntil: "load" });
      firsts.push(
        await page.evaluate(async () => {
          const mark = (name) => performance.getEntriesByName(name)[0]?.startTime;
          while (mark("dealmap:timeline-painted") === undefined) await new Promise((r) => setTimeout(r, 5));
          return {
            own: mark("dealmap:timeline-painted") - mark("dealmap:timeline-render"),
            page: mark("dealmap:timeline-painted"),
          };
        }),
      );
    }
    console.log();
    console.log(
      `timeline with 10,000 events: LCP ${Math.round(m.lcp)} ms, JS ${kb(m.gz)} gzip, HTML ${kb(html.length)}; ` +
        `frame time while wheel-zooming: median ${p(0.5).toFixed(1)} ms, p95 ${p(0.95).toFixed(1)} ms, max ${frames.at(-1).toFixed(1)} ms (${frames.length} frames), main-thread work ${frames.work.toFixed(1)} ms per frame, wheel event → its frame drawn median ${quantile(frames.latency, 0.5).toFixed(1)} ms`,
    );
    const vis = [];
    for (let i = 0; i < 3; i++) vis.push(await visTimeline(browser, 10_000));
    const visFirst = median(vis.map((v) => v.first));
    const visZoom = median(vis.map((v) => v.zoom));
    const ourFirst = median(firsts.map((f) => f.own));
    const ourPage = median(firsts.map((f) => f.page));
    const ourZoom = median(zoomSteps.map((z) => z.painted));
    const ourWork = median(zoomSteps.map((z) => z.work));
    console.log("side by side, 10,000 items, same browser (medians):");
    console.log(
      `  first draw: Dealmap ${ourFirst.toFixed(0)} ms (chart's first render to painted; ${ourPage.toFixed(0)} ms from navigation), vis-timeline 8.5.4 ${visFirst.toFixed(0)} ms (constructor to painted): ${(visFirst / ourFirst).toFixed(1)}× (${(visFirst / ourPage).toFixed(1)}× counting our whole page load)`,
    );
    console.log(
      `  zoom step:  Dealmap ${ourZoom.toFixed(1)} ms, vis-timeline ${visZoom.toFixed(1)} ms (click/zoomIn to painted, two frames): ${(visZoom / ourZoom).toFixed(1)}×; Dealmap's own work per step (render, commit, layout) ${ourWork.toFixed(1)} ms`,
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
