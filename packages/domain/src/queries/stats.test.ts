import { describe, expect, it } from "vitest";
import { actor, cite, dataset, ev, place } from "./fixture.ts";
import { datasetStats } from "./stats.ts";

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
