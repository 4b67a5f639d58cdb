import { describe, expect, it } from "vitest";
import { type DatasetInput, DatasetSchema } from "../dataset.ts";
import { FIXTURE } from "./fixture.ts";
import { buildSearchIndex, SEARCH_KINDS, SEARCH_MAX_QUERY_LENGTH, search } from "./search.ts";

const cite = [{ source: "src" }];

function actor(id: string, name: string, description = "a person", aliases: string[] = []) {
  return {
    id,
    kind: "person" as const,
    name,
    description,
    aliases: aliases.map((name) => ({ name })),
    citations: cite,
  };
}

function index(input: DatasetInput) {
  return buildSearchIndex(DatasetSchema.parse(input));
}

const ids = (hits: { id: string }[]) => hits.map((h) => h.id);

describe("search: ranking tiers", () => {
  const ix = index({
    actors: [
      actor("exact-name", "Marek"),
      actor("alias", "Someone Else", "a person", ["Marek"]),
      actor("prefix", "Marekovich"),
      actor("token", "Jan Marek Nowak"),
      actor("fuzzy", "Marel"),
      actor("description", "Unrelated Person", "spoke with Marek at length"),
    ],
  });

  it("orders exact name > alias > prefix > token > fuzzy > description", () => {
    expect(ids(search(ix, "Marek"))).toEqual([
      "exact-name",
      "alias",
      "prefix",
      "token",
      "fuzzy",
      "description",
    ]);
  });

  it("gives every hit a score in (0, 1], decreasing, and 1 to the exact primary name", () => {
    const hits = search(ix, "Marek");
    expect(hits[0]?.score).toBe(1);
    for (const h of hits) {
      expect(h.score).toBeGreaterThan(0);
      expect(h.score).toBeLessThanOrEqual(1);
    }
    for (let i = 1; i < hits.length; i++) {
      expect(hits[i]?.score).toBeLessThan(hits[i - 1]?.score as number);
    }
  });

  it("reports what matched: the alias itself, or an excerpt of a long text", () => {
    const hits = search(ix, "Marek");
    expect(hits.find((h) => h.id === "alias")?.matched).toBe("Marek");
    expect(hits.find((h) => h.id === "exact-name")?.matched).toBe("Marek");
    const long = index({
      actors: [
        actor(
          "a",
          "Somebody",
          "A long description of a person that goes on for a while before it finally mentions Klaipėda and then goes on again for a good many more words after it.",
        ),
      ],
    });
    const [hit] = search(long, "klaipeda");
    expect(hit?.matched).toContain("Klaipėda");
    expect(hit?.matched.length).toBeLessThan(120);
  });

  it("puts a name under another romanization above a mention in a description", () => {
    const hits = search(
      index({
        actors: [
          actor("who", "Sviatlana Tsikhanouskaya"),
          actor("other", "Another Person", "an adviser of Tikhanovskaya"),
        ],
      }),
      "Tikhanovskaya",
    );
    expect(ids(hits)).toEqual(["who", "other"]);
  });

  it("puts a person above headlines and names that start with their surname", () => {
    const ix2 = index({
      actors: [actor("person", "Yevgeny Prigozhin"), actor("aides", "Prigozhin's men in Belarus")],
      events: [
        {
          id: "headline",
          kind: "statement",
          title: "Prigozhin says the march is over",
          summary: "A statement.",
          date: "2023-06-24",
          status: "occurred",
          citations: cite,
        },
      ],
    });
    expect(ids(search(ix2, "Prigozhin"))).toEqual(["person", "aides", "headline"]);
    // While the surname is still being typed, a name that starts with it is the prefix tier.
    expect(ids(search(ix2, "Prigo"))[0]).toBe("aides");
  });

  it("files a machine-coded event's title but not its generated summary", () => {
    const base = {
      kind: "meeting" as const,
      title: "Poland → Belarus: consult",
      summary: "Generated from coded fields at Grodno with tone -3.2.",
      date: "2025-01-01",
      status: "reported" as const,
      citations: cite,
    };
    const ix2 = index({
      events: [
        { ...base, id: "coded", coding: { system: "cameo" as const, code: "040" } },
        { ...base, id: "curated" },
      ],
    });
    expect(ids(search(ix2, "Grodno"))).toEqual(["curated"]);
    expect(ids(search(ix2, "consult")).sort()).toEqual(["coded", "curated"]);
  });

  it("adds up words found in different fields of one entity", () => {
    const ix2 = index({
      actors: [actor("kellogg", "Keith Kellogg", "a retired general who went to Minsk in June")],
      places: [
        {
          id: "minsk",
          kind: "city",
          name: "Minsk",
          country: "BY",
          coordinates: { lat: 53.9, lon: 27.57 },
          citations: cite,
        },
      ],
    });
    expect(ids(search(ix2, "Kellogg Minsk"))).toEqual(["kellogg", "minsk"]);
    expect(ids(search(ix2, "Minsk"))).toEqual(["minsk", "kellogg"]);
  });

  it("ranks the whole multi-word name first, whatever the spelling", () => {
    const ix2 = buildSearchIndex(FIXTURE);
    expect(search(ix2, "Svetlana Tikhanovskaya")[0]?.id).toBe("sviatlana-tsikhanouskaya");
    expect(search(ix2, "Святлана Ціханоўская")[0]?.id).toBe("sviatlana-tsikhanouskaya");
    expect(search(ix2, "aliaksandr lukashenka")[0]?.score).toBe(0.95);
  });
});

