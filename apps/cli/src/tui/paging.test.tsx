/**
 * The explorer over a database larger than a page: 20,000 synthetic events (400 actors, 100
 * deals) in SQLite. Every router call is recorded, to show what the explorer reads: the first
 * page of a list, the next one as the selection nears the end of what is read, the end of the
 * timeline for the Overview — never the whole timeline.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createCaller, createContextInner, loadEntities, openDatabase, SqlStore } from "@dealmap/api";
import { syntheticEntities } from "@dealmap/api/synthetic";
import { render } from "ink-testing-library";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { inverseRows, KEYS, plain, until } from "../../test/helpers.ts";
import type { Api } from "../api.ts";
import { App } from "../app.tsx";
import { themeFor } from "./theme.tsx";

const EVENTS = 20_000;
const scratch = mkdtempSync(path.join(tmpdir(), "dealmap-tui-paging-"));
let store: SqlStore | undefined;
let plainApi: Api;

beforeAll(async () => {
  const file = path.join(scratch, "synthetic.sqlite");
  const conn = await openDatabase(file, { create: true });
  try {
    await loadEntities(conn, syntheticEntities({ events: EVENTS }), { datasets: ["synthetic"] });
  } finally {
    await conn.close();
  }
  store = await SqlStore.open(file);
  plainApi = createCaller(await createContextInner({ store }));
}, 120_000);

afterAll(async () => {
  await store?.close();
  rmSync(scratch, { recursive: true, force: true });
});

interface Call {
  path: string;
  input: Record<string, unknown> | undefined;
}

/**
 * The router, recording every call (`events.list`, its input) before making it; `hold` may
 * return a promise that the call waits for.
 */
function recording(api: Api, calls: Call[], hold?: (call: Call) => Promise<void> | undefined): Api {
  const proxy = (at: string[]): unknown =>
    new Proxy(() => undefined, {
      get: (_t, prop) => (typeof prop === "string" && prop !== "then" ? proxy([...at, prop]) : undefined),
      apply: async (_t, _this, args: unknown[]) => {
        const call = { path: at.join("."), input: args[0] as Record<string, unknown> | undefined };
        calls.push(call);
        await hold?.(call);
        let node: unknown = api;
        for (const p of at) node = (node as Record<string, unknown>)[p];
        return (node as (input: unknown) => Promise<unknown>)(args[0]);
      },
    });
  return proxy([]) as Api;
}

let instances: ReturnType<typeof render>[] = [];
afterEach(() => {
  for (const i of instances) i.unmount();
  instances = [];
});

function start(hold?: (call: Call) => Promise<void> | undefined) {
  const calls: Call[] = [];
  const api = recording(plainApi, calls, hold);
  const r = render(<App api={api} theme={themeFor({})} size={{ columns: 100, rows: 30 }} />);
  instances.push(r);
  const frame = () => r.lastFrame() ?? "";
  const wait = async (check: (plainFrame: string) => boolean) =>
    plain(await until(frame, (f) => check(plain(f))));
  const press = async (...keys: string[]) => {
    for (const k of keys) {
      r.stdin.write(k);
      await new Promise((res) => setTimeout(res, 15));
    }
  };
  const selected = () => inverseRows(frame()).slice(1);
  /** The calls of one procedure. */
  const of = (p: string) => calls.filter((c) => c.path === p);
  /** The timeline pages read for the list (no window: the Overview reads windows). */
  const timelinePages = () => of("events.list").filter((c) => c.input?.from === undefined);
  return { r, frame, wait, press, selected, calls, of, timelinePages };
}

const crumbs = (f: string) => f.split("\n")[1] ?? "";

