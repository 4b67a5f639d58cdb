/**
 * A small document model shared by `dealmap show` (plain text) and the TUI's detail panes
 * (Ink): lines of styled segments, some of which link to another entity. Building a document
 * is pure, so the same profile reads the same in both places.
 */
import { type Citation, formatDate, isFuzzy } from "@dealmap/domain";
import { terminalSafe } from "../safe-text.ts";
import { width as cells, truncate, wrap } from "../text.ts";

export type Tone = "heading" | "label" | "link" | "date" | "dim" | "analysis" | "status" | "warn" | "cited";

export interface Seg {
  text: string;
  tone?: Tone;
  /** For tone "status": the status word, which picks the colour. */
  status?: string;
}

export interface DocLine {
  segs: Seg[];
  /** Entity id this line opens. */
  link?: string;
  /** Where in the opened entity's document to land (an `anchor` of one of its lines). */
  linkAnchor?: string;
  /** A name other documents can point at, e.g. "p5" for paragraph 5 of a source. */
  anchor?: string;
}

const LABEL_WIDTH = 11;

export class Doc {
  readonly lines: DocLine[] = [];
  constructor(readonly width: number) {}

  blank(): this {
    if (this.lines.length > 0 && this.lines[this.lines.length - 1]?.segs.length !== 0)
      this.lines.push({ segs: [] });
    return this;
  }

  title(text: string): this {
    for (const l of wrap(terminalSafe(text), this.width))
      this.lines.push({ segs: [{ text: l, tone: "heading" }] });
    return this;
  }

  heading(text: string): this {
    this.blank();
    this.lines.push({ segs: [{ text: terminalSafe(text), tone: "heading" }] });
    return this;
  }

  /** Plain segments on one line (cut to the width when shown). */
  line(segs: Seg[], link?: string): this {
    const safe = safeSegs(segs);
    this.lines.push(link ? { segs: safe, link } : { segs: safe });
    return this;
  }

  /** "Label      value", the value wrapped under itself. Skipped when the value is empty. */
  field(label: string, value: string | Seg[] | undefined | null, tone?: Tone): this {
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0))
      return this;
    const lab: Seg = { text: `${label.padEnd(LABEL_WIDTH)} `, tone: "label" };
    if (Array.isArray(value)) {
      this.lines.push({ segs: [lab, ...safeSegs(value)] });
      return this;
    }
    const rest = Math.max(20, this.width - LABEL_WIDTH - 1);
    wrap(terminalSafe(value), rest).forEach((l, i) => {
      this.lines.push({ segs: [i === 0 ? lab : { text: " ".repeat(LABEL_WIDTH + 1) }, { text: l, tone }] });
    });
    return this;
  }

  /** A wrapped paragraph, indented. */
  para(text: string, indent = 0, tone?: Tone): this {
    const pad = " ".repeat(indent);
    for (const l of wrap(terminalSafe(text), Math.max(20, this.width - indent)))
      this.lines.push({ segs: [{ text: pad + l, tone }] });
    return this;
  }

  /**
   * A wrapped paragraph of a source's text with the cited spans ([start, end) string offsets
   * into `text`) in tone "cited" and the rest in `tone`. It wraps exactly as `para` does (words
   * joined by one space), so plain output is the same text; a space between two cited
   * characters is cited too.
   */
  citedPara(text: string, spans: readonly (readonly [number, number])[], indent = 0, tone?: Tone): this {
    const cited = (at: number) => spans.some(([a, b]) => at >= a && at < b);
    const max = Math.max(20, this.width - indent);
    // words as runs of (shown text, offset in `text`), each code point made terminal-safe
    const words: { text: string; at: number }[][] = [];
    let word: { text: string; at: number }[] = [];
    let at = 0;
    for (const ch of text) {
      if (/\s/.test(ch)) {
        if (word.length) words.push(word);
        word = [];
      } else word.push({ text: terminalSafe(ch), at });
      at += ch.length;
    }
    if (word.length) words.push(word);
    const lines: { text: string; at: number }[][] = [];
    let line: { text: string; at: number }[] = [];
    const w = (l: { text: string }[]) => cells(l.map((c) => c.text).join(""));
    for (const wd of words) {
      if (line.length === 0) line = [...wd];
      else if (w(line) + 1 + w(wd) <= max) {
        const prev = line[line.length - 1] as { at: number };
        const next = wd[0] as { at: number };
        // the space stands for the whitespace between the words: cited when both sides are
        line.push({ text: " ", at: cited(prev.at) && cited(next.at) ? next.at : -1 }, ...wd);
      } else {
        lines.push(line);
        line = [...wd];
      }
      while (w(line) > max) {
        let n = 0;
        while (n < line.length && w(line.slice(0, n + 1)) <= max) n++;
        lines.push(line.slice(0, Math.max(1, n)));
        line = line.slice(Math.max(1, n));
      }
    }
    if (line.length || lines.length === 0) lines.push(line);
    const pad = " ".repeat(indent);
    for (const l of lines) {
      const segs: Seg[] = [{ text: pad, tone }];
      for (const c of l) {
        const t: Tone | undefined = c.at >= 0 && cited(c.at) ? "cited" : tone;
        const last = segs[segs.length - 1] as Seg;
        if (last.tone === t) last.text += c.text;
        else segs.push(t ? { text: c.text, tone: t } : { text: c.text });
      }
      this.lines.push({ segs: segs.filter((x) => x.text !== "") });
    }
    return this;
  }

  /** A line that opens entity `id`: "  › label  detail  [id]". */
  link(id: string, label: string, detail?: Seg[], indent = 2, anchor?: string): this {
    const segs: Seg[] = [{ text: `${" ".repeat(indent)}› ` }, { text: terminalSafe(label), tone: "link" }];
    if (detail?.length) segs.push({ text: "  " }, ...safeSegs(detail));
    segs.push({ text: `  [${terminalSafe(id)}]`, tone: "dim" });
    this.lines.push(anchor ? { segs, link: id, linkAnchor: anchor } : { segs, link: id });
    return this;
  }

  /**
   * A citation line, opening its source at the cited paragraph; `from` names the dataset that
   * added it when another than the entity's own did.
   */
  citation(c: Citation, indent = 2, from?: string): this {
    const detail: Seg[] = [
      ...(c.note ? [{ text: c.note, tone: "dim" as const }] : []),
      ...fromDataset(from, c.note ? "  " : ""),
    ];
    return this.link(
      c.source,
      citationText(c),
      detail.length ? detail : undefined,
      indent,
      c.paragraph !== undefined ? `p${c.paragraph}` : undefined,
    );
  }

  /** Mark the last line as the target of `anchor`. */
  anchor(name: string): this {
    const last = this.lines[this.lines.length - 1];
    if (last) last.anchor = name;
    return this;
  }

  citations(
    cs: readonly Citation[] | undefined,
    title = "Citations",
    from?: readonly (string | undefined)[],
  ): this {
    if (!cs?.length) return this;
    this.heading(title);
    cs.forEach((c, i) => {
      this.citation(c, 2, from?.[i]);
    });
    return this;
  }
}

