import { describe, expect, it } from "vitest";
import { actor, dataset, ev } from "./fixture.ts";
import {
  citationsBySource,
  citedPassage,
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
