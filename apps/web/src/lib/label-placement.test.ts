import { describe, expect, it } from "vitest";
import { type LabelNode, placeLabels } from "./label-placement";

const node = (id: string, x: number, y: number, priority = 0, chars = 8): LabelNode => ({
  id,
  x,
  y,
  r: 6,
  chars,
  priority,
});

describe("placeLabels", () => {
  it("puts a lone label under its node", () => {
    expect(placeLabels([node("a", 100, 100)], 400, 400).get("a")).toEqual({
      x: 100,
      y: 118,
      anchor: "middle",
    });
  });

  it("never lets two placed labels overlap, and gives the more important node the first choice", () => {
    // a dense centre: 60 nodes on a small grid
    const nodes: LabelNode[] = [];
    for (let i = 0; i < 60; i++)
      nodes.push(node(`n${i}`, 150 + (i % 10) * 12, 150 + Math.floor(i / 10) * 12, i === 37 ? 100 : i % 7));
    const placed = placeLabels(nodes, 600, 600);
    const boxes = [...placed.entries()]
      .filter(([, p]) => p !== null)
      .map(([id, p]) => {
        const w = (nodes.find((n) => n.id === id)?.chars ?? 0) * 6.6;
        const x0 =
          p?.anchor === "start" ? (p?.x ?? 0) : p?.anchor === "end" ? (p?.x ?? 0) - w : (p?.x ?? 0) - w / 2;
        return { x0, x1: x0 + w, y0: (p?.y ?? 0) - 11, y1: (p?.y ?? 0) + 3 };
      });
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        if (!a || !b) continue;
        const overlap = a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
        expect(overlap, `${i} and ${j}`).toBe(false);
      }
    // some labels had to give way, the most important one did not
    expect(boxes.length).toBeGreaterThan(0);
    expect(boxes.length).toBeLessThan(60);
    expect(placed.get("n37")).not.toBeNull();
  });

  it("keeps labels inside the drawing, trying the other sides at an edge", () => {
    // at the right edge, centred labels and one on the right would leave the drawing
    const p = placeLabels([node("edge", 395, 200, 0, 10)], 400, 400).get("edge");
    expect(p).toEqual({ x: 386, y: 204, anchor: "end" });
    // in a corner where no side fits, it is left for hover
    expect(placeLabels([node("corner", 398, 398, 0, 10)], 400, 400).get("corner")).toBeNull();
  });
});
