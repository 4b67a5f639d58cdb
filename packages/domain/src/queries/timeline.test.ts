import { describe, expect, it } from "vitest";
import { dateBounds } from "../dates.ts";
import type { StoryEvent } from "../event.ts";
import { dataset, ev } from "./fixture.ts";
import {
  buildTimelineIndex,
  inWindow,
  matchTimeline,
  queryTimeline,
  sortEvents,
  TimelineCursorError,
  type TimelineFilter,
} from "./timeline.ts";

const ids = (events: readonly StoryEvent[]) => events.map((e) => e.id);

describe("timeline window", () => {
  const ds = dataset({
    events: [
      ev("summer", "2025-22"),
      ev("july-day", "2025-07-14"),
      ev("june", "2025-06"),
      ev("september", "2025-09-02"),
      ev("open-start", "../2021"),
      ev("open-end", "2025-11-09/.."),
    ],
  });
  const index = buildTimelineIndex(ds.events);
  const page = (f: TimelineFilter) => ids(queryTimeline(index, f, { limit: 200 }).items);

  it("counts partial overlaps: a summer event is in a July window", () => {
    expect(page({ from: "2025-07", to: "2025-07" })).toEqual(["summer", "july-day"]);
  });

  it("with containedOnly, the whole span must be inside the window", () => {
    expect(page({ from: "2025-07", to: "2025-07", containedOnly: true })).toEqual(["july-day"]);
    expect(page({ from: "2025", to: "2025", containedOnly: true })).toEqual([
      "june",
      "summer",
      "july-day",
      "september",
    ]);
  });

  it("uses the latest instant of `to` and the earliest of `from`", () => {
    expect(page({ from: "2025-09-02", to: "2025-09-02" })).toEqual(["september"]);
    expect(page({ to: "2021" })).toEqual(["open-start"]);
    expect(page({ from: "2030" })).toEqual(["open-end"]);
  });

  it("returns nothing for a reversed window", () => {
    expect(page({ from: "2026", to: "2025" })).toEqual([]);
  });

  it("inWindow agrees with the bounds", () => {
    const w = { min: dateBounds("2025-07").min, max: dateBounds("2025-07").max };
    const summer = dateBounds("2025-22");
    expect(inWindow(summer, w)).toBe(true);
    expect(inWindow(summer, w, true)).toBe(false);
  });
});

describe("timeline order", () => {
  it("orders by earliest instant, then narrower first, then date string, then id", () => {
    const ds = dataset({
      events: [
        ev("b-day", "2025-11-01"),
        ev("month", "2025-11"),
        ev("a-day", "2025-11-01"),
        ev("early", "2025-11-01/2025-11-10"),
        ev("before", "../2025-10-31"),
        ev("later", "2025-11-02"),
      ],
    });
    expect(ids(sortEvents(ds.events))).toEqual(["before", "a-day", "b-day", "early", "month", "later"]);
  });

  it("is the same whatever the input order", () => {
    const base = dataset({
      events: [ev("x", "2025-11"), ev("y", "2025-11"), ev("z", "2025-22"), ev("w", "2025-06-01")],
    }).events;
    const reversed = [...base].reverse();
    expect(ids(sortEvents(base))).toEqual(ids(sortEvents(reversed)));
  });
});

describe("timeline filters and paging", () => {
  const ds = dataset({
    actors: [],
    events: [
      ev("e1", "2025-01-01", { participants: [{ actor: "a", role: "initiator" }], places: ["p"] }),
      ev("e2", "2025-02-01", { kind: "release", participants: [{ actor: "b", role: "target" }] }),
      ev("e3", "2025-03-01", { status: "claimed", claimedBy: "a", routes: ["r"] }),
      ev("e4", "2025-04-01", {
        kind: "release",
        participants: [{ actor: "a", role: "mediator" }],
        places: ["p"],
      }),
      ev("e5", "2025-05-01", { status: "expected" }),
    ],
  });
  const index = buildTimelineIndex(ds.events);
  const all = (f: TimelineFilter) => ids(queryTimeline(index, f, { limit: 200 }).items);

  it("matches actors as participants or claimants", () => {
    expect(all({ actors: ["a"] })).toEqual(["e1", "e3", "e4"]);
    expect(all({ actors: ["a", "b"] })).toEqual(["e1", "e2", "e3", "e4"]);
  });

  it("combines dimensions with AND and values with OR", () => {
    expect(all({ actors: ["a"], kinds: ["release"] })).toEqual(["e4"]);
    expect(all({ places: ["p"], to: "2025-02" })).toEqual(["e1"]);
    expect(all({ route: "r" })).toEqual(["e3"]);
    expect(all({ statuses: ["claimed", "expected"] })).toEqual(["e3", "e5"]);
    expect(all({ actors: ["nobody"] })).toEqual([]);
  });

  it("pages by cursor without gaps or repeats", () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const r = queryTimeline(index, {}, { cursor, limit: 2 });
      expect(r.total).toBe(5);
      seen.push(...ids(r.items));
      cursor = r.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(seen).toEqual(["e1", "e2", "e3", "e4", "e5"]);
    expect(pages).toBe(3);
  });

  it("the last page has no next cursor; an unknown cursor throws", () => {
    expect(queryTimeline(index, {}, { limit: 5 }).nextCursor).toBeNull();
    expect(queryTimeline(index, {}, { limit: 4 }).nextCursor).toBe("e4");
    expect(() => queryTimeline(index, {}, { cursor: "nope" })).toThrow(TimelineCursorError);
  });

  it("a cursor from an unfiltered page continues a filtered one after that position", () => {
    expect(ids(queryTimeline(index, { actors: ["a"] }, { cursor: "e2" }).items)).toEqual(["e3", "e4"]);
  });
});

