import { statSync } from "node:fs";
import { emptyReport, readGdelt, writeSyntheticGdelt } from "@dealmap/dataset";
const ROWS = Number(process.argv[2] ?? 100000);
const file = `/tmp/dealmap-bench/gdelt-${ROWS}.export.CSV`;
try { statSync(file); } catch { await writeSyntheticGdelt(file, { rows: ROWS, seed: 7 }); }
const t0 = performance.now();
const report = emptyReport();
let n = 0;
for await (const _ of readGdelt({ events: [file] }, { dataset: "x", states: new Map([["US","united-states"],["BY","belarus"]]), onBad: () => {} }, report)) n++;
const s = (performance.now() - t0) / 1000;
console.log(`read only: ${ROWS} rows -> ${n} items in ${s.toFixed(1)} s = ${(ROWS / s).toFixed(0)} rows/s`);
