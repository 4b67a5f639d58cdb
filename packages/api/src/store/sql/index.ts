/**
 * The database stores: open one for serving (`openSqlStore`), fill one (`loadIntoDatabase`,
 * `loadEntities` for a stream), and what opening can refuse with.
 */
import type { LoadResult, SourceTexts } from "@dealmap/dataset";
import type { Dataset, Provenance } from "@dealmap/domain";
import { type OpenedDatabase, openDatabase } from "./engine.ts";
import { type LoadSummary, loadDataset } from "./write.ts";

export { type Aside, asideWorker } from "./aside.ts";
export {
  type AcceptSummary,
  acceptSameAs,
  type Dangling,
  type DatasetEntry,
  type ImportMeta,
  type ImportSummary,
  importEntities,
  inputHashOf,
  listDatasets,
  removeDataset,
  type UnacceptSummary,
  unacceptSameAs,
} from "./datasets.ts";
export {
  DatabaseError,
  DatabaseUnavailableError,
  isPostgresUrl,
  type OpenedDatabase,
  openDatabase,
  redact,
} from "./engine.ts";
export { SCHEMA_VERSION } from "./schema.ts";
export { SqlStore } from "./store.ts";
export {
  datasetItems,
  type EntityItem,
  type LoadMeta,
  type LoadSummary,
  loadEntities,
  type MergedRecord,
} from "./write.ts";

export interface DatabaseLoad {
  dataset: Dataset;
  /** The datasets loaded, in order. */
  datasets: string[];
  provenance?: Provenance;
  texts?: SourceTexts;
  /** Per dataset, its own entities (a load result's `parts()`), to mark each entity's dataset. */
  parts?: ReturnType<Extract<LoadResult, { ok: true }>["parts"]>;
  onProgress?: (done: number) => void;
}

/** Replace the data of the database at `target` (created when missing) with `load`, in one transaction. */
export async function loadIntoDatabase(target: string, load: DatabaseLoad): Promise<LoadSummary> {
  const db: OpenedDatabase = await openDatabase(target, { create: true, poolSize: 2 });
  try {
    const owner = new Map<string, string>();
    for (const [name, part] of Object.entries(load.parts ?? {}))
      for (const list of Object.values(part.entities) as { id: string }[][])
        for (const e of list) if (!owner.has(e.id)) owner.set(e.id, name);
    return await loadDataset(db, load.dataset, {
      datasets: load.datasets,
      datasetOf: (id) => owner.get(id),
      provenance: load.provenance,
      texts: load.texts,
      onProgress: load.onProgress,
    });
  } finally {
    await db.close();
  }
}
