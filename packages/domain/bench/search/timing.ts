/**
 * Timing sanity check for the search index (not a test: figures depend on the machine).
 *
 *   pnpm --filter @dealmap/domain exec tsx bench/search/timing.ts [events=100000] [queries=1000]
 *
 * Builds the synthetic dataset of `src/search/synthetic.ts` (the fixture plus generated people,
 * places and N events), times the index build, then a mixed load of queries (fixture queries,
 * full names, typos, prefixes, common words, multi-word) with the result cache off, and prints
 * p50/p90/p99/max per query (wall clock), the mean CPU time per query (which other processes on
 * the machine disturb less), the mean per class of query, and the memory in use.
 */
import { performance } from "node:perf_hooks";
import { buildSearchIndex, search } from "../../src/search/index.ts";
import { SYNTHETIC_QUERY_CLASSES, synthetic } from "../../src/search/synthetic.ts";

const N_EVENTS = Number(process.argv[2] ?? 100_000);
const N_QUERIES = Number(process.argv[3] ?? 1_000);
const ms = (x: number) => `${x.toFixed(2)} ms`;
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;

const t0 = performance.now();
const { dataset, queries } = synthetic(N_EVENTS, N_QUERIES);
const t1 = performance.now();
const heapBefore = process.memoryUsage().heapUsed;
// Cache off: every query below is computed, repeats included.
const index = buildSearchIndex(dataset, { cacheSize: 0 });
const t2 = performance.now();
const indexHeap = process.memoryUsage().heapUsed - heapBefore;
for (const q of queries.slice(0, 100)) search(index, q); // warm-up (JIT), not counted

const times: number[] = [];
const byClass = SYNTHETIC_QUERY_CLASSES.map(() => ({ total: 0, n: 0 }));
let hits = 0;
const cpu0 = process.cpuUsage();
queries.forEach((q, i) => {
  const s = performance.now();
  hits += search(index, q).length;
  const t = performance.now() - s;
  times.push(t);
  const c = byClass[i % byClass.length] as { total: number; n: number };
  c.total += t;
  c.n++;
});
const cpu = process.cpuUsage(cpu0);
times.sort((a, b) => a - b);
const mem = process.memoryUsage();
console.log(
  [
    `dataset: ${dataset.events.length} events, ${dataset.actors.length} actors, ${dataset.places.length} places (generated in ${ms(t1 - t0)})`,
    `index: ${index.size} entities, built in ${ms(t2 - t1)}, about ${(indexHeap / 2 ** 20).toFixed(0)} MB of heap`,
    `queries: ${queries.length}, ${(hits / queries.length).toFixed(1)} hits on average (limit 20)`,
    `per query: p50 ${ms(pct(times, 50))}, p90 ${ms(pct(times, 90))}, p99 ${ms(pct(times, 99))}, max ${ms(times[times.length - 1] as number)}`,
    `CPU time per query (robust to other load on the machine): mean ${ms((cpu.user + cpu.system) / 1000 / queries.length)}`,
    `mean per class: ${SYNTHETIC_QUERY_CLASSES.map((name, i) => `${name} ${ms((byClass[i]?.total ?? 0) / (byClass[i]?.n || 1))}`).join(", ")}`,
    `memory: rss ${(mem.rss / 2 ** 20).toFixed(0)} MB, heap used ${(mem.heapUsed / 2 ** 20).toFixed(0)} MB`,
  ].join("\n"),
);

// Adversarial queries: many short words, the commonest words, long inputs.
for (const q of [
  "ka la ma na ra sa ta va",
  "potash prisoners border corridor airline envoy talks deal",
  "in and of the",
  "ko",
  "x".repeat(200),
  "Tsikhanouskaya Lukashenko Kalesnikava Babaryka Bialiatski Coale Eismont Poczobut",
  "bakala ".repeat(30),
]) {
  const s = performance.now();
  for (let i = 0; i < 5; i++) search(index, q);
  console.log(`adversarial ${JSON.stringify(q.slice(0, 50))}: ${ms((performance.now() - s) / 5)}`);
}
