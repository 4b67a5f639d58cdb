/**
 * Events open at one end or both ("../2025-06-10", "2025-06/..", "../..") in the SQL stores.
 * The built-in data has none, so the contract suite alone would never see an undated event in
 * a chart window (counted apart as `undated`) or an open end in a timeline page. Here the
 * built-in data plus such events, copied from real ones (same participants, places and
 * citations), must give the in-memory store's answers on SQLite and PostgreSQL, every call of
 * the contract suite.
 */
import type { StoryEvent } from "@dealmap/domain";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type LoadedStores, loadedStores } from "../../../test/stores.ts";
import { createContextInner, defaultDatabaseLoad } from "../../context.ts";
import { createCaller } from "../../root.ts";
import { MemoryStore, ownersOf } from "../memory.ts";
import type { Store } from "../types.ts";
import { type Caller, contractCalls, differences } from "./contract-calls.ts";
import type { DatabaseLoad } from "./index.ts";

const base = defaultDatabaseLoad();
const withActors = base.dataset.events.filter((e) => e.participants.length > 0 && e.places.length > 0);
const open: [string, string][] = [
  ["open-both", "../.."],
  ["open-both-slash", "/"],
  ["open-start", "../2025-06-10"],
  ["open-end", "2025-06/.."],
  ["open-start-year", "../2021"],
];
const extra: StoryEvent[] = open.map(([id, date], i) => ({
  ...(withActors[i % withActors.length] as StoryEvent),
  id: `probe-${id}`,
  date,
  links: [],
}));
const load: DatabaseLoad = {
  ...base,
  dataset: { ...base.dataset, events: [...base.dataset.events, ...extra] },
};
const memory = new MemoryStore(load.dataset, {
  sourceTexts: load.texts,
  provenance: load.provenance,
  datasets: load.datasets,
  owners: ownersOf(load.parts ?? {}),
});

let loaded: LoadedStores | undefined;

beforeAll(async () => {
  loaded = await loadedStores(load, "open_dates", inject("pgUrl"));
}, 120_000);

afterAll(() => loaded?.close());

const callerOf = async (store: Store): Promise<Caller> => createCaller(await createContextInner({ store }));

describe("events open at one end or both: every store answers as in memory", () => {
  it("the in-memory store counts them as the domain does", async () => {
    const api = await callerOf(memory);
    // two events have no anchor day at all; the others are charted at their finite end
    const whole = await api.events.window({});
    expect(whole.undated).toBe(2);
    const someActor = extra[0]?.participants[0]?.actor as string;
    const byActor = await api.events.window({ actors: [someActor] });
    expect(byActor.undated).toBeGreaterThanOrEqual(1);
  });
  for (const name of ["sqlite", "postgres"]) {
    it(`${name}: every call of the contract suite`, async () => {
      const s = loaded?.stores.find((x) => x.name === name);
      if (!s) throw new Error(`no ${name} store`);
      const someActor = extra[0]?.participants[0]?.actor as string;
      const more = (api: Caller): [string, () => Promise<unknown>][] => [
        ["window of the actor of an undated event", () => api.events.window({ actors: [someActor] })],
        [
          "the same, by actor",
          () => api.events.window({ actors: [someActor], lanes: "actor", from: "2025", to: "2025" }),
        ],
        ["window of its status", () => api.events.window({ statuses: [extra[0]?.status ?? "occurred"] })],
        ["timeline of the actor", () => api.events.list({ actors: [someActor], limit: 200 })],
        ["timeline before 2022", () => api.events.list({ to: "2021", limit: 50 })],
      ];
      const mem = [
        ...contractCalls(await callerOf(memory), load.dataset, load.provenance),
        ...more(await callerOf(memory)),
      ];
      const db = [
        ...contractCalls(await callerOf(s.store), load.dataset, load.provenance),
        ...more(await callerOf(s.store)),
      ];
      expect(db.length).toBe(mem.length);
      const { labels, first } = await differences(mem, db);
      if (first) expect(first.got, first.label).toEqual(first.want);
      expect(labels).toEqual([]);
    }, 120_000);
  }
});
