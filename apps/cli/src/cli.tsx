/**
 * Entry point of the `dealmap` command: parse arguments, dispatch, map failures to exit codes.
 *
 * Startup matters (a `--json` command answers within 400 ms, the TUI's first frame within
 * 600 ms), so command modules and Ink/React are imported only when needed.
 */
import { closeConnections, databaseProblem, errorCode } from "./api.ts";
import { COMMANDS } from "./commands.ts";
import { type Ctx, globalOptions, sourcesFor } from "./context.ts";
import { CliError, EXIT, type Io, processIo, safeIo, UsageError } from "./output.ts";
import { terminalSafe } from "./safe-text.ts";

type Runner = (ctx: Ctx) => Promise<number>;

/** Command name → lazily imported implementation. */
const RUNNERS: Record<string, () => Promise<Runner>> = {
  validate: async () => (await import("./commands/validate.ts")).run,
  export: async () => (await import("./commands/export.ts")).run,
  stats: async () => (await import("./commands/stats.ts")).run,
  events: async () => (await import("./commands/list.ts")).run,
  actors: async () => (await import("./commands/list.ts")).run,
  places: async () => (await import("./commands/list.ts")).run,
  routes: async () => (await import("./commands/list.ts")).run,
  deals: async () => (await import("./commands/list.ts")).run,
  sources: async () => (await import("./commands/list.ts")).run,
  "routes compare": async () => (await import("./commands/compare.ts")).run,
  show: async () => (await import("./commands/show.ts")).run,
  path: async () => (await import("./commands/path.ts")).run,
  search: async () => (await import("./commands/search.ts")).run,
  cite: async () => (await import("./commands/cite.ts")).run,
  "new source": async () => (await import("./commands/new-source.ts")).run,
  "db load": async () => (await import("./commands/db.ts")).run,
  "db status": async () => (await import("./commands/db.ts")).run,
  "db synth": async () => (await import("./commands/db.ts")).run,
  "import gdelt": async () => (await import("./commands/import.ts")).run,
  "import ftm": async () => (await import("./commands/import.ts")).run,
  "import csv": async () => (await import("./commands/import.ts")).run,
  datasets: async () => (await import("./commands/import.ts")).run,
  "datasets rm": async () => (await import("./commands/import.ts")).run,
  "datasets candidates": async () => (await import("./commands/import.ts")).run,
  "datasets accept": async () => (await import("./commands/import.ts")).run,
  "datasets unaccept": async () => (await import("./commands/import.ts")).run,
  promote: async () => (await import("./commands/promote.ts")).run,
};

/** Run the CLI with `argv` (without node and script). Resolves to the exit code. */
export async function main(argv: readonly string[], rawIo: Io = processIo()): Promise<number> {
  // every text written below goes through terminalSafe (control characters made visible)
  const io = safeIo(rawIo);
  const { parse, shortUsage, inputProblem } = await import("./args.ts");
  let parsed: Awaited<ReturnType<typeof parse>> | undefined;
  try {
    parsed = await parse(argv, COMMANDS);
    const spec = parsed.spec;
    if (parsed.help !== undefined) {
      io.out(parsed.help);
      return EXIT.ok;
    }
    const global = sourcesFor(spec, globalOptions(parsed.values, io));
    if (!spec) {
      const { runTui } = await import("./run-tui.tsx");
      return await runTui(global, io);
    }
    const load = RUNNERS[spec.name];
    if (!load) throw new Error(`no implementation for command ${spec.name}`);
    const run = await load();
    return await run({
      io,
      command: spec.name,
      values: parsed.values,
      positionals: parsed.positionals,
      global,
    });
  } catch (err) {
    const spec = parsed?.spec;
    if (err instanceof UsageError) {
      const shown = err.command ? COMMANDS.find((c) => c.name === err.command) : spec;
      io.err(`dealmap: ${err.message}\n\n${shortUsage(shown, COMMANDS)}`);
      return EXIT.usage;
    }
    // The router rejected an input the user typed (a bad date, a 100 000-character query): a
    // usage error, named by the argument it came from.
    const code = errorCode(err);
    if (code === "BAD_REQUEST") {
      io.err(`dealmap: ${inputProblem(err, parsed)}\n\n${shortUsage(spec, COMMANDS)}`);
      return EXIT.usage;
    }
    if (code === "NOT_FOUND" || code === "SERVICE_UNAVAILABLE") {
      io.err(`dealmap: ${(err as Error).message}\n`);
      return EXIT.failure;
    }
    const failure = err instanceof CliError ? err : databaseProblem(err);
    if (failure) {
      io.err(`dealmap: ${failure.message}\n`);
      return failure.exitCode;
    }
    io.err(`dealmap: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return EXIT.failure;
  } finally {
    // a PostgreSQL pool would keep the process alive after the command
    await closeConnections();
  }
}

// Run when executed directly (node dist/cli.js, tsx src/cli.tsx), not when imported by tests
// or by bin/dealmap.mjs (which calls main itself).
const entry = process.argv[1] ?? "";
if (/(?:^|[\\/])cli\.(?:js|tsx)$/.test(entry)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(terminalSafe(`dealmap: ${String(err)}\n`));
      process.exitCode = EXIT.failure;
    },
  );
}
