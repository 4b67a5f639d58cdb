import { describe, expect, it } from "vitest";
import { createContextInner } from "./context.ts";
import { createSerializer, restRoutes } from "./rest.ts";
import { appRouter, createCaller } from "./root.ts";
import { fixtureDataset } from "./test/fixture.ts";

const ctx = await createContextInner({ dataset: fixtureDataset() });
const api = createCaller(ctx);
const isEntity = (o: object) => {
  const id = (o as { id?: unknown }).id;
  return typeof id === "string" && ctx.store.entity(id)?.entity === o;
};

describe("createSerializer", () => {
  it("gives exactly what JSON.stringify gives, for real answers and odd values", async () => {
    const serialize = createSerializer(isEntity);
    const answers: unknown[] = [
      await api.events.list({ limit: 200 }),
      await api.actors.get({ id: "john-coale" }),
      await api.routes.get({ id: "route-potash-klaipeda", at: "2025-01-01" }),
      await api.sources.get({ id: "test-article" }),
      await api.network.graph({}),
      { a: undefined, b: [undefined, () => 1, Number.NaN, -0, 1e21], c: 'é\u2028"', d: new Date(0), e: null },
      [],
      "text",
      7,
    ];
    for (const a of answers) {
      expect(serialize(a)).toBe(JSON.stringify(a));
      // a second time comes from the entity cache, still identical
      expect(serialize(a)).toBe(JSON.stringify(a));
    }
  });
});

describe("restRoutes", () => {
  it("mirrors every GET procedure, with /routes/compare ahead of /routes/{id}", () => {
    const routes = restRoutes(appRouter);
    expect(routes).toHaveLength(20);
    const compare = routes.findIndex((r) => r.procedure === "routes.compare");
    const get = routes.findIndex((r) => r.procedure === "routes.get");
    expect(compare).toBeLessThan(get);
    const events = routes.find((r) => r.procedure === "events.list");
    expect([...(events?.numberKeys ?? [])]).toEqual(["limit"]);
    expect([...(events?.arrayKeys ?? [])].sort()).toEqual(["actors", "kinds", "places", "statuses"]);
    expect(routes.find((r) => r.procedure === "events.get")?.pattern.exec("/events/ev-1")?.groups).toEqual({
      id: "ev-1",
    });
  });
});
