import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createCaller, createContextInner } from "@dealmap/api";
import { formatProblem, loadDataset } from "@dealmap/dataset";
import { render } from "ink-testing-library";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  fixtureApi,
  HOSTILE,
  inverseRows,
  KEYS,
  plain,
  RAW_CONTROL,
  until,
  writeHostileData,
} from "../test/helpers.ts";
import type { Api } from "./api.ts";
import { App } from "./app.tsx";
import { themeFor } from "./tui/theme.tsx";

let api: Api;
beforeAll(async () => {
  api = await fixtureApi();
});

let instances: ReturnType<typeof render>[] = [];
afterEach(() => {
  for (const i of instances) i.unmount();
  instances = [];
});

function start(
  size = { columns: 80, rows: 24 },
  env: Record<string, string | undefined> = {},
  data: Api = api,
) {
  const r = render(<App api={data} theme={themeFor(env)} size={size} />);
  instances.push(r);
  const frame = () => r.lastFrame() ?? "";
  const wait = async (check: (plainFrame: string) => boolean) =>
    plain(await until(frame, (f) => check(plain(f))));
  const press = async (...keys: string[]) => {
    for (const k of keys) {
      r.stdin.write(k);
      // let Ink read the key and React commit before the next one, like a person typing
      await new Promise((res) => setTimeout(res, 15));
    }
  };
  /** The selected row of the body (the tab bar's active tab left out). */
  const selected = () => inverseRows(frame()).slice(1);
  /** Moves the selection down one row at a time, each step waiting for its frame, until the selected row holds `text`. */
  const downTo = async (text: string, maxSteps: number) => {
    for (let i = 0; i < maxSteps && !(selected()[0] ?? "").includes(text); i++) {
      const before = frame();
      await press(KEYS.down);
      await until(frame, (f) => f !== before);
    }
    return selected()[0] ?? "";
  };
  return { r, frame, wait, press, selected, downTo };
}

const lines = (f: string) => f.split("\n");

