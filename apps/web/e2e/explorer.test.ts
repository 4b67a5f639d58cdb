/**
 * End-to-end tests of the production build (`next build` runs first) in Debian's Chromium.
 * One server with the built-in data (plus the article's text when ../shared/seed exists), one
 * with a user data directory of markup-looking text, one browser for everything.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Browser,
  brokenDataServer,
  launchBrowser,
  type Server,
  screenshot,
  startServer,
  watchConsole,
  webDir,
} from "./harness.ts";

const seedDir = path.resolve(webDir, "../../../shared/seed");
const hasSeed = existsSync(seedDir);

let server: Server;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServer(hasSeed ? { DEALMAP_SOURCES: seedDir, DEALMAP_DATA: "" } : { DEALMAP_DATA: "" }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(
  path: string,
  width = 1280,
  on: Server = server,
): Promise<{ page: Page; problems: string[]; status: number }> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height: 900 });
  const problems = watchConsole(page);
  const res = await page.goto(on.url + path, { waitUntil: "networkidle" });
  if (!res) throw new Error(`no response for ${path}`);
  return { page, problems, status: res.status() };
}

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(" | ")}`,
    );
}

/**
 * Every view, the text that proves its real content is there, and a name for the screenshots.
 * `status`: the HTTP status when not 200 (the browser then logs the failed load, which is fine).
 */
const VIEWS: { name: string; path: string; expect: RegExp; status?: number }[] = [
  { name: "overview", path: "/", expect: /Release waves in 2025[\s\S]*Belarus frees 123 prisoners/ },
  { name: "timeline", path: "/timeline", expect: /List of events[\s\S]*Lukashenko/ },
  {
    name: "timeline-by-actor",
    path: "/timeline?lanes=actor&from=2025-01&to=2025-12",
    expect: /Alexander Lukashenko/,
  },
  { name: "event", path: "/events/us-lifts-potash-sanctions", expect: /Participants[\s\S]*John Coale/ },
  { name: "actors", path: "/actors", expect: /Sviatlana Tsikhanouskaya/ },
  { name: "actor", path: "/actors/alexander-lukashenko", expect: /Lukashenka[\s\S]*Events by role/ },
  { name: "network", path: "/network", expect: /actors and \d+ ties/ },
  { name: "routes", path: "/routes", expect: /Klaipeda potash corridor/ },
  { name: "route", path: "/routes/klaipeda-potash-corridor", expect: /Status history[\s\S]*Klaip/ },
  { name: "compare", path: "/routes/compare?cargo=potash", expect: /Compare potash routes[\s\S]*Gdansk/ },
  { name: "deals", path: "/deals", expect: /Belarus ↔ United States[\s\S]*prisoners released/ },
  { name: "deal", path: "/deals/deal-2025-12-potash", expect: /Concessions/ },
  { name: "sources", path: "/sources", expect: /Carnegie/ },
  { name: "source", path: "/sources/carnegie-politika-2025-12", expect: /Claims, paragraph by paragraph/ },
  { name: "search", path: "/search?q=Lukashenka", expect: /Actors \(\d+\)[\s\S]*Alexander Lukashenko/ },
  { name: "place", path: "/places/klaipeda-port", expect: /Routes through it/ },
  { name: "analysis", path: "/assessments", expect: /interpretations, not facts/ },
  { name: "not-found", path: "/actors/no-such-actor", expect: /Nothing here[\s\S]*misspelled/, status: 404 },
  { name: "not-found-address", path: "/no/such/page", expect: /Nothing here/, status: 404 },
  { name: "bad-encoding", path: "/events/%ZZ", expect: /Nothing here/, status: 404 },
];

type View = (typeof VIEWS)[number];

