/**
 * Timeline windows (`timelineWindow`, what `events.window` serves) straight from a database
 * store, without HTTP: 7 runs of each, median and slowest printed.
 *
 *   pnpm --filter @dealmap/api bench:window -- /tmp/dealmap-bench/s10m.sqlite
 *
 * The database is any DEALMAP_DB target (a SQLite file or a postgres:// URL), e.g. one filled by
 * `dealmap db synth --events 10000000`. Windows are years of the synthetic data (2017–2026).
 */
import type { TimelineFilter } from "@dealmap/domain";
import { SqlStore } from "../src/store/sql/index.ts";
import type { WindowOptions } from "../src/store/types.ts";

const target = process.argv.slice(2).find((a) => a !== "--");
if (!target) {
  console.error("usage: bench:window -- DATABASE (a SQLite file or a postgres:// URL)");
  process.exit(2);
}
const store = await SqlStore.open(target);
const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);
const cases: [string, TimelineFilter, Partial<WindowOptions>][] = [
  ["whole span, by kind", {}, {}],
  ["one year, by kind", {}, { start: day(2020, 1, 1), end: day(2020, 12, 31) }],
  ["one week, by kind", {}, { start: day(2020, 3, 1), end: day(2020, 3, 8) }],
  ["one day, by kind", {}, { start: day(2020, 3, 1), end: day(2020, 3, 1) }],
  ["whole span, two kinds", { kinds: ["release", "meeting"] }, {}],
  [
    "one month, one status (scanned)",
    { statuses: ["proposed"] },
    { start: day(2020, 1, 1), end: day(2020, 1, 31) },
  ],
  ["whole span, by actor (14 busiest)", {}, { lanes: "actor" }],
];
console.log(`${store.engine} ${target}`);
for (const [name, filter, opts] of cases) {
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    const w = await store.timelineWindow(filter, { maxBins: 233, lanes: "kind", eventLimit: 1000, ...opts });
    times.push(performance.now() - t0);
    total = w.density.total;
  }
  times.sort((a, b) => a - b);
  console.log(
    `${name.padEnd(36)} median ${(times[3] as number).toFixed(1).padStart(7)} ms, slowest ${(times[6] as number).toFixed(1).padStart(7)} ms  (${total.toLocaleString("en")} events)`,
  );
}
await store.close();
