"use client";
/**
 * "Download SVG / PNG" of a figure on screen (the network, the routes map; the timeline can use
 * it the same way): given a ref to the on-screen <svg>, it makes a standalone SVG file — the
 * figure as drawn now (colours of the current theme, the dimming of a hover or focus left out),
 * every style the page's stylesheet gave it written on the element (the file has no stylesheet),
 * xmlns, width/height/viewBox, a title above it and a line below saying where it came from
 * (Dealmap, the page's address, the date, any credit such as the basemap's) with an optional
 * legend — and a PNG drawn from that SVG on a canvas at twice its size.
 *
 * Everything happens in the browser from what is on screen; nothing is sent anywhere.
 */
import { type RefObject, useState } from "react";

/** One entry of the legend drawn under the figure. */
export interface FigureLegendItem {
  label: string;
  /** Any CSS colour, including var(--c3): resolved against the page when the file is made. */
  colour: string;
  /** An SVG stroke-dasharray, for line styles ("6 5"). */
  dash?: string;
  /** A dot (nodes, places) instead of a line. */
  shape?: "line" | "dot";
}

export interface ExportFigureProps {
  /** The <svg> on screen. */
  svgRef: RefObject<SVGSVGElement | null>;
  /** The file name's start: "dealmap-network" (the page's parameters and the extension follow). */
  filename: string;
  /** The title written above the figure (and as the file's <title>). */
  title: string;
  /** More attribution for the source line: "Basemap: Natural Earth". */
  credit?: string;
  legend?: FigureLegendItem[];
  /** What the buttons export, for their accessible names: "the network". */
  what: string;
  /** PNG pixels per SVG unit (2: sharp on high-density screens). */
  scale?: number;
}

const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * Presentation properties copied from the computed style. Inherited ones are written only
 * where they differ from the parent's; the others only where they differ from their initial value.
 */
const INHERITED = [
  "fill",
  "fill-opacity",
  "fill-rule",
  "stroke",
  "stroke-width",
  "stroke-opacity",
  "stroke-dasharray",
  "stroke-dashoffset",
  "stroke-linecap",
  "stroke-linejoin",
  "stroke-miterlimit",
  "paint-order",
  "font-family",
  "font-size",
  "font-style",
  "font-weight",
  "letter-spacing",
  "text-anchor",
  "dominant-baseline",
] as const;
const NOT_INHERITED: Record<string, string> = {
  opacity: "1",
  // gradient stops (the timeline's soft spans) take their colour from the stylesheet
  "stop-color": "rgb(0, 0, 0)",
  "stop-opacity": "1",
};

/** Sizes of the bands around the figure, in SVG units. */
const TITLE_BAND = 34;
const LINE = 16;
const PAD = 14;

/** The file-name part for the page's parameters: "around-john-coale-hops-2" (no embed flag). */
export function parameterSlug(search: string): string {
  const p = new URLSearchParams(search);
  const parts: string[] = [];
  for (const [k, v] of p) if (k !== "embed" && v.trim() !== "") parts.push(k, v);
  return parts
    .join("-")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
}

/** The full file name: `dealmap-network-around-john-coale.svg`. */
export function figureFilename(base: string, search: string, ext: "svg" | "png"): string {
  const slug = parameterSlug(search);
  return `${base}${slug ? `-${slug}` : ""}.${ext}`;
}

/**
 * Legend entries laid out in rows across `width`: each a swatch 22 units wide, a gap and its
 * label (about 6.2 units a character at 11px).
 */
export function legendRows(
  items: readonly FigureLegendItem[],
  width: number,
): { item: FigureLegendItem; x: number; row: number }[] {
  const out: { item: FigureLegendItem; x: number; row: number }[] = [];
  let x = PAD;
  let row = 0;
  for (const item of items) {
    const w = 28 + item.label.length * 6.2 + 16;
    if (x > PAD && x + w > width - PAD) {
      row += 1;
      x = PAD;
    }
    out.push({ item, x, row });
    x += w;
  }
  return out;
}

