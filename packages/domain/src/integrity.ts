/**
 * Whole-dataset integrity: what a schema cannot see on one entity. Returns every problem at
 * once, each naming the entity and the field path, so a curator fixes a file in one pass.
 */
import { forEachCitation } from "./citations.ts";
import { type Dataset, ENTITY_KINDS, type EntityKind, SINGULAR } from "./dataset.ts";
import { dateBounds } from "./dates.ts";
import { boundedDamerau } from "./search/distance.ts";

export interface Problem {
  /** Collection of the entity with the problem. */
  kind: EntityKind;
  /** Id of that entity. */
  id: string;
  /** Field path inside the entity, e.g. ["participants", 2, "actor"]. */
  path: (string | number)[];
  message: string;
}

/** Format a path the way error messages show it: `participants[2].actor`. */
export function formatPath(path: readonly (string | number | symbol)[]): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out === "" ? String(p) : `.${String(p)}`;
  }
  return out;
}

type RefTarget = EntityKind | "any";

/** Check ids, references, date ranges and citation locators across the dataset. */
export function checkIntegrity(ds: Dataset): Problem[] {
  const problems: Problem[] = [];
  const kindOf = new Map<string, EntityKind>();
  for (const kind of ENTITY_KINDS) {
    for (const entity of ds[kind]) {
      const seen = kindOf.get(entity.id);
      if (seen) {
        problems.push({
          kind,
          id: entity.id,
          path: ["id"],
          message: `duplicate id "${entity.id}" (also a ${SINGULAR[seen]})`,
        });
      } else kindOf.set(entity.id, kind);
    }
  }
  const sources = new Map(ds.sources.map((s) => [s.id, s]));

  const push = (kind: EntityKind, id: string, path: (string | number)[], message: string) =>
    problems.push({ kind, id, path, message });

  const ref = (kind: EntityKind, id: string, path: (string | number)[], target: string, want: RefTarget) => {
    const got = kindOf.get(target);
    if (!got)
      push(
        kind,
        id,
        path,
        `unknown ${want === "any" ? "entity" : SINGULAR[want]} "${target}"${didYouMean(target, idsOf(want))}`,
      );
    else if (want !== "any" && got !== want)
      push(kind, id, path, `"${target}" is a ${SINGULAR[got]}, expected a ${SINGULAR[want]}`);
  };

  /** Ids of one kind (or of every kind), built once, on the first unknown reference. */
  const idLists = new Map<RefTarget, string[]>();
  const idsOf = (want: RefTarget): string[] => {
    let list = idLists.get(want);
    if (!list) {
      list = [];
      for (const [x, k] of kindOf) if (want === "any" || k === want) list.push(x);
      idLists.set(want, list);
    }
    return list;
  };

  forEachCitation(ds, (kind, id, p, c) => {
    const src = sources.get(c.source);
    if (!src) {
      ref(kind, id, [...p, "source"], c.source, "sources");
      return;
    }
    if (c.paragraph !== undefined) {
      if (src.paragraphs === undefined)
        push(kind, id, [...p, "paragraph"], `source "${src.id}" has no indexed paragraphs to point into`);
      else if (c.paragraph > src.paragraphs)
        push(
          kind,
          id,
          [...p, "paragraph"],
          `paragraph ${c.paragraph} is past the end of "${src.id}" (${src.paragraphs} paragraphs)`,
        );
    }
  });

  const dateOrder = (kind: EntityKind, id: string, path: (string | number)[], value: string | undefined) => {
    if (value === undefined) return;
    try {
      dateBounds(value);
    } catch (err) {
      push(kind, id, path, (err as Error).message);
    }
  };

  for (const a of ds.actors) {
    dateOrder("actors", a.id, ["born"], a.born);
    a.roles.forEach((r, i) => {
      if (r.of) ref("actors", a.id, ["roles", i, "of"], r.of, "actors");
      dateOrder("actors", a.id, ["roles", i, "when"], r.when);
    });
  }
  for (const r of ds.relations) {
    ref("relations", r.id, ["from"], r.from, "actors");
    ref("relations", r.id, ["to"], r.to, "actors");
    dateOrder("relations", r.id, ["when"], r.when);
  }
  for (const e of ds.events) {
    const k = "events";
    dateOrder(k, e.id, ["date"], e.date);
    if (e.claimedBy) ref(k, e.id, ["claimedBy"], e.claimedBy, "actors");
    e.dateVariants.forEach((v, i) => {
      dateOrder(k, e.id, ["dateVariants", i, "date"], v.date);
    });
    e.participants.forEach((p, i) => ref(k, e.id, ["participants", i, "actor"], p.actor, "actors"));
    e.places.forEach((p, i) => ref(k, e.id, ["places", i], p, "places"));
    e.routes.forEach((r, i) => ref(k, e.id, ["routes", i], r, "routes"));
    e.links.forEach((l, i) => {
      ref(k, e.id, ["links", i, "event"], l.event, "events");
      if (l.event === e.id) push(k, e.id, ["links", i, "event"], "an event cannot link to itself");
    });
  }
  for (const r of ds.routes) {
    const k = "routes";
    r.actors.forEach((a, i) => ref(k, r.id, ["actors", i], a, "actors"));
    r.legs.forEach((l, i) => {
      ref(k, r.id, ["legs", i, "from"], l.from, "places");
      ref(k, r.id, ["legs", i, "to"], l.to, "places");
    });
    r.statuses.forEach((s, i) => {
      const base = ["statuses", i];
      dateOrder(k, r.id, [...base, "when"], s.when);
      s.events.forEach((ev, j) => ref(k, r.id, [...base, "events", j], ev, "events"));
      for (const part of ["blockers", "conditions"] as const) {
        s[part].forEach((b, j) => {
          b.actors.forEach((a, n) => ref(k, r.id, [...base, part, j, "actors", n], a, "actors"));
          b.events.forEach((ev, n) => ref(k, r.id, [...base, part, j, "events", n], ev, "events"));
        });
      }
    });
  }
  for (const d of ds.deals) {
    const k = "deals";
    dateOrder(k, d.id, ["date"], d.date);
    d.parties.forEach((p, i) => ref(k, d.id, ["parties", i], p, "actors"));
    d.brokers.forEach((p, i) => ref(k, d.id, ["brokers", i], p, "actors"));
    d.concessions.forEach((c, i) => {
      ref(k, d.id, ["concessions", i, "by"], c.by, "actors");
      ref(k, d.id, ["concessions", i, "to"], c.to, "actors");
      dateOrder(k, d.id, ["concessions", i, "date"], c.date);
      c.events.forEach((ev, j) => ref(k, d.id, ["concessions", i, "events", j], ev, "events"));
    });
  }
  for (const a of ds.assessments) {
    const k = "assessments";
    ref(k, a.id, ["source"], a.source, "sources");
    a.about.forEach((x, i) => ref(k, a.id, ["about", i], x, "any"));
  }
  return problems;
}

/**
 * `"; did you mean "a", "b"?"` with the closest of `ids` to `target` (Damerau–Levenshtein, at
 * most a third of its length away, the three nearest), or "" when none is that close.
 */
export function didYouMean(target: string, ids: readonly string[]): string {
  const near = closestIds(target, ids);
  return near.length === 0 ? "" : `; did you mean ${near.map((x) => `"${x}"`).join(", ")}?`;
}

/** The ids of `ids` closest to `target`, nearest first (at most `limit`). */
export function closestIds(target: string, ids: readonly string[], limit = 3): string[] {
  const max = Math.max(2, Math.floor(target.length / 3));
  const scored: [string, number][] = [];
  for (const x of ids) {
    const d = boundedDamerau(target, x, max);
    if (d <= max) scored.push([x, d]);
  }
  scored.sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
  return scored.slice(0, limit).map(([x]) => x);
}
