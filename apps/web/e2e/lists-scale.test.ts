/**
 * The list pages over a database bigger than one page of anything: 30,000 synthetic events with
 * 2,500 actors (150 deals, 60 assessments, 75 places) in a SQLite file plus an import. Each list
 * shows one page, says exactly where it is in how many ("101–200 of 2,501 actors"), keeps its
 * filters in the links between pages, and walking the pages gives the router's whole list once.
 * The expected figures come from the router itself, over the same file. The 10M figures are in
 * the README (`measure --db`).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import {
  createCaller,
  createContextInner,
  type EntityItem,
  loadEntities,
  openDatabase,
  SqlStore,
} from "@dealmap/api";
import { syntheticEntities } from "@dealmap/api/synthetic";
import { importSample } from "@dealmap/api/testing";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Browser,
  launchBrowser,
  type Server,
  screenshot,
  startServer,
  watchConsole,
  webDir,
} from "./harness.ts";

const EVENTS = 30_000;
const ACTORS = 2_500;
const scratch = mkdtempSync(path.join(tmpdir(), "dealmap-e2e-lists-"));
const file = path.join(scratch, "lists.sqlite");
let server: Server | undefined;
let browser: Browser | undefined;
let store: SqlStore | undefined;
let api: ReturnType<typeof createCaller>;

beforeAll(async () => {
  const refs: { host?: string; place?: string } = {};
  function* synthetic(): Generator<EntityItem> {
    for (const item of syntheticEntities({ events: EVENTS, actors: ACTORS })) {
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
  store = await SqlStore.open(file);
  api = createCaller(await createContextInner({ store }));
  [server, browser] = await Promise.all([startServer({ DEALMAP_DB: file }), launchBrowser()]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await store?.close();
  rmSync(scratch, { recursive: true, force: true });
});

async function html(url: string): Promise<string> {
  const res = await fetch(`${server?.url}${url}`);
  expect(res.status, url).toBe(200);
  return res.text();
}

/** The text of an element with this test id in a page's HTML (React's text separators removed). */
function testText(page: string, id: string): string {
  const m = page.match(new RegExp(`data-testid="${id}"[^>]*>([\\s\\S]*?)</p>`));
  return (m?.[1] ?? "")
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]+>/g, "")
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&");
}

/** The href of the link with this text, HTML entities decoded. */
function linkTo(page: string, text: string): string | null {
  const m = page.match(new RegExp(`<a[^>]*href="([^"]+)"[^>]*>${text}</a>`));
  return m?.[1] ? m[1].replace(/&amp;/g, "&") : null;
}

/** Ids linked under a path on a page (`/actors/<id>`), in order, once each. */
function linkedIds(page: string, base: string): string[] {
  return [
    ...new Set([...page.matchAll(new RegExp(`href="${base}/([a-z0-9-]+)"`, "g"))].map((m) => m[1] as string)),
  ];
}

async function open(url: string, width = 1280): Promise<{ page: Page; problems: string[] }> {
  const page = await (browser as Browser).context.newPage();
  await page.setViewportSize({ width, height: 900 });
  const problems = watchConsole(page);
  const res = await page.goto(`${server?.url}${url}`, { waitUntil: "networkidle" });
  expect(res?.status()).toBe(200);
  return { page, problems };
}

async function serious(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).analyze();
  return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
}

