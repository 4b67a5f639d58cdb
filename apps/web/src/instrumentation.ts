/**
 * Runs once when the server starts, before it answers anything. When started through pnpm
 * (`pnpm start` at the root, `pnpm --filter @dealmap/web start`), the server's working
 * directory is apps/web, but relative `DEALMAP_DATA` and `DEALMAP_SOURCES` resolve from where
 * the command was run (`INIT_CWD` under the web's own scripts), as everywhere else in Dealmap.
 * A DEALMAP_FRAME_ANCESTORS that is not a list of origins is reported here, at startup (the
 * pages then may not be framed by anyone).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { resolveInvocation } = await import("@dealmap/dataset/invocation");
  resolveInvocation(process.env, process.cwd(), [
    { script: "start", packageName: "@dealmap/web" },
    { script: "dev", packageName: "@dealmap/web" },
  ]);
  const { frameAncestorsFromEnv } = await import("./lib/frame-ancestors");
  frameAncestorsFromEnv(process.env);
}
