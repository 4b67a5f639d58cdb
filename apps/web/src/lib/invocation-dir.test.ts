import { describe, expect, it } from "vitest";
import { resolveDirSettings } from "./invocation-dir.ts";

describe("resolveDirSettings", () => {
  it("resolves relative directories from where the command was run, and only those", () => {
    const env: Record<string, string | undefined> = {
      DEALMAP_DATA: "./my-data",
      DEALMAP_SOURCES: "../shared/seed",
      PORT: "3000",
    };
    expect(resolveDirSettings(env, "/home/me/dealmap")).toEqual(["DEALMAP_DATA", "DEALMAP_SOURCES"]);
    expect(env).toEqual({
      DEALMAP_DATA: "/home/me/dealmap/my-data",
      DEALMAP_SOURCES: "/home/me/shared/seed",
      PORT: "3000",
    });
  });

  it("leaves absolute and empty settings alone", () => {
    const env: Record<string, string | undefined> = { DEALMAP_DATA: "/srv/data", DEALMAP_SOURCES: "" };
    expect(resolveDirSettings(env, "/home/me/dealmap")).toEqual([]);
    expect(env).toEqual({ DEALMAP_DATA: "/srv/data", DEALMAP_SOURCES: "" });
  });
});
