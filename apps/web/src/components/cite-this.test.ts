import { anchorQuote, type QuotePlace } from "@dealmap/domain";
import { describe, expect, it } from "vitest";
import {
  type Citation,
  citationNote,
  citationOf,
  citationYaml,
  type Selected,
  shownCitation,
} from "./cite-this.tsx";

// paragraph 2 is not on the page: no claim cites it
const shown = new Map([
  [1, "The envoy met the president in Minsk."],
  [3, "Later the envoy met the president again."],
]);
const at = (shown.get(1) as string).indexOf("envoy met");

describe("Cite this, over the paragraphs shown (its fallback)", () => {
  it("grows the selection to words and, for words shown twice, adds what tells them apart", () => {
    const c = shownCitation(shown, 1, at + 1, at + 8); // "nvoy me"
    expect(c).toMatchObject({
      paragraph: 1,
      exact: "envoy met",
      occurrences: 2,
      unique: true,
      prefix: "The",
    });
    const paragraphs = [shown.get(1) as string, "", shown.get(3) as string];
    expect(
      anchorQuote(paragraphs, { exact: "envoy met", prefix: c?.prefix, suffix: c?.suffix }),
    ).toMatchObject({
      ok: true,
      paragraph: 1,
    });
    expect(shownCitation(shown, 1, at + 5, at + 6)).toBeUndefined(); // a space alone
  });
});

describe("the citation shown", () => {
  const open: Selected = {
    paragraph: 1,
    start: at,
    end: at + 9,
    shown: shownCitation(shown, 1, at, at + 9) as QuotePlace,
  };
  const whole = {
    paragraph: 1,
    span: [at, at + 9] as [number, number],
    quote: "envoy met",
    prefix: "The",
    suffix: "the president in",
    occurrences: 3,
    unique: true,
  };

  it("is the server's, over the whole text, once it answers; nothing while it is asked", () => {
    expect(citationOf(open, whole, false)).toEqual({ ...whole, over: "whole" });
    expect(citationOf(open, undefined, false)).toBeUndefined();
  });

  it("falls back to the paragraphs shown when the server cannot check, and says so", () => {
    const c = citationOf(open, undefined, true) as Citation;
    expect(c).toMatchObject({ over: "shown", occurrences: 2, quote: "envoy met" });
    expect(citationNote(c)).toContain("2 times in the paragraphs shown");
    expect(citationNote({ ...c, occurrences: 1 })).toContain("The whole text could not be checked");
  });

  it("says how the words were told apart, or that they cannot be", () => {
    const c: Citation = { ...whole, over: "whole" };
    expect(citationNote(c)).toBe(
      `Paragraph 1, characters ${at}–${at + 9}. These words occur 3 times in the whole text, so a prefix and suffix tell them apart.`,
    );
    expect(citationNote({ ...c, unique: false })).toContain("cite by paragraph and span");
    expect(citationNote({ ...c, occurrences: 1 })).toContain("occur once in the whole text");
  });

  it("writes the YAML to paste, quoting every string", () => {
    expect(citationYaml("s1", { ...whole, over: "whole" })).toBe(
      `- source: s1\n  paragraph: 1\n  span: [${at}, ${at + 9}]\n  quote: "envoy met"\n  prefix: "The"\n  suffix: "the president in"\n`,
    );
  });
});
