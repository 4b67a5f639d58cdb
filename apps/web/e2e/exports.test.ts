/**
 * Exports and embed mode, against one production server over the built-in data started with a
 * DEALMAP_FRAME_ANCESTORS allowlist: the events of a filter as CSV (read back with the importer)
 * and JSON lines, from the address and from a page's link; the network and the map downloaded
 * as SVG (parsed as XML, drawn as an image) and PNG (signature, size); `?embed=1` without the
 * site's chrome; the CSP's frame-ancestors and a real iframe from an allowed and a refused origin.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server as HttpServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { CSV_COLUMNS, emptyReport, type ImportItem, readCsv } from "@dealmap/dataset";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Browser,
  freePort,
  launchBrowser,
  resultsDir,
  type Server,
  screenshot,
  startServer,
  watchConsole,
} from "./harness.ts";

let server: Server;
let browser: Browser;
/** A page on another origin that frames Dealmap (allowed as 127.0.0.1, refused as localhost). */
let host: HttpServer;
let hostPort: number;
const work = mkdtempSync(path.join(tmpdir(), "dealmap-e2e-exports-"));

beforeAll(async () => {
  hostPort = await freePort();
  host = createServer((req, res) => {
    const target = new URL(req.url ?? "/", "http://x").searchParams.get("src") ?? "";
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(
      `<!doctype html><title>Host</title><h1>A host page</h1><iframe id="f" title="Dealmap" width="900" height="600" src="${target.replace(/"/g, "&quot;")}"></iframe>`,
    );
  });
  await new Promise<void>((resolve) => host.listen(hostPort, "127.0.0.1", resolve));
  [server, browser] = await Promise.all([
    startServer({
      DEALMAP_DATA: "",
      DEALMAP_FRAME_ANCESTORS: `https://news.example http://127.0.0.1:${hostPort}`,
    }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise((resolve) => host?.close(resolve));
  rmSync(work, { recursive: true, force: true });
});

async function open(url: string, width = 1280): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height: 900 });
  const problems = watchConsole(page);
  const res = await page.goto(server.url + url, { waitUntil: "networkidle" });
  expect(res?.status(), url).toBe(200);
  return { page, problems };
}

/** Clicks and waits for the download it starts; saves it and returns its bytes and name. */
async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent("download"), click()]);
  const file = path.join(work, d.suggestedFilename());
  await d.saveAs(file);
  return { name: d.suggestedFilename(), bytes: readFileSync(file) };
}

/** Keeps an exported figure beside the screenshots (test-results/, not committed), to look at. */
function keep(name: string, bytes: Buffer) {
  const dir = path.join(resultsDir, "screenshots");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `exported-${name}`), bytes);
}

