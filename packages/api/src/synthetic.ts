/**
 * A synthetic, schema-valid dataset of any size for the benchmark: actors, places, routes,
 * relations, events, deals, assessments and sources that reference each other the way the
 * real data does — a few very active actors and a long tail, mostly exact dates with a share
 * of fuzzy ones (months, seasons, early/mid/late ranges, years, open intervals), events at
 * places and on routes. Deterministic for a given seed.
 *
 * `syntheticEntities` yields the entities one by one (for filling a store without holding the
 * dataset); `syntheticDataset` collects them into arrays. Objects are built with every default
 * filled in, so they are `Dataset` values as the schema would output them; `synthetic.test.ts`
 * parses a smaller one with the schema and runs the integrity check to prove it.
 */
import {
  type Actor,
  type ActorKind,
  type Assessment,
  type Citation,
  type Dataset,
  type Deal,
  type EntityKind,
  type EpistemicStatus,
  EVENT_KINDS,
  type EventKind,
  mulberry32,
  type ParticipantRole,
  type Place,
  type Relation,
  type RelationType,
  type Route,
  type Source,
  type StoryEvent,
} from "@dealmap/domain";

export interface SyntheticOptions {
  events: number;
  /** Default: max(100, events / 50). */
  actors?: number;
  /** Default: max(30, events / 400), at most 2,000. */
  places?: number;
  /** Default: max(8, places / 6). */
  routes?: number;
  seed?: number;
}

/** The domain's seeded PRNG, with helpers. */
function rng(seed: number) {
  const next = mulberry32(seed);
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
    /** Skewed towards 0: a few items get most of the picks. */
    skewed: (n: number) => Math.floor(n * next() ** 2.2),
  };
}

const SYLLABLES = [
  "ka",
  "lo",
  "mir",
  "vas",
  "ten",
  "dra",
  "shu",
  "bel",
  "rok",
  "zan",
  "pol",
  "ich",
  "ev",
  "yor",
  "min",
  "stra",
];
const KINDS: ActorKind[] = [
  "person",
  "person",
  "person",
  "person",
  "state",
  "organization",
  "media",
  "company",
  "group",
  "position",
];
const COUNTRIES = ["BY", "US", "LT", "PL", "RU", "UA", "LV", "DE", "FR", "GB"];
const ROLES: ParticipantRole[] = [
  "initiator",
  "target",
  "subject",
  "mediator",
  "host",
  "visitor",
  "speaker",
  "participant",
];
const STATUSES: EpistemicStatus[] = [
  "occurred",
  "occurred",
  "occurred",
  "occurred",
  "reported",
  "reported",
  "claimed",
  "expected",
  "proposed",
];
const EVENT_KIND_LIST = Object.keys(EVENT_KINDS) as EventKind[];
const RELATION_LIST: RelationType[] = [
  "leads",
  "member-of",
  "works-for",
  "ally",
  "adversary",
  "negotiates-with",
  "represents",
  "envoy-to",
];
const MONTHS = ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"];

function word(r: ReturnType<typeof rng>, parts: number): string {
  let w = "";
  for (let i = 0; i < parts; i++) w += r.pick(SYLLABLES);
  return w.charAt(0).toUpperCase() + w.slice(1);
}

const pad = (n: number) => String(n).padStart(2, "0");

/** A date string: mostly exact days, the rest fuzzy in the ways the real data is. */
function syntheticDate(r: ReturnType<typeof rng>): string {
  const y = 2017 + r.int(10);
  const m = r.pick(MONTHS);
  const u = r.next();
  if (u < 0.8) return `${y}-${m}-${pad(1 + r.int(28))}`;
  if (u < 0.88) return `${y}-${m}`;
  if (u < 0.92) return `${y}-${21 + r.int(4)}`;
  if (u < 0.96) {
    const [a, b] = r.pick([
      [1, 10],
      [11, 20],
      [1, 15],
    ] as const);
    return `${y}-${m}-${pad(a)}/${y}-${m}-${pad(b)}`;
  }
  if (u < 0.98) return String(y);
  return r.next() < 0.5 ? `${y}-${m}/..` : `../${y}-${m}`;
}

/** One generated entity, tagged with its collection. */
export type SyntheticItem = { [K in EntityKind]: { kind: K; entity: Dataset[K][number] } }[EntityKind];

function sizes(opts: SyntheticOptions) {
  const events = opts.events;
  const actors = opts.actors ?? Math.max(100, Math.floor(events / 50));
  const places = opts.places ?? Math.min(2000, Math.max(30, Math.floor(events / 400)));
  const routes = opts.routes ?? Math.max(8, Math.floor(places / 6));
  return {
    sources: 20,
    actors,
    places,
    events,
    routes,
    relations: actors * 2,
    deals: Math.max(5, Math.floor(events / 200)),
    assessments: Math.max(5, Math.floor(events / 500)),
  } satisfies Record<EntityKind, number>;
}

