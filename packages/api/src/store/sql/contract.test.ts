/**
 * The contract suite: the built-in data (with its source texts and the memo's statements) on
 * every store — in memory, a SQLite file and a PostgreSQL database of a throwaway cluster —
 * answers every procedure JSON-equally through the router (`createCaller`).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freshDatabase } from "../../../test/postgres.ts";
import { createContextInner, defaultDatabaseLoad } from "../../context.ts";
import { createCaller } from "../../root.ts";
import { MemoryStore, ownersOf } from "../memory.ts";
import type { Store } from "../types.ts";
import { type Caller, contractCalls, settle } from "./contract-calls.ts";
import { loadIntoDatabase, SqlStore } from "./index.ts";

const load = defaultDatabaseLoad();
const { dataset, provenance } = load;
const memory = new MemoryStore(dataset, {
  sourceTexts: load.texts,
  provenance,
  datasets: load.datasets,
  owners: ownersOf(load.parts ?? {}),
});

const dir = mkdtempSync(join(tmpdir(), "dealmap-contract-"));
const stores: { name: string; store: Store }[] = [];

beforeAll(async () => {
  const file = join(dir, "builtin.sqlite");
  await loadIntoDatabase(file, load);
  stores.push({ name: "sqlite", store: await SqlStore.open(file) });
  const url = await freshDatabase(inject("pgUrl"), "contract");
  await loadIntoDatabase(url, load);
  stores.push({ name: "postgres", store: await SqlStore.open(url) });
}, 120_000);

afterAll(async () => {
  for (const s of stores) await s.store.close?.();
  rmSync(dir, { recursive: true, force: true });
});

const callerOf = async (store: Store): Promise<Caller> => createCaller(await createContextInner({ store }));
const calls = (api: Caller) => contractCalls(api, dataset, provenance);

describe("every store gives the in-memory store's answers on the built-in data", () => {
  it("has the stores", () => {
    expect(stores.map((s) => s.name)).toEqual(["sqlite", "postgres"]);
  });
  for (const name of ["sqlite", "postgres"]) {
    it(`${name}: every procedure answers as in memory`, async () => {
      const s = stores.find((x) => x.name === name);
      if (!s) throw new Error(`no ${name} store`);
      const mem = calls(await callerOf(memory));
      const db = calls(await callerOf(s.store));
      expect(db.length).toBe(mem.length);
      expect(mem.length).toBeGreaterThan(500);
      const diffs: string[] = [];
      let first: { label: string; got: unknown; want: unknown } | undefined;
      for (let i = 0; i < mem.length; i++) {
        const [label, m] = mem[i] as [string, () => Promise<unknown>];
        const want = await settle(m);
        const got = await settle((db[i] as [string, () => Promise<unknown>])[1]);
        if (JSON.stringify(got) === JSON.stringify(want)) continue;
        diffs.push(label);
        first ??= { label, got, want };
      }
      expect(diffs).toEqual([]);
      if (first) expect(first.got, first.label).toEqual(first.want);
    }, 120_000);
  }
  it("reports the same version (so ETags agree)", () => {
    for (const s of stores) expect(s.store.version).toBe(memory.version);
  });
});
