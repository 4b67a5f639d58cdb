/**
 * The explorer over a database (`DEALMAP_DB`): the built-in data loaded into a SQLite file and
 * into a PostgreSQL database of a throwaway cluster gives the same pages as the in-memory data,
 * and a page works in a real browser.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defaultDatabaseLoad, loadIntoDatabase } from "@dealmap/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PgCluster, startPostgres } from "../../../packages/api/test/postgres.ts";
import { launchBrowser, type Server, startServer, watchConsole } from "./harness.ts";

const PAGES = [
  "/",
  "/timeline",
  "/timeline?actors=alexander-lukashenko&from=2025-01&to=2025-12",
  "/actors",
  "/actors/alexander-lukashenko",
  "/events/release-2025-06",
  "/places",
  "/routes",
  "/routes/compare",
  "/deals",
  "/sources",
  "/network",
  "/search?q=lukashenka",
  "/actors/no-such-actor",
];

let cluster: PgCluster | undefined;
const servers: Record<string, Server> = {};
const scratch = mkdtempSync(path.join(tmpdir(), "dealmap-e2e-db-"));

beforeAll(async () => {
  const load = defaultDatabaseLoad();
  const file = path.join(scratch, "builtin.sqlite");
  cluster = await startPostgres();
  const url = await cluster.createDatabase("web_builtin");
  await Promise.all([loadIntoDatabase(file, load), loadIntoDatabase(url, load)]);
  const [memory, sqlite, postgres] = await Promise.all([
    startServer({}),
    startServer({ DEALMAP_DB: file }),
    startServer({ DEALMAP_DB: url }),
  ]);
  Object.assign(servers, { memory, sqlite, postgres });
}, 120_000);

afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s.stop()));
  await cluster?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

describe("the explorer over SQLite and PostgreSQL", () => {
  it("shows every page as it does over the in-memory data (the text a reader sees)", async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      const problems = watchConsole(page);
      // streamed pages arrive in whatever order their parts finish, so compare what is shown
      const shown = async (base: string, url: string) => {
        // the timeline reads its window for the chart's width once hydrated: wait for the network
        // to be quiet, so that read has started and ended on both servers
        const res = await page.goto(base + url, { waitUntil: "networkidle" });
        // every streamed part in place: no loading placeholder left
        await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
        // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText, the text as shown
        return { status: res?.status(), text: await page.locator("body").innerText() };
      };
      for (const url of PAGES) {
        const want = await shown(servers.memory?.url ?? "", url);
        expect(want.text.length, url).toBeGreaterThan(200);
        for (const name of ["sqlite", "postgres"]) {
          const got = await shown(servers[name]?.url ?? "", url);
          expect(got.status, `${name} ${url}`).toBe(want.status);
          expect(got.text, `${name} ${url}`).toBe(want.text);
        }
      }
      expect(problems.filter((p) => !/404/.test(p))).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 180_000);
});