/** Every event of the timeline, in its order, read page by page (what the explorer must not do). */
async function wholeTimeline(): Promise<{ id: string; title: string }[]> {
  const all: { id: string; title: string }[] = [];
  let cursor: string | undefined;
  do {
    const page = await plainApi.events.list({ limit: 200, ...(cursor ? { cursor } : {}) });
    all.push(...page.items.map((e) => ({ id: e.id, title: e.title })));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

describe(`the explorer over ${EVENTS.toLocaleString("en")} events in SQLite`, () => {
  it("opens on the Overview without reading the timeline: its last events come from its end", async () => {
    const t = start();
    const f = await t.wait((x) => x.includes("Latest events") && x.includes("Open questions"));
    expect(f).toContain("20,000 events, 400 actors");
    // the latest events are the timeline's last six, newest first
    const all = await wholeTimeline();
    const lines = f.split("\n");
    const at = lines.findIndex((l) => l.startsWith("Latest events"));
    const shown = lines.slice(at + 1, at + 7).map((l) => /\[([^\]]+)\]/.exec(l)?.[1]);
    expect(shown).toEqual(
      all
        .slice(-6)
        .reverse()
        .map((e) => e.id),
    );
    // over a hundred deals the Overview counts them
    await t.press(...Array.from({ length: 40 }, () => "j"));
    await t.wait((x) => x.includes("100 deals: the Deals tab (6) lists them."));
    // no page of the whole timeline beyond the first, no whole-table reads
    await t.wait(() => t.timelinePages().length === 1);
    expect(t.timelinePages()[0]?.input?.cursor).toBeUndefined();
    for (const c of t.of("events.list")) expect(c.input?.limit).toBe(200);
    expect(t.of("deals.list")).toHaveLength(0);
    expect(t.of("sources.list")).toHaveLength(0);
    expect(t.of("network.graph")).toHaveLength(0);
  });

  it("Timeline: the first 200 of 20,000, and the next page once the selection nears the end", async () => {
    const t = start();
    await t.wait((x) => x.includes("Latest events"));
    await t.press("2");
    let f = await t.wait((x) => crumbs(x).includes("200 of 20,000 loaded · row 1"));
    expect(crumbs(f)).toMatch(/^Timeline\s+200 of 20,000 loaded · row 1$/);
    expect(t.timelinePages()).toHaveLength(1);
    const all = await wholeTimeline();
    expect(t.selected()[0]).toContain(all[0]?.title);
    // a page down at a time: the next page is read before the selection gets to its end
    let row = 1;
    for (let i = 0; i < 10 && t.timelinePages().length === 1; i++) {
      await t.press(KEYS.pageDown);
      const moved = await t.wait((x) => !crumbs(x).endsWith(`row ${row}`));
      row = Number(/row (\d+)$/.exec(crumbs(moved))?.[1]);
    }
    // asked for when the selection was a screen or two from the end of the first page
    expect(t.timelinePages()).toHaveLength(2);
    expect(row).toBeGreaterThan(100);
    expect(row).toBeLessThan(200);
    f = await t.wait((x) => crumbs(x).includes("400 of 20,000 loaded"));
    expect(t.timelinePages()).toHaveLength(2);
    expect(t.timelinePages()[1]?.input?.cursor).toBe(all[199]?.id);
    // End goes to the last event read (a list this long is not read to its end) and reads on
    await t.press(KEYS.end);
    f = await t.wait((x) => /600 of 20,000 loaded · row 400$/.test(crumbs(x)));
    expect(t.selected()[0]).toContain(all[399]?.title);
    // down from there: the first event of the page just read
    await t.press("j");
    await t.wait((x) => crumbs(x).endsWith("row 401"));
    expect(t.selected()[0]).toContain(all[400]?.title);
    expect(t.timelinePages()).toHaveLength(3);
  });

  it("the row under the last one read says what is being read", async () => {
    let resolve = () => {};
    const gate = new Promise<void>((r) => (resolve = r));
    // the second page of the timeline is held back, to see the list while it is read
    const t = start((c) => (c.path === "events.list" && c.input?.cursor ? gate : undefined));
    await t.wait((x) => x.includes("Latest events"));
    await t.press("2");
    await t.wait((x) => crumbs(x).includes("200 of 20,000 loaded"));
    await t.press(KEYS.end);
    const f = await t.wait((x) => x.includes("Reading 201–400 of 20,000…"));
    expect(crumbs(f)).toMatch(/200 of 20,000 loaded · row 200$/);
    resolve();
    await t.wait((x) => crumbs(x).includes("400 of 20,000 loaded") && !x.includes("Reading"));
  });

  it("Actors: 200 of 400; End on a list this short reads it to its end and lands on the last", async () => {
    const t = start();
    await t.press("3");
    await t.wait((x) => crumbs(x).includes("200 of 400 loaded · row 1"));
    expect(t.of("actors.list")).toHaveLength(1);
    await t.press(KEYS.end);
    await t.wait((x) => crumbs(x).endsWith("row 400 of 400"));
    const last = await plainApi.actors.list({ limit: 200, cursor: "syn-actor-199" });
    expect(last.nextCursor).toBeNull();
    expect(t.selected()[0]).toContain(last.items[last.items.length - 1]?.name);
    expect(t.of("actors.list")).toHaveLength(2);
  });

  it("Network: the most connected actors, saying how many of how many; Deals read when opened", async () => {
    const t = start();
    await t.wait((x) => x.includes("Latest events"));
    await t.press("4");
    const f = await t.wait((x) => /\d+ ties?/.test(x));
    expect(crumbs(f)).toMatch(/the 200 most connected of 400 actors, ties among them$/);
    expect(t.of("network.graph").map((c) => c.input)).toEqual([{ maxNodes: 200 }]);
    await t.press("6");
    await t.wait((x) => x.includes("Synthetic exchange 0"));
    // a page of deals, as the Timeline and Actors read theirs (not all 50,000 of a big store)
    expect(t.of("deals.list").map((c) => c.input)).toEqual([{ limit: 200 }]);
  });
});
