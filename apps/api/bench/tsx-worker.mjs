/**
 * A worker thread for the benchmark's fills, which run TypeScript source under tsx: worker
 * threads do not inherit tsx's loader, so this registers it and then imports the module named
 * in `workerData.entry` (e.g. @dealmap/api's synthetic-aside.ts), which reads the same
 * `workerData`.
 */
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