/** Copies the computed presentation of `src` (and its subtree) onto `dst`, its clone. */
function inlineStyles(src: Element, dst: Element, parent: CSSStyleDeclaration | null): void {
  const cs = getComputedStyle(src);
  const decl: string[] = [];
  for (const prop of INHERITED) {
    const v = cs.getPropertyValue(prop);
    if (v && (!parent || parent.getPropertyValue(prop) !== v)) decl.push(`${prop}:${v}`);
  }
  for (const [prop, initial] of Object.entries(NOT_INHERITED)) {
    const v = cs.getPropertyValue(prop);
    if (v && v !== initial) decl.push(`${prop}:${v}`);
  }
  dst.removeAttribute("class");
  dst.removeAttribute("tabindex");
  if (decl.length) dst.setAttribute("style", decl.join(";"));
  else dst.removeAttribute("style");
  // links keep working outside the page
  const href = dst.getAttribute("href");
  if (href && !href.startsWith("#")) dst.setAttribute("href", new URL(href, window.location.href).href);
  const srcKids = [...src.children];
  const dstKids = [...dst.children];
  srcKids.forEach((s, i) => {
    const d = dstKids[i];
    if (!d) return;
    const kcs = getComputedStyle(s);
    // what is not drawn stays out of the file (labels shown only on hover, for one)
    if (kcs.display === "none" || (kcs.visibility === "hidden" && s.querySelector("*:not(title)") === null)) {
      d.remove();
      return;
    }
    inlineStyles(s, d, cs);
  });
}

/** Any CSS colour as the page resolves it here (var(--c3) → rgb(…)). */
function resolveColour(colour: string, where: Element): string {
  const probe = document.createElement("span");
  probe.style.color = colour;
  probe.style.display = "none";
  (where.parentElement ?? document.body).append(probe);
  const out = getComputedStyle(probe).color;
  probe.remove();
  return out || colour;
}

/** The first background colour that is not transparent, from `el` up. */
function backgroundOf(el: Element): string {
  for (let e: Element | null = el; e; e = e.parentElement) {
    const bg = getComputedStyle(e).backgroundColor;
    if (bg && bg !== "transparent" && !/rgba\(.*,\s*0\)$/.test(bg)) return bg;
  }
  return "#ffffff";
}

