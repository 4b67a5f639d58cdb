/**
 * Texts beside the data (`texts/<source-id>.txt`) and citations by quote: the memo example of
 * the README, and each bad input beside a good one.
 */
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatProblem, loadDataset } from "./index.ts";

// Our own words, as in the README's worked example.
const MEMO_TEXT =
  "Memo on the September 2025 release.\n\nIn September 2025 Minsk let 52 prisoners go, 14 of them foreign nationals. In return Washington eased its sanctions on Belavia, the state airline.\n";

const work = mkdtempSync(path.join(tmpdir(), "dealmap-texts-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let n = 0;

/** A memo directory; `source` and `citation` override the good ones, `text` the good text. */
function memo(
  opts: { source?: object; citation?: object; text?: string; extra?: Record<string, string> } = {},
) {
  const dir = path.join(work, `memo-${n++}`);
  mkdirSync(path.join(dir, "sources"), { recursive: true });
  mkdirSync(path.join(dir, "texts"));
  mkdirSync(path.join(dir, "events"));
  const source = {
    id: "my-memo",
    kind: "other",
    title: "My memo",
    publisher: "Me",
    language: "en",
    ...opts.source,
  };
  writeFileSync(path.join(dir, "sources", "memo.yaml"), `- ${JSON.stringify(source)}\n`);
  writeFileSync(path.join(dir, "texts", "my-memo.txt"), opts.text ?? MEMO_TEXT);
  const citation = opts.citation ?? { source: "my-memo", quote: "let 52 prisoners go" };
  writeFileSync(
    path.join(dir, "events", "release.yaml"),
    [
      "- id: memo-release",
      "  kind: release",
      "  title: Release of 52 prisoners",
      "  summary: Minsk freed 52 prisoners; Washington eased the Belavia sanctions.",
      "  date: 2025-09",
      "  status: occurred",
      "  citations:",
      `    - ${JSON.stringify(citation)}`,
      "",
    ].join("\n"),
  );
  for (const [f, t] of Object.entries(opts.extra ?? {})) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), t);
  }
  return dir;
}

const problems = (dir: string) => {
  const r = loadDataset(dir, { sources: "" });
  if (r.ok) throw new Error("expected problems");
  return r.problems.map(formatProblem).map((l) => l.slice(l.indexOf(path.basename(dir))));
};

describe("texts beside the data", () => {
  it("fills in textSha256 and paragraphs, and anchors a quote to paragraph and span", () => {
    const r = loadDataset(memo(), { sources: "" });
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join("\n"));
    const src = r.dataset.sources[0];
    expect(src?.textSha256).toBe(createHash("sha256").update(MEMO_TEXT).digest("hex"));
    expect(src?.paragraphs).toBe(2);
    const c = r.dataset.events[0]?.citations[0];
    expect(c).toMatchObject({ quote: "let 52 prisoners go", paragraph: 2 });
    expect(MEMO_TEXT.split("\n")[2]?.slice(...(c?.span ?? [0, 0]))).toBe("let 52 prisoners go");
  });

  it("changed text: a recorded hash that differs is an error naming the field and the text", () => {
    const good = createHash("sha256").update(MEMO_TEXT).digest("hex");
    expect(loadDataset(memo({ source: { textSha256: good, paragraphs: 2 } }), { sources: "" }).ok).toBe(true);
    const dir = memo({ source: { textSha256: good }, text: MEMO_TEXT.replace("52", "53") });
    const [p, ...rest] = problems(dir);
    expect(rest).toEqual([]);
    expect(p).toMatch(
      /^memo-\d+\/sources\/memo\.yaml:1:\d+ {2}\[0\]\.textSha256 {2}differs from the SHA-256 of .*texts\/my-memo\.txt/,
    );
    expect(problems(memo({ source: { paragraphs: 3 } }))[0]).toMatch(
      /\[0\]\.paragraphs {2}.*texts\/my-memo\.txt has 2 paragraphs \(non-empty lines\), not 3/,
    );
  });

  it("out-of-range span: a span past the end of its paragraph fails; one inside passes", () => {
    expect(
      loadDataset(memo({ citation: { source: "my-memo", paragraph: 1, span: [0, 4] } }), { sources: "" }).ok,
    ).toBe(true);
    const [p] = problems(memo({ citation: { source: "my-memo", paragraph: 1, span: [20, 9999] } }));
    expect(p).toMatch(
      /events\/release\.yaml:8:\d+ {2}\[0\]\.citations\[0\]\.span {2}span \[20, 9999\] runs past the end of paragraph 1 of "my-memo" \(35 characters\) — event "memo-release"/,
    );
  });

  it("missing quote: reported with file:line:col and field path, never guessed", () => {
    const [p] = problems(memo({ citation: { source: "my-memo", quote: "let 53 prisoners go" } }));
    expect(p).toMatch(
      /events\/release\.yaml:8:\d+ {2}\[0\]\.citations\[0\]\.quote {2}quote not found in "my-memo"/,
    );
  });

  it("ambiguous quote: needs a prefix or suffix, which then anchors it", () => {
    const [p] = problems(memo({ citation: { source: "my-memo", quote: "2025" } }));
    expect(p).toMatch(
      /\[0\]\.citations\[0\]\.quote {2}quote occurs 2 times in "my-memo" .*add a prefix or suffix/,
    );
    const r = loadDataset(memo({ citation: { source: "my-memo", quote: "2025", prefix: "In September" } }), {
      sources: "",
    });
    expect(r.ok && r.dataset.events[0]?.citations[0]).toMatchObject({ paragraph: 2, span: [13, 17] });
  });

  it("a locator that disagrees with its quote is reported", () => {
    const [p] = problems(
      memo({ citation: { source: "my-memo", quote: "let 52 prisoners go", paragraph: 1 } }),
    );
    expect(p).toMatch(
      /\.paragraph {2}the quote is at paragraph 2 \[\d+, \d+\] of "my-memo", not where this locator says/,
    );
  });

  it("texts/ holds only <source-id>.txt of a known source", () => {
    const ps = problems(memo({ extra: { "texts/notes.md": "x\n", "texts/my-mem.txt": "x\n" } }));
    expect(ps).toEqual([
      expect.stringMatching(
        /texts\/notes\.md:1:1 {2}- {2}not a source text: texts\/ holds one UTF-8 file per source/,
      ),
      expect.stringMatching(
        /texts\/my-mem\.txt:1:1 {2}- {2}no source "my-mem" for this text.*did you mean "my-memo\.txt"\?/,
      ),
    ]);
  });

  it("a quote without its text available stays a quote, without a locator", () => {
    const dir = memo();
    rmSync(path.join(dir, "texts"), { recursive: true });
    const r = loadDataset(dir, { sources: "" });
    expect(r.ok && r.dataset.events[0]?.citations[0]).toEqual({
      source: "my-memo",
      quote: "let 52 prisoners go",
    });
  });
});
