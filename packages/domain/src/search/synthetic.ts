/**
 * A synthetic dataset and query load for the search timing script and the pruning test: the
 * fixture's entities plus generated people, places and events whose titles and summaries mix
 * those names with a few thousand filler words and numbers. Deterministic for a given seed.
 */
import type { Dataset } from "../dataset.ts";
import { mulberry32 } from "../random.ts";
import { FIXTURE, QUERIES } from "./fixture.ts";

/** A small deterministic PRNG (mulberry32). */
export const rng = mulberry32;

const SYLLABLES =
  "ba ka la ma na ra sa ta va za bo ko lo mo no ro so to vo zo bi ki li mi ni ri si ti vi zi shen chuk vich ov ev enka ski ska yuk ets ovich".split(
    " ",
  );
const VERBS =
  "meets visits releases sanctions announces closes opens transits deports offers calls praises".split(" ");
const NOUNS =
  "prisoners potash border corridor airline envoy talks licence railway port balloons trucks deal".split(" ");

export interface Synthetic {
  dataset: Dataset;
  queries: string[];
}

/** Generates `events` events (and 3% as many people, 1% as many places) and `queries` queries. */
export function synthetic(events: number, queries: number, seed = 42): Synthetic {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const word = (min: number, max: number) => {
    const n = min + Math.floor(rand() * (max - min + 1));
    let w = "";
    for (let i = 0; i < n; i++) w += pick(SYLLABLES);
    return w;
  };
  const cap = (w: string) => (w[0] ?? "").toUpperCase() + w.slice(1);
  const filler = Array.from({ length: 3000 }, () => word(1, 3));
  const ds: Dataset = structuredClone(FIXTURE);
  const cite = [{ source: "src-commentary" }];
  const nPeople = Math.max(30, Math.round(events * 0.03));
  const nPlaces = Math.max(10, Math.round(events * 0.01));
  for (let i = 0; i < nPeople; i++) {
    ds.actors.push({
      id: `gen-actor-${i}`,
      kind: "person",
      name: `${cap(word(1, 2))} ${cap(word(2, 4))}`,
      aliases: [{ name: `${cap(word(1, 2))} ${cap(word(2, 4))}` }],
      description: `${pick(filler)} ${pick(NOUNS)} ${pick(filler)} of ${pick(filler)}`,
      roles: [],
      citations: cite,
    });
  }
  for (let i = 0; i < nPlaces; i++) {
    ds.places.push({
      id: `gen-place-${i}`,
      kind: "city",
      name: cap(word(2, 3)),
      aliases: [],
      coordinates: { lat: 50 + rand(), lon: 25 + rand() },
      country: "BY",
      citations: cite,
    });
  }
  const people = ds.actors.map((a) => a.name);
  const places = ds.places.map((p) => p.name);
  for (let i = 0; i < events; i++) {
    const who = pick(people);
    const where = pick(places);
    const words = Array.from({ length: 5 }, () => pick(filler)).join(" ");
    ds.events.push({
      id: `gen-event-${i}`,
      kind: "meeting",
      title: `${who} ${pick(VERBS)} ${pick(NOUNS)} in ${where}`,
      summary: `${pick(people)} and ${who} ${pick(VERBS)} ${Math.floor(rand() * 500)} ${pick(NOUNS)} near ${where}; ${words} ${pick(NOUNS)}.`,
      date: "2025-06",
      dateVariants: [],
      status: "reported",
      participants: [],
      places: [],
      routes: [],
      quantities: [],
      links: [],
      tags: [],
      citations: cite,
    });
  }

  /** One random edit (substitute, delete, insert or swap) inside a word. */
  const typo = (w: string): string => {
    if (w.length < 5) return w;
    const i = 1 + Math.floor(rand() * (w.length - 2));
    const c = "aeiouklmnrst"[Math.floor(rand() * 12)] as string;
    switch (Math.floor(rand() * 4)) {
      case 0:
        return w.slice(0, i) + c + w.slice(i + 1);
      case 1:
        return w.slice(0, i) + w.slice(i + 1);
      case 2:
        return w.slice(0, i) + c + w.slice(i);
      default:
        return w.slice(0, i) + (w[i + 1] ?? "") + (w[i] ?? "") + w.slice(i + 2);
    }
  };
  const surname = () => pick(people).split(" ")[1] ?? "x";
  const out: string[] = [];
  while (out.length < queries) {
    switch (out.length % 8) {
      case 0:
        out.push(pick(QUERIES).query);
        break;
      case 1:
        out.push(pick(people));
        break;
      case 2:
        out.push(typo(surname()));
        break;
      case 3:
        out.push(surname().slice(0, 4));
        break;
      case 4:
        out.push(`${pick(NOUNS)} ${pick(filler)}`);
        break;
      case 5:
        out.push(pick(NOUNS));
        break;
      case 6:
        out.push(`${pick(people)} ${pick(VERBS)} ${pick(NOUNS)}`);
        break;
      default:
        out.push(typo(pick(filler)));
    }
  }
  return { dataset: ds, queries: out };
}

/** The classes of query `synthetic` generates, in the order it cycles through them. */
export const SYNTHETIC_QUERY_CLASSES = [
  "fixture query",
  "full name",
  "surname with a typo",
  "4-letter prefix",
  "noun + filler word",
  "common noun",
  "name + verb + noun",
  "filler word with a typo",
] as const;
