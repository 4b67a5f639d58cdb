"use client";
/**
 * The routes map. The basemap and every leg arrive as finished SVG paths (projected on the
 * server), so this component ships no geo library: it only recolours the legs by each route's
 * status at the date on the slider, asking the router for the statuses at that date.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { MODE_DASH, MODE_LABEL, ROUTE_STATUS_COLOUR, ROUTE_STATUS_LABEL } from "@/lib/labels";
import { useTRPC } from "@/trpc/react";
import { ExportFigure, type FigureLegendItem } from "./export-figure";

export interface MapLeg {
  route: string;
  mode: keyof typeof MODE_DASH;
  d: string;
  label: string;
}
export interface MapPlace {
  id: string;
  name: string;
  x: number;
  y: number;
  kind: string;
}
export interface MapRoute {
  id: string;
  name: string;
  cargo: string;
}
type Status = keyof typeof ROUTE_STATUS_LABEL;

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function RouteMap({
  width,
  height,
  countries,
  graticule,
  legs,
  places,
  routes,
  initialAt,
  min,
  max,
  initialStatuses,
}: {
  width: number;
  height: number;
  countries: { name: string; d: string }[];
  graticule: string;
  legs: MapLeg[];
  places: MapPlace[];
  routes: MapRoute[];
  initialAt: string;
  min: string;
  max: string;
  initialStatuses: Record<string, Status>;
}) {
  const trpc = useTRPC();
  const [at, setAt] = useState(initialAt);
  const [focus, setFocus] = useState<string | null>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const q = useQuery({ ...trpc.routes.list.queryOptions({ at }), placeholderData: keepPreviousData });
  const statuses = useMemo<Record<string, Status>>(() => {
    if (!q.data) return initialStatuses;
    return Object.fromEntries(q.data.items.map((r) => [r.route.id, r.status]));
  }, [q.data, initialStatuses]);

  useEffect(() => {
    const url = new URL(window.location.href);
    url.searchParams.set("at", at);
    window.history.replaceState(null, "", url);
  }, [at]);

  const minMs = Date.parse(`${min}T00:00:00Z`);
  const maxMs = Date.parse(`${max}T00:00:00Z`);
  const atMs = Date.parse(`${at}T00:00:00Z`);
  const days = Math.max(1, Math.round((maxMs - minMs) / DAY));
  const value = Math.min(days, Math.max(0, Math.round((atMs - minMs) / DAY)));
  const counts = new Map<Status, number>();
  for (const r of routes) {
    const s = statuses[r.id] ?? "unknown";
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }

  // the exported file's legend: the statuses and the ways of transport on the map
  const shownStatuses = new Set(legs.map((l) => statuses[l.route] ?? "unknown"));
  const shownModes = new Set(legs.map((l) => l.mode));
  const legend: FigureLegendItem[] = [
    ...(Object.keys(ROUTE_STATUS_LABEL) as Status[])
      .filter((st) => shownStatuses.has(st))
      .map((st) => ({ label: ROUTE_STATUS_LABEL[st], colour: ROUTE_STATUS_COLOUR[st] })),
    ...(Object.keys(MODE_LABEL) as (keyof typeof MODE_LABEL)[])
      .filter((m) => shownModes.has(m))
      .map((m) => ({ label: MODE_LABEL[m], colour: "var(--fg-2)", dash: MODE_DASH[m] })),
  ];

  return (
    <div className="routes-layout">
      <div>
        <div className="slider">
          <label htmlFor="at-slider">
            Status on <strong>{at}</strong>
          </label>
          <input
            id="at-slider"
            type="range"
            min={0}
            max={days}
            step={1}
            value={Number.isFinite(value) ? value : days}
            onChange={(e) => setAt(iso(minMs + Number(e.target.value) * DAY))}
            aria-valuetext={at}
          />
          <span className="small muted">
            {min} → {max}
            {q.isFetching ? " · updating…" : ""}
          </span>
        </div>
        <div className="map-wrap">
          <svg ref={svgRef} viewBox={`0 0 ${width} ${height}`} className="map-svg" data-testid="route-map">
            <title>Map of the routes</title>
            <rect width={width} height={height} className="sea" />
            <path d={graticule} className="graticule" />
            {countries.map((c) => (
              <path key={c.name} d={c.d} className="land">
                <title>{c.name}</title>
              </path>
            ))}
            {legs.map((l, i) => {
              const status = statuses[l.route] ?? "unknown";
              const dim = focus !== null && focus !== l.route;
              return (
                <path
                  // biome-ignore lint/suspicious/noArrayIndexKey: legs keep their order
                  key={`${l.route}-${i}`}
                  d={l.d}
                  className={`leg${dim ? " dim" : ""}`}
                  data-route={l.route}
                  data-mode={l.mode}
                  data-status={status}
                  style={{ stroke: ROUTE_STATUS_COLOUR[status] }}
                  strokeDasharray={MODE_DASH[l.mode]}
                >
                  <title>{`${l.label} (${MODE_LABEL[l.mode]}) — ${ROUTE_STATUS_LABEL[status]} on ${at}`}</title>
                </path>
              );
            })}
            {places.map((p) => (
              <g key={p.id} className={p.kind === "country" ? "place place-country" : "place"}>
                <circle cx={p.x} cy={p.y} r={p.kind === "country" ? 2.5 : 4} />
                <text x={p.x + 6} y={p.y - 5} className="place-label">
                  {p.name}
                </text>
              </g>
            ))}
          </svg>
        </div>
        <ExportFigure
          svgRef={svgRef}
          filename="dealmap-routes-map"
          title={`Routes on ${at}: status by colour, transport by line`}
          credit="Basemap: Natural Earth (public domain), via world-atlas"
          legend={legend}
          what="the map"
        />
        <ul className="legend small" aria-label="Map legend">
          {(["rail", "sea", "road", "air"] as const).map((m) => (
            <li key={m}>
              <svg width="36" height="10" aria-hidden="true">
                <line x1="0" x2="36" y1="5" y2="5" className="leg" strokeDasharray={MODE_DASH[m]} />
              </svg>
              {MODE_LABEL[m]}
            </li>
          ))}
          {(Object.keys(ROUTE_STATUS_LABEL) as Status[]).map((s) => (
            <li key={s}>
              <span className="swatch" style={{ background: ROUTE_STATUS_COLOUR[s] }} />{" "}
              {ROUTE_STATUS_LABEL[s]}
            </li>
          ))}
        </ul>
      </div>
      <section aria-label={`Routes and their status on ${at}`}>
        <p className="small muted">
          On {at}:{" "}
          {[...counts.entries()].map(([s, n]) => `${n} ${ROUTE_STATUS_LABEL[s].toLowerCase()}`).join(", ")}
        </p>
        <ul className="list">
          {routes.map((r) => {
            const s = statuses[r.id] ?? "unknown";
            return (
              <li
                key={r.id}
                onMouseEnter={() => setFocus(r.id)}
                onMouseLeave={() => setFocus(null)}
                data-route-item={r.id}
              >
                <a
                  href={`/routes/${encodeURIComponent(r.id)}?at=${at}`}
                  onFocus={() => setFocus(r.id)}
                  onBlur={() => setFocus(null)}
                >
                  {r.name}
                </a>
                <div className="row small">
                  <span className="status" style={{ color: ROUTE_STATUS_COLOUR[s] }} data-route-status={s}>
                    {ROUTE_STATUS_LABEL[s]}
                  </span>
                  <span className="muted">{r.cargo}</span>
                </div>
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
