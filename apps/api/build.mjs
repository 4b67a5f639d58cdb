/**
 * Build the server to JavaScript (dist/main.js, ESM for Node 20) so that production runs with
 * plain `node`, no TypeScript loader: the workspace's TypeScript packages are compiled in, npm
 * packages stay external and load from node_modules.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { externalDependencies, keepModuleUrls, requireBanner } from "../../scripts/workspace-bundle.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const pkg = JSON.parse(readFileSync(path.join(here, "package.json"), "utf8"));
const t0 = performance.now();
await esbuild.build({
  absWorkingDir: here,
  entryPoints: { main: "src/main.ts" },
  outdir: "dist",
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: "linked",
  legalComments: "none",
  banner: requireBanner,
  plugins: [keepModuleUrls, externalDependencies(Object.keys(pkg.dependencies ?? {}))],
  logLevel: "warning",
});
console.log(`built dist/main.js in ${(performance.now() - t0).toFixed(0)} ms`);
