import { fileURLToPath } from "node:url";

/** Absolute path of the built-in data directory, packages/dataset/data (dataset "built-in"). */
export const builtinDataDir: string = fileURLToPath(new URL("../data", import.meta.url));
