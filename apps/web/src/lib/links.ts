/**
 * Permanent URLs. Every entity has one page; ids are unique across the dataset, so
 * `/e/<id>` also works for any id and redirects to the right page.
 */
export type KindName = "source" | "actor" | "place" | "event" | "route" | "relation" | "deal" | "assessment";

const BASE: Record<KindName, string> = {
  source: "/sources",
  actor: "/actors",
  place: "/places",
  event: "/events",
  route: "/routes",
  deal: "/deals",
  relation: "/relations",
  assessment: "/assessments",
};

/** The page of an entity of a known kind. */
export function hrefFor(kind: KindName, id: string): string {
  return `${BASE[kind]}/${encodeURIComponent(id)}`;
}

/** The kind-agnostic permanent URL, for ids whose kind the caller does not know. */
export function hrefForId(id: string): string {
  return `/e/${encodeURIComponent(id)}`;
}

/** Citations of a paragraph link to that paragraph on the source page. */
export function hrefForCitation(
  source: string,
  paragraph?: number,
  span?: readonly [number, number],
): string {
  const at = paragraph ? (span ? `#p${paragraph}-${span[0]}-${span[1]}` : `#p${paragraph}`) : "";
  return `${hrefFor("source", source)}${at}`;
}
