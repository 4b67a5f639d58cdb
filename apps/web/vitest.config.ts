import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@/": fileURLToPath(new URL("./src/", import.meta.url)) } },
  test: {
    include: ["src/**/*.test.{ts,tsx}", "e2e/**/*.test.ts"],
    // the end-to-end suite starts one production server and one browser for all its files
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
