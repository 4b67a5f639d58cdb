/**
 * The actor network: relations as typed edges (directed or symmetric), weighted by the number
 * of events both ends take part in, plus optional "shared-events" edges between actors who
 * appear in the same events without a recorded relation. Filters: relation types, a date,
 * and the neighbourhood of N hops around an actor. Shortest connection by breadth-first
 * search.
 */
import type { Actor } from "../actor.ts";
import type { DateBounds } from "../dates.ts";
import type { StoryEvent } from "../event.ts";
import { isDirected, type Relation, type RelationType } from "../relation.ts";
import { boundsOf } from "./bounds.ts";

/** Precomputed adjacency for graph queries. */
export interface GraphIndex {
  actors: Map<string, Actor>;
  relations: Relation[];
  /** Relation bounds (null for timeless relations). */
  relationBounds: Map<string, DateBounds | null>;
  /** "a|b" (a < b) → ids of events both take part in. */
  shared: Map<string, string[]>;
  /** actor → relations touching it. */
  relationsOf: Map<string, Relation[]>;
  /** actor → other actors it shares events with. */
  coActors: Map<string, Set<string>>;
}

/** Key of an unordered actor pair. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/**
 * The index built piece by piece — actors, relations and events, each in any number of batches
 * in their order — so that a caller reading them in pages (a database store over millions of
 * rows) can let other work run between batches. `buildGraphIndex` is the same in one go.
 */
export class GraphIndexBuilder {
  private readonly index: GraphIndex = {
    actors: new Map(),
    relations: [],
    relationBounds: new Map(),
    shared: new Map(),
    relationsOf: new Map(),
    coActors: new Map(),
  };

  addActors(actors: readonly Actor[]): this {
    for (const a of actors) this.index.actors.set(a.id, a);
    return this;
  }

  addRelations(relations: readonly Relation[]): this {
    const { relationBounds, relationsOf } = this.index;
    for (const r of relations) {
      this.index.relations.push(r);
      relationBounds.set(r.id, r.when ? boundsOf(r.when) : null);
      for (const end of [r.from, r.to]) {
        const list = relationsOf.get(end);
        if (list) list.push(r);
        else relationsOf.set(end, [r]);
      }
    }
    return this;
  }

  /** Events in dataset order; only their ids and participants' actors are read. */
  addEvents(
    events: readonly (Pick<StoryEvent, "id"> & { participants: readonly { actor: string }[] })[],
  ): this {
    const { shared, coActors } = this.index;
    for (const e of events) {
      const ids = [...new Set(e.participants.map((p) => p.actor))].sort();
      for (let i = 0; i < ids.length; i++) {
        for (let j = i + 1; j < ids.length; j++) {
          const a = ids[i] as string;
          const b = ids[j] as string;
          const key = `${a}|${b}`;
          const list = shared.get(key);
          if (list) list.push(e.id);
          else shared.set(key, [e.id]);
          for (const [x, y] of [
            [a, b],
            [b, a],
          ] as const) {
            const s = coActors.get(x);
            if (s) s.add(y);
            else coActors.set(x, new Set([y]));
          }
        }
      }
    }
    return this;
  }

  build(): GraphIndex {
    return this.index;
  }
}

export function buildGraphIndex(input: {
  actors: readonly Actor[];
  relations: readonly Relation[];
  /** Events in dataset order; only their ids and participants' actors are read. */
  events: readonly (Pick<StoryEvent, "id"> & { participants: readonly { actor: string }[] })[];
}): GraphIndex {
  return new GraphIndexBuilder()
    .addActors(input.actors)
    .addRelations(input.relations)
    .addEvents(input.events)
    .build();
}

export interface GraphNode {
  id: string;
  name: string;
  kind: Actor["kind"] | null;
  country: string | null;
  /** Number of edges of the returned graph touching this node. */
  degree: number;
  /** Hops from `around` (0 for the centre), or null without `around`. */
  hops: number | null;
}

export type GraphEdgeType = RelationType | "shared-events";

