import { describe, expect, it } from "vitest";
import { dateBounds } from "../dates.ts";
import { boundsOf } from "./bounds.ts";

describe("boundsOf", () => {
  it("gives dateBounds' answer, parsed once", () => {
    const a = boundsOf("2025-22");
    expect(a).toEqual(dateBounds("2025-22"));
    expect(boundsOf("2025-22")).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
  });

  it("throws like dateBounds for invalid dates, every time", () => {
    expect(() => boundsOf("2025-13")).toThrow(/no month 13/);
    expect(() => boundsOf("2025-13")).toThrow(/no month 13/);
  });
});
