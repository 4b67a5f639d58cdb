/**
 * The built explorer in a real terminal (tmux) over a database larger than a page: 20,000
 * synthetic events in SQLite (`db synth`). The first frame comes quickly, because nothing
 * reads the whole timeline: the Timeline tab says it holds 200 of 20,000 events, and End
 * reads the next page. (src/tui/paging.test.tsx records every router call of the same.)
 * Skipped where tmux is missing, like tmux.test.ts.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const app = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cli = path.join(app, "dist", "cli.js");
const hasTmux = spawnSync("tmux", ["-V"]).status === 0;
const socket = `dealmap-scale-${process.pid}`;
const scratch = mkdtempSync(path.join(tmpdir(), "dealmap-tui-scale-"));
const db = path.join(scratch, "synthetic.sqlite");

/** A first frame later than this fails: ten times what it takes on a quiet 2-core machine. */
const FIRST_FRAME_MS = 6000;

const tmux = (...args: string[]) => spawnSync("tmux", ["-L", socket, ...args], { encoding: "utf8" });
const screen = () => tmux("capture-pane", "-p", "-t", "s").stdout ?? "";
const crumbs = (s: string) => s.split("\n")[1] ?? "";

async function waitFor(check: (s: string) => boolean, what: string, ms = 20_000): Promise<string> {
  const start = Date.now();
  let s = "";
  while (Date.now() - start < ms) {
    s = screen();
    if (check(s)) return s;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}; screen:\n${s}`);
}

describe.skipIf(!hasTmux)("the explorer over 20,000 events in SQLite, in a real terminal", () => {
  let started = 0;

  beforeAll(() => {
    const r = spawnSync(process.execPath, [cli, "db", "synth", "--events", "20000", "--db", db, "--quiet"], {
      encoding: "utf8",
    });
    expect(r.status, r.stderr).toBe(0);
    const command = [
      "env",
      "-i",
      `PATH=${process.env.PATH ?? ""}`,
      `HOME=${process.env.HOME ?? ""}`,
      "TERM=xterm-256color",
      `DEALMAP_DB=${db}`,
      process.execPath,
      cli,
    ]
      .map((a) => `'${a.replace(/'/g, "'\\''")}'`)
      .join(" ");
    started = performance.now();
    const t = tmux("new-session", "-d", "-x", "100", "-y", "30", "-s", "s", command);
    expect(t.status, t.stderr).toBe(0);
  }, 120_000);

  afterAll(() => {
    tmux("kill-server");
    rmSync(scratch, { recursive: true, force: true });
  });

  it("draws the whole Overview quickly, with the end of the timeline", async () => {
    const s = await waitFor(
      (x) => x.includes("Latest events") && (x.split("\n")[28] ?? "").includes("SQLite"),
      "the overview",
    );
    const ms = performance.now() - started;
    expect(ms).toBeLessThan(FIRST_FRAME_MS);
    expect(s).toContain("20,000 events, 400 actors");
    expect(s.split("\n")[28]).toContain("SQLite");
  });

  it("Timeline: 200 of 20,000 events loaded; End goes to the 200th and loads the next page", async () => {
    tmux("send-keys", "-t", "s", "2");
    let s = await waitFor((x) => crumbs(x).includes("200 of 20,000 loaded · row 1"), "the Timeline's count");
    expect(crumbs(s)).toMatch(/^Timeline\s+200 of 20,000 loaded · row 1$/);
    tmux("send-keys", "-t", "s", "End");
    s = await waitFor((x) => crumbs(x).includes("400 of 20,000 loaded · row 200"), "the next page");
    tmux("send-keys", "-t", "s", "G");
    s = await waitFor((x) => crumbs(x).includes("600 of 20,000 loaded · row 400"), "one more page");
    for (const l of s.split("\n")) expect(l.length).toBeLessThanOrEqual(100);
  });

  it("Actors and Network say how much of the whole they show", async () => {
    tmux("send-keys", "-t", "s", "3");
    await waitFor((x) => crumbs(x).includes("200 of 400 loaded · row 1"), "the Actors' count");
    tmux("send-keys", "-t", "s", "4");
    const s = await waitFor((x) => /\d+ ties?\s/.test(x), "the network");
    expect(crumbs(s)).toContain("the 200 most connected of 400 actors");
  });

  it("follows a resize to 80×24 and quits", async () => {
    tmux("resize-window", "-t", "s", "-x", "80", "-y", "24");
    tmux("send-keys", "-t", "s", "2");
    const s = await waitFor(
      (x) => crumbs(x).includes("of 20,000 loaded") && (x.split("\n")[22] ?? "").includes("↑↓ move"),
      "the Timeline at 80×24",
    );
    for (const l of s.split("\n")) expect(l.length).toBeLessThanOrEqual(80);
    tmux("send-keys", "-t", "s", "q");
    const start = Date.now();
    while (tmux("has-session", "-t", "s").status === 0 && Date.now() - start < 10_000)
      await new Promise((r) => setTimeout(r, 50));
    expect(tmux("has-session", "-t", "s").status).not.toBe(0);
  });
});
