/**
 * `events.promote`: the curated YAML for an imported event (see promoteEvent in
 * @dealmap/dataset), from whichever store serves — the same answer for the CLI, the web's
 * button and the HTTP API.
 */
import { type Promoted, type PromoteInput, promoteEvent } from "@dealmap/dataset";
import type { Actor, Place, Source } from "@dealmap/domain";
import { type Store, StoreBadInputError } from "./store/types.ts";

type Ref = PromoteInput["refs"] extends ReadonlyMap<string, infer R> ? R : never;

export async function promoteFromStore(
  store: Store,
  id: string,
  newId?: string,
): Promise<Promoted | undefined> {
  const detail = await store.event(id);
  if (!detail) return undefined;
  const event = detail.event;
  const loaded = new Set((await store.datasets()).filter((d) => d.origin === "load").map((d) => d.name));
  const own = (await store.datasetsOf([event.id])).get(event.id) ?? "";
  if (loaded.has(own))
    throw new StoreBadInputError(
      "id",
      `"${event.id}" is curated already (dataset "${own}"): only imported events are promoted`,
    );
  const refs = new Map<string, Ref>();
  const fetch = async (ids: string[]) => {
    const want = [...new Set(ids)].filter((x) => !refs.has(x));
    if (want.length === 0) return;
    const sets = await store.datasetsOf(want);
    for (const x of want) {
      const e = await store.entity(x);
      if (e && (e.kind === "actor" || e.kind === "place" || e.kind === "source"))
        refs.set(x, { kind: e.kind, entity: e.entity as Actor | Place | Source, dataset: sets.get(x) ?? "" });
    }
  };
  await fetch([
    ...event.participants.map((p) => p.actor),
    ...(event.claimedBy ? [event.claimedBy] : []),
    ...event.places,
    ...event.citations.map((c) => c.source),
  ]);
  await fetch(
    [...refs.values()].flatMap((r) =>
      r.kind === "source" ? [] : (r.entity as Actor | Place).citations.map((c) => c.source),
    ),
  );
  // promoteEvent picks ids synchronously: find out first which of those it may pick are taken
  const bare = (x: string, set: string) => (x.startsWith(`${set}-`) ? x.slice(set.length + 1) : x);
  const probes: string[] = newId ? [newId] : [];
  for (const [rid, set] of [[event.id, own] as const, ...[...refs].map(([k, r]) => [k, r.dataset] as const)])
    if (!loaded.has(set)) {
      const b = bare(rid, set);
      probes.push(b, `promoted-${b}`, ...[2, 3, 4, 5].flatMap((n) => [`${b}-${n}`, `promoted-${b}-${n}`]));
    }
  const taken = new Set((await store.datasetsOf(probes)).keys());
  if (newId !== undefined && taken.has(newId))
    throw new StoreBadInputError("newId", `"${newId}" is taken: choose another id`);
  return promoteEvent({
    event,
    dataset: own,
    refs,
    isCurated: (d) => loaded.has(d),
    taken: (x) => taken.has(x),
    ...(newId === undefined ? {} : { id: newId }),
  });
}
