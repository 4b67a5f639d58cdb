/**
 * The spreadsheet format: two CSV files a person fills in a spreadsheet app (events.csv and
 * actors.csv), read by `readCsv` for `dealmap import csv`, and written in the same columns by
 * `eventsToCsv` / `actorsToCsv` for `dealmap export --format csv`. The simple fields have a
 * column each; everything else of the schema rides in one `more` column as JSON, so an export
 * read back in gives the same entities, and those written again give the same bytes.
 */
import { createHash } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import { Readable } from "node:stream";
import {
  type Actor,
  ActorKindSchema,
  ActorSchema,
  boundedDamerau,
  type Citation,
  CountryCodeSchema,
  EdtfSchema,
  EpistemicStatusSchema,
  EVENT_KINDS,
  IdSchema,
  type NameVariant,
  type Participant,
  ParticipantRoleSchema,
  type Source,
  SourceSchema,
  type StoryEvent,
  StoryEventSchema,
  WebUrlSchema,
} from "@dealmap/domain";
import { parse } from "csv-parse";
import { stringify } from "csv-stringify/sync";
import type * as z from "zod";
import { decodeUtf8 } from "../utf8.ts";
import { ScratchDatabase } from "./scratch.ts";
import type { ImportItem, ImportOptions, ImportReport } from "./types.ts";

/** Whether a column must be in the header: always, never, or one of the two citation columns. */
export type CsvRequirement = "yes" | "no" | "source_url or source";

/** One column of the spreadsheet template. */
export interface CsvColumn {
  /** The header name (headers are matched without regard to case or surrounding spaces). */
  readonly name: string;
  readonly required: CsvRequirement;
  /** How to write a cell, for the README table and for errors. */
  readonly format: string;
  /** A cell as a person would fill it. */
  readonly example: string;
  /** What the column holds, in one line (docs and errors quote it). */
  readonly description: string;
}

/** The tables of the template: one CSV file each. */
export type CsvTable = "events" | "actors";

const SOURCE_URL: CsvColumn = {
  name: "source_url",
  required: "source_url or source",
  format: "a web address (http: or https:)",
  example: "https://example.org/notes/harbour-talks",
  description:
    "A web address the row rests on; the import makes a source for it (one per address) and cites it.",
};
const SOURCE: CsvColumn = {
  name: "source",
  required: "source_url or source",
  format: "the id of a source already in Dealmap",
  example: "carnegie-politika-2025-12",
  description: "The id of a source Dealmap already holds that the row rests on.",
};
const PARAGRAPH: CsvColumn = {
  name: "paragraph",
  required: "no",
  format: "a whole number from 1",
  example: "4",
  description: 'The paragraph of the source in column "source" that the row rests on.',
};

/**
 * The spreadsheet template: the columns of events.csv and actors.csv, in the order the export
 * writes them. The README's table and the reader's errors both come from here.
 */
export const CSV_COLUMNS = {
  events: [
    {
      name: "id",
      required: "no",
      format: "lower-case words joined by '-'",
      example: "harbour-talks-2025-03",
      description:
        "The event's id; left empty, it is the dataset name and a hash of the row, the same on every import.",
    },
    {
      name: "date",
      required: "yes",
      format: "an EDTF date",
      example: "2025-03-14, 2025-03, 2025-03-01/2025-03-10",
      description: "When it happened: the best-supported date, as a day, a month, a year or a range.",
    },
    {
      name: "kind",
      required: "yes",
      format: "a Dealmap event kind",
      example: "meeting",
      description: "What kind of event it is, from Dealmap's list of event kinds.",
    },
    {
      name: "status",
      required: "no",
      format: "occurred, reported, claimed, expected, did-not-happen, proposed or hypothetical",
      example: "reported",
      description: "How far it is known to have happened; empty means reported.",
    },
    {
      name: "title",
      required: "yes",
      format: "text",
      example: "Port officials meet at the upper wharf",
      description: "A short headline, in your own words.",
    },
    {
      name: "summary",
      required: "yes",
      format: "text (may run over several lines)",
      example: "Officials of two ports talked about reopening the river route.",
      description: "What happened, in your own words.",
    },
    {
      name: "participants",
      required: "no",
      format: "actor-id:role; actor-id:role",
      example: "mara-vell:host; tomas-irr:visitor",
      description: "Who took part and how: actor ids, each with its role, separated by ';'.",
    },
    {
      name: "places",
      required: "no",
      format: "place-id; place-id",
      example: "klaipeda-port; minsk",
      description: "Ids of the places where it happened or that it concerns.",
    },
    {
      name: "tags",
      required: "no",
      format: "tag; tag (lower-case letters, digits and '-')",
      example: "ports; river-trade",
      description: "Free tags for filtering.",
    },
    SOURCE_URL,
    SOURCE,
    PARAGRAPH,
    {
      name: "more",
      required: "no",
      format: "a JSON object",
      example: '{"quantities":[{"value":40,"unit":"trucks","counts":"trucks waiting",…}]}',
      description:
        "The rest of the event as JSON: quantities, links, dateVariants, translations, claimedBy, routes, coding, further citations.",
    },
  ],
  actors: [
    {
      name: "id",
      required: "no",
      format: "lower-case words joined by '-'",
      example: "mara-vell",
      description:
        "The actor's id, used in events' participants; left empty, it is the dataset name and a hash of the row.",
    },
    {
      name: "kind",
      required: "yes",
      format: "person, state, bloc, organization, media, company, group or position",
      example: "person",
      description: "What kind of actor it is.",
    },
    {
      name: "name",
      required: "yes",
      format: "text",
      example: "Mara Vell",
      description: "The primary name, as an English reader would look for it.",
    },
    {
      name: "aliases",
      required: "no",
      format: "name [lang/script]; name [lang]; name",
      example: "Мара Велль [ru/Cyrl]; Mara Wel [pl]",
      description:
        "Other spellings, separated by ';', each with its language and script or romanization in brackets when known.",
    },
    {
      name: "country",
      required: "no",
      format: "an ISO 3166-1 alpha-2 code, upper case",
      example: "LT",
      description: "The country the actor belongs to or is.",
    },
    {
      name: "description",
      required: "yes",
      format: "text",
      example: "Harbour master of a river port.",
      description: "Who or what the actor is, briefly and in your own words.",
    },
    SOURCE_URL,
    SOURCE,
    PARAGRAPH,
    {
      name: "more",
      required: "no",
      format: "a JSON object",
      example: '{"roles":[{"title":"harbour master","citations":[{"source":"…"}]}]}',
      description:
        "The rest of the actor as JSON: roles, translations, born, seen, externalIds, further citations.",
    },
  ],
} as const satisfies Record<CsvTable, readonly CsvColumn[]>;

