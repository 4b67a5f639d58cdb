"use client";
/**
 * The actor network, laid out ahead of time on the server. Hovering or focusing a node
 * highlights its ties; clicking a node opens the actor's profile; the path between two actors
 * is drawn on top. Nodes are links, so the graph works with the keyboard (Tab / Enter).
 */
import { useMemo, useRef, useState } from "react";
import { labelText } from "@/lib/label-placement";
import { EDGE_GROUP, edgeColour, NODE_KIND_COLOUR } from "@/lib/network-style";
import { ExportFigure, type FigureLegendItem } from "./export-figure";

export interface NetNode {
  id: string;
  name: string;
  kind: string | null;
  x: number;
  y: number;
  r: number;
  centre: boolean;
  /** Where its label goes; null: shown only on hover and focus (see placeLabels). */
  label?: { x: number; y: number; anchor: "start" | "middle" | "end" } | null;
}
export interface NetEdge {
  id: string;
  from: string;
  to: string;
  type: string;
  label: string;
  directed: boolean;
  onPath: boolean;
}

export function NetworkGraph({
  nodes,
  edges,
  width,
  height,
  title = "Actor network",
}: {
  nodes: NetNode[];
  edges: NetEdge[];
  width: number;
  height: number;
  /** What the picture shows, in a line: the title of an exported SVG or PNG. */
  title?: string;
}) {
  const [hover, setHover] = useState<string | null>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const pos = useMemo(() => new Map(nodes.map((n) => [n.id, n])), [nodes]);
  const neighbours = useMemo(() => {
    if (!hover) return null;
    const s = new Set<string>([hover]);
    for (const e of edges) {
      if (e.from === hover) s.add(e.to);
      if (e.to === hover) s.add(e.from);
    }
    return s;
  }, [hover, edges]);
  const hasPath = edges.some((e) => e.onPath);
  const types = [...new Set(edges.map((e) => e.type))];
  // the exported file's legend: the groups of ties drawn, then the kinds of actors
  const groups = new Map<string, string>();
  for (const t of types) groups.set(EDGE_GROUP[t]?.group ?? "other", edgeColour(t));
  const kinds = [...new Set(nodes.map((n) => n.kind ?? ""))].filter((k) => k in NODE_KIND_COLOUR);
  const legend: FigureLegendItem[] = [
    ...[...groups].map(([label, colour]) => ({ label, colour })),
    ...kinds.map((k) => ({ label: k, colour: NODE_KIND_COLOUR[k] ?? "var(--c8)", shape: "dot" as const })),
  ];

  return (
    <>
      <div className="network-wrap">
        <figure className="network-figure">
          <figcaption className="visually-hidden">
            Network of {nodes.length} actors and {edges.length} ties. Each actor is a link to its profile; the
            table below lists every tie.
          </figcaption>
          <svg ref={svgRef} viewBox={`0 0 ${width} ${height}`} className="network-svg">
            <title>Actor network</title>
            <defs>
              {types.map((t) => (
                <marker
                  key={t}
                  id={`arrow-${t}`}
                  viewBox="0 0 10 10"
                  refX="10"
                  refY="5"
                  markerWidth="7"
                  markerHeight="7"
                  orient="auto-start-reverse"
                >
                  <path d="M0,0 L10,5 L0,10 z" style={{ fill: edgeColour(t) }} />
                </marker>
              ))}
            </defs>
            <g>
              {edges.map((e) => {
                const a = pos.get(e.from);
                const b = pos.get(e.to);
                if (!a || !b) return null;
                const dx = b.x - a.x;
                const dy = b.y - a.y;
                const len = Math.hypot(dx, dy) || 1;
                const x2 = b.x - (dx / len) * (b.r + 2);
                const y2 = b.y - (dy / len) * (b.r + 2);
                const dim = neighbours
                  ? !(neighbours.has(e.from) && neighbours.has(e.to) && (e.from === hover || e.to === hover))
                  : hasPath && !e.onPath;
                return (
                  <line
                    key={e.id}
                    x1={a.x}
                    y1={a.y}
                    x2={x2}
                    y2={y2}
                    data-edge={e.type}
                    className={`edge${e.type === "shared-events" ? " edge-shared" : ""}${e.onPath ? " edge-path" : ""}${dim ? " dim" : ""}`}
                    style={{ stroke: edgeColour(e.type) }}
                    markerEnd={e.directed ? `url(#arrow-${e.type})` : undefined}
                  >
                    <title>{e.label}</title>
                  </line>
                );
              })}
            </g>
            <g>
              {nodes.map((n) => {
                const dim = neighbours ? !neighbours.has(n.id) : false;
                return (
                  <a
                    key={n.id}
                    href={`/actors/${encodeURIComponent(n.id)}`}
                    className={`node${dim ? " dim" : ""}${n.centre ? " node-centre" : ""}`}
                    data-node={n.id}
                    onMouseEnter={() => setHover(n.id)}
                    onMouseLeave={() => setHover(null)}
                    onFocus={() => setHover(n.id)}
                    onBlur={() => setHover(null)}
                  >
                    <title>{n.name}</title>
                    <circle
                      cx={n.x}
                      cy={n.y}
                      r={n.r}
                      style={{ fill: NODE_KIND_COLOUR[n.kind ?? ""] ?? "var(--c8)" }}
                    />
                    <text
                      x={n.label?.x ?? n.x}
                      y={n.label?.y ?? n.y + n.r + 12}
                      textAnchor={n.label?.anchor ?? "middle"}
                      className={n.label === null ? "node-label node-label-hover" : "node-label"}
                    >
                      {labelText(n.name)}
                    </text>
                  </a>
                );
              })}
            </g>
          </svg>
        </figure>
      </div>
      <ExportFigure
        svgRef={svgRef}
        filename="dealmap-network"
        title={title}
        legend={legend}
        what="the network"
      />
    </>
  );
}
