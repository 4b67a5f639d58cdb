/**
 * JSON lines: the layout `dealmap export --format jsonl` writes (one file, one entity per line,
 * each naming its `collection`) loads as a data directory, and `.jsonl` files inside a
 * collection folder hold that folder's entities. Problems are `file:line:col` with the path
 * of the field inside the line's entity.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ENTITY_KINDS } from "@dealmap/domain";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { builtinDataDir } from "./builtin.ts";
import { checkJson, locateJson } from "./json-text.ts";
import { formatProblem, type LoadResult, loadDataset } from "./load.ts";

const good = fileURLToPath(new URL("../fixtures/good", import.meta.url));
const KINDS = "sources, actors, places, events, routes, relations, deals, assessments";

function lines(result: LoadResult): string[] {
  if (result.ok) throw new Error("expected problems, but the data loaded");
  return result.problems.map(formatProblem);
}
function loaded(result: LoadResult) {
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join("\n"));
  return result;
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "dealmap-jsonl-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const event = (id: string, over: Record<string, unknown> = {}) =>
  JSON.stringify({
    collection: "events",
    id,
    kind: "meeting",
    title: "A meeting",
    summary: "Two sides met.",
    date: "2025-05-14",
    status: "occurred",
    participants: [{ actor: "ada-north", role: "host" }],
    citations: [{ source: "harbour-gazette", paragraph: 2 }],
    ...over,
  });

describe("the export layout as a data directory", () => {
  it("loads a directory written as `dealmap export --format jsonl` writes it, unchanged", () => {
    // The exporter's layout, reproduced: dealmap.jsonl, {collection, ...entity} per line,
    // collections in the canonical order, every default filled in.
    const original = loaded(loadDataset(good)).dataset;
    const out: string[] = [];
    for (const k of ENTITY_KINDS)
      for (const e of original[k]) out.push(JSON.stringify({ collection: k, ...e }));
    writeFileSync(path.join(dir, "dealmap.jsonl"), `${out.join("\n")}\n`);
    const r = loaded(loadDataset(dir));
    expect(r.dataset).toEqual(original);
    expect(r.files).toEqual([path.join(dir, "dealmap.jsonl")]);
  });

  it("loads 2,000 generated events (scripts/gen-jsonl.ts) on top of the built-in data", () => {
    const script = fileURLToPath(new URL("../scripts/gen-jsonl.ts", import.meta.url));
    const gen = spawnSync(process.execPath, ["--import", "tsx", script, dir, "2000"], {
      cwd: fileURLToPath(new URL("..", import.meta.url)),
      encoding: "utf8",
    });
    expect(gen.status, gen.stderr).toBe(0);
    const text = readFileSync(path.join(dir, "dealmap.jsonl"), "utf8");
    expect(text.split("\n")[0]).toMatch(/^\{"collection":"sources","id":"gen-source-0",/);
    const r = loaded(loadDataset([builtinDataDir, dir]));
    expect(r.dataset.events.filter((e) => e.id.startsWith("gen-event-"))).toHaveLength(2000);
    const lineOf1999 = text.split("\n").findIndex((l) => l.includes('"id":"gen-event-1999"')) + 1;
    expect(r.locate("gen-event-1999")).toEqual({
      file: path.join(dir, "dealmap.jsonl"),
      line: lineOf1999,
      col: 1,
    });
  });

  it("skips blank lines and accepts \\r\\n endings; line numbers count every line", () => {
    const file = path.join(dir, "mixed.jsonl");
    const second = event("second-call", { date: "2025-13-01" });
    writeFileSync(file, `\r\n${event("first-call")}\r\n   \n${second}\r\n`);
    expect(lines(loadDataset([good, dir]))).toEqual([
      `${file}:4:${second.indexOf('"2025-13-01"') + 1}  date  "2025-13-01" has no month 13 — event "second-call"`,
    ]);
  });

  it("locates entities and fields inside a line", () => {
    const file = path.join(dir, "events.jsonl");
    writeFileSync(file, `${event("first-call")}\n${event("second-call")}\n`);
    const r = loaded(loadDataset([good, dir]));
    const second = `${event("second-call")}`;
    expect(r.locate("second-call")).toEqual({ file, line: 2, col: 1 });
    expect(r.locate("second-call", ["participants", 0, "role"])).toEqual({
      file,
      line: 2,
      col: second.indexOf('"host"') + 1,
    });
  });
});

describe("problems in line N of a .jsonl file", () => {
  it("a field of the wrong kind: file:line:col and the field path inside the entity", () => {
    const file = path.join(dir, "events.jsonl");
    const bad = event("bad-role-call", { participants: [{ actor: "ada-north", role: "boss" }] });
    writeFileSync(file, `${event("first-call")}\n${event("second-call")}\n${bad}\n`);
    expect(lines(loadDataset([good, dir]))).toEqual([
      `${file}:3:${bad.indexOf('"boss"') + 1}  participants[0].role  Invalid option: expected one of "initiator"|"target"|"subject"|"mediator"|"host"|"visitor"|"speaker"|"addressee"|"beneficiary"|"recipient"|"announcer"|"interviewer"|"interviewee"|"appointer"|"appointee"|"participant"|"observer" — event "bad-role-call"`,
    ]);
  });

  it("an unknown field points at its name; a dangling reference and a duplicate id at their values", () => {
    const file = path.join(dir, "events.jsonl");
    const l1 = event("first-call");
    const l2 = event("first-call", { title: "Again" });
    const l3 = event("third-call", { mood: "tense" });
    const l4 = event("fourth-call", { participants: [{ actor: "nobody-at-all", role: "host" }] });
    writeFileSync(file, [l1, l2, l3, l4, ""].join("\n"));
    expect(lines(loadDataset([good, dir]))).toEqual([
      `${file}:2:${l2.indexOf('"first-call"') + 1}  id  duplicate id "first-call": already used by the event at ${file}:1:${l1.indexOf('"first-call"') + 1}`,
      `${file}:3:${l3.indexOf('"mood"') + 1}  mood  unknown field "mood" — event "third-call"`,
      `${file}:4:${l4.indexOf('"nobody-at-all"') + 1}  participants[0].actor  unknown actor "nobody-at-all" — event "fourth-call"`,
    ]);
  });

  it("invalid JSON, a field written twice, a line that is not an object", () => {
    const file = path.join(dir, "events.jsonl");
    writeFileSync(
      file,
      [
        event("first-call"),
        '{"collection": "events", "id": "x", }',
        '{"collection": "events", "id": "x", "kind": "meeting", "kind": "visit"}',
        '["events", "x"]',
        "",
      ].join("\n"),
    );
    expect(lines(loadDataset([good, dir]))).toEqual([
      `${file}:2:37  -  invalid JSON: expected a field name in double quotes, found '}'`,
      `${file}:3:56  -  invalid JSON: field "kind" appears twice in the same object`,
      `${file}:4:1  -  each line of a .jsonl file is one entity, a JSON object {…}, not a list`,
    ]);
  });

  it("a line at the top without a known collection; a line whose collection is not its folder's", () => {
    mkdirSync(path.join(dir, "actors"));
    const top = path.join(dir, "all.jsonl");
    const inFolder = path.join(dir, "actors", "more.jsonl");
    writeFileSync(top, '{"id": "a-call"}\n{"collection": "people", "id": "b"}\n');
    writeFileSync(inFolder, `${event("in-wrong-folder")}\n`);
    expect(lines(loadDataset([good, dir]))).toEqual([
      `${inFolder}:1:15  -  "collection" is "events", but this file is in the actors folder`,
      `${top}:1:1  -  missing "collection": at the top of a data directory, each line of a .jsonl file names its collection (one of ${KINDS})`,
      `${top}:2:16  -  unknown collection "people": one of ${KINDS}`,
    ]);
  });

  it("a .jsonl file in a collection folder needs no collection field", () => {
    mkdirSync(path.join(dir, "events"));
    const { collection: _, ...plain } = JSON.parse(event("plain-call")) as Record<string, unknown>;
    writeFileSync(path.join(dir, "events", "calls.jsonl"), `${JSON.stringify(plain)}\n`);
    expect(loaded(loadDataset([good, dir])).dataset.events.at(-1)?.id).toBe("plain-call");
  });
});

describe("checkJson and locateJson", () => {
  it("accepts what JSON.parse accepts, with the same values", () => {
    for (const text of [
      '{"a":[1,-2.5e3,true,false,null,"\\u00e9\\n"],"b":{}}',
      " [ ] ",
      '"x"',
      "0",
      "-0.0E+1",
    ]) {
      expect(checkJson(text)).toBeUndefined();
      expect(() => JSON.parse(text)).not.toThrow();
    }
  });

  it("finds the first problem, also a field name repeated through an escape", () => {
    expect(checkJson('{"a": 01}')).toEqual({
      offset: 7,
      message: "expected ',' or '}' after a field, found '1'",
    });
    expect(checkJson('{"a": "b\tc"}')).toMatchObject({ offset: 8 });
    expect(checkJson('{"ab": 1, "\\u0061b": 2}')).toEqual({
      offset: 10,
      message: 'field "ab" appears twice in the same object',
    });
    expect(checkJson('{"a": {"a": 1}, "b": {"a": 2}}')).toBeUndefined();
    expect(checkJson(`${"[".repeat(300)}${"]".repeat(300)}`)).toMatchObject({
      message: "nested more than 256 levels deep",
    });
    expect(checkJson('{"a": 1} x')).toMatchObject({ offset: 9 });
  });

  it("points at values, at names with `key`, and at the object lacking a field", () => {
    const text = '{"a": {"b": [10, {"c": "x"}]}, "d": null}';
    expect(locateJson(text, ["a", "b", 1, "c"])).toBe(text.indexOf('"x"'));
    expect(locateJson(text, ["a", "b", 1, "c"], true)).toBe(text.indexOf('"c"'));
    expect(locateJson(text, ["d"])).toBe(text.indexOf("null"));
    expect(locateJson(text, ["a", "missing"])).toBe(text.indexOf('{"b"'));
  });
});
