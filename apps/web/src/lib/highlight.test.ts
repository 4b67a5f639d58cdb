import { describe, expect, it } from "vitest";
import { highlight } from "./highlight.ts";

describe("highlight", () => {
  it("marks the cited spans and keeps the rest", () => {
    expect(highlight("abcdefghij", [[2, 4]])).toEqual([
      { text: "ab", marked: false },
      { text: "cd", marked: true },
      { text: "efghij", marked: false },
    ]);
  });
  it("merges overlapping spans and clips spans past the end", () => {
    expect(
      highlight("abcdef", [
        [3, 99],
        [1, 4],
      ]),
    ).toEqual([
      { text: "a", marked: false },
      { text: "bcdef", marked: true },
    ]);
  });
  it("returns the whole text unmarked without spans, and never loses characters", () => {
    expect(highlight("<script>x</script>", [])).toEqual([{ text: "<script>x</script>", marked: false }]);
    const text = "one two three four";
    const pieces = highlight(text, [
      [4, 7],
      [14, 18],
      [0, 1],
    ]);
    expect(pieces.map((p) => p.text).join("")).toBe(text);
  });
});
