import { describe, expect, it } from "vitest";
import { layoutPassages, passageId } from "./passages.ts";

describe("layoutPassages", () => {
  it("keeps overlapping passages apart, in different lanes, and loses no character", () => {
    const text = "one two three four five";
    const { passages, segments } = layoutPassages(text, 2, [
      { claim: 1, span: [4, 13] },
      { claim: 2, span: [8, 18] },
      { claim: 3, span: [4, 13] },
    ]);
    expect(passages.map((p) => [p.id, p.claims, p.lane])).toEqual([
      ["p2-4-13", [1, 3], 0],
      ["p2-8-18", [2], 1],
    ]);
    expect(segments.map((s) => s.text).join("")).toBe(text);
    expect(segments.map((s) => [s.text, s.covering.map((p) => p.id)])).toEqual([
      ["one ", []],
      ["two ", ["p2-4-13"]],
      ["three", ["p2-8-18", "p2-4-13"]],
      [" four", ["p2-8-18"]],
      [" five", []],
    ]);
    expect(segments[1]?.opens.map((p) => p.id)).toEqual(["p2-4-13"]);
    expect(segments[2]?.closes.map((p) => p.id)).toEqual(["p2-4-13"]);
  });
  it("reuses a lane once a passage has ended, nests contained passages, clips past the end", () => {
    const { passages } = layoutPassages("abcdefghij", 1, [
      { claim: 1, span: [0, 3] },
      { claim: 2, span: [5, 99] },
      { claim: 3, span: [6, 8] },
      { claim: 4, span: [4, 4] },
    ]);
    expect(passages.map((p) => [p.id, p.start, p.end, p.lane])).toEqual([
      ["p1-0-3", 0, 3, 0],
      ["p1-5-99", 5, 10, 0],
      ["p1-6-8", 6, 8, 1],
    ]);
    expect(passageId(7, [1, 2])).toBe("p7-1-2");
  });
});
