/**
 * Building the tRPC context: a Store over a dataset. By default the built-in data plus the
 * user directory in `DEALMAP_DATA`, with source texts from `DEALMAP_SOURCES` (each trusted only
 * when its SHA-256 matches the source's `textSha256`). The default store is built once per
 * process and shared; a dataset passed in gets its own store (cached per dataset object).
 */
import { formatProblem, loadSourceTexts, loadWithUserData, type SourceTexts } from "@dealmap/dataset";
import { type Dataset, type Provenance, splitParagraphs } from "@dealmap/domain";
import { MemoryStore, ownersOf, type SourceTextInput } from "./store/memory.ts";
import { type DatabaseLoad, SqlStore } from "./store/sql/index.ts";
import type { Store } from "./store/types.ts";
import type { Context, SourceParagraphs } from "./trpc.ts";

export interface ContextOptions {
  /** The dataset to serve; default: built-in data plus `DEALMAP_DATA`. */
  dataset?: Dataset;
  /**
   * Source texts: raw texts by source id (hash-checked here) or the result of
   * `loadSourceTexts` (already checked). Default with the default dataset: `DEALMAP_SOURCES`.
   */
  sourceTexts?: SourceTextInput;
  /** Where the dataset's merged values came from (a load result's `provenance`). */
  provenance?: Provenance;
  /** Use this store as is (e.g. a SQL-backed one). */
  store?: Store;
  /** The datasets loaded, in order, and the dataset of each entity outside the first (`ownersOf`). */
  datasets?: readonly string[];
  owners?: ReadonlyMap<string, string>;
}

/** Loading the default data failed: the message lists every problem as file:line:col. */
export class DataLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DataLoadError";
  }
}

let defaultStore: MemoryStore | undefined;
const perDataset = new WeakMap<Dataset, MemoryStore>();

/**
 * Whole texts of the in-memory stores built here, by store: the same texts the store was given.
 * A store decides which texts it trusts (the hash check); a procedure asks it first whether a
 * source's text is loaded, and reads the paragraphs here only then.
 */
const wholeTexts = new WeakMap<Store, SourceParagraphs>();

function remember(store: Store, input: SourceTextInput | undefined): void {
  if (input === undefined) return;
  const checked = !(input instanceof Map) && (input as { texts?: unknown }).texts instanceof Map;
  const read = checked
    ? (id: string) => (input as { texts: ReadonlyMap<string, readonly string[]> }).texts.get(id)
    : (id: string) => {
        const raw =
          input instanceof Map
            ? (input as ReadonlyMap<string, string>).get(id)
            : (input as Readonly<Record<string, string>>)[id];
        return typeof raw === "string" ? splitParagraphs(raw) : undefined;
      };
  wholeTexts.set(store, async (id) => read(id));
}

/**
 * The built-in data plus `DEALMAP_DATA`, with the texts in `DEALMAP_SOURCES`, as a database load
 * (what `dealmap db load` writes; also what the database tests load).
 */
export function defaultDatabaseLoad(): DatabaseLoad {
  const result = loadWithUserData();
  if (!result.ok) {
    throw new DataLoadError(
      `the data could not be loaded (DEALMAP_DATA=${process.env.DEALMAP_DATA ?? ""}):\n${result.problems
        .map(formatProblem)
        .join("\n")}`,
    );
  }
  return {
    dataset: result.dataset,
    datasets: result.datasets,
    provenance: result.provenance,
    texts: loadSourceTexts(undefined, result.dataset),
    parts: result.parts(),
  };
}

/** Load the built-in data plus `DEALMAP_DATA` and the texts in `DEALMAP_SOURCES`. */
export function loadDefaultData(): {
  dataset: Dataset;
  sourceTexts: SourceTexts;
  provenance: Provenance;
  datasets: string[];
  owners: Map<string, string>;
} {
  const { dataset, texts, provenance, datasets, parts } = defaultDatabaseLoad();
  return {
    dataset,
    sourceTexts: texts as SourceTexts,
    provenance: provenance as Provenance,
    datasets,
    owners: ownersOf(parts ?? {}),
  };
}

/** The shared store over the default data (built on first use). */
export function getDefaultStore(): MemoryStore {
  if (!defaultStore) {
    const { dataset, sourceTexts, provenance, datasets, owners } = loadDefaultData();
    defaultStore = new MemoryStore(dataset, { sourceTexts, provenance, datasets, owners });
    remember(defaultStore, sourceTexts);
  }
  return defaultStore;
}

/** A store for the given options (see {@link ContextOptions}). */
export function getStore(opts: ContextOptions = {}): Store {
  if (opts.store) return opts.store;
  if (!opts.dataset) return getDefaultStore();
  if (opts.sourceTexts || opts.provenance || opts.datasets) {
    const store = new MemoryStore(opts.dataset, {
      sourceTexts: opts.sourceTexts,
      provenance: opts.provenance,
      ...(opts.datasets ? { datasets: opts.datasets } : {}),
      ...(opts.owners ? { owners: opts.owners } : {}),
    });
    remember(store, opts.sourceTexts);
    return store;
  }
  let s = perDataset.get(opts.dataset);
  if (!s) {
    s = new MemoryStore(opts.dataset);
    perDataset.set(opts.dataset, s);
  }
  return s;
}

const databases = new Map<string, Promise<SqlStore>>();

/**
 * The store of a database (`DEALMAP_DB`: a file path or a postgres:// URL), opened once per
 * process and shared. A failed open is not kept, so the next call tries again.
 */
export function openDatabaseStore(target: string): Promise<SqlStore> {
  let p = databases.get(target);
  if (!p) {
    p = SqlStore.open(target);
    databases.set(target, p);
    p.catch(() => databases.delete(target));
  }
  return p;
}

/**
 * The store for the given options: the one passed in, a store over a dataset passed in, the
 * database named by `DEALMAP_DB` when set, else the in-memory store over the default data.
 */
export async function resolveStore(opts: ContextOptions = {}): Promise<Store> {
  if (opts.store) return opts.store;
  const db = process.env.DEALMAP_DB;
  if (!opts.dataset && db) return openDatabaseStore(db);
  return getStore(opts);
}

/**
 * The context for a call: tests pass their own dataset, the web and the TUI call it with no
 * arguments for the default data (or the database in `DEALMAP_DB`).
 */
export async function createContextInner(opts: ContextOptions = {}): Promise<Context> {
  const store = await resolveStore(opts);
  const sourceParagraphs = wholeTexts.get(store);
  return sourceParagraphs ? { store, sourceParagraphs } : { store };
}
