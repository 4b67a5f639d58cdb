/**
 * Build dist/ once before any test file runs: the command and tmux tests run the built program,
 * and `pnpm --filter @dealmap/cli test` (unlike turbo's `test`) does not build first, so they
 * would otherwise test whatever dist/ an earlier build left.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

export default function setup(): void {
  const app = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const r = spawnSync(process.execPath, [path.join(app, "build.mjs")], { stdio: "inherit" });
  if (r.status !== 0) throw new Error("building dist/ for the tests failed");
}
