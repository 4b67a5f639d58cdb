import { describe, expect, it } from "vitest";
import { resolveInvocation } from "./index.ts";

const WEB = [{ script: "start", packageName: "@dealmap/web" }] as const;
const ANY_DEALMAP = [{ script: "dealmap" }] as const;

describe("resolveInvocation", () => {
  it("under one of the program's own scripts, INIT_CWD is the directory and relative settings resolve from it", () => {
    const env: Record<string, string | undefined> = {
      INIT_CWD: "/home/me/dealmap",
      npm_lifecycle_event: "start",
      npm_package_name: "@dealmap/web",
      DEALMAP_DATA: "./my-data",
      DEALMAP_SOURCES: "../shared/seed",
      PORT: "3000",
    };
    expect(resolveInvocation(env, "/home/me/dealmap/apps/web", WEB)).toEqual({
      dir: "/home/me/dealmap",
      resolved: ["DEALMAP_DATA", "DEALMAP_SOURCES"],
    });
    expect(env.DEALMAP_DATA).toBe("/home/me/dealmap/my-data");
    expect(env.DEALMAP_SOURCES).toBe("/home/me/shared/seed");
    expect(env.PORT).toBe("3000");
  });

  it("INIT_CWD handed down by another script (a test runner) is ignored: the working directory counts", () => {
    for (const [event, pkg] of [
      ["test", "@dealmap/web"], // `pnpm test` runs vitest, which spawns the server
      ["start", "@dealmap/server"], // the right script name, of another package
      [undefined, undefined], // not under pnpm at all
    ] as const) {
      const env: Record<string, string | undefined> = {
        INIT_CWD: "/home/me/dealmap",
        npm_lifecycle_event: event,
        npm_package_name: pkg,
        DEALMAP_DATA: "my-data",
      };
      expect(resolveInvocation(env, "/srv/run", WEB), `${event} of ${pkg}`).toEqual({
        dir: "/srv/run",
        resolved: ["DEALMAP_DATA"],
      });
      expect(env.DEALMAP_DATA).toBe("/srv/run/my-data");
    }
  });

  it("a script given without a package matches that script of any package", () => {
    const env = { INIT_CWD: "/home/me", npm_lifecycle_event: "dealmap", npm_package_name: "dealmap" };
    expect(resolveInvocation(env, "/repo", ANY_DEALMAP).dir).toBe("/home/me");
    expect(resolveInvocation({ ...env, npm_lifecycle_event: "start" }, "/repo", ANY_DEALMAP).dir).toBe(
      "/repo",
    );
  });

  it("a relative or empty INIT_CWD is not used", () => {
    const env = { npm_lifecycle_event: "start", npm_package_name: "@dealmap/web" };
    expect(resolveInvocation({ ...env, INIT_CWD: "elsewhere" }, "/repo/apps/web", WEB).dir).toBe(
      "/repo/apps/web",
    );
    expect(resolveInvocation({ ...env, INIT_CWD: "" }, "/repo/apps/web", WEB).dir).toBe("/repo/apps/web");
  });

  it("leaves absolute and empty settings alone", () => {
    const env: Record<string, string | undefined> = {
      INIT_CWD: "/home/me",
      npm_lifecycle_event: "start",
      npm_package_name: "@dealmap/web",
      DEALMAP_DATA: "/srv/data",
      DEALMAP_SOURCES: "",
    };
    expect(resolveInvocation(env, "/repo", WEB).resolved).toEqual([]);
    expect(env.DEALMAP_DATA).toBe("/srv/data");
    expect(env.DEALMAP_SOURCES).toBe("");
  });
});
