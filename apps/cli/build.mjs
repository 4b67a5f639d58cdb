/**
 * Bundle the CLI with esbuild: src/cli.tsx → dist/cli.js (ESM, Node 20), with the @dealmap/*
 * workspace TypeScript source compiled in. Command modules and the Ink TUI are split into
 * chunks loaded on demand, so `--json` commands never load React or Ink.
 *
 * Run directly (`node build.mjs`) or through bin/dealmap.mjs, which calls `build()` when dist is
 * missing or older than the sources.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { keepModuleUrls, requireBanner } from "../../scripts/workspace-bundle.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));

/** Hash of every source file the bundle is built from: the data cache is keyed by it. */
function sourcesHash() {
  const h = createHash("sha256");
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      if (name === "node_modules" || name.startsWith(".")) continue;
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|tsx|json)$/.test(name)) h.update(p).update(readFileSync(p));
    }
  };
  for (const d of [
    "src",
    "../../packages/domain/src",
    "../../packages/dataset/src",
    "../../packages/api/src",
  ]) {
    walk(path.join(here, d));
  }
  return h.digest("hex").slice(0, 16);
}

/**
 * better-sqlite3 (the SQLite driver of @dealmap/api's database stores) finds its compiled addon
 * relative to its own files, so it cannot be bundled: the bundle requires it, at run time, from
 * the absolute path it resolves to from @dealmap/api (pnpm makes it resolvable only from there;
 * dist/ is built on the machine that runs it, by bin/dealmap.mjs, like the source URLs that
 * keepModuleUrls bakes in). And only when a database is opened: commands over the YAML data do
 * not pay for loading it. @dealmap/api only constructs it (`new SQLite(file, options)`).
 */
const lazyNativeDriver = {
  name: "lazy-native-driver",
  setup(b) {
    b.onResolve({ filter: /^better-sqlite3$/ }, async (args) => {
      if (args.pluginData === "lazy-native-driver") return undefined;
      const found = await b.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: "lazy-native-driver",
      });
      if (found.errors.length > 0) return { errors: found.errors };
      return { path: found.path, namespace: "lazy-native-driver" };
    });
    b.onLoad({ filter: /.*/, namespace: "lazy-native-driver" }, (args) => ({
      // `require` is the bundle's own (requireBanner); a variable, so that esbuild leaves it
      contents: `const file = ${JSON.stringify(args.path)};
let real;
const load = () => (real ??= require(file));
export default new Proxy(function Database() {}, {
  construct: (_t, params) => Reflect.construct(load(), params),
  apply: (_t, self, params) => Reflect.apply(load(), self, params),
  get: (_t, key) => load()[key],
});
`,
      loader: "js",
    }));
  },
};

/** Build dist/. Resolves when written; throws on a compile error. */
export async function build({ quiet = true } = {}) {
  // Build into a fresh directory and swap it in, so that a program running from dist/ (another
  // terminal, a test) never sees it half-written.
  const dist = path.join(here, "dist");
  const next = path.join(here, `dist.next-${process.pid}`);
  const old = path.join(here, `dist.old-${process.pid}`);
  // leftovers of an interrupted build
  for (const name of readdirSync(here)) {
    if (!/^dist\.(next|old)-\d+$/.test(name)) continue;
    const p = path.join(here, name);
    if (Date.now() - statSync(p).mtimeMs > 10 * 60_000) rmSync(p, { recursive: true, force: true });
  }
  rmSync(next, { recursive: true, force: true });
  const result = await esbuild.build({
    absWorkingDir: here,
    // synth-aside: the worker thread of `db synth` (see packages/api/src/store/sql/aside.ts)
    entryPoints: { cli: "src/cli.tsx", "synth-aside": "../../packages/api/src/synthetic-aside.ts" },
    outdir: next,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    jsx: "automatic",
    sourcemap: "linked",
    minify: true,
    keepNames: false,
    legalComments: "none",
    chunkNames: "chunks/[name]-[hash]",
    // Ink loads its devtools only when DEV=true; that optional package is not installed.
    external: ["react-devtools-core"],
    define: { "process.env.NODE_ENV": '"production"', __DEALMAP_BUILD_ID__: JSON.stringify(sourcesHash()) },
    // Bundled CommonJS dependencies (react, signal-exit…) call require() for Node built-ins.
    banner: requireBanner,
    plugins: [keepModuleUrls, lazyNativeDriver],
    logLevel: quiet ? "warning" : "info",
    metafile: true,
  });
  if (existsSync(dist)) renameSync(dist, old);
  renameSync(next, dist);
  rmSync(old, { recursive: true, force: true });
  return result;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = performance.now();
  const result = await build();
  const js = Object.entries(result.metafile.outputs).filter(([f]) => f.endsWith(".js"));
  const kib = js.reduce((a, [, o]) => a + o.bytes, 0) / 1024;
  console.log(
    `built dist/cli.js and ${js.length - 1} chunks (${kib.toFixed(0)} KiB) in ${(performance.now() - t0).toFixed(0)} ms`,
  );
}
