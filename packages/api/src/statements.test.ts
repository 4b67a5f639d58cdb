/**
 * The memo case through the router: a user directory whose release is declared the same as
 * the built-in one, and which adds citations to the built-in easing and deal.
 */
import { fileURLToPath } from "node:url";
import { builtinDataDir, formatProblem, loadDataset } from "@dealmap/dataset";
import { describe, expect, it } from "vitest";
import { createContextInner } from "./context.ts";
import { createCaller } from "./root.ts";
import { ownersOf } from "./store/memory.ts";

const memoDir = fileURLToPath(new URL("../../dataset/fixtures/my-memo", import.meta.url));

async function api(dirs: string[]) {
  const r = loadDataset(dirs, { sources: "" });
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join("\n"));
  return createCaller(await createContextInner({ dataset: r.dataset, provenance: r.provenance }));
}

/** People freed in 2025's release waves, as the overview counts them (one figure a release). */
async function freed(call: Awaited<ReturnType<typeof api>>) {
  const { items } = await call.events.list({ kinds: ["release"], from: "2025", to: "2025", limit: 200 });
  return items
    .filter((e) => e.status === "occurred" || e.status === "reported")
    .map((e) => e.quantities.find((q) => /people|prisoner|person/i.test(`${q.unit} ${q.counts}`))?.value ?? 0)
    .reduce((a, b) => a + b, 0);
}

describe("statements through the router (the memo case)", () => {
  it("the memo adds a second, attributed source to the release, easing and deal; 192 freed either way", async () => {
    const builtin = await api([builtinDataDir]);
    const withMemo = await api([builtinDataDir, memoDir]);
    expect(await freed(builtin)).toBe(192);
    expect(await freed(withMemo)).toBe(192);
    expect((await withMemo.stats.summary()).counts.events).toBe(
      (await builtin.stats.summary()).counts.events,
    );

    for (const id of ["release-2025-09", "belavia-relief-2025-09", "deal-2025-09-belavia"]) {
      const p = await withMemo.entity.provenance({ id });
      expect(p.datasets, id).toEqual(["built-in", "my-memo"]);
      expect(p.values.some((v) => v.dataset === "my-memo" && v.path.startsWith("citations."))).toBe(true);
    }
    const release = await withMemo.entity.provenance({ id: "release-2025-09" });
    expect(release.mergedFrom).toEqual(["memo-september-release"]);
    // the memo's own id still finds the merged event
    const viaMemoId = await withMemo.events.get({ id: "memo-september-release" });
    expect(viaMemoId.event.id).toBe("release-2025-09");
    expect(viaMemoId.event.citations.some((c) => c.source === "my-memo")).toBe(true);
    // without the memo, exactly its values are gone
    const plain = await builtin.entity.provenance({ id: "release-2025-09" });
    expect(plain).toMatchObject({ datasets: [], values: [], disputes: [], mergedFrom: [] });
    const ev = await builtin.events.get({ id: "release-2025-09" });
    expect(ev.event.citations.some((c) => c.source === "my-memo")).toBe(false);
    await expect(builtin.entity.provenance({ id: "memo-september-release" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("the dataset of each actor and event, in memory", () => {
  it("lists and filters a user directory's actors, and says the dataset in lists and details", async () => {
    const fixtures = fileURLToPath(new URL("../../dataset/fixtures", import.meta.url));
    const r = loadDataset([`${fixtures}/good`, `${fixtures}/extra`], { sources: "" });
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join("\n"));
    expect(r.datasets).toEqual(["good", "extra"]);
    const call = createCaller(
      await createContextInner({
        dataset: r.dataset,
        provenance: r.provenance,
        datasets: r.datasets,
        owners: ownersOf(r.parts()),
      }),
    );
    const all = await call.actors.list({});
    expect(all.datasets).toHaveLength(all.items.length);
    expect(all.datasets.filter((d) => d === "extra")).toEqual(["extra"]);
    const extra = await call.actors.list({ datasets: ["extra"] });
    expect(extra).toMatchObject({ total: 1, datasets: ["extra"], nextCursor: null });
    expect(extra.items.map((a) => a.id)).toEqual(["ben-south"]);
    const good = await call.actors.list({ datasets: ["good"] });
    expect(good.total).toBe(all.total - 1);
    expect(good.datasets.every((d) => d === "good")).toBe(true);
    expect((await call.actors.get({ id: "ben-south" })).dataset).toBe("extra");
    expect((await call.actors.get({ id: "ada-north" })).dataset).toBe("good");
    expect((await call.events.get({ id: "follow-up-call" })).dataset).toBe("extra");
    const timeline = await call.events.list({ datasets: ["extra"] });
    expect(timeline.items.map((e) => e.id)).toEqual(["follow-up-call"]);
  });
});
