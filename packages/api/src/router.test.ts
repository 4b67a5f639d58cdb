import { createHash } from "node:crypto";
import { anchorQuote, splitParagraphs } from "@dealmap/domain";
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { createContextInner } from "./context.ts";
import { createCaller } from "./root.ts";
import { FIXTURE_TEXT, fixtureDataset } from "./test/fixture.ts";

const dataset = fixtureDataset();
const api = createCaller(await createContextInner({ dataset }));
const withText = createCaller(
  await createContextInner({ dataset, sourceTexts: { "test-article": FIXTURE_TEXT } }),
);

async function trpcError(p: Promise<unknown>): Promise<TRPCError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(TRPCError);
    return err as TRPCError;
  }
  throw new Error("expected the call to fail");
}

const ids = (xs: { id: string }[]) => xs.map((x) => x.id);

describe("stats.summary", () => {
  it("counts every kind and spans the events", async () => {
    const s = await api.stats.summary();
    expect(s.counts).toEqual({
      sources: 2,
      actors: 8,
      places: 5,
      events: 8,
      routes: 3,
      relations: 6,
      deals: 2,
      assessments: 1,
    });
    expect(s.span).toEqual({ from: "2025-06-01", to: "2026-12-31" });
    expect(s.version).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe("events", () => {
  it("lists a July window including the summer event (partial overlap)", async () => {
    const page = await api.events.list({ from: "2025-07", to: "2025-07" });
    expect(ids(page.items)).toEqual(["ev-summer-talks"]);
    const strict = await api.events.list({ from: "2025-07", to: "2025-07", containedOnly: true });
    expect(strict.items).toEqual([]);
  });

  it("orders by date with a stable tie-break and pages by cursor", async () => {
    const all = await api.events.list({ limit: 200 });
    expect(ids(all.items)).toEqual([
      "ev-summer-talks",
      "ev-kellogg-visit",
      "ev-september-release",
      "ev-early-november",
      "ev-coale-appointed",
      "ev-december-release",
      "ev-sanctions-eased",
      "ev-klaipeda-transit",
    ]);
    const first = await api.events.list({ limit: 3 });
    expect(first.total).toBe(8);
    const second = await api.events.list({ limit: 3, cursor: first.nextCursor ?? "" });
    expect(ids([...first.items, ...second.items])).toEqual(ids(all.items).slice(0, 6));
  });

  it("filters by actor, kind, place, route and status together", async () => {
    expect(ids((await api.events.list({ actors: ["john-coale"], kinds: ["release"] })).items)).toEqual([
      "ev-september-release",
      "ev-december-release",
    ]);
    expect(ids((await api.events.list({ places: ["vilnius"], to: "2025-10" })).items)).toEqual([
      "ev-september-release",
    ]);
    expect(ids((await api.events.list({ route: "route-potash-klaipeda" })).items)).toEqual([
      "ev-klaipeda-transit",
    ]);
    expect(ids((await api.events.list({ statuses: ["claimed"] })).items)).toEqual(["ev-early-november"]);
  });

  it("accepts the string forms of a flag (as query strings send them)", async () => {
    const a = await api.events.list({ from: "2025-07", to: "2025-07", containedOnly: "true" });
    const b = await api.events.list({ from: "2025-07", to: "2025-07", containedOnly: "false" });
    expect([a.items.length, b.items.length]).toEqual([0, 1]);
  });

  it("rejects bad input naming the parameter", async () => {
    const tooMany = await trpcError(api.events.list({ limit: 201 }));
    expect(tooMany.code).toBe("BAD_REQUEST");
    expect(tooMany.message).toContain("limit");
    const unknownActor = await trpcError(api.events.list({ actors: ["nobody-here"] }));
    expect(unknownActor.code).toBe("NOT_FOUND");
    expect(unknownActor.message).toContain('"nobody-here"');
    const cursor = await trpcError(api.events.list({ cursor: "no-such-event" }));
    expect(cursor.code).toBe("BAD_REQUEST");
    expect(cursor.message).toContain("cursor");
    const badDate = await trpcError(api.events.list({ from: "2025-13" }));
    expect(badDate.code).toBe("BAD_REQUEST");
  });

  it("gets one event with links both ways, deals and names", async () => {
    const e = await api.events.get({ id: "ev-december-release" });
    expect(e.linkedFrom).toEqual([
      { type: "exchanged-for", event: expect.objectContaining({ id: "ev-sanctions-eased" }) },
    ]);
    expect(e.deals).toEqual([{ id: "deal-december", label: "December exchange" }]);
    expect(e.participants.map((p) => [p.actor.name, p.role])).toEqual([
      ["Belarus", "initiator"],
      ["John Coale", "mediator"],
    ]);
    expect(e.places.map((p) => p.name)).toEqual(["Vilnius"]);
    const eased = await api.events.get({ id: "ev-sanctions-eased" });
    expect(eased.links[0]).toMatchObject({ type: "exchanged-for", id: "ev-december-release" });
    const claimed = await api.events.get({ id: "ev-early-november" });
    expect(claimed.claimedBy?.name).toBe("Alexander Lukashenko");
    const missing = await trpcError(api.events.get({ id: "ev-nope" }));
    expect(missing.code).toBe("NOT_FOUND");
    expect(missing.message).toContain('"ev-nope"');
  });
});

describe("actors", () => {
  it("lists with kind and country filters", async () => {
    expect(ids((await api.actors.list({ kind: "state" })).items)).toEqual([
      "belarus",
      "united-states",
      "lithuania",
    ]);
    expect(ids((await api.actors.list({ kind: "person", country: "US" })).items)).toEqual([
      "john-coale",
      "keith-kellogg",
    ]);
    const paged = await api.actors.list({ limit: 5 });
    expect([paged.items.length, paged.total, paged.nextCursor]).toEqual([5, 8, "united-states"]);
  });

  it("builds a profile: roles over time, relations both ways, events by role, routes, deals", async () => {
    const p = await api.actors.get({ id: "john-coale" });
    expect(p.roles.map((r) => [r.title, r.ofName])).toEqual([
      ["deputy envoy", "United States"],
      ["special envoy for Belarus", "United States"],
    ]);
    expect(p.relations.map((r) => [r.relation.id, r.direction, r.other.name])).toEqual([
      ["rel-coale-envoy-of-us", "out", "United States"],
      ["rel-coale-negotiates-lukashenka", "out", "Alexander Lukashenko"],
    ]);
    expect(p.eventsByRole.map((g) => [g.role, g.total])).toEqual([
      ["mediator", 2],
      ["appointee", 1],
      ["participant", 1],
    ]);
    expect(p.routes.map((r) => [r.id, r.how])).toEqual([["route-deport-vilnius", ["event"]]]);
    expect(p.deals.map((d) => [d.id, d.as])).toEqual([
      ["deal-september", ["broker"]],
      ["deal-december", ["broker"]],
    ]);
    const l = await api.actors.get({ id: "aliaksandr-lukashenka" });
    expect(l.eventsByRole.find((g) => g.role === "claimant")?.events.map((e) => e.id)).toEqual([
      "ev-early-november",
    ]);
    expect(l.relations.find((r) => r.direction === "in")?.other.id).toBe("john-coale");
    expect(l.assessments.map((a) => a.id)).toEqual(["as-recognition-motive"]);
    const us = await api.actors.get({ id: "united-states" });
    expect(us.relations.filter((r) => r.direction === "in")).toHaveLength(3);
    expect((await trpcError(api.actors.get({ id: "nobody" }))).code).toBe("NOT_FOUND");
  });
});

describe("places", () => {
  it("lists and details a place with its events and routes", async () => {
    expect(ids((await api.places.list({ kind: "port" })).items)).toEqual(["klaipeda", "ust-luga"]);
    const minsk = await api.places.get({ id: "minsk" });
    expect(minsk.events.map((e) => e.id)).toEqual([
      "ev-summer-talks",
      "ev-kellogg-visit",
      "ev-september-release",
    ]);
    expect(minsk.routes.map((r) => [r.id, r.legs])).toEqual([
      ["route-potash-klaipeda", [0, 1]],
      ["route-deport-vilnius", [0]],
    ]);
  });
});

describe("network", () => {
  it("returns the graph, filtered by type, date and neighbourhood", async () => {
    const g = await api.network.graph({ sharedEvents: false });
    expect(g.edges).toHaveLength(6);
    const negotiates = g.edges.find((e) => e.id === "rel-coale-negotiates-lukashenka");
    expect(negotiates).toMatchObject({ directed: false, weight: 2 });
    const at = await api.network.graph({ at: "2025-06-15", sharedEvents: false });
    expect(at.edges.map((e) => e.id)).not.toContain("rel-coale-envoy-of-us");
    expect(at.edges.map((e) => e.id)).toContain("rel-kellogg-envoy-of-us");
    const near = await api.network.graph({ around: "belaruskali", hops: 1, sharedEvents: false });
    expect(near.nodes.map((n) => n.id).sort()).toEqual(["belarus", "belaruskali", "united-states"]);
    const shared = await api.network.graph({});
    expect(shared.edges.some((e) => e.type === "shared-events")).toBe(true);
    expect((await trpcError(api.network.graph({ around: "ghost" }))).code).toBe("NOT_FOUND");
  });

  it("finds the shortest connection with the relations on it", async () => {
    const p = await api.network.path({ from: "keith-kellogg", to: "belaruskali" });
    expect(p.actors.map((a) => a.id)).toEqual(["keith-kellogg", "united-states", "belaruskali"]);
    expect(p.steps.map((s) => [s.edge.type, s.reversed])).toEqual([
      ["envoy-of", false],
      ["sanctioned-by", true],
    ]);
    expect((await api.network.path({ from: "isolated-actor", to: "belarus" })).found).toBe(false);
    const err = await trpcError(api.network.path({ from: "ghost", to: "belarus" }));
    expect([err.code, err.message]).toEqual(["NOT_FOUND", 'from: no actor with id "ghost"']);
  });
});

describe("routes", () => {
  it("lists each route's status at a date", async () => {
    const r = await api.routes.list({ at: "2021-05-01" });
    expect(r.items.map((x) => [x.route.id, x.status])).toEqual([
      ["route-potash-klaipeda", "in-use"],
      ["route-potash-ust-luga", "unknown"],
      ["route-deport-vilnius", "unknown"],
    ]);
    const today = await api.routes.list({});
    expect(today.at).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await api.routes.list({ cargo: "people", at: "2025-10-01" })).items.map((x) => x.status)).toEqual(
      ["in-use"],
    );
  });

  it("details legs, distance, history, blockers and events", async () => {
    const r = await api.routes.get({ id: "route-potash-klaipeda", at: "2025-12-01" });
    expect(r.legs.map((l) => [l.from.name, l.to.name, l.km])).toEqual([
      ["Salihorsk", "Minsk", 130],
      ["Minsk", "Klaipeda", null],
    ]);
    expect(r.distance).toEqual({ sourcedKm: 130, knownLegs: 1, unknownLegs: 1, hasUnknownLeg: true });
    expect(r.current.status).toBe("closed");
    expect(r.blockers.map((b) => b.description)).toEqual(["Transit contract ended."]);
    expect(r.history.map((h) => h.status)).toEqual(["in-use", "closed"]);
    expect(r.events.map((e) => e.id)).toEqual(["ev-klaipeda-transit"]);
    expect(r.legs[1]?.to.coordinates).toEqual({ lat: 55.7033, lon: 21.1443 });
  });

  it("compares the potash routes side by side", async () => {
    const c = await api.routes.compare({ cargo: "potash", at: "2024-01-01" });
    expect(c.rows.map((r) => [r.id, r.status, r.distance.sourcedKm])).toEqual([
      ["route-potash-klaipeda", "closed", 130],
      ["route-potash-ust-luga", "in-use", 1000],
    ]);
    expect((await api.routes.compare({})).cargo).toBe("potash");
  });
});

describe("deals", () => {
  it("keeps the ledger per pair with running totals", async () => {
    const { pairs } = await api.deals.ledger({});
    expect(pairs).toHaveLength(1);
    expect(pairs[0]?.partyNames).toEqual(["Belarus", "United States"]);
    const released = pairs[0]?.totals.find((t) => t.measure === "prisoners released (people)");
    expect(released?.points.map((p) => [p.date, p.given])).toEqual([
      ["2025-09-11", 52],
      ["2025-12-13", 175],
    ]);
    const relief = pairs[0]?.totals.find((t) => t.measure === "sanctions-relief");
    expect(relief?.given).toBe(2);
    expect((await api.deals.ledger({ party: "lithuania" })).pairs).toEqual([]);
    expect((await trpcError(api.deals.ledger({ party: "ghost" }))).code).toBe("NOT_FOUND");
  });

  it("lists and gets deals", async () => {
    expect(ids((await api.deals.list({ party: "john-coale" })).items)).toEqual([
      "deal-september",
      "deal-december",
    ]);
    const d = await api.deals.get({ id: "deal-december" });
    expect(d.entries.map((e) => e.delivery)).toEqual(["delivered", "delivered", "promised"]);
    expect(d.events.map((e) => e.id)).toEqual(["ev-december-release", "ev-sanctions-eased"]);
    expect(d.assessments.map((a) => a.id)).toEqual(["as-recognition-motive"]);
  });
});

describe("sources", () => {
  it("lists sources with claim counts and text status", async () => {
    const { items } = await api.sources.list({});
    expect(items.map((s) => [s.source.id, s.text])).toEqual([
      ["test-article", "absent"],
      ["test-wire", "absent"],
    ]);
    expect(items[0]?.claims).toBeGreaterThan(10);
    expect((await withText.sources.list({})).items[0]?.text).toBe("loaded");
  });

  it("groups claims by paragraph and, with the text, shows the cited passages", async () => {
    const plain = await api.sources.get({ id: "test-article" });
    expect(plain.paragraphs.map((p) => p.paragraph)).toEqual([1, 2, 3, 4]);
    expect(plain.paragraphs.every((p) => p.text === null)).toBe(true);
    const s = await withText.sources.get({ id: "test-article" });
    const p2 = s.paragraphs.find((p) => p.paragraph === 2);
    expect(p2?.text?.startsWith("Beta paragraph")).toBe(true);
    const spanned = p2?.claims.find((c) => c.citation.span);
    expect(spanned?.passage).toBe("Beta paragraph:");
    expect(spanned?.id).toBe("ev-september-release");
    expect(s.assessments.map((a) => a.id)).toEqual(["as-recognition-motive"]);
  });

  it("takes the checked paragraphs of @dealmap/dataset's loadSourceTexts as they are", async () => {
    const paragraphs = FIXTURE_TEXT.split("\n").filter((l) => l.trim() !== "");
    const checked = createCaller(
      await createContextInner({
        dataset,
        sourceTexts: {
          texts: new Map([["test-article", paragraphs]]),
          warnings: [
            { sourceId: "test-wire", message: 'x: named after source "test-wire" but its SHA-256 differs' },
          ],
        },
      }),
    );
    const { items } = await checked.sources.list({});
    expect(items.map((s) => s.text)).toEqual(["loaded", "hash-mismatch"]);
    const s = await checked.sources.get({ id: "test-article" });
    expect(s.paragraphs.find((p) => p.paragraph === 3)?.text).toBe(paragraphs[2]);
  });

  it("does not trust a text whose hash differs", async () => {
    const tampered = createCaller(
      await createContextInner({ dataset, sourceTexts: { "test-article": `${FIXTURE_TEXT}extra line\n` } }),
    );
    const s = await tampered.sources.get({ id: "test-article" });
    expect(s.text).toBe("hash-mismatch");
    expect(s.paragraphs.every((p) => p.text === null)).toBe(true);
  });
});

describe("sources.cite", () => {
  // A source whose paragraph 3 no claim cites: the source page never gets it, yet its words
  // "envoy met the president" are the same as paragraph 1's.
  const NOTES = [
    "The envoy met the president in Minsk on Tuesday.",
    "Talks went on late into the night.",
    "Weeks later the envoy met the president again, in Washington.",
    "",
  ].join("\n");
  const notes = {
    id: "test-notes",
    kind: "other" as const,
    title: "Notes",
    publisher: "Test Desk",
    language: "en",
    textSha256: createHash("sha256").update(NOTES, "utf8").digest("hex"),
    paragraphs: 3,
  };
  const withNotes = {
    ...dataset,
    sources: [...dataset.sources, notes],
    events: dataset.events.map((e, i) =>
      i === 0 ? { ...e, citations: [...e.citations, { source: "test-notes", paragraph: 1 }] } : e,
    ),
  };
  const WORDS = "envoy met the president";
  const at = NOTES.indexOf(WORDS);

  it("tells the words apart from those of a paragraph no claim cites", async () => {
    const cite = createCaller(
      await createContextInner({ dataset: withNotes, sourceTexts: { "test-notes": NOTES } }),
    );
    // what the source page gets: the cited paragraph alone, where the words occur once
    const page = await cite.sources.get({ id: "test-notes" });
    expect(page.paragraphs.map((p) => p.paragraph)).toEqual([1]);
    const r = await cite.sources.cite({
      id: "test-notes",
      paragraph: 1,
      start: at + 2,
      end: at + WORDS.length - 3,
    });
    expect(r).toMatchObject({
      source: "test-notes",
      paragraph: 1,
      span: [at, at + WORDS.length],
      quote: WORDS,
    });
    expect(r.occurrences).toBe(2);
    expect(r.unique).toBe(true);
    expect(r.prefix).toBe("The");
    expect(r.suffix).toBe("in Minsk on");
    // the loader's rule over the whole text: the quote alone is ambiguous, with prefix and suffix it is this place
    const paragraphs = splitParagraphs(NOTES);
    expect(anchorQuote(paragraphs, { exact: WORDS })).toMatchObject({ ok: false, reason: "ambiguous" });
    expect(anchorQuote(paragraphs, { exact: WORDS, prefix: r.prefix, suffix: r.suffix })).toMatchObject({
      ok: true,
      paragraph: 1,
      span: r.span,
    });
    // words that occur once need neither
    const once = await cite.sources.cite({ id: "test-notes", paragraph: 1, start: at + 28, end: at + 33 });
    expect(once).toEqual({
      source: "test-notes",
      paragraph: 1,
      span: [at + 27, at + 32],
      quote: "Minsk",
      occurrences: 1,
      unique: true,
    });
  });

  it("writes nothing: the data version stays the same", async () => {
    const cite = createCaller(
      await createContextInner({ dataset: withNotes, sourceTexts: { "test-notes": NOTES } }),
    );
    const before = (await cite.stats.summary()).version;
    await cite.sources.cite({ id: "test-notes", paragraph: 3, start: 0, end: 5 });
    expect((await cite.stats.summary()).version).toBe(before);
  });

  it("refuses what it cannot cite, naming why", async () => {
    const cite = createCaller(
      await createContextInner({ dataset: withNotes, sourceTexts: { "test-notes": NOTES } }),
    );
    const fails = async (input: Parameters<typeof cite.sources.cite>[0], code: string, message: RegExp) => {
      const err = await trpcError(cite.sources.cite(input));
      expect(err.code).toBe(code);
      expect(err.message).toMatch(message);
    };
    await fails(
      { id: "no-such-source", paragraph: 1, start: 0, end: 3 },
      "NOT_FOUND",
      /no source with id "no-such-source"/,
    );
    await fails(
      { id: "test-wire", paragraph: 1, start: 0, end: 3 },
      "NOT_FOUND",
      /no text of source "test-wire" is loaded here/,
    );
    await fails(
      { id: "test-notes", paragraph: 4, start: 0, end: 3 },
      "BAD_REQUEST",
      /^paragraph: .*has 3 paragraphs/,
    );
    await fails(
      { id: "test-notes", paragraph: 2, start: 0, end: 99 },
      "BAD_REQUEST",
      /^end: paragraph 2 has 34 characters/,
    );
    await fails(
      { id: "test-notes", paragraph: 2, start: 9, end: 4 },
      "BAD_REQUEST",
      /^start: must not be after end/,
    );
    await fails(
      { id: "test-notes", paragraph: 2, start: 5, end: 6 },
      "BAD_REQUEST",
      /^start: \[5, 6\) holds no word/,
    );
    await fails({ id: "test-notes", paragraph: 0, start: 0, end: 1 }, "BAD_REQUEST", /paragraph/);
    // a text supplied but not matching its SHA-256 is not read
    const tampered = createCaller(
      await createContextInner({ dataset: withNotes, sourceTexts: { "test-notes": `${NOTES}More.\n` } }),
    );
    const err = await trpcError(tampered.sources.cite({ id: "test-notes", paragraph: 1, start: 0, end: 3 }));
    expect(err.message).toContain("does not match its SHA-256");
    // a store handed in as is (a database store, say) gives no whole texts: said so
    const store = (await createContextInner({ dataset: withNotes, sourceTexts: { "test-notes": NOTES } }))
      .store;
    const bare = createCaller({ store });
    const why = await trpcError(bare.sources.cite({ id: "test-notes", paragraph: 1, start: 0, end: 3 }));
    expect(why.code).toBe("NOT_FOUND");
    expect(why.message).toContain("does not read whole texts");
  });
});

describe("search, entity, assessments", () => {
  it("searches across kinds, best first", async () => {
    const { hits } = await api.search.query({ q: "Lukashenka" });
    expect(hits[0]).toMatchObject({ kind: "actor", id: "aliaksandr-lukashenka" });
    const places = await api.search.query({ q: "Klaipėda", kinds: ["place"] });
    expect(places.hits.map((h) => h.id)).toEqual(["klaipeda"]);
    for (let i = 1; i < hits.length; i++)
      expect(hits[i - 1]?.score).toBeGreaterThanOrEqual(hits[i]?.score ?? 0);
    expect((await trpcError(api.search.query({ q: "x".repeat(201) }))).message).toContain("q");
    expect((await trpcError(api.search.query({ q: "x", limit: 101 }))).message).toContain("limit");
  });

  it("gets any entity by id with its kind", async () => {
    for (const [id, kind] of [
      ["test-wire", "source"],
      ["john-coale", "actor"],
      ["klaipeda", "place"],
      ["ev-summer-talks", "event"],
      ["route-deport-vilnius", "route"],
      ["rel-coale-envoy-of-us", "relation"],
      ["deal-september", "deal"],
      ["as-recognition-motive", "assessment"],
    ] as const) {
      const e = await api.entity.get({ id });
      expect([e.kind, e.entity.id]).toEqual([kind, id]);
    }
    const err = await trpcError(api.entity.get({ id: "nothing-here" }));
    expect([err.code, err.message]).toEqual(["NOT_FOUND", 'no entity with id "nothing-here"']);
  });

  it("lists assessments by subject, source and topic", async () => {
    expect((await api.assessments.list({ about: "deal-december" })).items).toHaveLength(1);
    expect((await api.assessments.list({ topic: "prospect" })).items).toHaveLength(0);
    expect((await trpcError(api.assessments.list({ source: "ghost" }))).code).toBe("NOT_FOUND");
  });
});

describe("answers are checked against their schemas", () => {
  it("an answer that breaks its schema is an internal error, not sent", async () => {
    const real = (await createContextInner({ dataset: fixtureDataset() })).store;
    // a store whose statistics lost a field: the compiled answer check must refuse it
    const broken = Object.create(real) as typeof real;
    broken.stats = () => ({ ...real.stats(), citations: "many" }) as unknown as ReturnType<typeof real.stats>;
    const api = createCaller(await createContextInner({ store: broken }));
    await expect(api.stats.summary()).rejects.toMatchObject({ code: "INTERNAL_SERVER_ERROR" });
    const ok = createCaller(await createContextInner({ store: real }));
    await expect(ok.stats.summary()).resolves.toMatchObject({ citations: expect.any(Number) });
  });
});

describe("events.window over open-ended dates", () => {
  it("a window from or to an open date is the data's extent on that side, never an invalid date", async () => {
    const whole = await api.events.window({});
    for (const input of [
      { from: "../2021" },
      { to: "2025-06/.." },
      { from: "../2021", to: "2025-06/.." },
      { from: "0001", to: "9999" },
    ]) {
      const w = await api.events.window(input);
      // bins are aligned on multiples of their width, so the ends reach at most a bin past the calendar
      const bin = w.binDays * 86_400_000;
      expect(w.start + bin, JSON.stringify(input)).toBeGreaterThan(Date.parse("0001-01-01T00:00:00Z"));
      expect(w.end - bin, JSON.stringify(input)).toBeLessThanOrEqual(Date.parse("9999-12-31T00:00:00Z"));
      expect(w.total).toBe(whole.total);
      expect(w.undated).toBe(whole.undated);
    }
    // an open side is the extent's: the same window as leaving it out
    expect(await api.events.window({ from: "../2021", to: "2026" })).toEqual(
      await api.events.window({ to: "2026" }),
    );
    expect(await api.events.window({ from: "2025-06", to: "2025-06/.." })).toEqual(
      await api.events.window({ from: "2025-06" }),
    );
    // the whole calendar is a valid (if coarse) window holding every dated event
    const all = await api.events.window({ from: "0001", to: "9999" });
    expect(all.total).toBe(whole.total);
  });
});
