import { createHash } from "node:crypto";
import { checkIntegrity, DatasetSchema, ENTITY_KINDS, type EntityKind } from "@dealmap/domain";
import { describe, expect, it } from "vitest";
import { syntheticCounts, syntheticDataset, syntheticEntities } from "./synthetic.ts";

describe("synthetic benchmark data", () => {
  const ds = syntheticDataset({ events: 1500, seed: 7 });

  it("is exactly what the schema outputs for it (defaults included)", () => {
    expect(DatasetSchema.parse(structuredClone(ds))).toEqual(ds);
  });

  it("references only entities that exist", () => {
    expect(checkIntegrity(ds)).toEqual([]);
  });

  it("is deterministic and sized as asked", () => {
    expect(syntheticDataset({ events: 1500, seed: 7 })).toEqual(ds);
    expect(ds.events).toHaveLength(1500);
    expect(ds.actors.length).toBe(100);
  });

  it("has a skewed activity: a few actors take part in many events", () => {
    const counts = new Map<string, number>();
    for (const e of ds.events)
      for (const p of e.participants) counts.set(p.actor, (counts.get(p.actor) ?? 0) + 1);
    const sorted = [...counts.values()].sort((a, b) => b - a);
    expect(sorted[0]).toBeGreaterThan(10 * (sorted[sorted.length - 1] ?? 1));
  });

  it("yields, one entity at a time, exactly what syntheticDataset returns", () => {
    for (const opts of [{ events: 1500, seed: 7 }, { events: 4000 }]) {
      const whole = opts.seed === 7 ? ds : syntheticDataset(opts);
      const seen: { kind: EntityKind; id: string }[] = [];
      const byKind = Object.fromEntries(ENTITY_KINDS.map((k) => [k, [] as unknown[]]));
      for (const item of syntheticEntities(opts)) {
        seen.push({ kind: item.kind, id: item.entity.id });
        byKind[item.kind]?.push(item.entity);
      }
      expect(byKind).toEqual(whole);
      // collections come out whole and in generation order: sources … routes, relations, events …
      const order = seen.map((s) => s.kind).filter((k, i, all) => k !== all[i - 1]);
      expect(order).toEqual([
        "sources",
        "actors",
        "places",
        "routes",
        "relations",
        "events",
        "deals",
        "assessments",
      ]);
    }
  });

  it("counts what it will yield", () => {
    for (const opts of [
      { events: 1500, seed: 7 },
      { events: 4000, actors: 30, places: 12, routes: 3 },
      { events: 0 },
    ]) {
      const counted = Object.fromEntries(ENTITY_KINDS.map((k) => [k, 0])) as Record<EntityKind, number>;
      for (const item of syntheticEntities(opts)) counted[item.kind]++;
      expect(syntheticCounts(opts)).toEqual(counted);
    }
    const whole = syntheticDataset({ events: 1500, seed: 7 });
    expect(syntheticCounts({ events: 1500, seed: 7 })).toEqual(
      Object.fromEntries(ENTITY_KINDS.map((k) => [k, whole[k].length])),
    );
  });

  it("produces the same data as before it became a generator", () => {
    // sha256 of the array-building version's output; a change here changes every benchmark
    const json = JSON.stringify(syntheticDataset({ events: 3000, seed: 7 }));
    expect(createHash("sha256").update(json).digest("hex")).toBe(
      "c2f9e868204040ed58dd1a5a7e63a53460b7d6ec8376de8968867c6f72d0acd6",
    );
  });
});
