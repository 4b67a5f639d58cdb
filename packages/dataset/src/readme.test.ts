import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatProblem, loadDataset } from "./load.ts";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

describe("README", () => {
  it("its example files form a valid data directory", () => {
    // each example is a line `path/file.yaml` in backticks followed by a ```yaml block
    const examples = [...readme.matchAll(/^`([a-z]+\/[a-z-]+\.yaml)`\n\n```yaml\n([\s\S]*?)```/gm)];
    expect(examples.map((m) => m[1])).toEqual([
      "sources/notes.yaml",
      "actors/people.yaml",
      "events/talks.yaml",
    ]);
    const dir = mkdtempSync(path.join(tmpdir(), "dealmap-readme-"));
    try {
      for (const [, file, body] of examples) {
        const abs = path.join(dir, file as string);
        mkdirSync(path.dirname(abs), { recursive: true });
        writeFileSync(abs, body as string);
      }
      const r = loadDataset(dir);
      if (!r.ok) throw new Error(r.problems.map(formatProblem).join("\n"));
      expect(r.dataset.events[0]?.participants[0]?.actor).toBe("mira-example");
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it("shows error lines in the documented format", () => {
    const block = /## Errors[\s\S]*?```\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    const lines = block.trim().split("\n");
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(line).toMatch(/^\S+:\d+:\d+ {2}\S+ {2}\S.*$/);
  });
});
