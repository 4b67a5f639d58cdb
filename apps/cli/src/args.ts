/**
 * Arguments, parsed by commander: the command table (commands.ts) becomes a commander program
 * with one subcommand per command, and `parse` answers which command to run, with its option
 * values and positional arguments, its help text, or a UsageError (exit 2) saying what was wrong.
 *
 * This module loads commander and nothing heavier, so that `--help` and usage errors are
 * instant. "Did you mean" uses the domain's edit distance, imported only when a name is unknown.
 */
import { Command, type CommanderError, Option } from "commander";
import { clip, quote, UsageError } from "./output.ts";

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
  /**
   * Where the command's data comes from. "router" (the default): the tRPC router, in-process
   * (YAML or a --db database) or remote (--api). "files": the YAML data files themselves
   * (--db, DEALMAP_DB and --api do not apply). "database": a --db/DEALMAP_DB database itself.
   */
  reads?: "router" | "files" | "database";
  /**
   * Router input fields that take an argument under another name (`q` → "QUERY", `kinds` →
   * "--kind"), so that a rejected input is reported as the argument the user typed. Inputs not
   * listed are the option of the same name.
   */
  inputs?: Record<string, string>;
}

export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  data: {
    type: "string",
    multiple: true,
    value: "DIR",
    description: "add a directory of your own data (YAML/JSON) to the built-in data; repeatable",
  },
  db: {
    type: "string",
    value: "FILE|URL",
    description:
      "read from a Dealmap database (a SQLite file or a postgres:// URL) instead of the YAML; the db commands fill it (default: DEALMAP_DB)",
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

export type Values = Record<string, string | boolean | string[] | undefined>;

export interface Parsed {
  /** The command to run; undefined for the explorer. */
  spec: CommandSpec | undefined;
  /** Option values by option name (`shared-events`, not `sharedEvents`). */
  values: Values;
  positionals: string[];
  /** With -h/--help: the help text to print instead of running anything. */
  help?: string;
}

/** Every option of a command, including the global ones. */
export function optionsOf(spec: CommandSpec | undefined): Record<string, OptionSpec> {
  return { ...GLOBAL_OPTIONS, ...(spec?.json ? { json: JSON_OPTION } : {}), ...(spec?.options ?? {}) };
}

/** Thrown from commander's exit hook: why parsing stopped, and in which (sub)command. */
class Stop extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly command: Command,
    /** The unknown command or option word, when we found it ourselves. */
    readonly word?: string,
  ) {
    super(message);
  }
}

function flagsOf(name: string, o: OptionSpec): string {
  return `${o.short ? `-${o.short}, ` : ""}--${name}${o.type === "string" ? ` <${o.value ?? "VALUE"}>` : ""}`;
}

/** Commander's per-value hook: an empty value or one outside `choices` is a usage error. */
function valueParser(name: string, o: OptionSpec, command: string | undefined) {
  return (value: string, previous: unknown): string | string[] => {
    if (value === "") throw new UsageError(`--${name} needs a value`, command);
    if (o.choices && !o.choices.includes(value)) {
      throw new UsageError(
        `--${name} must be one of: ${o.choices.join(", ")} (got ${quote(value)})`,
        command,
      );
    }
    return o.multiple ? [...(Array.isArray(previous) ? previous : []), value] : value;
  };
}

function addOptions(cmd: Command, options: Record<string, OptionSpec>, command: string | undefined): void {
  for (const [name, o] of Object.entries(options)) {
    if (name === "help") continue; // commander's own help option, set on the program
    const option = new Option(flagsOf(name, o), o.description);
    if (o.type === "string") option.argParser(valueParser(name, o, command));
    cmd.addOption(option);
  }
}

interface Program {
  root: Command;
  specs: WeakMap<Command, CommandSpec>;
  /** What commander wrote to stdout: the help text. */
  out: { text: string };
  /** The command whose action ran. */
  ran: { command: Command | undefined };
}

/**
 * The commander program for a command table. Global options are accepted before the command
 * (by the program) and after it (each command declares them too); a command's own options come
 * after its name. A two-word command ("routes compare") is a subcommand of the first word.
 */
