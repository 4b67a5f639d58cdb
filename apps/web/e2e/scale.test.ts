/**
 * The explorer over a database too big to ship whole: 40,000 synthetic events (the benchmark's
 * generator, 2017–2026) in a SQLite file plus an import beside them. The timeline page must not
 * carry the events (counts per bin instead), zooming in must turn counts into single events read
 * from the store, and the import gets its density band. CI runs this small size; the 10M figures
 * come from `pnpm --filter @dealmap/web measure` (see the README).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { type EntityItem, loadEntities, openDatabase } from "@dealmap/api";
import { syntheticEntities } from "@dealmap/api/synthetic";
import { importSample } from "@dealmap/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Browser,
  launchBrowser,
  type Server,
  screenshot,
  startServer,
  watchConsole,
} from "./harness.ts";

const EVENTS = 40_000;
const scratch = mkdtempSync(path.join(tmpdir(), "dealmap-e2e-scale-"));
const file = path.join(scratch, "synthetic.sqlite");
let server: Server | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  const refs: { host?: string; place?: string } = {};
  function* synthetic(): Generator<EntityItem> {
    for (const item of syntheticEntities({ events: EVENTS })) {
      if (item.kind === "actors") refs.host ??= item.entity.id;
      if (item.kind === "places") refs.place ??= item.entity.id;
      yield item as EntityItem;
    }
  }
  const conn = await openDatabase(file, { create: true });
  try {
    await loadEntities(conn, synthetic(), { datasets: ["synthetic"] });
  } finally {
    await conn.close();
  }
  await importSample(file, "gdelt-sample", refs);
  [server, browser] = await Promise.all([startServer({ DEALMAP_DB: file }), launchBrowser()]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

async function open(url: string) {
  const page = await (browser as Browser).context.newPage();
  const problems = watchConsole(page);
  const res = await page.goto(`${server?.url}${url}`, { waitUntil: "networkidle" });
  return { page, problems, res };
}

describe(`the timeline over ${EVENTS.toLocaleString("en")} events in SQLite`, () => {
  it("draws counts, not events: a small page with a small DOM", async () => {
    const html = await (await fetch(`${server?.url}/timeline`)).text();
    // the page carries no events beyond the list's first page: what travels (gzip, as the server
    // sends it) is far under the 300 KB budget
    expect(gzipSync(html).length).toBeLessThan(100_000);
    expect(html.match(/<li /g)?.length ?? 0).toBeLessThan(300);
    const { page, problems } = await open("/timeline");
    try {
      const plot = page.locator(".timeline-plot");
      await expect.poll(() => plot.getAttribute("data-mode")).toBe("counts");
      expect(await page.locator("path.density").count()).toBeGreaterThan(5);
      expect(await page.locator("g.m[data-event]").count()).toBe(0);
      const status = await page.getByTestId("timeline-status").innerText();
      expect(status).toMatch(/about [\d,]+ events in view \(counted per/);
      expect(await page.evaluate(() => document.getElementsByTagName("*").length)).toBeLessThan(5000);
      // the import's density band under the curated lanes
      expect(await page.locator("[data-band]").count()).toBe(1);
      expect(await page.getByTestId("event-count").innerText()).toMatch(/40,0\d\d events/);
      await screenshot(page, "scale-timeline-wide-1280");
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("zooming in reads narrower windows until single events are drawn, and keeps the window in the URL", async () => {
    const { page, problems } = await open("/timeline");
    try {
      const plot = page.locator(".timeline-plot");
      const windows: string[] = [];
      page.on("request", (r) => {
        if (r.url().includes("events.window")) windows.push(r.url());
      });
      for (let i = 0; i < 12 && (await plot.getAttribute("data-mode")) === "counts"; i++) {
        await page.getByRole("button", { name: "Zoom in" }).click();
        await page.waitForTimeout(250);
        await page.waitForLoadState("networkidle");
      }
      expect(await plot.getAttribute("data-mode")).toBe("events");
      expect(windows.length).toBeGreaterThan(0);
      expect(await page.locator("g.m[data-event]").count()).toBeGreaterThan(0);
      expect(await page.getByTestId("timeline-status").innerText()).not.toMatch(/counted per/);
      const url = new URL(page.url());
      expect(url.searchParams.get("from")).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(url.searchParams.get("to")).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      await screenshot(page, "scale-timeline-narrow-1280");
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("a click on the counts zooms in around it", async () => {
    const { page } = await open("/timeline");
    try {
      const status = page.getByTestId("timeline-status");
      const before = await status.innerText();
      const box = await page.locator(".timeline-plot").boundingBox();
      if (!box) throw new Error("no chart");
      await page.mouse.click(box.x + box.width * 0.6, box.y + 80);
      await expect.poll(() => status.innerText()).not.toBe(before);
      expect((await status.innerText()).split(" · ")[0]).not.toBe(before.split(" · ")[0]);
    } finally {
      await page.close();
    }
  });

  it("a window in the URL is drawn and listed; the list pages on through it", async () => {
    const { page, problems } = await open("/timeline?from=2020-03-01&to=2020-03-10");
    try {
      const count = await page.getByTestId("event-count").innerText();
      expect(count).toMatch(/in this window/);
      expect(await page.locator("ol.event-list > li").count()).toBe(100);
      await page.getByRole("link", { name: "Later →" }).click();
      await page.waitForURL(/after=/);
      expect(await page.locator("ol.event-list > li").count()).toBeGreaterThan(0);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("at 390 px the counts still fit", async () => {
    const page = await (browser as Browser).context.newPage();
    try {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${server?.url}/timeline`, { waitUntil: "networkidle" });
      await expect.poll(() => page.locator(".timeline-plot").getAttribute("data-mode")).toBe("counts");
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(page, "scale-timeline-wide-390");
    } finally {
      await page.close();
    }
  });
});

describe("the busiest actor's profile over the same database", () => {
  it("lists 25 events a role, says how many more there are, and stays small", async () => {
    const html = await (await fetch(`${server?.url}/actors/syn-actor-0`)).text();
    expect(gzipSync(html).length).toBeLessThan(100_000);
    const { page, problems } = await open("/actors/syn-actor-0");
    try {
      const total = Number(
        (/Events by role \(([\d,]+)\)/.exec(await page.locator("#ev-h").innerText())?.[1] ?? "").replaceAll(
          ",",
          "",
        ),
      );
      expect(total).toBeGreaterThan(200);
      const roles = page.locator("section[aria-labelledby='ev-h'] > section");
      expect(await roles.count()).toBeGreaterThan(3);
      let cut = 0;
      for (const role of await roles.all()) {
        const [, name, n] = /^As (\S+) \(([\d,]+)\)$/.exec(await role.locator("h3").innerText()) ?? [];
        const inRole = Number((n ?? "").replaceAll(",", ""));
        const listed = await role.locator("li").count();
        expect(listed).toBe(Math.min(25, inRole));
        if (inRole > 25) {
          cut++;
          expect(await role.locator("p").innerText()).toBe(
            `The first 25 of ${inRole.toLocaleString("en-US")} events as ${name}.`,
          );
        } else expect(await role.locator("p").count()).toBe(0);
      }
      expect(cut).toBeGreaterThan(0);
      // the relations beside them: as many, and how many there are in all
      const relations = Number(
        (
          /Relations \(([\d,]+)\)/.exec((await page.locator("#rel-h").textContent()) ?? "")?.[1] ?? ""
        ).replaceAll(",", ""),
      );
      expect(relations).toBeGreaterThan(25);
      expect(await page.locator("section[aria-labelledby='rel-h'] li").count()).toBe(25);
      expect(await page.locator("section[aria-labelledby='rel-h'] p.small").textContent()).toBe(
        `The first 25 of ${relations.toLocaleString("en-US")} relations.`,
      );
      // the rest are a link away, and that link says how many it leads to
      const all = page.getByRole("link", { name: `All ${total.toLocaleString("en-US")} events of` });
      expect(await all.getAttribute("href")).toBe("/timeline?actor=syn-actor-0&lanes=kind");
      await screenshot(page, "scale-actor-busiest-1280");
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe("the network over the same database", () => {
  it("draws the most connected actors and says what it left out", async () => {
    const { page, problems } = await open("/network");
    try {
      const summary = await page.getByTestId("network-summary").innerText();
      // 800 synthetic actors and the import's one
      expect(summary).toMatch(/Showing the 150 most connected of 801 actors/);
      const drawn = await page.locator(".network-wrap svg circle").count();
      expect(drawn).toBeGreaterThan(0);
      expect(drawn).toBeLessThanOrEqual(150);
      // the actor choices are the busiest and the shown ones, not all 800
      expect(await page.locator("#n-around option").count()).toBeLessThan(200);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
