/**
 * esbuild plugins shared by the apps that bundle the workspace's TypeScript packages into
 * JavaScript (apps/api's server, apps/cli).
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

/**
 * Workspace packages locate their files with `new URL("../data", import.meta.url)`. Inside a
 * bundle `import.meta.url` would name dist/…, so each workspace module gets its own source URL
 * baked in instead: paths keep resolving next to the source, wherever the bundle lives.
 */
export const keepModuleUrls = {
  name: "keep-module-urls",
  setup(b) {
    b.onLoad({ filter: /[\\/](packages|apps)[\\/][^\\/]+[\\/]src[\\/].*\.tsx?$/ }, (args) => {
      const source = readFileSync(args.path, "utf8");
      if (!source.includes("import.meta.url")) return undefined;
      const url = JSON.stringify(pathToFileURL(args.path).href);
      return {
        contents: source.replaceAll("import.meta.url", url),
        loader: args.path.endsWith(".tsx") ? "tsx" : "ts",
      };
    });
  },
};

/**
 * Leaves the app's own npm dependencies (`names`, from its package.json) to Node at run time;
 * everything else — `@dealmap/*` TypeScript and what those packages use — goes in the bundle,
 * since pnpm makes a package's dependencies resolvable only from that package.
 */
export function externalDependencies(names) {
  const external = new Set(names.filter((n) => !n.startsWith("@dealmap/")));
  return {
    name: "external-dependencies",
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        const parts = args.path.split("/");
        const name = args.path.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
        return external.has(name) ? { path: args.path, external: true } : undefined;
      });
    },
  };
}

/** Bundled CommonJS modules call require() for Node built-ins; ESM output needs one made. */
export const requireBanner = {
  js: 'import { createRequire as __dealmapCreateRequire } from "node:module"; const require = __dealmapCreateRequire(import.meta.url);',
};
