/**
 * The explorer in a real terminal: the built program runs inside tmux (a private server), keys
 * are sent with send-keys and the screen is read with capture-pane. Skipped, and reported as
 * skipped, where tmux is not installed (CI installs it).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { goodDir } from "./helpers.ts";

const app = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cli = path.join(app, "dist", "cli.js");
const hasTmux = spawnSync("tmux", ["-V"]).status === 0;
const socket = `dealmap-test-${process.pid}`;

function tmux(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync("tmux", ["-L", socket, ...args], { encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const screen = () => tmux("capture-pane", "-p", "-t", "t").stdout;

async function waitFor(check: (s: string) => boolean, what: string, ms = 15_000): Promise<string> {
  const start = Date.now();
  let s = "";
  while (Date.now() - start < ms) {
    s = screen();
    if (check(s)) return s;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}; screen:\n${s}`);
}

const keys = (...k: string[]) => tmux("send-keys", "-t", "t", ...k);
const type = (text: string) => tmux("send-keys", "-t", "t", "-l", text);

describe.skipIf(!hasTmux)("the TUI in a real terminal (tmux)", () => {
  beforeAll(() => {
    if (!existsSync(cli)) spawnSync(process.execPath, [path.join(app, "build.mjs")], { stdio: "inherit" });
    // a clean environment: Ink draws nothing progressively when it thinks it runs in CI
    const command = [
      "env",
      "-i",
      `PATH=${process.env.PATH ?? ""}`,
      `HOME=${process.env.HOME ?? ""}`,
      "TERM=xterm-256color",
      process.execPath,
      cli,
      "--data",
      goodDir,
    ]
      .map((a) => `'${a.replace(/'/g, "'\\''")}'`)
      .join(" ");
    const r = tmux("new-session", "-d", "-x", "100", "-y", "30", "-s", "t", command);
    expect(r.status, r.stderr).toBe(0);
  });

  afterAll(() => {
    tmux("kill-server");
  });

  it("opens on the Overview, filling 100×30 but its last line", async () => {
    // a frame can be caught half written: wait until its status bar is there too
    const s = await waitFor(
      (x) => x.includes("Who traded what") && (x.split("\n")[28] ?? "").includes("q quit"),
      "the overview with its status bar",
    );
    const lines = s.split("\n");
    expect(lines[0]).toContain("1 Overview");
    expect(lines[0]).toContain("8 Search");
    expect(lines[1]?.trim()).toBe("Overview");
    // status bar on row 29 of 30
    expect(lines[28]).toContain("? help");
    expect(lines[28]).toContain("q quit");
  });

  it("switches tabs with number keys and Tab", async () => {
    keys("2");
    await waitFor((x) => x.split("\n")[1]?.trim() === "Timeline", "the Timeline tab");
    keys("Tab");
    const s = await waitFor((x) => x.split("\n")[1]?.trim() === "Actors", "the Actors tab");
    expect(s).toMatch(/\s+person\s+[A-Z]{2}\s/);
  });

  it("searches from anywhere as you type, opens a hit, goes back", async () => {
    keys("/");
    await waitFor((x) => x.includes("Search:"), "the search box");
    type("oberla");
    let s = await waitFor((x) => /actor\s+Upland/.test(x), "a search hit");
    expect(s).toContain("Search: oberla");
    keys("Enter");
    await waitFor((x) => !x.includes("↓ or Enter to pick one"), "the results to take the keys");
    keys("Enter");
    s = await waitFor((x) => x.includes("Oberland (de)"), "Upland's profile");
    expect(s).toContain("Search › fx-upland");
    expect(s).toContain("Relations");
    keys("Escape");
    s = await waitFor((x) => !x.includes("Oberland (de)") && /actor\s+Upland/.test(x), "the results again");
    expect(s).toContain("Search: oberla");
  });

  it("shows and hides the help overlay", async () => {
    keys("?");
    const s = await waitFor((x) => x.includes("Keys") && x.includes("move the selection"), "the help");
    expect(s).toContain("search from anywhere");
    keys("?");
    await waitFor((x) => !x.includes("move the selection"), "the help to close");
  });

  it("follows a resize to 80×24", async () => {
    tmux("resize-window", "-t", "t", "-x", "80", "-y", "24");
    keys("1");
    const s = await waitFor((x) => {
      const l = x.split("\n");
      return l[1]?.trim() === "Overview" && (l[22] ?? "").includes("q quit") && x.includes("Who traded");
    }, "the overview at 80×24");
    for (const l of s.split("\n")) expect(l.length).toBeLessThanOrEqual(80);
    expect(s.split("\n")[0]).toContain("1 Overview");
  });

  it("q quits and leaves the terminal", async () => {
    keys("q");
    const start = Date.now();
    while (tmux("has-session", "-t", "t").status === 0 && Date.now() - start < 10_000) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(tmux("has-session", "-t", "t").status).not.toBe(0);
  });
});
