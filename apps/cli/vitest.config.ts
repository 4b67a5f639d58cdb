import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.{ts,tsx}", "test/**/*.test.{ts,tsx}"],
    globalSetup: ["test/global-setup.ts"],
    // colour on, so that frames carry the inverse video that marks the selection
    env: { FORCE_COLOR: "1" },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // the binary and tmux tests spawn processes: keep the 2-core machine responsive
    maxWorkers: 2,
  },
});
