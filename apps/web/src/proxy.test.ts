import { describe, expect, it } from "vitest";
import { repairedPath } from "./proxy.ts";

describe("repairedPath", () => {
  it("leaves paths that decode alone", () => {
    expect(repairedPath("/actors/alexander-lukashenko")).toBeUndefined();
    expect(repairedPath("/actors/NOT%20AN%20ID")).toBeUndefined();
    expect(repairedPath("/search")).toBeUndefined();
  });

  it("makes the % of a segment that does not decode a literal one", () => {
    expect(repairedPath("/actors/%ZZ")).toBe("/actors/%25ZZ");
    expect(repairedPath("/actors/a%ZZb")).toBe("/actors/a%25ZZb");
    // a cut-off UTF-8 sequence: every % of that segment, only that segment
    expect(repairedPath("/events/%E0%A4%A")).toBe("/events/%25E0%25A4%25A");
    expect(repairedPath("/api/trpc/%ZZ")).toBe("/api/trpc/%25ZZ");
    const fixed = repairedPath("/sources/%") ?? "";
    expect(decodeURIComponent(fixed)).toBe("/sources/%");
  });
});