function program(commands: readonly CommandSpec[]): Program {
  const out = { text: "" };
  const ran: Program["ran"] = { command: undefined };
  const specs = new WeakMap<Command, CommandSpec>();
  const stop = (cmd: Command) => (err: CommanderError) => {
    throw new Stop(err.code, err.message, cmd);
  };
  const root = new Command("dealmap")
    .helpOption(`-h, --help`, GLOBAL_OPTIONS.help?.description)
    .helpCommand(false)
    .enablePositionalOptions()
    .showSuggestionAfterError(false)
    .configureHelp({
      // Hand-written help layout (commander's formatHelp hook): the texts with examples stay as they were.
      formatHelp: (cmd) => {
        const spec = specs.get(cmd);
        return spec ? commandHelp(spec) : topHelp(commands);
      },
    })
    .configureOutput({
      writeOut: (text) => {
        out.text += text;
      },
      writeErr: () => {},
      // messages are written by the caller, from the UsageError
      outputError: () => {},
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    });
  root.exitOverride(stop(root));
  // --json too, so that `dealmap --json events` works; where it does not apply it is refused below
  addOptions(root, { ...GLOBAL_OPTIONS, json: JSON_OPTION }, undefined);

  const byName = new Map<string, Command>();
  // one-word commands first: "routes compare" is added under "routes"
  const ordered = [...commands].sort((a, b) => a.name.split(" ").length - b.name.split(" ").length);
  for (const spec of ordered) {
    const words = spec.name.split(" ");
    let parent = words.length > 1 ? byName.get(words.slice(0, -1).join(" ")) : root;
    if (!parent && words.length === 2) {
      // a word that only groups commands ("new" of "new source"): no action of its own
      const word = words[0] as string;
      parent = root.command(word).description(`${word} …`);
      // global options may come between the two words (`dealmap db --db x.sqlite status`)
      addOptions(parent, GLOBAL_OPTIONS, undefined);
      parent.exitOverride(stop(parent));
      byName.set(word, parent);
    }
    if (!parent) throw new Error(`command "${spec.name}" has no parent command in the table`);
    const cmd = parent.command(words[words.length - 1] ?? spec.name).description(spec.summary);
    for (const a of spec.args) {
      const name = a.replace(/\?$/, "");
      cmd.argument(a.endsWith("?") ? `[${name}]` : `<${name}>`);
    }
    addOptions(cmd, optionsOf(spec), spec.name);
    cmd.allowExcessArguments(false).exitOverride(stop(cmd));
    cmd.action(() => {
      ran.command = cmd;
    });
    specs.set(cmd, spec);
    byName.set(spec.name, cmd);
  }

  // The program itself runs the explorer, and takes no arguments. Unknown words and options are
  // let through here, to be reported below as an unknown command (with a suggestion).
  root.allowExcessArguments(true).allowUnknownOption(true);
  root.action(() => {
    const [first] = root.args;
    if (first !== undefined) {
      const option = first.length > 1 && first.startsWith("-");
      throw new Stop(option ? "commander.unknownOption" : "commander.unknownCommand", "", root, first);
    }
    ran.command = root;
  });
  return { root, specs, out, ran };
}

/**
 * Find the command in `argv` and its options. Resolves with the help text for -h/--help;
 * rejects with UsageError (exit 2) for unknown commands and options, missing option values, bad
 * choices and wrong argument counts.
 */