/**
 * The mark of a value another dataset than the entity's own added ("from my-memo"), or nothing:
 * segments to put after the value, `before` the mark.
 */
export function fromDataset(name: string | undefined, before = "  "): Seg[] {
  return name ? [{ text: `${before}from ${name}`, tone: "dim" }] : [];
}

/**
 * Every text of a document passes through `terminalSafe` as it is added (the methods above), so
 * that widths are measured on what will be shown, in `dealmap show` and in the explorer alike.
 */
function safeSegs(segs: readonly Seg[]): Seg[] {
  return segs.map((s) => ({ ...s, text: terminalSafe(s.text) }));
}

/** "carnegie-politika ¶5 [4–30]" or the source and URL for external reports. */
export function citationText(c: Citation): string {
  const where =
    c.paragraph !== undefined ? ` ¶${c.paragraph}${c.span ? ` [${c.span[0]}–${c.span[1]}]` : ""}` : "";
  return `${c.source}${where}${c.url ? ` ${c.url}` : ""}`;
}

/** Date segments: the label, and "fuzzy" spelled out when the date is vaguer than a day. */
export function dateSegs(date: string | undefined | null): Seg[] {
  if (!date) return [];
  let label = date;
  try {
    label = formatDate(date);
  } catch {
    // not EDTF: show as written
  }
  const segs: Seg[] = [{ text: label, tone: "date" }];
  if (isFuzzySafe(date)) segs.push({ text: " (fuzzy date)", tone: "warn" });
  if (label !== date) segs.push({ text: `  ${date}`, tone: "dim" });
  return segs;
}

function isFuzzySafe(d: string): boolean {
  try {
    return isFuzzy(d);
  } catch {
    return false;
  }
}

/** A document as plain text lines, each cut to the width (for `dealmap show`). */
export function docText(doc: Doc): string {
  return `${doc.lines
    .map((l) => truncate(l.segs.map((s) => s.text).join(""), doc.width).trimEnd())
    .join("\n")}\n`;
}

export { shortDate } from "./dates.ts";
export { cells };
