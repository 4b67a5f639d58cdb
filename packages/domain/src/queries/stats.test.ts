import { describe, expect, it } from "vitest";
import { type Dataset, ENTITY_KINDS, type EntityKind } from "../dataset.ts";
import { actor, cite, dataset, ev, place, rel } from "./fixture.ts";
import { datasetStats, mergeStats, statsAccumulator, subtractStats } from "./stats.ts";

describe("datasetStats", () => {
  it("counts, spans and coverage", () => {
    const ds = dataset({
      actors: [actor("a", { aliases: [{ name: "Ay" }] }), actor("b")],
      places: [place("p")],
      events: [
        ev("e1", "2025-09-11", { places: ["p"], participants: [{ actor: "a", role: "host" }] }),
        ev("e2", "2025-22", { kind: "release" }),
        ev("e3", "../2021", { citations: [{ source: "src" }] }),
      ],
      routes: [
        {
          id: "r",
          kind: "travel",
          name: "R",
          cargo: "people",
          description: "d",
          legs: [
            { from: "p", to: "p", mode: "road", distance: { km: 1, citations: cite } },
            { from: "p", to: "p", mode: "road" },
          ],
          citations: cite,
        },
      ],
    });
    const s = datasetStats(ds);
    expect(s.counts).toMatchObject({ sources: 1, actors: 2, places: 1, events: 3, routes: 1, deals: 0 });
    expect(s.span).toEqual({ from: "2025-06-01", to: "2025-09-11" });
    expect(s.eventsByKind).toEqual({ meeting: 2, release: 1 });
    expect(s.coverage.eventsExactlyDated).toEqual({ share: 1 / 3, count: 1, of: 3 });
    expect(s.coverage.eventsWithPlaces.count).toBe(1);
    expect(s.coverage.legsWithDistance).toEqual({ share: 0.5, count: 1, of: 2 });
    expect(s.coverage.actorsWithAliases.count).toBe(1);
    expect(s.coverage.routesWithStatus.count).toBe(0);
    // 2 actors + 1 place + 3 events + route (1) + leg distance (1) = 8, all but e3's with a paragraph
    expect(s.citations).toBe(8);
    expect(s.coverage.citationsWithParagraph.count).toBe(7);
  });

  it("handles an empty dataset", () => {
    const s = datasetStats(dataset({}));
    expect(s.span).toEqual({ from: null, to: null });
    expect(s.coverage.eventsWithPlaces.share).toBe(0);
  });
});

/** Every kind of entity, citations at several depths, fuzzy and open dates, repeated kinds. */
const rich = dataset({
  sources: [{ id: "wire", kind: "news-report", title: "W", publisher: "P", language: "en" }],
  actors: [
    actor("a", {
      aliases: [{ name: "Ay" }],
      roles: [{ title: "envoy", of: "b", citations: [{ source: "wire" }, { source: "src", paragraph: 2 }] }],
    }),
    actor("b", { kind: "state" }),
    actor("c", { citations: [{ source: "wire" }] }),
  ],
  places: [place("p"), place("q", { aliases: [{ name: "Kyu" }] })],
  events: [
    ev("e1", "2025-09-11", { places: ["p"], participants: [{ actor: "a", role: "host" }] }),
    ev("e2", "2025-22", { kind: "release", status: "reported" }),
    ev("e3", "../2021", { citations: [{ source: "wire" }] }),
    ev("e4", "2019-03/..", { kind: "statement", participants: [{ actor: "b", role: "speaker" }] }),
    ev("e5", "2024-11-01/2024-11-10", { kind: "release", status: "claimed", claimedBy: "a" }),
    ev("e6", "2023", { places: ["q"], status: "expected" }),
  ],
  routes: [
    {
      id: "r1",
      kind: "export-corridor",
      name: "R1",
      cargo: "potash",
      description: "d",
      legs: [
        { from: "p", to: "q", mode: "rail", distance: { km: 10, citations: cite } },
        { from: "q", to: "p", mode: "sea" },
      ],
      statuses: [
        {
          status: "closed",
          when: "2022/..",
          blockers: [{ description: "b", citations: [{ source: "wire" }] }],
          citations: cite,
        },
      ],
      citations: cite,
    },
    {
      id: "r2",
      kind: "travel",
      name: "R2",
      cargo: "people",
      description: "d",
      legs: [{ from: "p", to: "p", mode: "road" }],
      citations: cite,
    },
  ],
  relations: [
    rel("ab", "ally", "a", "b"),
    rel("bc", "adversary", "b", "c", { citations: [{ source: "wire" }] }),
  ],
  deals: [
    {
      id: "d",
      title: "D",
      parties: ["a", "b"],
      date: "2025-12",
      summary: "s",
      concessions: [
        { by: "a", to: "b", kind: "prisoner-release", what: "w", delivery: "delivered", citations: cite },
      ],
      citations: cite,
    },
  ],
  assessments: [
    { id: "s", topic: "motive", claim: "C", source: "src", about: ["a"], citations: [{ source: "wire" }] },
  ],
});

