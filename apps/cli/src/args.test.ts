import { describe, expect, it } from "vitest";
import { closest, commandHelp, parse, usageLine } from "./args.ts";
import { COMMANDS } from "./commands.ts";
import { UsageError } from "./output.ts";

const usageError = async (argv: string[]) => {
  try {
    await parse(argv, COMMANDS);
  } catch (err) {
    if (err instanceof UsageError) return err;
    throw err;
  }
  throw new Error(`no usage error for ${argv.join(" ")}`);
};

describe("parse", () => {
  it("finds the command even after options that take values", async () => {
    const p = await parse(["--data", "./mine", "events", "--kind", "release", "--json"], COMMANDS);
    expect(p.spec?.name).toBe("events");
    expect(p.values).toMatchObject({ data: ["./mine"], kind: "release", json: true });
  });

  it("--json before the command, where the command prints data; refused where it does not apply", async () => {
    expect((await parse(["--json", "events"], COMMANDS)).values).toMatchObject({ json: true });
    expect((await usageError(["--json", "export", "--format", "json"])).message).toBe(
      "--json does not apply to export",
    );
    expect((await usageError(["--json"])).message).toBe("--json does not apply to the explorer");
  });

  it("two-word commands: routes compare", async () => {
    const p = await parse(["routes", "compare", "--cargo", "potash"], COMMANDS);
    expect(p.spec?.name).toBe("routes compare");
    expect(p.positionals).toEqual([]);
    expect((await parse(["routes", "--cargo", "potash"], COMMANDS)).spec?.name).toBe("routes");
    // an option of "routes compare" given before "compare" still counts; one of "routes" alone does not
    expect((await parse(["routes", "--cargo", "potash", "compare"], COMMANDS)).values.cargo).toBe("potash");
    expect((await usageError(["routes", "--kind", "x", "compare"])).message).toBe(
      "--kind does not apply to routes compare",
    );
    expect((await usageError(["routes", "comprae"])).message).toBe(
      'unexpected argument "comprae" (routes takes no arguments) — did you mean "routes compare"?',
    );
  });

  it("no command: the TUI (no spec)", async () => {
    expect((await parse([], COMMANDS)).spec).toBeUndefined();
    expect((await parse(["--data", "x"], COMMANDS)).spec).toBeUndefined();
  });

  it("rejects, naming what was wrong and the command whose usage to show", async () => {
    expect((await usageError(["evnts"])).message).toBe('unknown command "evnts" — did you mean "events"?');
    const e = await usageError(["actors", "--kind"]);
    expect(e.message).toBe("--kind needs a value (KIND)");
    expect(e.command).toBe("actors");
    expect((await usageError(["stats", "--json=yes"])).message).toBe("--json is a flag and takes no value");
    expect((await usageError(["export", "--format", "pdf"])).message).toContain("--format must be one of");
    expect((await usageError(["show"])).message).toBe("missing ID");
    expect((await usageError(["stats", "extra"])).message).toBe(
      'unexpected argument "extra" (stats takes no arguments)',
    );
    // an option of another command is not an option of this one
    expect((await usageError(["stats", "--cargo", "potash"])).message).toContain("unknown option --cargo");
  });

  it("search takes the rest of the line as its query", async () => {
    expect((await parse(["search", "klaipeda", "port"], COMMANDS)).positionals).toEqual(["klaipeda", "port"]);
  });
});

describe("help", () => {
  it("every command has a summary, a usage line and at least one example", () => {
    for (const c of COMMANDS) {
      expect(c.summary.length).toBeGreaterThan(10);
      expect(usageLine(c)).toMatch(new RegExp(`^dealmap ${c.name}`));
      expect(c.examples.length).toBeGreaterThan(0);
      expect(commandHelp(c)).toContain("Global options");
    }
  });

  it("closest suggests only near names", async () => {
    expect(await closest("sorces", ["sources", "search"])).toBe("sources");
    expect(await closest("zzz", ["sources", "search"])).toBeUndefined();
  });
});
