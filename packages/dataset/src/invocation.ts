/**
 * "Relative paths resolve from where the command was run" (DESIGN.md), in one place for the
 * CLI, the web server and the HTTP server.
 *
 * pnpm runs a package script from the package's own directory (apps/web, apps/api, the
 * repository root for `pnpm dealmap`) and records the directory the user typed the command in
 * as `INIT_CWD`. But pnpm also passes `INIT_CWD` on to every process below it: a test runner
 * started by `pnpm test` hands it to the servers and CLIs the tests spawn, where it names the
 * test's directory, not the user's. So `INIT_CWD` is trusted only when `npm_lifecycle_event`
 * (the script pnpm is running) is one of the program's own scripts.
 *
 * This module imports nothing but node:path: the CLI loads it at startup, before any data.
 */
import path from "node:path";

/** A package script that starts the program: its name, and the package defining it (any when omitted). */
export interface OwnScript {
  readonly script: string;
  readonly packageName?: string;
}

/** The settings that name directories; relative values resolve from the invocation directory. */
export const DIR_SETTINGS = ["DEALMAP_DATA", "DEALMAP_SOURCES"] as const;

export interface Invocation {
  /** Where the user ran the command: INIT_CWD under one of `scripts`, else `cwd`. */
  dir: string;
  /** The settings of DIR_SETTINGS that were relative and are now absolute. */
  resolved: string[];
}

/**
 * Find the directory the user ran the command in, and make the relative directory settings
 * of `env` (DEALMAP_DATA, DEALMAP_SOURCES) absolute against it — in place, so that the loaders
 * reading `process.env` later see absolute paths. `cwd` is the process's working directory;
 * `scripts` are the package scripts that run this program (e.g. `start` of `@dealmap/web`).
 */
export function resolveInvocation(
  env: Record<string, string | undefined>,
  cwd: string,
  scripts: readonly OwnScript[],
): Invocation {
  const init = env.INIT_CWD;
  const event = env.npm_lifecycle_event;
  const ours = scripts.some(
    (s) => s.script === event && (s.packageName === undefined || s.packageName === env.npm_package_name),
  );
  const dir = ours && init && path.isAbsolute(init) ? init : cwd;
  const resolved: string[] = [];
  for (const key of DIR_SETTINGS) {
    const value = env[key];
    if (!value || path.isAbsolute(value)) continue;
    env[key] = path.resolve(dir, value);
    resolved.push(key);
  }
  return { dir, resolved };
}
