/**
 * Imported data in the explorer: the CLI's fixture data loaded into a SQLite file with a tiny
 * import beside it. Lists tag the import's events and actors with a dim "[name]"; curated rows
 * carry none; an imported event's detail says which import it came from.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createCaller, createContextInner, loadIntoDatabase, SqlStore } from "@dealmap/api";
import { importSample } from "@dealmap/api/testing";
import { formatProblem, loadDataset } from "@dealmap/dataset";
import { render } from "ink-testing-library";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { goodDir, KEYS, plain, until } from "../../test/helpers.ts";
import type { Api } from "../api.ts";
import { App } from "../app.tsx";
import { themeFor } from "./theme.tsx";

const IMPORT = "gdelt-tui";
const DIM = "\u001b[2m";
const scratch = mkdtempSync(path.join(tmpdir(), "dealmap-tui-datasets-"));
let store: SqlStore | undefined;
let api: Api;

beforeAll(async () => {
  const r = loadDataset(goodDir);
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join("\n"));
  const file = path.join(scratch, "good.sqlite");
  await loadIntoDatabase(file, { dataset: r.dataset, datasets: r.datasets, parts: r.parts() });
  await importSample(file, IMPORT, { host: "fx-upland", place: "fx-upper-wharf" });
  store = await SqlStore.open(file);
  api = createCaller(await createContextInner({ store }));
});

afterAll(async () => {
  await store?.close();
  rmSync(scratch, { recursive: true, force: true });
});

let instances: ReturnType<typeof render>[] = [];
afterEach(() => {
  for (const i of instances) i.unmount();
  instances = [];
});

function start() {
  const r = render(<App api={api} theme={themeFor({})} size={{ columns: 100, rows: 30 }} />);
  instances.push(r);
  const frame = () => r.lastFrame() ?? "";
  const wait = (check: (plainFrame: string) => boolean) => until(frame, (f) => check(plain(f)));
  const press = async (...keys: string[]) => {
    for (const k of keys) {
      r.stdin.write(k);
      await new Promise((res) => setTimeout(res, 15));
    }
  };
  return { wait, press };
}

/** The line of a frame holding `text`, with its colours. */
const lineWith = (frame: string, text: string) =>
  frame.split("\n").find((l) => plain(l).includes(text)) ?? "";

describe("datasets in the TUI (fixture data plus an import, over SQLite)", () => {
  it("Timeline: each imported event is tagged with its dataset, dimmed; curated events are not", async () => {
    const t = start();
    await t.wait((x) => x.includes("Latest events"));
    await t.press("2");
    const f = await t.wait((x) => x.includes("Imported trade talks, round 2") && x.includes(`[${IMPORT}]`));
    for (const round of ["round 1", "round 2"]) {
      const line = lineWith(f, `Imported trade talks, ${round}`);
      expect(plain(line)).toMatch(new RegExp(`Imported trade talks, ${round} \\[${IMPORT}\\]`));
      expect(line).toContain(`${DIM} [${IMPORT}]`);
    }
    const curated = lineWith(f, "Envoy meets");
    expect(plain(curated)).not.toBe("");
    expect(plain(curated)).not.toContain("[");
  });

  it("Actors: the imported actor is tagged; the fixture's actors are not", async () => {
    const t = start();
    await t.wait((x) => x.includes("Latest events"));
    await t.press("3");
    const f = await t.wait((x) => x.includes("Ilya Testovich") && x.includes("Mara Vell"));
    expect(plain(lineWith(f, "Ilya Testovich"))).toMatch(new RegExp(`\\[${IMPORT}\\]\\s*[│┃]?$`));
    expect(plain(lineWith(f, "Mara Vell"))).not.toContain("[");
  });

  it("an imported event's detail names its import under the title", async () => {
    const t = start();
    await t.press("/");
    await t.wait((x) => x.includes("Type a name"));
    await t.press(..."imported trade".split(""));
    await t.wait((x) => x.includes("Imported trade talks, round 1"));
    await t.press(KEYS.enter);
    await t.wait((x) => !x.includes("↓ or Enter to pick one"));
    await t.press(KEYS.enter);
    const f = plain(await t.wait((x) => x.includes("Dataset")));
    const lines = f.split("\n");
    const title = lines.findIndex((l) => l.includes("Imported trade talks, round"));
    expect(title).toBeGreaterThanOrEqual(0);
    expect(lines[title + 1]).toMatch(new RegExp(`Dataset\\s+\\[${IMPORT}\\] import \\(gdelt\\)`));
  });
});
