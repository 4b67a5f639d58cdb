/**
 * Search adapter. The ranking lives in @dealmap/domain's search module (romanization-aware,
 * typo-tolerant); until that module lands this file carries a plain folded-substring search
 * with the same interface, so the store and routers never change when it is swapped.
 */
import type { Dataset } from "@dealmap/domain";
import type { SearchHitOut, SearchKindName } from "./types.ts";

interface Doc {
  kind: SearchKindName;
  id: string;
  label: string;
  names: { text: string; folded: string }[];
}

export interface SearchIndexLike {
  docs: Doc[];
}

/** Lower-case, strip diacritics, keep letters and digits. */
function fold(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/ł/g, "l")
    .replace(/Ł/g, "l")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

export function buildSearchIndex(ds: Dataset): SearchIndexLike {
  const docs: Doc[] = [];
  const add = (kind: SearchKindName, id: string, label: string, texts: string[]) => {
    docs.push({ kind, id, label, names: texts.map((text) => ({ text, folded: fold(text) })) });
  };
  for (const a of ds.actors) add("actor", a.id, a.name, [a.name, ...a.aliases.map((x) => x.name), a.id]);
  for (const p of ds.places) add("place", p.id, p.name, [p.name, ...p.aliases.map((x) => x.name), p.id]);
  for (const e of ds.events) add("event", e.id, e.title, [e.title, e.id]);
  for (const r of ds.routes) add("route", r.id, r.name, [r.name, r.id]);
  for (const d of ds.deals) add("deal", d.id, d.title, [d.title, d.id]);
  for (const s of ds.sources) add("source", s.id, s.title, [s.title, s.publisher, s.id]);
  return { docs };
}

export function search(
  index: SearchIndexLike,
  query: string,
  opts: { limit?: number; kinds?: SearchKindName[] } = {},
): SearchHitOut[] {
  const q = fold(query);
  if (q === "") return [];
  const kinds = opts.kinds && opts.kinds.length > 0 ? new Set(opts.kinds) : null;
  const hits: SearchHitOut[] = [];
  for (const d of index.docs) {
    if (kinds && !kinds.has(d.kind)) continue;
    let best = 0;
    let matched = "";
    for (const n of d.names) {
      const score =
        n.folded === q
          ? 1
          : n.folded.startsWith(q)
            ? 0.8
            : n.folded.includes(` ${q}`)
              ? 0.6
              : n.folded.includes(q)
                ? 0.4
                : 0;
      if (score > best) {
        best = score;
        matched = n.text;
      }
    }
    if (best > 0) hits.push({ kind: d.kind, id: d.id, label: d.label, score: best, matched });
  }
  hits.sort((a, b) => b.score - a.score || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  return hits.slice(0, opts.limit ?? 20);
}
