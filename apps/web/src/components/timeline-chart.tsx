"use client";
/**
 * The timeline: events on a time axis that zooms from decades to days (wheel, drag, buttons or
 * keys), in lanes by kind or by actor. Exact days are dots; fuzzy dates are bars with soft
 * edges across the whole span they can denote. Facts are filled; proposals, expectations,
 * claims and hypotheses are hollow and dashed; events that did not happen are crossed out.
 * Only the visible window is drawn, and dense windows are drawn as counts, so 10,000 events
 * stay smooth.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { DAY, ticks, windowLabel } from "@/lib/time-axis";

/** One event, compact, as the server hands it over. */
export interface TimelineItem {
  id: string;
  title: string;
  kind: string;
  status: string;
  /** Human date label. */
  label: string;
  /** Bounds in epoch ms (open ends already clamped). */
  min: number;
  max: number;
  fuzzy: boolean;
  /** Lane keys: the kind, or the participating actors. */
  lanes: string[];
}

export interface Lane {
  key: string;
  label: string;
}

const FACT = new Set(["occurred", "reported"]);
const LANE_PAD = 8;
const ROW_H = 20;
const MAX_ROWS = 4;
const AXIS_H = 34;
const LABEL_W = 150;
const DENSE = 1500;

interface Props {
  items: TimelineItem[];
  lanes: Lane[];
  selected?: string | null;
  /** Initial window; defaults to the data's span. */
  initial?: { start: number; end: number };
  onSelect?: (id: string) => void;
}

function classFor(status: string): string {
  if (FACT.has(status)) return "m m-fact";
  if (status === "did-not-happen") return "m m-not";
  if (status === "claimed") return "m m-claim";
  return "m m-maybe";
}