export interface GraphEdge {
  /** The relation id, or `shared:<a>|<b>` for a shared-events edge. */
  id: string;
  type: GraphEdgeType;
  from: string;
  to: string;
  /** Whether `from → to` reads as a sentence; symmetric ties are not directed. */
  directed: boolean;
  /** Number of events both ends take part in. */
  weight: number;
  /** Ids of those events (at most 50, timeline order not guaranteed). */
  sharedEvents: string[];
  when: string | null;
  relation: string | null;
}

export interface GraphOptions {
  /** Keep only relations of these types (shared-events edges are kept unless `sharedEvents` is false). */
  types?: readonly RelationType[];
  /** Keep relations whose period overlaps this date (timeless relations are kept). */
  at?: string;
  /** Centre of a neighbourhood. */
  around?: string;
  /** Radius of the neighbourhood in hops (default 1). */
  hops?: number;
  /** Add edges between actors who share events without a relation (default true). */
  sharedEvents?: boolean;
  /** Minimum shared events for a shared-events edge (default 1). */
  minShared?: number;
  /** Most edges returned, heaviest first (default 2,000). */
  maxEdges?: number;
  /**
   * Most actors returned (default 500): the most connected first (by ties among the edges
   * kept; a neighbourhood's centre always), with only the edges between them.
   */
  maxNodes?: number;
}

export interface ActorGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Edges before the `maxEdges` cap. */
  totalEdges: number;
  /** Whether the cap left edges out. */
  truncated: boolean;
  /** Actors before the `maxNodes` cap. */
  totalNodes: number;
  /** Whether the cap left actors (and their edges) out. */
  nodesTruncated: boolean;
}

/** Thrown when a graph query names an actor that is not in the dataset. */
export class UnknownActorError extends Error {
  constructor(
    readonly id: string,
    readonly field: string,
  ) {
    super(`${field}: no actor "${id}"`);
    this.name = "UnknownActorError";
  }
}

const MAX_SHARED_LIST = 50;

function relationEdge(index: GraphIndex, r: Relation): GraphEdge {
  const list = index.shared.get(pairKey(r.from, r.to)) ?? [];
  return {
    id: r.id,
    type: r.type,
    from: r.from,
    to: r.to,
    directed: isDirected(r.type),
    weight: list.length,
    sharedEvents: list.slice(0, MAX_SHARED_LIST),
    when: r.when ?? null,
    relation: r.id,
  };
}

function relationAllowed(index: GraphIndex, r: Relation, opts: GraphOptions, at: DateBounds | null): boolean {
  if (opts.types && opts.types.length > 0 && !opts.types.includes(r.type)) return false;
  if (at) {
    const b = index.relationBounds.get(r.id);
    if (b && !(b.min <= at.max && at.min <= b.max)) return false;
  }
  return true;
}

function sharedEdge(key: string, list: readonly string[]): GraphEdge {
  const [a, b] = key.split("|") as [string, string];
  return {
    id: `shared:${key}`,
    type: "shared-events",
    from: a,
    to: b,
    directed: false,
    weight: list.length,
    sharedEvents: list.slice(0, MAX_SHARED_LIST),
    when: null,
    relation: null,
  };
}

/** Default cap on the edges of one graph answer (heaviest kept). */
export const DEFAULT_MAX_EDGES = 2000;

/**
 * The actor graph, filtered. With `around`, only the neighbourhood is walked (breadth-first
 * over the kept relations and shared-events ties). At most `maxEdges` edges are returned, the
 * heaviest first (relations before shared-events ties of equal weight); `truncated` says when
 * some were left out.
 */
/** The default `maxNodes` of a graph query. */
export const DEFAULT_MAX_NODES = 500;