describe("search: kinds, limits, order", () => {
  const ix = buildSearchIndex(FIXTURE);

  it("searches every kind", () => {
    expect(search(ix, "Coale", { kinds: ["actor"] })[0]?.id).toBe("john-coale");
    expect(search(ix, "Klaipeda", { kinds: ["place"] })[0]?.id).toBe("klaipeda");
    expect(search(ix, "Klaipeda", { kinds: ["route"] })[0]?.id).toBe("klaipeda-corridor");
    expect(search(ix, "General License", { kinds: ["event"] })[0]?.id).toBe("general-license-13");
    expect(search(ix, "prisoners airline", { kinds: ["deal"] })[0]?.id).toBe("deal-september-2025");
    expect(search(ix, "Reuters", { kinds: ["source"] })[0]?.id).toBe("src-reuters-potash");
    expect(search(ix, "Carnegie Politika")[0]?.id).toBe("src-commentary");
  });

  it("filters by kinds", () => {
    const hits = search(ix, "potash", { kinds: ["route", "deal"] });
    expect(hits.length).toBeGreaterThan(0);
    expect(new Set(hits.map((h) => h.kind))).toEqual(new Set(["route", "deal"]));
  });

  it("honours the limit (default 20, at most 100) and rejects a bad one", () => {
    expect(search(ix, "a", { limit: 2 }).length).toBeLessThanOrEqual(2);
    expect(search(ix, "belarus", { limit: 3 })).toHaveLength(3);
    expect(search(ix, "belarus").length).toBeLessThanOrEqual(20);
    expect(search(ix, "belarus", { limit: 1000 }).length).toBeLessThanOrEqual(100);
    expect(() => search(ix, "belarus", { limit: 0 })).toThrow(/limit/);
    expect(() => search(ix, "belarus", { limit: Number.NaN })).toThrow(/limit/);
    expect(() => search(ix, "belarus", { kinds: ["person" as never] })).toThrow(/kind "person"/);
  });

  it("returns [] for empty, blank and punctuation-only queries", () => {
    expect(search(ix, "")).toEqual([]);
    expect(search(ix, "   \t\n")).toEqual([]);
    expect(search(ix, "?!-–")).toEqual([]);
  });

  it("cuts queries at 200 characters", () => {
    const long = `${"x".repeat(SEARCH_MAX_QUERY_LENGTH)} Lukashenko`;
    expect(search(ix, long)).toEqual([]);
    const padded = `Lukashenko ${"z".repeat(10_000)}`;
    expect(search(ix, padded)[0]?.id).toBe("alexander-lukashenko");
  });

  it("orders equal scores by kind, then label, then id", () => {
    const tie = index({
      actors: [actor("b-actor", "Twin"), actor("a-actor", "Twin")],
      places: [
        {
          id: "a-place",
          kind: "city",
          name: "Twin",
          country: "BY",
          coordinates: { lat: 1, lon: 1 },
          citations: cite,
        },
      ],
    });
    const hits = search(tie, "twin");
    expect(ids(hits)).toEqual(["a-actor", "b-actor", "a-place"]);
    expect(new Set(hits.map((h) => h.score)).size).toBe(1);
  });

  it("is deterministic and independent of earlier queries", () => {
    const first = search(ix, "Tsikhanouskaya");
    search(ix, "potash");
    search(ix, "Minsk", { kinds: ["place"] });
    expect(search(ix, "Tsikhanouskaya")).toEqual(first);
  });

  it("caches results without letting callers change them", () => {
    const cached = buildSearchIndex(FIXTURE, { cacheSize: 2 });
    const uncached = buildSearchIndex(FIXTURE, { cacheSize: 0 });
    const first = search(cached, "Kalesnikava");
    (first[0] as { label: string }).label = "changed by a caller";
    for (const q of ["Kalesnikava", "potash", "Minsk", "Kalesnikava", "Minsk"]) {
      expect(search(cached, q)).toEqual(search(uncached, q));
    }
    expect(search(cached, "Kalesnikava", { kinds: ["event"] })).toEqual(
      search(uncached, "Kalesnikava", { kinds: ["event"] }),
    );
    expect(() => buildSearchIndex(FIXTURE, { cacheSize: -1 })).toThrow(/cacheSize/);
  });

  it("keeps the kind list in its documented order", () => {
    expect(SEARCH_KINDS).toEqual(["actor", "place", "event", "route", "deal", "source"]);
  });

  it("works on an empty dataset", () => {
    const empty = buildSearchIndex(DatasetSchema.parse({}));
    expect(empty.size).toBe(0);
    expect(search(empty, "Minsk")).toEqual([]);
  });

  it("takes scripts it does not transliterate as they are", () => {
    const ix2 = index({ actors: [actor("greek", "Αθήνα Παπαδοπούλου"), actor("cjk", "東京")] });
    expect(search(ix2, "αθηνα")[0]?.id).toBe("greek");
    expect(search(ix2, "東京")[0]?.id).toBe("cjk");
  });

  it("rejects an index it did not build", () => {
    expect(() => search({ size: 0 }, "x")).toThrow(/buildSearchIndex/);
  });

  it("ignores English function words unless they are all there is", () => {
    expect(search(ix, "the Klaipėda potash corridor")[0]?.id).toBe("klaipeda-corridor");
    // Typed alone, a function word is the start of a name being typed.
    expect(search(ix, "of")[0]?.id).toBe("ofac");
  });

  it("does not treat numbers as fuzzy", () => {
    const hits = search(ix, "General License 14");
    expect(hits.some((h) => h.id === "general-license-13")).toBe(true);
    expect(search(ix, "123")[0]?.id).toBe("release-2025-12-13");
    expect(search(ix, "124")).toEqual([]);
  });
});
