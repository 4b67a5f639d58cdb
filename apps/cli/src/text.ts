/**
 * Text layout in terminal cells: widths, cutting, padding, wrapping, aligned tables. Loaded only
 * for human output and the TUI (see output.ts).
 */
import stringWidth from "string-width";
import { terminalSafe } from "./safe-text.ts";

/** Display width of a string in terminal cells. */
export function width(text: string): number {
  return stringWidth(text);
}

/** Cut `text` to at most `max` cells, ending with "…" when cut. */
export function truncate(text: string, max: number): string {
  if (max <= 0) return "";
  if (width(text) <= max) return text;
  if (max === 1) return "…";
  let out = "";
  let used = 0;
  for (const ch of text) {
    const w = width(ch);
    if (used + w > max - 1) break;
    out += ch;
    used += w;
  }
  return `${out}…`;
}

/** Pad `text` with spaces to `size` cells. */
export function pad(text: string, size: number, align: "left" | "right" = "left"): string {
  const gap = Math.max(0, size - width(text));
  return align === "right" ? " ".repeat(gap) + text : text + " ".repeat(gap);
}

export interface Column<T> {
  header: string;
  get: (row: T) => string | number | undefined | null;
  align?: "left" | "right";
  /**
   * Columns that may be shortened when the table is wider than the terminal. Columns without
   * `flex` keep their width (ids, dates, counts) so that what a script or a reader needs stays whole.
   */
  flex?: boolean;
  /** Never shrink below this many cells (default 8). */
  min?: number;
}

const GAP = "  ";

/**
 * Lay rows out as an aligned table that fits `columns` cells (when given): flexible columns are
 * shrunk, widest first, and their cells end with "…" when cut.
 */
export function table<T>(rows: readonly T[], cols: readonly Column<T>[], columns?: number): string {
  const cells = rows.map((r) => cols.map((c) => clean(c.get(r))));
  const widths = cols.map((c, i) => Math.max(width(c.header), ...cells.map((row) => width(row[i] ?? ""))));
  if (columns !== undefined) {
    const total = () => widths.reduce((a, b) => a + b, 0) + GAP.length * (cols.length - 1);
    // shrink the widest flexible column, first down to its minimum, then (if the terminal is
    // very narrow) down to 3 cells
    for (const floor of [(c: Column<T>) => c.min ?? 8, () => 3]) {
      let excess = total() - columns;
      while (excess > 0) {
        let best = -1;
        for (let i = 0; i < cols.length; i++) {
          const col = cols[i];
          if (!col?.flex) continue;
          const min = Math.min(floor(col), widths[i] ?? 0);
          if ((widths[i] ?? 0) > min && (best < 0 || (widths[i] ?? 0) > (widths[best] ?? 0))) best = i;
        }
        const col = cols[best];
        if (!col) break;
        const min = Math.min(floor(col), widths[best] ?? 0);
        const cut = Math.min(excess, (widths[best] ?? 0) - min, Math.max(1, Math.ceil(excess / 2)));
        widths[best] = (widths[best] ?? 0) - cut;
        excess -= cut;
      }
    }
  }
  const line = (values: string[]) =>
    values
      .map((v, i) => pad(truncate(v, widths[i] ?? 0), widths[i] ?? 0, cols[i]?.align))
      .join(GAP)
      .trimEnd();
  const header = line(cols.map((c) => c.header.toUpperCase()));
  // what still does not fit (fixed columns wider than the terminal) is cut at the edge
  const fit = (l: string) => (columns !== undefined ? truncate(l, columns) : l);
  return `${[header, ...cells.map(line)].map(fit).join("\n")}\n`;
}

function clean(value: string | number | undefined | null): string {
  if (value === undefined || value === null) return "";
  // control characters made visible before measuring; tables are one line per row: fold
  // newlines and tabs
  return terminalSafe(String(value)).replace(/\s+/g, " ").trim();
}

/** "key: value" lines with aligned keys, for `show` and summaries. Empty values are left out. */
export function fields(
  pairs: readonly [string, string | number | undefined | null][],
  columns?: number,
): string {
  const shown = pairs.filter(([, v]) => v !== undefined && v !== null && v !== "");
  const keyWidth = Math.max(0, ...shown.map(([k]) => width(k)));
  return shown
    .map(([k, v]) => {
      const text = terminalSafe(String(v));
      const avail = columns ? columns - keyWidth - 2 : undefined;
      return `${pad(k, keyWidth)}  ${avail && avail > 20 ? wrap(text, avail).join(`\n${" ".repeat(keyWidth + 2)}`) : text}`;
    })
    .join("\n")
    .concat(shown.length ? "\n" : "");
}

/** Word-wrap plain text to `max` cells per line. */
export function wrap(text: string, max: number): string[] {
  const out: string[] = [];
  for (const para of text.split("\n")) {
    let line = "";
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line === "") line = word;
      else if (width(line) + 1 + width(word) <= max) line += ` ${word}`;
      else {
        out.push(line);
        line = word;
      }
      // a word longer than a line is cut into pieces of exactly `max` cells
      while (width(line) > max) {
        let head = "";
        for (const ch of line) {
          if (width(head + ch) > max) break;
          head += ch;
        }
        out.push(head);
        line = line.slice(head.length);
      }
    }
    out.push(line);
  }
  return out;
}
