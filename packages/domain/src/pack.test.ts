// Workspace tests import the TypeScript source; only a packed tarball installed elsewhere shows what
// an outside user gets, so this packs the package, installs it with npm outside the workspace and
// runs the README's "Use it outside this repository" example with plain node.
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const pkgDir = join(import.meta.dirname, "..");
const workspaceRoot = join(pkgDir, "..", "..");

/** The code and printed output of the README's section for outside users, exactly as written. */
function readmeExample(): { code: string; output: string } {
  const readme = readFileSync(join(pkgDir, "README.md"), "utf8");
  const start = readme.indexOf("\n## Use it outside this repository\n");
  expect(start, "README section 'Use it outside this repository'").toBeGreaterThanOrEqual(0);
  const end = readme.indexOf("\n## ", start + 1);
  const section = readme.slice(start, end === -1 ? undefined : end);
  const code = /```js\n([\s\S]*?)```/.exec(section)?.[1];
  const output = /```text\n([\s\S]*?)```/.exec(section)?.[1];
  if (code === undefined || output === undefined)
    throw new Error("the README section needs a js and a text block");
  return { code, output };
}

/**
 * The environment minus what pnpm sets for its own scripts (its user agent, this package's
 * lifecycle), so npm runs as a user's would; npm settings the user gave (npm_config_*) stay.
 */
function userEnv(): NodeJS.ProcessEnv {
  const pnpmOwn = /^(npm_config_user_agent|npm_package_|npm_lifecycle_|npm_command|npm_(node_)?execpath)/i;
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !pnpmOwn.test(k)));
}

