/**
 * @dealmap/dataset — the built-in data and the loader for user data: YAML/JSON files in one
 * folder per collection, validated against @dealmap/domain, every problem as
 * `file:line:col  field.path  message`.
 */
export { builtinDataDir, loadBuiltin, loadOrThrow, loadWithUserData } from "./builtin.ts";
export * from "./import/csv.ts";
export * from "./import/ftm.ts";
export * from "./import/gdelt.ts";
export * from "./import/types.ts";
export { DIR_SETTINGS, type Invocation, type OwnScript, resolveInvocation } from "./invocation.ts";
export {
  BUILTIN_DATASET,
  type DataFileStamp,
  type DatasetPart,
  datasetNameOf,
  formatProblem,
  type LoadOptions,
  type LoadProblem,
  type LoadResult,
  type Location,
  listDataFiles,
  loadDataset,
  NO_FIELD,
  STATEMENTS_DIR,
  TEXTS_DIR,
} from "./load.ts";
export { type Promoted, type PromotedFile, type PromoteInput, promoteEvent } from "./promote.ts";
export { LIMITS } from "./safe-fs.ts";
export {
  loadSourceTexts,
  paragraphsOf,
  repoSharedSeedDir,
  type SourceTexts,
  type SourceTextWarning,
} from "./sources.ts";
