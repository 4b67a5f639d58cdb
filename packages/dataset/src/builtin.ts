/**
 * The built-in data (packages/dataset/data) and the user's data merged on top of it.
 */
import type { Dataset } from "@dealmap/domain";
import { builtinDataDir } from "./builtin-dir.ts";
import { formatProblem, type LoadResult, loadDataset } from "./load.ts";

export { builtinDataDir } from "./builtin-dir.ts";

let cached: Dataset | undefined;

/**
 * Load the built-in data, once per process. Throws when it is invalid: that is a bug in the
 * shipped data, and the error lists every problem.
 */
export function loadBuiltin(): Dataset {
  cached ??= loadOrThrow(builtinDataDir, "the built-in data");
  return cached;
}

/**
 * Load directories that must be valid (shipped data, test fixtures): the dataset, or an Error
 * whose message lists every problem, one formatted line each.
 */
export function loadOrThrow(dirs: string | string[], what = "the data"): Dataset {
  const result = loadDataset(dirs);
  if (!result.ok) {
    const where = (Array.isArray(dirs) ? dirs : [dirs]).join(", ");
    throw new Error(`${what} in ${where} is invalid:\n${result.problems.map(formatProblem).join("\n")}`);
  }
  return result.dataset;
}

/**
 * The built-in data merged with a user data directory: `userDir`, else `$DEALMAP_DATA` when
 * set, else the built-in data alone. Ids must not clash between the two.
 */
export function loadWithUserData(userDir?: string): LoadResult {
  const dir = userDir ?? (process.env.DEALMAP_DATA || undefined);
  return loadDataset(dir ? [builtinDataDir, dir] : [builtinDataDir]);
}
