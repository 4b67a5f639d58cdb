import { describe, expect, it } from "vitest";
import { nextPage, pageFromUrl, rangeText, startOf } from "./paging.ts";
import type { ParamProblem } from "./params.ts";

describe("pageFromUrl", () => {
  it("reads the cursor and the page number, and drops a number without a cursor", () => {
    const problems: ParamProblem[] = [];
    expect(pageFromUrl({}, problems)).toEqual({ after: undefined, page: 1 });
    expect(pageFromUrl({ page: "7" }, problems)).toEqual({ after: undefined, page: 1 });
    expect(pageFromUrl({ after: "syn-actor-99", page: "2" }, problems)).toEqual({
      after: "syn-actor-99",
      page: 2,
    });
    // a cursor without its number: a later page, position unknown
    expect(pageFromUrl({ after: "syn-actor-99" }, problems)).toEqual({ after: "syn-actor-99", page: null });
    // a pair of parties, under other parameter names
    expect(
      pageFromUrl(
        { "deals-after": "belarus|united-states", "deals-page": "3" },
        problems,
        "deals-after",
        "deals-page",
      ),
    ).toEqual({
      after: "belarus|united-states",
      page: 3,
    });
    expect(problems).toEqual([]);
  });

  it("reports a malformed cursor or page number and falls back", () => {
    const problems: ParamProblem[] = [];
    expect(pageFromUrl({ after: "NOT AN ID" }, problems)).toEqual({ after: undefined, page: 1 });
    expect(pageFromUrl({ after: "a|b|c" }, problems)).toEqual({ after: undefined, page: 1 });
    expect(pageFromUrl({ after: "x", page: "-1" }, problems)).toEqual({ after: "x", page: null });
    expect(problems.map((p) => p.param)).toEqual(["after", "after", "page"]);
  });
});

describe("rangeText", () => {
  it("says where a page is, with exact totals", () => {
    expect(rangeText({ start: 1, count: 100, total: 200_000, noun: "actors" })).toBe(
      "1–100 of 200,000 actors",
    );
    expect(rangeText({ start: 199_901, count: 100, total: 200_000, noun: "actors" })).toBe(
      "199,901–200,000 of 200,000 actors",
    );
    expect(rangeText({ start: 1, count: 20, total: 20, noun: "sources" })).toBe("20 sources");
    expect(rangeText({ start: null, count: 100, total: 5000, noun: "actors" })).toBe(
      "100 more of 5,000 actors",
    );
    expect(rangeText({ start: 1, count: 0, total: 0, noun: "actors" })).toBe("No actors");
  });

  it("says when a total is only the first ones found", () => {
    expect(rangeText({ start: 26, count: 25, total: 100, atLeast: true, noun: "events" })).toBe(
      "26–50 of the best 100 events",
    );
    expect(rangeText({ start: 1, count: 100, total: 100, atLeast: true, noun: "actors" })).toBe(
      "The best 100 actors",
    );
  });
});

describe("nextPage and startOf", () => {
  it("number the next page when this one's number is known", () => {
    expect(nextPage({ after: undefined, page: 1 }, "a-9")).toEqual({ after: "a-9", page: 2 });
    expect(nextPage({ after: "a-9", page: null }, "a-19")).toEqual({ after: "a-19", page: null });
    expect(nextPage({ after: "a-9", page: 2 }, null)).toBeNull();
    expect(startOf({ after: "a-9", page: 3 }, 100)).toBe(201);
    expect(startOf({ after: "a-9", page: null }, 100)).toBeNull();
  });
});
