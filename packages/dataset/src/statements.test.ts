/**
 * The memo case: an analyst's own directory adds to what the built-in data already holds —
 * its own record of the September 2025 release declared the same as the built-in one, and
 * citations added to the built-in easing and deal — and everything adds up to one map.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { builtinDataDir } from "./builtin.ts";
import { formatProblem, loadDataset } from "./load.ts";

/** The memo's text, in our own words. */
const MEMO_TEXT =
  "Memo. In September Minsk let 52 prisoners go, 14 of them foreigners, and Washington eased the sanctions on Belavia in return.";

let dir: string;
let memo: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "dealmap-statements-"));
  memo = path.join(dir, "my-memo");
  for (const f of ["sources", "events", "statements", "texts"])
    mkdirSync(path.join(memo, f), { recursive: true });
  writeFileSync(path.join(memo, "texts", "my-memo.txt"), `${MEMO_TEXT}\n`);
  writeFileSync(
    path.join(memo, "sources", "memo.yaml"),
    "- id: my-memo\n  kind: other\n  title: My memo on the September release\n  publisher: Me\n  language: en\n",
  );
  writeFileSync(path.join(memo, "events", "memo.yaml"), memoEvent("2025-09-11", QUANTITIES));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The memo's own record of the release, on `date`, with `extra` YAML lines before its citations. */
const memoEvent = (date: string, extra = "") => `- id: memo-september-release
  kind: release
  title: Fifty-two prisoners released in September
  summary: The memo's account of the September release.
  date: ${date}
  status: occurred
${extra}  citations:
    - source: my-memo
      quote: let 52 prisoners go
`;
const QUANTITIES = `  quantities:
    - value: 14
      unit: people
      counts: foreign nationals among those released
      citations: [{ source: my-memo, quote: "14 of them foreigners" }]
`;

const statements = (yaml: string) => writeFileSync(path.join(memo, "statements", "memo.yaml"), yaml);

const GOOD = `- id: memo-september-release
  sameAs: release-2025-09
- about: belavia-relief-2025-09
  add:
    citations:
      - source: my-memo
        quote: eased the sanctions on Belavia
- about: deal-2025-09-belavia
  add:
    citations:
      - source: my-memo
        quote: in return
`;

