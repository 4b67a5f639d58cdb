/**
 * Turbopack (and webpack) treat `new URL("./x", import.meta.url)` as a reference to a file to
 * bundle, and fail when "./x" is a directory. Dealmap's dataset package uses that idiom to find
 * its data directories at run time. This loader rewrites the idiom for extension-less paths
 * (directories) into a form the bundler leaves alone; on the server `import.meta.url` is still
 * the source file's URL, so the path resolves as it does under Node or tsx.
 */
module.exports = function runtimeUrlLoader(source) {
  return source.replace(
    /new URL\(\s*(["'])(\.{1,2}\/(?:[^"']*\/)?[^"'./]+\/?)\1\s*,\s*import\.meta\.url\s*\)/g,
    (_m, q, rel) => `new URL(${q}${rel}${q}, String(import.meta.url))`,
  );
};