export async function parse(argv: readonly string[], commands: readonly CommandSpec[]): Promise<Parsed> {
  const p = program(commands);
  try {
    p.root.parse([...argv], { from: "user" });
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
    if (err.code === "commander.helpDisplayed") {
      return { spec: p.specs.get(err.command), values: { help: true }, positionals: [], help: p.out.text };
    }
    throw await explain(err, p, commands);
  }
  const leaf = p.ran.command;
  if (!leaf) throw new Error("commander ran no command");
  const spec = p.specs.get(leaf);

  // values from the program, the command and (for "routes compare") the command above it
  const values: Values = {};
  const chain: Command[] = [];
  for (let c: Command | null = leaf; c; c = c.parent) chain.unshift(c);
  for (const c of chain) {
    for (const o of c.options) {
      const v = c.getOptionValue(o.attributeName()) as string | boolean | string[] | undefined;
      const name = o.long?.replace(/^--/, "") ?? o.attributeName();
      if (v === undefined) continue;
      const before = values[name];
      values[name] = Array.isArray(v) && Array.isArray(before) ? [...before, ...v] : v;
      if (!(name in optionsOf(spec))) {
        throw new UsageError(`--${name} does not apply to ${spec ? spec.name : "the explorer"}`, spec?.name);
      }
    }
  }
  return { spec, values, positionals: spec ? [...leaf.args] : [] };
}

// Hand-written wording: commander's messages differ from ours (and from each other) in form.
/** Commander's reason for stopping, as our message (the wording the tests and users know). */
async function explain(stop: Stop, p: Program, commands: readonly CommandSpec[]): Promise<UsageError> {
  const cmd = stop.command;
  const spec = p.specs.get(cmd);
  const name = spec?.name;
  switch (stop.code) {
    case "commander.help": {
      // a word that only groups commands (`dealmap db`), given without one of them
      const sub = cmd.commands.map((c) => c.name());
      return new UsageError(
        `${cmd.name()} needs a command: ${sub.map((w) => `${cmd.name()} ${w}`).join(", ")}`,
      );
    }
    case "commander.unknownCommand": {
      if (cmd !== p.root) {
        // `dealmap db lod`: a misspelt command of a group
        const word = /unknown command '(.*)'$/s.exec(stop.message)?.[1] ?? "";
        const sub = cmd.commands.map((c) => c.name());
        const guess = await closest(word, sub);
        return new UsageError(
          `unknown command ${quote(`${cmd.name()} ${word}`)}${guess ? ` — did you mean "${cmd.name()} ${guess}"?` : ""}`,
        );
      }
      const word = stop.word ?? "";
      const guess = await closest(word, [...new Set(commands.map((c) => c.name.split(" ")[0] ?? c.name))]);
      return new UsageError(`unknown command ${quote(word)}${guess ? ` — did you mean "${guess}"?` : ""}`);
    }
    case "commander.unknownOption": {
      const flag = stop.word ?? /unknown option '(.*)'$/s.exec(stop.message)?.[1] ?? "";
      const options = optionsOf(spec);
      const [long = "", value] = flag.startsWith("--") ? flag.slice(2).split(/=(.*)/s) : [];
      if (value !== undefined && options[long]?.type === "boolean") {
        return new UsageError(`--${long} is a flag and takes no value`, name);
      }
      const guess = long
        ? await closest(
            long,
            Object.keys(options).filter((k) => k !== "help"),
          )
        : undefined;
      return new UsageError(
        `unknown option ${clip(flag)}${guess ? ` — did you mean --${guess}?` : ""}`,
        name,
      );
    }
    case "commander.optionMissingArgument": {
      const long = /option '(?:-\w, )?--([^\s',]+)/.exec(stop.message)?.[1] ?? "";
      const o = optionsOf(spec)[long];
      return new UsageError(`--${long} needs a value${o?.value ? ` (${o.value})` : ""}`, name);
    }
    case "commander.missingArgument": {
      const missing = spec?.args[cmd.args.length] ?? "argument";
      return new UsageError(`missing ${missing.replace(/[?.]+$/, "")}`, name);
    }
    case "commander.excessArguments": {
      const expected = spec?.args.length ?? 0;
      const extra = cmd.args[expected] ?? "";
      // `dealmap routes comprae`: the word may be a misspelt subcommand
      const sub = cmd.commands.map((c) => c.name());
      const guess = sub.length ? await closest(extra, sub) : undefined;
      return new UsageError(
        `unexpected argument ${quote(extra)}${expected === 0 ? ` (${name} takes no arguments)` : ""}${guess ? ` — did you mean "${name} ${guess}"?` : ""}`,
        name,
      );
    }
    default:
      return new UsageError(stop.message.replace(/^error: /, ""), name);
  }
}

