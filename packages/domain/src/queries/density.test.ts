import { describe, expect, it } from "vitest";
import { mulberry32 } from "../random.ts";
import {
  anchorOf,
  DAY_MS,
  dayOf,
  densityBins,
  densityLevel,
  isoDayOf,
  laneActors,
  lastDayOf,
  timelineDensity,
  windowEvents,
} from "./density.ts";
import { actor, dataset, ev } from "./fixture.ts";
import { buildTimelineIndex } from "./timeline.ts";

const ms = (iso: string) => new Date(`${iso}T00:00:00Z`).getTime();

describe("density bins", () => {
  it("anchors a span at its middle and an open span at its finite end", () => {
    expect(anchorOf(ms("2025-06-01"), ms("2025-06-30") + DAY_MS - 1)).toBe(
      (ms("2025-06-01") + ms("2025-07-01") - 1) / 2,
    );
    expect(anchorOf(Number.NEGATIVE_INFINITY, 5)).toBe(5);
    expect(anchorOf(7, Number.POSITIVE_INFINITY)).toBe(7);
    expect(anchorOf(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY)).toBeNull();
    expect(isoDayOf(dayOf(ms("1969-12-31") + 5))).toBe("1969-12-31");
    // days past the calendar's ends are its ends (a date every parser takes)
    expect(isoDayOf(dayOf(ms("0001-01-01")) - 5000)).toBe("0001-01-01");
    expect(isoDayOf(dayOf(ms("9999-12-31")) + 5000)).toBe("9999-12-31");
  });

  it("picks the narrowest power-of-two width that fits, aligned on its multiples", () => {
    const rand = mulberry32(7);
    for (let i = 0; i < 500; i++) {
      const a = ms("2000-01-01") + Math.floor(rand() * 40 * 365) * DAY_MS;
      const b = a + Math.floor(rand() * 20 * 365) * DAY_MS;
      const max = 1 + Math.floor(rand() * 500);
      const bins = densityBins(a, b, max);
      expect(bins.bins).toBeLessThanOrEqual(max);
      expect(bins.startDay % bins.binDays).toBe(0);
      expect(bins.startDay).toBeLessThanOrEqual(dayOf(a));
      expect(lastDayOf(bins)).toBeGreaterThanOrEqual(dayOf(b));
      // half the width would not fit
      if (bins.binDays > 1) {
        const half = bins.binDays / 2;
        const start = Math.floor(dayOf(a) / half) * half;
        expect(Math.floor((dayOf(b) - start) / half) + 1).toBeGreaterThan(max);
      }
      expect(bins.binDays % densityLevel(bins.binDays)).toBe(0);
    }
    expect(densityLevel(1)).toBe(1);
    expect(densityLevel(8)).toBe(8);
    expect(densityLevel(4096)).toBe(1024);
  });
});

describe("timeline density", () => {
  const ds = dataset({
    actors: [actor("a"), actor("b"), actor("c")],
    events: [
      ev("d1", "2025-06-03", { participants: [{ actor: "a", role: "initiator" }] }),
      ev("d2", "2025-06-03", {
        kind: "release",
        participants: [
          { actor: "a", role: "initiator" },
          { actor: "b", role: "target" },
        ],
      }),
      ev("m1", "2025-06", { kind: "release", participants: [{ actor: "b", role: "target" }] }),
      ev("y1", "2025", { participants: [{ actor: "c", role: "initiator" }] }),
      ev("open-start", "../2025-06-10"),
      ev("open-both", "../.."),
      ev("far", "2019-01-01"),
    ],
  });
  const index = buildTimelineIndex(ds.events, (id) => (id === "far" ? "other" : "built-in"));

  it("counts each event once, at its anchor day, by kind and by dataset", () => {
    const d = timelineDensity(
      index,
      {},
      { start: ms("2025-06-01"), end: ms("2025-06-30"), maxBins: 30, lanes: "kind" },
    );
    expect(d.binDays).toBe(1);
    // d1, d2 on the 3rd; m1 in mid June; open-start at its end (10 June); y1 (July 2) is out
    expect(d.total).toBe(4);
    const meeting = d.lanes.find((l) => l.key === "meeting");
    const release = d.lanes.find((l) => l.key === "release");
    expect(meeting?.total).toBe(2);
    expect(release?.total).toBe(2);
    const day3 = dayOf(ms("2025-06-03")) - d.startDay;
    expect(meeting?.counts[day3]).toBe(1);
    expect(release?.counts[day3]).toBe(1);
    expect(d.datasets).toEqual([{ key: "built-in", total: 4, counts: expect.any(Array) }]);
    expect(d.undated).toBe(1);
    for (const lane of d.lanes) expect(lane.counts.reduce((s, n) => s + n, 0)).toBe(lane.total);
  });

  it("by actor: the filter's actors, else the busiest; an event counts in each of its lanes", () => {
    expect(laneActors(index, {}, 2)).toEqual(["a", "b"]);
    const d = timelineDensity(
      index,
      {},
      { start: ms("2025-01-01"), end: ms("2025-12-31"), maxBins: 12, lanes: "actor", actorLanes: 2 },
    );
    expect(d.lanes.map((l) => [l.key, l.total])).toEqual([
      ["a", 2],
      ["b", 2],
    ]);
    const only = timelineDensity(
      index,
      { actors: ["c"] },
      { start: ms("2025-01-01"), end: ms("2025-12-31"), maxBins: 12, lanes: "actor" },
    );
    expect(only.lanes.map((l) => [l.key, l.total])).toEqual([["c", 1]]);
    expect(only.total).toBe(1);
  });

  it("filters by dataset and kind like the timeline", () => {
    const all = { start: ms("2015-01-01"), end: ms("2026-01-01"), maxBins: 50, lanes: "kind" as const };
    expect(timelineDensity(index, { datasets: ["other"] }, all).total).toBe(1);
    expect(timelineDensity(index, { kinds: ["release"] }, all).total).toBe(2);
  });

  it("gives the window's events when there are few enough: overlapping, else anchored in it", () => {
    const bins = densityBins(ms("2025-06-01"), ms("2025-06-05"), 10);
    expect(windowEvents(index, {}, bins, 10)?.scope).toBe("overlapping");
    // 6 overlap the first days of June; 2 (d1, d2) are anchored there
    expect(windowEvents(index, {}, bins, 3)).toEqual({
      scope: "anchored",
      entries: [
        expect.objectContaining({ event: expect.objectContaining({ id: "d1" }) }),
        expect.objectContaining({ event: expect.objectContaining({ id: "d2" }) }),
      ],
    });
    expect(windowEvents(index, {}, bins, 1)).toBeNull();
    expect(windowEvents(index, {}, bins, 10)?.entries.map((e) => e.event.id)).toEqual([
      "open-start",
      "open-both",
      "y1",
      "m1",
      "d1",
      "d2",
    ]);
  });
});