// ---------------------------------------------------------------------------------------------
// Cells: lists, quoting, formulas
// ---------------------------------------------------------------------------------------------

/**
 * Spreadsheet apps run a cell that starts with one of these as a formula, so a cell written
 * from untrusted data could compute (or fetch) something when the file is opened. The writer
 * puts a `'` before such a cell, as spreadsheet apps themselves do to mark text, and the
 * reader takes one `'` off again; a value that itself starts with `'` and one of these gets a
 * second `'`, so every value reads back as written.
 */
const FORMULA_START = /^'*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

function guardFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

function unguardFormula(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell) ? cell.slice(1) : cell;
}

/**
 * Characters a terminal could act on: C0 and C1 controls, DEL, and the marks that reorder
 * text (bidirectional overrides, line and paragraph separators).
 */
const UNSAFE_IN_MESSAGES =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/**
 * A value from a file, quoted for a message: JSON syntax, with every character a terminal
 * could act on escaped, and cut short when long. File data is untrusted and these messages
 * end up on terminals.
 */
function q(value: string): string {
  const cut = value.length > 80 ? `${value.slice(0, 80)}…` : value;
  return safeText(JSON.stringify(cut));
}

/** Text with the characters a terminal could act on written as `\uXXXX`. */
function safeText(text: string): string {
  return text.replace(UNSAFE_IN_MESSAGES, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** The items of a `a; b; c` cell, empty ones dropped (a trailing ';' is harmless). */
function listItems(cell: string): string[] {
  return cell
    .split(";")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

function formatParticipants(ps: readonly Participant[]): string {
  return ps.map((p) => `${p.actor}:${p.role}`).join("; ");
}

function formatAliases(as: readonly NameVariant[]): string {
  return as
    .map((a) => {
      if (a.lang === undefined && a.romanization === undefined) return a.name;
      const tag = a.romanization === undefined ? a.lang : `${a.lang ?? ""}/${a.romanization}`;
      return `${a.name} [${tag}]`;
    })
    .join("; ");
}

/** `name [lang/script]`: the bracket is read only at the end of the item. */
function parseAlias(item: string): NameVariant {
  const m = /^(.*?)\s*\[([^[\]]*)\]$/.exec(item);
  if (!m) return { name: item };
  const [, name = "", tag = ""] = m;
  const slash = tag.indexOf("/");
  const lang = (slash < 0 ? tag : tag.slice(0, slash)).trim();
  const romanization = slash < 0 ? "" : tag.slice(slash + 1).trim();
  const alias: NameVariant = { name: name.trim() };
  if (lang !== "") alias.lang = lang;
  if (romanization !== "") alias.romanization = romanization;
  return alias;
}

/** JSON with every object's keys sorted: equal values give equal text, whoever built them. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );
}

function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 12);
}

const SOURCE_NOTE =
  "Made by the spreadsheet (CSV) import for an address in a source_url cell: the title is the address and the publisher its host; neither was read from the page.";

/**
 * The source the CSV import makes for a web address in a `source_url` cell. Its id depends on
 * the dataset and the address only, so importing the same file again makes the same source.
 */
export function csvSourceForUrl(dataset: string, url: string): Source {
  let host = url;
  try {
    host = new URL(url).hostname.replace(/^www\./, "") || url;
  } catch {
    // not a URL: the schema check reports it
  }
  return {
    id: `${dataset}-src-${shortHash(url)}`,
    kind: "other",
    title: url,
    publisher: host,
    url,
    language: "und",
    note: SOURCE_NOTE,
  };
}

/** Whether `s` is exactly the source the import makes for its address (under some dataset). */
function isUrlSource(s: Source): boolean {
  if (s.url === undefined) return false;
  const suffix = `-src-${shortHash(s.url)}`;
  if (!s.id.endsWith(suffix)) return false;
  return canonicalJson(csvSourceForUrl(s.id.slice(0, -suffix.length), s.url)) === canonicalJson(s);
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

export interface CsvWriteOptions {
  /**
   * The sources the entities cite. A citation of a source the CSV import made from a
   * `source_url` cell (and nobody changed since) is written back as that address, so a sheet
   * read in and written out again keeps its addresses. Without them every source is by id.
   */
  sources?: Iterable<Source>;
}

/** Schema fields whose default is an empty list: an empty list need not be written. */
function defaultsToEmpty(shape: Record<string, z.ZodType>): Set<string> {
  return new Set(Object.keys(shape).filter((k) => shape[k]?.def.type === "default"));
}

const EVENT_SHAPE = StoryEventSchema.shape as unknown as Record<string, z.ZodType>;
const ACTOR_SHAPE = ActorSchema.shape as unknown as Record<string, z.ZodType>;
const EVENT_EMPTY_DEFAULT = defaultsToEmpty(EVENT_SHAPE);
const ACTOR_EMPTY_DEFAULT = defaultsToEmpty(ACTOR_SHAPE);

/** Fields that only ever live in their own column. */
const EVENT_COLUMN_FIELDS = new Set(["id", "date", "kind", "status", "title", "summary", "places", "tags"]);
const ACTOR_COLUMN_FIELDS = new Set(["id", "kind", "name", "country", "description"]);
/** Fields in a column when the column can say them, else in `more` (never both). */
const EITHER_FIELDS = new Set(["participants", "aliases"]);

/** What `more` may hold, per table: every schema field without a column of its own. */
const MORE_FIELDS: Record<CsvTable, readonly string[]> = {
  events: Object.keys(EVENT_SHAPE).filter((k) => !EVENT_COLUMN_FIELDS.has(k)),
  actors: Object.keys(ACTOR_SHAPE).filter((k) => !ACTOR_COLUMN_FIELDS.has(k)),
};

interface Cells {
  [column: string]: string;
}

/**
 * Split an entity's citations over the columns: the first one goes in `source` (+ `paragraph`)
 * when it says no more than that, then one citing an import-made source goes in `source_url`,
 * and the rest in `more.citations`. The reader puts them back in that same order.
 */
function citationCells(citations: readonly Citation[], urlSources: ReadonlyMap<string, string>): Cells {
  const rest = [...citations];
  const cells: Cells = {};
  const first = rest[0];
  const plain = (c: Citation) => Object.keys(c).every((k) => k === "source" || k === "paragraph");
  if (first && plain(first) && !(urlSources.has(first.source) && first.paragraph === undefined)) {
    cells.source = first.source;
    if (first.paragraph !== undefined) cells.paragraph = String(first.paragraph);
    rest.shift();
  }
  const next = rest[0];
  if (next && Object.keys(next).length === 1 && urlSources.has(next.source)) {
    cells.source_url = urlSources.get(next.source) ?? "";
    rest.shift();
  }
  if (rest.length) cells["more.citations"] = JSON.stringify(rest);
  return cells;
}

function moreCell(entity: Record<string, unknown>, table: CsvTable, inColumns: Set<string>, cits: Cells) {
  const emptyDefault = table === "events" ? EVENT_EMPTY_DEFAULT : ACTOR_EMPTY_DEFAULT;
  const more: Record<string, unknown> = {};
  for (const k of MORE_FIELDS[table]) {
    if (k === "citations" || inColumns.has(k)) continue;
    const v = entity[k];
    if (v === undefined) continue;
    if (emptyDefault.has(k) && Array.isArray(v) && v.length === 0) continue;
    more[k] = v;
  }
  const extra = cits["more.citations"];
  if (extra !== undefined) more.citations = JSON.parse(extra);
  return Object.keys(more).length ? canonicalJson(more) : "";
}

function urlSourceMap(opts: CsvWriteOptions | undefined): Map<string, string> {
  const m = new Map<string, string>();
  for (const s of opts?.sources ?? []) if (s.url !== undefined && isUrlSource(s)) m.set(s.id, s.url);
  return m;
}

function eventCells(e: StoryEvent, urlSources: ReadonlyMap<string, string>): Cells {
  const inColumns = new Set<string>();
  const plainParticipants = e.participants.every((p) => p.note === undefined && p.codes === undefined);
  if (plainParticipants) inColumns.add("participants");
  const cits = citationCells(e.citations, urlSources);
  return {
    id: e.id,
    date: e.date,
    kind: e.kind,
    status: e.status,
    title: e.title,
    summary: e.summary,
    participants: plainParticipants ? formatParticipants(e.participants) : "",
    places: e.places.join("; "),
    tags: e.tags.join("; "),
    source_url: cits.source_url ?? "",
    source: cits.source ?? "",
    paragraph: cits.paragraph ?? "",
    more: moreCell(e as unknown as Record<string, unknown>, "events", inColumns, cits),
  };
}

function actorCells(a: Actor, urlSources: ReadonlyMap<string, string>): Cells {
  const inColumns = new Set<string>();
  const aliasText = formatAliases(a.aliases);
  // the column syntax cannot say everything (a note, a ';' or a bracket in a name): when it
  // does not read back the same, the whole list goes in `more`
  const readBack = listItems(aliasText).map(parseAlias);
  const aliasesFit = canonicalJson(readBack) === canonicalJson(a.aliases);
  if (aliasesFit) inColumns.add("aliases");
  const cits = citationCells(a.citations, urlSources);
  return {
    id: a.id,
    kind: a.kind,
    name: a.name,
    aliases: aliasesFit ? aliasText : "",
    country: a.country ?? "",
    description: a.description,
    source_url: cits.source_url ?? "",
    source: cits.source ?? "",
    paragraph: cits.paragraph ?? "",
    more: moreCell(a as unknown as Record<string, unknown>, "actors", inColumns, cits),
  };
}

/**
 * One CSV text: a byte-order mark (so that Excel reads it as UTF-8), the header and a row per
 * entity, CRLF line ends (RFC 4180), cells quoted only when they must be.
 */
function toCsvText(table: CsvTable, rows: Iterable<Cells>): string {
  const names = CSV_COLUMNS[table].map((c) => c.name);
  const records: string[][] = [names];
  for (const cells of rows) records.push(names.map((n) => guardFormula(cells[n] ?? "")));
  // csv-stringify quotes a cell holding the record delimiter (CRLF) but not one holding a bare
  // LF or CR, which every reader would take for the end of the row: quote any line break
  return stringify(records, { bom: true, record_delimiter: "windows", quoted_match: /[\r\n]/ });
}

/** events.csv in the template's columns. */
export function eventsToCsv(events: Iterable<StoryEvent>, opts?: CsvWriteOptions): string {
  const urlSources = urlSourceMap(opts);
  return toCsvText(
    "events",
    mapIter(events, (e) => eventCells(e, urlSources)),
  );
}

/** actors.csv in the template's columns. */
export function actorsToCsv(actors: Iterable<Actor>, opts?: CsvWriteOptions): string {
  const urlSources = urlSourceMap(opts);
  return toCsvText(
    "actors",
    mapIter(actors, (a) => actorCells(a, urlSources)),
  );
}

function* mapIter<T, U>(items: Iterable<T>, f: (t: T) => U): Iterable<U> {
  for (const t of items) yield f(t);
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

/**
 * Longest row, in characters. A quote that is never closed makes the rest of the file one
 * cell; the cap stops that at a bounded size instead of holding the whole file.
 */
const MAX_ROW_CHARS = 4_000_000;

/** How often (in rows) progress is reported. */
const PROGRESS_EVERY = 1000;

/** One record as csv-parse split it: its cells as bytes, where it starts, its text. */
interface RawRecord {
  cells: Buffer[];
  /** 1-based line of the file the record starts on. */
  line: number;
  /** The record as written, without its line break; undefined when it is not UTF-8 text. */
  raw: string | undefined;
  /** Bytes of the file read up to the end of this record. */
  bytes: number;
}

/** A problem that ends the file: csv-parse cannot find where rows begin any more. */
interface FatalRecord {
  fatal: string;
  line: number;
}

/** Line breaks in `bytes`: CRLF, LF and CR each count once, as record delimiters do. */
function lineBreaks(bytes: Buffer): number {
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x0a) n++;
    else if (b === 0x0d) {
      n++;
      if (bytes[i + 1] === 0x0a) i++;
    }
  }
  return n;
}

function withoutLineBreak(bytes: Buffer): Buffer {
  let end = bytes.length;
  if (bytes[end - 1] === 0x0a) end--;
  if (bytes[end - 1] === 0x0d) end--;
  return bytes.subarray(0, end);
}

/**
 * The records of a CSV file, streamed. Cells come as bytes (csv-parse's `encoding: null`) so
 * that each is checked as UTF-8 on its own and a bad byte is reported in its cell, where
 * decoding the stream would turn it into U+FFFD unnoticed. Lines are counted here from each
 * record's bytes: csv-parse counts a CRLF inside a quoted cell as two lines.
 */
async function* csvRecords(file: string): AsyncGenerator<RawRecord | FatalRecord> {
  const input = createReadStream(file);
  const parser = parse({
    encoding: null,
    info: true,
    // a stray quote inside a cell is kept as text; spreadsheet apps write none, people do
    relax_quotes: true,
    // a row with more or fewer cells than the header is ours to report, not a parse error
    relax_column_count: true,
    // files from different apps end lines differently, sometimes within one file
    record_delimiter: ["\r\n", "\n", "\r"],
    max_record_size: MAX_ROW_CHARS,
  });
  // the bytes csv-parse has been given and no record has used up yet, to cut each record's
  // own text out of (for the reject file and for line counting)
  const chunks: Buffer[] = [];
  let chunksStart = 0;
  const cut = (start: number, end: number): Buffer => {
    while (chunks.length > 0 && chunksStart + (chunks[0] as Buffer).length <= start) {
      chunksStart += (chunks.shift() as Buffer).length;
    }
    const parts: Buffer[] = [];
    let pos = chunksStart;
    for (const c of chunks) {
      if (pos >= end) break;
      const a = Math.max(start - pos, 0);
      const b = Math.min(end - pos, c.length);
      if (b > a) parts.push(c.subarray(a, b));
      pos += c.length;
    }
    return Buffer.concat(parts);
  };
  const bom = { bytes: 0 };
  const body = Readable.from(withoutBom(input, bom), { objectMode: false });
  body.on("data", (c) => chunks.push(c as Buffer));
  body.on("error", (err) => parser.destroy(err));
  body.pipe(parser);
  let line = 1;
  let prevEnd = 0;
  try {
    for await (const r of parser as AsyncIterable<{ record: Buffer[]; info: { bytes: number } }>) {
      const bytes = cut(prevEnd, r.info.bytes);
      const text = decodeUtf8(withoutLineBreak(bytes));
      yield {
        cells: r.record,
        line,
        raw: typeof text === "string" ? text : undefined,
        bytes: bom.bytes + r.info.bytes,
      };
      line += lineBreaks(bytes);
      prevEnd = r.info.bytes;
    }
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === "CSV_QUOTE_NOT_CLOSED") {
      yield {
        fatal: `a quoted cell opens on this row and is never closed (a '"' without its closing '"'); the rest of the file was not read`,
        line,
      };
    } else if (code === "CSV_MAX_RECORD_SIZE") {
      yield {
        fatal: `a row longer than ${MAX_ROW_CHARS.toLocaleString("en")} characters starts here (is a quoted cell never closed?); the rest of the file was not read`,
        line,
      };
    } else if (typeof code === "string" && code.startsWith("CSV_")) {
      yield {
        fatal: `not readable as CSV from here (${safeText(String(code))}); the rest of the file was not read`,
        line,
      };
    } else {
      throw new Error(
        `cannot read ${q(file)}: ${safeText(err instanceof Error ? err.message : String(err))}`,
      );
    }
  } finally {
    input.destroy();
    body.destroy();
    parser.destroy();
  }
}

/**
 * The bytes of `input` without a leading UTF-8 byte-order mark. csv-parse's own `bom` option
 * would turn its cells into strings (we keep bytes, see csvRecords), and left in, the mark
 * would stand before a quoted first header cell (`\uFEFF"id",…`, as apps that quote every
 * cell write it) and make the quote part of the name.
 */
async function* withoutBom(input: AsyncIterable<Buffer>, bom: { bytes: number }): AsyncGenerator<Buffer> {
  let head: Buffer | undefined = Buffer.alloc(0);
  for await (const chunk of input) {
    if (head === undefined) {
      yield chunk;
      continue;
    }
    head = Buffer.concat([head, chunk]);
    if (head.length < 3) continue;
    yield strip(head);
    head = undefined;
  }
  if (head !== undefined && head.length > 0) yield strip(head);

  function strip(b: Buffer): Buffer {
    if (b[0] !== 0xef || b[1] !== 0xbb || b[2] !== 0xbf) return b;
    bom.bytes = 3;
    return b.subarray(3);
  }
}

/** Problems of one row, at most one per column (the first found), in words for the user. */
class RowProblems {
  readonly byColumn = new Map<string, string>();
  add(column: string, message: string): void {
    if (!this.byColumn.has(column)) this.byColumn.set(column, message);
  }
  has(column: string): boolean {
    return this.byColumn.has(column);
  }
  get size(): number {
    return this.byColumn.size;
  }
}

/** The header of a file: which file column each template column is in. */
interface Header {
  /** Template column name → 0-based index in the file. */
  index: Map<string, number>;
  /** The file's columns in order (undefined for a column without a name). */
  names: (string | undefined)[];
}

/** The closest of `options` to `word` when it is a likely typo of it. */
function suggest(word: string, options: readonly string[]): string {
  let best: string | undefined;
  let bestD = 3;
  for (const o of options) {
    const d = boundedDamerau(word.toLowerCase(), o, 2);
    if (d < bestD) {
      best = o;
      bestD = d;
    }
  }
  return best === undefined ? "" : ` (did you mean ${q(best)}?)`;
}

function columnNames(table: CsvTable): string[] {
  return CSV_COLUMNS[table].map((c) => c.name);
}

/** Read the header row: the columns it names, or what is wrong with it (one problem each). */
function readHeader(
  table: CsvTable,
  cells: Buffer[],
): { header: Header } | { problems: { column?: number; message: string }[] } {
  const known = columnNames(table);
  const problems: { column?: number; message: string }[] = [];
  const names: (string | undefined)[] = [];
  const index = new Map<string, number>();
  const end = "; no row of this file was read";
  cells.forEach((bytes, i) => {
    const text = decodeUtf8(bytes);
    if (typeof text !== "string") {
      // one is enough: a UTF-16 file would give one for every cell
      if (problems.length === 0) problems.push({ column: i + 1, message: `header: ${text.message}${end}` });
      names.push(undefined);
      return;
    }
    const name = text.trim().toLowerCase();
    if (name === "") {
      names.push(undefined);
      return;
    }
    names.push(name);
    if (cells.length === 1 && /[;\t]/.test(name)) {
      const sep = name.includes("\t") ? "tabs" : "semicolons";
      problems.push({
        column: 1,
        message: `header: the columns are separated by ${sep}, not commas: save the sheet as comma-separated CSV (in Excel: "CSV UTF-8")${end}`,
      });
    } else if (!known.includes(name)) {
      problems.push({
        column: i + 1,
        message: `header: unknown column ${q(text.trim())}${suggest(name, known)}; the ${table} file has the columns ${known.join(", ")}${end}`,
      });
    } else if (index.has(name)) {
      problems.push({
        column: i + 1,
        message: `header: column ${q(name)} appears twice (columns ${(index.get(name) ?? 0) + 1} and ${i + 1})${end}`,
      });
    } else index.set(name, i);
  });
  if (problems.length) return { problems };
  const missing = CSV_COLUMNS[table].filter((c) => c.required === "yes" && !index.has(c.name));
  if (missing.length) {
    const list = missing.map((c) => `${q(c.name)} (${c.description})`).join(", ");
    problems.push({
      message: `header: missing required column${missing.length > 1 ? "s" : ""} ${list}${end}`,
    });
  }
  if (!index.has("source_url") && !index.has("source")) {
    problems.push({
      message: `header: needs a column "source_url" (${SOURCE_URL.description}) or "source" (${SOURCE.description})${end}`,
    });
  }
  return problems.length ? { problems } : { header: { index, names } };
}

/** Everything the reading of one import shares across its files. */
interface ReadState {
  opts: ImportOptions;
  report: ImportReport;
  /**
   * Ids made so far, with where (to name the first row on a duplicate), and the ids of the
   * sources made from `source_url` cells (each is yielded once).
   */
  ids: CsvIds;
  /** Bytes of the files finished before this one, and of all files. */
  bytesBefore: number;
  totalBytes: number;
}

/**
 * What the reader remembers of every row, on disk (scratch.ts) so that memory does not grow
 * with the number of rows: the ids made, each with its file and line, and the sources yielded.
 */
class CsvIds {
  private readonly scratch = new ScratchDatabase(
    "dealmap-csv-",
    "CREATE TABLE ids (id TEXT PRIMARY KEY, file INTEGER NOT NULL, line INTEGER NOT NULL) WITHOUT ROWID",
    16384,
  );
  private readonly files: string[] = [];
  private readonly st = {
    add: this.scratch.db.prepare("INSERT INTO ids (id, file, line) VALUES (?, ?, ?)"),
    get: this.scratch.db.prepare("SELECT file, line FROM ids WHERE id = ?"),
  };

  /** Where the row that made this id is, if one did. */
  earlier(id: string): { file: string; line: number } | undefined {
    const r = this.st.get.get(id) as { file: number; line: number } | undefined;
    return r === undefined ? undefined : { file: this.files[r.file] ?? "", line: r.line };
  }

  add(id: string, file: string, line: number): void {
    let f = this.files.lastIndexOf(file);
    if (f < 0) f = this.files.push(file) - 1;
    this.st.add.run(id, f, line);
  }

  /** True the first time a source id is given. */
  once(id: string): boolean {
    return this.scratch.once(id);
  }

  close(): void {
    this.scratch.close();
  }
}

/** A data row: its cells by template column (trimmed, formula mark taken off). */
interface Row {
  get(column: string): string;
  has(column: string): boolean;
}

const TAG_RE = /^[a-z0-9-]+$/;
const LANG_RE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

function idProblem(value: string, what: string): string | undefined {
  if (IdSchema.safeParse(value).success) return undefined;
  if (/^https?:\/\//i.test(value)) return `${q(value)} is a web address, not ${what} id`;
  return `${q(value)} is not ${what} id (lower-case letters and digits, words joined by '-')`;
}

/** The `more` cell: a JSON object with only the fields that have no column of their own. */
function readMore(row: Row, table: CsvTable, p: RowProblems): Record<string, unknown> {
  const text = row.get("more");
  if (text === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    p.add("more", `${q(text)} is not valid JSON (write a JSON object, e.g. {"routes":["river-run"]})`);
    return {};
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    p.add("more", `must be a JSON object ({…}), not ${q(text)}`);
    return {};
  }
  const allowed = MORE_FIELDS[table];
  const own = table === "events" ? EVENT_COLUMN_FIELDS : ACTOR_COLUMN_FIELDS;
  for (const k of Object.keys(value)) {
    if (own.has(k)) p.add("more", `field ${q(k)} has its own column: write it there`);
    else if (!allowed.includes(k)) {
      p.add("more", `unknown field ${q(k)}${suggest(k, allowed)}; it may hold ${allowed.join(", ")}`);
    }
  }
  if (p.has("more")) return {};
  return value as Record<string, unknown>;
}

/** The row's citations from `source` (+ `paragraph`), `source_url`, then `more.citations`. */
function readCitations(
  row: Row,
  more: Record<string, unknown>,
  dataset: string,
  p: RowProblems,
): { citations: unknown[]; origins: string[]; fromMore: number; sources: Source[] } {
  const citations: unknown[] = [];
  const origins: string[] = [];
  const sources: Source[] = [];
  const source = row.get("source");
  const paragraph = row.get("paragraph");
  const url = row.get("source_url");
  let para: number | undefined;
  if (paragraph !== "") {
    if (!/^\d+$/.test(paragraph) || Number(paragraph) < 1 || !Number.isSafeInteger(Number(paragraph))) {
      p.add("paragraph", `${q(paragraph)} is not a paragraph number (a whole number from 1)`);
    } else if (source === "") {
      p.add("paragraph", `a paragraph needs the id of its source in column "source"`);
    } else para = Number(paragraph);
  }
  if (source !== "") {
    const bad = idProblem(source, "a source");
    if (bad) p.add("source", /^https?:/i.test(source) ? `${bad}: put it in column "source_url"` : bad);
    else {
      citations.push(para === undefined ? { source } : { source, paragraph: para });
      origins.push("source");
    }
  }
  if (url !== "") {
    if (!WebUrlSchema.safeParse(url).success) {
      p.add("source_url", `${q(url)} is not a web address (only http: and https: addresses are taken)`);
    } else {
      const made = csvSourceForUrl(dataset, url);
      const checked = SourceSchema.safeParse(made);
      if (!checked.success)
        p.add("source_url", `${q(url)} cannot make a source: ${safeText(checked.error.message)}`);
      else {
        sources.push(checked.data);
        citations.push({ source: made.id });
        origins.push("source_url");
      }
    }
  }
  const fromMore = citations.length;
  if (more.citations !== undefined) {
    if (!Array.isArray(more.citations)) p.add("more", `"citations" must be a list of citations`);
    else
      for (const c of more.citations) {
        citations.push(c);
        origins.push("more");
      }
  }
  return { citations, origins, fromMore, sources };
}

function pathText(path: readonly PropertyKey[]): string {
  return path.map((k, i) => (typeof k === "number" ? `[${k}]` : `${i ? "." : ""}${String(k)}`)).join("");
}

/** Which column a schema problem belongs to, and how to say it there. */
function placeIssue(
  issue: z.core.$ZodIssue,
  ctx: {
    row: Row;
    more: Record<string, unknown>;
    cits: { origins: string[]; fromMore: number };
    listInMore: Set<string>;
  },
): [string, string] {
  const [first, second] = issue.path;
  const key = String(first ?? "");
  const message = safeText(issue.message);
  if (key === "citations") {
    if (typeof second !== "number") {
      const column = ctx.row.has("source_url") ? "source_url" : "source";
      return [column, `no citation: every row rests on a source; fill "source_url" or "source"`];
    }
    const origin = ctx.cits.origins[second] ?? "more";
    if (origin !== "more") return [origin, message];
    return [
      "more",
      `${pathText(["citations", second - ctx.cits.fromMore, ...issue.path.slice(2)])}: ${message}`,
    ];
  }
  if (key === "claimedBy") {
    if (ctx.more.claimedBy === undefined) {
      return ["status", `"claimed" needs who claims it: put {"claimedBy":"actor-id"} in column "more"`];
    }
    return ["more", `claimedBy: ${message}`];
  }
  if (
    ctx.listInMore.has(key) ||
    !(EVENT_COLUMN_FIELDS.has(key) || ACTOR_COLUMN_FIELDS.has(key) || EITHER_FIELDS.has(key))
  ) {
    return ["more", `${pathText(issue.path)}: ${message}`];
  }
  return [key, issue.path.length > 1 ? `${pathText(issue.path.slice(1))}: ${message}` : message];
}

interface Built {
  problems: RowProblems;
  entity?: StoryEvent | Actor;
  sources: Source[];
  /** Whether the id was made from the row's content (a repeat of a row is then a duplicate). */
  derived: boolean;
}

/** Validate a candidate with its schema, placing each problem in its column. */
function finish<T>(
  table: CsvTable,
  candidate: Record<string, unknown>,
  schema: z.ZodType<T>,
  ctx: {
    row: Row;
    dataset: string;
    more: Record<string, unknown>;
    cits: { origins: string[]; fromMore: number };
    listInMore: Set<string>;
  },
  p: RowProblems,
): { entity?: T; derived: boolean } {
  const given = ctx.row.get("id");
  let derived = false;
  if (given !== "") {
    const bad = idProblem(given, "an");
    if (bad) p.add("id", bad);
    else candidate.id = given;
  } else {
    // the row's content without the id, keys sorted: the same row always gives the same id,
    // wherever its columns stand and however its lists are spaced
    candidate.id = `${ctx.dataset}-${shortHash(canonicalJson({ table, ...candidate }))}`;
    derived = true;
  }
  const ordered = { id: candidate.id, ...candidate };
  const r = schema.safeParse(ordered);
  if (!r.success) {
    for (const issue of r.error.issues) {
      // a row whose citation cells were refused has no citation: saying so again adds nothing
      const noCitation = issue.path.length === 1 && issue.path[0] === "citations";
      if (noCitation && ["source", "source_url", "paragraph", "more"].some((c) => p.has(c))) continue;
      p.add(...placeIssue(issue, ctx));
    }
  }
  return p.size || !r.success ? { derived } : { entity: r.data, derived };
}

function readEvent(row: Row, dataset: string): Built {
  const p = new RowProblems();
  const more = readMore(row, "events", p);
  const c: Record<string, unknown> = {};
  const kind = row.get("kind");
  if (kind === "") p.add("kind", "empty: every event needs a kind, e.g. meeting, statement or release");
  else if (!Object.hasOwn(EVENT_KINDS, kind)) {
    p.add("kind", `${q(kind)} is not a Dealmap event kind${suggest(kind, Object.keys(EVENT_KINDS))}`);
  } else c.kind = kind;
  for (const col of ["title", "summary"] as const) {
    const v = row.get(col);
    if (v === "") p.add(col, `empty: every event needs a ${col}`);
    else c[col] = v;
  }
  const date = row.get("date");
  if (date === "") p.add("date", "empty: every event needs a date (EDTF, e.g. 2025-03-14 or 2025-03)");
  else {
    const r = EdtfSchema.safeParse(date);
    if (r.success) c.date = date;
    else {
      const why = (r.error.issues[0]?.message ?? "").replace(`"${date}" `, "");
      const reason = /is not a valid EDTF date/.test(why) || why === "" ? "" : ` (${safeText(why)})`;
      // spreadsheet apps like to turn 2025-03-14 into their own local date form
      const hint = /^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/.test(date)
        ? "; write dates as YYYY-MM-DD (format the column as text so the spreadsheet app leaves them alone)"
        : "";
      p.add("date", `${q(date)} is not an EDTF date${reason}${hint}`);
    }
  }
  const status = row.get("status");
  if (status === "") c.status = "reported";
  else if (!EpistemicStatusSchema.safeParse(status).success) {
    p.add(
      "status",
      `${q(status)} is not a status${suggest(status, EpistemicStatusSchema.options)}; use one of ${EpistemicStatusSchema.options.join(", ")}`,
    );
  } else c.status = status;
  const listInMore = new Set<string>();
  const participants = row.get("participants");
  if (participants !== "" && more.participants !== undefined) {
    p.add("participants", `participants are in this column or in "more", not both`);
  } else if (participants !== "") {
    const list: Participant[] = [];
    for (const item of listItems(participants)) {
      const colon = item.indexOf(":");
      if (colon < 0) {
        p.add(
          "participants",
          `${q(item)} has no role: write actor-id:role, e.g. ${q(`${item}:participant`)}`,
        );
        break;
      }
      const actor = item.slice(0, colon).trim();
      const role = item.slice(colon + 1).trim();
      const badActor = idProblem(actor, "an actor");
      if (badActor) {
        p.add("participants", `${q(item)}: ${badActor}`);
        break;
      }
      const r = ParticipantRoleSchema.safeParse(role);
      if (!r.success) {
        p.add(
          "participants",
          `${q(item)}: ${q(role)} is not a role${suggest(role, ParticipantRoleSchema.options)}; roles are ${ParticipantRoleSchema.options.join(", ")}`,
        );
        break;
      }
      list.push({ actor, role: r.data });
    }
    c.participants = list;
  } else if (more.participants !== undefined) listInMore.add("participants");
  const places = listItems(row.get("places"));
  const badPlace = places.map((x) => idProblem(x, "a place")).find((x) => x !== undefined);
  if (badPlace) p.add("places", badPlace);
  else if (places.length) c.places = places;
  const tags = listItems(row.get("tags"));
  const badTag = tags.find((t) => !TAG_RE.test(t));
  if (badTag !== undefined) p.add("tags", `${q(badTag)} is not a tag (lower-case letters, digits and '-')`);
  else if (tags.length) c.tags = tags;
  for (const [k, v] of Object.entries(more)) if (k !== "citations") c[k] = v;
  const cits = readCitations(row, more, dataset, p);
  c.citations = cits.citations;
  const done = finish("events", c, StoryEventSchema, { row, dataset, more, cits, listInMore }, p);
  return { problems: p, entity: done.entity, sources: cits.sources, derived: done.derived };
}

function readActor(row: Row, dataset: string): Built {
  const p = new RowProblems();
  const more = readMore(row, "actors", p);
  const c: Record<string, unknown> = {};
  const kind = row.get("kind");
  const kinds = ActorKindSchema.options;
  if (kind === "") p.add("kind", `empty: every actor needs a kind (${kinds.join(", ")})`);
  else if (!ActorKindSchema.safeParse(kind).success) {
    p.add("kind", `${q(kind)} is not an actor kind${suggest(kind, kinds)}; use one of ${kinds.join(", ")}`);
  } else c.kind = kind;
  const name = row.get("name");
  if (name === "") p.add("name", "empty: every actor needs a name");
  else c.name = name;
  const listInMore = new Set<string>();
  const aliases = row.get("aliases");
  if (aliases !== "" && more.aliases !== undefined) {
    p.add("aliases", `aliases are in this column or in "more", not both`);
  } else if (aliases !== "") {
    const list = listItems(aliases).map(parseAlias);
    const bad = list.find((a) => a.lang !== undefined && !LANG_RE.test(a.lang));
    if (bad) {
      p.add(
        "aliases",
        `${q(bad.name)}: ${q(bad.lang ?? "")} is not a language code (write name [lang] or name [lang/script], e.g. Лукашенко [ru/Cyrl])`,
      );
    }
    c.aliases = list;
  } else if (more.aliases !== undefined) listInMore.add("aliases");
  const country = row.get("country");
  if (country !== "") {
    if (!CountryCodeSchema.safeParse(country).success) {
      p.add(
        "country",
        `${q(country)} is not a country code (ISO 3166-1 alpha-2 in upper case, e.g. BY or LT)`,
      );
    } else c.country = country;
  }
  const description = row.get("description");
  if (description === "") p.add("description", "empty: every actor needs a description");
  else c.description = description;
  for (const [k, v] of Object.entries(more)) if (k !== "citations") c[k] = v;
  const cits = readCitations(row, more, dataset, p);
  c.citations = cits.citations;
  const done = finish("actors", c, ActorSchema, { row, dataset, more, cits, listInMore }, p);
  return { problems: p, entity: done.entity, sources: cits.sources, derived: done.derived };
}

/** Read one file of the template, yielding what its good rows make. */
async function* readTable(
  table: CsvTable,
  file: string,
  size: number,
  st: ReadState,
): AsyncGenerator<ImportItem> {
  const { opts, report } = st;
  const bad = (b: { line: number; column?: number; message: string; raw?: string }) => {
    report.bad++;
    opts.onBad({ file, ...b });
  };
  let header: Header | undefined;
  // a problem that ends the file early (a bad header, an unclosed quote) is its only report
  let stopped = false;
  let sinceProgress = 0;
  for await (const rec of csvRecords(file)) {
    if ("fatal" in rec) {
      bad({ line: rec.line, message: rec.fatal });
      stopped = true;
      break;
    }
    if (++sinceProgress >= PROGRESS_EVERY) {
      sinceProgress = 0;
      opts.onProgress?.({
        rows: report.rowsRead,
        bytes: st.bytesBefore + rec.bytes,
        totalBytes: st.totalBytes,
      });
    }
    if (!header) {
      // blank lines before the header are skipped like any blank line
      if (rec.cells.every((c) => c.toString("latin1").trim() === "")) continue;
      const h = readHeader(table, rec.cells);
      if ("problems" in h) {
        for (const pr of h.problems)
          bad({ line: rec.line, column: pr.column, message: pr.message, raw: rec.raw });
        stopped = true;
        break;
      }
      header = h.header;
      continue;
    }
    const p = new RowProblems();
    const values = new Map<string, string>();
    let empty = true;
    rec.cells.forEach((bytes, i) => {
      const text = decodeUtf8(bytes);
      const name = header?.names[i];
      const label = name ?? `cell ${i + 1}`;
      if (typeof text !== "string") {
        p.add(label, text.message);
        empty = false;
        return;
      }
      const value = unguardFormula(text.trim());
      if (value === "") return;
      empty = false;
      if (name === undefined) {
        p.add(
          label,
          i < (header?.names.length ?? 0)
            ? `${q(value)} is in column ${i + 1}, which has no name in the header`
            : `${q(value)} is past the last column (the header names ${header?.names.length} columns)`,
        );
      } else values.set(name, value);
    });
    // rows of nothing but empty cells are what spreadsheet apps leave below the data
    if (empty) continue;
    report.rowsRead++;
    const index = header.index;
    const row: Row = { get: (c) => values.get(c) ?? "", has: (c) => index.has(c) };
    const built = p.size
      ? { problems: p, sources: [], derived: false }
      : table === "events"
        ? readEvent(row, opts.dataset)
        : readActor(row, opts.dataset);
    const entity = built.entity;
    if (entity) {
      const earlier = st.ids.earlier(entity.id);
      if (earlier !== undefined && built.derived) {
        // the same content as an earlier row: the same entity, made once
        report.skipped["duplicate row (the same as an earlier row)"] =
          (report.skipped["duplicate row (the same as an earlier row)"] ?? 0) + 1;
        continue;
      }
      if (earlier !== undefined) {
        const where = earlier.file === file ? "" : ` of ${q(earlier.file)}`;
        built.problems.add(
          "id",
          `${q(entity.id)} is already the id of the row on line ${earlier.line}${where}`,
        );
      }
    }
    if (built.problems.size || !entity) {
      const located = [...built.problems.byColumn].map(([col, message]) => {
        const at = index.get(col) ?? (/^cell (\d+)$/.exec(col) ? Number(col.slice(5)) - 1 : undefined);
        return { at, text: col.startsWith("cell ") ? `${col}: ${message}` : `column "${col}": ${message}` };
      });
      located.sort((a, b) => (a.at ?? Number.MAX_SAFE_INTEGER) - (b.at ?? Number.MAX_SAFE_INTEGER));
      const at = located[0]?.at;
      bad({
        line: rec.line,
        column: at === undefined ? undefined : at + 1,
        message: located.map((x) => x.text).join("; "),
        raw: rec.raw,
      });
      continue;
    }
    st.ids.add(entity.id, file, rec.line);
    for (const s of built.sources) {
      if (!st.ids.once(s.id)) continue;
      report.made.sources = (report.made.sources ?? 0) + 1;
      yield { kind: "sources", entity: s };
    }
    report.made[table] = (report.made[table] ?? 0) + 1;
    yield table === "events"
      ? { kind: "events", entity: entity as StoryEvent }
      : { kind: "actors", entity: entity as Actor };
  }
  if (!header && !stopped)
    bad({ line: 1, message: "the file has no header row: the first row names the columns" });
  st.bytesBefore += size;
  opts.onProgress?.({ rows: report.rowsRead, bytes: st.bytesBefore, totalBytes: st.totalBytes });
}

/**
 * Read a spreadsheet import: `actors` then `events` (either may be left out), streamed row by
 * row. Yields each source made for a `source_url` (once, before the first entity citing it),
 * then each actor and event, every one valid against its domain schema. A bad row goes to
 * `opts.onBad` with its file line, the column of its first bad cell and what is wrong; reading
 * goes on with the next row. A bad header stops that file only. Counts go into `report`.
 *
 * Participants may name actors that are not in the file (curated ones): checking references
 * is the store's job.
 */
export async function* readCsv(
  input: { events?: string; actors?: string },
  opts: ImportOptions,
  report: ImportReport,
): AsyncGenerator<ImportItem> {
  if (!IdSchema.safeParse(opts.dataset).success || opts.dataset.length > 40) {
    throw new Error(
      `dataset name ${q(opts.dataset)} must be lower-case words joined by '-', at most 40 characters`,
    );
  }
  const files: [CsvTable, string, number][] = [];
  if (input.actors !== undefined) files.push(["actors", input.actors, 0]);
  if (input.events !== undefined) files.push(["events", input.events, 0]);
  let totalBytes = 0;
  for (const f of files) {
    const file = f[1];
    let size: number;
    try {
      const s = statSync(file);
      if (!s.isFile()) throw new Error("not a regular file");
      size = s.size;
    } catch (err) {
      const why =
        (err as { code?: string }).code === "ENOENT"
          ? "no such file"
          : err instanceof Error
            ? err.message
            : String(err);
      throw new Error(`cannot read ${q(file)}: ${safeText(why)}`);
    }
    f[2] = size;
    totalBytes += size;
  }
  const st: ReadState = { opts, report, ids: new CsvIds(), bytesBefore: 0, totalBytes };
  try {
    for (const [table, file, size] of files) yield* readTable(table, file, size, st);
  } finally {
    st.ids.close();
  }
}
