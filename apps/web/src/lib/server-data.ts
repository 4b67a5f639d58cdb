import "server-only";
import type { RouterInputs, RouterOutputs } from "@dealmap/api";
import { call, type Loaded } from "@/trpc/server";

type EventsInput = RouterInputs["events"]["list"];
type EventItem = RouterOutputs["events"]["list"]["items"][number];

/**
 * Every event matching a filter, walking the router's cursor pages (200 at a time). The
 * timeline's axis needs the whole filtered set; the list view pages on its own.
 */
export async function allEvents(
  filter: Omit<EventsInput, "cursor" | "limit">,
): Promise<Loaded<{ items: EventItem[]; total: number }>> {
  const items: EventItem[] = [];
  let cursor: string | undefined;
  let total = 0;
  for (let guard = 0; guard < 10_000; guard++) {
    // in-process calls never wait for I/O: yield between pages so the page shell streams out
    // (and other requests are served) while a large timeline is read
    await new Promise((resolve) => setImmediate(resolve));
    const input = { ...filter, limit: 200, ...(cursor ? { cursor } : {}) };
    const page = await call((api) => api.events.list(input));
    if (!page.ok) return page;
    items.push(...page.data.items);
    total = page.data.total;
    if (!page.data.nextCursor) break;
    cursor = page.data.nextCursor;
  }
  return { ok: true, data: { items, total } };
}

/** Actor names by id (the whole actor list, paged through). */
export async function actorNames(): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  let cursor: string | undefined;
  for (let guard = 0; guard < 1000; guard++) {
    const input = { limit: 200, ...(cursor ? { cursor } : {}) };
    const page = await call((api) => api.actors.list(input));
    if (!page.ok) break;
    for (const a of page.data.items) names.set(a.id, a.name);
    if (!page.data.nextCursor) break;
    cursor = page.data.nextCursor;
  }
  return names;
}

/** Display labels for ids of any kind (name, title or claim), via entity.get. */
export async function entityLabels(ids: Iterable<string>): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const found = await Promise.all(
    unique.map(async (id) => {
      const r = await call((api) => api.entity.get({ id }));
      if (!r.ok) return [id, id] as const;
      const e = r.data.entity as { name?: string; title?: string; claim?: string };
      return [id, e.name ?? e.title ?? e.claim ?? id] as const;
    }),
  );
  return new Map(found);
}
