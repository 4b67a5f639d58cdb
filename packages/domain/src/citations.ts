/**
 * Every citation of a dataset, with where it is written: one walk, used by the integrity check
 * and by the loader (quotes to anchor, spans to check), so the two never disagree on which
 * fields hold citations.
 */
import type { Citation } from "./common.ts";
import type { Dataset, EntityKind } from "./dataset.ts";

export type CitationVisitor = (
  kind: EntityKind,
  id: string,
  path: (string | number)[],
  citation: Citation,
) => void;

/** Call `visit` for every citation of `ds`, in collection order, with its field path. */
export function forEachCitation(ds: Dataset, visit: CitationVisitor): void {
  const all = (kind: EntityKind, id: string, path: (string | number)[], cs: readonly Citation[]) => {
    cs.forEach((c, i) => {
      visit(kind, id, [...path, i], c);
    });
  };
  for (const a of ds.actors) {
    all("actors", a.id, ["citations"], a.citations);
    a.roles.forEach((r, i) => all("actors", a.id, ["roles", i, "citations"], r.citations));
  }
  for (const p of ds.places) all("places", p.id, ["citations"], p.citations);
  for (const r of ds.relations) all("relations", r.id, ["citations"], r.citations);
  for (const e of ds.events) {
    all("events", e.id, ["citations"], e.citations);
    e.dateVariants.forEach((v, i) => all("events", e.id, ["dateVariants", i, "citations"], v.citations));
    e.quantities.forEach((q, i) => all("events", e.id, ["quantities", i, "citations"], q.citations));
  }
  for (const r of ds.routes) {
    all("routes", r.id, ["citations"], r.citations);
    r.legs.forEach((l, i) => {
      if (l.distance) all("routes", r.id, ["legs", i, "distance", "citations"], l.distance.citations);
    });
    r.statuses.forEach((s, i) => {
      all("routes", r.id, ["statuses", i, "citations"], s.citations);
      for (const part of ["blockers", "conditions"] as const) {
        s[part].forEach((b, j) => all("routes", r.id, ["statuses", i, part, j, "citations"], b.citations));
      }
    });
  }
  for (const d of ds.deals) {
    all("deals", d.id, ["citations"], d.citations);
    d.concessions.forEach((c, i) => all("deals", d.id, ["concessions", i, "citations"], c.citations));
  }
  for (const a of ds.assessments) all("assessments", a.id, ["citations"], a.citations);
}
