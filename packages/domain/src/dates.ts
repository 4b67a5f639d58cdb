/// <reference path="./edtf.d.ts" />
/**
 * EDTF dates for Dealmap.
 *
 * Parsing, validation and bounds come from the `edtf` package (edtf.js, the maintained
 * implementation of ISO 8601-2 / EDTF levels 0–2). Dealmap adds one deliberate change:
 * **season codes 21–24 mean meteorological seasons of the northern hemisphere**, because that
 * is what a reader of "summer 2025" means. edtf.js reads 21–24 as quarters (22 = April–June);
 * we do not.
 *
 * | code | Dealmap meaning        | months            |
 * |------|------------------------|-------------------|
 * | 21   | spring                 | Mar–May           |
 * | 22   | summer                 | Jun–Aug           |
 * | 23   | autumn                 | Sep–Nov           |
 * | 24   | winter                 | Dec–Feb (next yr) |
 *
 * Codes 25–41 (hemisphere-specific seasons, quarters, quadrimesters, semesters) keep the
 * meaning edtf.js gives them. Bounds are milliseconds since the epoch (UTC); open ends are
 * ±Infinity.
 */
import edtf from "edtf";

/** Inclusive bounds of an EDTF value in UTC milliseconds. */
export interface DateBounds {
  /** Earliest instant the value can denote (`-Infinity` for an open start). */
  min: number;
  /** Latest instant the value can denote (`Infinity` for an open end). */
  max: number;
}

const SEASON_RE = /^(-?\d{4})-(2[1-4])$/;
const DAY = 86_400_000;

function seasonBounds(year: number, code: number): DateBounds {
  // month index (0-based) where the season starts; winter runs into the next year.
  const startMonth = { 21: 2, 22: 5, 23: 8, 24: 11 }[code] as number;
  const min = Date.UTC(year, startMonth, 1);
  const max = Date.UTC(year, startMonth + 3, 1) - 1;
  return { min, max };
}

const PLAIN_RE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/**
 * Bounds of a plain `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (most dates in a dataset) without a trip
 * through edtf.js's parser, which costs a fraction of a millisecond per call. Returns undefined
 * for anything else, and for impossible months and days (which the caller rejects).
 */
function plainBounds(part: string): DateBounds | undefined {
  const m = PLAIN_RE.exec(part);
  if (!m) return undefined;
  const y = Number(m[1]);
  if (m[2] === undefined) return { min: Date.UTC(y, 0, 1), max: Date.UTC(y + 1, 0, 1) - 1 };
  const mo = Number(m[2]);
  if (mo < 1 || mo > 12) return undefined;
  if (m[3] === undefined) return { min: Date.UTC(y, mo - 1, 1), max: Date.UTC(y, mo, 1) - 1 };
  const d = Number(m[3]);
  if (d < 1 || d > lastDayOfMonth(y, mo - 1)) return undefined;
  const min = Date.UTC(y, mo - 1, d);
  return { min, max: min + DAY - 1 };
}

/** Bounds of a single (non-interval) part, with Dealmap's season rule. */
function partBounds(part: string): DateBounds {
  const season = SEASON_RE.exec(part);
  if (season) return seasonBounds(Number(season[1]), Number(season[2]));
  const plain = plainBounds(part);
  if (plain) return plain;
  // edtf.js rolls impossible days over (2025-02-29 becomes 1 March); we reject them. Other
  // two-digit "months" (25–41: edtf.js's other sub-year groupings) go on to edtf.js.
  if (PLAIN_RE.test(part) && !/^\d{4}-(2[5-9]|3\d|4[01])$/.test(part))
    throw new Error("impossible calendar date");
  const d = edtf(part);
  return { min: d.min, max: d.max };
}

/**
 * Parse an EDTF string into bounds. Throws an Error with a readable message when the string
 * is not valid EDTF or an interval ends before it starts.
 */
