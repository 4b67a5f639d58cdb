/**
 * Cited passages in the browser, on a small data directory whose memo's text sits beside it
 * (e2e/fixtures/cited-data, texts/ also given as DEALMAP_SOURCES so the server shows it): each
 * claim's passage marked on its own and linked both ways, overlapping passages kept apart, an
 * event's citations with their words, and "Cite this" on a selection.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { anchorQuote, splitParagraphs } from "@dealmap/domain";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { screenshot, serverAndBrowser, webDir } from "./harness.ts";

const dataDir = path.join(webDir, "e2e", "fixtures", "cited-data");
const TEXT = splitParagraphs(readFileSync(path.join(dataDir, "texts", "e2e-memo.txt"), "utf8"));
const P2 = TEXT[1] as string;

const { open } = serverAndBrowser({ DEALMAP_DATA: dataDir, DEALMAP_SOURCES: path.join(dataDir, "texts") });

async function serious(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).analyze();
  return r.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
}

/** Select [start, end) of a paragraph's own text (markers left out), as a mouse would. */
async function selectIn(page: Page, paragraph: number, start: number, end: number): Promise<void> {
  await page.evaluate(
    ([n, a, b]) => {
      const p = document.querySelector(`.source-text[data-paragraph="${n}"]`) as Element;
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      const places: [Node, number][] = [];
      let at = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement?.closest("[data-nontext]")) continue;
        const len = node.textContent?.length ?? 0;
        for (const want of [a, b]) if (want >= at && want <= at + len) places.push([node, want - at]);
        at += len;
      }
      const [s, e] = [places.find((x) => x), places.at(-1)] as [[Node, number], [Node, number]];
      const range = document.createRange();
      range.setStart(...s);
      range.setEnd(...e);
      const sel = document.getSelection() as Selection;
      sel.removeAllRanges();
      sel.addRange(range);
    },
    [paragraph, start, end] as const,
  );
}