export function actorGraph(index: GraphIndex, opts: GraphOptions = {}): ActorGraph {
  const at = opts.at ? boundsOf(opts.at) : null;
  const withShared = opts.sharedEvents !== false;
  const minShared = Math.max(1, opts.minShared ?? 1);
  const maxEdges = Math.max(1, Math.floor(opts.maxEdges ?? DEFAULT_MAX_EDGES));
  const keptRelations = (actor: string) =>
    (index.relationsOf.get(actor) ?? []).filter((r) => relationAllowed(index, r, opts, at));
  const sharedKeys = (actor: string) => {
    const out: string[] = [];
    if (!withShared) return out;
    for (const other of index.coActors.get(actor) ?? []) {
      const key = pairKey(actor, other);
      if ((index.shared.get(key)?.length ?? 0) >= minShared) out.push(key);
    }
    return out;
  };

  // the edges met, as relations or shared-event pair keys: made into GraphEdges only once the
  // nodes are chosen, so a graph capped to its most connected actors out of 200,000 does not
  // build 400,000 edge objects to keep a hundred
  let hopsOf: Map<string, number> | null = null;
  const met: (Relation | string)[] = [];
  if (opts.around !== undefined) {
    if (!index.actors.has(opts.around)) throw new UnknownActorError(opts.around, "around");
    const radius = Math.max(0, Math.floor(opts.hops ?? 1));
    hopsOf = new Map([[opts.around, 0]]);
    let frontier = [opts.around];
    for (let h = 1; h <= radius && frontier.length > 0; h++) {
      const next: string[] = [];
      const reach = (y: string) => {
        if (!hopsOf?.has(y)) {
          hopsOf?.set(y, h);
          next.push(y);
        }
      };
      for (const x of frontier) {
        for (const r of keptRelations(x)) reach(r.from === x ? r.to : r.from);
        for (const key of sharedKeys(x)) {
          const [a, b] = key.split("|") as [string, string];
          reach(a === x ? b : a);
        }
      }
      frontier = next;
    }
    const inside = hopsOf;
    const seenRel = new Set<string>();
    const related = new Set<string>();
    for (const x of inside.keys()) {
      for (const r of keptRelations(x)) {
        if (seenRel.has(r.id) || !inside.has(r.from) || !inside.has(r.to)) continue;
        seenRel.add(r.id);
        related.add(pairKey(r.from, r.to));
        met.push(r);
      }
    }
    const seenShared = new Set<string>();
    for (const x of inside.keys()) {
      for (const key of sharedKeys(x)) {
        if (seenShared.has(key) || related.has(key)) continue;
        const [a, b] = key.split("|") as [string, string];
        if (!inside.has(a) || !inside.has(b)) continue;
        seenShared.add(key);
        met.push(key);
      }
    }
  } else {
    const related = new Set<string>();
    for (const r of index.relations) {
      if (!relationAllowed(index, r, opts, at)) continue;
      met.push(r);
      if (withShared) related.add(pairKey(r.from, r.to));
    }
    if (withShared) {
      for (const [key, list] of index.shared) {
        if (list.length >= minShared && !related.has(key)) met.push(key);
      }
    }
  }
  const endsOf = (m: Relation | string): [string, string] =>
    typeof m === "string" ? (m.split("|") as [string, string]) : [m.from, m.to];
  const edgeOf = (m: Relation | string): GraphEdge =>
    typeof m === "string" ? sharedEdge(m, index.shared.get(m) ?? []) : relationEdge(index, m);

  const totalEdges = met.length;
  let chosen = met;
  let nodeIds = hopsOf ? [...hopsOf.keys()] : [...index.actors.keys()];
  const totalNodes = nodeIds.length;
  const maxNodes = Math.max(1, Math.floor(opts.maxNodes ?? DEFAULT_MAX_NODES));
  if (nodeIds.length > maxNodes) {
    // the most connected (over every edge), the centre first; ties in the order met
    const all = new Map<string, number>();
    for (const m of met) {
      const [a, b] = endsOf(m);
      all.set(a, (all.get(a) ?? 0) + 1);
      all.set(b, (all.get(b) ?? 0) + 1);
    }
    const rank = nodeIds.map((id, i) => ({ id, i, d: id === opts.around ? Infinity : (all.get(id) ?? 0) }));
    rank.sort((x, y) => y.d - x.d || x.i - y.i);
    const keep = new Set(rank.slice(0, maxNodes).map((x) => x.id));
    nodeIds = nodeIds.filter((id) => keep.has(id));
    chosen = met.filter((m) => {
      const [a, b] = endsOf(m);
      return keep.has(a) && keep.has(b);
    });
  }
  let kept = chosen.map(edgeOf);
  if (kept.length > maxEdges) {
    const order = kept.map((e, i) => ({ e, i }));
    order.sort(
      (x, y) =>
        y.e.weight - x.e.weight ||
        Number(x.e.type === "shared-events") - Number(y.e.type === "shared-events") ||
        x.i - y.i,
    );
    kept = order.slice(0, maxEdges).map((x) => x.e);
  }
  const degree = new Map<string, number>();
  for (const e of kept) {
    degree.set(e.from, (degree.get(e.from) ?? 0) + 1);
    degree.set(e.to, (degree.get(e.to) ?? 0) + 1);
  }
  const nodes: GraphNode[] = nodeIds.map((id) => {
    const a = index.actors.get(id);
    return {
      id,
      name: a?.name ?? id,
      kind: a?.kind ?? null,
      country: a?.country ?? null,
      degree: degree.get(id) ?? 0,
      hops: hopsOf ? (hopsOf.get(id) ?? null) : null,
    };
  });
  return {
    nodes,
    edges: kept,
    totalEdges,
    truncated: kept.length < totalEdges,
    totalNodes,
    nodesTruncated: nodes.length < totalNodes,
  };
}

