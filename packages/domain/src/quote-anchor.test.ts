import { describe, expect, it } from "vitest";
import { anchorFailure, anchorQuote, closestPassages, normalizeForAnchor, quoteAt } from "./quote-anchor.ts";

// Invented text, in our own words.
const TEXT = [
  "The harbour board met on Monday and agreed to reopen the north quay.",
  "Ferries will resume next week, the board said, once the cranes are checked.",
  "Then the board also agreed to close the south quay for repairs.",
  "Nobody asked whether the ferries would resume at all.",
];

describe("anchorQuote", () => {
  it("anchors an exact quote to its paragraph and span", () => {
    const r = anchorQuote(TEXT, { exact: "reopen the north quay" });
    expect(r).toEqual({ ok: true, method: "exact", paragraph: 1, span: [46, 67] });
    if (r.ok) expect(TEXT[0]?.slice(...r.span)).toBe("reopen the north quay");
  });

  it("re-anchors across whitespace and punctuation changes, mapping back to the new offsets", () => {
    const edited = [...TEXT];
    edited[1] = "Ferries will  resume next week — the board said — once the cranes are checked.";
    const r = anchorQuote(edited, { exact: "resume next week, the board said, once" });
    expect(r.ok && r.method).toBe("normalized");
    if (r.ok) {
      expect(r.paragraph).toBe(2);
      expect(edited[1]?.slice(...r.span)).toBe("resume next week — the board said — once");
    }
  });

  it("does NOT anchor a quote whose words now form a different, similar sentence", () => {
    // the text was edited: the north quay is now closed, the south one reopened
    const edited = [
      "The harbour board met on Monday and agreed to close the north quay.",
      "The board also agreed to reopen the south quay after repairs.",
    ];
    const r = anchorQuote(edited, { exact: "agreed to reopen the north quay" });
    expect(r).toEqual({ ok: false, reason: "not-found" });
    expect(anchorFailure(r as { ok: false; reason: "not-found" }, "notes")).toMatch(
      /^quote not found in "notes"/,
    );
  });

  it("does not anchor inside a word, nor on a one-letter change", () => {
    expect(anchorQuote(["An important port."], { exact: "port" })).toMatchObject({
      ok: true,
      span: [13, 17],
    });
    expect(anchorQuote(["An important harbour."], { exact: "port" })).toEqual({
      ok: false,
      reason: "not-found",
    });
    expect(anchorQuote(TEXT, { exact: "reopen the north quays" }).ok).toBe(false);
    expect(anchorQuote(TEXT, { exact: "Reopen the north quay" }).ok).toBe(false);
  });

  it("a repeated phrase is ambiguous until a prefix or suffix tells the places apart", () => {
    const r = anchorQuote(TEXT, { exact: "the board" });
    expect(r.ok).toBe(false);
    if (!r.ok && r.reason === "ambiguous") {
      expect(r.places.map((p) => p.paragraph)).toEqual([2, 3]);
      expect(anchorFailure(r, "notes")).toMatch(
        /^quote occurs 2 times in "notes" .*; add a prefix or suffix$/,
      );
    } else throw new Error("expected ambiguous");
    expect(anchorQuote(TEXT, { exact: "the board", prefix: "next week," })).toMatchObject({
      ok: true,
      paragraph: 2,
    });
    expect(anchorQuote(TEXT, { exact: "the board", suffix: "also agreed" })).toMatchObject({
      ok: true,
      paragraph: 3,
    });
    // a prefix that stands beside neither place: not found, not a guess
    expect(anchorQuote(TEXT, { exact: "the board", prefix: "yesterday" })).toEqual({
      ok: false,
      reason: "not-found",
    });
  });

  it("the same words twice in one paragraph are ambiguous too", () => {
    const r = anchorQuote(["a quay, then a quay."], { exact: "a quay" });
    expect(r).toMatchObject({ ok: false, reason: "ambiguous" });
    expect(anchorQuote(["a quay, then a quay."], { exact: "a quay", prefix: "then" })).toMatchObject({
      ok: true,
      span: [13, 19],
    });
  });

  it("refuses a quote of punctuation only", () => {
    expect(anchorQuote(TEXT, { exact: " , " })).toEqual({ ok: false, reason: "empty" });
  });
});