/** The most similar name within a small edit distance (the domain's), for "did you mean". */
export async function closest(word: string, names: readonly string[]): Promise<string | undefined> {
  const { boundedDamerau } = await import("@dealmap/domain");
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(w.length / 3)) + 1;
  for (const n of names) {
    const d = boundedDamerau(w, n.toLowerCase(), bestD - 1);
    if (d < bestD) {
      best = n;
      bestD = d;
    }
  }
  return best;
}

// Hand-written: zod's and the server's issue lists carry router field names, not our arguments.
/**
 * A router input rejected (BAD_REQUEST) as one line naming the argument the user typed:
 * "QUERY is too long: 100000 characters, at most 200". In-process errors carry zod's issues,
 * remote ones the server's `{ parameter, message }` issues; anything else keeps its message.
 */
export function inputProblem(err: unknown, parsed: Parsed | undefined): string {
  const e = err as {
    message?: string;
    cause?: { issues?: unknown };
    data?: { issues?: unknown };
  };
  type Issue = { path?: unknown[]; parameter?: string; code?: string; maximum?: unknown; message?: string };
  const issues = (
    Array.isArray(e.cause?.issues) ? e.cause.issues : Array.isArray(e.data?.issues) ? e.data.issues : []
  ) as Issue[];
  const spec = parsed?.spec;
  const line = (text: string) => clip(text.replace(/\s*\n\s*/g, " "), 300);
  if (issues.length === 0) return line(String(e.message ?? err));
  return issues
    .map((i) => {
      const field = String(i.path?.[0] ?? i.parameter?.split(".")[0] ?? "input");
      const arg = argumentFor(spec, field);
      const given = parsed && arg ? givenValue(spec, parsed, arg) : undefined;
      if (i.code === "too_big" && typeof i.maximum === "number") {
        const length = given === undefined ? "" : `${[...given].length} characters, `;
        return `${arg ?? field} is too long: ${length}at most ${i.maximum}`;
      }
      return line(`${arg ?? field}: ${i.message ?? "not accepted"}`);
    })
    .join("; ");
}

/** The argument of `spec` a router input field comes from: "QUERY", "--kind", … */
function argumentFor(spec: CommandSpec | undefined, field: string): string | undefined {
  if (!spec) return undefined;
  const mapped = spec.inputs?.[field];
  if (mapped) return mapped;
  return field in optionsOf(spec) ? `--${field}` : undefined;
}

/** What the user gave for an argument ("QUERY" joins its words, as the command does). */
function givenValue(spec: CommandSpec | undefined, parsed: Parsed, arg: string): string | undefined {
  if (arg.startsWith("--")) {
    const v = parsed.values[arg.slice(2)];
    return typeof v === "string" ? v : Array.isArray(v) ? v.join(",") : undefined;
  }
  const at = spec?.args.findIndex((a) => a.replace(/[?.]+$/, "") === arg) ?? -1;
  if (at < 0) return undefined;
  return spec?.args[at]?.endsWith("...") ? parsed.positionals.slice(at).join(" ") : parsed.positionals[at];
}

// Hand-written help text (the layout users and tests know); commander's Help class lays out differently.
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

/** Examples of the top-level help; every id in them exists in the built-in data. */
export const TOP_EXAMPLES: readonly string[] = [
  "dealmap",
  "dealmap events --json | jq '.[0]'",
  "dealmap show alexander-lukashenko",
  "dealmap search lukashenka",
  "dealmap validate ./mydata",
];

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
    ...TOP_EXAMPLES.map((e) => `  ${e}`),
  ].join("\n")}\n`;
}

/** The short usage shown after a usage error. */
export function shortUsage(spec: CommandSpec | undefined, commands: readonly CommandSpec[]): string {
  if (spec)
    return `Usage: ${usageLine(spec)}\nRun \`dealmap ${spec.name} --help\` for details and examples.\n`;
  return `Usage: dealmap [COMMAND] [options]\nCommands: ${commands.map((c) => c.name).join(", ")}\nRun \`dealmap --help\` for details.\n`;
}
