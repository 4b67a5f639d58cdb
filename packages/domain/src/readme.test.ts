import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";

const readme = readFileSync(join(import.meta.dirname, "..", "README.md"), "utf8");
const blocks = [...readme.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({
  lang: m[1],
  body: m[2] ?? "",
}));
const dir = mkdtempSync(join(import.meta.dirname, ".readme-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("README example", () => {
  it("runs and prints what the README says it prints", async () => {
    const code = blocks.find((b) => b.lang === "ts")?.body;
    const expected = blocks.find((b) => b.lang === "")?.body;
    expect(code).toBeDefined();
    expect(expected).toBeDefined();
    const file = join(dir, "example.ts");
    const indexUrl = new URL("./index.ts", import.meta.url).href;
    writeFileSync(file, (code ?? "").replace('from "@dealmap/domain"', `from ${JSON.stringify(indexUrl)}`));
    const lines: string[] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
      lines.push(args.join(" "));
    });
    try {
      await import(file);
    } finally {
      spy.mockRestore();
    }
    expect(`${lines.join("\n")}\n`).toBe(expected);
  });
});
