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
  const name = detail.kind === "event" || detail.kind === "actor" ? detail.detail.dataset : undefined;
  if (name === undefined || name === "built-in") return { ...detail, provenance };
  const sets = await api.stats.datasets().catch(() => null);
  return { ...detail, provenance, dataset: sets?.find((d) => d.name === name) ?? null };
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
