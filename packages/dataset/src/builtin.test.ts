/**
 * Data-quality checks of the built-in dataset (issue 3): it loads, every paragraph of the
 * article is cited, spans and article-cited figures agree with the text, and no text in the
 * data shares a run of eight words with the article. The checks that need the article's text
 * are skipped (not passed) when the text is not available.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Citation, Dataset } from "@dealmap/domain";
import { describe, expect, it } from "vitest";
import { builtinDataDir } from "./builtin.ts";
import { formatProblem, loadDataset } from "./load.ts";
import { loadSourceTexts, repoSharedSeedDir } from "./sources.ts";

const ARTICLE = "carnegie-politika-2025-12";

const result = loadDataset(builtinDataDir);
const dataset: Dataset | undefined = result.ok ? result.dataset : undefined;
const problems = result.ok ? [] : result.problems.map(formatProblem);

const textDir = process.env.DEALMAP_SOURCES || repoSharedSeedDir();
const article: string[] | undefined =
  dataset && textDir ? loadSourceTexts(textDir, dataset).texts.get(ARTICLE) : undefined;
const noText = article === undefined;

interface Found {
  citation: Citation;
  /** Where in the dataset, e.g. `events/release-2025-12-13.quantities[0].citations[1]`. */
  where: string;
}

/** Every citation in the dataset, with where it sits. */
function allCitations(ds: Dataset): Found[] {
  const out: Found[] = [];
  const walk = (node: unknown, where: string) => {
    if (Array.isArray(node)) node.forEach((x, i) => walk(x, `${where}[${i}]`));
    else if (node && typeof node === "object") {
      for (const [k, v] of Object.entries(node)) {
        if (k === "citations" && Array.isArray(v))
          v.forEach((c: Citation, i) => out.push({ citation: c, where: `${where}.citations[${i}]` }));
        else walk(v, `${where}.${k}`);
      }
    }
  };
  for (const [kind, list] of Object.entries(ds))
    for (const e of list as { id: string }[]) walk(e, `${kind}/${e.id}`);
  return out;
}

/** Every string in the dataset, with where it sits (ids and citations included). */
function allStrings(ds: Dataset): { text: string; where: string }[] {
  const out: { text: string; where: string }[] = [];
  const walk = (node: unknown, where: string) => {
    if (typeof node === "string") out.push({ text: node, where });
    else if (Array.isArray(node)) node.forEach((x, i) => walk(x, `${where}[${i}]`));
    else if (node && typeof node === "object")
      for (const [k, v] of Object.entries(node)) walk(v, `${where}.${k}`);
  };
  for (const [kind, list] of Object.entries(ds))
    for (const e of list as { id: string }[]) walk(e, `${kind}/${e.id}`);
  return out;
}