describe("timeline against a brute-force filter", () => {
  // every span class the window pruning distinguishes: days, months, seasons, years, ranges
  // of a few years, decades and open-ended dates
  const dates = [
    "2025",
    "2025-22",
    "2025-07",
    "2025-07-14",
    "2025-07-31",
    "2025-08-01",
    "2025-11-01/2025-11-10",
    "../2024",
    "2025-06/..",
    // open at the start and ending after some windows end; open at both ends
    "../2025-06-10",
    "../..",
    "2024-12",
    "2019/2025",
    "2011/2024",
    "2025-21",
    "2024-24",
    "2025-06-30/2025-07-01",
    "1999",
  ];
  const actors = ["a", "b", "c", "d"];
  const places = ["p", "q"];
  // mulberry32: a small PRNG whose low bits are as random as its high ones
  let seed = 42;
  const rnd = (n: number) => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
  const events = Array.from({ length: 600 }, (_, i) =>
    ev(`e${i}`, dates[rnd(dates.length)] as string, {
      kind: rnd(2) ? "release" : "meeting",
      participants: [
        { actor: actors[rnd(4)] as string, role: "participant" },
        ...(rnd(3) === 0 ? [{ actor: actors[rnd(4)] as string, role: "target" as const }] : []),
      ],
      places: rnd(2) ? [places[rnd(2)] as string] : [],
      routes: rnd(4) === 0 ? ["r"] : [],
      status: rnd(3) === 0 ? "reported" : "occurred",
    }),
  );
  const ds = dataset({ events });
  const index = buildTimelineIndex(ds.events);
  const sorted = sortEvents(ds.events);
  const windows: [string | undefined, string | undefined][] = [
    [undefined, undefined],
    ["2025-07", "2025-07"],
    ["2025-07-31", "2025-07-31"],
    [undefined, "2024"],
    ["2025-11-05", undefined],
    ["2025-06", "2025-08"],
    ["2020", "2020"],
    ["2025-08-01", "2025-08-01"],
    ["1990", "2030"],
    ["2031", "2032"],
  ];
  const filters: Omit<TimelineFilter, "from" | "to" | "containedOnly">[] = [
    {},
    { actors: ["a"] },
    { actors: ["a", "c"], kinds: ["release"] },
    { actors: ["b", "b"] },
    { places: ["p"] },
    { places: ["p", "q"], actors: ["d"] },
    { kinds: ["meeting"] },
  ];

  function brute(filter: TimelineFilter): string[] {
    const wmin = filter.from ? dateBounds(filter.from).min : -Infinity;
    const wmax = filter.to ? dateBounds(filter.to).max : Infinity;
    return sorted
      .filter((e) => {
        const b = dateBounds(e.date);
        const inside = filter.containedOnly ? b.min >= wmin && b.max <= wmax : b.min <= wmax && b.max >= wmin;
        return (
          inside &&
          (!filter.kinds || filter.kinds.includes(e.kind)) &&
          (!filter.actors || e.participants.some((p) => filter.actors?.includes(p.actor))) &&
          (!filter.places || e.places.some((p) => filter.places?.includes(p))) &&
          (!filter.statuses || filter.statuses.includes(e.status)) &&
          (filter.route === undefined || e.routes.includes(filter.route))
        );
      })
      .map((e) => e.id);
  }

  it("agrees on every combination of filters and windows, both overlap rules", () => {
    let nonEmpty = 0;
    for (const [from, to] of windows) {
      for (const containedOnly of [false, true]) {
        for (const f of filters) {
          const filter: TimelineFilter = { ...f, from, to, containedOnly };
          const got = matchTimeline(index, filter).map((p) => index.entries[p]?.event.id);
          const want = brute(filter);
          expect(got, JSON.stringify(filter)).toEqual(want);
          if (want.length > 0) nonEmpty++;
        }
      }
    }
    // the comparison is only worth something if many of the 140 combinations find events
    expect(nonEmpty).toBeGreaterThanOrEqual(60);
  });

  it("pages every combination with cursors: the same events, totals and last page as brute force", () => {
    for (const [from, to] of windows) {
      for (const containedOnly of [false, true]) {
        for (const f of [...filters, { statuses: ["occurred" as const] }, { route: "r" }]) {
          const filter: TimelineFilter = { ...f, from, to, containedOnly };
          const want = brute(filter);
          const got: string[] = [];
          let cursor: string | undefined;
          for (let i = 0; i < 1000; i++) {
            const page = queryTimeline(index, filter, { cursor, limit: 9 });
            expect(page.total, JSON.stringify(filter)).toBe(want.length);
            got.push(...ids(page.items));
            if (page.nextCursor === null) break;
            expect(page.items).toHaveLength(9);
            cursor = page.nextCursor;
          }
          expect(got, JSON.stringify(filter)).toEqual(want);
        }
      }
    }
  });

  it("continues after a cursor that is not itself a match", () => {
    const filter: TimelineFilter = { actors: ["a"], from: "2025-06", to: "2025-09" };
    const want = brute(filter);
    expect(want.length).toBeGreaterThan(20);
    expect(want.length).toBeLessThan(300);
    const outsider = sorted.slice(300).find((e) => !want.includes(e.id)) as StoryEvent;
    const pos = sorted.indexOf(outsider);
    const after = want.filter((id) => sorted.findIndex((e) => e.id === id) > pos);
    expect(ids(queryTimeline(index, filter, { cursor: outsider.id, limit: 200 }).items)).toEqual(after);
  });

  it("pages through a filtered window with cursors, in order, without gaps", () => {
    const filter: TimelineFilter = { actors: ["a", "b"], from: "2025-06", to: "2025-09" };
    const want = brute(filter);
    expect(want.length).toBeGreaterThan(40);
    const got: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 100; i++) {
      const page = queryTimeline(index, filter, { cursor, limit: 7 });
      expect(page.total).toBe(want.length);
      got.push(...ids(page.items));
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
    }
    expect(got).toEqual(want);
  });
});

