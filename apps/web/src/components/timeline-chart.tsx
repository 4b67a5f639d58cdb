"use client";
/**
 * The timeline: events on a time axis that zooms from decades to days (wheel, drag, buttons or
 * keys), in lanes by kind or by actor. Exact days are dots; fuzzy dates are bars with soft
 * edges across the whole span they can denote. Facts are filled; proposals, expectations,
 * claims and hypotheses are hollow and dashed; events that did not happen are crossed out.
 *
 * It draws a window the store answered (`events.window`): when the window holds few enough
 * events they come one by one, and events that would overlap in a lane are drawn as one
 * cluster mark with their count (a click zooms into it); otherwise the store's counts per time
 * bin are drawn per lane (a click zooms in). The page never holds all events, so the chart stays
 * as quick at ten million as at a hundred.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { DAY, ticks, windowLabel } from "@/lib/time-axis";
import { ExportFigure, type FigureLegendItem } from "./export-figure";
import { ExportLinks } from "./export-links";

/** One event, compact, as the window gives it. */
export interface TimelineItem {
  id: string;
  title: string;
  kind: string;
  status: string;
  /** Human date label. */
  label: string;
  /** Bounds in epoch ms (open ends clamped to the window). */
  min: number;
  max: number;
  fuzzy: boolean;
  /** Lane keys: the kind, or the participating lane actors. */
  lanes: string[];
}

export interface Lane {
  key: string;
  label: string;
}

/** Counts per bin, as the store gives them for a lane or a dataset. */
export interface BinCounts {
  key: string;
  total: number;
  counts: number[];
}

/** What the chart draws: a window's bins and, when few enough, its events. */
export interface ChartData {
  start: number;
  end: number;
  binDays: number;
  total: number;
  lanes: BinCounts[];
  /** Bands drawn under the lanes (e.g. each import's density), by key. */
  bands: BinCounts[];
  events: TimelineItem[] | null;
  /** "anchored": only the events dated in the window are drawn, not longer spans reaching in. */
  scope?: "overlapping" | "anchored" | null;
}

export interface View {
  start: number;
  end: number;
}

const FACT = new Set(["occurred", "reported"]);
const LANE_PAD = 8;
const ROW_H = 20;
const MAX_ROWS = 4;
const AXIS_H = 34;
const LABEL_W = 150;
const BAND_H = 22;
const CLUSTER_PX = 18;

interface Props {
  data: ChartData;
  lanes: Lane[];
  /** Labels of the bands drawn under the lanes. */
  bands?: Lane[];
  /** The whole filtered timeline ("Fit all"). */
  span: View;
  /** Initial window; defaults to `span`. */
  initial?: View;
  selected?: string | null;
  /** A newer window is being read. */
  busy?: boolean;
  onSelect?: (id: string) => void;
  /**
   * The window moved or the chart was resized: the caller reads that window — at once when
   * `now` (a button, a key, a click), else once the view settles (wheel, drag).
   */
  onView?: (view: View, plotWidth: number, now: boolean) => void;
  /** A link that lists the events of a window (the list view below). */
  listHref?: (view: View) => string;
  /** The export's filter parameters for a window: "Download CSV / JSON" of the events in view. */
  exportParams?: (view: View) => [string, string][];
}

function classFor(status: string): string {
  if (FACT.has(status)) return "m m-fact";
  if (status === "did-not-happen") return "m m-not";
  if (status === "claimed") return "m m-claim";
  return "m m-maybe";
}

function padded(span: View): View {
  const pad = Math.max(5 * DAY, (span.end - span.start) * 0.03);
  return { start: span.start - pad, end: span.end + pad };
}

/** Bins of `data` overlapping a view: [first, last] indexes (empty when last < first). */
function binRange(data: ChartData, view: View): [number, number] {
  const w = data.binDays * DAY;
  const n = data.lanes[0]?.counts.length ?? data.bands[0]?.counts.length ?? 0;
  const first = Math.max(0, Math.floor((view.start - data.start) / w));
  const last = Math.min(n - 1, Math.floor((view.end - data.start) / w));
  return [first, last];
}

