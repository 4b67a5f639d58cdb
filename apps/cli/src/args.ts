/**
 * Argument parsing on top of node:util `parseArgs`: a command table, strict per-command options,
 * usage errors that say what was wrong, and `--help` text with examples for every command.
 *
 * This module stays free of heavy imports so that `--help` and usage errors are instant.
 */
import { parseArgs } from "node:util";
import { UsageError } from "./output.ts";

export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  multiple?: boolean;
  /** Placeholder shown in usage, e.g. "DIR". */
  value?: string;
  description: string;
  /** Allowed values, checked before the command runs. */
  choices?: readonly string[];
}

export interface CommandSpec {
  /** "events", "routes compare". */
  name: string;
  summary: string;
  /** Positional arguments after the command words, e.g. ["ID"]; a trailing "?" marks optional. */
  args: readonly string[];
  options: Record<string, OptionSpec>;
  /** Extra lines of explanation under the summary. */
  details?: readonly string[];
  examples: readonly string[];
  /** Whether the global --json flag applies (for commands that print data). */
  json: boolean;
}

export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  data: {
    type: "string",
    multiple: true,
    value: "DIR",
    description: "add a directory of your own data (YAML/JSON) to the built-in data; repeatable",
  },
  api: {
    type: "string",
    value: "URL",
    description: "read from a running Dealmap API server (e.g. http://localhost:4000) instead of in-process",
  },
  help: { type: "boolean", short: "h", description: "show help for the command" },
};

const JSON_OPTION: OptionSpec = {
  type: "boolean",
  description: "print JSON only on stdout (errors go to stderr), for scripts and jq",
};

export interface Parsed {
  spec: CommandSpec | undefined;
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

type ParseArgsOptions = NonNullable<Parameters<typeof parseArgs>[0]>["options"];

function toParseArgs(options: Record<string, OptionSpec>): ParseArgsOptions {
  const out: NonNullable<ParseArgsOptions> = {};
  for (const [name, o] of Object.entries(options)) {
    out[name] = {
      type: o.type,
      ...(o.short ? { short: o.short } : {}),
      ...(o.multiple ? { multiple: true } : {}),
    };
  }
  return out;
}

/** Every option of a command, including the global ones. */
export function optionsOf(spec: CommandSpec | undefined): Record<string, OptionSpec> {
  return { ...GLOBAL_OPTIONS, ...(spec?.json ? { json: JSON_OPTION } : {}), ...(spec?.options ?? {}) };
}

/**
 * Find the command in `argv` and parse its options strictly. Throws UsageError (exit 2) for
 * unknown commands and options, missing option values, bad choices and wrong argument counts.
 */
export function parse(argv: readonly string[], commands: readonly CommandSpec[]): Parsed {
  // First pass, lenient, with every option any command knows: only to find the command words
  // even when options that take values come first (`dealmap --data ./x events`).
  const all: Record<string, OptionSpec> = { ...GLOBAL_OPTIONS, json: JSON_OPTION };
  for (const c of commands) Object.assign(all, c.options);
  const loose = parseArgs({
    args: [...argv],
    options: toParseArgs(all),
    strict: false,
    allowPositionals: true,
  });
  const words = loose.positionals;
  let spec: CommandSpec | undefined;
  let skip = 0;
  if (words.length > 0) {
    const two = `${words[0]} ${words[1] ?? ""}`;
    spec = commands.find((c) => c.name === two) ?? commands.find((c) => c.name === words[0]);
    if (!spec) {
      const guess = closest(
        String(words[0]),
        commands.map((c) => c.name.split(" ")[0] ?? c.name),
      );
      throw new UsageError(
        `unknown command "${words[0]}"${guess ? ` — did you mean "${guess}"?` : ""}`,
        undefined,
      );
    }
    skip = spec.name.split(" ").length;
  }

  const options = optionsOf(spec);
  let strict: ReturnType<typeof parseArgs>;
  try {
    strict = parseArgs({
      args: [...argv],
      options: toParseArgs(options),
      strict: true,
      allowPositionals: true,
    });
  } catch (err) {
    throw new UsageError(explainParseError(err, options), spec?.name);
  }
  const values = strict.values as Parsed["values"];
  const positionals = strict.positionals.slice(skip);
  if (values.help) return { spec, values, positionals };

  for (const [name, o] of Object.entries(options)) {
    const v = values[name];
    if (o.choices && v !== undefined) {
      for (const one of Array.isArray(v) ? v : [v]) {
        if (typeof one === "string" && !o.choices.includes(one)) {
          throw new UsageError(
            `--${name} must be one of: ${o.choices.join(", ")} (got "${one}")`,
            spec?.name,
          );
        }
      }
    }
    if (o.type === "string" && typeof v === "string" && v === "") {
      throw new UsageError(`--${name} needs a value`, spec?.name);
    }
  }

  if (spec) {
    // "ID" and "QUERY..." are required (the latter takes one or more words), "DIR?" is not
    const required = spec.args.filter((a) => !a.endsWith("?")).length;
    const variadic = spec.args.some((a) => a.endsWith("..."));
    if (positionals.length < required) {
      const missing = spec.args[positionals.length] ?? "argument";
      throw new UsageError(`missing ${missing.replace(/[?.]+$/, "")}`, spec.name);
    }
    if (!variadic && positionals.length > spec.args.length) {
      throw new UsageError(
        `unexpected argument "${positionals[spec.args.length]}"${spec.args.length === 0 ? ` (${spec.name} takes no arguments)` : ""}`,
        spec.name,
      );
    }
  } else if (positionals.length > 0) {
    throw new UsageError(`unexpected argument "${positionals[0]}"`);
  }
  return { spec, values, positionals };
}

function explainParseError(err: unknown, options: Record<string, OptionSpec>): string {
  const e = err as { code?: string; message?: string };
  const msg = String(e.message ?? err);
  if (e.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const m = /Unknown option '([^']+)'/.exec(msg);
    const name = m?.[1] ?? "";
    const guess = closest(
      name.replace(/^-+/, ""),
      Object.keys(options).filter((k) => k !== "help"),
    );
    return `unknown option ${name}${guess ? ` — did you mean --${guess}?` : ""}`;
  }
  if (e.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    const m = /Option '(?:-\w, )?(--[\w-]+)[^']*' argument missing/.exec(msg);
    if (m) {
      const name = m[1]?.slice(2) ?? "";
      return `${m[1]} needs a value${options[name]?.value ? ` (${options[name]?.value})` : ""}`;
    }
    const b = /Option '(?:-\w, )?(--[\w-]+)' does not take an argument/.exec(msg);
    if (b) return `${b[1]} is a flag and takes no value`;
  }
  return msg.split("\n")[0] ?? msg;
}

