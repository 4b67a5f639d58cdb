/**
 * The `curl` examples of the READMEs, run with curl against this server over the built-in data.
 * (apps/cli/test/readme-examples.test.ts runs every other example, and leaves these to this
 * test.) Each must answer 200 with JSON.
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadBuiltin } from "@dealmap/dataset";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "./app.ts";

const repo = fileURLToPath(new URL("../../..", import.meta.url));

/** Every Markdown file of the repository (not dependencies, builds or test output). */
function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".") || ["node_modules", "dist", "test-results"].includes(entry.name)) continue;
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...markdownFiles(abs));
    else if (entry.isFile() && entry.name.endsWith(".md")) out.push(abs);
  }
  return out;
}

/** The `curl …` lines of the shell blocks, without their comments. */
const examples = markdownFiles(repo).flatMap((file) =>
  [...readFileSync(file, "utf8").matchAll(/^ *```(?:sh|bash|shell)\n([\s\S]*?)^ *```$/gm)].flatMap((m) =>
    (m[1] ?? "")
      .split("\n")
      .map((l) => l.replace(/\s+#\s.*$/, "").trim())
      .filter((l) => l.startsWith("curl "))
      .map((line) => ({ file: path.relative(repo, file), line })),
  ),
);

function sh(line: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-c", line], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

let app: FastifyInstance;
let address = "";

beforeAll(async () => {
  app = await buildServer({ context: { dataset: loadBuiltin() }, logger: false });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const a = app.server.address();
  if (a === null || typeof a === "string") throw new Error("no port");
  address = `127.0.0.1:${a.port}`;
});
afterAll(async () => {
  await app.close();
});

describe("the curl examples of the READMEs", () => {
  it("there are some, and each names the documented address localhost:4000", () => {
    expect(examples.length).toBeGreaterThan(5);
    for (const e of examples) expect(e.line, e.file).toContain("localhost:4000");
  });

  it("each answers 200 with JSON from the server", async () => {
    for (const { file, line } of examples) {
      const r = await sh(`${line.replaceAll("localhost:4000", address)} -w '\\n%{http_code}'`);
      const what = `${file}: ${line}\n${r.stderr}`;
      expect(r.code, what).toBe(0);
      const cut = r.stdout.lastIndexOf("\n");
      expect(r.stdout.slice(cut + 1), what).toBe("200");
      const body = JSON.parse(r.stdout.slice(0, cut)) as unknown;
      expect(typeof body, what).toBe("object");
      if (line.includes("/api/v1/search?q=lukashenka"))
        expect((body as { hits: { id: string }[] }).hits[0]).toMatchObject({ id: "alexander-lukashenko" });
      if (line.includes("trpc/actors.get"))
        expect(body).toMatchObject({ result: { data: { actor: { id: "john-coale" } } } });
    }
  });
});