export function TimelineChart({
  data,
  lanes,
  bands = [],
  span,
  initial,
  selected,
  busy,
  onSelect,
  onView,
  listHref,
  exportParams,
}: Props) {
  // User Timing marks of the chart's first draw (render start, then the frame after it was
  // painted), read by `pnpm --filter @dealmap/web measure`
  useState(() => performance?.mark?.("dealmap:timeline-render"));
  useEffect(() => {
    requestAnimationFrame(() => requestAnimationFrame(() => performance.mark("dealmap:timeline-painted")));
  }, []);
  const fit = useMemo(() => padded(span), [span]);
  const [view, setView] = useState<View>(initial ?? fit);
  const viewRef = useRef(view);
  viewRef.current = view;
  const [width, setWidth] = useState(1000);
  const wrap = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const drag = useRef<{ x: number; start: number; end: number; moved: boolean } | null>(null);
  const [hover, setHover] = useState<string | null>(null);

  useEffect(() => {
    const el = wrap.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.max(320, Math.round(entry.contentRect.width)));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const labelW = width < 600 ? 96 : LABEL_W;
  const plotW = width - labelW - 8;
  const x = useCallback(
    (t: number) => labelW + ((t - view.start) / (view.end - view.start)) * plotW,
    [view, plotW, labelW],
  );
  const timeAt = useCallback(
    (px: number) => {
      const v = viewRef.current;
      return v.start + ((px - labelW) / plotW) * (v.end - v.start);
    },
    [labelW, plotW],
  );

  // tell the caller which window to read (it waits for wheel and drag to settle)
  const discrete = useRef(false);
  useEffect(() => {
    onView?.(view, plotW, discrete.current);
    discrete.current = false;
  }, [view, plotW, onView]);
  /** Run a view change that came from a button, a key or a click. */
  const act = (f: () => void) => () => {
    discrete.current = true;
    f();
  };

  const zoom = useCallback((factor: number, centre?: number) => {
    setView((v) => {
      const c = centre ?? (v.start + v.end) / 2;
      const len = Math.min(Math.max((v.end - v.start) * factor, 2 * DAY), 80 * 365 * DAY);
      const ratio = (c - v.start) / (v.end - v.start);
      return { start: c - len * ratio, end: c - len * ratio + len };
    });
  }, []);
  const pan = useCallback((fraction: number) => {
    setView((v) => {
      const d = (v.end - v.start) * fraction;
      return { start: v.start + d, end: v.end + d };
    });
  }, []);
  const zoomTo = useCallback((start: number, end: number) => {
    const len = Math.max(end - start, 2 * DAY);
    const c = (start + end) / 2;
    setView({ start: c - len * 0.6, end: c + len * 0.6 });
  }, []);

  // wheel zoom around the pointer (passive: false so the page does not scroll)
  useEffect(() => {
    const el = wrap.current;
    if (!el) return;
    let frame = 0;
    let pending = 1;
    let at: number | undefined;
    function onWheel(e: WheelEvent) {
      if (!el) return;
      if (!(e.ctrlKey || e.metaKey || e.shiftKey || Math.abs(e.deltaY) > Math.abs(e.deltaX))) return;
      e.preventDefault();
      const rect = el.getBoundingClientRect();
      pending *= Math.exp(e.deltaY * 0.0015);
      at = timeAt(e.clientX - rect.left);
      if (!frame)
        frame = requestAnimationFrame(() => {
          frame = 0;
          zoom(pending, at);
          pending = 1;
        });
    }
    el.addEventListener("wheel", onWheel, { passive: false });
    return () => {
      el.removeEventListener("wheel", onWheel);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [zoom, timeAt]);

  const items = data.events;
  const visible = useMemo(
    () => (items ? items.filter((e) => e.max >= view.start && e.min <= view.end) : []),
    [items, view],
  );
  const dense = items === null;

  // events mode: pack each lane's visible events into rows; what finds no row joins a cluster
  const layout = useMemo(() => {
    const byLane = new Map<string, { item: TimelineItem; row: number }[]>();
    const clusters = new Map<string, { x: number; n: number; min: number; max: number; row: number }[]>();
    const rowsUsed = new Map<string, number>();
    if (!dense) {
      const ends = new Map<string, number[]>();
      const labelled = visible.length < 250;
      for (const item of visible) {
        const x0 = x(item.min);
        const x1 = Math.max(x(item.max), x0 + 8);
        for (const lane of item.lanes) {
          let rows = ends.get(lane);
          if (!rows) {
            rows = [];
            ends.set(lane, rows);
          }
          let row = rows.findIndex((end) => end < x0 - 3);
          if (row === -1 && rows.length < MAX_ROWS) row = rows.length;
          if (row === -1) {
            // no free row: counted into the lane's cluster at this spot
            const list = clusters.get(lane) ?? [];
            const near = list.find((c) => Math.abs(c.x - x0) < CLUSTER_PX);
            if (near) {
              near.n++;
              near.min = Math.min(near.min, item.min);
              near.max = Math.max(near.max, item.max);
            } else list.push({ x: Math.max(labelW, x0), n: 1, min: item.min, max: item.max, row: MAX_ROWS });
            clusters.set(lane, list);
            continue;
          }
          rows[row] = Math.max(rows[row] ?? 0, x1 + (labelled ? 130 : 2));
          const list = byLane.get(lane) ?? [];
          list.push({ item, row });
          byLane.set(lane, list);
        }
      }
      for (const [lane, rows] of ends) rowsUsed.set(lane, rows.length + (clusters.has(lane) ? 1 : 0));
    }
    let y = AXIS_H;
    const laneBoxes = lanes.map((l) => {
      const rows = dense ? 2 : Math.max(1, rowsUsed.get(l.key) ?? 1);
      const box = { ...l, y, h: rows * ROW_H + LANE_PAD * 2 };
      y += box.h;
      return box;
    });
    const bandBoxes = bands.map((b) => {
      const box = { ...b, y, h: BAND_H };
      y += BAND_H;
      return box;
    });
    return { byLane, clusters, laneBoxes, bandBoxes, height: y + 4 };
  }, [visible, dense, lanes, bands, x, labelW]);

  // counts mode: one path per lane (thousands of events stay a handful of DOM nodes)
  const bars = useMemo(() => {
    const [first, last] = binRange(data, view);
    const w = data.binDays * DAY;
    const paths = (list: BinCounts[], boxes: { key: string; y: number; h: number }[], pad: number) => {
      let max = 1;
      for (const l of list) for (let i = first; i <= last; i++) max = Math.max(max, l.counts[i] ?? 0);
      const out: { key: string; d: string }[] = [];
      for (const box of boxes) {
        const l = list.find((c) => c.key === box.key);
        if (!l) continue;
        const inner = box.h - 2 * pad;
        let d = "";
        for (let i = first; i <= last; i++) {
          const v = l.counts[i] ?? 0;
          if (v === 0) continue;
          const x0 = Math.max(labelW, x(data.start + i * w));
          const x1 = Math.min(labelW + plotW, x(data.start + (i + 1) * w));
          const h = Math.max(1.5, (v / max) * inner);
          d += `M${x0.toFixed(1)},${box.y + box.h - pad}v${(-h).toFixed(1)}h${Math.max(1, x1 - x0 - 0.5).toFixed(1)}v${h.toFixed(1)}z`;
        }
        out.push({ key: box.key, d });
      }
      return out;
    };
    let inView = 0;
    for (const b of data.bands.length ? data.bands : data.lanes)
      for (let i = first; i <= last; i++) inView += b.counts[i] ?? 0;
    return {
      lanes: dense ? paths(data.lanes, layout.laneBoxes, LANE_PAD) : [],
      bands: paths(data.bands, layout.bandBoxes, 3),
      inView,
    };
  }, [data, view, dense, layout, x, labelW, plotW]);

  const axis = useMemo(() => ticks(view.start, view.end, plotW), [view, plotW]);
  const showLabels = !dense && visible.length <= 250;
  const binWords = data.binDays === 1 ? "day" : `${data.binDays} days`;
  const bandLegend: FigureLegendItem[] = bands.map((b) => ({
    label: `${b.label} (events per bin)`,
    colour: "var(--info)",
  }));

  function onKey(e: React.KeyboardEvent) {
    const keys: Record<string, () => void> = {
      ArrowLeft: () => pan(-0.15),
      ArrowRight: () => pan(0.15),
      "+": () => zoom(0.6),
      "=": () => zoom(0.6),
      "-": () => zoom(1 / 0.6),
      "0": () => setView(fit),
    };
    const f = keys[e.key];
    if (f) {
      e.preventDefault();
      act(f)();
    }
  }

  /** What the pointer is over in counts mode, in words. */
  function describeAt(px: number, py: number): string | null {
    if (!dense || px < labelW) return null;
    const t = timeAt(px);
    const i = Math.floor((t - data.start) / (data.binDays * DAY));
    const box = [...layout.laneBoxes, ...layout.bandBoxes].find((b) => py >= b.y && py < b.y + b.h);
    if (!box) return null;
    const list = layout.bandBoxes.includes(box as never) ? data.bands : data.lanes;
    const n = list.find((l) => l.key === box.key)?.counts[i] ?? 0;
    const day = new Date(data.start + i * data.binDays * DAY).toISOString().slice(0, 10);
    return `${box.label}: ${n.toLocaleString("en")} event${n === 1 ? "" : "s"} in the ${binWords} from ${day}`;
  }

  const count = dense ? bars.inView : visible.length;
  return (
    <div className="timeline">
      <div className="timeline-tools" role="toolbar" aria-label="Timeline zoom">
        <button type="button" onClick={act(() => zoom(0.6))} aria-label="Zoom in">
          +
        </button>
        <button type="button" onClick={act(() => zoom(1 / 0.6))} aria-label="Zoom out">
          −
        </button>
        <button type="button" onClick={act(() => pan(-0.3))} aria-label="Earlier">
          ←
        </button>
        <button type="button" onClick={act(() => pan(0.3))} aria-label="Later">
          →
        </button>
        <button type="button" onClick={act(() => setView(fit))}>
          Fit all
        </button>
        <span className="small muted" aria-live="polite" data-testid="timeline-status">
          {windowLabel(view.start, view.end)} · {axis.unit === "decade" ? "decades" : `${axis.unit}s`} ·{" "}
          {dense ? "about " : ""}
          {count.toLocaleString("en")} event{count === 1 ? "" : "s"} in view
          {dense ? ` (counted per ${binWords}; click or zoom in for single events)` : ""}
          {!dense && data.scope === "anchored" ? " dated here (longer spans reaching in are left out)" : ""}
          {busy ? " · reading…" : ""}
        </span>
        {listHref ? (
          <a className="small" href={listHref(view)}>
            List the events in view ↓
          </a>
        ) : null}
      </div>
      <div
        ref={wrap}
        className="timeline-plot"
        data-mode={dense ? "counts" : "events"}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the chart pans and zooms with arrow and +/- keys
        tabIndex={0}
        role="application"
        aria-roledescription="zoomable timeline"
        aria-label="Timeline chart. Arrow keys pan, plus and minus zoom, 0 fits all. The list view below has the same events."
        aria-busy={busy ? "true" : "false"}
        onKeyDown={onKey}
        onPointerDown={(e) => {
          if ((e.target as Element).closest("[data-event]")) return;
          drag.current = { x: e.clientX, start: view.start, end: view.end, moved: false };
          (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
        }}
        onPointerMove={(e) => {
          const d = drag.current;
          if (!d) {
            const rect = e.currentTarget.getBoundingClientRect();
            setHover(describeAt(e.clientX - rect.left, e.clientY - rect.top));
            return;
          }
          const dx = e.clientX - d.x;
          if (Math.abs(dx) > 2) d.moved = true;
          const dt = (-dx / plotW) * (d.end - d.start);
          setView({ start: d.start + dt, end: d.end + dt });
        }}
        onPointerUp={(e) => {
          const d = drag.current;
          drag.current = null;
          // a click (no drag) on counts zooms in around it
          if (d && !d.moved && dense) {
            const rect = e.currentTarget.getBoundingClientRect();
            const px = e.clientX - rect.left;
            if (px >= labelW) act(() => zoom(0.25, timeAt(px)))();
          }
        }}
        onPointerLeave={() => setHover(null)}
      >
        <svg ref={svgRef} width={width} height={layout.height} className="timeline-svg" aria-hidden="true">
          <defs>
            <linearGradient id="soft-fact" x1="0" x2="1">
              <stop offset="0" className="g-fact" stopOpacity="0.05" />
              <stop offset="0.2" className="g-fact" stopOpacity="0.55" />
              <stop offset="0.8" className="g-fact" stopOpacity="0.55" />
              <stop offset="1" className="g-fact" stopOpacity="0.05" />
            </linearGradient>
            <linearGradient id="soft-maybe" x1="0" x2="1">
              <stop offset="0" className="g-maybe" stopOpacity="0" />
              <stop offset="0.2" className="g-maybe" stopOpacity="0.18" />
              <stop offset="0.8" className="g-maybe" stopOpacity="0.18" />
              <stop offset="1" className="g-maybe" stopOpacity="0" />
            </linearGradient>
          </defs>
          {layout.laneBoxes.map((l, i) => (
            <g key={l.key}>
              <rect x={0} y={l.y} width={width} height={l.h} className={i % 2 ? "lane lane-odd" : "lane"} />
              <text x={6} y={l.y + 15} className="lane-label">
                {l.label.length > (labelW < 120 ? 13 : 20)
                  ? `${l.label.slice(0, labelW < 120 ? 12 : 19)}…`
                  : l.label}
              </text>
            </g>
          ))}
          {layout.bandBoxes.map((b) => (
            <g key={`band-${b.key}`} data-band={b.key}>
              <rect x={0} y={b.y} width={width} height={b.h} className="lane band" />
              <text x={6} y={b.y + 15} className="band-label">
                {b.label.length > (labelW < 120 ? 13 : 20)
                  ? `${b.label.slice(0, labelW < 120 ? 12 : 19)}…`
                  : b.label}
              </text>
            </g>
          ))}
          {axis.ticks.map((t) => (
            <g key={t.t}>
              <line
                x1={x(t.t)}
                x2={x(t.t)}
                y1={AXIS_H - 6}
                y2={layout.height}
                className={t.major ? "tick tick-major" : "tick"}
              />
              <text x={x(t.t) + 3} y={AXIS_H - 12} className="tick-label">
                {t.label}
              </text>
            </g>
          ))}
          {bars.bands.map((b) => (
            <path key={`bd-${b.key}`} d={b.d} className="density density-band" />
          ))}
          {dense
            ? bars.lanes.map((b) => <path key={`d-${b.key}`} d={b.d} className="density" data-lane={b.key} />)
            : layout.laneBoxes.map((l) => (
                <g key={`e-${l.key}`}>
                  {(layout.clusters.get(l.key) ?? []).map((c) => {
                    const cy = l.y + LANE_PAD + (layout.byLane.has(l.key) ? MAX_ROWS : 0) * ROW_H + ROW_H / 2;
                    return (
                      // biome-ignore lint/a11y/noStaticElementInteractions: pointer shortcut; the list view is the keyboard path
                      <g
                        key={`c-${l.key}-${c.x}`}
                        className="cluster"
                        data-cluster={c.n}
                        onClick={act(() => zoomTo(c.min, c.max))}
                      >
                        <title>{`${c.n} more events here — click to zoom in`}</title>
                        <rect
                          x={c.x - 2}
                          y={cy - 8}
                          width={Math.max(22, 8 + String(c.n).length * 7)}
                          height={16}
                          rx={8}
                        />
                        <text x={c.x + 4} y={cy + 4}>
                          +{c.n}
                        </text>
                      </g>
                    );
                  })}
                  {(layout.byLane.get(l.key) ?? []).map(({ item, row }) => {
                    const cy = l.y + LANE_PAD + row * ROW_H + ROW_H / 2;
                    const x0 = Math.max(labelW, x(item.min));
                    const x1 = Math.min(width, x(item.max));
                    const isSpan = item.fuzzy && x1 - x0 > 6;
                    const cls = `${classFor(item.status)}${item.id === selected ? " m-selected" : ""}`;
                    const cx = isSpan ? x0 : (x(item.min) + x(item.max)) / 2;
                    return (
                      // biome-ignore lint/a11y/noStaticElementInteractions: pointer shortcut; the list view is the keyboard path
                      <g
                        key={`${l.key}-${item.id}`}
                        data-event={item.id}
                        data-status={item.status}
                        className={cls}
                        onClick={() => onSelect?.(item.id)}
                      >
                        <title>{`${item.label} — ${item.title} (${item.status})`}</title>
                        {isSpan ? (
                          <rect
                            x={x0}
                            y={cy - 6}
                            width={x1 - x0}
                            height={12}
                            rx={6}
                            fill={FACT.has(item.status) ? "url(#soft-fact)" : "url(#soft-maybe)"}
                            className="m-shape m-span"
                          />
                        ) : (
                          <circle cx={cx} cy={cy} r={5.5} className="m-shape" />
                        )}
                        {item.status === "did-not-happen" ? (
                          <line x1={cx - 6} x2={cx + 6} y1={cy + 6} y2={cy - 6} className="m-cross" />
                        ) : null}
                        {showLabels ? (
                          <text x={cx + (isSpan ? 4 : 9)} y={cy + 4} className="m-label">
                            {item.title.length > 40 ? `${item.title.slice(0, 39)}…` : item.title}
                          </text>
                        ) : null}
                      </g>
                    );
                  })}
                </g>
              ))}
        </svg>
      </div>
      <p className="small muted timeline-hover" aria-hidden="true">
        {hover ?? "\u00a0"}
      </p>
      <ul className="legend small" aria-label="Legend">
        <li>
          <svg width="14" height="14" aria-hidden="true">
            <circle cx="7" cy="7" r="5" className="m-fact m-shape" />
          </svg>{" "}
          happened (exact day)
        </li>
        <li>
          <svg width="30" height="14" aria-hidden="true">
            <rect
              x="1"
              y="2"
              width="28"
              height="10"
              rx="5"
              fill="url(#soft-fact)"
              className="m-fact m-span"
            />
          </svg>{" "}
          happened, date known only as a span
        </li>
        <li>
          <svg width="14" height="14" aria-hidden="true">
            <circle cx="7" cy="7" r="5" className="m-maybe m-shape" />
          </svg>{" "}
          proposal, expectation or hypothesis — not a fact
        </li>
        <li>
          <svg width="14" height="14" aria-hidden="true">
            <circle cx="7" cy="7" r="5" className="m-claim m-shape" />
          </svg>{" "}
          claimed by one side
        </li>
        <li>
          <svg width="14" height="14" aria-hidden="true">
            <circle cx="7" cy="7" r="5" className="m-not m-shape" />
            <line x1="1" x2="13" y1="13" y2="1" className="m-cross" />
          </svg>{" "}
          did not happen
        </li>
      </ul>
      {exportParams ? <ExportLinks filterParams={exportParams(view)} label="The events in view" /> : null}
      <ExportFigure
        svgRef={svgRef}
        filename="dealmap-timeline"
        title={`Timeline, ${windowLabel(view.start, view.end)}`}
        legend={dense ? [...COUNT_LEGEND, ...bandLegend] : [...STATUS_LEGEND, ...bandLegend]}
        what="the timeline"
      />
    </div>
  );
}

/** The exported file's legend when single events are drawn: how a mark shows its status. */
const STATUS_LEGEND: FigureLegendItem[] = [
  { label: "happened", colour: "var(--accent)", shape: "dot" },
  { label: "proposal, expectation or hypothesis", colour: "var(--info)", shape: "dot" },
  { label: "claimed by one side", colour: "var(--warn)", shape: "dot" },
  { label: "did not happen", colour: "var(--bad)", shape: "dot" },
];
/** …and when the window is drawn as counts. */
const COUNT_LEGEND: FigureLegendItem[] = [{ label: "events per bin, by lane", colour: "var(--accent)" }];
