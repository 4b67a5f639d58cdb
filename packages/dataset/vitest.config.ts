import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Loading the whole built-in dataset takes ~0.2 s alone but much longer while turbo runs
    // every package's tests at once on a 2-core machine.
    testTimeout: 30_000,
  },
});
