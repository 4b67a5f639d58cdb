import { describe, expect, it } from "vitest";
import { clip, jsonText, quote } from "./output.ts";
import { terminalSafe } from "./safe-text.ts";
import { table, truncate, width, wrap } from "./text.ts";
import { windowStart } from "./tui/scroll-list.tsx";

describe("table", () => {
  const rows = [
    {
      id: "john-coale",
      name: "John Coale",
      note: "American lawyer who became the special envoy for Belarus",
    },
    { id: "minsk", name: "Minsk", note: "capital" },
  ];
  const cols = [
    { header: "id", get: (r: (typeof rows)[number]) => r.id },
    { header: "name", get: (r: (typeof rows)[number]) => r.name, flex: true, min: 6 },
    { header: "note", get: (r: (typeof rows)[number]) => r.note, flex: true, min: 8 },
  ];

  it("aligns columns with two spaces and an upper-case header", () => {
    expect(table(rows, cols)).toBe(
      [
        "ID          NAME        NOTE",
        "john-coale  John Coale  American lawyer who became the special envoy for Belarus",
        "minsk       Minsk       capital",
        "",
      ].join("\n"),
    );
  });

  it("shrinks flexible columns, widest first, to fit the width; fixed ones stay whole", () => {
    const out = table(rows, cols, 40).trimEnd().split("\n");
    for (const l of out) expect(width(l)).toBeLessThanOrEqual(40);
    expect(out[1]).toMatch(/^john-coale {2}John Coale {2}American lawyer…$/);
  });

  it("cuts at the edge when even the fixed columns are too wide", () => {
    const out = table(rows, cols, 12).trimEnd().split("\n");
    for (const l of out) expect(width(l)).toBeLessThanOrEqual(12);
    expect(out[1]).toBe("john-coale …");
  });

  it("keeps one line per row", () => {
    const out = table([{ a: "two\nlines" }], [{ header: "a", get: (r: { a: string }) => r.a }]);
    expect(out).toBe("A\ntwo lines\n");
  });
});

describe("text helpers", () => {
  it("truncate counts terminal cells, not code units", () => {
    expect(truncate("Łukašenka", 5)).toBe("Łuka…");
    expect(truncate("Лукашенко", 20)).toBe("Лукашенко");
    expect(width("漢字")).toBe(4);
    expect(truncate("漢字漢字", 5)).toBe("漢字…");
  });

  it("wrap breaks on spaces and cuts words longer than a line", () => {
    expect(wrap("a bb ccc dddd", 6)).toEqual(["a bb", "ccc", "dddd"]);
    expect(wrap("abcdefghij", 4)).toEqual(["abcd", "efgh", "ij"]);
  });
});

describe("windowStart (scrolling keeps the selection visible)", () => {
  it("does not move while the selection stays inside the window", () => {
    expect(windowStart(5, 7, 5, 50)).toBe(5);
    expect(windowStart(5, 9, 5, 50)).toBe(5);
  });
  it("steps one row when the selection steps past either edge", () => {
    expect(windowStart(5, 10, 5, 50)).toBe(6);
    expect(windowStart(5, 4, 5, 50)).toBe(4);
  });
  it("puts a selection that jumped far in the top third of the window", () => {
    expect(windowStart(0, 30, 9, 50)).toBe(27);
    expect(windowStart(30, 10, 9, 50)).toBe(7);
    expect(windowStart(0, 49, 5, 50)).toBe(45);
  });
  it("never scrolls past the end, nor when everything fits", () => {
    expect(windowStart(48, 49, 5, 50)).toBe(45);
    expect(windowStart(3, 2, 10, 5)).toBe(0);
  });
});

describe("terminalSafe (control characters shown the way less shows them)", () => {
  it("C0 controls in caret notation, DEL as ^?, C1 as <U+XXXX>; newline and tab kept", () => {
    expect(terminalSafe("a\u001B]0;title\u0007b")).toBe("a^[]0;title^Gb");
    expect(terminalSafe("\u001B[2J\r\u0000")).toBe("^[[2J^M^@");
    expect(terminalSafe("x\u007Fy\u009B2J\u0085")).toBe("x^?y<U+009B>2J<U+0085>");
    expect(terminalSafe("one\ttwo\nthree")).toBe("one\ttwo\nthree");
    expect(terminalSafe("Łukašenka Лукашенко 漢字")).toBe("Łukašenka Лукашенко 漢字");
  });

  it("tables measure the visible form", () => {
    const out = table([{ a: "x\u001B[2Jy" }], [{ header: "a", get: (r: { a: string }) => r.a }]);
    expect(out).toBe("A\nx^[[2Jy\n");
  });
});

describe("jsonText", () => {
  it("escapes DEL and C1 as well as C0, and parses back to the exact value", () => {
    const value = { name: "a\u001B]0;t\u0007\u007F\u009Bz" };
    const text = jsonText(value);
    expect(text).toBe('{"name":"a\\u001b]0;t\\u0007\\u007f\\u009bz"}');
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe("clip and quote (a value the user gave, in a message)", () => {
  it("keep short values, cut long ones and say how long they were", () => {
    expect(quote("zero")).toBe('"zero"');
    expect(clip("b".repeat(100_000))).toBe(`${"b".repeat(60)}… (100000 characters)`);
    expect(quote("b".repeat(61))).toBe(`"${"b".repeat(60)}…" (61 characters)`);
  });
});