function svgEl(name: string, attrs: Record<string, string | number>): SVGElement {
  const el = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

/** A standalone SVG file of `svg` as drawn now, with its size. */
export function standaloneSvg(
  svg: SVGSVGElement,
  opts: { title: string; credit?: string; legend?: FigureLegendItem[] },
): { text: string; width: number; height: number } {
  const vb = svg.viewBox.baseVal;
  const rect = svg.getBoundingClientRect();
  const w = vb && vb.width > 0 ? vb.width : Math.round(rect.width);
  const h = vb && vb.width > 0 ? vb.height : Math.round(rect.height);
  const body = getComputedStyle(document.body);
  const fg = body.color;
  const muted = resolveColour("var(--muted)", svg);
  const font = body.fontFamily;

  const legend = legendRows(opts.legend ?? [], w);
  const legendRowsN = legend.length ? Math.max(...legend.map((l) => l.row)) + 1 : 0;
  const bottom = PAD / 2 + legendRowsN * LINE + LINE * 2 + PAD / 2;
  const total = TITLE_BAND + h + bottom;

  const out = svgEl("svg", {
    width: w,
    height: total,
    viewBox: `0 0 ${w} ${total}`,
    version: "1.1",
  }) as SVGSVGElement;
  out.setAttribute("xmlns", SVG_NS);
  const title = svgEl("title", {});
  title.textContent = opts.title;
  const address = window.location.href.replace(/([?&])embed=1(&|$)/, "$1").replace(/[?&]$/, "");
  const date = new Date().toISOString().slice(0, 10);
  const sourceLine = `Source: Dealmap, ${address.length > 120 ? `${address.slice(0, 119)}…` : address} (${date})`;
  const desc = svgEl("desc", {});
  desc.textContent = `${opts.title}. ${sourceLine}.${opts.credit ? ` ${opts.credit}.` : ""}`;
  out.append(title, desc);
  out.append(svgEl("rect", { width: w, height: total, fill: backgroundOf(svg) }));

  const heading = svgEl("text", {
    x: PAD,
    y: 22,
    fill: fg,
    "font-family": font,
    "font-size": 15,
    "font-weight": 600,
  });
  heading.textContent = opts.title;
  out.append(heading);

  // the figure itself: a nested <svg> with the original viewBox, styles written on each element
  const clone = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, clone, null);
  const inner = svgEl("svg", { x: 0, y: TITLE_BAND, width: w, height: h, viewBox: `0 0 ${w} ${h}` });
  if (vb && vb.width > 0) inner.setAttribute("viewBox", `${vb.x} ${vb.y} ${vb.width} ${vb.height}`);
  const par = svg.getAttribute("preserveAspectRatio");
  if (par) inner.setAttribute("preserveAspectRatio", par);
  const style = clone.getAttribute("style");
  if (style) inner.setAttribute("style", style);
  for (const child of [...clone.childNodes]) if (child.nodeName !== "title") inner.append(child);
  out.append(inner);

  let y = TITLE_BAND + h + PAD / 2;
  for (const { item, x, row } of legend) {
    const cy = y + row * LINE + LINE / 2;
    const colour = resolveColour(item.colour, svg);
    if (item.shape === "dot") out.append(svgEl("circle", { cx: x + 11, cy, r: 5, fill: colour }));
    else
      out.append(
        svgEl("line", {
          x1: x,
          x2: x + 22,
          y1: cy,
          y2: cy,
          stroke: colour,
          "stroke-width": 3,
          ...(item.dash ? { "stroke-dasharray": item.dash } : {}),
        }),
      );
    const label = svgEl("text", { x: x + 28, y: cy + 4, fill: fg, "font-family": font, "font-size": 11 });
    label.textContent = item.label;
    out.append(label);
  }
  y += legendRowsN * LINE;
  const lines = [sourceLine, opts.credit ?? ""].filter((s) => s !== "");
  lines.forEach((line, i) => {
    const t = svgEl("text", {
      x: PAD,
      y: y + LINE * (i + 1) - 3,
      fill: muted,
      "font-family": font,
      "font-size": 11,
    });
    t.textContent = line;
    out.append(t);
  });

  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(out)}\n`;
  return { text, width: w, height: total };
}

/** A PNG of an SVG text, drawn on a canvas at `scale` times its size. */
export async function pngOf(svgText: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText], { type: "image/svg+xml" }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("this browser cannot draw on a canvas");
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("the PNG could not be made"))), "image/png"),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Hands a file to the browser's downloads. */
function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  // an embedded page sends links to a new tab (<base target="_blank">): this one only downloads
  a.target = "_self";
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** Two buttons that download the figure as SVG and as PNG (see the module comment). */
export function ExportFigure({
  svgRef,
  filename,
  title,
  credit,
  legend,
  what,
  scale = 2,
}: ExportFigureProps) {
  const [status, setStatus] = useState("");
  const run = async (ext: "svg" | "png") => {
    const svg = svgRef.current;
    if (!svg) return;
    try {
      const file = standaloneSvg(svg, { title, credit, legend });
      const name = figureFilename(filename, window.location.search, ext);
      const blob =
        ext === "svg"
          ? new Blob([file.text], { type: "image/svg+xml;charset=utf-8" })
          : await pngOf(file.text, file.width, file.height, scale);
      save(blob, name);
      setStatus(`Saved ${name}`);
    } catch (err) {
      setStatus(
        `Could not make the ${ext.toUpperCase()} file: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  };
  return (
    <div className="export-figure small" data-testid="export-figure">
      <span className="muted">Download {what}:</span>
      <button
        type="button"
        onClick={() => run("svg")}
        aria-label={`Download ${what} as SVG`}
        data-export="svg"
      >
        SVG
      </button>
      <button
        type="button"
        onClick={() => run("png")}
        aria-label={`Download ${what} as PNG`}
        data-export="png"
      >
        PNG
      </button>
      <span role="status" className="muted">
        {status}
      </span>
    </div>
  );
}