describe("TUI tabs (80×24, fixture data)", () => {
  it("Overview: counts, latest events, deals and routes, in a frame that fits 80×24", async () => {
    const t = start();
    const f = await t.wait((x) => x.includes("Latest events"));
    expect(f).toContain("3 events, 3 actors, 2 places, 2 routes, 1 deal");
    expect(f).toContain("Upland lets the held barges go");
    const ls = lines(f);
    const open = ls.findIndex((l) => l.startsWith("Open questions: expected, proposed, claimed"));
    expect(open).toBeGreaterThan(0);
    expect(ls[open + 1]).toMatch(/^ {2}› The League promises to waive river tolls {2}summer 2026 ~ expected/);
    expect(f).toContain("Barges for tolls");
    expect(f).toContain("1/2 delivered");
    // one line is kept free below the frame; no line is wider than the terminal
    expect(lines(f).length).toBe(23);
    for (const l of lines(f)) expect(l.length).toBeLessThanOrEqual(80);
    expect(lines(f)[0]).toContain("1 Overview");
    expect(lines(f)[0]).toContain("8 Search");
  });

  it("Timeline: events in date order, fuzzy dates marked with ~", async () => {
    const t = start();
    await t.wait((x) => x.includes("Latest events"));
    await t.press("2");
    const f = await t.wait((x) => x.includes("Timeline") && x.includes("summer 2026 ~"));
    const rows = lines(f).filter((l) => /Envoy meets|held barges|waive river tolls/.test(l));
    expect(rows.map((l) => l.replace(/\s+/g, " ").trim())).toEqual([
      "early Nov 2025 ~ occurred Envoy meets the River League",
      "18 Nov 2025 reported Upland lets the held barges go",
      "summer 2026 ~ expected The League promises to waive river tolls",
    ]);
    expect(t.selected()[0]).toContain("Envoy meets the River League");
  });

  it("Actors: every actor with kind and country", async () => {
    const t = start();
    await t.press("3");
    const f = await t.wait((x) => x.includes("Mara Vell"));
    expect(f).toMatch(/Mara Vell\s+person\s+LT/);
    expect(f).toMatch(/River League\s+organization/);
    expect(f).toMatch(/Upland\s+state/);
  });

  it("Network: actors by ties; Enter walks to an actor's ties and on to the next actor", async () => {
    const t = start();
    await t.press("4");
    let f = await t.wait((x) => x.includes("2 ties"));
    expect(f).toMatch(/River League\s+organization\s+2 ties/);
    await t.press(KEYS.enter);
    f = await t.wait((x) => x.includes("Open the profile of River League"));
    expect(f).toContain("Network › ties of fx-river-league");
    expect(f).toMatch(/↔ negotiates-with\s+Upland/);
    expect(f).toMatch(/← member-of from 2024 ~\s+Mara Vell/);
    // down to "Upland" and walk there
    await t.press("j", KEYS.enter);
    f = await t.wait((x) => x.includes("Open the profile of Upland"));
    expect(f).toContain("Network › ties of fx-river-league › ties of fx-upland");
    // the first row opens the profile
    await t.press(KEYS.enter);
    f = await t.wait((x) => x.includes("Oberland"));
    expect(f).toContain("Upland");
    expect(f).toContain("Relations");
    // back twice returns to River League's ties
    await t.press(KEYS.escape);
    await t.wait((x) => x.includes("Open the profile of Upland"));
    await t.press(KEYS.backspace);
    f = await t.wait((x) => x.includes("Open the profile of River League"));
    expect(f).not.toContain("ties of fx-upland");
  });

  it("Routes: status and sourced distance; Enter shows legs, status history, blockers, conditions", async () => {
    const t = start();
    await t.press("5");
    let f = await t.wait((x) => x.includes("River run"));
    expect(f).toMatch(/open\s+River run to the lower wharf\s+freight\s+210 km/);
    expect(f).toMatch(/proposed\s+Road detour around the river/);
    await t.press(KEYS.enter);
    f = await t.wait((x) => x.includes("Legs"));
    expect(f).toContain("Upper Wharf → Lower Wharf  river  210 km");
    expect(f).toContain("Status over time");
    expect(f).toContain("Blocked by: Upland kept the barges in port.");
    expect(f).toContain("Would change if: A deal with the River League.");
  });

  it("Deals: the ledger row, and what each side gave, delivered or promised", async () => {
    const t = start();
    await t.press("6");
    let f = await t.wait((x) => x.includes("Barges for tolls"));
    expect(f).toMatch(/Nov 2025 ~\s+Barges for tolls\s+1\/2 delivered/);
    await t.press(KEYS.enter);
    f = await t.wait((x) => x.includes("Who gave what"));
    expect(f).toMatch(/delivered\s+Upland → River League\s+18 Nov 2025/);
    expect(f).toMatch(/promised\s+River League → Upland/);
    expect(f).toContain("Brokers     Mara Vell");
  });

  it("Sources: claims per source; Enter shows the claims grouped by paragraph", async () => {
    const t = start();
    await t.press("7");
    let f = await t.wait((x) => x.includes("Fixture bulletin"));
    expect(f).toMatch(/news-report\s+Fixture bulletin on river trade\s+\d+ claims/);
    await t.press(KEYS.enter);
    f = await t.wait((x) => x.includes("Claims citing it"));
    expect(f).toContain("¶1");
    expect(f).toContain("› Mara Vell  actor");
    expect(f).toContain("Author      not confirmed");
  });

  it("Search: / from another tab, results update as you type, Enter opens a hit", async () => {
    const t = start();
    await t.press("5");
    await t.wait((x) => x.includes("River run"));
    await t.press("/");
    await t.wait((x) => x.includes("Search:") && x.includes("Type a name"));
    await t.press("o", "b", "e", "r");
    let f = await t.wait((x) => x.includes("Search: ober") && /\d+ results?/.test(x));
    // found through the alias "Oberland"
    expect(f).toMatch(/actor\s+Upland/);
    await t.press(KEYS.backspace, KEYS.backspace, KEYS.backspace, KEYS.backspace, "w", "h", "a", "r", "f");
    f = await t.wait((x) => x.includes("Search: wharf") && x.includes("Upper Wharf"));
    expect(f).not.toMatch(/actor\s+Upland/);
    await t.press(KEYS.enter);
    await t.wait((x) => !x.includes("↓ or Enter to pick one"));
    await t.press(KEYS.enter);
    f = await t.wait((x) => x.includes("Coordinates") || x.includes("Route ") || x.includes("Event "));
    expect(f).toContain("Search › ");
  });

  it("Esc leaves the search box and stays out: a second Esc keeps out, ? then opens the help", async () => {
    const t = start();
    await t.press("/");
    await t.wait((x) => x.includes("Search:") && x.includes("Esc leave"));
    await t.press("o", "b", "e", "r");
    await t.wait((x) => x.includes("Search: ober") && /\d+ results?/.test(x));
    await t.press(KEYS.escape);
    await t.wait((x) => !x.includes("Esc leave"));
    await t.press(KEYS.escape);
    await t.press("?");
    const f = await t.wait((x) => x.includes("move the selection") || x.includes("Search: ober?"));
    expect(f).toContain("move the selection");
    // the query is what was typed, without the "?"
    await t.press("?");
    const after = await t.wait((x) => !x.includes("move the selection"));
    expect(after).toContain("Search: ober");
    expect(after).not.toContain("Search: ober?");
    expect(after).not.toContain("Esc leave");
  });

  it("Esc in an opened profile goes back to the list, keeping the selection", async () => {
    const t = start();
    await t.press("2");
    await t.wait((x) => x.includes("summer 2026 ~"));
    await t.press("j");
    await t.wait(() => t.selected()[0]?.includes("held barges") ?? false);
    await t.press(KEYS.enter);
    let f = await t.wait((x) => x.includes("Participants"));
    expect(f).toContain("Timeline › fx-barges-freed");
    expect(f).toContain("Date        18 Nov 2025");
    expect(f).toContain("Also dated  Nov 2025 (fuzzy date)");
    expect(f).toContain("› Upland  initiator");
    // the figures are below the fold: the first page down takes the selection to the last
    // row on screen, the second scrolls
    await t.press(KEYS.pageDown, KEYS.pageDown);
    f = await t.wait((x) => x.includes("14 barges — barges released"));
    await t.press(KEYS.escape);
    f = await t.wait((x) => x.split("\n")[1]?.trim() === "Timeline");
    expect(t.selected()[0]).toContain("Upland lets the held barges go");
  });

  it("follows a link: Enter on a participant opens that actor", async () => {
    const t = start();
    await t.press("2", "j", KEYS.enter);
    await t.wait((x) => x.includes("Participants"));
    // move down to the first participant line
    expect(await t.downTo("› Upland", 30)).toContain("› Upland  initiator  [fx-upland]");
    await t.press(KEYS.enter);
    const f = await t.wait((x) => x.includes("Actor       state"));
    expect(f).toContain("Timeline › fx-barges-freed › fx-upland");
    expect(f).toContain("Also        Oberland (de)");
  });
});

