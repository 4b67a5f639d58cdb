import { describe, expect, it } from "vitest";
import { buildSearchIndex, search } from "./search.ts";
import { synthetic } from "./synthetic.ts";

describe("search pruning", () => {
  // Large enough that names alone often fill the top 20 and the text phase is skipped or pruned.
  const { dataset, queries } = synthetic(4000, 400, 7);
  const fast = buildSearchIndex(dataset, { cacheSize: 0 });
  const full = buildSearchIndex(dataset, { cacheSize: 0, exhaustive: true });

  it("returns exactly what scoring every matching field returns", () => {
    let compared = 0;
    for (const q of queries) {
      for (const limit of [1, 5, 20]) {
        expect(search(fast, q, { limit }), `${q} (limit ${limit})`).toEqual(search(full, q, { limit }));
        compared++;
      }
    }
    for (const q of queries.slice(0, 100)) {
      for (const kinds of [["event"], ["actor", "place"]] as const) {
        const opts = { limit: 10, kinds: [...kinds] };
        expect(search(fast, q, opts), `${q} (${kinds.join(",")})`).toEqual(search(full, q, opts));
        compared++;
      }
    }
    expect(compared).toBe(queries.length * 3 + 200);
  });

  it("still finds text-only matches when the names do not fill the page", () => {
    const hits = search(fast, "prisoners", { limit: 100 });
    expect(hits.length).toBe(100);
    expect(hits.some((h) => h.matched.length > 0 && h.kind === "event")).toBe(true);
  });
});