export function dateBounds(value: string): DateBounds {
  if (typeof value !== "string" || value.trim() !== value || value === "") {
    throw new Error("expected a non-empty EDTF date string without surrounding spaces");
  }
  if (value.includes("/")) {
    const [a, b, ...rest] = value.split("/");
    if (rest.length > 0 || a === undefined || b === undefined)
      throw new Error(`"${value}" has more than one "/"`);
    const lo = a === ".." || a === "" ? { min: -Infinity, max: -Infinity } : safePart(a, value);
    const hi = b === ".." || b === "" ? { min: Infinity, max: Infinity } : safePart(b, value);
    if (hi.max < lo.min) throw new Error(`"${value}" is a reversed range: it ends before it starts`);
    // Validate the interval with edtf.js too (catches forms we do not special-case). edtf.js
    // also rejects an end that is coarser than the start yet later in reach
    // ("2025-12-13/2025-12"); our bounds check above already decided that case, so it passes.
    const simple = (p: string) => p === ".." || p === "" || SEASON_RE.test(p) || PLAIN_RE.test(p);
    if (!simple(a) || !simple(b)) safeEdtf(value, true);
    return { min: lo.min, max: hi.max };
  }
  return safePart(value, value);
}

function safeEdtf(value: string, boundsChecked = false): void {
  try {
    edtf(value);
  } catch (err) {
    if (boundsChecked && err instanceof Error && /invalid upper bound/i.test(err.message)) return;
    throw new Error(explain(value, err));
  }
}

function safePart(part: string, whole: string): DateBounds {
  try {
    return partBounds(part);
  } catch (err) {
    throw new Error(explain(whole, err));
  }
}

function explain(value: string, err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  if (/invalid upper bound/i.test(msg)) return `"${value}" is a reversed range: it ends before it starts`;
  const m = /^(-?\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(value);
  if (m) {
    const month = Number(m[2]);
    if (month < 1 || (month > 12 && month < 21) || month > 41) return `"${value}" has no month ${m[2]}`;
    if (m[3]) return `"${value}" has no day ${m[3]} in that month`;
  }
  return `"${value}" is not a valid EDTF date`;
}

/** True when `value` parses as EDTF under Dealmap's rules. */
export function isValidDate(value: string): boolean {
  try {
    dateBounds(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Order two dates: by earliest instant, then by latest instant (narrower first when they start
 * together), then by the string itself so the order is total and stable.
 */
export function compareDates(a: string, b: string): number {
  const x = dateBounds(a);
  const y = dateBounds(b);
  return x.min - y.min || x.max - y.max || (a < b ? -1 : a > b ? 1 : 0);
}

/** Whether two dates can denote overlapping instants (any shared moment). */
export function datesOverlap(a: string | DateBounds, b: string | DateBounds): boolean {
  const x = typeof a === "string" ? dateBounds(a) : a;
  const y = typeof b === "string" ? dateBounds(b) : b;
  return x.min <= y.max && y.min <= x.max;
}

/** Whether the value is known to a single day or better. */
export function isExactDay(value: string): boolean {
  return /^-?\d{4}-\d{2}-\d{2}$/.test(value);
}

/** English month abbreviations, January first: the one table every label in Dealmap uses. */
export const MONTH_NAMES = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
] as const;
const MONTHS: readonly string[] = MONTH_NAMES;
const SEASONS: Record<number, string> = { 21: "spring", 22: "summer", 23: "autumn", 24: "winter" };

function utc(ms: number) {
  const d = new Date(ms);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth(), d: d.getUTCDate() };
}

function lastDayOfMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m + 1, 1) - DAY).getUTCDate();
}

function labelPart(part: string): string {
  // EDTF qualifiers: "?" uncertain, "~" approximate, "%" both.
  const uncertain = /[?%]$/.test(part) || part.startsWith("?") || part.startsWith("%");
  const approximate = /[~%]$/.test(part) || part.startsWith("~") || part.startsWith("%");
  const approx = approximate ? "c. " : "";
  const q = uncertain ? "?" : "";
  const core = part.replace(/^[~?%]/, "").replace(/[~?%]$/, "");
  let m: RegExpExecArray | null = /^(-?\d{4})-(\d{2})-(\d{2})$/.exec(core);
  if (m) return `${approx}${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}${q}`;
  m = /^(-?\d{4})-(\d{2})$/.exec(core);
  if (m) {
    const n = Number(m[2]);
    if (n >= 1 && n <= 12) return `${approx}${MONTHS[n - 1]} ${m[1]}${q}`;
    if (SEASONS[n]) return `${approx}${SEASONS[n]} ${m[1]}${q}`;
    return `${approx}${core}${q}`;
  }
  m = /^(-?\d{4})$/.exec(core);
  if (m) return `${approx}${m[1]}${q}`;
  return part;
}

