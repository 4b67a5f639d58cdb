/**
 * Timing sanity check for the search index (not a test: figures depend on the machine).
 *
 *   pnpm --filter @dealmap/domain exec tsx bench/search/timing.ts [events=100000] [queries=1000]
 *
 * Builds a synthetic dataset — the fixture's people, places and organisations plus thousands of
 * generated ones, and N generated events whose titles and summaries mix those names with a
 * few thousand filler words and numbers — then times the index build and a mixed query load
 * (exact names, other romanizations, Cyrillic, typos, prefixes, plain words, multi-word), and
 * prints p50/p90/p99/max per query and the memory in use.
 */
import { performance } from "node:perf_hooks";
import type { Dataset } from "../../src/dataset.ts";
import { FIXTURE, QUERIES } from "../../src/search/fixture.ts";
import { buildSearchIndex, search } from "../../src/search/index.ts";

const N_EVENTS = Number(process.argv[2] ?? 100_000);
const N_QUERIES = Number(process.argv[3] ?? 1_000);

/** A small deterministic PRNG (mulberry32), so runs are comparable. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(42);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

const SYLLABLES =
  "ba ka la ma na ra sa ta va za bo ko lo mo no ro so to vo zo bi ki li mi ni ri si ti vi zi shen chuk vich ov ev enka ski ska yuk ets ovich".split(
    " ",
  );
function word(min = 2, max = 4): string {
  const n = min + Math.floor(rand() * (max - min + 1));
  let w = "";
  for (let i = 0; i < n; i++) w += pick(SYLLABLES);
  return w;
}
const cap = (w: string) => w[0]?.toUpperCase() + w.slice(1);

const FILLER = Array.from({ length: 3000 }, () => word(1, 3));
const VERBS =
  "meets visits releases sanctions announces closes opens transits deports offers calls praises".split(" ");
const NOUNS =
  "prisoners potash border corridor airline envoy talks licence railway port balloons trucks deal".split(" ");

function generate(): Dataset {
  const ds: Dataset = structuredClone(FIXTURE);
  const cite = [{ source: "src-commentary" }];
  for (let i = 0; i < 3000; i++) {
    const name = `${cap(word(1, 2))} ${cap(word(2, 4))}`;
    ds.actors.push({
      id: `gen-actor-${i}`,
      kind: "person",
      name,
      aliases: [{ name: `${cap(word(1, 2))} ${cap(word(2, 4))}` }],
      description: `${pick(FILLER)} ${pick(NOUNS)} ${pick(FILLER)} of ${pick(FILLER)}`,
      roles: [],
      citations: cite,
    });
  }
  for (let i = 0; i < 1000; i++) {
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
  for (let i = 0; i < N_EVENTS; i++) {
    const who = pick(people);
    const where = pick(places);
    ds.events.push({
      id: `gen-event-${i}`,
      kind: "meeting",
      title: `${who} ${pick(VERBS)} ${pick(NOUNS)} in ${where}`,
      summary: `${pick(people)} and ${who} ${pick(VERBS)} ${Math.floor(rand() * 500)} ${pick(NOUNS)} near ${where}; ${pick(FILLER)} ${pick(FILLER)} ${pick(FILLER)} ${pick(NOUNS)} ${pick(FILLER)} ${pick(FILLER)}.`,
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
  return ds;
}

/** One random edit (substitute, delete, insert or swap) in the middle of a word. */
function typo(w: string): string {
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
}

function queries(ds: Dataset): string[] {
  const names = ds.actors.map((a) => a.name);
  const out: string[] = [];
  while (out.length < N_QUERIES) {
    switch (out.length % 8) {
      case 0:
        out.push(pick(QUERIES).query);
        break;
      case 1:
        out.push(pick(names));
        break;
      case 2:
        out.push(typo(pick(names).split(" ")[1] ?? "x"));
        break;
      case 3:
        out.push((pick(names).split(" ")[1] ?? "x").slice(0, 4));
        break;
      case 4:
        out.push(`${pick(NOUNS)} ${pick(FILLER)}`);
        break;
      case 5:
        out.push(pick(NOUNS));
        break;
      case 6:
        out.push(`${pick(names)} ${pick(VERBS)} ${pick(NOUNS)}`);
        break;
      default:
        out.push(typo(pick(FILLER)));
    }
  }
  return out;
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

const t0 = performance.now();
const ds = generate();
const t1 = performance.now();
// Cache off: every query below is computed, repeats included.
const index = buildSearchIndex(ds, { cacheSize: 0 });
const t2 = performance.now();
const qs = queries(ds);
// Warm-up (JIT), not counted.
for (const q of qs.slice(0, 100)) search(index, q);
const times: number[] = [];
const byClass: number[] = Array(8).fill(0);
let hits = 0;
qs.forEach((q, i) => {
  const s = performance.now();
  hits += search(index, q).length;
  const t = performance.now() - s;
  times.push(t);
  byClass[i % 8] += t / (qs.length / 8);
});
if (process.env.BY_CLASS) console.log("mean ms by query class:", byClass.map((t) => t.toFixed(2)).join(" "));
times.sort((a, b) => a - b);
const mem = process.memoryUsage();
const ms = (x: number) => `${x.toFixed(2)} ms`;
console.log(
  [
    `dataset: ${ds.events.length} events, ${ds.actors.length} actors, ${ds.places.length} places (generated in ${ms(t1 - t0)})`,
    `index: ${index.size} entities, built in ${ms(t2 - t1)}`,
    `queries: ${qs.length}, ${(hits / qs.length).toFixed(1)} hits on average`,
    `per query: p50 ${ms(pct(times, 50))}, p90 ${ms(pct(times, 90))}, p99 ${ms(pct(times, 99))}, max ${ms(times[times.length - 1] as number)}`,
    `memory: rss ${(mem.rss / 2 ** 20).toFixed(0)} MB, heap used ${(mem.heapUsed / 2 ** 20).toFixed(0)} MB`,
  ].join("\n"),
);

// Adversarial queries: many short prefixes, the commonest words, long inputs.
for (const q of [
  "ka la ma na ra sa ta va",
  "potash prisoners border corridor airline envoy talks deal",
  "in and of the",
  "ko",
  "x".repeat(200),
  "Tsikhanouskaya Lukashenko Kalesnikava Babaryka Bialiatski Coale Eismont Poczobut",
  `${"bakala ".repeat(30)}`,
]) {
  const s = performance.now();
  for (let i = 0; i < 5; i++) search(index, q);
  console.log(`worst case ${JSON.stringify(q.slice(0, 60))}: ${ms((performance.now() - s) / 5)}`);
}
