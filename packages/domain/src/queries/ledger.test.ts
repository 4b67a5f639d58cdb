import { describe, expect, it } from "vitest";
import { actor, cite, dataset } from "./fixture.ts";
import { dealLedger, ledgerEntries } from "./ledger.ts";

const ds = dataset({
  actors: ["us", "by", "lt"].map((id) => actor(id, { kind: "state" })),
  deals: [
    {
      id: "d2",
      title: "Second",
      parties: ["us", "by"],
      date: "2025-12-13",
      summary: "s",
      concessions: [
        {
          by: "by",
          to: "us",
          kind: "prisoner-release",
          what: "123 freed",
          delivery: "delivered",
          amount: { value: 123, unit: "people", counts: "prisoners released" },
          citations: cite,
        },
        {
          by: "us",
          to: "by",
          kind: "sanctions-relief",
          what: "potash",
          delivery: "delivered",
          citations: cite,
        },
        {
          by: "us",
          to: "by",
          kind: "sanctions-relief",
          what: "more",
          delivery: "promised",
          date: "2026",
          citations: cite,
        },
      ],
      citations: cite,
    },
    {
      id: "d1",
      title: "First",
      parties: ["us", "by"],
      date: "2025-09-11",
      summary: "s",
      concessions: [
        {
          by: "by",
          to: "us",
          kind: "prisoner-release",
          what: "52 freed",
          delivery: "delivered",
          amount: { value: 52, unit: "people", counts: "prisoners released" },
          citations: cite,
        },
        {
          by: "by",
          to: "us",
          kind: "prisoner-release",
          what: "5 more, never freed",
          delivery: "not-delivered",
          amount: { value: 5, unit: "people", counts: "prisoners released" },
          citations: cite,
        },
      ],
      citations: cite,
    },
    {
      id: "d3",
      title: "Other pair",
      parties: ["lt", "by"],
      date: "2025-10",
      summary: "s",
      concessions: [
        { by: "lt", to: "by", kind: "border-opening", what: "open", delivery: "partial", citations: cite },
      ],
      citations: cite,
    },
  ],
});

describe("ledgerEntries", () => {
  it("orders concessions by date, taking the deal's date when they have none", () => {
    expect(ledgerEntries(ds.deals).map((e) => `${e.deal}#${e.index}@${e.date}`)).toEqual([
      "d1#0@2025-09-11",
      "d1#1@2025-09-11",
      "d3#0@2025-10",
      "d2#0@2025-12-13",
      "d2#1@2025-12-13",
      "d2#2@2026",
    ]);
  });
});

describe("dealLedger", () => {
  const pairs = dealLedger(ds.deals);

  it("groups by unordered pair of parties", () => {
    expect(pairs.map((p) => p.parties)).toEqual([
      ["by", "us"],
      ["by", "lt"],
    ]);
    expect(pairs[0]?.deals).toEqual(["d1", "d2"]);
  });

  it("keeps running totals per giver and measure", () => {
    const totals = pairs[0]?.totals ?? [];
    const released = totals.find((t) => t.by === "by" && t.measure === "prisoners released (people)");
    expect(released?.points.map((p) => p.given)).toEqual([52, 52, 175]);
    expect(released).toMatchObject({ given: 175, promised: 0, notDelivered: 5 });
    const relief = totals.find((t) => t.by === "us" && t.measure === "sanctions-relief");
    expect(relief).toMatchObject({ given: 1, promised: 1, unit: "concessions" });
    expect(relief?.points.map((p) => [p.given, p.promised])).toEqual([
      [1, 0],
      [1, 1],
    ]);
    expect(pairs[1]?.totals[0]).toMatchObject({ by: "lt", measure: "border-opening", given: 1 });
  });

  it("filters by party and by pair", () => {
    expect(dealLedger(ds.deals, { party: "lt" }).map((p) => p.parties)).toEqual([["by", "lt"]]);
    expect(dealLedger(ds.deals, { pair: ["us", "by"] })).toHaveLength(1);
    expect(dealLedger(ds.deals, { pair: ["us", "lt"] })).toEqual([]);
  });
});
