import { render } from "ink-testing-library";
import { describe, expect, it } from "vitest";
import { Doc, docText } from "../views/doc.ts";
import { DocPane } from "./doc-view.tsx";

const UNDERLINE = "\u001b[4m";
const NO_UNDERLINE = "\u001b[24m";

/** The underlined runs of a frame, in order. */
function underlined(frame: string): string[] {
  const out: string[] = [];
  let at = frame.indexOf(UNDERLINE);
  while (at >= 0) {
    const end = frame.indexOf(NO_UNDERLINE, at);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping ANSI codes
    out.push(frame.slice(at + UNDERLINE.length, end).replace(/\u001b\[[0-9;]*m/g, ""));
    at = frame.indexOf(UNDERLINE, end);
  }
  return out;
}

describe("a source paragraph in the explorer", () => {
  const text = "Mira Example chaired the first round of harbour talks in May, and the second round followed.";
  const start = text.indexOf("first round");
  const end = text.indexOf(" in May");

  it("underlines the cited span and nothing else of the paragraph", () => {
    const doc = new Doc(40).citedPara(text, [[start, end]], 2, "dim");
    const r = render(<DocPane doc={doc} cursor={99} height={10} width={40} focused={false} />);
    const frame = r.lastFrame() ?? "";
    r.unmount();
    // wrapped over two lines, the span is underlined on each, and only it
    expect(underlined(frame).join(" ")).toBe("first round of harbour talks");
    expect(frame).toContain("Mira Example chaired the");
  });

  it("wraps exactly as a plain paragraph, so `dealmap show` prints the same words", () => {
    const marked = new Doc(26).citedPara(text, [[start, end]], 2);
    const plain = new Doc(26).para(text, 2);
    expect(docText(marked)).toBe(docText(plain));
    expect(marked.lines.flatMap((l) => l.segs.filter((s) => s.tone === "cited").map((s) => s.text))).toEqual([
      "first round of harbour",
      "talks",
    ]);
  });
});