/** Deterministic Fisher–Yates over (kind, entity) pairs. */
function shuffled(ds: Dataset, seed: number): [EntityKind, Dataset[EntityKind][number]][] {
  const items = ENTITY_KINDS.flatMap((k) =>
    ds[k].map((e) => [k, e] as [EntityKind, Dataset[EntityKind][number]]),
  );
  let x = seed;
  for (let i = items.length - 1; i > 0; i--) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const j = x % (i + 1);
    [items[i], items[j]] = [items[j] as (typeof items)[number], items[i] as (typeof items)[number]];
  }
  return items;
}

describe("statsAccumulator", () => {
  it("gives datasetStats' figures whatever the order entities arrive in", () => {
    const whole = datasetStats(rich);
    expect(whole.counts.assessments).toBe(1);
    for (const seed of [1, 2, 3, 42, 2025]) {
      const acc = statsAccumulator();
      for (const [kind, entity] of shuffled(rich, seed)) acc.add(kind, entity);
      expect(acc.result()).toEqual(whole);
    }
  });

  it("gives JSON-identical output when fed in dataset order", () => {
    const acc = statsAccumulator();
    for (const kind of ENTITY_KINDS) for (const entity of rich[kind]) acc.add(kind, entity);
    expect(JSON.stringify(acc.result())).toBe(JSON.stringify(datasetStats(rich)));
  });

  it("can report part way and carry on", () => {
    const acc = statsAccumulator();
    const items = shuffled(rich, 9);
    items.slice(0, 5).forEach(([k, e]) => acc.add(k, e));
    const early = acc.result();
    items.slice(5).forEach(([k, e]) => acc.add(k, e));
    expect(acc.result()).toEqual(datasetStats(rich));
    expect(Object.values(early.counts).reduce((a, b) => a + b, 0)).toBe(5);
  });
});

describe("mergeStats", () => {
  it("gives the stats of the whole from the stats of parts split any way", () => {
    const whole = datasetStats(rich);
    for (const seed of [3, 7, 11]) {
      const items = shuffled(rich, seed);
      const cut = 1 + (seed % (items.length - 1));
      const a = statsAccumulator();
      const b = statsAccumulator();
      items.slice(0, cut).forEach(([k, e]) => a.add(k, e));
      items.slice(cut).forEach(([k, e]) => b.add(k, e));
      const merged = mergeStats([a.result(), b.result()]);
      expect(merged.counts).toEqual(whole.counts);
      expect(merged.span).toEqual(whole.span);
      expect(merged.coverage).toEqual(whole.coverage);
      expect(merged.citations).toBe(whole.citations);
      expect(Object.entries(merged.eventsByKind).sort()).toEqual(Object.entries(whole.eventsByKind).sort());
      expect(Object.entries(merged.eventsByStatus).sort()).toEqual(
        Object.entries(whole.eventsByStatus).sort(),
      );
    }
  });

  it("of nothing is the stats of an empty dataset", () => {
    expect(mergeStats([])).toEqual(statsAccumulator().result());
  });
});

describe("subtractStats", () => {
  it("takes a part out of the whole: the stats of the rest, the whole's span kept", () => {
    const whole = datasetStats(rich);
    for (const seed of [3, 7, 11]) {
      const items = shuffled(rich, seed);
      const cut = 1 + (seed % (items.length - 1));
      const rest = statsAccumulator();
      const part = statsAccumulator();
      items.slice(0, cut).forEach(([k, e]) => rest.add(k, e));
      items.slice(cut).forEach(([k, e]) => part.add(k, e));
      const left = subtractStats(whole, part.result());
      const expected = rest.result();
      expect(left.counts).toEqual(expected.counts);
      expect(left.coverage).toEqual(expected.coverage);
      expect(left.citations).toBe(expected.citations);
      // kinds and statuses the rest has none of are gone, not kept at 0
      expect(Object.entries(left.eventsByKind).sort()).toEqual(Object.entries(expected.eventsByKind).sort());
      expect(Object.entries(left.eventsByStatus).sort()).toEqual(
        Object.entries(expected.eventsByStatus).sort(),
      );
      expect(left.span).toEqual(whole.span);
      // and adding the part back gives the whole
      const again = mergeStats([left, part.result()]);
      expect(again.counts).toEqual(whole.counts);
      expect(again.coverage).toEqual(whole.coverage);
    }
  });
});
