/**
 * Axis arithmetic for the timeline (presentation only): tick positions and labels for a
 * window of time, from decades down to days, in UTC.
 */
import { MONTH_NAMES } from "@dealmap/domain";

export const DAY = 86_400_000;

/** A timeline window's events are drawn one by one when it holds at most this many. */
export const EVENT_LIMIT = 1000;
const MONTHS: readonly string[] = MONTH_NAMES;

export type TickUnit = "decade" | "year" | "quarter" | "month" | "week" | "day";

export interface Tick {
  t: number;
  label: string;
  /** Major ticks start a larger unit (a year on a month axis) and get a stronger line. */
  major: boolean;
}

/** The tick unit for a window width, aiming at roughly `width / 90` labels. */
export function unitFor(spanMs: number, widthPx: number): TickUnit {
  const perLabel = spanMs / Math.max(1, widthPx / 90);
  if (perLabel > 2 * 365 * DAY) return "decade";
  if (perLabel > 200 * DAY) return "year";
  if (perLabel > 70 * DAY) return "quarter";
  if (perLabel > 20 * DAY) return "month";
  if (perLabel > 3 * DAY) return "week";
  return "day";
}

/** Ticks covering [start, end]. */
export function ticks(start: number, end: number, widthPx: number): { unit: TickUnit; ticks: Tick[] } {
  const unit = unitFor(end - start, widthPx);
  const out: Tick[] = [];
  const s = new Date(start);
  let y = s.getUTCFullYear();
  let m = s.getUTCMonth();
  const guard = 2000;
  if (unit === "decade" || unit === "year") {
    // a narrow chart over a decade or two: every fifth year, so the axis holds more than one label
    const step = unit === "decade" ? (end - start < 25 * 365 * DAY ? 5 : 10) : 1;
    y = Math.floor(y / step) * step;
    for (let i = 0; i < guard; i++, y += step) {
      const t = Date.UTC(y, 0, 1);
      if (t > end) break;
      if (t >= start) out.push({ t, label: String(y), major: y % (step * 10) === 0 });
    }
  } else if (unit === "quarter" || unit === "month") {
    const step = unit === "quarter" ? 3 : 1;
    m = Math.floor(m / step) * step;
    for (let i = 0; i < guard; i++) {
      const t = Date.UTC(y, m, 1);
      if (t > end) break;
      if (t >= start)
        out.push({ t, label: m === 0 ? `${MONTHS[m]} ${y}` : (MONTHS[m] ?? ""), major: m === 0 });
      m += step;
      if (m > 11) {
        m -= 12;
        y += 1;
      }
    }
  } else {
    const step = unit === "week" ? 7 : 1;
    let t = Date.UTC(s.getUTCFullYear(), s.getUTCMonth(), s.getUTCDate());
    for (let i = 0; i < guard * 5 && t <= end; i++, t += step * DAY) {
      const d = new Date(t);
      if (unit === "week" && d.getUTCDate() > 28) continue;
      if (t >= start) {
        const first = d.getUTCDate() <= step && (unit === "day" ? d.getUTCDate() === 1 : true);
        out.push({
          t,
          label:
            first || out.length === 0
              ? `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`
              : String(d.getUTCDate()),
          major: d.getUTCDate() === 1,
        });
      }
    }
  }
  return { unit, ticks: out };
}

/** A window label such as "Jan 2019 – Dec 2025" or "3 – 19 Dec 2025". */
export function windowLabel(start: number, end: number): string {
  const a = new Date(start);
  const b = new Date(end);
  const day = (d: Date) => `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  const mon = (d: Date) => `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  return end - start > 120 * DAY ? `${mon(a)} – ${mon(b)}` : `${day(a)} – ${day(b)}`;
}
