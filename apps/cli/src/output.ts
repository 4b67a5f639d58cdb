/**
 * Output helpers for the scripting commands: exit codes, errors and JSON. (Tables and other
 * text layout live in text.ts, which `--json` runs never load: its width tables and
 * Intl.Segmenter cost startup time.)
 *
 * Rules every command follows:
 * - data goes to stdout, messages and errors to stderr, so `--json` output pipes into jq;
 * - exit 0 on success, 1 when something is not found or the data is invalid, 2 on usage errors.
 */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** Where a command writes. Commands never touch process.stdout directly, so tests can capture. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Terminal width for tables, or undefined when stdout is not a terminal (no truncation). */
  columns: number | undefined;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export function processIo(): Io {
  const envCols = Number(process.env.COLUMNS);
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    columns: process.stdout.isTTY
      ? process.stdout.columns || 80
      : Number.isFinite(envCols) && envCols > 0
        ? envCols
        : undefined,
    cwd: process.cwd(),
    env: process.env,
  };
}

/** A mistake in how the command was called: exit 2, with the command's usage shown. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose usage to show; undefined for the top-level usage. */
    readonly command?: string,
  ) {
    super(message);
    this.name = "UsageError";
  }
}

/** A failure that is not the caller's syntax: not found, invalid data, unreachable server. Exit 1. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/** Stable JSON for pipes: two-space indent, trailing newline. */
export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
