/**
 * Everything the router has about one id: `entity.get` plus the query for its kind. Kept apart
 * from the layout (detail.ts) so that `show --json` loads no text layout.
 */
import type { Api, Out } from "../api.ts";

export type EntityOut = Out["entity"]["get"];
/** Where the entity's values came from; null from a server that does not say. */
export type ProvenanceOut = Out["entity"]["provenance"] | null;

/** A dataset as `stats.datasets` lists it. */
export type DatasetOut = Out["stats"]["datasets"][number];

export type Detail = {
  provenance?: ProvenanceOut;
  /** The dataset of an event or actor outside the built-in data (null when the server cannot say). */
  dataset?: DatasetOut | null;
  /** The imports among the datasets of the events the detail lists (tagged beside them). */
  imports?: ReadonlySet<string>;
} & (
  | { kind: "event"; entity: EntityOut; detail: Out["events"]["get"] }
  | { kind: "actor"; entity: EntityOut; detail: Out["actors"]["get"] }
  | { kind: "place"; entity: EntityOut; detail: Out["places"]["get"] }
  | { kind: "route"; entity: EntityOut; detail: Out["routes"]["get"] }
  | { kind: "deal"; entity: EntityOut; detail: Out["deals"]["get"] }
  | { kind: "source"; entity: EntityOut; detail: Out["sources"]["get"] }
  | { kind: "relation"; entity: EntityOut; detail: null; names: Record<string, string> }
  | { kind: "assessment"; entity: EntityOut; detail: null; names: Record<string, string> }
);

/** Display names of the entities a relation or an assessment refers to, from the router. */
async function namesOf(api: Api, ids: readonly string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  await Promise.all(
    [...new Set(ids)].map(async (id) => {
      try {
        const e = await api.entity.get({ id });
        const x = e.entity as { name?: string; title?: string; claim?: string };
        out[id] = x.name ?? x.title ?? x.claim ?? id;
      } catch {
        out[id] = id;
      }
    }),
  );
  return out;
}

/** Everything the router has about one id. Rejects with NOT_FOUND for an unknown id. */
export async function fetchDetail(api: Api, id: string): Promise<Detail> {
  const [detail, provenance] = await Promise.all([
    kindDetail(api, id),
    api.entity.provenance({ id }).catch(() => null),
  ]);
  // the built-in data is the norm and needs no line; anything else is named, imports as such
  const own = detail.kind === "event" || detail.kind === "actor" ? detail.detail.dataset : undefined;
  const named = new Set(listedEvents(detail).map((e) => e.dataset));
  if (own !== undefined) named.add(own);
  named.delete("built-in");
  if (named.size === 0) return { ...detail, provenance };
  const sets = await api.stats.datasets().catch(() => null);
  const imports = new Set((sets ?? []).filter((d) => d.origin === "import").map((d) => d.name));
  if (own === undefined || own === "built-in") return { ...detail, provenance, imports };
  return { ...detail, provenance, imports, dataset: sets?.find((d) => d.name === own) ?? null };
}

/** The event summaries a detail lists (an actor's by role, a place's, a route's, a deal's). */
function listedEvents(d: Detail): readonly { dataset: string }[] {
  switch (d.kind) {
    case "actor":
      return d.detail.eventsByRole.flatMap((g) => g.events);
    case "place":
    case "route":
    case "deal":
      return d.detail.events;
    default:
      return [];
  }
}

async function kindDetail(api: Api, asked: string): Promise<Detail> {
  const entity = await api.entity.get({ id: asked });
  // an id merged away by a same-as gives the entity it was merged into: its detail is asked by its id
  const id = entity.entity.id;
  switch (entity.kind) {
    case "event":
      return { kind: "event", entity, detail: await api.events.get({ id }) };
    case "actor":
      return { kind: "actor", entity, detail: await api.actors.get({ id }) };
    case "place":
      return { kind: "place", entity, detail: await api.places.get({ id }) };
    case "route":
      return { kind: "route", entity, detail: await api.routes.get({ id }) };
    case "deal":
      return { kind: "deal", entity, detail: await api.deals.get({ id }) };
    case "source":
      return { kind: "source", entity, detail: await api.sources.get({ id }) };
    case "relation":
      return {
        kind: "relation",
        entity,
        detail: null,
        names: await namesOf(api, [entity.entity.from, entity.entity.to]),
      };
    case "assessment":
      return {
        kind: "assessment",
        entity,
        detail: null,
        names: await namesOf(api, [entity.entity.source, ...entity.entity.about]),
      };
  }
}
