import { dateBounds, MONTH_NAMES } from "@dealmap/domain";

export interface Series {
  key: string;
  label: string;
  points: { date: string; given: number; promised: number }[];
}

const MONTHS: readonly string[] = MONTH_NAMES;

function mid(date: string): number {
  try {
    const b = dateBounds(date);
    if (Number.isFinite(b.min) && Number.isFinite(b.max)) return (b.min + b.max) / 2;
    return Number.isFinite(b.min) ? b.min : b.max;
  } catch {
    return Number.NaN;
  }
}

/**
 * Running totals as step lines: solid for what was given (delivered or partly), dashed for
 * what was promised. Drawn on the server as SVG; a table beside it carries the same numbers.
 */
export function RunningChart({ series, year }: { series: Series[]; year?: number }) {
  const W = 720;
  const H = 260;
  const L = 48;
  const R = 16;
  const T = 16;
  const B = 30;
  const all = series.flatMap((s) => s.points.map((p) => mid(p.date))).filter(Number.isFinite);
  if (all.length === 0) return null;
  const start = year ? Date.UTC(year, 0, 1) : Math.min(...all);
  const end = year ? Date.UTC(year + 1, 0, 1) - 1 : Math.max(...all);
  const max = Math.max(1, ...series.flatMap((s) => s.points.map((p) => Math.max(p.given, p.promised))));
  const x = (t: number) =>
    L + ((Math.min(Math.max(t, start), end) - start) / Math.max(1, end - start)) * (W - L - R);
  const y = (v: number) => H - B - (v / max) * (H - T - B);
  const step = (pts: { t: number; v: number }[]) => {
    let d = `M${x(start)},${y(0)}`;
    let last = 0;
    for (const p of pts) {
      d += ` H${x(p.t)} V${y(p.v)}`;
      last = p.v;
    }
    return `${d} H${x(end)} V${y(last)}`;
  };
  const colours = ["var(--c1)", "var(--c2)", "var(--c3)", "var(--c5)", "var(--c4)", "var(--c6)"];
  const yTicks = [...new Set([0, max / 2, max].map((v) => Math.round(v)))];
  const months = year ? MONTHS.map((m, i) => ({ t: Date.UTC(year, i, 1), m })) : [];
  return (
    <figure className="chart-figure">
      <svg viewBox={`0 0 ${W} ${H}`} className="chart" aria-hidden="true">
        {yTicks.map((v) => (
          <g key={v}>
            <line x1={L} x2={W - R} y1={y(v)} y2={y(v)} className="tick" />
            <text x={L - 6} y={y(v) + 4} textAnchor="end" className="tick-label">
              {v}
            </text>
          </g>
        ))}
        {months.map((m) => (
          <text key={m.m} x={x(m.t) + 2} y={H - 10} className="tick-label">
            {m.m}
          </text>
        ))}
        {series.map((s, i) => {
          const pts = s.points
            .map((p) => ({ t: mid(p.date), g: p.given, p: p.promised }))
            .filter((p) => Number.isFinite(p.t));
          const c = colours[i % colours.length];
          return (
            <g key={s.key}>
              <path
                d={step(pts.map((p) => ({ t: p.t, v: p.g })))}
                fill="none"
                style={{ stroke: c }}
                strokeWidth={2.5}
              />
              {pts.some((p) => p.p > 0) ? (
                <path
                  d={step(pts.map((p) => ({ t: p.t, v: p.p })))}
                  fill="none"
                  style={{ stroke: c }}
                  strokeWidth={1.5}
                  strokeDasharray="5 4"
                />
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="legend small">
        {series.map((s, i) => (
          <span key={s.key}>
            <span className="swatch" style={{ background: colours[i % colours.length] }} /> {s.label}
          </span>
        ))}
        <span>solid: given · dashed: promised</span>
      </figcaption>
    </figure>
  );
}
