/**
 * Output helpers for the scripting commands: exit codes, errors and JSON. (Tables and other
 * text layout live in text.ts, which `--json` runs never load: its width tables and
 * Intl.Segmenter cost startup time.)
 *
 * Rules every command follows:
 * - data goes to stdout, messages and errors to stderr, so `--json` output pipes into jq;
 * - exit 0 on success, 1 when something is not found or the data is invalid, 2 on usage errors;
 * - text from data, files and arguments reaches the terminal only through `terminalSafe`.
 */
import { resolveInvocation } from "@dealmap/dataset/invocation";
import { terminalSafe } from "./safe-text.ts";

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** Where a command writes. Commands never touch process.stdout directly, so tests can capture. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Terminal width for tables, or undefined when stdout is not a terminal (no truncation). */
  columns: number | undefined;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /**
   * A line on stderr that rewrites itself (progress of a long command), "" to clear it; only
   * when stderr is a terminal, undefined otherwise (pipes, logs and tests get no progress).
   */
  progress?: (line: string) => void;
}

/**
 * The package scripts that run the CLI: `pnpm dealmap` (the root's script, or the CLI
 * package's) and the CLI package's `start`. Under them INIT_CWD is where the user ran pnpm.
 */
export const CLI_SCRIPTS = [{ script: "dealmap" }, { script: "start", packageName: "@dealmap/cli" }] as const;

/**
 * The real process. Its `cwd` is the directory the user ran the command in (see
 * resolveInvocation in @dealmap/dataset), from which relative `--data` and files resolve;
 * relative DEALMAP_DATA and DEALMAP_SOURCES in process.env are made absolute from there too.
 */
export function processIo(): Io {
  quietWhenStdoutCloses();
  const { dir } = resolveInvocation(process.env, process.cwd(), CLI_SCRIPTS);
  const envCols = Number(process.env.COLUMNS);
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    columns: process.stdout.isTTY
      ? process.stdout.columns || 80
      : Number.isFinite(envCols) && envCols > 0
        ? envCols
        : undefined,
    cwd: dir,
    env: process.env,
    progress: process.stderr.isTTY
      ? (line) => process.stderr.write(line ? `\r${terminalSafe(line)}\u001B[K` : "\r\u001B[K")
      : undefined,
  };
}

let stdoutWatched = false;

/**
 * When whatever reads stdout goes away early (`dealmap events --json | head -1`), the next write
 * fails with EPIPE. The reader has all it wanted, so that is not a failure: exit 0 at once,
 * without Node's unhandled-error stack trace. Other write errors stay errors. Every command and
 * the TUI write through process.stdout, so this one listener covers them all.
 */
function quietWhenStdoutCloses(): void {
  if (stdoutWatched) return;
  stdoutWatched = true;
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(EXIT.ok);
    throw err;
  });
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
  return `${jsonText(value, 2)}\n`;
}

const RAW_IN_JSON = /[\u007F-\u009F]/g;

// Hand-written: a replace after JSON.stringify, which has no option to escape more characters.
/**
 * JSON.stringify, with DEL and the C1 controls (U+007F–U+009F) written as \u escapes too:
 * JSON.stringify escapes U+0000–U+001F (ESC, BEL…) but leaves those raw, and some terminals act
 * on U+009B. They can only occur inside strings, so the text parses to exactly the same value.
 */
export function jsonText(value: unknown, indent?: number): string {
  return String(JSON.stringify(value, null, indent)).replace(
    RAW_IN_JSON,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * A value the user gave, for a message: cut to `max` characters (an argument may be 100 000
 * characters long). Control characters are made visible where messages are written (safeIo).
 */
export function clip(value: string, max = 60): string {
  const chars = [...value];
  return chars.length <= max ? value : `${chars.slice(0, max).join("")}… (${chars.length} characters)`;
}

/** `clip`, in double quotes: `"klaipeda"`, `"aaaa…" (100000 characters)`. */
export function quote(value: string, max = 60): string {
  const chars = [...value];
  return chars.length <= max
    ? `"${value}"`
    : `"${chars.slice(0, max).join("")}…" (${chars.length} characters)`;
}

/** `io` with every text it writes made safe for a terminal (see safe-text.ts). */
export function safeIo(io: Io): Io {
  return { ...io, out: (t) => io.out(terminalSafe(t)), err: (t) => io.err(terminalSafe(t)) };
}
