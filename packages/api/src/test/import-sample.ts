/**
 * A tiny import for the views' tests (web, CLI, TUI): one source, one actor and two events
 * hosted by a state at a place the database already holds (by default the built-in data's
 * Belarus and Minsk; an import may only refer to ids the database has). The wording is made up
 * for the tests.
 */
import type { Actor, Source, StoryEvent } from "@dealmap/domain";
import { type ImportSummary, importEntities } from "../store/sql/datasets.ts";
import { openDatabase } from "../store/sql/engine.ts";
import type { EntityItem } from "../store/sql/write.ts";

/** The ids the sample import writes under `dataset` (ids start with the dataset's name). */
export function sampleImportIds(dataset: string) {
  return {
    source: `${dataset}-wire`,
    actor: `${dataset}-trade-envoy`,
    events: [`${dataset}-talks-1`, `${dataset}-talks-2`],
  };
}

/** Ids of the database the sample refers to: the host of its talks and where they were held. */
export interface SampleRefs {
  host?: string;
  place?: string;
}

/** The sample import's entities, in the order an importer would give them. */
export function sampleImportItems(dataset: string, refs: SampleRefs = {}): EntityItem[] {
  const host = refs.host ?? "belarus";
  const place = refs.place ?? "minsk";
  const ids = sampleImportIds(dataset);
  const source: Source = {
    id: ids.source,
    kind: "news-report",
    title: "A made-up wire report on trade talks",
    publisher: "Example Wire",
    url: `https://example.org/${dataset}/wire`,
    language: "en",
  };
  const actor: Actor = {
    id: ids.actor,
    kind: "person",
    name: "Ilya Testovich",
    aliases: [],
    description: "A made-up trade envoy, from an import used by the tests.",
    roles: [],
    citations: [{ source: source.id }],
  };
  const event = (n: number, date: string): StoryEvent => ({
    id: ids.events[n - 1] as string,
    kind: "meeting",
    title: `Imported trade talks, round ${n}`,
    summary: `Round ${n} of made-up trade talks, as an import records them.`,
    date,
    dateVariants: [],
    status: "reported",
    participants: [
      { actor: actor.id, role: "visitor" },
      { actor: host, role: "host" },
    ],
    places: [place],
    routes: [],
    quantities: [],
    links: [],
    tags: [],
    citations: [{ source: source.id }],
  });
  return [
    { kind: "sources", entity: source },
    { kind: "actors", entity: actor },
    { kind: "events", entity: event(1, "2025-10-20") },
    { kind: "events", entity: event(2, "2025-11-03") },
  ];
}

/** Import the sample as `dataset` into the database at `target` (which holds what `refs` name). */
export async function importSample(
  target: string,
  dataset: string,
  opts: SampleRefs & { format?: string } = {},
): Promise<ImportSummary> {
  const { format = "gdelt", ...refs } = opts;
  const c = await openDatabase(target);
  try {
    return await importEntities(c, sampleImportItems(dataset, refs), {
      dataset,
      format,
      files: [`${dataset}.csv`],
    });
  } finally {
    await c.close();
  }
}
