/**
 * Statements in the browser, over the my-memo directory of packages/dataset/fixtures: its own
 * record of the September 2025 release is declared the same as the built-in one, and it adds
 * citations to the built-in easing and deal. The pages show one event with both datasets, the
 * memo's id leads to it, and the overview still counts 192 people freed.
 */
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { describe, expect, it } from "vitest";
import { screenshot, serverAndBrowser, webDir } from "./harness.ts";

const memoDir = path.resolve(webDir, "..", "..", "packages", "dataset", "fixtures", "my-memo");

const { open } = serverAndBrowser({ DEALMAP_DATA: memoDir, DEALMAP_SOURCES: path.join(memoDir, "texts") });

describe("statements on what exists (the memo case)", () => {
  it("the release shows both datasets, what the memo added and the record merged into it", async () => {
    const { page, problems } = await open("/events/release-2025-09");
    try {
      const note = page.locator("section.provenance");
      await expect(note.locator("h2").innerText()).resolves.toBe("2 datasets: built-in, my-memo");
      const text = await note.innerText();
      expect(text).toContain("built-in defines it");
      expect(text).toMatch(/my-memo added 3 values \(quantities\.\d+, quantities\.\d+, citations\.\d+\)/);
      expect(text).toContain("Also recorded as memo-september-release");
      // each value the memo added carries its mark where it is shown; the built-in ones none
      const marks = (items: string) =>
        page.locator(items).evaluateAll((lis) =>
          lis.map((li) => ({
            text: li.textContent ?? "",
            mark: li.querySelector(":scope > .dataset-mark")?.getAttribute("data-dataset") ?? null,
          })),
        );
      const figures = await marks("section:has(> h3:text-is('Figures')) > ul > li");
      expect(figures.length).toBeGreaterThan(2);
      const memoFigures = figures.filter((f) => f.mark === "my-memo");
      expect(memoFigures.map((f) => f.text)).toEqual([
        expect.stringMatching(/^52 people prisoners released/),
        expect.stringMatching(/^14 people foreign nationals among those released/),
      ]);
      expect(figures.filter((f) => f.mark !== "my-memo").every((f) => f.mark === null)).toBe(true);
      const sources = await marks("article > .citations > .cite-list > li");
      expect(sources.filter((c) => c.mark === "my-memo").map((c) => c.text)).toEqual([
        expect.stringMatching(/^My memo on the September release, ¶2, characters 24–43 let 52 prisoners go /),
      ]);
      expect(sources.filter((c) => c.mark !== "my-memo").every((c) => c.mark === null)).toBe(true);
      expect(sources.length).toBeGreaterThan(1);
      const axe = await new AxeBuilder({ page }).analyze();
      expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
      await screenshot(page, "statements-event-1280");
      await page.setViewportSize({ width: 390, height: 900 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await screenshot(page, "statements-event-390");
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("the memo's own id leads to the merged event's page", async () => {
    const { page } = await open("/events/memo-september-release");
    try {
      expect(new URL(page.url()).pathname).toBe("/events/release-2025-09");
    } finally {
      await page.close();
    }
  });

  it("the deal names both datasets, and the overview still counts 192 people freed", async () => {
    const deal = await open("/deals/deal-2025-09-belavia");
    try {
      await expect(deal.page.locator("section.provenance h2").innerText()).resolves.toBe(
        "2 datasets: built-in, my-memo",
      );
      const ru = deal.page.locator('section.translations li[lang="ru"]');
      await expect(ru.innerText()).resolves.toContain("Сентябрьская сделка 2025 года");
      await expect(ru.locator(".dataset-mark").getAttribute("data-dataset")).resolves.toBe("my-memo");
      const cited = await deal.page
        .locator(".citations .cite-list li")
        .evaluateAll((lis) =>
          lis.map((li) => li.querySelector(".dataset-mark")?.getAttribute("data-dataset") ?? null),
        );
      expect(cited.filter((m) => m === "my-memo")).toHaveLength(1);
      expect(cited.filter((m) => m === null).length).toBeGreaterThan(0);
    } finally {
      await deal.page.close();
    }
    const home = await open("/");
    try {
      const main = await home.page.locator("main").innerText();
      expect(main).toMatch(/192\s*people freed/);
    } finally {
      await home.page.close();
    }
  });

  it("an entity no other dataset touched has no provenance section", async () => {
    const { page } = await open("/events/coale-appointed-envoy");
    try {
      expect(await page.locator("section.provenance").count()).toBe(0);
    } finally {
      await page.close();
    }
  });
});
