import { describe, expect, it } from "vitest";
import { DAY, ticks, unitFor, windowLabel } from "./time-axis.ts";

const t = (s: string) => Date.parse(`${s}T00:00:00Z`);

describe("time axis", () => {
  it("zooms from years to days as the window narrows", () => {
    expect(unitFor(30 * 365 * DAY, 900)).toBe("decade");
    expect(unitFor(7 * 365 * DAY, 900)).toBe("year");
    expect(unitFor(365 * DAY, 900)).toBe("month");
    expect(unitFor(60 * DAY, 900)).toBe("week");
    expect(unitFor(10 * DAY, 900)).toBe("day");
  });

  it("puts year ticks on 1 January and month ticks on the 1st", () => {
    const y = ticks(t("2019-03-01"), t("2025-12-31"), 900);
    expect(y.unit).toBe("year");
    expect(y.ticks.map((k) => k.label)).toEqual(["2020", "2021", "2022", "2023", "2024", "2025"]);
    const m = ticks(t("2025-01-01"), t("2025-12-31"), 900);
    expect(m.ticks[0]).toEqual({ t: t("2025-01-01"), label: "Jan 2025", major: true });
    expect(m.ticks.map((k) => new Date(k.t).getUTCDate())).toEqual(new Array(12).fill(1));
  });

  it("a narrow chart over a decade labels every fifth year, a wide span every tenth", () => {
    const narrow = ticks(t("2016-08-01"), t("2027-06-01"), 150);
    expect(narrow.unit).toBe("decade");
    expect(narrow.ticks.map((k) => k.label)).toEqual(["2020", "2025"]);
    const wide = ticks(t("1950-01-01"), t("2026-01-01"), 900);
    expect(wide.ticks.map((k) => k.label)).toEqual([
      "1950",
      "1960",
      "1970",
      "1980",
      "1990",
      "2000",
      "2010",
      "2020",
    ]);
  });

  it("labels days within a short window", () => {
    const d = ticks(t("2025-12-10"), t("2025-12-16"), 900);
    expect(d.unit).toBe("day");
    expect(d.ticks).toHaveLength(7);
    expect(d.ticks[0]?.label).toBe("10 Dec");
  });

  it("describes a window in words", () => {
    expect(windowLabel(t("2019-01-05"), t("2025-12-20"))).toBe("Jan 2019 – Dec 2025");
    expect(windowLabel(t("2025-12-03"), t("2025-12-19"))).toBe("3 Dec 2025 – 19 Dec 2025");
  });
});
