/** Edge colours for the network, grouped by the nature of the tie (always paired with a text label). */
export const EDGE_GROUP: Record<string, { colour: string; group: string }> = {
  spouse: { colour: "var(--c7)", group: "family" },
  family: { colour: "var(--c7)", group: "family" },
  leads: { colour: "var(--c1)", group: "work and office" },
  "member-of": { colour: "var(--c1)", group: "work and office" },
  "works-for": { colour: "var(--c1)", group: "work and office" },
  "deputy-of": { colour: "var(--c1)", group: "work and office" },
  "press-secretary-of": { colour: "var(--c1)", group: "work and office" },
  "editor-of": { colour: "var(--c1)", group: "work and office" },
  "founder-of": { colour: "var(--c1)", group: "work and office" },
  "lawyer-of": { colour: "var(--c1)", group: "work and office" },
  represents: { colour: "var(--c1)", group: "work and office" },
  "campaign-of": { colour: "var(--c1)", group: "work and office" },
  "successor-of": { colour: "var(--c1)", group: "work and office" },
  "part-of": { colour: "var(--c1)", group: "work and office" },
  "owned-by": { colour: "var(--c1)", group: "work and office" },
  "envoy-to": { colour: "var(--c6)", group: "diplomacy" },
  "envoy-of": { colour: "var(--c6)", group: "diplomacy" },
  "ambassador-to": { colour: "var(--c6)", group: "diplomacy" },
  "negotiates-with": { colour: "var(--c6)", group: "diplomacy" },
  "imprisoned-by": { colour: "var(--c2)", group: "coercion and conflict" },
  "sanctioned-by": { colour: "var(--c2)", group: "coercion and conflict" },
  "lobbies-against": { colour: "var(--c2)", group: "coercion and conflict" },
  adversary: { colour: "var(--c2)", group: "coercion and conflict" },
  rival: { colour: "var(--c2)", group: "coercion and conflict" },
  ally: { colour: "var(--c3)", group: "alignment" },
  "sheltered-by": { colour: "var(--c3)", group: "alignment" },
  "shared-events": { colour: "var(--c8)", group: "appear in the same events" },
};

export function edgeColour(type: string): string {
  return EDGE_GROUP[type]?.colour ?? "var(--c8)";
}

/** Node colours by actor kind. */
export const NODE_KIND_COLOUR: Record<string, string> = {
  person: "var(--c1)",
  state: "var(--c4)",
  bloc: "var(--c4)",
  organization: "var(--c3)",
  media: "var(--c5)",
  company: "var(--c6)",
  group: "var(--c7)",
  position: "var(--c8)",
};
