import { describe, expect, it } from "vitest";
import { fieldPathInWords } from "./field-path.ts";

describe("fieldPathInWords", () => {
  it("numbers from 1 and names the parts", () => {
    expect(fieldPathInWords("statuses[2].blockers[1]")).toBe("status period 3, blocker 2");
    expect(fieldPathInWords("legs[0].distance")).toBe("leg 1, distance");
    expect(fieldPathInWords("roles[0]")).toBe("role 1");
  });
  it("keeps unknown parts and the empty path", () => {
    expect(fieldPathInWords("")).toBe("");
    expect(fieldPathInWords("somethingElse[3]")).toBe("somethingElse 4");
  });
});
