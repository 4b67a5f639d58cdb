import { describe, expect, it } from "vitest";
import { relativizeProblems } from "./server-paths.ts";

const roots = [
  { dir: "/srv/dealmap/packages/dataset/data", label: "built-in data" },
  { dir: "/tmp/dealmap-xyz/my-data", label: "my-data" },
];
const cwd = "/srv/dealmap/apps/web";

describe("relativizeProblems", () => {
  it("shows each problem's file under its data directory's name", () => {
    const message = [
      "the data could not be loaded (DEALMAP_DATA=/tmp/dealmap-xyz/my-data):",
      "/tmp/dealmap-xyz/my-data/actors/x.yaml:3:5  -  bad indentation of a mapping entry",
      '/tmp/dealmap-xyz/my-data/events/e.yaml:12:7  participants[0].actor  unknown actor — event "e"',
      "../../packages/dataset/data/actors/people.yaml:40:3  id  clashes with my-data",
    ].join("\n");
    expect(relativizeProblems(message, roots, cwd).split("\n")).toEqual([
      "the data could not be loaded (DEALMAP_DATA=my-data):",
      "my-data/actors/x.yaml:3:5  -  bad indentation of a mapping entry",
      'my-data/events/e.yaml:12:7  participants[0].actor  unknown actor — event "e"',
      "built-in data/actors/people.yaml:40:3  id  clashes with my-data",
    ]);
  });

  it("relative paths (a data directory inside the working directory) resolve first", () => {
    const inside = [{ dir: "/srv/dealmap/apps/web/e2e/bad", label: "bad" }];
    expect(relativizeProblems("e2e/bad/actors/x.yaml:1:1  -  oops", inside, cwd)).toBe(
      "bad/actors/x.yaml:1:1  -  oops",
    );
  });

  it("cuts any other absolute path to its last part and keeps URLs", () => {
    const out = relativizeProblems(
      "/etc/dealmap/elsewhere.yaml:1:1  -  data directory not found\ncannot read /var/lib/x/y.json: EACCES; see https://example.org/a/b",
      roots,
      cwd,
    );
    expect(out).toBe(
      "elsewhere.yaml:1:1  -  data directory not found\ncannot read y.json: EACCES; see https://example.org/a/b",
    );
    expect(out).not.toMatch(/\/etc|\/var|\/srv|\/tmp/);
  });
});