export interface PathStep {
  from: string;
  to: string;
  /** The edge walked: a relation, or a shared-events tie when `viaSharedEvents` is on. */
  edge: GraphEdge;
  /** Whether the step walks a directed relation against its direction. */
  reversed: boolean;
}

export interface ActorPath {
  found: boolean;
  /** Actor ids from `from` to `to` (empty when not found). */
  actors: { id: string; name: string }[];
  steps: PathStep[];
  length: number | null;
}

/**
 * Shortest connection between two actors (fewest hops; ties broken by the dataset's relation
 * order). Relations are walked in both directions; each step says whether it runs against a
 * directed relation. With `viaSharedEvents`, co-participation in events also links actors.
 */
export function shortestPath(
  index: GraphIndex,
  from: string,
  to: string,
  opts: Pick<GraphOptions, "types" | "at"> & { viaSharedEvents?: boolean } = {},
): ActorPath {
  if (!index.actors.has(from)) throw new UnknownActorError(from, "from");
  if (!index.actors.has(to)) throw new UnknownActorError(to, "to");
  const name = (id: string) => ({ id, name: index.actors.get(id)?.name ?? id });
  if (from === to) return { found: true, actors: [name(from)], steps: [], length: 0 };
  const at = opts.at ? boundsOf(opts.at) : null;
  const prev = new Map<string, PathStep | null>([[from, null]]);
  let frontier = [from];
  while (frontier.length > 0 && !prev.has(to)) {
    const next: string[] = [];
    for (const x of frontier) {
      for (const r of index.relationsOf.get(x) ?? []) {
        if (!relationAllowed(index, r, opts, at)) continue;
        const y = r.from === x ? r.to : r.from;
        if (prev.has(y)) continue;
        prev.set(y, {
          from: x,
          to: y,
          edge: relationEdge(index, r),
          reversed: r.from !== x && isDirected(r.type),
        });
        next.push(y);
      }
      if (opts.viaSharedEvents) {
        for (const y of [...(index.coActors.get(x) ?? [])].sort()) {
          if (prev.has(y)) continue;
          const list = index.shared.get(pairKey(x, y)) ?? [];
          prev.set(y, {
            from: x,
            to: y,
            reversed: false,
            edge: {
              id: `shared:${pairKey(x, y)}`,
              type: "shared-events",
              from: x,
              to: y,
              directed: false,
              weight: list.length,
              sharedEvents: list.slice(0, MAX_SHARED_LIST),
              when: null,
              relation: null,
            },
          });
          next.push(y);
        }
      }
    }
    frontier = next;
  }
  if (!prev.has(to)) return { found: false, actors: [], steps: [], length: null };
  const steps: PathStep[] = [];
  let cur = to;
  for (let step = prev.get(cur); step; step = prev.get(cur)) {
    steps.unshift(step);
    cur = step.from;
  }
  const actors = [name(from), ...steps.map((s) => name(s.to))];
  return { found: true, actors, steps, length: steps.length };
}
