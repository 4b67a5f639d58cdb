/**
 * Imported data in the browser: the built-in data loaded into a SQLite file with a tiny import
 * beside it (`importSample` of @dealmap/api/testing). The timeline and the actors list filter
 * by dataset and tag what was imported; the event and actor pages say which import an entity
 * came from; the built-in data carries no tag.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { acceptSameAs, defaultDatabaseLoad, loadIntoDatabase, openDatabase } from "@dealmap/api";
import { importSample, sampleImportIds } from "@dealmap/api/testing";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Browser,
  launchBrowser,
  type Server,
  screenshot,
  startServer,
  watchConsole,
} from "./harness.ts";

const IMPORT = "gdelt-e2e";
const ids = sampleImportIds(IMPORT);
const scratch = mkdtempSync(path.join(tmpdir(), "dealmap-e2e-datasets-"));
let server: Server | undefined;
let browser: Browser | undefined;
let builtinEvents = 0;
let file = "";

beforeAll(async () => {
  const load = defaultDatabaseLoad();
  builtinEvents = load.dataset.events.length;
  file = path.join(scratch, "with-import.sqlite");
  await loadIntoDatabase(file, load);
  await importSample(file, IMPORT);
  [server, browser] = await Promise.all([startServer({ DEALMAP_DB: file }), launchBrowser()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

async function open(url: string, width = 1280): Promise<{ page: Page; problems: string[] }> {
  if (!server || !browser) throw new Error("the server and browser are not started");
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height: 900 });
  const problems = watchConsole(page);
  const res = await page.goto(server.url + url, { waitUntil: "networkidle" });
  expect(res?.status(), url).toBe(200);
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
  return { page, problems };
}

async function serious(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).analyze();
  return r.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
}

/** A page's event lists: the import's two talks tagged with its name, the curated events not. */
async function expectTalksTagged(page: Page): Promise<void> {
  const items = await page
    .locator("section li", { has: page.locator('a[href^="/events/"]') })
    .allInnerTexts();
  const tagged = items.filter((t) => t.includes(`Import: ${IMPORT}`));
  expect(tagged.map((t) => /Imported trade talks, round \d/.exec(t)?.[0])).toEqual([
    "Imported trade talks, round 1",
    "Imported trade talks, round 2",
  ]);
  expect(items.length).toBeGreaterThan(tagged.length);
  expect(items.filter((t) => t.includes("Import:"))).toHaveLength(2);
}

