/**
 * A small, schema-valid dataset for the API tests: invented-for-testing wording, shaped like
 * the built-in case (envoys, releases, sanctions, potash corridors, deportation routes), with
 * fuzzy dates, a claimed event, open-ended status periods and one indexed source text.
 */
import { createHash } from "node:crypto";
import { type Dataset, DatasetSchema } from "@dealmap/domain";

/** The text of the indexed fixture source: four paragraphs (non-empty lines). */
export const FIXTURE_TEXT = [
  "Alpha paragraph: the envoy flew to the capital and met the president.",
  "",
  "Beta paragraph: fifty-two detainees walked across the border that week.",
  "Gamma paragraph: the potash trains stopped running through the port.",
  "",
  "Delta paragraph: an analyst thinks the president wants recognition above all.",
  "",
].join("\n");

export const FIXTURE_SHA256 = createHash("sha256").update(FIXTURE_TEXT, "utf8").digest("hex");

const art = (paragraph: number, span?: [number, number]) => [
  span ? { source: "test-article", paragraph, span } : { source: "test-article", paragraph },
];
const ext = [{ source: "test-wire" }];

export const fixtureInput = {
  sources: [
    {
      id: "test-article",
      kind: "article",
      title: "A test article about envoys and potash",
      publisher: "Test Review",
      language: "en",
      published: "2025-12-20",
      textSha256: FIXTURE_SHA256,
      paragraphs: 4,
    },
    {
      id: "test-wire",
      kind: "news-report",
      title: "A wire report used by the tests",
      publisher: "Test Wire",
      language: "en",
      url: "https://example.org/wire",
      published: "2025-09-11",
    },
  ],
  actors: [
    {
      id: "aliaksandr-lukashenka",
      kind: "person",
      name: "Alexander Lukashenko",
      aliases: [
        { name: "Aliaksandr Lukashenka", lang: "be", romanization: "BGN/PCGN" },
        { name: "Лукашенко", lang: "ru" },
        { name: "Łukaszenka", lang: "pl" },
      ],
      description: "President of Belarus in the test data.",
      country: "BY",
      roles: [{ title: "president", of: "belarus", when: "1994-07-20/..", citations: ext }],
      citations: art(1),
    },
    {
      id: "john-coale",
      kind: "person",
      name: "John Coale",
      description: "US envoy in the test data.",
      country: "US",
      roles: [
        { title: "deputy envoy", of: "united-states", when: "2025-04/2025-11-08", citations: ext },
        { title: "special envoy for Belarus", of: "united-states", when: "2025-11-09/..", citations: art(1) },
      ],
      citations: art(1),
    },
    {
      id: "keith-kellogg",
      kind: "person",
      name: "Keith Kellogg",
      description: "An earlier US envoy in the test data.",
      country: "US",
      citations: ext,
    },
    {
      id: "belarus",
      kind: "state",
      name: "Belarus",
      aliases: [{ name: "Беларусь", lang: "be" }],
      description: "The state.",
      country: "BY",
      citations: ext,
    },
    {
      id: "united-states",
      kind: "state",
      name: "United States",
      description: "The state.",
      country: "US",
      citations: ext,
    },
    {
      id: "lithuania",
      kind: "state",
      name: "Lithuania",
      description: "The state.",
      country: "LT",
      citations: ext,
    },
    {
      id: "belaruskali",
      kind: "company",
      name: "Belaruskali",
      description: "Potash producer in the test data.",
      country: "BY",
      citations: art(3),
    },
    {
      id: "isolated-actor",
      kind: "organization",
      name: "Unconnected Society",
      description: "An actor with no ties, for path tests.",
      citations: ext,
    },
  ],
  relations: [
    {
      id: "rel-lukashenka-leads-belarus",
      type: "leads",
      from: "aliaksandr-lukashenka",
      to: "belarus",
      when: "1994-07-20/..",
      citations: ext,
    },
    {
      id: "rel-coale-envoy-of-us",
      type: "envoy-of",
      from: "john-coale",
      to: "united-states",
      when: "2025-11-09/..",
      citations: art(1),
    },
    {
      id: "rel-kellogg-envoy-of-us",
      type: "envoy-of",
      from: "keith-kellogg",
      to: "united-states",
      when: "2025-01/2025-10",
      citations: ext,
    },
    {
      id: "rel-coale-negotiates-lukashenka",
      type: "negotiates-with",
      from: "john-coale",
      to: "aliaksandr-lukashenka",
      citations: art(1),
    },
    {
      id: "rel-belaruskali-owned-by-belarus",
      type: "owned-by",
      from: "belaruskali",
      to: "belarus",
      citations: art(3),
    },
    {
      id: "rel-belaruskali-sanctioned-by-us",
      type: "sanctioned-by",
      from: "belaruskali",
      to: "united-states",
      when: "2021-08/2025-12-12",
      citations: ext,
    },
  ],
  places: [
    {
      id: "minsk",
      kind: "city",
      name: "Minsk",
      aliases: [{ name: "Мінск", lang: "be" }],
      coordinates: { lat: 53.9, lon: 27.5667 },
      country: "BY",
      citations: ext,
    },
    {
      id: "vilnius",
      kind: "city",
      name: "Vilnius",
      coordinates: { lat: 54.6872, lon: 25.2797 },
      country: "LT",
      citations: ext,
    },
    {
      id: "klaipeda",
      kind: "port",
      name: "Klaipeda",
      aliases: [{ name: "Klaipėda", lang: "lt" }],
      coordinates: { lat: 55.7033, lon: 21.1443 },
      country: "LT",
      citations: art(3),
    },
    {
      id: "salihorsk",
      kind: "mine",
      name: "Salihorsk",
      aliases: [{ name: "Soligorsk", lang: "ru" }],
      coordinates: { lat: 52.7876, lon: 27.5415 },
      country: "BY",
      citations: art(3),
    },
    {
      id: "ust-luga",
      kind: "port",
      name: "Ust-Luga",
      coordinates: { lat: 59.6833, lon: 28.4 },
      country: "RU",
      citations: ext,
    },
  ],
  events: [
    {
      id: "ev-kellogg-visit",
      kind: "visit",
      title: "Earlier envoy visits Minsk",
      summary: "A visit before the later releases.",
      date: "2025-06-21",
      status: "occurred",
      participants: [
        { actor: "keith-kellogg", role: "visitor" },
        { actor: "aliaksandr-lukashenka", role: "host" },
      ],
      places: ["minsk"],
      citations: ext,
    },
    {
      id: "ev-summer-talks",
      kind: "meeting",
      title: "Talks some time in summer",
      summary: "Talks dated only to a season.",
      date: "2025-22",
      status: "reported",
      participants: [
        { actor: "john-coale", role: "participant" },
        { actor: "aliaksandr-lukashenka", role: "participant" },
      ],
      places: ["minsk"],
      citations: art(1),
    },
    {
      id: "ev-september-release",
      kind: "release",
      title: "Fifty-two prisoners freed",
      summary: "A release wave in September.",
      date: "2025-09-11",
      status: "occurred",
      participants: [
        { actor: "belarus", role: "initiator" },
        { actor: "john-coale", role: "mediator" },
        { actor: "aliaksandr-lukashenka", role: "initiator" },
      ],
      places: ["minsk", "vilnius"],
      routes: ["route-deport-vilnius"],
      quantities: [{ value: 52, unit: "people", counts: "prisoners released", citations: art(2) }],
      citations: art(2, [0, 15]),
    },
    {
      id: "ev-coale-appointed",
      kind: "appointment",
      title: "Coale named special envoy",
      summary: "The appointment.",
      date: "2025-11-09",
      status: "occurred",
      participants: [
        { actor: "john-coale", role: "appointee" },
        { actor: "united-states", role: "appointer" },
      ],
      citations: art(1),
    },
    {
      id: "ev-early-november",
      kind: "statement",
      title: "Statement in early November",
      summary: "A statement dated to the first ten days of the month.",
      date: "2025-11-01/2025-11-10",
      status: "claimed",
      claimedBy: "aliaksandr-lukashenka",
      participants: [{ actor: "aliaksandr-lukashenka", role: "speaker" }],
      citations: art(4),
    },
    {
      id: "ev-sanctions-eased",
      kind: "sanctions-eased",
      title: "Potash sanctions lifted",
      summary: "Sanctions on the potash company lifted.",
      date: "2025-12-13",
      status: "occurred",
      participants: [
        { actor: "united-states", role: "initiator" },
        { actor: "belaruskali", role: "beneficiary" },
      ],
      links: [{ type: "exchanged-for", event: "ev-december-release" }],
      citations: art(3),
    },
    {
      id: "ev-december-release",
      kind: "release",
      title: "Larger release in December",
      summary: "Another release wave.",
      date: "2025-12-13",
      status: "occurred",
      participants: [
        { actor: "belarus", role: "initiator" },
        { actor: "john-coale", role: "mediator" },
      ],
      places: ["vilnius"],
      routes: ["route-deport-vilnius"],
      quantities: [{ value: 123, unit: "people", counts: "prisoners released", citations: ext }],
      citations: ext,
    },
    {
      id: "ev-klaipeda-transit",
      kind: "trade-shipment",
      title: "Transit through the port is expected",
      summary: "A hoped-for resumption.",
      date: "2026",
      status: "expected",
      participants: [{ actor: "lithuania", role: "target" }],
      places: ["klaipeda"],
      routes: ["route-potash-klaipeda"],
      citations: art(3),
    },
  ],
  routes: [
    {
      id: "route-potash-klaipeda",
      kind: "export-corridor",
      name: "Potash by rail to Klaipeda",
      cargo: "potash",
      description: "The old corridor through Lithuania.",
      legs: [
        { from: "salihorsk", to: "minsk", mode: "rail", distance: { km: 130, citations: ext } },
        { from: "minsk", to: "klaipeda", mode: "rail" },
      ],
      statuses: [
        { status: "in-use", when: "../2022-01-31", citations: art(3) },
        {
          status: "closed",
          when: "2022-02-01/..",
          blockers: [{ description: "Transit contract ended.", actors: ["lithuania"], citations: art(3) }],
          conditions: [
            { description: "A political decision to reopen.", actors: ["lithuania"], citations: art(3) },
          ],
          citations: art(3),
        },
      ],
      actors: ["belaruskali", "lithuania"],
      citations: art(3),
    },
    {
      id: "route-potash-ust-luga",
      kind: "export-corridor",
      name: "Potash by rail to Ust-Luga",
      cargo: "potash",
      description: "The longer Russian route.",
      legs: [{ from: "salihorsk", to: "ust-luga", mode: "rail", distance: { km: 1000, citations: ext } }],
      statuses: [
        { status: "uneconomic", when: "2022-02/..", citations: ext },
        { status: "in-use", when: "2023/..", note: "Used despite cost.", citations: ext },
      ],
      actors: ["belaruskali"],
      citations: ext,
    },
    {
      id: "route-deport-vilnius",
      kind: "deportation",
      name: "Released prisoners driven to Vilnius",
      cargo: "people",
      description: "Freed prisoners taken over the border.",
      legs: [{ from: "minsk", to: "vilnius", mode: "road", distance: { km: 180, citations: ext } }],
      statuses: [{ status: "in-use", when: "2025-09-11/2025-12-13", citations: ext }],
      actors: ["belarus"],
      citations: ext,
    },
  ],
  deals: [
    {
      id: "deal-september",
      title: "September exchange",
      parties: ["united-states", "belarus"],
      date: "2025-09-11",
      summary: "Prisoners for relief on the airline.",
      concessions: [
        {
          by: "belarus",
          to: "united-states",
          kind: "prisoner-release",
          what: "Fifty-two prisoners freed.",
          delivery: "delivered",
          amount: { value: 52, unit: "people", counts: "prisoners released" },
          events: ["ev-september-release"],
          citations: art(2),
        },
        {
          by: "united-states",
          to: "belarus",
          kind: "sanctions-relief",
          what: "Relief for the national airline.",
          delivery: "delivered",
          citations: ext,
        },
      ],
      brokers: ["john-coale"],
      citations: art(2),
    },
    {
      id: "deal-december",
      title: "December exchange",
      parties: ["united-states", "belarus"],
      date: "2025-12-13",
      summary: "Prisoners for potash relief.",
      concessions: [
        {
          by: "belarus",
          to: "united-states",
          kind: "prisoner-release",
          what: "A larger group freed.",
          delivery: "delivered",
          amount: { value: 123, unit: "people", counts: "prisoners released" },
          events: ["ev-december-release"],
          citations: ext,
        },
        {
          by: "united-states",
          to: "belarus",
          kind: "sanctions-relief",
          what: "Potash sanctions lifted.",
          delivery: "delivered",
          events: ["ev-sanctions-eased"],
          citations: art(3),
        },
        {
          by: "united-states",
          to: "belarus",
          kind: "sanctions-relief-promise",
          what: "Further relief promised.",
          delivery: "promised",
          date: "2026",
          citations: ext,
        },
      ],
      brokers: ["john-coale"],
      citations: ext,
    },
  ],
  assessments: [
    {
      id: "as-recognition-motive",
      topic: "motive",
      claim: "The analyst reads the releases as a bid for recognition.",
      source: "test-article",
      about: ["aliaksandr-lukashenka", "deal-december"],
      confidence: "likely",
      citations: art(4),
    },
  ],
} as const;

/** The fixture, parsed (defaults applied). A fresh copy on every call. */
export function fixtureDataset(): Dataset {
  return DatasetSchema.parse(structuredClone(fixtureInput));
}

/** The first actor, event, route, source and deal of a dataset, and an id that names nothing. */
export function sampleIds(ds: Dataset): string[] {
  const firsts = [ds.actors[0], ds.events[0], ds.routes[0], ds.sources[0], ds.deals[0]];
  return [...firsts.flatMap((x) => (x ? [x.id] : [])), "ghost"];
}

export { importSample, type SampleRefs, sampleImportIds, sampleImportItems } from "./import-sample.ts";
