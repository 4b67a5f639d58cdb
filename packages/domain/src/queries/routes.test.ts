import { describe, expect, it } from "vitest";
import type { Route } from "../route.ts";
import { cite, dataset, place } from "./fixture.ts";
import { compareRoutes, routeDetail, routeDistance, routeStatusAt, todayEdtf } from "./routes.ts";

const ds = dataset({
  places: [place("mine"), place("hub"), place("port-a"), place("port-b")],
  routes: [
    {
      id: "via-a",
      kind: "export-corridor",
      name: "Via A",
      cargo: "potash",
      description: "d",
      legs: [
        { from: "mine", to: "hub", mode: "rail", distance: { km: 100, citations: cite } },
        { from: "hub", to: "port-a", mode: "rail" },
        { from: "port-a", to: "port-b", mode: "sea", distance: { km: 50.5, citations: cite } },
      ],
      statuses: [
        { status: "in-use", when: "../2022-01-31", citations: cite },
        {
          status: "closed",
          when: "2022-02-01/..",
          blockers: [{ description: "contract ended", citations: cite }],
          conditions: [{ description: "political decision", citations: cite }],
          citations: cite,
        },
        { status: "proposed", when: "2026-01/2026-03", note: "talks", citations: cite },
      ],
      citations: cite,
    },
    {
      id: "via-b",
      kind: "export-corridor",
      name: "Via B",
      cargo: "potash",
      description: "d",
      legs: [{ from: "mine", to: "port-b", mode: "rail", distance: { km: 900, citations: cite } }],
      statuses: [{ status: "in-use", when: "2023/..", citations: cite }],
      citations: cite,
    },
    {
      id: "people",
      kind: "deportation",
      name: "People",
      cargo: "people",
      description: "d",
      legs: [{ from: "hub", to: "port-a", mode: "road" }],
      citations: cite,
    },
  ],
});
const [viaA, viaB, people] = ds.routes as [Route, Route, Route];
const places = new Map(ds.places.map((p) => [p.id, p]));

describe("routeStatusAt", () => {
  it("finds the period containing the date", () => {
    expect(routeStatusAt(viaA, "2021-06-01").status).toBe("in-use");
    expect(routeStatusAt(viaA, "2024-05-05").status).toBe("closed");
  });

  it("lets the latest matching period win when periods overlap", () => {
    const s = routeStatusAt(viaA, "2026-02-10");
    expect(s.status).toBe("proposed");
    expect(s.periodIndex).toBe(2);
    expect(s.period?.note).toBe("talks");
  });

  it("is unknown before any period and for routes without statuses", () => {
    expect(routeStatusAt(viaB, "2022-06-01")).toEqual({ status: "unknown", periodIndex: null, period: null });
    expect(routeStatusAt(people, "2025-01-01").status).toBe("unknown");
  });

  it("treats a fuzzy date as its whole span", () => {
    // January 2022 overlaps only the first period; the whole of 2022 also overlaps the closure
    expect(routeStatusAt(viaA, "2022-01").status).toBe("in-use");
    expect(routeStatusAt(viaA, "2022").status).toBe("closed");
  });
});

describe("route distance and detail", () => {
  it("adds sourced distances and flags unknown legs", () => {
    expect(routeDistance(viaA)).toEqual({
      sourcedKm: 150.5,
      knownLegs: 2,
      unknownLegs: 1,
      hasUnknownLeg: true,
    });
    expect(routeDistance(viaB).hasUnknownLeg).toBe(false);
  });

  it("resolves legs to places and takes blockers from the period in force", () => {
    const d = routeDetail(viaA, places, "2024-01-01");
    expect(d.legs.map((l) => [l.from.name, l.to.name, l.km])).toEqual([
      ["MINE", "HUB", 100],
      ["HUB", "PORT-A", null],
      ["PORT-A", "PORT-B", 50.5],
    ]);
    expect(d.stops.map((s) => s.id)).toEqual(["mine", "hub", "port-a", "port-b"]);
    expect(d.current.status).toBe("closed");
    expect(d.blockers.map((b) => b.description)).toEqual(["contract ended"]);
    expect(d.conditions).toHaveLength(1);
    expect(d.history.map((h) => h.status)).toEqual(["in-use", "closed", "proposed"]);
    expect(d.history[0]?.start).toBeNull();
    expect(d.history[1]?.end).toBeNull();
  });

  it("names a missing place by its id instead of failing", () => {
    const d = routeDetail(viaA, new Map(), "2024-01-01");
    expect(d.legs[0]?.from).toEqual({
      id: "mine",
      name: "mine",
      kind: null,
      country: null,
      coordinates: null,
    });
  });
});

describe("compareRoutes", () => {
  it("lists the routes of one cargo side by side", () => {
    const rows = compareRoutes(ds.routes, "potash", places, "2024-06-01");
    expect(rows.map((r) => [r.id, r.status, r.distance.sourcedKm, r.modes])).toEqual([
      ["via-a", "closed", 150.5, ["rail", "sea"]],
      ["via-b", "in-use", 900, ["rail"]],
    ]);
    expect(compareRoutes(ds.routes, "troops", places, "2024-06-01")).toEqual([]);
  });

  it("today is an EDTF day", () => {
    expect(todayEdtf(new Date(Date.UTC(2025, 11, 13, 23, 0)))).toBe("2025-12-13");
  });
});