describe("normalizeForAnchor", () => {
  it("drops punctuation, collapses whitespace and maps each character back", () => {
    const n = normalizeForAnchor("  a,  b—c. ");
    expect(n.text).toBe("a b c");
    expect(n.map).toEqual([2, 4, 6, 7, 8]);
  });
});

describe("closestPassages", () => {
  it("offers the passages sharing most words, for a person to choose from", () => {
    const near = closestPassages(TEXT, "ferries resume soon");
    expect(near[0]?.paragraph).toBe(2);
    expect(near.map((n) => n.paragraph)).toContain(4);
  });
});

describe("quoteAt", () => {
  const at = (p: number, words: string, from = 0) => {
    const i = (TEXT[p - 1] as string).indexOf(words, from);
    return [i, i + words.length] as const;
  };

  it("a phrase that occurs once: its words, no prefix or suffix", () => {
    const [s, e] = at(1, "north quay");
    expect(quoteAt(TEXT, 1, s, e)).toEqual({
      paragraph: 1,
      span: [s, e],
      exact: "north quay",
      occurrences: 1,
      unique: true,
    });
  });

  it("grows a selection to whole words and drops the spaces around it", () => {
    const [s, e] = at(1, "north quay");
    const r = quoteAt(TEXT, 1, s - 1, e - 2); // " north qu"
    expect(r).toMatchObject({ exact: "north quay", span: [s, e] });
  });

  it("a phrase that occurs in other paragraphs too: prefix and suffix that single this one out", () => {
    // "the board" is in paragraphs 2 and 3
    const [s, e] = at(3, "the board");
    const r = quoteAt(TEXT, 3, s, e);
    expect(r?.occurrences).toBe(2);
    expect(r?.unique).toBe(true);
    expect(r?.prefix).toBe("Then");
    expect(r?.suffix).toBe("also agreed to");
    const back = anchorQuote(TEXT, { exact: "the board", prefix: r?.prefix, suffix: r?.suffix });
    expect(back).toMatchObject({ ok: true, paragraph: 3, span: [s, e] });
    // without them, the loader would refuse the quote as ambiguous
    expect(anchorQuote(TEXT, { exact: "the board" })).toMatchObject({ ok: false, reason: "ambiguous" });
  });

  it("grows the context a word at a time while the nearest words repeat too", () => {
    const text = [
      "We said yes to the plan, and the plan went ahead.",
      "They said no to the plan, and the plan went ahead.",
    ];
    const s = (text[1] as string).lastIndexOf("the plan");
    const r = quoteAt(text, 2, s, s + "the plan".length);
    expect(r?.occurrences).toBe(4);
    expect(r?.unique).toBe(true);
    // three words before ("plan, and") repeat in paragraph 1; the fourth ("no to…") does not
    expect(anchorQuote(text, { exact: "the plan", prefix: r?.prefix, suffix: r?.suffix })).toMatchObject({
      ok: true,
      paragraph: 2,
      span: [s, s + 8],
    });
    expect(r?.prefix?.split(/\s+/).length).toBeGreaterThan(3);
  });

  it("says when nothing in the paragraph tells the words apart (a repeated paragraph)", () => {
    const text = ["Talks resumed.", "Talks resumed."];
    expect(quoteAt(text, 2, 0, 5)).toMatchObject({ exact: "Talks", occurrences: 2, unique: false });
  });

  it("no word selected: undefined; a paragraph or span outside the text: a RangeError", () => {
    const [s] = at(1, " north");
    expect(quoteAt(TEXT, 1, s, s + 1)).toBeUndefined();
    expect(() => quoteAt(TEXT, 5, 0, 1)).toThrow(RangeError);
    expect(() => quoteAt(TEXT, 0, 0, 1)).toThrow(RangeError);
    expect(() => quoteAt(TEXT, 1, 5, 2)).toThrow(/not a span of paragraph 1/);
    expect(() => quoteAt(TEXT, 1, 0, 999)).toThrow(RangeError);
  });
});
