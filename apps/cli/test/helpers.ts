/**
 * Shared by the tests: the router over the CLI's fixture data, and waiting for Ink frames.
 */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createCaller, createContextInner } from "@dealmap/api";
import { formatProblem, loadDataset } from "@dealmap/dataset";
import type { Api } from "../src/api.ts";

export const fixturesDir = fileURLToPath(new URL("./fixtures", import.meta.url));
export const goodDir = `${fixturesDir}/good`;
export const badDir = `${fixturesDir}/bad`;

/** The router, in-process, over test/fixtures/good alone (stable, unlike the built-in data). */
export async function fixtureApi(): Promise<Api> {
  const r = loadDataset(goodDir);
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join("\n"));
  return createCaller(await createContextInner({ dataset: r.dataset }));
}

/** Poll until `check` passes (or time out with the last frame in the message). */
export async function until(
  frame: () => string | undefined,
  check: (f: string) => boolean,
  ms = 10_000,
): Promise<string> {
  const start = Date.now();
  for (;;) {
    const f = frame() ?? "";
    if (check(f)) return f;
    if (Date.now() - start > ms) throw new Error(`timed out; last frame:\n${f}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const KEYS = {
  up: "\u001B[A",
  down: "\u001B[B",
  right: "\u001B[C",
  left: "\u001B[D",
  enter: "\r",
  escape: "\u001B",
  backspace: "\u007F",
  tab: "\t",
  shiftTab: "\u001B[Z",
  pageDown: "\u001B[6~",
  end: "\u001B[F",
} as const;

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escape sequences
const ANSI = /\u001B\[[0-9;?]*[ -/]*[@-~]/g;

/** A frame without colours and attributes. */
export function plain(frame: string): string {
  return frame.replace(ANSI, "");
}

/** The rows drawn in inverse video (the selection, the active tab), as plain text. */
export function inverseRows(frame: string): string[] {
  return frame
    .split("\n")
    .filter((l) => l.includes("\u001B[7m"))
    .map((l) => plain(l).replace(/[│┃]$/, "").trim());
}

/**
 * Control characters as data files might carry them: a window retitle (ESC ] 0 ; … BEL), a
 * screen clear (ESC [ 2 J), the one-character CSI (U+009B) and DEL.
 */
export const HOSTILE = {
  name: "Mallory \u001B]0;pwned\u0007Vane\u001B[2J",
  description:
    "Clears\u001B[2J the screen, retitles\u001B]0;owned\u0007 the window, \u009B2J and \u007F too.",
  /** How the name reads once made safe (caret notation, as `less` shows it). */
  shownName: "Mallory ^[]0;pwned^GVane^[[2J",
} as const;

/** Raw control characters a terminal would act on (ESC, BEL, CSI, DEL). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for raw control characters
export const RAW_CONTROL = /[\u0007\u001B\u007F\u009B]/;

/** A YAML double-quoted string of `s` (JSON syntax, with DEL and C1 escaped too: YAML forbids them raw). */
const yamlString = (s: string) =>
  JSON.stringify(s).replace(/[\u007F-\u009F]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/**
 * A valid data directory (one source, one actor) whose actor's name and description hold the
 * HOSTILE control characters.
 */
export function writeHostileData(dir: string): void {
  mkdirSync(path.join(dir, "sources"), { recursive: true });
  mkdirSync(path.join(dir, "actors"), { recursive: true });
  writeFileSync(
    path.join(dir, "sources", "cc-sources.yaml"),
    [
      "- id: cc-bulletin",
      "  kind: news-report",
      "  title: Control characters bulletin",
      "  publisher: Test Desk",
      "  language: en",
      "  paragraphs: 2",
      "",
    ].join("\n"),
  );
  writeFileSync(
    path.join(dir, "actors", "cc-actors.yaml"),
    [
      "- id: cc-mallory",
      "  kind: person",
      `  name: ${yamlString(HOSTILE.name)}`,
      `  description: ${yamlString(HOSTILE.description)}`,
      "  citations:",
      "    - source: cc-bulletin",
      "      paragraph: 1",
      "",
    ].join("\n"),
  );
}

/**
 * An invalid data directory whose problems carry control characters: an unknown field named
 * with ESC … BEL, and (where the file system allows it) a file whose name holds ESC and BEL.
 * Returns the name of that file, or undefined when it could not be made.
 */
export function writeHostileProblems(dir: string): string | undefined {
  mkdirSync(path.join(dir, "actors"), { recursive: true });
  writeFileSync(
    path.join(dir, "actors", "cc-odd.yaml"),
    [
      "- id: cc-odd",
      "  kind: person",
      "  name: Odd",
      "  description: An actor with a field that does not exist.",
      `  ${yamlString("\u001B]0;key\u0007colour")}: green`,
      "",
    ].join("\n"),
  );
  const evil = "evil\u001B]0;file\u0007.yaml";
  try {
    writeFileSync(path.join(dir, "actors", evil), "- id: cc-evil\n  kind: wizard\n  name: Evil\n");
    return evil;
  } catch {
    return undefined;
  }
}

/** What a run of the built program gave. */
export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The built program (`dist/cli.js`, made by `pnpm build`). */
export const builtCli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));

/** Start the built program in `cwd` with exactly `env`, its output piped. */
export function startCli(args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  return spawn(process.execPath, [builtCli, ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
}

/** Run the built program to its end and collect what it printed. */
export function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = startCli(args, cwd, env);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Run a line of shell (bash, with pipefail) in `cwd` with exactly `env`, as a README shows it. */
export function runShell(line: string, cwd: string, env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-o", "pipefail", "-c", line], {
      cwd,
      // exactly these variables (what a reader's shell would have), none of this process's
      env: env as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
