/**
 * Every importer keeps what it must remember of its whole input in a scratch SQLite file in the
 * temporary directory: the file is there while it reads, and gone once it is done, once the
 * reading is given up half way (the consumer stops), and once a bad input ends it with an error.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readCsv } from "./csv.ts";
import { readFtm } from "./ftm.ts";
import { readGdelt } from "./gdelt.ts";
import { emptyReport, type ImportItem, type ImportOptions } from "./types.ts";

const fixtures = path.join(import.meta.dirname, "../../test/fixtures");
let root: string;
let tmp: string;
let before: string | undefined;

beforeAll(() => {
  before = process.env.TMPDIR;
  root = mkdtempSync(path.join(tmpdir(), "dealmap-scratch-test-"));
});
// os.tmpdir() follows TMPDIR: each test's scratch files go where only that test looks
beforeEach(() => {
  tmp = mkdtempSync(path.join(root, "t-"));
  process.env.TMPDIR = tmp;
});
afterAll(() => {
  if (before === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = before;
  rmSync(root, { recursive: true, force: true });
});

const opts = (dataset: string, onBad: ImportOptions["onBad"] = () => {}): ImportOptions => ({
  dataset,
  onBad,
});
const scratchDirs = () => readdirSync(tmp).filter((f) => f.startsWith("dealmap-"));

const readers: [string, string, (o: ImportOptions) => AsyncGenerator<ImportItem>][] = [
  [
    "csv",
    "dealmap-csv-",
    (o) =>
      readCsv(
        { actors: path.join(fixtures, "csv/actors.csv"), events: path.join(fixtures, "csv/events.csv") },
        o,
        emptyReport(),
      ),
  ],
  ["ftm", "dealmap-ftm-", (o) => readFtm([path.join(fixtures, "ftm/t1.ftm.jsonl")], o, emptyReport())],
  [
    "gdelt",
    "dealmap-gdelt-",
    (o) => readGdelt({ events: [path.join(fixtures, "gdelt/events.csv")] }, o, emptyReport()),
  ],
];

describe.each(readers)("%s: the scratch file", (name, prefix, read) => {
  it("is there while the input is read, and gone when it is read to the end", async () => {
    let n = 0;
    let during: string[] = [];
    for await (const _ of read(opts(`${name}-whole`))) {
      if (n++ === 0) during = scratchDirs();
    }
    expect(n).toBeGreaterThan(1);
    expect(during.some((d) => d.startsWith(prefix))).toBe(true);
    expect(scratchDirs()).toEqual([]);
  });

  it("is gone when the reading stops half way", async () => {
    let n = 0;
    for await (const _ of read(opts(`${name}-half`))) if (++n === 2) break;
    expect(n).toBe(2);
    expect(scratchDirs()).toEqual([]);
  });

  it("is gone when reading ends with an error", async () => {
    const stop = new Error("stopped by the test");
    let n = 0;
    await expect(
      (async () => {
        for await (const _ of read(opts(`${name}-error`))) if (++n === 2) throw stop;
      })(),
    ).rejects.toBe(stop);
    expect(scratchDirs()).toEqual([]);
  });
});

describe("a CSV with a bad row", () => {
  it("reports it, reads on, and leaves no scratch file", async () => {
    const file = path.join(tmp, "bad-events.csv");
    writeFileSync(
      file,
      "id,date,kind,status,title,summary,source_url\n" +
        "a-1,2025-01-02,meeting,occurred,One,A first row.,https://example.org/a\n" +
        "a-1,2025-01-03,meeting,occurred,Two,The same id again.,https://example.org/a\n",
    );
    const bad: string[] = [];
    const got: ImportItem[] = [];
    for await (const item of readCsv(
      { events: file },
      opts("bad-rows", (b) => bad.push(`${b.line}: ${b.message}`)),
      emptyReport(),
    ))
      got.push(item);
    expect(got.map((i) => i.kind)).toEqual(["sources", "events"]);
    expect(bad).toEqual([expect.stringMatching(/^3: .*"a-1" is already the id of the row on line 2/)]);
    expect(scratchDirs()).toEqual([]);
  });
});
