/**
 * Shared by the tests: the router over the CLI's fixture data, and waiting for Ink frames.
 */
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
