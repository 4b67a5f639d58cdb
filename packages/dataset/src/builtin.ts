/**
 * The built-in data (packages/dataset/data) and the user's data merged on top of it.
 */
import { fileURLToPath } from "node:url";
import type { Dataset } from "@dealmap/domain";
import { formatProblem, type LoadResult, loadDataset } from "./load.ts";

/** Absolute path of the built-in data directory, packages/dataset/data. */
export const builtinDataDir: string = fileURLToPath(new URL("../data", import.meta.url));

let cached: Dataset | undefined;

/**
 * Load the built-in data, once per process. Throws when it is invalid: that is a bug in the
 * shipped data, and the error lists every problem.
 */
export function loadBuiltin(): Dataset {
  if (cached) return cached;
  const result = loadDataset(builtinDataDir);
  if (!result.ok) {
    throw new Error(
      `the built-in data in ${builtinDataDir} is invalid:\n${result.problems.map(formatProblem).join("\n")}`,
    );
  }
  cached = result.dataset;
  return cached;
}

/**
 * The built-in data merged with a user data directory: `userDir`, else `$DEALMAP_DATA` when
 * set, else the built-in data alone. Ids must not clash between the two.
 */
export function loadWithUserData(userDir?: string): LoadResult {
  const dir = userDir ?? (process.env.DEALMAP_DATA || undefined);
  return loadDataset(dir ? [builtinDataDir, dir] : [builtinDataDir]);
}
