import { describe, expect, it } from "vitest";
import { actor, dataset, ev, rel } from "./fixture.ts";
import { actorGraph, buildGraphIndex, shortestPath, UnknownActorError } from "./network.ts";

const p = (a: string, role = "participant") => ({ actor: a, role });
const ds = dataset({
  actors: ["a", "b", "c", "d", "e", "lonely"].map((id) => actor(id)),
  relations: [
    rel("r-ab", "leads", "a", "b"),
    rel("r-bc", "ally", "b", "c", { when: "2025-01/2025-06" }),
    rel("r-dc", "envoy-to", "d", "c"),
  ],
  events: [
    ev("e1", "2025-01-01", { participants: [p("a"), p("b")] }),
    ev("e2", "2025-02-01", { participants: [p("a"), p("b"), p("e")] }),
    ev("e3", "2025-03-01", { participants: [p("e"), p("d"), p("d", "host")] }),
  ],
});
const index = buildGraphIndex(ds);

describe("actorGraph", () => {
  it("weights relation edges by shared events and keeps direction", () => {
    const g = actorGraph(index, { sharedEvents: false });
    const ab = g.edges.find((e) => e.id === "r-ab");
    expect(ab).toMatchObject({ type: "leads", from: "a", to: "b", directed: true, weight: 2 });
    expect(ab?.sharedEvents.sort()).toEqual(["e1", "e2"]);
    expect(g.edges.find((e) => e.id === "r-bc")).toMatchObject({ directed: false, weight: 0 });
    expect(g.nodes).toHaveLength(6);
    expect(g.nodes.find((n) => n.id === "b")?.degree).toBe(2);
  });

  it("keeps at most maxNodes actors, the most connected first, with the edges between them", () => {
    const all = actorGraph(index, { sharedEvents: false });
    expect(all).toMatchObject({ totalNodes: 6, nodesTruncated: false });
    // relations only: c has 2 ties, b 2, a 1, d 1; b comes before c (met first)
    const g = actorGraph(index, { sharedEvents: false, maxNodes: 2 });
    expect(g.nodes.map((n) => n.id)).toEqual(["b", "c"]);
    expect(g.edges.map((e) => e.id)).toEqual(["r-bc"]);
    expect(g).toMatchObject({ totalNodes: 6, nodesTruncated: true, totalEdges: 3, truncated: true });
    // a neighbourhood keeps its centre even when it has fewer ties
    const around = actorGraph(index, { around: "d", hops: 2, maxNodes: 2 });
    expect(around.nodes[0]?.id === "d" || around.nodes.some((n) => n.id === "d")).toBe(true);
    expect(around.nodes).toHaveLength(2);
  });

  it("adds shared-events edges only where no relation exists", () => {
    const g = actorGraph(index);
    const shared = g.edges.filter((e) => e.type === "shared-events").map((e) => [e.from, e.to, e.weight]);
    expect(shared.sort()).toEqual([
      ["a", "e", 1],
      ["b", "e", 1],
      ["d", "e", 1],
    ]);
    expect(actorGraph(index, { minShared: 2 }).edges.filter((e) => e.type === "shared-events")).toEqual([]);
  });

  it("filters by relation type and by date (undated relations stay)", () => {
    expect(actorGraph(index, { types: ["leads"], sharedEvents: false }).edges.map((e) => e.id)).toEqual([
      "r-ab",
    ]);
    expect(actorGraph(index, { at: "2025-12-01", sharedEvents: false }).edges.map((e) => e.id)).toEqual([
      "r-ab",
      "r-dc",
    ]);
    expect(actorGraph(index, { at: "2025-03", sharedEvents: false }).edges).toHaveLength(3);
  });

  it("caps the edges, keeping the heaviest and saying so", () => {
    const all = actorGraph(index);
    expect([all.totalEdges, all.truncated]).toEqual([6, false]);
    const two = actorGraph(index, { maxEdges: 2 });
    expect(two.truncated).toBe(true);
    expect(two.totalEdges).toBe(6);
    // r-ab shares two events; then the weight-1 ties, relations before shared-events ones
    expect(two.edges.map((e) => e.id)).toEqual(["r-ab", "shared:a|e"]);
    expect(two.nodes.find((n) => n.id === "a")?.degree).toBe(2);
    expect(actorGraph(index, { maxEdges: 1, sharedEvents: false }).edges.map((e) => e.id)).toEqual(["r-ab"]);
  });

  it("cuts a neighbourhood of N hops around an actor", () => {
    const one = actorGraph(index, { around: "a", hops: 1, sharedEvents: false });
    expect(one.nodes.map((n) => [n.id, n.hops])).toEqual([
      ["a", 0],
      ["b", 1],
    ]);
    const two = actorGraph(index, { around: "a", hops: 2, sharedEvents: false });
    expect(two.nodes.map((n) => n.id).sort()).toEqual(["a", "b", "c"]);
    expect(two.edges.map((e) => e.id).sort()).toEqual(["r-ab", "r-bc"]);
    expect(actorGraph(index, { around: "lonely", hops: 3 }).nodes.map((n) => n.id)).toEqual(["lonely"]);
    expect(() => actorGraph(index, { around: "ghost" })).toThrow(UnknownActorError);
  });
});

describe("shortestPath", () => {
  it("walks relations both ways and says when a step runs against a directed one", () => {
    const path = shortestPath(index, "b", "d");
    expect(path.found).toBe(true);
    expect(path.actors.map((x) => x.id)).toEqual(["b", "c", "d"]);
    expect(path.steps.map((s) => [s.edge.id, s.reversed])).toEqual([
      ["r-bc", false],
      ["r-dc", true],
    ]);
    expect(path.length).toBe(2);
  });

  it("respects type and date filters", () => {
    expect(shortestPath(index, "a", "d", { at: "2025-12" }).found).toBe(false);
    expect(shortestPath(index, "a", "d", { types: ["leads", "ally"] }).found).toBe(false);
  });

  it("can go through shared events", () => {
    expect(shortestPath(index, "a", "e").found).toBe(false);
    const via = shortestPath(index, "a", "e", { viaSharedEvents: true });
    expect(via.length).toBe(1);
    expect(via.steps[0]?.edge.type).toBe("shared-events");
  });

  it("handles the trivial and unknown cases", () => {
    expect(shortestPath(index, "a", "a")).toMatchObject({ found: true, length: 0, steps: [] });
    expect(shortestPath(index, "a", "lonely")).toMatchObject({ found: false, length: null });
    expect(() => shortestPath(index, "ghost", "a")).toThrow(/from: no actor "ghost"/);
  });
});
