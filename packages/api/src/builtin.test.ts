/**
 * Smoke tests against the built-in data (whatever it holds today): the default context loads,
 * every entity resolves by id, every list and detail procedure answers for real entities.
 */
import { describe, expect, it } from "vitest";
import { createContextInner, getDefaultStore } from "./context.ts";
import { createCaller } from "./root.ts";

const ctx = await createContextInner();
const api = createCaller(ctx);
const ds = getDefaultStore().dataset;

describe("built-in data through the router", () => {
  it("loads and counts", async () => {
    const s = await api.stats.summary();
    expect(s.counts.sources).toBeGreaterThan(0);
    expect(s.counts.actors).toBeGreaterThan(0);
    expect(s.counts.events).toBe(ds.events.length);
  });

  it("resolves every id with entity.get", async () => {
    for (const kind of [
      "sources",
      "actors",
      "places",
      "events",
      "routes",
      "relations",
      "deals",
      "assessments",
    ] as const) {
      for (const e of ds[kind]) expect((await api.entity.get({ id: e.id })).entity.id).toBe(e.id);
    }
  });

  it("pages through the whole timeline in order", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.events.list({ limit: 200, cursor });
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(seen).size).toBe(ds.events.length);
  });

  it("answers the detail procedures for real entities", async () => {
    for (const a of ds.actors.slice(0, 20)) expect((await api.actors.get({ id: a.id })).actor.id).toBe(a.id);
    for (const p of ds.places.slice(0, 10)) expect((await api.places.get({ id: p.id })).place.id).toBe(p.id);
    for (const r of ds.routes) expect((await api.routes.get({ id: r.id })).route.id).toBe(r.id);
    for (const d of ds.deals) expect((await api.deals.get({ id: d.id })).deal.id).toBe(d.id);
    for (const s of ds.sources.slice(0, 10))
      expect((await api.sources.get({ id: s.id })).source.id).toBe(s.id);
    for (const e of ds.events.slice(0, 20)) expect((await api.events.get({ id: e.id })).event.id).toBe(e.id);
    await api.routes.compare({ cargo: "potash" });
    await api.deals.ledger({});
    await api.network.graph({});
  });

  it("finds actors by their primary name", async () => {
    for (const a of ds.actors.slice(0, 25)) {
      const { hits } = await api.search.query({ q: a.name, kinds: ["actor"], limit: 10 });
      expect(
        hits.map((h) => h.id),
        a.name,
      ).toContain(a.id);
    }
  });
});