/** Real content, status, axe, no sideways scrolling at 390 and 360 px, no console errors; screenshots. */
async function checkView(view: View, on: Server = server): Promise<void> {
  const { page, problems, status } = await open(view.path, 1280, on);
  try {
    expect(status).toBe(view.status ?? 200);
    const text = await page.locator("main").innerText();
    expect(text).toMatch(view.expect);
    await screenshot(page, `${view.name}-1280`);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.locator("h1").count(), "one h1").toBe(1);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(150);
    await screenshot(page, `${view.name}-390`);
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow(), "no sideways scrolling at 390 px").toBeLessThanOrEqual(1);
    await page.setViewportSize({ width: 360, height: 740 });
    await page.waitForTimeout(100);
    expect(await overflow(), "no sideways scrolling at 360 px").toBeLessThanOrEqual(1);
    expect(problems.filter((p) => view.status !== 404 || !/status of 404/.test(p))).toEqual([]);
  } finally {
    await page.close();
  }
}

describe("every view", () => {
  for (const view of VIEWS) {
    it(`${view.name}: real content, no serious axe violations, no console errors`, async () => {
      await checkView(view);
    });
  }
});

describe("behaviour", () => {
  it("timeline filters change the URL and the results", async () => {
    const { page, problems } = await open("/timeline");
    try {
      const before = await page.locator("ol.event-list > li").count();
      await page.selectOption("#f-kind", "release");
      await page.waitForURL(/kind=release/);
      await page.waitForFunction((n) => document.querySelectorAll("ol.event-list > li").length !== n, before);
      const kinds = await page.locator("ol.event-list > li .tag").allInnerTexts();
      expect(kinds.length).toBeGreaterThan(0);
      expect(kinds.length).toBeLessThan(before);
      expect(new Set(kinds)).toEqual(new Set(["release of prisoners"]));
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("the timeline zooms and draws fuzzy dates as spans", async () => {
    const { page } = await open("/timeline");
    try {
      const label = page.locator(".timeline-tools [aria-live]");
      const before = await label.innerText();
      await page.getByRole("button", { name: "Zoom in" }).click();
      await page.getByRole("button", { name: "Zoom in" }).click();
      await expect.poll(() => label.innerText()).not.toBe(before);
      await page.getByRole("button", { name: "Fit all" }).click();
      expect(await page.locator("rect.m-span").count()).toBeGreaterThan(0);
      expect(await page.locator("g.m circle").count()).toBeGreaterThan(0);
    } finally {
      await page.close();
    }
  });

  it("selecting an event on the timeline shows its detail and puts it in the URL", async () => {
    const { page, problems } = await open("/timeline?kind=release");
    try {
      await page.locator("g.m[data-event] .m-shape").first().click();
      await page.waitForURL(/event=/);
      // the detail comes from /api/trpc: give a busy machine more than the default second
      await expect
        .poll(() => page.locator(".event-panel").innerText(), { timeout: 10_000 })
        .toMatch(/Participants|Sources/);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("a proposal is visibly marked as one", async () => {
    const { page } = await open("/timeline?status=proposed");
    try {
      const first = page.locator("ol.event-list > li").first();
      expect(await first.locator(".status").innerText()).toMatch(/proposal/i);
      await first.locator("a").first().click();
      await page.waitForURL(/\/events\//);
      expect(await page.locator("main .status").first().innerText()).toMatch(/proposal/i);
      expect(await page.getByTestId("not-fact-note").innerText()).toMatch(/not a fact/);
      // the chart draws it hollow and dashed, unlike facts
      await page.goto(`${server.url}/timeline?status=proposed`);
      const dash = await page
        .locator('g.m[data-status="proposed"] .m-shape')
        .first()
        .evaluate((el) => getComputedStyle(el).strokeDasharray);
      expect(dash).not.toBe("none");
    } finally {
      await page.close();
    }
  });

  it("the search box (press /) finds actors under other spellings", async () => {
    const { page, problems } = await open("/");
    try {
      for (const [query, expected] of [
        ["Lukashenka", "Alexander Lukashenko"],
        ["Tikhanovskaya", "Sviatlana Tsikhanouskaya"],
      ] as const) {
        await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        await page.keyboard.press("/");
        await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("global-search");
        await page.keyboard.type(query);
        await page.keyboard.press("Enter");
        await page.waitForURL(new RegExp(`/search\\?q=${query}`));
        const actors = page.locator('[data-group="actor"]');
        await expect.poll(() => actors.innerText()).toContain(expected);
      }
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("search suggestions appear as you type, grouped by kind, and open with the keyboard", async () => {
    const { page, problems } = await open("/deals");
    try {
      await page.locator("#global-search").fill("Kalesnikova");
      const list = page.getByRole("listbox", { name: "Suggestions" });
      await expect.poll(() => list.isVisible()).toBe(true);
      expect(await list.getByRole("group", { name: "Actors" }).innerText()).toContain("Maria Kalesnikava");
      await screenshot(page, "search-suggestions-1280");
      expect(await seriousViolations(page)).toEqual([]);
      const options = await list.getByRole("option").allInnerTexts();
      const first = options.findIndex((o) => o.includes("Maria Kalesnikava"));
      for (let i = 0; i <= first; i++) await page.keyboard.press("ArrowDown");
      await page.keyboard.press("Enter");
      await page.waitForURL(/\/actors\/maria-kalesnikava$/);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("the map draws the routes and recolours them by date", async () => {
    const { page, problems } = await open("/routes?at=2021-06-01");
    try {
      const legs = page.locator('[data-testid="route-map"] path.leg');
      expect(await legs.count()).toBeGreaterThan(5);
      expect(await page.locator('[data-testid="route-map"] path.land').count()).toBeGreaterThan(5);
      const klaipeda = page.locator('path.leg[data-route="klaipeda-potash-corridor"]').first();
      const early = await klaipeda.getAttribute("data-status");
      await page.locator("#at-slider").focus();
      await page.keyboard.press("End");
      await page.waitForURL(/at=2025/);
      await expect.poll(() => klaipeda.getAttribute("data-status")).not.toBe(early);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("the network draws nodes and edges and opens a profile on click", async () => {
    const { page, problems } = await open("/network");
    try {
      expect(await page.locator("a.node").count()).toBeGreaterThan(10);
      expect(await page.locator("line.edge").count()).toBeGreaterThan(10);
      await page.locator('a.node[data-node="john-coale"]').click();
      await page.waitForURL(/\/actors\/john-coale$/);
      expect(await page.locator("h1").innerText()).toBe("John Coale");
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("the network focuses a neighbourhood and finds the shortest connection", async () => {
    const { page } = await open("/network?around=greta-van-susteren&hops=1");
    try {
      const nodes = await page.locator("a.node").count();
      expect(nodes).toBeGreaterThan(1);
      expect(nodes).toBeLessThan(20);
      await page.goto(`${server.url}/network?from=greta-van-susteren&to=alexander-lukashenko`);
      expect(await page.getByTestId("path-result").innerText()).toMatch(/Shortest connection: \d+ step/);
      expect(await page.locator("line.edge-path").count()).toBeGreaterThan(0);
    } finally {
      await page.close();
    }
  });

  it.skipIf(!hasSeed)("a source with its verified text highlights the cited passages", async () => {
    const { page } = await open("/sources/carnegie-politika-2025-12");
    try {
      expect(await page.getByTestId("text-verified").count()).toBe(1);
      expect(await page.locator(".source-text mark").count()).toBeGreaterThan(5);
    } finally {
      await page.close();
    }
  });

  it("nonsense in the URL gives a helpful page, not a crash", async () => {
    const { page } = await open("/timeline?kind=banana&from=2025-13-40&page=-3");
    try {
      const text = await page.locator("main").innerText();
      expect(text).toMatch(/could not be used/);
      expect(text).toMatch(/banana/);
      expect(text).toMatch(/2025-13-40/);
      expect(text).toMatch(/List of events/);
    } finally {
      await page.close();
    }
    for (const bad of [
      "/actors/NOT%20AN%20ID",
      "/e/%3Cscript%3E",
      "/events/none-such",
      "/network?around=nobody",
    ]) {
      const res = await fetch(server.url + bad);
      expect(res.status, bad).toBeLessThan(500);
      const html = await res.text();
      expect(html, bad).toMatch(/Nothing here|could not|no actor/i);
    }
  });

  it("sends security headers with a CSP that has no unsafe-eval", async () => {
    const res = await fetch(`${server.url}/`);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(csp).not.toMatch(/unsafe-eval/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    // without DEALMAP_FRAME_ANCESTORS nobody may frame the pages, old browsers included
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  });

  it("the dark theme (system preference and toggle) passes axe too", async () => {
    const page = await browser.context.newPage();
    try {
      await page.emulateMedia({ colorScheme: "dark" });
      for (const p of ["/", "/timeline", "/routes", "/network"]) {
        await page.goto(server.url + p, { waitUntil: "networkidle" });
        const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        expect(bg, p).toBe("rgb(20, 22, 26)");
        await screenshot(page, `dark${p === "/" ? "-overview" : p.replace(/\//g, "-")}-1280`);
        expect(await seriousViolations(page), p).toEqual([]);
      }
      // the toggle cycles system → light → dark and the choice survives a reload
      await page.goto(`${server.url}/`);
      const toggle = page.getByRole("button", { name: /Theme:/ });
      await toggle.click();
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("light");
      await page.reload();
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("light");
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
        "rgb(251, 250, 247)",
      );
      await page.getByRole("button", { name: /Theme:/ }).click();
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
      await page.getByRole("button", { name: /Theme:/ }).click();
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBeUndefined();
    } finally {
      await page.close();
    }
  });

  it("pages are readable without JavaScript", async () => {
    const html = await (await fetch(`${server.url}/actors/alexander-lukashenko`)).text();
    expect(html).toMatch(/<h1>Alexander Lukashenko<\/h1>/);
    expect(html).toMatch(/Events by role/);
  });
});

describe("user data that looks like markup", () => {
  let markup: Server;
  beforeAll(async () => {
    markup = await startServer({ DEALMAP_DATA: path.join(webDir, "e2e", "fixtures", "user-data") });
  });
  afterAll(async () => {
    await markup?.stop();
  });

  it("renders an event description containing <script> as text", async () => {
    const page = await browser.context.newPage();
    const problems = watchConsole(page);
    try {
      await page.goto(`${markup.url}/events/e2e-script-event`, { waitUntil: "networkidle" });
      const main = await page.locator("main").innerText();
      expect(main).toContain("Before <script>window.__dealmapInjected = true</script> after");
      expect(main).toContain("Fixture event <img src=x onerror=alert(1)>");
      expect(
        await page.evaluate(() => (window as unknown as { __dealmapInjected?: boolean }).__dealmapInjected),
      ).toBe(undefined);
      expect(await page.locator('main img[src="x"]').count()).toBe(0);
      expect(await page.locator("main em").count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe("a user data directory with a problem", () => {
  const broken = brokenDataServer();

  const expected = /The data could not be loaded[\s\S]*my-data[\s\S]*my-data\/actors\/x\.yaml:\d+:\d+/;
  for (const view of [
    { name: "bad-data-overview", path: "/", expect: expected },
    { name: "bad-data-actor", path: "/actors/alexander-lukashenko", expect: expected },
    { name: "bad-data-timeline", path: "/timeline", expect: expected },
  ]) {
    it(`${view.name}: the problem, readable, without server paths`, async () => {
      await checkView(view, broken.server());
      const page = await browser.context.newPage();
      try {
        await page.goto(broken.server().url + view.path, { waitUntil: "networkidle" });
        const text = await page.locator("main").innerText();
        expect(text).not.toContain(broken.scratch());
        expect(text).not.toMatch(/\/tmp\/|\/work\//);
      } finally {
        await page.close();
      }
    });
  }
});