describe("datasets in the explorer (built-in data plus an import, over SQLite)", () => {
  it("the timeline's Dataset filter shows only the import's events, each tagged", async () => {
    const { page, problems } = await open(`/timeline?dataset=${IMPORT}`);
    try {
      const select = page.getByLabel("Dataset", { exact: true });
      await expect(select.inputValue()).resolves.toBe(IMPORT);
      const options = await select.locator("option").allInnerTexts();
      expect(options).toEqual(["Any dataset", "Curated (built-in)", `Import: ${IMPORT} (gdelt)`]);
      await expect(page.getByTestId("event-count").textContent()).resolves.toBe(
        "2 events match the filters.",
      );
      const items = page.locator("ol.event-list > li");
      await expect(items.locator("a").allInnerTexts()).resolves.toEqual([
        "Imported trade talks, round 1",
        "Imported trade talks, round 2",
      ]);
      // the tag says it in words, on every item
      await expect(items.locator(".dataset-tag").allInnerTexts()).resolves.toEqual([
        `Import: ${IMPORT}`,
        `Import: ${IMPORT}`,
      ]);
      expect(await serious(page)).toEqual([]);
      await screenshot(page, "datasets-timeline-import-1280");
      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForTimeout(150);
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      ).toBeLessThanOrEqual(1);
      await screenshot(page, "datasets-timeline-import-390");
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("choosing the curated data leaves out the import, and nothing curated is tagged", async () => {
    const { page, problems } = await open("/timeline");
    try {
      await expect(page.getByTestId("event-count").textContent()).resolves.toBe(
        `${builtinEvents + 2} events.`,
      );
      await expect(page.locator("ol.event-list .dataset-tag").count()).resolves.toBe(2);
      await page.getByLabel("Dataset", { exact: true }).selectOption("built-in");
      await page.waitForURL(/dataset=built-in/);
      await expect
        .poll(() => page.getByTestId("event-count").textContent())
        .toBe(`${builtinEvents} events match the filters.`);
      await expect(page.locator("ol.event-list .dataset-tag").count()).resolves.toBe(0);
      await expect(page.locator("ol.event-list").textContent()).resolves.not.toContain(
        "Imported trade talks",
      );
      await screenshot(page, "datasets-timeline-curated-1280");
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("an unknown dataset is named as a problem, not silently empty", async () => {
    const { page } = await open("/timeline?dataset=no-such-import");
    try {
      const text = await page.locator("main").textContent();
      expect(text).toContain('"no-such-import" is not one of: built-in, gdelt-e2e');
    } finally {
      await page.close();
    }
  });

  it("the chart's detail of an imported event says which import it is from", async () => {
    const { page, problems } = await open(`/timeline?dataset=${IMPORT}&event=${ids.events[0]}`);
    try {
      const panel = page.getByRole("region", { name: "Selected event" });
      await expect(panel.getByTestId("dataset-note").textContent()).resolves.toBe(
        `From import ${IMPORT} (gdelt)`,
      );
      await screenshot(page, "datasets-timeline-detail-1280");
      // a built-in event's detail has no such line
      await page.goto(`${server?.url}/timeline?event=release-2025-06`, { waitUntil: "networkidle" });
      await expect(
        page.getByRole("region", { name: "Selected event" }).locator("h2").first().textContent(),
      ).resolves.not.toBe("");
      await expect(page.getByTestId("dataset-note").count()).resolves.toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("the actors list tags the imported actor and filters by dataset", async () => {
    const { page, problems } = await open("/actors");
    try {
      const card = page.locator("li.card", { hasText: "Ilya Testovich" });
      await expect(card.locator(".dataset-tag").textContent()).resolves.toBe(`Import: ${IMPORT}`);
      await expect(page.locator(".actor-grid .dataset-tag").count()).resolves.toBe(1);
      await page.getByLabel("Dataset", { exact: true }).selectOption(IMPORT);
      await page.waitForURL(new RegExp(`dataset=${IMPORT}`));
      await expect.poll(() => page.locator(".actor-grid > li").count()).toBe(1);
      await expect(page.locator(".actor-grid h2").textContent()).resolves.toBe("Ilya Testovich");
      expect(await serious(page)).toEqual([]);
      await screenshot(page, "datasets-actors-import-1280");
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("the event and actor pages say 'From import …' under the title; built-in ones do not", async () => {
    for (const [url, title] of [
      [`/events/${ids.events[1]}`, "Imported trade talks, round 2"],
      [`/actors/${ids.actor}`, "Ilya Testovich"],
    ] as const) {
      const { page, problems } = await open(url);
      try {
        await expect(page.locator("h1").textContent()).resolves.toBe(title);
        await expect(page.getByTestId("dataset-note").textContent()).resolves.toBe(
          `From import ${IMPORT} (gdelt)`,
        );
        expect(await serious(page)).toEqual([]);
        const name = url.startsWith("/events") ? "event" : "actor";
        await screenshot(page, `datasets-${name}-import-1280`);
        await page.setViewportSize({ width: 390, height: 844 });
        await page.waitForTimeout(150);
        await screenshot(page, `datasets-${name}-import-390`);
        expect(problems).toEqual([]);
      } finally {
        await page.close();
      }
    }
    for (const url of ["/events/release-2025-06", "/actors/alexander-lukashenko"]) {
      const { page } = await open(url);
      try {
        await expect(page.getByTestId("dataset-note").count(), url).resolves.toBe(0);
      } finally {
        await page.close();
      }
    }
  });

  it("a place's events tag the import's events with its name; the curated ones carry no tag", async () => {
    const { page, problems } = await open("/places/minsk");
    try {
      await expectTalksTagged(page);
      expect(await serious(page)).toEqual([]);
      await screenshot(page, "datasets-place-1280");
      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForTimeout(150);
      await screenshot(page, "datasets-place-390");
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("an imported event's page offers Promote, which shows the curated YAML to save", async () => {
    const { page, problems } = await open(`/events/${ids.events[0]}`);
    try {
      await page.getByRole("link", { name: "Promote to curated data" }).click();
      await page.waitForURL(/\/promote$/);
      await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(
        "Promote to curated data",
      );
      const paths = await page.locator("section h2 code").allInnerTexts();
      expect(paths[0]).toBe("events/talks-1.yaml");
      expect(paths).toContain("sources/talks-1-sources.yaml");
      const yaml = await page.locator("pre.yaml").first().textContent();
      expect(yaml).toContain("- id: talks-1");
      expect(yaml).toContain(`Promoted from the imported event ${ids.events[0]}`);
      await expect(page.locator("main").textContent()).resolves.toContain(
        `dealmap datasets accept ${IMPORT} ${ids.events[0]} talks-1`,
      );
      const href = await page.getByRole("link", { name: "Download talks-1.yaml" }).getAttribute("href");
      expect(decodeURIComponent((href ?? "").replace(/^data:text\/yaml;charset=utf-8,/, ""))).toBe(yaml);
      expect(await serious(page)).toEqual([]);
      await screenshot(page, "datasets-promote-1280");
      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForTimeout(150);
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      ).toBeLessThanOrEqual(1);
      await screenshot(page, "datasets-promote-390");
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
    // a curated event's page has no such button
    const curated = await open("/events/release-2025-02");
    try {
      await expect(curated.page.getByRole("link", { name: "Promote to curated data" }).count()).resolves.toBe(
        0,
      );
    } finally {
      await curated.page.close();
    }
  });

  // last: it changes the database under the server
  it("an imported actor accepted as a curated one leads to the curated actor's page, which takes its events", async () => {
    const c = await openDatabase(file);
    try {
      await acceptSameAs(c, IMPORT, ids.actor, "john-coale");
    } finally {
      await c.close();
    }
    // the server sees the new data version within a second
    await new Promise((r) => setTimeout(r, 1500));
    const { page, problems } = await open(`/actors/${ids.actor}`);
    try {
      expect(new URL(page.url()).pathname).toBe("/actors/john-coale");
      await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("John Coale");
      const card = (await page.locator(".provenance").textContent()) ?? "";
      expect(card).toContain(`${IMPORT} merged a record of its own into it (same-as)`);
      expect(card).toContain(`Also recorded as ${ids.actor}`);
      // the name only the import gave is listed with the actor's names, with the import's mark
      await expect(page.getByTestId("merged-name").allTextContents()).resolves.toEqual([
        `Ilya Testovich as ${ids.actor}, merged by same-as added by the dataset ${IMPORT}`,
      ]);
      // what the import cites for its record, shown with the provenance, marked with the import
      const cites = page.getByTestId("merged-citations");
      await expect(cites.count()).resolves.toBe(1);
      const cited = (await cites.textContent()) ?? "";
      expect(cited).toContain(`${IMPORT} cites for its record “Ilya Testovich” (${ids.actor}):`);
      expect(cited).toContain("A made-up wire report on trade talks");
      await expect(page.getByRole("link", { name: "Imported trade talks, round 1" }).count()).resolves.toBe(
        1,
      );
      // the import's events are tagged in the profile's lists; the curated ones are not
      await expectTalksTagged(page);
      expect(await serious(page)).toEqual([]);
      await screenshot(page, "datasets-accepted-actor-1280");
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