/** Reads a CSV export back with `dealmap import csv`'s reader. */
async function reimport(csv: Buffer | string) {
  const file = path.join(work, `reread-${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(file, csv);
  const bad: unknown[] = [];
  const events: ImportItem[] = [];
  for await (const item of readCsv(
    { events: file },
    { dataset: "reread", onBad: (b) => bad.push(b) },
    emptyReport(),
  ))
    if (item.kind === "events") events.push(item);
  return { bad, events: events.map((i) => i.entity as { id: string; kind: string }) };
}

describe("events of a filter as CSV and JSON", () => {
  it("from the address: the timeline's count of releases, read back by the importer", async () => {
    const [csvRes, timeline] = await Promise.all([
      fetch(`${server.url}/export/events?format=csv&kind=release`),
      fetch(`${server.url}/timeline?kind=release`).then((r) => r.text()),
    ]);
    expect(csvRes.status).toBe(200);
    expect(csvRes.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csvRes.headers.get("content-disposition")).toBe(
      'attachment; filename="dealmap-events-kind-release.csv"',
    );
    // React separates adjacent text with <!-- --> in the HTML
    const shown = /data-testid="event-count"[^>]*>([\d,]+) event/.exec(
      timeline.replace(/<!-- -->/g, ""),
    )?.[1];
    expect(shown, "the timeline says how many releases").toBeTruthy();
    const count = Number(shown?.replace(/,/g, ""));
    const bytes = Buffer.from(await csvRes.arrayBuffer());
    const text = bytes.toString("utf8");
    expect(text.startsWith(`\uFEFF${CSV_COLUMNS.events.map((c) => c.name).join(",")}\r\n`)).toBe(true);
    const back = await reimport(bytes);
    expect(back.bad).toEqual([]);
    expect(back.events.length).toBe(count);
    expect(csvRes.headers.get("x-total-count")).toBe(String(count));
    expect(back.events.every((e) => e.kind === "release")).toBe(true);

    const json = await fetch(`${server.url}/export/events?format=json&kind=release`);
    expect(json.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    const lines = (await json.text()).trimEnd().split("\n");
    const events = lines.map((l) => JSON.parse(l) as { id: string; kind: string });
    expect(events.map((e) => e.id)).toEqual(back.events.map((e) => e.id));
  });

  it("bad parameters: 400 naming them", async () => {
    const res = await fetch(`${server.url}/export/events?format=csv&kind=banana&from=soon`);
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body).toMatch(/^kind: "banana" is not one of/m);
    expect(body).toMatch(/^from: "soon" is not a date/m);
  });

  it("from a page's links: a place's events, as many as the page counts", async () => {
    const { page, problems } = await open("/places/klaipeda-port");
    try {
      const heading = await page.getByRole("heading", { name: /Events here \(\d+\)/ }).innerText();
      const count = Number(/\((\d+)\)/.exec(heading)?.[1]);
      const links = page.getByTestId("export-links");
      const csv = await download(page, () => links.getByRole("link", { name: "Download CSV" }).click());
      expect(csv.name).toBe("dealmap-events-place-klaipeda-port.csv");
      const back = await reimport(csv.bytes);
      expect(back.bad).toEqual([]);
      expect(back.events.length).toBe(count);
      const json = await download(page, () => links.getByRole("link", { name: "Download JSON" }).click());
      expect(json.name).toBe("dealmap-events-place-klaipeda-port.jsonl");
      const ids = json.bytes
        .toString("utf8")
        .trimEnd()
        .split("\n")
        .map((l) => (JSON.parse(l) as { id: string }).id);
      expect(ids).toEqual(back.events.map((e) => e.id));
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** What the browser makes of an SVG file: parsed as XML, then drawn as an image. */
async function checkSvg(page: Page, text: string) {
  return page.evaluate(async (svg) => {
    const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
    const error = doc.querySelector("parsererror")?.textContent ?? null;
    const root = doc.documentElement;
    const img = new Image();
    const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
    img.src = url;
    let drawn = true;
    try {
      await img.decode();
    } catch {
      drawn = false;
    }
    URL.revokeObjectURL(url);
    return {
      error,
      root: root.localName,
      ns: root.namespaceURI,
      width: root.getAttribute("width"),
      viewBox: root.getAttribute("viewBox"),
      title: root.querySelector(":scope > title")?.textContent ?? "",
      text: [...root.querySelectorAll("text")].map((t) => t.textContent).join(" | "),
      styled: root.querySelectorAll("[style*='fill']").length,
      classes: root.querySelectorAll("[class]").length,
      drawn,
      naturalWidth: img.naturalWidth,
    };
  }, text);
}

describe("figures as SVG and PNG", () => {
  it("the network: a standalone SVG and a PNG at twice its size", async () => {
    const { page, problems } = await open("/network");
    try {
      const bar = page.getByTestId("export-figure");
      await screenshot(page, "network-export-1280");
      const svg = await download(page, () =>
        bar.getByRole("button", { name: "Download the network as SVG" }).click(),
      );
      expect(svg.name).toBe("dealmap-network.svg");
      keep(svg.name, svg.bytes);
      const text = svg.bytes.toString("utf8");
      expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')).toBe(true);
      const parsed = await checkSvg(page, text);
      expect(parsed.error).toBeNull();
      expect(parsed.root).toBe("svg");
      expect(parsed.ns).toBe("http://www.w3.org/2000/svg");
      expect(parsed.width).toBe("960");
      expect(parsed.viewBox).toMatch(/^0 0 960 \d+$/);
      expect(parsed.title).toMatch(/^Actor network: \d+ actors, \d+ ties/);
      expect(parsed.text).toMatch(
        /Source: Dealmap, http:\/\/127\.0\.0\.1:\d+\/network \(\d{4}-\d{2}-\d{2}\)/,
      );
      expect(parsed.text).toMatch(/Alexander Lukashenko|Lukashenko/);
      // the page's stylesheet is not in the file: its colours are written on the elements
      expect(parsed.styled).toBeGreaterThan(20);
      expect(parsed.classes).toBe(0);
      expect(parsed.drawn).toBe(true);
      expect(parsed.naturalWidth).toBe(960);

      const png = await download(page, () =>
        bar.getByRole("button", { name: "Download the network as PNG" }).click(),
      );
      expect(png.name).toBe("dealmap-network.png");
      keep(png.name, png.bytes);
      expect(png.bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      expect(png.bytes.length).toBeGreaterThan(10_000);
      // IHDR: width and height, big-endian, at bytes 16 and 20
      expect(png.bytes.readUInt32BE(16)).toBe(1920);
      const height = Number(/^0 0 960 (\d+)$/.exec(parsed.viewBox ?? "")?.[1]);
      expect(png.bytes.readUInt32BE(20)).toBe(height * 2);
      await expect.poll(() => bar.getByRole("status").innerText()).toMatch(/Saved dealmap-network\.png/);
      expect(await new AxeBuilder({ page }).include('[data-testid="export-figure"]').analyze()).toMatchObject(
        {
          violations: [],
        },
      );
      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForTimeout(150);
      await screenshot(page, "network-export-390");
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      ).toBeLessThanOrEqual(1);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("the routes map at the slider's date, with its legend and the basemap's credit", async () => {
    const { page, problems } = await open("/routes?at=2025-12-13");
    try {
      const svg = await download(page, () =>
        page.getByRole("button", { name: "Download the map as SVG" }).click(),
      );
      expect(svg.name).toBe("dealmap-routes-map-at-2025-12-13.svg");
      keep(svg.name, svg.bytes);
      const parsed = await checkSvg(page, svg.bytes.toString("utf8"));
      expect(parsed.error).toBeNull();
      expect(parsed.root).toBe("svg");
      expect(parsed.title).toBe("Routes on 2025-12-13: status by colour, transport by line");
      expect(parsed.text).toMatch(/Basemap: Natural Earth/);
      expect(parsed.text).toMatch(/Klaip/);
      const png = await download(page, () =>
        page.getByRole("button", { name: "Download the map as PNG" }).click(),
      );
      keep(png.name, png.bytes);
      expect(png.bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      expect(png.bytes.readUInt32BE(16)).toBe(1920);
      expect(parsed.drawn).toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe("the timeline's window as files", () => {
  it("the events in view as CSV (as many as the window lists) and the chart as SVG", async () => {
    const { page, problems } = await open("/timeline?kind=release&from=2025-01-01&to=2025-12-31");
    try {
      const links = page.locator(".timeline-layout").getByTestId("export-links");
      const href = await links.getByRole("link", { name: "Download CSV" }).getAttribute("href");
      const params = new URL(href ?? "", server.url).searchParams;
      expect(params.get("kind")).toBe("release");
      const from = params.get("from") ?? "";
      const to = params.get("to") ?? "";
      // the view holds the window asked for (a little margin either side)
      expect(from <= "2025-01-01" && from >= "2024-11-01", from).toBe(true);
      expect(to >= "2025-12-31" && to <= "2026-03-01", to).toBe(true);
      const csv = await download(page, () => links.getByRole("link", { name: "Download CSV" }).click());
      const back = await reimport(csv.bytes);
      expect(back.bad).toEqual([]);
      // the router's list of the same filter and window holds the same events
      const input = JSON.stringify({ kinds: ["release"], from, to, limit: 200 });
      const listed = (await (
        await fetch(`${server.url}/api/trpc/events.list?input=${encodeURIComponent(input)}`)
      ).json()) as { result: { data: { items: { id: string }[] } } };
      const ids = listed.result.data.items.map((e) => e.id).sort();
      expect(ids.length).toBeGreaterThan(0);
      expect(back.events.map((e) => e.id).sort()).toEqual(ids);

      // zoomed in, the links follow the view
      await page.getByRole("button", { name: "Zoom in" }).click();
      await expect
        .poll(async () =>
          new URL(
            (await links.getByRole("link", { name: "Download CSV" }).getAttribute("href")) ?? "",
            server.url,
          ).searchParams.get("from"),
        )
        .not.toBe(params.get("from"));

      const svg = await download(page, () =>
        page.getByRole("button", { name: "Download the timeline as SVG" }).click(),
      );
      expect(svg.name).toMatch(/^dealmap-timeline-kind-release-from-.+\.svg$/);
      keep(svg.name, svg.bytes);
      const parsed = await checkSvg(page, svg.bytes.toString("utf8"));
      expect(parsed.error).toBeNull();
      expect(parsed.root).toBe("svg");
      expect(parsed.title).toMatch(/^Timeline, /);
      expect(parsed.styled).toBeGreaterThan(5);
      expect(parsed.classes).toBe(0);
      expect(parsed.drawn).toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe("embed mode", () => {
  it("?embed=1: no site header, navigation, search or footer; an 'Open in Dealmap' link", async () => {
    const { page, problems } = await open("/network?around=john-coale&embed=1");
    try {
      expect(await page.locator(".site-header, .site-footer, nav[aria-label='Main'], .skip").count()).toBe(0);
      expect(await page.getByRole("searchbox").count()).toBe(0);
      const link = page.getByTestId("open-in-dealmap");
      expect(await link.getAttribute("href")).toBe("/network?around=john-coale");
      expect(await link.getAttribute("target")).toBe("_blank");
      expect(await page.locator("h1").innerText()).toBe("Network");
      expect(await page.locator("base").getAttribute("target")).toBe("_blank");
      const axe = await new AxeBuilder({ page }).analyze();
      expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
      expect(axe.violations.map((v) => v.id)).not.toContain("region");
      await screenshot(page, "embed-network-1280");
      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForTimeout(150);
      await screenshot(page, "embed-network-390");
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
    // the same page without the flag has its chrome
    const { page: full } = await open("/network");
    try {
      expect(await full.locator(".site-header nav[aria-label='Main']").count()).toBe(1);
      expect(await full.getByTestId("open-in-dealmap").count()).toBe(0);
    } finally {
      await full.close();
    }
  });

  it("an embedded page's links open a new tab, its download links still download", async () => {
    const { page } = await open("/places/klaipeda-port?embed=1");
    try {
      const csv = await download(page, () =>
        page.getByTestId("export-links").getByRole("link", { name: "Download CSV" }).click(),
      );
      expect(csv.name).toBe("dealmap-events-place-klaipeda-port.csv");
      expect(browser.context.pages().filter((p) => p.url().includes("/export/"))).toEqual([]);
      const [tab] = await Promise.all([
        browser.context.waitForEvent("page"),
        page.getByRole("link", { name: "On the timeline →" }).click(),
      ]);
      await tab.waitForLoadState();
      expect(new URL(tab.url()).pathname).toBe("/timeline");
      expect(page.url()).toMatch(/\/places\/klaipeda-port\?embed=1$/);
      await tab.close();
    } finally {
      await page.close();
    }
  });

  it("the CSP's frame-ancestors is DEALMAP_FRAME_ANCESTORS, with no X-Frame-Options", async () => {
    for (const p of ["/network?embed=1", "/", "/export/events?format=json&kind=release"]) {
      const res = await fetch(server.url + p);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, p).toMatch(
        new RegExp(`(^|; )frame-ancestors https://news\\.example http://127\\.0\\.0\\.1:${hostPort}(;|$)`),
      );
      expect(res.headers.get("x-frame-options"), p).toBeNull();
      await res.body?.cancel();
    }
  });

  it("an allowed origin can frame an embedded page; another cannot", async () => {
    const src = encodeURIComponent(`${server.url}/timeline?kind=release&embed=1`);
    const page = await browser.context.newPage();
    try {
      await page.goto(`http://127.0.0.1:${hostPort}/?src=${src}`, { waitUntil: "networkidle" });
      const frame = page.frameLocator("#f");
      await expect.poll(() => frame.locator("h1").innerText(), { timeout: 20_000 }).toBe("Timeline");
      expect(await frame.locator(".site-header").count()).toBe(0);
      await screenshot(page, "embed-iframe-host-1280");

      // the same host by another name is another origin, not in the list
      await page.goto(`http://localhost:${hostPort}/?src=${src}`, { waitUntil: "networkidle" });
      const blocked = page.frames().find((f) => f !== page.mainFrame());
      const inside = await blocked
        ?.evaluate(() => document.querySelector("h1")?.textContent?.trim() ?? "")
        .catch(() => "");
      // Chromium shows its own "… is blocked" page in the frame instead
      expect(inside ?? "").not.toBe("Timeline");
      expect(inside ?? "").toMatch(/blocked|refused|^$/);
    } finally {
      await page.close();
    }
  });

  it("a value that is not a list of origins is an error at startup, and nobody may frame the pages", async () => {
    const bad = await startServer({
      DEALMAP_DATA: "",
      DEALMAP_FRAME_ANCESTORS: "https://news.example/embed",
    });
    try {
      const res = await fetch(`${bad.url}/network?embed=1`);
      await res.body?.cancel();
      expect(res.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'(;|$)/);
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(bad.output()).toMatch(
        /Error: DEALMAP_FRAME_ANCESTORS: "https:\/\/news\.example\/embed" is not allowed \(an origin has no path\)/,
      );
    } finally {
      await bad.stop();
    }
  });
});
