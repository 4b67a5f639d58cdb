/**
 * One load in each database engine the tests run against: a SQLite file in a temp directory and
 * a database of the test cluster, each opened as a store. The contract, paging and open-date
 * tests compare these with the in-memory store.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DatabaseLoad, loadIntoDatabase, SqlStore } from "../src/store/sql/index.ts";
import type { Store } from "../src/store/types.ts";
import { freshDatabase } from "./postgres.ts";

export interface LoadedStores {
  stores: { name: string; store: Store }[];
  /** Where each store's database is (a file, a URL). */
  targets: Map<string, string>;
  /** Closes the stores and removes the SQLite file. */
  close(): Promise<void>;
}

/** `load` into a new SQLite file and a new database of the cluster at `pgUrl` (named `label`). */
export async function loadedStores(load: DatabaseLoad, label: string, pgUrl: string): Promise<LoadedStores> {
  const dir = mkdtempSync(join(tmpdir(), `dealmap-${label}-`));
  const out: LoadedStores = {
    stores: [],
    targets: new Map(),
    async close() {
      for (const s of out.stores) await s.store.close?.();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  const file = join(dir, `${label}.sqlite`);
  await loadIntoDatabase(file, load);
  out.stores.push({ name: "sqlite", store: await SqlStore.open(file) });
  out.targets.set("sqlite", file);
  const url = await freshDatabase(pgUrl, label);
  await loadIntoDatabase(url, load);
  out.stores.push({ name: "postgres", store: await SqlStore.open(url) });
  out.targets.set("postgres", url);
  return out;
}