describe("TUI citations", () => {
  it("Enter on a citation opens the source at the cited paragraph", async () => {
    const t = start();
    await t.press("2", "j", KEYS.enter);
    await t.wait((x) => x.includes("Participants"));
    expect(await t.downTo("› fx-bulletin ¶5", 60)).toContain("› fx-bulletin ¶5  [fx-bulletin]");
    await t.press(KEYS.enter);
    await t.wait((x) => x.includes("Timeline › fx-barges-freed › fx-bulletin") && x.includes("¶5"));
    await until(t.frame, () => t.selected()[0] === "¶5");
    expect(t.selected()[0]).toBe("¶5");
  });
});

describe("TUI keys", () => {
  it("j/k and arrows move the selection; it stays visible when the list scrolls", async () => {
    const t = start({ columns: 80, rows: 10 });
    await t.wait((x) => x.includes("Who traded"));
    // 10 rows: 6 lines of body, the overview is longer and must scroll
    for (let i = 0; i < 12; i++) await t.press("j");
    // the 13th line (index 12) is selected, and the title has scrolled away
    await t.wait((x) => !x.includes("Who traded"));
    const lines12 = plain(t.frame()).split("\n");
    const sel = t.selected()[0] ?? "";
    expect(sel).not.toBe("");
    expect(lines12.some((l) => l.includes(sel))).toBe(true);
    await t.press("k", KEYS.up);
    await until(t.frame, () => (t.selected()[0] ?? "") !== sel);
    expect(plain(t.frame())).toContain(t.selected()[0] ?? "?");
    await t.press("g");
    await t.wait((x) => x.includes("Who traded"));
    expect(t.selected()[0]).toContain("Who traded");
  });

  it("keys that arrive together (a paste, tmux send-keys) act one by one", async () => {
    const t = start();
    await t.wait((x) => x.includes("Who traded"));
    t.r.stdin.write("2jj\r");
    const f = await t.wait((x) => x.includes("Timeline › fx-toll-promise") && x.includes("Participants"));
    expect(f).toContain("The League promises to waive river tolls");
  });

  it("Tab and Shift-Tab cycle tabs; number keys jump", async () => {
    const t = start();
    await t.press(KEYS.tab);
    await t.wait((x) => x.split("\n")[1]?.trim() === "Timeline");
    await t.press(KEYS.tab);
    await t.wait((x) => x.split("\n")[1]?.trim() === "Actors");
    await t.press(KEYS.shiftTab, KEYS.shiftTab, KEYS.shiftTab);
    await t.wait((x) => x.split("\n")[1]?.trim() === "Search");
    await t.press("7");
    await t.wait((x) => x.split("\n")[1]?.trim() === "Sources");
    expect(inverseRows(t.frame())[0]).toContain("7 Sources");
  });

  it("? shows every key; ? or Esc closes it", async () => {
    const t = start();
    await t.press("?");
    const f = await t.wait((x) => x.includes("Keys"));
    for (const k of [
      "move the selection",
      "go back",
      "next / previous tab",
      "search from anywhere",
      "quit",
    ]) {
      expect(f).toContain(k);
    }
    await t.press("?");
    await t.wait((x) => !x.includes("move the selection"));
    await t.press("?");
    await t.wait((x) => x.includes("move the selection"));
    await t.press(KEYS.escape);
    await t.wait((x) => !x.includes("move the selection"));
  });

  it("the help overlay is cut, not overflowing, on a short terminal", async () => {
    const t = start({ columns: 80, rows: 12 });
    await t.press("?");
    const f = await t.wait((x) => x.includes("Keys"));
    const ls = lines(f);
    expect(ls).toHaveLength(11);
    expect(ls[10]).toContain("? or Esc close help");
  });

  it("q quits (Ink unmounts and stops reading keys), but in the search box q is a letter", async () => {
    const t = start();
    await t.wait((x) => x.includes("Who traded"));
    const reading = () => t.r.stdin.listenerCount("readable") + t.r.stdin.listenerCount("data");
    expect(reading()).toBeGreaterThan(0);
    await t.press("/", "q");
    await t.wait((x) => x.includes("Search: q"));
    expect(reading()).toBeGreaterThan(0);
    await t.press(KEYS.escape);
    await t.wait((x) => !x.includes("Esc leave"));
    await t.press("q");
    await until(
      () => String(reading()),
      (n) => n === "0",
    );
    expect(reading()).toBe(0);
  });
});

