#!/usr/bin/env node
/**
 * `pnpm dealmap …` from the repo root. Runs dist/cli.js, building it first with esbuild when it
 * is missing or older than any source it is built from. Never changes directory: paths given
 * by the user resolve from where they ran the command.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const app = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const repo = path.resolve(app, "../..");
const out = path.join(app, "dist", "cli.js");
const SOURCES = [
  path.join(app, "src"),
  path.join(app, "build.mjs"),
  path.join(app, "package.json"),
  path.join(repo, "packages/domain/src"),
  path.join(repo, "packages/dataset/src"),
  path.join(repo, "packages/api/src"),
];

/** Newest modification time under `p`, ignoring tests. */
function newest(p) {
  let st;
  try {
    st = statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return /\.test\.tsx?$/.test(p) ? 0 : st.mtimeMs;
  let max = 0;
  for (const name of readdirSync(p)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    max = Math.max(max, newest(path.join(p, name)));
  }
  return max;
}

const stale = !existsSync(out) || SOURCES.some((s) => newest(s) > statSync(out).mtimeMs);
if (stale) {
  const { build } = await import(pathToFileURL(path.join(app, "build.mjs")).href);
  try {
    await build();
  } catch (err) {
    process.stderr.write(
      `dealmap: building the CLI failed:\n${err instanceof Error ? err.message : String(err)}\n`,
    );
    process.exit(1);
  }
}
const { main } = await import(pathToFileURL(out).href);
process.exitCode = await main(process.argv.slice(2));