export function TimelineChart({ items, lanes, selected, initial, onSelect }: Props) {
  const sorted = useMemo(() => [...items].sort((a, b) => a.min - b.min || a.max - b.max), [items]);
  const span = useMemo(() => {
    if (sorted.length === 0) {
      const now = Date.now();
      return { start: now - 365 * DAY, end: now };
    }
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const e of sorted) {
      lo = Math.min(lo, e.min);
      hi = Math.max(hi, e.max);
    }
    const pad = Math.max(5 * DAY, (hi - lo) * 0.03);
    return { start: lo - pad, end: hi + pad };
  }, [sorted]);

  const [view, setView] = useState(initial ?? span);
  const viewRef = useRef(view);
  viewRef.current = view;
  const [width, setWidth] = useState(1000);
  const wrap = useRef<HTMLDivElement>(null);
  const drag = useRef<{ x: number; start: number; end: number; moved: boolean } | null>(null);

  useEffect(() => setView(initial ?? span), [initial, span]);

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
      const px = e.clientX - rect.left;
      pending *= Math.exp(e.deltaY * 0.0015);
      const v = viewRef.current;
      at = v.start + ((px - labelW) / plotW) * (v.end - v.start);
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
  }, [zoom, plotW, labelW]);

  const visible = useMemo(
    () => sorted.filter((e) => e.max >= view.start && e.min <= view.end),
    [sorted, view],
  );
  const dense = visible.length > DENSE;

  // pack each lane's visible events into rows
  const layout = useMemo(() => {
    const byLane = new Map<string, { item: TimelineItem; row: number; crowded: boolean }[]>();
    const rowsUsed = new Map<string, number>();
    if (!dense) {
      const ends = new Map<string, number[]>();
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
          let crowded = false;
          if (row === -1) {
            if (rows.length < MAX_ROWS) row = rows.length;
            else {
              // no free row: drawn on the last one, without a label
              row = MAX_ROWS - 1;
              crowded = true;
            }
          }
          rows[row] = Math.max(rows[row] ?? 0, x1 + (visible.length < 250 ? 130 : 2));
          const list = byLane.get(lane) ?? [];
          list.push({ item, row, crowded });
          byLane.set(lane, list);
        }
      }
      for (const [lane, rows] of ends) rowsUsed.set(lane, rows.length);
    }
    let y = AXIS_H;
    const laneBoxes = lanes.map((l) => {
      const rows = dense ? 2 : Math.max(1, rowsUsed.get(l.key) ?? 1);
      const box = { ...l, y, h: rows * ROW_H + LANE_PAD * 2 };
      y += box.h;
      return box;
    });
    return { byLane, laneBoxes, height: y + 4 };
  }, [visible, dense, lanes, x]);

  // counts per pixel bucket for dense windows
  const density = useMemo(() => {
    if (!dense) return null;
    const bucket = 4;
    const n = Math.ceil(plotW / bucket);
    const perLane = new Map<string, number[]>();
    for (const item of visible) {
      const mid = (Math.max(item.min, view.start) + Math.min(item.max, view.end)) / 2;
      const i = Math.min(n - 1, Math.max(0, Math.floor((x(mid) - labelW) / bucket)));
      for (const lane of item.lanes) {
        let arr = perLane.get(lane);
        if (!arr) {
          arr = new Array(n).fill(0);
          perLane.set(lane, arr);
        }
        arr[i] = (arr[i] ?? 0) + 1;
      }
    }
    let max = 1;
    for (const arr of perLane.values()) for (const v of arr) max = Math.max(max, v);
    return { bucket, perLane, max };
  }, [dense, visible, plotW, view, x, labelW]);

  const axis = useMemo(() => ticks(view.start, view.end, plotW), [view, plotW]);
  const showLabels = !dense && visible.length <= 250;

  function onKey(e: React.KeyboardEvent) {
    const keys: Record<string, () => void> = {
      ArrowLeft: () => pan(-0.15),
      ArrowRight: () => pan(0.15),
      "+": () => zoom(0.6),
      "=": () => zoom(0.6),
      "-": () => zoom(1 / 0.6),
      "0": () => setView(span),
    };
    const f = keys[e.key];
    if (f) {
      e.preventDefault();
      f();
    }
  }

  return (
    <div className="timeline">
      <div className="timeline-tools" role="toolbar" aria-label="Timeline zoom">
        <button type="button" onClick={() => zoom(0.6)} aria-label="Zoom in">
          +
        </button>
        <button type="button" onClick={() => zoom(1 / 0.6)} aria-label="Zoom out">
          −
        </button>
        <button type="button" onClick={() => pan(-0.3)} aria-label="Earlier">
          ←
        </button>
        <button type="button" onClick={() => pan(0.3)} aria-label="Later">
          →
        </button>
        <button type="button" onClick={() => setView(span)}>
          Fit all
        </button>
        <span className="small muted" aria-live="polite">
          {windowLabel(view.start, view.end)} · {axis.unit === "decade" ? "decades" : `${axis.unit}s`} ·{" "}
          {visible.length} event{visible.length === 1 ? "" : "s"} in view
          {dense ? " (drawn as counts; zoom in for single events)" : ""}
        </span>
      </div>
      <div
        ref={wrap}
        className="timeline-plot"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the chart pans and zooms with arrow and +/- keys
        tabIndex={0}
        role="application"
        aria-roledescription="zoomable timeline"
        aria-label="Timeline chart. Arrow keys pan, plus and minus zoom, 0 fits all. The list view below has the same events."
        onKeyDown={onKey}
        onPointerDown={(e) => {
          if ((e.target as Element).closest("[data-event]")) return;
          drag.current = { x: e.clientX, start: view.start, end: view.end, moved: false };
          (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
        }}
        onPointerMove={(e) => {
          const d = drag.current;
          if (!d) return;
          const dx = e.clientX - d.x;
          if (Math.abs(dx) > 2) d.moved = true;
          const dt = (-dx / plotW) * (d.end - d.start);
          setView({ start: d.start + dt, end: d.end + dt });
        }}
        onPointerUp={() => {
          drag.current = null;
        }}
      >
        <svg width={width} height={layout.height} className="timeline-svg" aria-hidden="true">
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
          {density
            ? layout.laneBoxes.map((l) => {
                const arr = density.perLane.get(l.key);
                if (!arr) return null;
                // one path per lane: thousands of events stay a handful of DOM nodes
                const inner = l.h - 2 * LANE_PAD;
                let d = "";
                arr.forEach((v, i) => {
                  if (v === 0) return;
                  const h = Math.max(1, (v / density.max) * inner);
                  d += `M${labelW + i * density.bucket},${l.y + l.h - LANE_PAD}v${-h}h${density.bucket - 1}v${h}z`;
                });
                return <path key={`d-${l.key}`} d={d} className="density" />;
              })
            : layout.laneBoxes.map((l) => (
                <g key={`e-${l.key}`}>
                  {(layout.byLane.get(l.key) ?? []).map(({ item, row, crowded }) => {
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
                        {showLabels && !crowded ? (
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
    </div>
  );
}
