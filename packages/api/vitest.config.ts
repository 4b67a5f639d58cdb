import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // real servers on loopback: under a full parallel test run on two cores, a test that asks a
    // few hundred requests can take longer than vitest's default 5 s
    testTimeout: 30_000,
    // one throwaway PostgreSQL 15 cluster per run, its URL as inject("pgUrl") (see test/postgres.ts)
    globalSetup: ["./test/pg-global-setup.ts"],
  },
});
