/**
 * Large synthetic spreadsheet imports (events.csv in the template's columns) for measuring
 * `dealmap import csv` at any size, written to disk as a stream (memory stays flat however many
 * rows are asked for). Meant to be imported beside the built-in data: participants are its
 * state actors. Every fourth row starts a new source address; every third row links to the row
 * before it. Nothing is wrong: the file reads without a bad row. Deterministic: the same row
 * count gives the same bytes.
 */
import { stringify } from "csv-stringify/sync";
import { writeChunks } from "./write-lines.ts";

export interface CsvSyntheticOptions {
  /** Event rows to write. */
  rows: number;
  /** Prefix of the ids (default "row"). */
  prefix?: string;
}

export interface CsvSyntheticCounts {
  rows: number;
  /** Distinct source addresses. */
  sources: number;
  /** Rows with a link to the row before. */
  links: number;
  bytes: number;
}

const HEADER = [
  "id",
  "date",
  "kind",
  "status",
  "title",
  "summary",
  "participants",
  "tags",
  "source_url",
  "more",
];
const KINDS = ["meeting", "proposal", "statement", "release"];
const STATES = ["belarus", "united-states", "lithuania", "poland", "ukraine"];
const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2000, 0, 1);

/** The rows of the file, the header first, each as one CSV line ending in "\n". */
export function* csvSyntheticLines(opts: CsvSyntheticOptions): Generator<string> {
  const prefix = opts.prefix ?? "row";
  yield stringify([HEADER]);
  for (let i = 0; i < opts.rows; i++) {
    const date = new Date(FIRST_DAY + (i % 9000) * DAY_MS).toISOString().slice(0, 10);
    const a = STATES[i % STATES.length] as string;
    const b = STATES[(i + 2) % STATES.length] as string;
    const more =
      i % 3 === 0 && i > 0
        ? JSON.stringify({ links: [{ type: "follows", event: `${prefix}-${i - 1}` }] })
        : "";
    yield stringify([
      [
        `${prefix}-${i}`,
        date,
        KINDS[i % KINDS.length],
        "occurred",
        `Synthetic row ${i}: ${a} and ${b}`,
        `A generated row, number ${i}, for measuring the spreadsheet import.`,
        `${a}:host; ${b}:visitor`,
        `synthetic; t${i % 50}`,
        `https://example.org/synthetic/${Math.floor(i / 4)}`,
        more,
      ],
    ]);
  }
}

/** Write a synthetic events.csv; resolves with what it holds once it is on disk. */
export async function writeCsvSynthetic(
  file: string,
  opts: CsvSyntheticOptions,
): Promise<CsvSyntheticCounts> {
  return {
    rows: opts.rows,
    sources: Math.ceil(opts.rows / 4),
    links: Math.max(0, Math.ceil(opts.rows / 3) - 1),
    bytes: await writeChunks(file, csvSyntheticLines(opts)),
  };
}
