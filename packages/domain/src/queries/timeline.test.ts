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
  it("agrees on random events and windows", () => {
    let seed = 42;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const dates = [
      "2025",
      "2025-22",
      "2025-07",
      "2025-07-14",
      "2025-11-01/2025-11-10",
      "../2024",
      "2025-06/..",
      "2024-12",
    ];
    const actors = ["a", "b", "c", "d"];
    const events = Array.from({ length: 300 }, (_, i) =>
      ev(`e${i}`, dates[rnd(dates.length)] as string, {
        kind: rnd(2) ? "release" : "meeting",
        participants: [{ actor: actors[rnd(4)], role: "participant" }],
      }),
    );
    const ds = dataset({ events });
    const index = buildTimelineIndex(ds.events);
    const windows: [string | undefined, string | undefined][] = [
      ["2025-07", "2025-07"],
      [undefined, "2024"],
      ["2025-11-05", undefined],
      ["2025-06", "2025-08"],
    ];
    for (const [from, to] of windows) {
      for (const containedOnly of [false, true]) {
        const filter: TimelineFilter = { from, to, containedOnly, actors: ["a", "c"], kinds: ["release"] };
        const got = matchTimeline(index, filter).map((p) => index.entries[p]?.event.id);
        const wmin = from ? dateBounds(from).min : -Infinity;
        const wmax = to ? dateBounds(to).max : Infinity;
        const want = sortEvents(ds.events)
          .filter((e) => {
            const b = dateBounds(e.date);
            const inside = containedOnly ? b.min >= wmin && b.max <= wmax : b.min <= wmax && b.max >= wmin;
            return (
              inside && e.kind === "release" && e.participants.some((p) => p.actor === "a" || p.actor === "c")
            );
          })
          .map((e) => e.id);
        expect(got).toEqual(want);
      }
    }
  });
});