describe(`the actors list over ${ACTORS.toLocaleString("en")} actors`, () => {
  it("shows 100 at a time with the exact total, and its pages walk the whole list once", async () => {
    const expected = await api.actors.list({ limit: 200 });
    const total = expected.total;
    expect(total).toBeGreaterThan(ACTORS);
    const seen: string[] = [];
    let url: string | null = "/actors";
    for (let n = 1; url && n < 100; n++) {
      const page = await html(url);
      const range = testText(page, "list-range");
      const from = (n - 1) * 100 + 1;
      expect(range).toBe(
        `${from.toLocaleString("en")}–${Math.min(from + 99, total).toLocaleString("en")} of ${total.toLocaleString("en")} actors.`,
      );
      const ids = linkedIds(page, "/actors");
      expect(ids.length).toBeLessThanOrEqual(100);
      seen.push(...ids);
      url = linkTo(page, "Next →");
      if (url) expect(url).toMatch(new RegExp(`page=${n + 1}`));
      if (n > 1) expect(linkTo(page, "← First page")).toBe("/actors#list-h");
    }
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    expect(seen.slice(0, 200)).toEqual(expected.items.map((a) => a.id));
  });

  it("counts each kind exactly, and a kind's pages keep the filter", async () => {
    const page = await html("/actors");
    const counts = testText(page, "kind-counts");
    for (const kind of ["person", "state"] as const) {
      const n = (await api.actors.list({ kind, limit: 1 })).total;
      expect(counts).toContain(`${n.toLocaleString("en")} ${kind === "person" ? "Person" : "State"}`);
    }
    const persons = (await api.actors.list({ kind: "person", limit: 1 })).total;
    const first = await html("/actors?kind=person");
    expect(testText(first, "list-range")).toBe(`1–100 of ${persons.toLocaleString("en")} actors.`);
    const next = linkTo(first, "Next →");
    expect(next).toMatch(/^\/actors\?kind=person&after=[a-z0-9-]+&page=2#list-h$/);
    const second = await html(next as string);
    expect(testText(second, "list-range")).toBe(`101–200 of ${persons.toLocaleString("en")} actors.`);
    // the import's actors alone
    const imported = await html("/actors?dataset=gdelt-sample");
    const n = (await api.actors.list({ datasets: ["gdelt-sample"], limit: 1 })).total;
    expect(testText(imported, "list-range")).toBe(`${n} actor${n === 1 ? "" : "s"}.`);
  });

  it("a name search pages through its best matches", async () => {
    // a syllable many synthetic names share, chosen from the data
    let q = "";
    let hits: { id: string }[] = [];
    for (const s of ["kalo", "bel", "vas", "mir", "dra", "zan"]) {
      hits = (await api.search.query({ q: s, kinds: ["actor"], limit: 100 })).hits;
      q = s;
      if (hits.length > 50) break;
    }
    expect(hits.length).toBeGreaterThan(50);
    const first = await html(`/actors?q=${q}`);
    const range = testText(first, "list-range");
    expect(range).toMatch(
      hits.length === 100 ? /^1–50 of the best 100 actors matching/ : /^1–50 of \d+ actors matching/,
    );
    expect(linkedIds(first, "/actors")).toEqual(hits.slice(0, 50).map((h) => h.id));
    const next = linkTo(first, "Next →");
    expect(next).toContain(`q=${q}`);
    const second = await html(next as string);
    expect(testText(second, "list-range")).toMatch(/^51–/);
    expect(linkedIds(second, "/actors")).toEqual(hits.slice(50, 100).map((h) => h.id));
  });

  it("a cursor that names nothing is reported and the first page shown", async () => {
    const page = await html("/actors?after=no-such-actor&page=9");
    expect(page).toContain("Some parts of this address could not be used");
    expect(testText(page, "list-range")).toMatch(/^1–100 of /);
  });

  it("from the keyboard: Next → and ← First page are links in a named landmark", async () => {
    const { page, problems } = await open("/actors");
    try {
      const nav = page.getByRole("navigation", { name: "Pages of actors" });
      const next = nav.getByRole("link", { name: "Next →" });
      await next.focus();
      await page.keyboard.press("Enter");
      await page.waitForURL(/after=.*page=2/);
      await expect.poll(() => page.getByTestId("list-range").textContent()).toMatch(/^101–200 of /);
      await nav.getByRole("link", { name: "← First page" }).focus();
      await page.keyboard.press("Enter");
      await page.waitForURL((u) => !u.search.includes("after="));
      expect(await serious(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe("search over the same database", () => {
  it("says how many were found, the best of each kind, and pages one kind 25 at a time", async () => {
    const kinds = ["actor", "place", "event", "route", "deal", "source"] as const;
    const each = await Promise.all(
      kinds.map((k) => api.search.query({ q: "meeting", kinds: [k], limit: 100 })),
    );
    const sum = each.reduce((n, r) => n + r.hits.length, 0);
    const page = await html("/search?q=meeting");
    expect(testText(page, "list-range")).toBe(
      each.some((r) => r.hits.length === 100)
        ? `At least ${sum} results for “meeting”: each kind lists its best 100. Add a word to narrow the search.`
        : `${sum} results for “meeting”.`,
    );
    // each kind found shows its first 8 and links to the rest
    for (const [i, k] of kinds.entries()) {
      const n = each[i]?.hits.length ?? 0;
      if (n === 0) expect(page).not.toContain(`data-group="${k}"`);
      else expect(page).toContain(`data-group="${k}"`);
    }
    // the kind with the most matches, a page at a time
    const most = each.reduce((m, r, i) => (r.hits.length > (each[m]?.hits.length ?? 0) ? i : m), 0);
    const kind = kinds[most];
    const mine = each[most]?.hits ?? [];
    expect(mine.length).toBeGreaterThan(25);
    const seen: string[] = [];
    let url: string | null = `/search?q=meeting&kind=${kind}`;
    for (let n = 1; url && n < 10; n++) {
      const p = await html(url);
      expect(testText(p, "list-range")).toMatch(new RegExp(`^${(n - 1) * 25 + 1}–`));
      const ids = [...p.matchAll(/<li><a href="\/[a-z]+\/([a-z0-9-]+)"/g)].map((m) => m[1] as string);
      expect(ids.length).toBeLessThanOrEqual(25);
      seen.push(...ids);
      url = linkTo(p, "Next →");
    }
    expect(seen).toEqual(mine.map((h) => h.id));
  });

  it("at 1280 and 390 px: no sideways scroll, no serious axe violations (screenshots)", async () => {
    for (const width of [1280, 390]) {
      for (const [name, url] of [
        ["search", "/search?q=meeting"],
        ["search-kind", "/search?q=meeting&kind=event"],
        ["actors", "/actors"],
      ] as const) {
        const { page, problems } = await open(url, width);
        try {
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - window.innerWidth,
          );
          expect(overflow, `${url} at ${width}`).toBeLessThanOrEqual(0);
          expect(await serious(page)).toEqual([]);
          expect(problems).toEqual([]);
          await screenshot(page, `lists-${name}-${width}`);
        } finally {
          await page.close();
        }
      }
    }
  });
});

describe("deals, sources, places and analysis over the same database", () => {
  it("the deals page: ten pairs and fifty deals a page, each list with its own position", async () => {
    const ledger = await api.deals.ledger({ limit: 1 });
    const deals = await api.deals.list({});
    const page = await html("/deals");
    expect(testText(page, "pairs-range")).toBe(
      `1–10 of ${ledger.total.toLocaleString("en")} pairs of parties, the most concessions first.`,
    );
    expect(testText(page, "deals-range")).toBe(`1–50 of ${deals.total} deals, in the data's order.`);
    // the page carries ten pairs' sections, not every pair's
    expect(page.match(/<section aria-labelledby="pair-/g)?.length).toBe(10);
    const seen: string[] = [];
    let url: string | null = "/deals";
    let pairsNext: string | null = null;
    for (let n = 1; url && n < 20; n++) {
      const p = await html(url);
      const all = p.slice(p.indexOf('id="all-deals"'));
      seen.push(...linkedIds(all, "/deals"));
      url = linkTo(all, "Next →");
      if (n === 1) pairsNext = linkTo(p.slice(0, p.indexOf('id="all-deals"')), "Next →");
    }
    expect(seen).toEqual(deals.items.map((d) => d.id));
    // the ledger's next page keeps the deals list where it was, and the other way round
    expect(pairsNext).toMatch(/^\/deals\?after=[a-z0-9-]+%7C[a-z0-9-]+&page=2#pairs-h$/);
    const both = await html(
      `${(pairsNext as string).replace("#pairs-h", "")}&deals-after=${deals.items[49]?.id}&deals-page=2`,
    );
    expect(testText(both, "pairs-range")).toMatch(/^11–20 of /);
    expect(testText(both, "deals-range")).toMatch(/^51–100 of /);
    expect(linkTo(both, "← First page")).toMatch(/deals-after=/);
  });

  it("sources, places and the analysis say their exact totals; an assessment's URL finds its page", async () => {
    const sources = await api.sources.list({ order: "claims" });
    const s = await html("/sources");
    expect(testText(s, "list-range")).toBe(`${sources.total} sources, the most cited first.`);
    expect(linkedIds(s, "/sources")).toEqual(sources.items.map((x) => x.source.id));
    const places = await api.places.list({ limit: 1 });
    expect(testText(await html("/places"), "list-range")).toBe(`${places.total} places.`);
    const assessments = await api.assessments.list({});
    expect(assessments.total).toBeGreaterThan(50);
    const a = await html("/assessments");
    expect(testText(a, "list-range")).toBe(`1–50 of ${assessments.total} assessments.`);
    // the 55th is on the second page: its permanent URL goes there, to its anchor
    const id = assessments.items[54]?.id as string;
    const res = await fetch(`${server?.url}/assessments/${id}`, { redirect: "manual" });
    expect(res.status).toBeGreaterThanOrEqual(300);
    expect(res.status).toBeLessThan(400);
    expect(res.headers.get("location")).toBe(`/assessments?after=${assessments.items[49]?.id}&page=2#${id}`);
    const second = await html(`/assessments?after=${assessments.items[49]?.id}&page=2`);
    expect(second).toContain(`id="${id}"`);
    expect(testText(second, "list-range")).toBe(
      `51–${assessments.total} of ${assessments.total} assessments.`,
    );
  });

  it("a relation's page names its two actors", async () => {
    const relations = await api.entity.get({ id: "syn-rel-0" }).catch(() => null);
    if (relations?.kind !== "relation") throw new Error("the synthetic data has no syn-rel-0");
    const { from, to } = relations.entity;
    const names = await api.entity.many({ ids: [from, to] });
    const page = await html("/relations/syn-rel-0");
    for (const e of names.items) expect(page).toContain(`>${(e.entity as { name: string }).name}</a>`);
  });
});

describe("no page walks a whole list", () => {
  it("no page calls actorNames() or allEvents() (they read every actor or event)", () => {
    const appDir = path.join(webDir, "src/app");
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = path.join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(name)) files.push(p);
      }
    };
    walk(appDir);
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) expect(readFileSync(f, "utf8"), f).not.toMatch(/\b(actorNames|allEvents)\(/);
  });
});