describe("statements on what exists (the memo case)", () => {
  it("merges the memo's release into the built-in one and adds its citations, counting each event once", () => {
    statements(GOOD);
    const alone = loadDataset([builtinDataDir]);
    const r = loadDataset([builtinDataDir, memo]);
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join("\n"));
    if (!alone.ok) throw new Error("built-in data invalid");
    expect(r.datasets).toEqual(["built-in", "my-memo"]);
    // one event per real event: the memo's record is merged away
    expect(r.dataset.events.length).toBe(alone.dataset.events.length);
    expect(r.dataset.events.some((e) => e.id === "memo-september-release")).toBe(false);
    const release = r.dataset.events.find((e) => e.id === "release-2025-09");
    const sources = release?.citations.map((c) => c.source);
    expect(sources).toContain("my-memo");
    // the quote was anchored in the memo's text: paragraph and span filled in
    const memoCite = release?.citations.find((c) => c.source === "my-memo");
    expect(memoCite?.paragraph).toBe(1);
    const start = MEMO_TEXT.indexOf("let 52 prisoners go");
    expect(memoCite?.span).toEqual([start, start + "let 52 prisoners go".length]);
    // the released count is still the built-in 52 first; the memo's 14 foreigners is already
    // there (same figure, same counts) and is not added twice
    expect(release?.quantities[0]?.value).toBe(52);
    expect(r.provenance.datasets["release-2025-09"]).toEqual(["built-in", "my-memo"]);
    expect(r.provenance.sameAs).toEqual({ "memo-september-release": "release-2025-09" });
    const added = r.provenance.values["release-2025-09"] ?? [];
    expect(added.every((a) => a.dataset === "my-memo")).toBe(true);
    expect(added.some((a) => a.path.startsWith("citations."))).toBe(true);
    for (const id of ["belavia-relief-2025-09", "deal-2025-09-belavia"]) {
      expect(r.provenance.datasets[id]).toEqual(["built-in", "my-memo"]);
      const entity = [...r.dataset.events, ...r.dataset.deals].find((e) => e.id === id);
      expect(entity?.citations.some((c) => c.source === "my-memo")).toBe(true);
    }
  });

  it("gives each dataset apart: its own entities as written and its statements", () => {
    statements(GOOD);
    const r = loadDataset([builtinDataDir, memo]);
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join("\n"));
    const parts = r.parts();
    expect(Object.keys(parts)).toEqual(["built-in", "my-memo"]);
    const mine = parts["my-memo"];
    expect(mine?.entities.events.map((e) => e.id)).toEqual(["memo-september-release"]);
    expect(mine?.entities.sources.map((s) => s.id)).toEqual(["my-memo"]);
    expect(mine?.statements).toHaveLength(3);
    // the built-in part is the built-in data as it is, without the memo's values
    const builtin = parts["built-in"];
    const relief = builtin?.entities.events.find((e) => e.id === "belavia-relief-2025-09");
    expect(relief?.citations.some((c) => c.source === "my-memo")).toBe(false);
    expect(builtin?.statements).toEqual([]);
  });

  it("removing the memo directory removes exactly its values", () => {
    statements(GOOD);
    const withMemo = loadDataset([builtinDataDir, memo]);
    const without = loadDataset([builtinDataDir]);
    if (!withMemo.ok || !without.ok) throw new Error("invalid");
    const strip = (ds: typeof without.dataset) =>
      JSON.stringify(ds.events.find((e) => e.id === "belavia-relief-2025-09"));
    expect(strip(withMemo.dataset)).not.toBe(strip(without.dataset));
    expect(without.provenance.values).toEqual({});
    expect(
      without.dataset.events
        .find((e) => e.id === "release-2025-09")
        ?.citations.some((c) => c.source === "my-memo"),
    ).toBe(false);
  });

  it("reports bad statements at file:line:col with the field path, and loads nothing", () => {
    statements(`- about: belavia-relif-2025-09
  add:
    citations:
      - source: my-memo
        quote: eased the sanctions on Belavia
- id: memo-september-release
  sameAs: alexander-lukashenko
- about: release-2025-09
  add:
    title: [Another title]
- about: release-2025-09
  frobnicate: true
`);
    const r = loadDataset([builtinDataDir, memo]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const lines = r.problems.map(formatProblem);
    const file = path.join("statements", "memo.yaml");
    expect(
      lines.find((l) =>
        l.includes('"belavia-relif-2025-09" exists in no dataset; did you mean "belavia-relief-2025-09"?'),
      ),
    ).toMatch(new RegExp(`${file.replace(/[.]/g, "\\.")}:1:\\d+  \\[0\\]\\.about  `));
    expect(lines.some((l) => l.includes("[1].sameAs") && l.includes("only entities of one kind"))).toBe(true);
    expect(lines.some((l) => l.includes("[2].add.title") && l.includes('has no list "title"'))).toBe(true);
    expect(lines.some((l) => l.includes(":11:") && l.includes("not a statement"))).toBe(true);
  });

  it("a same-as whose facts disagree is an error until the dispute is recorded", () => {
    writeFileSync(path.join(memo, "events", "memo.yaml"), memoEvent("2025-09-10"));
    statements("- id: memo-september-release\n  sameAs: release-2025-09\n");
    const bad = loadDataset([builtinDataDir, memo]);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems.map(formatProblem).join("\n")).toContain("disagree on date");
    statements(`- id: memo-september-release
  sameAs: release-2025-09
- about: release-2025-09
  dispute:
    field: date
    value: 2025-09-10
    citations: [{ source: my-memo, quote: In September }]
`);
    const ok = loadDataset([builtinDataDir, memo]);
    if (!ok.ok) throw new Error(ok.problems.map(formatProblem).join("\n"));
    expect(ok.dataset.events.find((e) => e.id === "release-2025-09")?.date).toBe("2025-09-11");
    expect(ok.provenance.disputes["release-2025-09"]?.[0]).toMatchObject({
      field: "date",
      value: "2025-09-10",
      dataset: "my-memo",
    });
  });
});