describe("timeline datasets", () => {
  const ds = dataset({
    events: [
      ev("curated-a", "2025-07-14"),
      ev("gdelt-1", "2025-07-15"),
      ev("curated-b", "2025-08"),
      ev("gdelt-2", "2025-09-02"),
      ev("notes-1", "2025"),
    ],
  });
  const owner = (id: string) =>
    id.startsWith("gdelt") ? "gdelt" : id.startsWith("notes") ? "notes" : "built-in";
  const index = buildTimelineIndex(ds.events, owner);

  it("filters by dataset, with and without a window, and says each item's dataset", () => {
    const all = queryTimeline(index, {}, { limit: 10 });
    expect(all.datasets).toEqual(all.items.map((e) => owner(e.id)));
    const imported = queryTimeline(index, { datasets: ["gdelt", "notes"] }, { limit: 10 });
    expect(ids(imported.items)).toEqual(["notes-1", "gdelt-1", "gdelt-2"]);
    expect(imported.datasets).toEqual(["notes", "gdelt", "gdelt"]);
    const windowed = queryTimeline(
      index,
      { datasets: ["built-in"], from: "2025-08", to: "2025-12" },
      { limit: 10 },
    );
    expect(ids(windowed.items)).toEqual(["curated-b"]);
    expect(windowed.total).toBe(1);
    const paged = queryTimeline(index, { datasets: ["gdelt"] }, { limit: 1 });
    expect(paged).toMatchObject({ total: 2, nextCursor: "gdelt-1" });
    expect(queryTimeline(index, { datasets: ["nobody"] }).total).toBe(0);
  });

  it("says nothing of datasets when the index was built without them", () => {
    const plain = buildTimelineIndex(ds.events);
    expect(queryTimeline(plain, {}).datasets).toBeUndefined();
    expect(queryTimeline(plain, { datasets: ["gdelt"] }).total).toBe(0);
  });
});