/**
 * A human label for an EDTF value: "13 Dec 2025", "Nov 2025", "early Nov 2025",
 * "summer 2025", "until 2021", "from 9 Nov 2025", "23–24 Jun 2023", "Jun–Aug 2025".
 */
export function formatDate(value: string): string {
  if (!value.includes("/")) return labelPart(value);
  const [a = "", b = ""] = value.split("/");
  const openA = a === ".." || a === "";
  const openB = b === ".." || b === "";
  if (openA && openB) return "date unknown";
  if (openA) return `until ${labelPart(b)}`;
  if (openB) return `from ${labelPart(a)}`;
  const dayA = /^(\d{4})-(\d{2})-(\d{2})$/.exec(a);
  const dayB = /^(\d{4})-(\d{2})-(\d{2})$/.exec(b);
  if (dayA && dayB && dayA[1] === dayB[1] && dayA[2] === dayB[2]) {
    const y = Number(dayA[1]);
    const mo = Number(dayA[2]) - 1;
    const d1 = Number(dayA[3]);
    const d2 = Number(dayB[3]);
    const last = lastDayOfMonth(y, mo);
    const mon = `${MONTHS[mo]} ${y}`;
    if (d1 === 1 && d2 === 10) return `early ${mon}`;
    if (d1 === 11 && d2 === 20) return `mid ${mon}`;
    if (d1 === 21 && d2 === last) return `late ${mon}`;
    if (d1 === 1 && d2 === 15) return `first half of ${mon}`;
    if (d1 === 16 && d2 === last) return `second half of ${mon}`;
    return `${d1}–${d2} ${mon}`;
  }
  const monA = /^(\d{4})-(\d{2})$/.exec(a);
  const monB = /^(\d{4})-(\d{2})$/.exec(b);
  if (monA && monB) {
    const y1 = Number(monA[1]);
    const y2 = Number(monB[1]);
    const m1 = Number(monA[2]);
    const m2 = Number(monB[2]);
    if (m1 <= 12 && m2 <= 12) {
      const season =
        y1 === y2 && m2 - m1 === 2
          ? ({ 3: "spring", 6: "summer", 9: "autumn" } as Record<number, string>)[m1]
          : y2 === y1 + 1 && m1 === 12 && m2 === 2
            ? "winter"
            : undefined;
      if (season) return season === "winter" ? `winter ${y1}/${String(y2).slice(-2)}` : `${season} ${y1}`;
      if (y1 === y2) return `${MONTHS[m1 - 1]}–${MONTHS[m2 - 1]} ${y1}`;
    }
  }
  if (dayA && dayB && dayA[1] === dayB[1]) {
    const b2 = utc(dateBounds(b).min);
    return `${Number(dayA[3])} ${MONTHS[Number(dayA[2]) - 1]} – ${b2.d} ${MONTHS[b2.m]} ${dayA[1]}`;
  }
  return `${labelPart(a)} – ${labelPart(b)}`;
}

/** How precise a date is, coarsest first; used to label fuzzy dates as fuzzy. */
export type DatePrecision = "day" | "month" | "season" | "year" | "range" | "open";

export function datePrecision(value: string): DatePrecision {
  if (value.includes("/"))
    return value.includes("..") || value.startsWith("/") || value.endsWith("/") ? "open" : "range";
  const core = value.replace(/^[~?%]/, "").replace(/[~?%]$/, "");
  if (/^-?\d{4}-\d{2}-\d{2}$/.test(core)) return "day";
  if (/^-?\d{4}-(2[1-9]|3\d|4[01])$/.test(core)) return "season";
  if (/^-?\d{4}-\d{2}$/.test(core)) return "month";
  return "year";
}

/** True when the value denotes something vaguer than one day (a fuzzy date). */
export function isFuzzy(value: string): boolean {
  return datePrecision(value) !== "day" || /[~?%]/.test(value);
}
