import path from "node:path";

/** The settings that name directories (see DESIGN.md: relative paths resolve from where the command was run). */
export const DIR_SETTINGS = ["DEALMAP_DATA", "DEALMAP_SOURCES"] as const;

/**
 * Make relative directory settings absolute against `from`, the directory the command was run
 * in. pnpm runs the start script in apps/web, so without this `DEALMAP_DATA=./my-data pnpm
 * start` at the repository root would look for apps/web/my-data. Returns the settings changed.
 */
export function resolveDirSettings(env: Record<string, string | undefined>, from: string): string[] {
  const changed: string[] = [];
  for (const key of DIR_SETTINGS) {
    const value = env[key];
    if (!value || path.isAbsolute(value)) continue;
    env[key] = path.resolve(from, value);
    changed.push(key);
  }
  return changed;
}
