/**
 * Loading data files: the built-in data plus the user's `--data` directories.
 */
import { existsSync, statSync } from "node:fs";
import { builtinDataDir, formatProblem, type LoadProblem, loadDataset } from "@dealmap/dataset";
import type { Dataset } from "@dealmap/domain";
import type { GlobalOptions } from "./context.ts";
import { CliError, EXIT } from "./output.ts";

/** Fail with exit 1 when a directory given by the user does not exist. */
export function checkDir(dir: string, label = "data directory"): void {
  if (!existsSync(dir)) throw new CliError(`${label} not found: ${dir}`, EXIT.failure);
  if (!statSync(dir).isDirectory()) throw new CliError(`${label} is not a directory: ${dir}`, EXIT.failure);
}

export type Loaded = { ok: true; dataset: Dataset } | { ok: false; problems: LoadProblem[] };

/** Load the built-in data merged with `dirs` (or `dirs` alone when `builtin` is false). */
export function loadDirs(dirs: readonly string[], builtin = true): Loaded {
  for (const d of dirs) checkDir(d);
  const result = loadDataset(builtin ? [builtinDataDir, ...dirs] : [...dirs]);
  return result.ok ? { ok: true, dataset: result.dataset } : { ok: false, problems: result.problems };
}

/** The dataset for a command, or a CliError (exit 1) listing every problem. */
export function loadOrFail(global: GlobalOptions): Dataset {
  const result = loadDirs(global.data);
  if (!result.ok) throw invalidData(result.problems);
  return result.dataset;
}

export function invalidData(problems: readonly LoadProblem[]): CliError {
  const n = problems.length;
  return new CliError(
    `the data is invalid (${n} problem${n === 1 ? "" : "s"}):\n${problems.map(formatProblem).join("\n")}\nRun \`dealmap validate DIR\` to check a directory.`,
  );
}