/** The most similar name within a small edit distance, for "did you mean". */
export function closest(word: string, names: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const n of names) {
    const d = distance(word.toLowerCase(), n.toLowerCase());
    if (d < bestD) {
      best = n;
      bestD = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j] ?? 0;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length] ?? 0;
}

function optionLines(options: Record<string, OptionSpec>): string[] {
  const rows = Object.entries(options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : ""}--${name}${o.type === "string" ? ` ${o.value ?? "VALUE"}` : ""}`;
    const choices = o.choices && o.choices.length <= 12 ? ` (${o.choices.join(", ")})` : "";
    return [flag, `${o.description}${choices}`] as const;
  });
  const w = Math.max(...rows.map(([f]) => f.length));
  return rows.map(([f, d]) => `  ${f.padEnd(w)}  ${d}`);
}

/** One-line usage of a command: `dealmap events [--kind KIND] … [--json]`. */
export function usageLine(spec: CommandSpec): string {
  const opts = Object.entries(spec.options).map(
    ([name, o]) => `[--${name}${o.type === "string" ? ` ${o.value ?? "VALUE"}` : ""}]`,
  );
  const args = spec.args.map((a) => (a.endsWith("?") ? `[${a.slice(0, -1)}]` : a));
  return ["dealmap", spec.name, ...args, ...opts, ...(spec.json ? ["[--json]"] : [])].join(" ");
}

/** The full `--help` text of a command. */
export function commandHelp(spec: CommandSpec): string {
  const lines = [
    `dealmap ${spec.name} — ${spec.summary}`,
    "",
    "Usage",
    `  ${usageLine(spec)}`,
    ...(spec.details?.length ? ["", ...spec.details.map((d) => `  ${d}`)] : []),
  ];
  if (Object.keys(spec.options).length || spec.json) {
    lines.push(
      "",
      "Options",
      ...optionLines({ ...(spec.json ? { json: JSON_OPTION } : {}), ...spec.options }),
    );
  }
  lines.push("", "Global options", ...optionLines(GLOBAL_OPTIONS));
  lines.push("", "Examples", ...spec.examples.map((e) => `  ${e}`));
  return `${lines.join("\n")}\n`;
}

/** The top-level help: what Dealmap is and every command. */
export function topHelp(commands: readonly CommandSpec[]): string {
  const w = Math.max(...commands.map((c) => c.name.length));
  return `${[
    "dealmap — explore who traded what with whom, when, and by which route",
    "",
    "Usage",
    "  dealmap                     open the terminal explorer (needs a terminal)",
    "  dealmap COMMAND [options]   run a command; add --json for machine-readable output",
    "",
    "Commands",
    ...commands.map((c) => `  ${c.name.padEnd(w)}  ${c.summary}`),
    "",
    "Global options",
    ...optionLines(GLOBAL_OPTIONS),
    "",
    "Exit codes: 0 success, 1 not found or invalid data, 2 usage error.",
    "Run `dealmap COMMAND --help` for a command's options and examples.",
    "",
    "Examples",
    "  dealmap",
    "  dealmap events --json | jq '.[0]'",
    "  dealmap show aliaksandr-lukashenka",
    "  dealmap search lukashenko",
    "  dealmap validate ./mydata",
  ].join("\n")}\n`;
}

/** The short usage shown after a usage error. */
export function shortUsage(spec: CommandSpec | undefined, commands: readonly CommandSpec[]): string {
  if (spec)
    return `Usage: ${usageLine(spec)}\nRun \`dealmap ${spec.name} --help\` for details and examples.\n`;
  return `Usage: dealmap [COMMAND] [options]\nCommands: ${commands.map((c) => c.name).join(", ")}\nRun \`dealmap --help\` for details.\n`;
}
