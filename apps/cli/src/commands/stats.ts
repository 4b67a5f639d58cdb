/**
 * `dealmap stats`: how much data there is and how well it is backed — counts per kind, citations
 * per paragraph of every indexed source, and the entities that rest on a single citation.
 */
import { type Citation, type Dataset, ENTITY_KINDS, type EntityKind, SINGULAR } from "@dealmap/domain";
import type { Ctx } from "../context.ts";
import { loadOrFail } from "../data.ts";
import { EXIT, json, UsageError } from "../output.ts";
import { countKinds } from "./validate.ts";

export interface Stats {
  counts: Record<EntityKind, number>;
  /** For each source with a paragraph count: citations per paragraph (index 0 = paragraph 1). */
  paragraphs: { source: string; title: string; paragraphs: number; citations: number[]; uncited: number[] }[];
  /** Entities whose every claim (their own and nested ones) rests on one citation. */
  singleCitation: { kind: EntityKind; id: string; label: string; citation: Citation }[];
  citations: number;
}

/** Every citation inside a value: its own `citations` and those of nested parts. */
export function citationsIn(value: unknown, out: Citation[] = []): Citation[] {
  if (Array.isArray(value)) {
    for (const v of value) citationsIn(v, out);
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "citations" && Array.isArray(v)) out.push(...(v as Citation[]));
      else citationsIn(v, out);
    }
  }
  return out;
}

const key = (c: Citation) => JSON.stringify([c.source, c.paragraph ?? null, c.span ?? null, c.url ?? null]);

function label(e: object): string {
  const r = e as Record<string, unknown>;
  return String(r.name ?? r.title ?? r.claim ?? r.type ?? r.id);
}

export function computeStats(d: Dataset): Stats {
  const counts = countKinds(d);
  const perSource = new Map<string, number[]>();
  for (const s of d.sources) if (s.paragraphs) perSource.set(s.id, new Array(s.paragraphs).fill(0));
  const singleCitation: Stats["singleCitation"] = [];
  let total = 0;
  for (const kind of ENTITY_KINDS) {
    if (kind === "sources") continue;
    for (const e of d[kind]) {
      const cites = citationsIn(e);
      total += cites.length;
      for (const c of cites) {
        const arr = perSource.get(c.source);
        if (arr && c.paragraph !== undefined && c.paragraph <= arr.length) {
          arr[c.paragraph - 1] = (arr[c.paragraph - 1] ?? 0) + 1;
        }
      }
      const distinct = new Map(cites.map((c) => [key(c), c]));
      const only = [...distinct.values()][0];
      if (distinct.size === 1 && only)
        singleCitation.push({ kind, id: e.id, label: label(e), citation: only });
    }
  }
  const paragraphs = d.sources
    .filter((s) => perSource.has(s.id))
    .map((s) => {
      const citations = perSource.get(s.id) ?? [];
      return {
        source: s.id,
        title: s.title,
        paragraphs: citations.length,
        citations,
        uncited: citations.flatMap((n, i) => (n === 0 ? [i + 1] : [])),
      };
    });
  return { counts, paragraphs, singleCitation, citations: total };
}

export async function run(ctx: Ctx): Promise<number> {
  if (ctx.global.api) {
    throw new UsageError("stats reads the data files directly; --api is not supported here", ctx.command);
  }
  const stats = computeStats(loadOrFail(ctx.global));
  if (ctx.global.json) {
    ctx.io.out(json(stats));
    return EXIT.ok;
  }
  const { table } = await import("../text.ts");
  const cols = ctx.io.columns;
  const out: string[] = [];
  out.push("Entities");
  out.push(
    table(
      ENTITY_KINDS.map((k) => ({ kind: k, n: stats.counts[k] })),
      [
        { header: "kind", get: (r) => r.kind },
        { header: "count", get: (r) => r.n, align: "right" },
      ],
      cols,
    ),
  );
  out.push(`${stats.citations} citations in all.\n`);
  for (const p of stats.paragraphs) {
    out.push(`Citations per paragraph of ${p.source} (${p.title}, ${p.paragraphs} paragraphs)`);
    const cells = p.citations.map((n, i) => `¶${i + 1}:${n}`.padEnd(8));
    const perLine = Math.max(1, Math.floor(((cols ?? 100) - 2) / 8));
    for (let i = 0; i < cells.length; i += perLine)
      out.push(
        `  ${cells
          .slice(i, i + perLine)
          .join("")
          .trimEnd()}`,
      );
    out.push(
      p.uncited.length
        ? `  not cited: ${p.uncited.map((n) => `¶${n}`).join(", ")}\n`
        : "  every paragraph is cited at least once\n",
    );
  }
  if (stats.singleCitation.length === 0) {
    out.push("No entity rests on a single citation.");
  } else {
    out.push(`Entities resting on a single citation (${stats.singleCitation.length})`);
    out.push(
      table(
        stats.singleCitation,
        [
          { header: "kind", get: (r) => SINGULAR[r.kind] },
          { header: "id", get: (r) => r.id },
          {
            header: "citation",
            get: (r) => `${r.citation.source}${r.citation.paragraph ? ` ¶${r.citation.paragraph}` : ""}`,
          },
          { header: "label", get: (r) => r.label, flex: true, min: 12 },
        ],
        cols,
      ).trimEnd(),
    );
  }
  ctx.io.out(`${out.join("\n")}\n`);
  return EXIT.ok;
}