describe("TUI layout", () => {
  it("while the data loads: the same frame, saying so", async () => {
    const r = render(<App api={undefined} theme={themeFor({})} size={{ columns: 80, rows: 24 }} />);
    instances.push(r);
    const f = plain(r.lastFrame() ?? "");
    expect(f.split("\n")[0]).toContain("1 Overview");
    expect(f).toContain("Loading the data…");
    expect(f.split("\n")).toHaveLength(23);
    r.rerender(<App api={api} theme={themeFor({})} size={{ columns: 80, rows: 24 }} />);
    await until(
      () => r.lastFrame(),
      (x) => plain(x).includes("Who traded what"),
    );
  });

  it("wide terminals show the selected item beside the list, following the selection", async () => {
    const t = start({ columns: 120, rows: 24 });
    await t.press("2");
    let f = await t.wait((x) => x.includes("Envoy meets the River League") && x.includes("Participants"));
    // list on the left, the selected event's profile on the right of the same rows
    const row = f.split("\n").find((l) => l.includes("Event       meeting")) ?? "";
    expect(row).toMatch(/^18 Nov 2025\s+reported\s+Upland lets.*Event {7}meeting$/);
    expect(f.split("\n")[2]).toMatch(
      /^early Nov 2025 ~\s+occurred\s+Envoy meets.*Envoy meets the River League$/,
    );
    await t.press("j");
    f = await t.wait((x) => x.includes("Event       release of prisoners"));
    expect(f).not.toContain("Event       meeting");
  });

  it("adapts to a new size: narrower tab labels, lines cut to the width", async () => {
    const t = start({ columns: 120, rows: 30 });
    await t.wait((x) => x.includes("Who traded"));
    expect(plain(t.frame()).split("\n")[0]).toContain(" Dealmap ");
    expect(plain(t.frame()).split("\n")).toHaveLength(29);
    t.r.rerender(<App api={api} theme={themeFor({})} size={{ columns: 60, rows: 20 }} />);
    const f = await t.wait((x) => x.split("\n").length === 19);
    for (const l of f.split("\n")) expect(l.length).toBeLessThanOrEqual(60);
    expect(f.split("\n")[0]).toContain("1 Ove");
    expect(f.split("\n")[0]).not.toContain(" Dealmap ");
  });

  it("NO_COLOR: no colour codes at all, the selection still shown in inverse video", async () => {
    const t = start({ columns: 80, rows: 24 }, { NO_COLOR: "1" });
    await t.press("2");
    await t.wait((x) => x.includes("summer 2026"));
    // SGR colour codes: 30–37, 90–97 (foreground), 38;… (extended)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for ANSI codes
    expect(t.frame()).not.toMatch(/\u001B\[(3[0-8]|9[0-7])(;\d+)*m/);
    expect(t.selected()[0]).toContain("Envoy meets the River League");
  });

  it("with colour: statuses are coloured", async () => {
    const t = start();
    await t.press("2");
    await t.wait((x) => x.includes("summer 2026"));
    expect(t.frame()).toContain("\u001B[32moccurred"); // green
  });
});

describe("TUI: control characters in the data", () => {
  it("are drawn as visible characters (^[ for ESC), never sent raw: lists, profiles, search", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "dealmap-tui-controls-"));
    try {
      writeHostileData(dir);
      const loaded = loadDataset(dir);
      if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join("\n"));
      const hostile = createCaller(await createContextInner({ dataset: loaded.dataset }));
      const t = start({ columns: 120, rows: 24 }, {}, hostile);
      // what Ink itself writes is colour (SGR, ESC [ … m); anything else raw came from the data
      // biome-ignore lint/suspicious/noControlCharactersInRegex: Ink's colour codes
      const raw = () => t.frame().replace(/\u001B\[[0-9;]*m/g, "");
      await t.press("3");
      let f = await t.wait((x) => x.includes("Mallory") && x.includes("Clears"));
      expect(f).toContain(HOSTILE.shownName);
      expect(raw()).not.toMatch(RAW_CONTROL);
      await t.press(KEYS.enter);
      f = await t.wait((x) => x.includes("Actors › cc-mallory"));
      expect(f).toContain("<U+009B>2J");
      expect(raw()).not.toMatch(RAW_CONTROL);
      await t.press("/", "m", "a", "l", "l");
      f = await t.wait((x) => x.includes("Search: mall") && x.includes("^[]0;pwned^G"));
      expect(raw()).not.toMatch(RAW_CONTROL);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
