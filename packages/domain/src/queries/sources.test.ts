import { describe, expect, it } from "vitest";
import { type Dataset, ENTITY_KINDS } from "../dataset.ts";
import { actor, cite, dataset, ev, place } from "./fixture.ts";
import {
  type CitingClaim,
  citationsBySource,
  citedPassage,
  citingClaimsOf,
  entityLabel,
  groupByParagraph,
  splitParagraphs,
} from "./sources.ts";

const ds = dataset({
  sources: [{ id: "wire", kind: "news-report", title: "W", publisher: "P", language: "en" }],
  actors: [
    actor("a", {
      citations: [{ source: "src", paragraph: 3 }],
      roles: [
        { title: "envoy", citations: [{ source: "wire" }, { source: "src", paragraph: 1, span: [0, 4] }] },
      ],
    }),
  ],
  events: [ev("e", "2025", { citations: [{ source: "src", paragraph: 3 }, { source: "src" }] })],
});

describe("citationsBySource", () => {
  const by = citationsBySource(ds);

  it("finds citations at any depth, with their path", () => {
    expect(by.get("src")?.map((c) => `${c.kind}:${c.id}:${c.path}`)).toEqual([
      "actor:a:roles[0].citations[1]",
      "actor:a:citations[0]",
      "event:e:citations[0]",
      "event:e:citations[1]",
    ]);
    expect(by.get("wire")?.map((c) => [c.field, c.label])).toEqual([["roles[0]", "A"]]);
  });

  it("groups by paragraph, whole-source citations last", () => {
    const groups = groupByParagraph(by.get("src") ?? []);
    expect(groups.map((g) => [g.paragraph, g.claims.length])).toEqual([
      [1, 1],
      [3, 2],
      [null, 1],
    ]);
  });
});

/** Citations in route legs, status blockers, deal concessions and an assessment. */
const nested = dataset({
  sources: [{ id: "wire", kind: "news-report", title: "W", publisher: "P", language: "en" }],
  actors: [actor("a"), actor("b", { citations: [{ source: "wire" }, ...cite] })],
  places: [place("p", { citations: [{ source: "wire" }] })],
  routes: [
    {
      id: "r",
      kind: "export-corridor",
      name: "R",
      cargo: "potash",
      description: "d",
      legs: [{ from: "p", to: "p", mode: "rail", distance: { km: 1, citations: [{ source: "wire" }] } }],
      statuses: [
        {
          status: "blocked",
          when: "2022/..",
          blockers: [{ description: "x", citations: [{ source: "src", paragraph: 4 }, { source: "wire" }] }],
          citations: cite,
        },
      ],
      citations: cite,
    },
  ],
  deals: [
    {
      id: "d",
      title: "D",
      parties: ["a", "b"],
      date: "2025",
      summary: "s",
      concessions: [
        {
          by: "a",
          to: "b",
          kind: "prisoner-release",
          what: "w",
          delivery: "delivered",
          citations: [{ source: "wire" }],
        },
      ],
      citations: cite,
    },
  ],
  assessments: [{ id: "s", topic: "motive", claim: "C", source: "src", about: ["a"], citations: cite }],
});

describe("citingClaimsOf", () => {
  const grouped = (data: Dataset) => {
    const out = new Map<string, CitingClaim[]>();
    for (const kind of ENTITY_KINDS)
      for (const entity of data[kind])
        for (const claim of citingClaimsOf(kind, entity))
          out.set(claim.citation.source, [...(out.get(claim.citation.source) ?? []), claim]);
    return out;
  };

  it("grouped by source over the whole dataset, is citationsBySource", () => {
    for (const data of [ds, nested]) {
      const expected = citationsBySource(data);
      expect(grouped(data)).toEqual(expected);
      expect([...grouped(data).keys()]).toEqual([...expected.keys()]);
    }
    expect(citationsBySource(nested).get("wire")?.length).toBe(5);
  });

  it("lists one entity's claims in walk order", () => {
    const a = ds.actors[0];
    if (!a) throw new Error("fixture has an actor");
    expect(citingClaimsOf("actors", a).map((c) => `${c.citation.source}:${c.path}`)).toEqual([
      "wire:roles[0].citations[0]",
      "src:roles[0].citations[1]",
      "src:citations[0]",
    ]);
    expect(citingClaimsOf("actors", { id: "bare" })).toEqual([]);
  });
});

describe("paragraph helpers", () => {
  it("splits on non-empty lines and cuts spans", () => {
    const paras = splitParagraphs("one\n\n  \ntwo words\r\nthree\n");
    expect(paras).toEqual(["one", "two words", "three"]);
    expect(citedPassage(paras[1] as string, [4, 9])).toBe("words");
    expect(citedPassage("whole", undefined)).toBe("whole");
  });

  it("labels entities by name, title or claim", () => {
    expect(entityLabel({ id: "x", title: "T" })).toBe("T");
    expect(entityLabel({ id: "x", claim: "C" })).toBe("C");
    expect(entityLabel({ id: "x" })).toBe("x");
  });
});
