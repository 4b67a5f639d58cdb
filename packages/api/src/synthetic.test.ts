import { checkIntegrity, DatasetSchema } from "@dealmap/domain";
import { describe, expect, it } from "vitest";
import { syntheticDataset } from "./synthetic.ts";

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
});