function run(cmd: string, args: string[], cwd: string, timeout: number, env = process.env): string {
  return execFileSync(cmd, args, { cwd, env, timeout, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

let packDir = "";
let outside = "";
let installed = "";
let manifest: Record<string, unknown> = {};

beforeAll(() => {
  packDir = mkdtempSync(join(tmpdir(), "dealmap-domain-pack-"));
  outside = realpathSync(mkdtempSync(join(tmpdir(), "dealmap-domain-outside-")));
  const rel = relative(realpathSync(workspaceRoot), outside);
  if (!rel.startsWith("..") && !isAbsolute(rel)) throw new Error(`${outside} is inside the workspace`);

  // prepack builds dist/ first, so this also works without turbo's test -> build dependency.
  run("pnpm", ["pack", "--pack-destination", packDir], pkgDir, 120_000);
  const tarballs = readdirSync(packDir).filter((f) => f.endsWith(".tgz"));
  expect(tarballs).toHaveLength(1);

  writeFileSync(join(outside, "package.json"), '{ "name": "outside", "private": true, "type": "module" }\n');
  const tarball = join(packDir, tarballs[0] ?? "");
  run(
    "npm",
    ["install", tarball, "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"],
    outside,
    120_000,
    userEnv(),
  );
  installed = join(outside, "node_modules", "@dealmap", "domain");
  manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8"));
}, 240_000);

afterAll(() => {
  for (const dir of [packDir, outside]) if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Every file path an `exports` value can lead to. */
function targets(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (value && typeof value === "object") return Object.values(value).flatMap(targets);
  return [];
}

describe("the packed @dealmap/domain", () => {
  it("is public, MIT, and points its exports and types at the built files", () => {
    expect(manifest.private).toBeUndefined();
    expect(manifest.license).toBe("MIT");
    expect(manifest.type).toBe("module");
    expect(manifest.types).toBe("./dist/index.d.ts");
    const exports = manifest.exports as Record<string, unknown>;
    expect(exports["."]).toEqual({ types: "./dist/index.d.ts", default: "./dist/index.js" });
    expect(exports["./schema/*"]).toBe("./schema/*");
    // Plain node cannot load TypeScript source from node_modules: no target may be a .ts file.
    for (const target of targets(exports)) expect(target).not.toMatch(/(?<!\.d)\.[cm]?tsx?$/);
    expect(manifest.publishConfig).toBeUndefined();
  });

  it("depends on zod and edtf by version, not by the workspace catalog", () => {
    const deps = manifest.dependencies as Record<string, string>;
    expect(Object.keys(deps).sort()).toEqual(["edtf", "zod"]);
    for (const version of Object.values(deps)) expect(version).toMatch(/^[~^]?\d+\.\d+\.\d+$/);
  });

  it("ships dist, schemas, README and LICENSE, and no source", () => {
    for (const file of [
      "dist/index.js",
      "dist/index.d.ts",
      "schema/event.schema.json",
      "README.md",
      "LICENSE",
    ])
      expect(existsSync(join(installed, file)), file).toBe(true);
    expect(existsSync(join(installed, "src"))).toBe(false);
    const dist = readdirSync(join(installed, "dist"), { recursive: true }).map(String);
    expect(dist.filter((f) => /\.test\.|fixture|synthetic/.test(f))).toEqual([]);
    expect(readFileSync(join(installed, "LICENSE"), "utf8")).toContain("Dealmap contributors");
  });

  it("runs the README example with plain node and prints what the README says", () => {
    const { code, output } = readmeExample();
    writeFileSync(join(outside, "example.mjs"), code);
    const stdout = run(process.execPath, ["example.mjs"], outside, 30_000, userEnv());
    expect(stdout).toBe(output);
    // The README's expectations could be edited to match a regression; these facts cannot.
    const lines = stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("talks meeting 1");
    expect(lines[2]).toBe("2025-22 2025-06-01T00:00:00.000Z 2025-08-31T23:59:59.999Z");
    expect(lines.slice(3)).toEqual([
      'events/talks citations[0].paragraph: paragraph 4 is past the end of "memo" (3 paragraphs)',
      'events/talks participants[0].actor: unknown actor "envoy"',
    ]);
  });

  it("type-checks the README example against the shipped declarations", () => {
    const { code } = readmeExample();
    writeFileSync(join(outside, "example.mjs"), code);
    // A wrong use must fail, or the check would pass on `any` (declarations missing or unresolved).
    writeFileSync(
      join(outside, "wrong.ts"),
      'import { dateBounds } from "@dealmap/domain";\nexport const n: number = dateBounds("2025");\n',
    );
    const compilerOptions = {
      module: "nodenext",
      target: "es2022",
      lib: ["es2023", "dom"],
      types: [],
      strict: true,
      allowJs: true,
      checkJs: true,
      noEmit: true,
    };
    const tsc = join(pkgDir, "node_modules", ".bin", "tsc");
    const check = (files: string[]) => {
      writeFileSync(join(outside, "tsconfig.json"), JSON.stringify({ compilerOptions, files }));
      try {
        return { ok: true, out: run(tsc, ["-p", "tsconfig.json"], outside, 60_000) };
      } catch (err) {
        return { ok: false, out: String((err as { stdout?: string }).stdout ?? err) };
      }
    };
    expect(check(["example.mjs"])).toEqual({ ok: true, out: "" });
    const wrong = check(["wrong.ts"]);
    expect(wrong.ok).toBe(false);
    expect(wrong.out).toContain("Type 'DateBounds' is not assignable to type 'number'");
    // two compiler runs, each allowed 60 s: under the whole suite's load they pass 30 s together
  }, 150_000);

  it("exports the JSON Schemas", () => {
    writeFileSync(
      join(outside, "schema.mjs"),
      [
        'import { createRequire } from "node:module";',
        'const schema = createRequire(import.meta.url)("@dealmap/domain/schema/event.schema.json");',
        "console.log(schema.title, Object.hasOwn(schema.properties, 'date'));",
        "",
      ].join("\n"),
    );
    expect(run(process.execPath, ["schema.mjs"], outside, 30_000, userEnv())).toBe("Dealmap event true\n");
  });
});