describe("a source whose text is beside the data", () => {
  it("marks each claim's passage on its own, overlapping ones apart, linked both ways", async () => {
    const { page, problems } = await open("/sources/e2e-memo");
    try {
      await expect(page.locator("[data-testid=text-verified]").count()).resolves.toBe(1);
      // paragraph 2: the actor's name [0,12) inside event one's passage [0,53), which overlaps event two's [25,60)
      const one = P2.indexOf("first round");
      const pins = page.locator('.source-text[data-paragraph="2"] sup.pin');
      expect(await pins.evaluateAll((els) => els.map((e) => e.id))).toEqual([
        "p2-0-53",
        "p2-0-12",
        `p2-${one}-60`,
      ]);
      // the overlap is covered by two distinct marks, one per passage, in different lanes
      const overlap = page.locator(`mark.pas`, { hasText: /^first round of harbour talks$/ });
      const lanes = await page
        .locator('.source-text[data-paragraph="2"] mark.pas')
        .evaluateAll((els) =>
          els.filter((e) => e.textContent === "first round of harbour talks").map((e) => e.className),
        );
      expect(lanes.length).toBe(2);
      expect(new Set(lanes).size).toBe(2);
      expect(await overlap.count()).toBe(2);
      // each passage marker links to its claim, and names it
      const toClaim = page.locator(`#p2-${one}-60 a`);
      expect(await toClaim.getAttribute("aria-label")).toMatch(
        /passage cited by event Harbour talks dated to May/,
      );
      await toClaim.click();
      const claim = page.locator(":target");
      expect(await claim.textContent()).toContain("Harbour talks dated to May");
      expect(await claim.evaluate((e) => getComputedStyle(e).outlineStyle)).toBe("solid");
      // …and the claim links back to its passage
      await claim.locator("a.claim-no").click();
      expect(await page.evaluate(() => location.hash)).toBe(`#p2-${one}-60`);
      expect(await page.locator(":target").evaluate((e) => e.className)).toMatch(/pin/);
      expect(await serious(page)).toEqual([]);
      await screenshot(page, "passages-source-1280");
      await page.setViewportSize({ width: 390, height: 900 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await screenshot(page, "passages-source-390");
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("lists an event's citations with paragraph, span and the cited words, linked to the passage", async () => {
    const { page, problems } = await open("/events/e2e-harbour-round-one");
    try {
      const items = page.locator(".cite-list li");
      const texts = await items.allInnerTexts();
      expect(texts[0]).toMatch(/¶2, characters 0–53/);
      expect(texts[0]).toContain("Mira Example chaired the first round of harbour talks");
      expect(texts[1]).toMatch(/¶1, characters 12–25/);
      expect(texts[1]).toContain("harbour talks");
      expect(await items.first().locator("a").first().getAttribute("href")).toBe("/sources/e2e-memo#p2-0-53");
      await items.first().locator("a").first().click();
      await page.waitForURL(/#p2-0-53$/);
      expect(await page.locator(":target").getAttribute("id")).toBe("p2-0-53");
      expect(await serious(page)).toEqual([]);
      await screenshot(page, "passages-event-1280");
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("offers Cite this on a selection: the YAML's quote and span match the text, with prefix and suffix for a repeated phrase", async () => {
    const { page, problems } = await open("/sources/e2e-memo");
    try {
      // "harbour talks" occurs three times; pick the one of the second round, selecting "arbour talks"
      const start = P2.indexOf("harbour talks", P2.indexOf("second round"));
      await selectIn(page, 2, start + 1, start + "harbour talks".length);
      const button = page.getByRole("button", { name: /Cite this/ });
      await button.waitFor();
      // from the keyboard: "c" opens it, the YAML is selected for copying, Escape closes it
      await page.keyboard.press("c");
      const yaml = await page.locator("#cite-yaml").inputValue();
      await page.waitForFunction(() => document.activeElement?.id === "cite-yaml");
      const span = /span: \[(\d+), (\d+)\]/.exec(yaml);
      const [a, b] = [Number(span?.[1]), Number(span?.[2])];
      expect(P2.slice(a, b)).toBe("harbour talks");
      expect(a).toBe(start);
      expect(yaml).toContain("- source: e2e-memo\n  paragraph: 2\n");
      expect(yaml).toContain('quote: "harbour talks"');
      expect(yaml).toMatch(/prefix: ".*second round of"/);
      expect(yaml).toMatch(/suffix: "followed in June"/);
      expect(await serious(page)).toEqual([]);
      await screenshot(page, "passages-cite-this-1280");
      await page.keyboard.press("Escape");
      expect(await page.locator("#cite-yaml").count()).toBe(0);

      // a phrase that occurs once gets no prefix or suffix; the button works with the mouse too
      const may = P2.indexOf("in May");
      await selectIn(page, 2, may, may + "in May".length);
      await page.setViewportSize({ width: 390, height: 900 });
      await page.getByRole("button", { name: /Cite this/ }).click();
      const once = await page.locator("#cite-yaml").inputValue();
      expect(once).toBe(
        `- source: e2e-memo\n  paragraph: 2\n  span: [${may}, ${may + 6}]\n  quote: "in May"\n`,
      );
      await screenshot(page, "passages-cite-this-390");
      await page.getByRole("button", { name: "Close" }).click();

      // "in June" is also in paragraph 3, which no claim cites and the page does not show: the
      // server, which holds the whole text, adds the words that tell paragraph 2's apart
      expect(await page.locator('.source-text[data-paragraph="3"]').count()).toBe(0);
      const june = P2.indexOf("in June");
      await selectIn(page, 2, june, june + "in June".length);
      await page.getByRole("button", { name: /Cite this/ }).click();
      const told = await page.locator("#cite-yaml").inputValue();
      const label = page.locator('label[for="cite-yaml"]');
      expect(await label.getAttribute("data-over")).toBe("whole");
      expect(await label.textContent()).toContain("occur 2 times in the whole text");
      const field = (name: string) => {
        const m = new RegExp(`^  ${name}: (.*)$`, "m").exec(told)?.[1];
        return m === undefined ? undefined : (JSON.parse(m) as string);
      };
      expect(field("quote")).toBe("in June");
      expect(field("prefix")).toBeTruthy();
      // the loader's rule over the whole text: ambiguous alone, this place with the prefix/suffix
      expect(anchorQuote(TEXT, { exact: "in June" })).toMatchObject({ ok: false, reason: "ambiguous" });
      expect(
        anchorQuote(TEXT, { exact: "in June", prefix: field("prefix"), suffix: field("suffix") }),
      ).toEqual({
        ok: true,
        method: "exact",
        paragraph: 2,
        span: [june, june + 7],
      });
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