/** Lower-case words with apostrophes folded away, so "Belarus’s" and "Belarus's" agree. */
function words(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/['’‘`]/g, "")
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

const RUN = 8;
function runs(text: string): string[] {
  const w = words(text);
  const out: string[] = [];
  for (let i = 0; i + RUN <= w.length; i++) out.push(w.slice(i, i + RUN).join(" "));
  return out;
}

const SMALL = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
  "twenty",
];
/** The ways a figure can be written in the article: digits (with or without separators) or words. */
function numberForms(value: number): string[] {
  const forms = new Set([String(value), value.toLocaleString("en-US")]);
  if (Number.isInteger(value) && value >= 0 && value <= 20) forms.add(SMALL[value] as string);
  if (value === 12) forms.add("dozen");
  if (value === 100) forms.add("hundred");
  if (value === 1000) forms.add("thousand");
  return [...forms];
}

function spanHasNumber(spanText: string, value: number): boolean {
  const hay = spanText.toLowerCase();
  return numberForms(value).some((f) =>
    new RegExp(`(^|[^\\p{L}\\p{N}])${f.replace(/[.]/g, "\\.")}(?![\\p{N}]|\\p{L})`, "u").test(hay),
  );
}

describe("the built-in dataset", () => {
  it("loads and passes the integrity check", () => {
    expect(problems).toEqual([]);
    expect(dataset?.sources.length).toBeGreaterThan(0);
  });

  it("has the article's Source record with its hash and paragraph count and no invented author", () => {
    const src = dataset?.sources.find((s) => s.id === ARTICLE);
    expect(src?.textSha256).toBe("7727611bd295209e8404c469ce5fe68fbd57726611baac6877980bbb2bed2b0c");
    expect(src?.paragraphs).toBe(24);
    expect(src?.author).toBeUndefined();
  });

  it("cites every paragraph of the article at least once", () => {
    const ds = dataset as Dataset;
    const total = ds.sources.find((s) => s.id === ARTICLE)?.paragraphs ?? 0;
    const cited = new Set(
      allCitations(ds)
        .filter((f) => f.citation.source === ARTICLE)
        .map((f) => f.citation.paragraph),
    );
    const missing = Array.from({ length: total }, (_, i) => i + 1).filter((n) => !cited.has(n));
    expect(missing).toEqual([]);
  });

  it("points into the article with paragraph and span, and cites other reports by source only", () => {
    const bad = allCitations(dataset as Dataset)
      .filter(({ citation: c }) =>
        c.source === ARTICLE ? c.paragraph === undefined || c.span === undefined : c.paragraph !== undefined,
      )
      .map((f) => f.where);
    expect(bad).toEqual([]);
  });

  it("backs every quantity and every leg distance with its own citation", () => {
    const ds = dataset as Dataset;
    const bare = [
      ...ds.events.flatMap((e) => e.quantities.filter((q) => q.citations.length === 0).map(() => e.id)),
      ...ds.routes.flatMap((r) =>
        r.legs.filter((l) => l.distance && l.distance.citations.length === 0).map(() => r.id),
      ),
    ];
    expect(bare).toEqual([]);
  });

  it("gives each deal amount the figure of one of the events behind it", () => {
    const ds = dataset as Dataset;
    const events = new Map(ds.events.map((e) => [e.id, e]));
    const bad: string[] = [];
    for (const d of ds.deals)
      d.concessions.forEach((c, i) => {
        if (!c.amount) return;
        const { value, unit } = c.amount;
        const backed = c.events.some((id) =>
          events.get(id)?.quantities.some((q) => q.value === value && q.unit === unit),
        );
        if (!backed) bad.push(`deals/${d.id}.concessions[${i}]: ${value} ${unit}`);
      });
    expect(bad).toEqual([]);
  });

  it.skipIf(noText)("keeps every citation span inside its paragraph, on word boundaries", () => {
    const paras = article as string[];
    const bad: string[] = [];
    for (const { citation: c, where } of allCitations(dataset as Dataset)) {
      if (c.source !== ARTICLE || c.paragraph === undefined || !c.span) continue;
      const text = paras[c.paragraph - 1] ?? "";
      const [a, b] = c.span;
      const inside = b <= text.length;
      const wordChar = /[\p{L}\p{N}]/u;
      const cutsWord =
        (a > 0 && wordChar.test(text[a - 1] ?? "") && wordChar.test(text[a] ?? "")) ||
        (b < text.length && wordChar.test(text[b - 1] ?? "") && wordChar.test(text[b] ?? ""));
      if (!inside || cutsWord)
        bad.push(`${where}: [${a}, ${b}] in paragraph ${c.paragraph} (${text.length} chars)`);
    }
    expect(bad).toEqual([]);
  });

  it.skipIf(noText)("has the number of each article-cited quantity inside one of its cited spans", () => {
    const paras = article as string[];
    const bad: string[] = [];
    for (const e of (dataset as Dataset).events) {
      e.quantities.forEach((q, i) => {
        const spans = q.citations
          .filter((c) => c.source === ARTICLE && c.paragraph !== undefined && c.span)
          .map((c) => (paras[(c.paragraph as number) - 1] ?? "").slice(...(c.span as [number, number])));
        if (spans.length > 0 && !spans.some((s) => spanHasNumber(s, q.value)))
          bad.push(`events/${e.id}.quantities[${i}]: ${q.value} ${q.unit} not in ${JSON.stringify(spans)}`);
      });
    }
    expect(bad).toEqual([]);
  });

  it.skipIf(noText)("shares no run of eight consecutive words with the article", () => {
    const article8 = new Set((article as string[]).flatMap(runs));
    const bad = allStrings(dataset as Dataset)
      .filter(({ text }) => runs(text).some((r) => article8.has(r)))
      .map(({ text, where }) => `${where}: ${runs(text).find((r) => article8.has(r))} ← ${text}`);
    expect(bad).toEqual([]);
  });

  it.skipIf(noText)(
    "keeps the data files (comments included) and DATA.md free of eight-word runs too",
    () => {
      const article8 = new Set((article as string[]).flatMap(runs));
      const files = [
        ...readdirSync(builtinDataDir, { recursive: true, encoding: "utf8" })
          .filter((f) => /\.(ya?ml|json)$/.test(f))
          .map((f) => path.join(builtinDataDir, f)),
        path.join(builtinDataDir, "..", "DATA.md"),
      ];
      expect(files.length).toBeGreaterThan(1);
      const bad = files.flatMap((f) =>
        runs(readFileSync(f, "utf8"))
          .filter((r) => article8.has(r))
          .map((r) => `${path.relative(builtinDataDir, f)}: ${r}`),
      );
      expect(bad).toEqual([]);
    },
  );
});

describe("the checks themselves", () => {
  it("find numbers written in digits or words, and only whole ones", () => {
    expect(spanHasNumber("A total of 123 people", 123)).toBe(true);
    expect(spanHasNumber("over a thousand trucks", 1000)).toBe(true);
    expect(spanHasNumber("eight foreign nationals", 8)).toBe(true);
    expect(spanHasNumber("1,096 km", 1096)).toBe(true);
    expect(spanHasNumber("A total of 1234 people", 123)).toBe(false);
    expect(spanHasNumber("eighteen", 8)).toBe(false);
  });
  it("fold case and apostrophes when comparing words", () => {
    expect(words("Belarus’s main EXPORT")).toEqual(words("belarus's main export"));
  });
});
