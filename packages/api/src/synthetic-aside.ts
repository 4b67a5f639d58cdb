/**
 * Worker thread of `dealmap db synth` on an empty SQLite file: writes the aside part of the
 * synthetic dataset (see store/sql/aside.ts) into the scratch file `workerData.file`, generating
 * the same entities as the loading thread from `workerData.opts`, and posts back its row count.
 */
import { parentPort, workerData } from "node:worker_threads";
import { writeAside } from "./store/sql/write.ts";
import { type SyntheticOptions, syntheticEntities } from "./synthetic.ts";

const { file, opts } = workerData as { file: string; opts: SyntheticOptions };
parentPort?.postMessage(await writeAside(file, syntheticEntities(opts)));
