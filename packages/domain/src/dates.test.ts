import { describe, expect, it } from "vitest";
import {
  compareDates,
  dateBounds,
  datePrecision,
  datesOverlap,
  formatDate,
  isFuzzy,
  isValidDate,
} from "./dates.ts";

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe("dateBounds", () => {
  it("gives day, month and interval bounds", () => {
    expect(iso(dateBounds("2025-12-13").min)).toBe("2025-12-13");
    expect(iso(dateBounds("2025-12-13").max)).toBe("2025-12-13");
    const nov = dateBounds("2025-11");
    expect([iso(nov.min), iso(nov.max)]).toEqual(["2025-11-01", "2025-11-30"]);
    const early = dateBounds("2025-11-01/2025-11-10");
    expect([iso(early.min), iso(early.max)]).toEqual(["2025-11-01", "2025-11-10"]);
  });

  it("handles open ends", () => {
    const until = dateBounds("../2021");
    expect(until.min).toBe(-Infinity);
    expect(iso(until.max)).toBe("2021-12-31");
    const from = dateBounds("2025-11-09/..");
    expect(iso(from.min)).toBe("2025-11-09");
    expect(from.max).toBe(Infinity);
  });

  it("reads season codes as reader seasons, not edtf.js quarters", () => {
    const summer = dateBounds("2025-22");
    expect([iso(summer.min), iso(summer.max)]).toEqual(["2025-06-01", "2025-08-31"]);
    const spring = dateBounds("2025-21");
    expect([iso(spring.min), iso(spring.max)]).toEqual(["2025-03-01", "2025-05-31"]);
    const autumn = dateBounds("2025-23");
    expect([iso(autumn.min), iso(autumn.max)]).toEqual(["2025-09-01", "2025-11-30"]);
    const winter = dateBounds("2025-24");
    expect([iso(winter.min), iso(winter.max)]).toEqual(["2025-12-01", "2026-02-28"]);
  });

  it("rejects impossible dates and reversed ranges with a reason", () => {
    expect(() => dateBounds("2025-13-40")).toThrow(/no month 13/);
    expect(() => dateBounds("2025-02-30")).toThrow(/no day 30/);
    expect(() => dateBounds("2025-12-10/2025-12-01")).toThrow(/reversed range/);
    expect(() => dateBounds("")).toThrow();
    expect(() => dateBounds("yesterday")).toThrow(/not a valid EDTF/);
    expect(isValidDate("2025-06/2025-08")).toBe(true);
    // an end coarser than the start that still reaches past it is a valid range
    expect(isValidDate("2025-12-13/2025-12")).toBe(true);
    expect(() => dateBounds("2025-12-13/2025-11")).toThrow(/reversed range/);
    expect(isValidDate("2025-13")).toBe(false);
  });
});

describe("ordering and overlap", () => {
  it("orders by earliest instant, then narrower first, stably", () => {
    const dates = ["2025-12", "2025-12-13", "2025-11-01/2025-11-10", "../2021", "2025-12-12", "2025-22"];
    expect([...dates].sort(compareDates)).toEqual([
      "../2021",
      "2025-22",
      "2025-11-01/2025-11-10",
      "2025-12",
      "2025-12-12",
      "2025-12-13",
    ]);
  });

  it("treats fuzzy dates as the spans they denote", () => {
    expect(datesOverlap("2025-22", "2025-07")).toBe(true);
    expect(datesOverlap("2025-22", "2025-09")).toBe(false);
    expect(datesOverlap("../2021", "2021-06")).toBe(true);
    expect(datesOverlap("../2021", "2022-01")).toBe(false);
  });
});

describe("formatDate", () => {
  it.each([
    ["2025-12-13", "13 Dec 2025"],
    ["2025-11", "Nov 2025"],
    ["2025-11-01/2025-11-10", "early Nov 2025"],
    ["2025-11-11/2025-11-20", "mid Nov 2025"],
    ["2025-11-21/2025-11-30", "late Nov 2025"],
    ["2025-06/2025-08", "summer 2025"],
    ["2025-22", "summer 2025"],
    ["2025-12/2026-02", "winter 2025/26"],
    ["../2021", "until 2021"],
    ["2025-11-09/..", "from 9 Nov 2025"],
    ["2023-06-23/2023-06-24", "23–24 Jun 2023"],
    ["2025-10-21/2025-11-20", "21 Oct – 20 Nov 2025"],
    ["2025", "2025"],
    ["2025-12-13?", "13 Dec 2025?"],
    ["~2025-11", "c. Nov 2025"],
  ])("%s reads as %s", (value, label) => {
    expect(formatDate(value)).toBe(label);
  });

  it("knows which dates are fuzzy", () => {
    expect(isFuzzy("2025-12-13")).toBe(false);
    expect(isFuzzy("2025-11")).toBe(true);
    expect(isFuzzy("2025-12-13?")).toBe(true);
    expect(datePrecision("2025-22")).toBe("season");
    expect(datePrecision("../2021")).toBe("open");
  });
});

describe("plain dates take a fast path with the same answers as edtf.js", () => {
  it.each([
    "2025",
    "2024-02",
    "2024-02-29",
    "2025-12-31",
    "1999-01-01",
    "2025-11-01/2025-11-10",
    "2021/2022-03",
  ])("%s", async (value) => {
    const { default: edtf } = await import("edtf");
    const d = edtf(value);
    expect(dateBounds(value)).toEqual({ min: d.min, max: d.max });
  });

  it("still rejects impossible plain dates", () => {
    expect(() => dateBounds("2025-02-29")).toThrow(/no day 29/);
    expect(() => dateBounds("2025-00")).toThrow(/no month 00/);
    expect(() => dateBounds("2025-01-01/2025-13-01")).toThrow();
  });
});
