/**
 * Loading data files: the built-in data plus the user's `--data` directories.
 */
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { homedir, tmpdir } from "node:os";
import path from "node:path";
import {
  builtinDataDir,
  type DatasetPart,
  formatProblem,
  type LoadProblem,
  listDataFiles,
  loadDataset,
} from "@dealmap/dataset";
import type { Dataset, Provenance } from "@dealmap/domain";
import type { GlobalOptions } from "./context.ts";
import { CliError, EXIT } from "./output.ts";

/** Fail with exit 1 when a directory given by the user does not exist. */
export function checkDir(dir: string, label = "data directory"): void {
  if (!existsSync(dir)) throw new CliError(`${label} not found: ${dir}`, EXIT.failure);
  if (!statSync(dir).isDirectory()) throw new CliError(`${label} is not a directory: ${dir}`, EXIT.failure);
}

/**
 * A loaded dataset, where its merged values came from (statements) and which dataset (data
 * directory) defines each entity, or every problem.
 */
export type Loaded =
  | {
      ok: true;
      dataset: Dataset;
      provenance?: Provenance;
      /** The datasets loaded, in order ("built-in" first unless left out). */
      datasets: string[];
      /**
       * [id, dataset] of the entities a dataset after the first defines (the rest are the
       * first's); only when asked for (see `loadDirs`).
       */
      owners?: [string, string][];
    }
  | { ok: false; problems: LoadProblem[] };

/**
 * The dataset that defines each entity, for those outside the first dataset (as the API's
 * `ownersOf` finds them): the first dataset holding the id defines it.
 */
function ownersOf(datasets: readonly string[], parts: () => Record<string, DatasetPart>): [string, string][] {
  // one dataset owns everything: no need to split the load into its parts
  if (datasets.length < 2) return [];
  const all = parts();
  const owner = new Map<string, string>();
  for (const name of datasets)
    for (const list of Object.values(all[name]?.entities ?? {}) as { id: string }[][])
      for (const e of list) if (!owner.has(e.id)) owner.set(e.id, name);
  return [...owner].filter(([, name]) => name !== datasets[0]);
}

/**
 * Load the built-in data merged with `dirs` (or `dirs` alone when `builtin` is false); with
 * `owners`, also find which dataset defines each entity (what the router's lists say).
 */
export function loadDirs(dirs: readonly string[], builtin = true, owners = false): Loaded {
  for (const d of dirs) checkDir(d);
  const result = loadDataset(builtin ? [builtinDataDir, ...dirs] : [...dirs]);
  return result.ok
    ? {
        ok: true,
        dataset: result.dataset,
        provenance: result.provenance,
        datasets: result.datasets,
        ...(owners ? { owners: ownersOf(result.datasets, () => result.parts()) } : {}),
      }
    : { ok: false, problems: result.problems };
}

/**
 * Set by build.mjs to a hash of the sources the bundle was built from (the schemas, the loader,
 * the checks). Undefined when running from source (tests, tsx): then nothing is cached.
 */
declare const __DEALMAP_BUILD_ID__: string | undefined;
const BUILD_ID = typeof __DEALMAP_BUILD_ID__ === "string" ? __DEALMAP_BUILD_ID__ : undefined;

/** The user's cache directory ($XDG_CACHE_HOME or ~/.cache), not a shared temp directory. */
function cacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || (homedir() ? path.join(homedir(), ".cache") : tmpdir());
  return path.join(base, "dealmap");
}

/**
 * Load like {@link loadDirs}, but reuse the last validated result while no data file changed.
 * The snapshot lives in the user's cache directory (`$XDG_CACHE_HOME/dealmap` or
 * `~/.cache/dealmap`).
 *
 * Reading and checking the YAML takes about a second; the commands and the TUI must answer in
 * a few hundred milliseconds. So a dataset that passed every check is kept as JSON, keyed by
 * the build of the checks (BUILD_ID) and by every data file's path, size and modification time.
 * Any change — an edited file, a new one, a new build — misses the cache and runs the full
 * check again. `dealmap validate` never uses the cache; DEALMAP_NO_CACHE=1 turns it off.
 */
export function loadDirsCached(dirs: readonly string[]): Loaded {
  if (!BUILD_ID || process.env.DEALMAP_NO_CACHE) return loadDirs(dirs, true, true);
  for (const d of dirs) checkDir(d);
  // the loader's own walk (same rule: regular files, links only inside the directory): any
  // problem there skips the cache, and the full load reports it
  const files: string[] = [];
  for (const d of [builtinDataDir, ...dirs]) {
    const listed = listDataFiles(d);
    if (listed.problems.length > 0) return loadDirs(dirs, true, true);
    for (const f of listed.files) files.push(`${f.real}:${f.size}:${f.mtimeMs}`);
  }
  const key = createHash("sha256")
    .update(BUILD_ID)
    .update("\0")
    .update(files.join("\n"))
    .digest("hex")
    .slice(0, 32);
  const dir = cacheDir();
  const file = path.join(dir, `dataset-${key}.json`);
  try {
    const cached = JSON.parse(readFileSync(file, "utf8")) as Omit<Extract<Loaded, { ok: true }>, "ok">;
    // a snapshot written before datasets were kept is loaded again in full
    if (Array.isArray(cached.datasets) && Array.isArray(cached.owners)) return { ok: true, ...cached };
  } catch {
    // not cached yet (or unreadable): load and check in full
  }
  const result = loadDirs(dirs, true, true);
  if (result.ok) {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const tmp = `${file}.${process.pid}.tmp`;
      const { ok: _, ...snapshot } = result;
      writeFileSync(tmp, JSON.stringify(snapshot));
      renameSync(tmp, file);
      // keep the cache small: drop older snapshots
      for (const f of readdirSync(dir)) {
        if (f.startsWith("dataset-") && f !== path.basename(file)) {
          const full = path.join(dir, f);
          if (Date.now() - statSync(full).mtimeMs > 60_000) unlinkSync(full);
        }
      }
    } catch {
      // a cache that cannot be written only costs time
    }
  }
  return result;
}

/** The dataset for a command, or a CliError (exit 1) listing every problem. */
export function loadOrFail(global: GlobalOptions): Dataset {
  return loadWithProvenance(global).dataset;
}

let partsCache: Record<string, DatasetPart> | undefined;
/** Each dataset apart (`export --dataset`), or a CliError listing every problem. Not cached. */
export function loadParts(global: GlobalOptions): Record<string, DatasetPart> {
  if (partsCache) return partsCache;
  for (const d of global.data) checkDir(d);
  const result = loadDataset([builtinDataDir, ...global.data]);
  if (!result.ok) throw invalidData(result.problems);
  partsCache = result.parts();
  return partsCache;
}

/**
 * The dataset, its provenance and each entity's dataset for a command, or a CliError (exit 1)
 * listing every problem.
 */
export function loadWithProvenance(global: GlobalOptions): Omit<Extract<Loaded, { ok: true }>, "ok"> {
  const result = loadDirsCached(global.data);
  if (!result.ok) throw invalidData(result.problems);
  return result;
}

export function invalidData(problems: readonly LoadProblem[]): CliError {
  const n = problems.length;
  return new CliError(
    `the data is invalid (${n} problem${n === 1 ? "" : "s"}):\n${problems.map(formatProblem).join("\n")}\nRun \`dealmap validate DIR\` to check a directory.`,
  );
}
