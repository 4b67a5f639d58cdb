import { describe, expect, it } from "vitest";
import { layoutGraph } from "./graph-layout.ts";

describe("layoutGraph", () => {
  const nodes = ["a", "b", "c", "d", "e"].map((id) => ({ id, weight: id === "a" ? 9 : 1 }));
  const edges = [
    { source: "a", target: "b" },
    { source: "a", target: "c" },
    { source: "c", target: "d" },
    { source: "x", target: "a" },
  ];

  it("places every node inside the box, apart from each other", () => {
    const out = layoutGraph(nodes, edges, 600, 400);
    expect(out.map((n) => n.id)).toEqual(["a", "b", "c", "d", "e"]);
    for (const n of out) {
      expect(n.x).toBeGreaterThanOrEqual(0);
      expect(n.x).toBeLessThanOrEqual(600);
      expect(n.y).toBeGreaterThanOrEqual(0);
      expect(n.y).toBeLessThanOrEqual(400);
    }
    for (let i = 0; i < out.length; i++)
      for (let j = i + 1; j < out.length; j++) {
        const p = out[i];
        const q = out[j];
        if (!p || !q) continue;
        expect(Math.hypot(p.x - q.x, p.y - q.y)).toBeGreaterThan(p.r);
      }
  });

  it("is deterministic and sizes nodes by weight", () => {
    const one = layoutGraph(nodes, edges);
    const two = layoutGraph(nodes, edges);
    expect(one).toEqual(two);
    const a = one.find((n) => n.id === "a");
    const b = one.find((n) => n.id === "b");
    expect(a?.r).toBeGreaterThan(b?.r ?? 0);
  });

  it("keeps linked nodes closer than unlinked ones on average", () => {
    const out = layoutGraph(nodes, edges);
    const pos = new Map(out.map((n) => [n.id, n]));
    const dist = (x: string, y: string) => {
      const p = pos.get(x);
      const q = pos.get(y);
      return p && q ? Math.hypot(p.x - q.x, p.y - q.y) : Number.NaN;
    };
    const linked = (dist("a", "b") + dist("a", "c") + dist("c", "d")) / 3;
    const unlinked = (dist("b", "d") + dist("e", "b") + dist("e", "d")) / 3;
    expect(linked).toBeLessThan(unlinked);
  });
});
