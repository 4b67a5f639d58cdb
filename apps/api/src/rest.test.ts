import { initTRPC, TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { createContextInner } from "./context.ts";
import { createSerializer, directInvoker, restError, restRoutes } from "./rest.ts";
import { appRouter, createCaller } from "./root.ts";
import { VALIDATE_ANSWERS } from "./schemas.ts";
import { fixtureDataset } from "./test/fixture.ts";

const ctx = await createContextInner({ dataset: fixtureDataset() });
const api = createCaller(ctx);
const isShared = (o: object) => ctx.store.isShared?.(o) === true;

describe("createSerializer", () => {
  it("gives exactly the bytes of JSON.stringify, for real answers and odd values", async () => {
    const serialize = createSerializer(isShared);
    const answers: unknown[] = [
      await api.events.list({ limit: 200 }),
      await api.actors.get({ id: "john-coale" }),
      await api.routes.get({ id: "route-potash-klaipeda", at: "2025-01-01" }),
      await api.sources.get({ id: "test-article" }),
      await api.network.graph({}),
      { a: undefined, b: [undefined, () => 1, Number.NaN, -0, 1e21], c: 'é\u2028"', d: new Date(0), e: null },
      // entities next to left-out values, non-ASCII text and nesting
      {
        x: undefined,
        items: (await api.events.list({ limit: 5 })).items,
        f: () => 1,
        name: "Łukašenka «Лукашенко»",
        nested: { y: undefined, actor: await api.actors.get({ id: "john-coale" }) },
        z: undefined,
      },
      undefined,
      [],
      "text",
      7,
    ];
    for (const a of answers) {
      const want = Buffer.from(JSON.stringify(a) ?? "null", "utf8");
      expect(serialize(a).equals(want), String(JSON.stringify(a)).slice(0, 80)).toBe(true);
      // a second time comes from the entity cache, still identical
      expect(serialize(a).equals(want)).toBe(true);
    }
  });

  it("keeps every answer intact across slabs, for answers of any size", async () => {
    const serialize = createSerializer(isShared);
    // the store's own page: its events are shared, so their bytes are cached pieces
    const page = ctx.store.timeline({}, { limit: 200 });
    expect(page.items.every((e) => isShared(e))).toBe(true);
    const answers: unknown[] = [
      page,
      "x".repeat(300_000),
      { text: "é".repeat(200_000), items: page.items },
      // bigger than a slab, built of cached pieces (grows part-way through)
      Array.from({ length: 400 }, () => page.items).flat(),
    ];
    // enough answers to fill several 1 MB slabs, in sizes that leave every kind of remainder,
    // then every one of them checked again
    const made: [Buffer, string][] = [];
    for (let i = 0; i < 120; i++) {
      const a =
        i % 3 === 2
          ? { items: page.items, tail: "ü€".repeat((i * 7919) % 150_000) }
          : answers[i % answers.length];
      made.push([serialize(a), JSON.stringify(a)]);
    }
    for (const [bytes, json] of made) expect(bytes.toString("utf8") === json).toBe(true);
  });
});

describe("isShared", () => {
  it("is true for the store's entities and shared summaries, false for anything built fresh", async () => {
    // the store's own answer (tRPC's caller validates answers in tests, which copies them)
    const profile = ctx.store.actorProfile("john-coale") as NonNullable<
      ReturnType<typeof ctx.store.actorProfile>
    >;
    const summary = profile.eventsByRole[0]?.events[0];
    expect(summary).toBeDefined();
    expect(isShared(profile.actor)).toBe(true);
    expect(isShared(summary as object)).toBe(true);
    // the same summary object every time, so its cached bytes stay right
    expect(ctx.store.actorProfile("john-coale")?.eventsByRole[0]?.events[0]).toBe(summary);
    expect(isShared({ ...profile.actor })).toBe(false);
    expect(isShared({ ...(summary as object) })).toBe(false);
    expect(isShared(profile)).toBe(false);
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

describe("directInvoker", () => {
  const routes = restRoutes(appRouter);
  const byName = (name: string) => {
    const r = routes.find((x) => x.procedure === name);
    if (!r?.invoke) throw new Error(`${name} has no direct invoker`);
    return r.invoke;
  };

  it("calls every mirrored procedure directly (none has a middleware)", () => {
    expect(routes.filter((r) => r.invoke === undefined).map((r) => r.procedure)).toEqual([]);
  });

  it("answers exactly what tRPC's caller answers", async () => {
    const cases: [string, unknown, (i: never) => Promise<unknown>][] = [
      ["events.list", { limit: 3, kinds: ["release"] }, api.events.list as never],
      ["actors.get", { id: "john-coale" }, api.actors.get as never],
      ["search.query", { q: "lukashenko", limit: 5 }, api.search.query as never],
      ["routes.compare", { cargo: "potash" }, api.routes.compare as never],
    ];
    for (const [name, input, viaCaller] of cases) {
      expect(await byName(name)(ctx, input)).toEqual(await viaCaller(input as never));
      // a store query answers synchronously (a promise only when answers are validated)
      expect(byName(name)(ctx, input) instanceof Promise).toBe(VALIDATE_ANSWERS);
    }
  });

  it("fails the way tRPC's caller fails: the same code, status and message", async () => {
    const cases: [string, unknown, (i: never) => Promise<unknown>][] = [
      ["events.list", { limit: 0 }, api.events.list as never],
      ["events.list", { actor: "x" }, api.events.list as never],
      ["events.list", { cursor: "no-such-event" }, api.events.list as never],
      ["actors.get", { id: "nobody" }, api.actors.get as never],
    ];
    for (const [name, input, viaCaller] of cases) {
      const direct = await Promise.resolve()
        .then(() => byName(name)(ctx, input))
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      const caller = await viaCaller(input as never).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(direct).toBeInstanceOf(TRPCError);
      expect(restError(direct)).toEqual(restError(caller));
    }
  });

  it("leaves a procedure with a middleware to tRPC's caller", () => {
    const t = initTRPC.create();
    const defOf = (router: { _def: { procedures: unknown } }) =>
      (router._def.procedures as Record<string, { _def: unknown }>).a?._def as never;
    const logged = t.procedure.use(async ({ next }) => next());
    const withMiddleware = t.router({
      a: logged.input(z.object({ x: z.string() })).query(({ input }) => input.x),
    });
    const plain = t.router({
      a: t.procedure.input(z.object({ x: z.string() })).query(({ input }) => input.x),
    });
    expect(directInvoker("a", defOf(withMiddleware))).toBeUndefined();
    expect(directInvoker("a", defOf(plain))).toBeTypeOf("function");
  });
});
