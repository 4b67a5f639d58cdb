/**
 * Runs once when the server starts, before it answers anything. When started through pnpm
 * (`pnpm start` at the root, `pnpm --filter @dealmap/web start`), the server's working
 * directory is apps/web but pnpm records where the command was run in `INIT_CWD`: relative
 * `DEALMAP_DATA` and `DEALMAP_SOURCES` are resolved from there, as everywhere else in Dealmap.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const from = process.env.INIT_CWD;
  if (!from) return;
  const { resolveDirSettings } = await import("./lib/invocation-dir");
  resolveDirSettings(process.env, from);
}
