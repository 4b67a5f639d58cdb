/**
 * Labels for a network drawing that do not overlap: the most important nodes first, each label
 * tried below, above, right and left of its node, and kept only where it overlaps no label placed
 * before it — preferably where it covers no other node either (in a dense centre that is
 * often impossible; labels have a halo). The others are left for hover and focus.
 */

/** A node's label as drawn (long names cut). */
export function labelText(name: string): string {
  return name.length > 22 ? `${name.slice(0, 21)}…` : name;
}

export interface LabelNode {
  id: string;
  x: number;
  y: number;
  r: number;
  /** Text length in characters (after any truncation). */
  chars: number;
  /** Higher goes first (e.g. the centre, then by number of ties). */
  priority: number;
}

export interface Placement {
  x: number;
  y: number;
  anchor: "start" | "middle" | "end";
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const CHAR_W = 6.6;
const LINE_H = 14;
const GAP = 3;

function overlaps(a: Box, b: Box): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/** The label's box for a placement (text baseline at `y`). */
function boxOf(p: Placement, width: number): Box {
  const x0 = p.anchor === "start" ? p.x : p.anchor === "end" ? p.x - width : p.x - width / 2;
  return { x0, y0: p.y - LINE_H + 3, x1: x0 + width, y1: p.y + 3 };
}

/**
 * Where each node's label goes, or null when every candidate place collides (the label is then
 * shown only on hover and focus). Labels stay inside [0, width] × [0, height].
 */
export function placeLabels(
  nodes: readonly LabelNode[],
  width: number,
  height: number,
): Map<string, Placement | null> {
  const out = new Map<string, Placement | null>();
  const taken: Box[] = [];
  const circles: { id: string; box: Box }[] = nodes.map((n) => ({
    id: n.id,
    box: { x0: n.x - n.r, y0: n.y - n.r, x1: n.x + n.r, y1: n.y + n.r },
  }));
  const order = nodes.map((n, i) => ({ n, i })).sort((a, b) => b.n.priority - a.n.priority || a.i - b.i);
  for (const { n } of order) {
    const w = n.chars * CHAR_W;
    const candidates: Placement[] = [
      { x: n.x, y: n.y + n.r + 12, anchor: "middle" },
      { x: n.x, y: n.y - n.r - GAP - 1, anchor: "middle" },
      { x: n.x + n.r + GAP, y: n.y + 4, anchor: "start" },
      { x: n.x - n.r - GAP, y: n.y + 4, anchor: "end" },
    ];
    let placed: Placement | null = null;
    // first a place clear of other nodes too, else one clear of labels only
    for (const clearOfNodes of [true, false]) {
      for (const c of candidates) {
        const b = boxOf(c, w);
        if (b.x0 < 0 || b.x1 > width || b.y0 < 0 || b.y1 > height) continue;
        if (taken.some((t) => overlaps(t, b))) continue;
        if (clearOfNodes && circles.some((k) => k.id !== n.id && overlaps(k.box, b))) continue;
        placed = c;
        taken.push(b);
        break;
      }
      if (placed) break;
    }
    out.set(n.id, placed);
  }
  return out;
}
