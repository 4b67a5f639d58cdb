import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The search pruning test compares 1,200 queries against an exhaustive index; alone it takes
    // ~1 s, but turbo runs every package's tests at once on a 2-core machine.
    testTimeout: 30_000,
  },
});
