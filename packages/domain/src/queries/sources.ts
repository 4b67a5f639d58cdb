/**
 * Source queries: every claim that cites a source, grouped by paragraph, and the paragraphs of
 * a supplied source text (its non-empty lines, numbered from 1).
 */
import type { Citation } from "../common.ts";
import { type Dataset, ENTITY_KINDS, type EntityKind, SINGULAR } from "../dataset.ts";
import { formatPath } from "../integrity.ts";

/** One citation somewhere in the dataset. */
export interface CitingClaim {
  /** Singular kind of the citing entity: "event", "actor"… */
  kind: string;
  id: string;
  /** The entity's name, title or claim. */
  label: string;
  /** Where in the entity the citation sits, e.g. `roles[0].citations[1]`. */
  path: string;
  /** The part of the entity the citation backs, e.g. `roles[0]` (empty for the whole entity). */
  field: string;
  citation: Citation;
}

/** A human label for any entity. */
export function entityLabel(entity: object): string {
  const e = entity as { name?: unknown; title?: unknown; claim?: unknown; id?: unknown };
  for (const v of [e.name, e.title, e.claim, e.id]) if (typeof v === "string") return v;
  return "";
}

function walk(
  value: unknown,
  path: (string | number)[],
  visit: (citations: Citation[], path: (string | number)[]) => void,
) {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      walk(v, [...path, i], visit);
    });
    return;
  }
  if (value === null || typeof value !== "object") return;
  for (const [k, v] of Object.entries(value)) {
    if (k === "citations" && Array.isArray(v)) visit(v as Citation[], [...path, k]);
    else if (typeof v === "object" && v !== null) walk(v, [...path, k], visit);
  }
}

/** The citations of one entity, in the order `citationsBySource` lists them. */
export function citingClaimsOf(kind: EntityKind, entity: { id: string }): CitingClaim[] {
  const out: CitingClaim[] = [];
  const label = entityLabel(entity);
  walk(entity, [], (citations, path) => {
    citations.forEach((citation, i) => {
      out.push({
        kind: SINGULAR[kind],
        id: entity.id,
        label,
        path: formatPath([...path, i]),
        field: formatPath(path.slice(0, -1)),
        citation,
      });
    });
  });
  return out;
}

/** Every citation of the dataset, grouped by source id, in dataset order. */
export function citationsBySource(ds: Dataset): Map<string, CitingClaim[]> {
  const out = new Map<string, CitingClaim[]>();
  for (const kind of ENTITY_KINDS) {
    for (const entity of ds[kind]) {
      for (const claim of citingClaimsOf(kind, entity)) {
        const list = out.get(claim.citation.source);
        if (list) list.push(claim);
        else out.set(claim.citation.source, [claim]);
      }
    }
  }
  return out;
}

export interface ParagraphGroup {
  /** 1-based paragraph number, or null for citations of the whole source. */
  paragraph: number | null;
  claims: CitingClaim[];
}

/** Claims grouped by paragraph: numbered paragraphs ascending, then whole-source citations. */
export function groupByParagraph(claims: readonly CitingClaim[]): ParagraphGroup[] {
  const groups = new Map<number | null, CitingClaim[]>();
  for (const c of claims) {
    const p = c.citation.paragraph ?? null;
    const list = groups.get(p);
    if (list) list.push(c);
    else groups.set(p, [c]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a - b))
    .map(([paragraph, list]) => ({ paragraph, claims: list }));
}

/**
 * The paragraphs of a source text: its non-empty lines in order (paragraph n is index n-1),
 * exactly as written minus the line terminator (`\n`, `\r\n` or `\r`), so citation spans are
 * JavaScript string offsets into them. A leading byte-order mark is dropped.
 */
export function splitParagraphs(text: string): string[] {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  return body.split(/\r\n|\n|\r/).filter((line) => line.trim() !== "");
}

/** The cited passage of a paragraph: the span when given, else the whole paragraph. */
export function citedPassage(paragraphText: string, span: readonly [number, number] | undefined): string {
  if (!span) return paragraphText;
  return paragraphText.slice(span[0], span[1]);
}
