/**
 * Force-directed layout for the actor network, computed ahead of time (on the server) with
 * d3-force so the graph is readable before any JavaScript runs and the browser ships no
 * physics. Deterministic: same graph, same picture (initial positions come from ids, and the
 * simulation runs a fixed number of ticks).
 */
import {
  forceCollide,
  forceLink,
  forceManyBody,
  forceSimulation,
  forceX,
  forceY,
  type SimulationLinkDatum,
  type SimulationNodeDatum,
} from "d3-force";

export interface LayoutNodeInput {
  id: string;
  /** Bigger nodes push harder and get more room. */
  weight?: number;
}
export interface LayoutEdgeInput {
  source: string;
  target: string;
}
export interface Positioned {
  id: string;
  x: number;
  y: number;
  r: number;
}

interface SimNode extends SimulationNodeDatum {
  id: string;
  r: number;
}

/** A stable pseudo-random number in [0, 1) from a string. */
function hash01(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return ((h >>> 0) % 100000) / 100000;
}

/**
 * Lays out nodes in a `width` × `height` box. Node radius grows with the square root of the
 * weight. Edges to unknown nodes are ignored.
 */
export function layoutGraph(
  nodes: LayoutNodeInput[],
  edges: LayoutEdgeInput[],
  width = 900,
  height = 640,
): Positioned[] {
  const sim: SimNode[] = nodes.map((n) => {
    const a = hash01(n.id) * Math.PI * 2;
    const d = 50 + hash01(`${n.id}#`) * Math.min(width, height) * 0.4;
    return {
      id: n.id,
      r: 6 + Math.min(14, Math.sqrt(Math.max(0, n.weight ?? 0)) * 2.5),
      x: width / 2 + Math.cos(a) * d,
      y: height / 2 + Math.sin(a) * d,
    };
  });
  const known = new Set(sim.map((n) => n.id));
  const links: SimulationLinkDatum<SimNode>[] = edges
    .filter((e) => known.has(e.source) && known.has(e.target) && e.source !== e.target)
    .map((e) => ({ source: e.source, target: e.target }));
  const simulation = forceSimulation(sim)
    .force(
      "link",
      forceLink<SimNode, SimulationLinkDatum<SimNode>>(links)
        .id((d) => d.id)
        .distance(85)
        .strength(0.5),
    )
    .force("charge", forceManyBody<SimNode>().strength(-320).distanceMax(450))
    .force(
      "collide",
      forceCollide<SimNode>().radius((d) => d.r + 14),
    )
    .force("x", forceX<SimNode>(width / 2).strength(0.06))
    .force("y", forceY<SimNode>(height / 2).strength(0.08))
    .stop();
  const ticks = Math.ceil(Math.log(simulation.alphaMin()) / Math.log(1 - simulation.alphaDecay()));
  for (let i = 0; i < ticks; i++) simulation.tick();
  // fit into the box with a margin for labels
  const margin = 40;
  const xs = sim.map((n) => n.x ?? 0);
  const ys = sim.map((n) => n.y ?? 0);
  const minX = Math.min(...xs);
  const maxX = Math.max(...xs);
  const minY = Math.min(...ys);
  const maxY = Math.max(...ys);
  const sx = (width - 2 * margin) / Math.max(1, maxX - minX);
  const sy = (height - 2 * margin) / Math.max(1, maxY - minY);
  const s = Math.min(sx, sy, 1.6);
  const ox = (width - (maxX - minX) * s) / 2;
  const oy = (height - (maxY - minY) * s) / 2;
  return sim.map((n) => ({
    id: n.id,
    r: n.r,
    x: Math.round((((n.x ?? 0) - minX) * s + ox) * 10) / 10,
    y: Math.round((((n.y ?? 0) - minY) * s + oy) * 10) / 10,
  }));
}