/** How many entities of each collection `syntheticEntities(opts)` yields. */
export function syntheticCounts(opts: SyntheticOptions): Record<EntityKind, number> {
  return sizes(opts);
}

/**
 * The synthetic entities one at a time — sources, actors, places, routes, relations, events,
 * deals, assessments — so a store can be filled with millions of events without the dataset
 * ever being in memory. The generator keeps only the sizes and the PRNG state; its output is
 * exactly what `syntheticDataset` returns, item for item.
 */
export function* syntheticEntities(opts: SyntheticOptions): Generator<SyntheticItem> {
  const r = rng(opts.seed ?? 20251213);
  const count = sizes(opts);
  const { events: nEvents, actors: nActors, places: nPlaces, routes: nRoutes } = count;

  for (let i = 0; i < count.sources; i++) {
    const source: Source = {
      id: `syn-source-${i}`,
      kind: i === 0 ? "article" : "news-report",
      title: `${word(r, 2)} ${word(r, 3)} report ${i}`,
      publisher: `${word(r, 2)} Press`,
      language: "en",
      published: `${2018 + (i % 8)}-${pad(1 + (i % 12))}-15`,
      ...(i === 0 ? { paragraphs: 100 } : {}),
    };
    yield { kind: "sources", entity: source };
  }
  const cite = (): Citation[] =>
    r.next() < 0.3
      ? [{ source: "syn-source-0", paragraph: 1 + r.int(100) }]
      : [{ source: `syn-source-${1 + r.int(19)}` }];

  for (let i = 0; i < nActors; i++) {
    const kind = KINDS[i % KINDS.length] as ActorKind;
    const first = word(r, 2);
    const last = word(r, 3);
    const name =
      kind === "person" ? `${first} ${last}` : `${last} ${kind === "state" ? "Republic" : "Union"} ${i}`;
    const aliases =
      r.next() < 0.4
        ? [
            { name: `${first.replace(/a/g, "á")} ${last.replace(/o/g, "ó")}`, lang: "pl" },
            { name: `${first}${last.slice(0, 2)}`, lang: "be", romanization: "BGN/PCGN" },
          ]
        : [];
    const actor: Actor = {
      id: `syn-actor-${i}`,
      kind,
      name,
      aliases,
      description: `Synthetic ${kind} number ${i}.`,
      roles:
        kind === "person" && r.next() < 0.5
          ? [
              {
                title: "envoy",
                of: `syn-actor-${r.int(nActors)}`,
                when: `${2018 + r.int(6)}/..`,
                citations: cite(),
              },
            ]
          : [],
      country: r.pick(COUNTRIES),
      citations: cite(),
    };
    yield { kind: "actors", entity: actor };
  }

  for (let i = 0; i < nPlaces; i++) {
    const place: Place = {
      id: `syn-place-${i}`,
      kind: r.pick(["city", "city", "port", "border-crossing", "mine", "airport"] as const),
      name: `${word(r, 2)}${r.pick(["sk", "burg", "ava", "iai", "grad"])}`,
      aliases: r.next() < 0.3 ? [{ name: `${word(r, 2)}ė`, lang: "lt" }] : [],
      coordinates: { lat: 45 + r.next() * 15, lon: 14 + r.next() * 26 },
      country: r.pick(COUNTRIES),
      citations: cite(),
    };
    yield { kind: "places", entity: place };
  }

  for (let i = 0; i < nRoutes; i++) {
    const stops = 2 + r.int(4);
    const ids = Array.from({ length: stops }, () => `syn-place-${r.int(nPlaces)}`);
    const legs = ids.slice(1).map((to, k) => ({
      from: ids[k] as string,
      to,
      mode: r.pick(["rail", "road", "sea"] as const),
      ...(r.next() < 0.7 ? { distance: { km: 20 + r.int(900), citations: cite() } } : {}),
    }));
    const start = 2017 + r.int(5);
    const route: Route = {
      id: `syn-route-${i}`,
      kind: r.pick(["export-corridor", "deportation", "smuggling", "travel"] as const),
      name: `${word(r, 2)} corridor ${i}`,
      cargo: r.pick(["potash", "people", "freight", "contraband"] as const),
      description: `Synthetic route ${i}.`,
      legs,
      statuses: [
        {
          status: "in-use",
          when: `../${start}-12-31`,
          blockers: [],
          conditions: [],
          events: [],
          citations: cite(),
        },
        {
          status: r.pick(["closed", "blocked", "uneconomic"] as const),
          when: `${start + 1}-01-01/..`,
          blockers: [
            {
              description: "Synthetic blocker.",
              actors: [`syn-actor-${r.skewed(nActors)}`],
              events: [],
              citations: cite(),
            },
          ],
          conditions: [{ description: "Synthetic condition.", actors: [], events: [], citations: cite() }],
          events: [],
          citations: cite(),
        },
      ],
      actors: [`syn-actor-${r.skewed(nActors)}`],
      citations: cite(),
    };
    yield { kind: "routes", entity: route };
  }

  for (let i = 0; i < count.relations; i++) {
    const from = r.skewed(nActors);
    let to = r.int(nActors);
    if (to === from) to = (to + 1) % nActors;
    const relation: Relation = {
      id: `syn-rel-${i}`,
      type: r.pick(RELATION_LIST),
      from: `syn-actor-${from}`,
      to: `syn-actor-${to}`,
      ...(r.next() < 0.5 ? { when: `${2017 + r.int(8)}/..` } : {}),
      citations: cite(),
    };
    yield { kind: "relations", entity: relation };
  }

  for (let i = 0; i < nEvents; i++) {
    const n = 1 + r.int(4);
    const seen = new Set<number>();
    const participants = [];
    for (let k = 0; k < n; k++) {
      const a = r.skewed(nActors);
      if (seen.has(a)) continue;
      seen.add(a);
      participants.push({ actor: `syn-actor-${a}`, role: r.pick(ROLES) });
    }
    const status = r.pick(STATUSES);
    const kind = r.pick(EVENT_KIND_LIST);
    const event: StoryEvent = {
      id: `syn-event-${i}`,
      kind,
      title: `${EVENT_KINDS[kind].label} at ${word(r, 2)} ${i}`,
      summary: `Synthetic event ${i}.`,
      date: syntheticDate(r),
      dateVariants: [],
      status,
      ...(status === "claimed" ? { claimedBy: participants[0]?.actor ?? "syn-actor-0" } : {}),
      participants,
      places: r.next() < 0.7 ? [`syn-place-${r.skewed(nPlaces)}`] : [],
      routes: r.next() < 0.1 ? [`syn-route-${r.int(nRoutes)}`] : [],
      quantities:
        kind === "release"
          ? [
              {
                value: 1 + r.int(100),
                unit: "people",
                counts: "prisoners released",
                qualifier: "exact",
                citations: cite(),
              },
            ]
          : [],
      links: i > 0 && r.next() < 0.05 ? [{ type: "follows", event: `syn-event-${r.int(i)}` }] : [],
      tags: [],
      citations: cite(),
    };
    yield { kind: "events", entity: event };
  }

  for (let i = 0; i < count.deals; i++) {
    const a = `syn-actor-${r.skewed(nActors)}`;
    let bIdx = r.int(nActors);
    if (`syn-actor-${bIdx}` === a) bIdx = (bIdx + 1) % nActors;
    const b = `syn-actor-${bIdx}`;
    const deal: Deal = {
      id: `syn-deal-${i}`,
      title: `Synthetic exchange ${i}`,
      parties: [a, b],
      date: `${2018 + r.int(8)}-${r.pick(MONTHS)}-${pad(1 + r.int(28))}`,
      summary: `Synthetic deal ${i}.`,
      concessions: [
        {
          by: a,
          to: b,
          kind: "prisoner-release",
          what: "People freed.",
          delivery: r.pick(["delivered", "partial", "promised"] as const),
          amount: { value: 1 + r.int(60), unit: "people", counts: "prisoners released" },
          events: [`syn-event-${r.int(nEvents)}`],
          citations: cite(),
        },
        {
          by: b,
          to: a,
          kind: "sanctions-relief",
          what: "Relief.",
          delivery: "delivered",
          events: [],
          citations: cite(),
        },
      ],
      brokers: [],
      citations: cite(),
    };
    yield { kind: "deals", entity: deal };
  }

  for (let i = 0; i < count.assessments; i++) {
    const assessment: Assessment = {
      id: `syn-assessment-${i}`,
      topic: r.pick(["motive", "strategy", "prospect"] as const),
      claim: `Synthetic reading ${i}.`,
      source: "syn-source-0",
      about: [`syn-actor-${r.skewed(nActors)}`],
      citations: [{ source: "syn-source-0", paragraph: 1 + r.int(100) }],
    };
    yield { kind: "assessments", entity: assessment };
  }
}

/** The whole synthetic dataset in memory: `syntheticEntities` collected into arrays. */
export function syntheticDataset(opts: SyntheticOptions): Dataset {
  const ds: Dataset = {
    sources: [],
    actors: [],
    places: [],
    events: [],
    routes: [],
    relations: [],
    deals: [],
    assessments: [],
  };
  for (const item of syntheticEntities(opts)) (ds[item.kind] as SyntheticItem["entity"][]).push(item.entity);
  return ds;
}
