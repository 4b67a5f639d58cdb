/**
 * GDELT 2.0 Events importer: reads export files (61 tab-separated columns, no header; plain or
 * zipped as GDELT publishes them) and, optionally, Mentions files (16 columns), and streams out
 * Dealmap sources, places, actors and events. It only reads and maps; the store writes.
 *
 * Files are read line by line from a stream, so memory holds one chunk of input; the dedupe
 * table (one record per distinct event, its citations, the GDELT row ids that point at it and
 * the report addresses met) is kept on disk in a scratch SQLite file (gdelt-staging.ts), so
 * memory stays flat whatever the input's size.
 * Sources, places and actors are yielded the first time a row names them; events only once
 * every file has been read, because later rows (and mentions) still add to them. The order is
 * the order of first appearance, so the same files always give the same items.
 *
 * How rows map to entities is documented in packages/dataset/README.md ("Importing GDELT
 * events").
 */
import { isUtf8 } from "node:buffer";
import { createReadStream, constants as fsConstants, promises as fsp } from "node:fs";
import type { Readable } from "node:stream";
import { crc32 } from "node:zlib";
import {
  type Actor,
  ActorSchema,
  type Citation,
  type EventKind,
  hash53,
  IdSchema,
  type Place,
  PlaceSchema,
  type Source,
  SourceSchema,
  type StoryEvent,
  StoryEventSchema,
} from "@dealmap/domain";
import yauzl from "yauzl";
import { firstInvalidUtf8 } from "../utf8.ts";
import {
  actorKindFromTypes,
  CAMEO_ACTOR_TYPES,
  CAMEO_REGIONS,
  cameoKind,
  cameoLabel,
  countryName,
  isCameoEventCode,
  isoFromCameo,
  isoFromFips,
} from "./gdelt-codes.ts";
import { GdeltStaging, type MentionNote, type StagedEvent } from "./gdelt-staging.ts";
import type { BadLine, ImportItem, ImportOptions, ImportReport } from "./types.ts";

export {
  CAMEO_KIND_EXCEPTIONS,
  cameoKind,
  cameoLabel,
  isoFromCameo,
  isoFromFips,
} from "./gdelt-codes.ts";
export {
  type SyntheticGdeltCounts,
  type SyntheticGdeltOptions,
  syntheticGdeltRows,
  writeSyntheticGdelt,
} from "./gdelt-synthetic.ts";

/** Columns of a GDELT 2.0 Events export row and of a Mentions row. */
export const GDELT_EVENT_COLUMNS = 61;
export const GDELT_MENTION_COLUMNS = 16;

/** Citations kept on one event; the summary gives the full count of distinct reports. */
export const GDELT_MAX_CITATIONS = 50;

/** A longer line cannot be a GDELT row; it is reported and skipped without being held whole. */
const MAX_LINE_BYTES = 1024 * 1024;
/** onProgress is called after this many rows (and at the end of each file). */
const PROGRESS_EVERY = 10_000;
const READ_CHUNK = 1024 * 1024;

/** Reasons counted in report.skipped (the keys are shown to users as they are). */
export const GDELT_SKIPPED = {
  mentionNotInFiles: "mention of an event not in these files",
  mentionNoUrl: "mention without a web address",
  repeatedRow: "row whose GLOBALEVENTID was already read",
  placeNoCountry: "action place in no known country (no place made)",
  badSourceUrl: "source address that is not a valid web address (the dataset is cited instead)",
  extraZipMember: "zip member after the first (only the first is read)",
} as const;

/**
 * Read GDELT 2.0 event files (then mention files) and yield Dealmap entities. Bad lines go to
 * `opts.onBad` and are counted in `report.bad`; the rest of the file is still read. Throws,
 * before yielding anything, only when a file is missing or unreadable or the dataset name is
 * not a valid id prefix; never on bad data.
 */
export async function* readGdelt(
  input: { events: string[]; mentions?: string[] },
  opts: ImportOptions,
  report: ImportReport,
): AsyncGenerator<ImportItem> {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(opts.dataset) || opts.dataset.length > 40) {
    throw new TypeError(
      `dataset name ${JSON.stringify(opts.dataset)} must be lower-case words joined by '-', at most 40 characters`,
    );
  }
  for (const [iso, id] of opts.states ?? []) {
    if (!IdSchema.safeParse(id).success) {
      throw new TypeError(
        `curated state id ${JSON.stringify(id)} (for ${JSON.stringify(iso)}) is not a valid id`,
      );
    }
  }
  const mentions = input.mentions ?? [];
  const all = [...input.events, ...mentions];
  // A file that is not there is a mistake in the command, not bad data: say so before anything
  // is yielded, as the other importers do. (A zip found damaged while reading is bad data.)
  const sizes: number[] = [];
  for (const file of all) {
    try {
      const st = await fsp.stat(file);
      if (!st.isFile()) throw new Error("not a regular file");
      await fsp.access(file, fsConstants.R_OK);
      sizes.push(st.size);
    } catch (err) {
      throw new Error(
        `cannot read GDELT file ${JSON.stringify(file)}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
  const progress: Progress = { rows: 0, bytes: 0, totalBytes: sizes.reduce((a, b) => a + b, 0) };
  const mapper = new GdeltMapper(opts, report);
  try {
    for (const [i, file] of all.entries()) {
      const isEvents = i < input.events.length;
      yield* readLines(file, sizes[i] ?? 0, opts, report, progress, mapper, (line, text) =>
        isEvents ? mapper.eventRow(file, line, text) : mapper.mentionRow(file, line, text),
      );
    }
    yield* mapper.finish();
  } finally {
    mapper.close();
  }
}

interface Progress {
  rows: number;
  bytes: number;
  totalBytes: number;
}

/** A problem with one row: which column, and what to tell the user. */
class RowProblem extends Error {
  constructor(
    readonly column: number | undefined,
    message: string,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------------------
// Reading files: plain or zipped, line by line, strict UTF-8.

/** The bytes of one input: a plain file or the first member of a zip, and how to close it. */
interface OpenInput {
  stream: Readable;
  /** Compressed bytes per uncompressed byte (1 for a plain file): progress counts file bytes. */
  scale: number;
  /** For a zip member: its CRC-32, checked once the member has been read to the end. */
  crc?: number;
  close(): void;
}

async function isZip(path: string): Promise<boolean> {
  const fh = await fsp.open(path, "r");
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await fh.read(head, 0, 4, 0);
    // A local file header (PK 3 4) or the end record of an empty archive (PK 5 6).
    return bytesRead === 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5);
  } finally {
    await fh.close();
  }
}

/** Open an input, looking at its first bytes (not its name) to tell a zip from a plain file. */
async function openInput(path: string, zipped: boolean, report: ImportReport): Promise<OpenInput> {
  if (!zipped) {
    const stream = createReadStream(path, { highWaterMark: READ_CHUNK });
    return { stream, scale: 1, close: () => stream.destroy() };
  }
  const zip = await yauzl.openPromise(path, { autoClose: false, validateEntrySizes: true });
  try {
    let first: yauzl.Entry | undefined;
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith("/")) continue;
      if (first === undefined) first = entry;
      else
        report.skipped[GDELT_SKIPPED.extraZipMember] =
          (report.skipped[GDELT_SKIPPED.extraZipMember] ?? 0) + 1;
    }
    if (first === undefined) throw new Error("the zip archive holds no file");
    const stream = await zip.openReadStreamPromise(first);
    const scale = first.uncompressedSize > 0 ? first.compressedSize / first.uncompressedSize : 1;
    return {
      stream,
      scale,
      crc: first.crc32,
      close: () => {
        stream.destroy();
        zip.close();
      },
    };
  } catch (err) {
    zip.close();
    throw err;
  }
}

function bump(report: ImportReport, reason: string): void {
  report.skipped[reason] = (report.skipped[reason] ?? 0) + 1;
}

function bad(opts: ImportOptions, report: ImportReport, b: BadLine): void {
  report.bad++;
  opts.onBad(b);
}

/**
 * Stream one file's lines to `row` (1-based line number, text), yielding what the mapper made
 * after each chunk. A file that cannot be opened, or a zip that turns out damaged, gives one
 * bad line (the line reached) and ends that file.
 */
async function* readLines(
  file: string,
  size: number,
  opts: ImportOptions,
  report: ImportReport,
  progress: Progress,
  mapper: GdeltMapper,
  row: (line: number, text: string) => void,
): AsyncGenerator<ImportItem> {
  let line = 0;
  let input: OpenInput | undefined;
  let zipped = false;
  const bytesBefore = progress.bytes;
  try {
    zipped = await isZip(file);
    input = await openInput(file, zipped, report);
    let carry: Buffer | undefined;
    let skipping = false; // inside an over-long line: drop bytes until its end
    let crc = 0;
    let read = 0;
    const take = (buf: Buffer) => {
      line++;
      if (skipping) {
        skipping = false;
        return;
      }
      if (buf.length > 0 && buf[buf.length - 1] === 0x0d) buf = buf.subarray(0, buf.length - 1);
      if (line === 1 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
      if (buf.length === 0) return; // a blank line is not a row
      report.rowsRead++;
      progress.rows++;
      if (buf.length > MAX_LINE_BYTES) {
        bad(opts, report, {
          file,
          line,
          message: `line longer than ${MAX_LINE_BYTES} bytes: not a GDELT row`,
        });
      } else if (!isUtf8(buf)) {
        const at = Math.max(firstInvalidUtf8(buf), 0);
        let column = 1;
        for (let i = 0; i < at; i++) if (buf[i] === 0x09) column++;
        bad(opts, report, {
          file,
          line,
          column,
          message: `not UTF-8 text: byte ${at + 1} of the line (0x${(buf[at] ?? 0).toString(16).toUpperCase().padStart(2, "0")}) is not valid UTF-8`,
          raw: buf.toString("utf8"),
        });
      } else {
        row(line, buf.toString("utf8"));
      }
      if (progress.rows % PROGRESS_EVERY === 0) opts.onProgress?.({ ...progress });
    };
    for await (const chunk of input.stream as AsyncIterable<Buffer>) {
      if (input.crc !== undefined) crc = crc32(chunk, crc);
      read += chunk.length;
      progress.bytes = bytesBefore + Math.round(read * input.scale);
      let start = 0;
      for (let nl = chunk.indexOf(0x0a); nl >= 0; nl = chunk.indexOf(0x0a, start)) {
        const part = chunk.subarray(start, nl);
        take(carry ? Buffer.concat([carry, part]) : part);
        carry = undefined;
        start = nl + 1;
      }
      if (start < chunk.length) {
        const rest = chunk.subarray(start);
        if (skipping) continue;
        carry = carry ? Buffer.concat([carry, rest]) : Buffer.from(rest);
        if (carry.length > MAX_LINE_BYTES) {
          bad(opts, report, {
            file,
            line: line + 1,
            message: `line longer than ${MAX_LINE_BYTES} bytes: not a GDELT row (the rest of the line is skipped)`,
          });
          report.rowsRead++;
          progress.rows++;
          carry = undefined;
          skipping = true;
        }
      }
      if (mapper.pending.length > 0) yield* mapper.drain();
    }
    if (carry && !skipping) take(carry); // a last line without a newline
    if (input.crc !== undefined && crc >>> 0 !== input.crc >>> 0) {
      bad(opts, report, {
        file,
        line: line + 1,
        message: "the zip archive is damaged: the member's checksum does not match what was read",
      });
    }
    if (mapper.pending.length > 0) yield* mapper.drain();
  } catch (err) {
    const why = JSON.stringify(err instanceof Error ? err.message : String(err));
    const message = zipped
      ? `the zip archive is damaged or cut short (the rest of it is not read): ${why}`
      : input === undefined
        ? `cannot read this file: ${why}`
        : `reading stopped (the rest of the file is not read): ${why}`;
    bad(opts, report, { file, line: line + 1, message });
    // What the rows read so far made still belongs to the import.
    if (mapper.pending.length > 0) yield* mapper.drain();
  } finally {
    input?.close();
  }
  // Whatever was read, this file is done: progress moves to its end.
  progress.bytes = bytesBefore + size;
  opts.onProgress?.({ ...progress });
}

// ---------------------------------------------------------------------------------------------
// Field parsing: every check names the column (1-based) and quotes the value with
// JSON.stringify, since file data is untrusted and must not reach a terminal raw.

const INT = /^-?[0-9]+$/;
const NUM = /^-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$/;

function intField(f: string[], col: number, name: string, min: number, max: number): number {
  const v = f[col - 1] ?? "";
  if (!INT.test(v)) throw new RowProblem(col, `${name} ${JSON.stringify(v)} is not a whole number`);
  const n = Number(v);
  if (n < min || n > max) throw new RowProblem(col, `${name} ${v} is out of range (${min} to ${max})`);
  return n;
}

function numField(f: string[], col: number, name: string, min: number, max: number): number {
  const v = f[col - 1] ?? "";
  if (!NUM.test(v)) throw new RowProblem(col, `${name} ${JSON.stringify(v)} is not a number`);
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new RowProblem(col, `${name} ${v} is out of range (${min} to ${max})`);
  }
  return n;
}

function realDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/**
 * Dates and times already checked, by their text: a GDELT file repeats the same few (one
 * DATEADDED per 15-minute export, a handful of SQLDATEs), so most rows skip the parsing. Kept
 * small: cleared when full.
 */
const DAYS_SEEN = new Map<string, string>();
const TIMES_SEEN = new Map<string, number>();
const SEEN_MAX = 4096;

/** YYYYMMDD → YYYY-MM-DD, or a RowProblem when it is not a real date. */
function dayField(f: string[], col: number, name: string): string {
  const v = f[col - 1] ?? "";
  const seen = DAYS_SEEN.get(v);
  if (seen !== undefined) return seen;
  const m = /^([0-9]{4})([0-9]{2})([0-9]{2})$/.exec(v);
  if (!m || !realDate(Number(m[1]), Number(m[2]), Number(m[3])) || Number(m[1]) < 1000) {
    throw new RowProblem(col, `bad ${name} ${JSON.stringify(v)} (not a real date as YYYYMMDD)`);
  }
  const day = `${m[1]}-${m[2]}-${m[3]}`;
  if (DAYS_SEEN.size >= SEEN_MAX) DAYS_SEEN.clear();
  DAYS_SEEN.set(v, day);
  return day;
}

/** YYYYMMDDHHMMSS, checked, as a number (cheap to keep and to compare). */
function timeField(f: string[], col: number, name: string): number {
  const v = f[col - 1] ?? "";
  const seen = TIMES_SEEN.get(v);
  if (seen !== undefined) return seen;
  const m = /^([0-9]{4})([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{2})$/.exec(v);
  if (
    !m ||
    Number(m[1]) < 1000 ||
    !realDate(Number(m[1]), Number(m[2]), Number(m[3])) ||
    Number(m[4]) > 23 ||
    Number(m[5]) > 59 ||
    Number(m[6]) > 59
  ) {
    throw new RowProblem(col, `bad ${name} ${JSON.stringify(v)} (not a real time as YYYYMMDDHHMMSS)`);
  }
  if (TIMES_SEEN.size >= SEEN_MAX) TIMES_SEEN.clear();
  TIMES_SEEN.set(v, Number(v));
  return Number(v);
}

/** 20150218230000 → "2015-02-18T23:00:00Z". */
function isoTime(t: number): string {
  const s = String(t);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(8, 10)}:${s.slice(10, 12)}:${s.slice(12, 14)}Z`;
}

function isoDay(t: number): string {
  const s = String(t);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

// ---------------------------------------------------------------------------------------------
// Text helpers.

/** Control characters (C0, DEL, C1) and line/paragraph separators become spaces. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/**
 * Clean text from a file for use in names and notes, as a fresh string: V8 keeps a substring
 * of a long line as a view into the whole line, and the dedupe table must not hold lines.
 */
function clean(s: string): string {
  return Buffer.from(s.replace(CONTROL, " ").replace(/\s+/g, " ").trim(), "utf8").toString("utf8");
}

/** "LOS ANGELES" → "Los Angeles": GDELT names are upper case. */
function titleCase(s: string): string {
  return s
    .toLowerCase()
    .replace(/(^|[\s\-/'(])(\p{L})/gu, (_, pre: string, c: string) => pre + c.toUpperCase());
}

function slug(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/**
 * A 53-bit hash as 14 hex digits (fixed width, so ids read alike). Built from its two halves:
 * Number#toString(16) is slow on numbers past 32 bits, and this runs for every citation.
 */
function hex(h: number): string {
  const hi = Math.floor(h / 4294967296);
  const lo = h >>> 0;
  return (
    (HEX_BYTE[(hi >>> 16) & 0xff] ?? "") +
    (HEX_BYTE[(hi >>> 8) & 0xff] ?? "") +
    (HEX_BYTE[hi & 0xff] ?? "") +
    (HEX_BYTE[lo >>> 24] ?? "") +
    (HEX_BYTE[(lo >>> 16) & 0xff] ?? "") +
    (HEX_BYTE[(lo >>> 8) & 0xff] ?? "") +
    (HEX_BYTE[lo & 0xff] ?? "")
  );
}

/**
 * A fresh flat copy of a string that will be kept: V8 keeps a substring of a long line as a
 * view into the whole line, and the dedupe table must not hold lines.
 */
function own(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, "utf8").toString("utf8");
}

/** `${prefix}-${readable}-${hash}`, the readable part cut so the id stays within 80 characters. */
function idWith(prefix: string, readable: string, key: string): string {
  const hash = hex(hash53(key)).slice(0, 8);
  const room = 80 - prefix.length - hash.length - 2;
  const part = slug(readable).slice(0, Math.max(room, 0)).replace(/-+$/g, "");
  return part ? `${prefix}-${part}-${hash}` : `${prefix}-${hash}`;
}

const LANGUAGE_HINTS: Readonly<Record<string, string>> = {
  en: "en",
  eng: "en",
  english: "en",
  ru: "ru",
  rus: "ru",
  be: "be",
  bel: "be",
  pl: "pl",
  lt: "lt",
  lv: "lv",
  de: "de",
  fr: "fr",
  es: "es",
};

/**
 * The language of a report when its address says it plainly (an `eng.` host or an `/en/` first
 * path segment); otherwise "und". GDELT's export does not give it, and a country's top-level
 * domain says little (eng.belta.by is in English).
 */
function languageOf(u: URL): string {
  const sub = u.hostname.split(".")[0] ?? "";
  const seg = u.pathname.split("/")[1] ?? "";
  return LANGUAGE_HINTS[sub.toLowerCase()] ?? LANGUAGE_HINTS[seg.toLowerCase()] ?? "und";
}

/** A publisher from the host: "www.eastidahonews.com" → "eastidahonews.com". */
function hostName(u: URL): string {
  return u.hostname.replace(/^www\./i, "");
}

/**
 * A title from the address, since GDELT gives no headline: the path segment that reads most
 * like words ("neil-patrick-harris-on-why…" → "Neil patrick harris on why…"), else
 * "Report on <host>".
 */
function titleFromUrl(u: URL): string {
  let best = "";
  for (const raw of u.pathname.split("/")) {
    let seg: string;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      seg = raw;
    }
    seg = seg.replace(/\.(s?html?|php|aspx?|cms|jsp)$/i, "");
    const words = seg
      .split(/[-_+\s]+/)
      .filter((w) => /\p{L}/u.test(w))
      .join(" ");
    if (words.length > best.length && /\p{L}{3}/u.test(words)) best = words;
  }
  best = clean(best).slice(0, 160).trim();
  if (best.split(" ").length < 2) return `Report on ${hostName(u)}`;
  return best.charAt(0).toUpperCase() + best.slice(1);
}

function webUrl(s: string): URL | undefined {
  if (!/^https?:\/\//i.test(s)) return undefined;
  try {
    return new URL(s);
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// The mapper: rows in, entities out, with the dedupe table.

interface Geo {
  type: number;
  lat: number;
  lon: number;
}

/** ActionGeo type and coordinates (columns 52, 57, 58), checked; undefined when not given. */
function geoFields(f: string[]): Geo | undefined {
  const typeRaw = f[51] ?? "";
  if (typeRaw === "" || typeRaw === "0") return undefined;
  const type = intField(f, 52, "ActionGeo_Type", 0, 5);
  if ((f[56] ?? "") === "" || (f[57] ?? "") === "") return undefined;
  return {
    type,
    lat: numField(f, 57, "ActionGeo_Lat", -90, 90),
    lon: numField(f, 58, "ActionGeo_Long", -180, 180),
  };
}

/** One side of an event (Actor1 or Actor2) after resolution. */
interface Side {
  id: string;
  /** Index of how GDELT coded this side in this row (type codes, code and name). */
  sig: number;
}

/** How GDELT coded one side of a row: type codes for the participant's `codes`, and a label. */
interface Signature {
  codes: string[];
  /** "BLRBUS (BELARUS)", kept in the participant's note. */
  coded: string;
}

/** Stands for the dataset-level source among URL hashes (which are never negative). */
const DATASET_SOURCE = -1;

function located(k: number): string {
  return k !== undefined && k >= 0 ? `near character ${k}` : "not located";
}

/** A small list with v added (at most cap values, each once); the same list when v adds nothing. */
function addUnique(list: number[] | undefined, v: number, cap: number): number[] | undefined {
  if (list === undefined) return [v];
  if (list.length < cap && !list.includes(v)) return [...list, v];
  return list;
}

class GdeltMapper {
  readonly pending: ImportItem[] = [];
  /**
   * The dedupe table on disk: events keyed by day (SQLDATE) and dedupe key hash (hashes only
   * need to differ within a day), their citations, GLOBALEVENTID → the event its row went into
   * (for mentions, and to skip repeated rows), and the report addresses met.
   */
  private readonly t = new GdeltStaging(GDELT_MAX_CITATIONS);
  private readonly files: string[] = [];
  /** Actor id → name, for titles (curated states included). */
  private readonly actorNames = new Map<string, string>();
  /** How GDELT coded an actor → its id (actors without a country), or country code → id. */
  private readonly actorIds = new Map<string, string>();
  private readonly placeNames = new Map<string, string>();
  /** Raw place key → place id, so a place seen before costs one lookup. */
  private readonly placeIds = new Map<string, string>();
  private readonly signatures: Signature[] = [];
  private readonly sigIndex = new Map<string, number>();
  private readonly codes = new Map<string, string>();
  private datasetSourceMade = false;
  private readonly d: string;

  constructor(
    private readonly opts: ImportOptions,
    private readonly report: ImportReport,
  ) {
    this.d = opts.dataset;
  }

  *drain(): Generator<ImportItem> {
    const items = this.pending.splice(0);
    for (const item of items) {
      this.report.made[item.kind] = (this.report.made[item.kind] ?? 0) + 1;
      yield item;
    }
  }

  private bad(file: string, line: number, column: number | undefined, message: string, raw?: string) {
    bad(this.opts, this.report, { file, line, ...(column !== undefined ? { column } : {}), message, raw });
  }

  private fileIndex(file: string): number {
    const last = this.files.length - 1;
    if (this.files[last] === file) return last;
    this.files.push(file);
    return last + 1;
  }

  private sourceId(hash: number): string {
    return hash === DATASET_SOURCE ? `${this.d}-gdelt` : `${this.d}-src-${hex(hash)}`;
  }

  // -- sources ---------------------------------------------------------------------------------

  /** The dataset-level source, made the first time an event has no web address to cite. */
  private useDatasetSource(made: ImportItem[]): number {
    if (!this.datasetSourceMade) {
      this.datasetSourceMade = true;
      const source: Source = {
        id: this.sourceId(DATASET_SOURCE),
        kind: "dataset",
        title: "GDELT 2.0 Event Database",
        publisher: "The GDELT Project",
        url: "https://www.gdeltproject.org/",
        language: "en",
        note: "Machine-coded events from news reports worldwide. Cited by imported events whose row gives no web address of its own.",
      };
      made.push({ kind: "sources", entity: source });
    }
    return DATASET_SOURCE;
  }

  /**
   * The source for a report's address, made (and validated) the first time it is seen; undefined
   * when the address is not a usable web address.
   */
  private sourceFor(
    url: string,
    published: number,
    publisher: string,
    made: ImportItem[],
  ): number | undefined {
    const hash = hash53(url);
    const met = this.t.source(hash);
    if (met !== undefined) return met ? hash : undefined;
    const u = webUrl(url);
    if (!u) {
      this.t.setSource(hash, false);
      return undefined;
    }
    const source: Source = {
      id: this.sourceId(hash),
      kind: "news-report",
      title: titleFromUrl(u),
      publisher: clean(publisher) || hostName(u),
      url,
      published: isoDay(published),
      language: languageOf(u),
      note: "A report GDELT coded events from. The title is made from the web address (GDELT gives no headline); the date is when GDELT first read it.",
    };
    const ok = SourceSchema.safeParse(source);
    if (!ok.success) {
      this.t.setSource(hash, false);
      return undefined;
    }
    this.t.setSource(hash, true);
    made.push({ kind: "sources", entity: ok.data });
    return hash;
  }

  // -- actors ----------------------------------------------------------------------------------

  /**
   * Resolve one actor block (10 columns from `col`, 1-based): a curated state, a state of this
   * import, or an actor of this import keyed by its code and name. Undefined when the row names
   * no actor there.
   */
  private side(f: string[], col: number, cite: number, made: ImportItem[]): Side | undefined {
    const code = f[col - 1] ?? "";
    const rawName = f[col] ?? "";
    const country = f[col + 1] ?? "";
    const known = f[col + 2] ?? "";
    const t1 = f[col + 6] ?? "";
    const t2 = f[col + 7] ?? "";
    const t3 = f[col + 8] ?? "";
    if (code === "" && rawName.trim() === "") return undefined;
    const sigKey = `${code}\t${rawName}\t${t1}\t${t2}\t${t3}`;
    let sig = this.sigIndex.get(sigKey);
    if (sig === undefined) {
      const name = clean(rawName);
      sig = this.signatures.length;
      this.signatures.push({
        codes: [t1, t2, t3].filter((t) => t !== ""),
        coded: name ? clean(`${code || "?"} (${name})`) : clean(code),
      });
      this.sigIndex.set(own(sigKey), sig);
    }
    const iso = country ? isoFromCameo(country) : undefined;
    if (iso) {
      let id = this.actorIds.get(iso);
      if (id === undefined) {
        const label = countryName(iso) ?? iso;
        const curated = this.opts.states?.get(iso);
        if (curated) {
          id = curated;
          this.actorNames.set(id, label);
        } else {
          id = `${this.d}-${iso.toLowerCase()}`;
          this.newActor(
            {
              id,
              kind: "state",
              name: label,
              aliases: [],
              description: `${label} as a state actor. Made by the importer from GDELT's actor coding (CAMEO country code ${country}); every actor GDELT places in this country is counted as the state.`,
              roles: [],
              country: iso,
              citations: [{ source: this.sourceId(cite) }],
            },
            col,
            made,
          );
        }
        this.actorIds.set(iso, id);
      }
      if (this.opts.states?.get(iso) === id) this.report.matched++;
      return { id, sig };
    }
    // No country (or a region): an actor of the import, keyed by how GDELT coded it.
    const key = `${code}\t${rawName}`;
    let id = this.actorIds.get(key);
    if (id === undefined) {
      const name = clean(rawName);
      id = idWith(`${this.d}-actor`, `${code} ${name}`, `${code}|${name}`);
      const region = CAMEO_REGIONS[country];
      const types = [t1, t2, t3].filter((t) => t !== "");
      const typeWords = types.map((t) => CAMEO_ACTOR_TYPES[t]?.label ?? t).join(", ");
      if (!this.actorNames.has(id)) {
        this.newActor(
          {
            id,
            kind: actorKindFromTypes(types, known),
            name: name ? titleCase(name) : clean(code),
            aliases: [],
            description: clean(
              `An actor GDELT coded as ${code ? JSON.stringify(code) : "(no code)"}${name ? ` named ${JSON.stringify(name)}` : ""}` +
                `${typeWords ? ` (${typeWords})` : ""}` +
                `${region ? `, from ${region}` : country ? `, with a country code not in Dealmap's table (${JSON.stringify(country)})` : ", with no country"}. ` +
                "Made by the importer from GDELT's actor coding; it may stand for different real actors.",
            ),
            roles: [],
            citations: [{ source: this.sourceId(cite) }],
          },
          col,
          made,
        );
      }
      this.actorIds.set(own(key), id);
    }
    return { id, sig };
  }

  private newActor(actor: Actor, col: number, made: ImportItem[]): void {
    const ok = ActorSchema.safeParse(actor);
    if (!ok.success) {
      throw new RowProblem(col, `the actor made from this row is not valid: ${ok.error.issues[0]?.message}`);
    }
    this.actorNames.set(actor.id, actor.name);
    made.push({ kind: "actors", entity: ok.data });
  }

  // -- places ----------------------------------------------------------------------------------

  /** The ActionGeo place id (columns 52–59), made the first time; "" without one. */
  private place(f: string[], geo: Geo | undefined, cite: number, made: ImportItem[]): string {
    if (geo === undefined) return "";
    const { type, lat, lon } = geo;
    const fips = f[53] ?? "";
    const feature = f[58] ?? "";
    const rawName = f[52] ?? "";
    const key = `${type}\t${feature}\t${fips}\t${rawName}`;
    const known = this.placeIds.get(key);
    if (known !== undefined) return known;
    const name = clean(rawName);
    if (name === "") return "";
    const country = isoFromFips(fips);
    if (!country) {
      bump(this.report, GDELT_SKIPPED.placeNoCountry);
      return "";
    }
    const kind = type === 1 ? "country" : type === 3 || type === 4 ? "city" : "region";
    const id = idWith(`${this.d}-place`, name, `${kind}|${feature || name}|${country}`);
    if (!this.placeNames.has(id)) {
      const featureNote = /^-?[A-Za-z0-9]{1,24}$/.test(feature) ? `, feature ${feature}` : "";
      const place: Place = {
        id,
        kind,
        name,
        aliases: [],
        coordinates: { lat, lon },
        country,
        description: `Where GDELT's geocoder placed coded events (location type ${type}${featureNote}, FIPS country ${JSON.stringify(fips)}). Made by the importer; the point is GDELT's.`,
        citations: [{ source: this.sourceId(cite) }],
      };
      const ok = PlaceSchema.safeParse(place);
      if (!ok.success) {
        throw new RowProblem(53, `the place made from this row is not valid: ${ok.error.issues[0]?.message}`);
      }
      made.push({ kind: "places", entity: ok.data });
      this.placeNames.set(id, name);
    }
    this.placeIds.set(own(key), id);
    return id;
  }

  // -- rows ------------------------------------------------------------------------------------

  eventRow(file: string, line: number, text: string): void {
    const f = text.split("\t");
    if (f.length !== GDELT_EVENT_COLUMNS) {
      const hint =
        f.length === 57 || f.length === 58
          ? " (GDELT 1.0 rows have 57 or 58; only GDELT 2.0 exports are read)"
          : f.length === GDELT_MENTION_COLUMNS
            ? " (is this a Mentions file? pass it as mentions)"
            : "";
      this.bad(file, line, undefined, `${f.length} columns, expected ${GDELT_EVENT_COLUMNS}${hint}`, text);
      return;
    }
    try {
      this.mapEvent(file, line, f);
    } catch (err) {
      if (!(err instanceof RowProblem)) throw err;
      this.bad(file, line, err.column, err.message, text);
    }
  }

  private mapEvent(file: string, line: number, f: string[]): void {
    // Every check first: a bad row must leave no trace in the tables.
    const gid = intField(f, 1, "GLOBALEVENTID", 0, Number.MAX_SAFE_INTEGER);
    const date = dayField(f, 2, "SQLDATE");
    const rawCode = f[26] ?? "";
    let code = this.codes.get(rawCode);
    if (code === undefined) {
      if (!isCameoEventCode(rawCode)) {
        throw new RowProblem(27, `bad EventCode ${JSON.stringify(rawCode)} (not a CAMEO event code)`);
      }
      code = own(rawCode);
      this.codes.set(code, code);
    }
    let base = f[27] ?? "";
    if (base === "") base = code.slice(0, 3);
    else if (!/^[0-9]{2,3}$/.test(base) || !code.startsWith(base)) {
      throw new RowProblem(28, `bad EventBaseCode ${JSON.stringify(base)} for EventCode ${code}`);
    }
    const quadClass = intField(f, 30, "QuadClass", 1, 4);
    const goldstein = numField(f, 31, "GoldsteinScale", -10, 10);
    const mentions = intField(f, 32, "NumMentions", 0, Number.MAX_SAFE_INTEGER);
    const sources = intField(f, 33, "NumSources", 0, Number.MAX_SAFE_INTEGER);
    const articles = intField(f, 34, "NumArticles", 0, Number.MAX_SAFE_INTEGER);
    const tone = numField(f, 35, "AvgTone", -100, 100);
    const added = timeField(f, 60, "DATEADDED");
    for (const col of [13, 14, 15, 23, 24, 25]) {
      const type = f[col - 1] ?? "";
      if (type !== "" && !/^[A-Z0-9]{3}$/.test(type)) {
        throw new RowProblem(col, `bad actor type code ${JSON.stringify(type)}`);
      }
    }
    const geo = geoFields(f);

    if (this.t.eventOfRow(gid) !== undefined) {
      // The same GDELT row again (a file given twice, overlapping exports): not a new report.
      bump(this.report, GDELT_SKIPPED.repeatedRow);
      return;
    }

    const made: ImportItem[] = [];
    const url = (f[60] ?? "").trim();
    let cite = url ? this.sourceFor(url, added, "", made) : undefined;
    if (url && cite === undefined) bump(this.report, GDELT_SKIPPED.badSourceUrl);
    cite ??= this.useDatasetSource(made);
    const matchedBefore = this.report.matched;
    let a1: Side | undefined;
    let a2: Side | undefined;
    let where: string;
    try {
      where = this.place(f, geo, cite, made);
      a1 = this.side(f, 6, cite, made);
      a2 = this.side(f, 16, cite, made);
    } catch (err) {
      this.report.matched = matchedBefore;
      this.unmake(made);
      throw err;
    }
    // The row is good: what it made is handed out after this chunk.
    for (const item of made) this.pending.push(item);

    const t = this.t;
    // Tone is averaged over rows weighted by their articles; a row counting none still counts once.
    const weight = articles > 0 ? articles : 1;
    const key = `${date}|${a1?.id ?? ""}|${a2?.id ?? ""}|${base}|${where}`;
    const keyHash = hash53(key);
    const found = t.find(date, keyHash);
    let i: number;
    if (found === undefined) {
      i = t.add(
        {
          date,
          keyHash,
          code,
          a1: a1?.id ?? "",
          a2: a2?.id ?? "",
          place: where,
          quadClass,
          goldstein,
          mentions,
          sources,
          articles,
          reported: added,
          toneSum: tone * weight,
          toneWeight: weight,
          file: this.fileIndex(file),
          line,
          sig1: a1?.sig ?? -1,
          sig2: a2?.sig ?? -1,
        },
        cite,
      );
    } else {
      i = found.i;
      this.report.merged++;
      t.merge(i, mentions, sources, articles, added, tone * weight, weight);
      const sigs1 = a1 && a1.sig !== found.sig1 ? addUnique(found.sigs1, a1.sig, 8) : found.sigs1;
      const sigs2 = a2 && a2.sig !== found.sig2 ? addUnique(found.sigs2, a2.sig, 8) : found.sigs2;
      if (sigs1 !== found.sigs1 || sigs2 !== found.sigs2) t.setSigs(i, sigs1, sigs2);
      t.cite(i, cite, undefined, found.ncites);
    }
    t.rowRead(gid, i);
  }

  /** Remove the dedupe table's scratch file. */
  close(): void {
    this.t.close();
  }

  /** Forget entities a row made before it turned out bad (they were not yet handed out). */
  private unmake(made: ImportItem[]): void {
    for (const item of made) {
      if (item.kind === "sources") {
        if (item.entity.id === this.sourceId(DATASET_SOURCE)) this.datasetSourceMade = false;
        else this.t.forgetSource(hash53(item.entity.url ?? ""));
      }
      if (item.kind === "places") this.placeNames.delete(item.entity.id);
      if (item.kind === "actors") this.actorNames.delete(item.entity.id);
    }
    // Lookups that point at what was just forgotten would skip making it again.
    for (const [k, id] of this.placeIds) if (!this.placeNames.has(id)) this.placeIds.delete(k);
    for (const [k, id] of this.actorIds) {
      if (!this.actorNames.has(id) && !this.isCurated(id)) this.actorIds.delete(k);
    }
  }

  private isCurated(id: string): boolean {
    for (const v of this.opts.states?.values() ?? []) if (v === id) return true;
    return false;
  }

  private noteText(note: MentionNote): string {
    const [sentence, a1, a2, action, confidence] = note;
    return (
      `Where GDELT found the event in this report: actor 1 ${located(a1)}, actor 2 ${located(a2)}, ` +
      `the action ${located(action)}${sentence > 0 ? ` (sentence ${sentence})` : ""}; GDELT's confidence ${confidence}%.`
    );
  }

  mentionRow(file: string, line: number, text: string): void {
    const f = text.split("\t");
    if (f.length !== GDELT_MENTION_COLUMNS) {
      const hint = f.length === GDELT_EVENT_COLUMNS ? " (is this an Events file? pass it as events)" : "";
      this.bad(file, line, undefined, `${f.length} columns, expected ${GDELT_MENTION_COLUMNS}${hint}`, text);
      return;
    }
    try {
      this.mapMention(f);
    } catch (err) {
      if (!(err instanceof RowProblem)) throw err;
      this.bad(file, line, err.column, err.message, text);
    }
  }

  private mapMention(f: string[]): void {
    const gid = intField(f, 1, "GLOBALEVENTID", 0, Number.MAX_SAFE_INTEGER);
    timeField(f, 2, "EventTimeDate");
    const when = timeField(f, 3, "MentionTimeDate");
    intField(f, 4, "MentionType", 1, 6);
    const sentence = intField(f, 7, "SentenceID", -1, Number.MAX_SAFE_INTEGER);
    const off1 = intField(f, 8, "Actor1CharOffset", -1, Number.MAX_SAFE_INTEGER);
    const off2 = intField(f, 9, "Actor2CharOffset", -1, Number.MAX_SAFE_INTEGER);
    const offA = intField(f, 10, "ActionCharOffset", -1, Number.MAX_SAFE_INTEGER);
    const confidence = intField(f, 12, "Confidence", 0, 100);
    const i = this.t.eventOfRow(gid);
    if (i === undefined) {
      bump(this.report, GDELT_SKIPPED.mentionNotInFiles);
      return;
    }
    const url = (f[5] ?? "").trim();
    const made: ImportItem[] = [];
    const source = url ? this.sourceFor(url, when, f[4] ?? "", made) : undefined;
    if (source === undefined) {
      bump(this.report, GDELT_SKIPPED.mentionNoUrl);
      return;
    }
    for (const item of made) this.pending.push(item);
    // offsets past int32 are kept at its largest value (as they always were)
    const cap = (n: number) => Math.min(n, 2 ** 31 - 1);
    this.t.cite(i, source, [cap(sentence), cap(off1), cap(off2), cap(offA), cap(confidence)]);
  }

  // -- events ----------------------------------------------------------------------------------

  /** Build and yield every event, in order of first appearance; invalid ones are bad lines. */
  *finish(): Generator<ImportItem> {
    for (const e of this.t.events()) {
      const entity = this.build(e);
      const ok = StoryEventSchema.safeParse(entity);
      if (!ok.success) {
        const issue = ok.error.issues[0];
        this.bad(
          this.files[e.file] ?? "",
          e.line,
          undefined,
          `the event made from this row is not valid: ${issue?.path.join(".")} ${issue?.message}`,
        );
        continue;
      }
      this.report.made.events = (this.report.made.events ?? 0) + 1;
      yield { kind: "events", entity: ok.data };
    }
  }

  private citation(source: number, note: MentionNote | undefined): Citation {
    return note
      ? { source: this.sourceId(source), note: this.noteText(note) }
      : { source: this.sourceId(source) };
  }

  /** A participant with the type codes and codings of every row merged into the event. */
  private participant(
    actor: string,
    role: "initiator" | "target",
    first: number,
    more: readonly number[] | undefined,
  ): StoryEvent["participants"][number] {
    const codes: string[] = [];
    const coded: string[] = [];
    for (const s of more ? [first, ...more] : [first]) {
      const sig = this.signatures[s];
      if (!sig) continue;
      for (const c of sig.codes) if (codes.length < 9 && !codes.includes(c)) codes.push(c);
      if (sig.coded !== "") coded.push(sig.coded);
    }
    return {
      actor,
      role,
      ...(coded.length > 0 ? { note: `GDELT coded this side as ${coded.join("; ")}.` } : {}),
      ...(codes.length > 0 ? { codes } : {}),
    };
  }

  private build(e: StagedEvent): StoryEvent {
    const { code, date, a1, a2, place, rows, mentions, sources, articles } = e;
    const reported = isoTime(e.reported);
    const kind: EventKind = cameoKind(code);
    const label = cameoLabel(code);
    const n1 = a1 ? (this.actorNames.get(a1) ?? a1) : "";
    const n2 = a2 ? (this.actorNames.get(a2) ?? a2) : "";
    const placeName = place ? this.placeNames.get(place) : undefined;
    const Label = `${label.charAt(0).toUpperCase()}${label.slice(1)}`;
    const tail = `${label} (CAMEO ${code})`;
    const title = n1
      ? `${n1}${n2 ? ` → ${n2}` : ""}: ${tail}`
      : n2
        ? `(unnamed) → ${n2}: ${tail}`
        : `${Label}${placeName ? ` in ${placeName}` : ""} (CAMEO ${code})`;

    const weight = e.toneWeight;
    const tone = Math.round(((weight > 0 ? e.toneSum / weight : 0) || 0) * 1e6) / 1e6;
    const goldstein = e.goldstein;
    const who =
      n1 && n2
        ? `: ${n1} as initiator, ${n2} as target`
        : n1
          ? `: ${n1} as initiator`
          : n2
            ? `: ${n2} as target`
            : "";
    // The first citation, then the rest (events rows, then mentions), in the order met.
    const citations: Citation[] = e.cites.map((c) => this.citation(c.source, c.note));
    const distinct = citations.length + e.overflow;
    let summary =
      `GDELT machine-coded this as CAMEO ${code} (${label})${who}, dated ${date}${placeName ? `, at ${placeName}` : ""}. ` +
      (rows === 1
        ? `It rests on one coded row, counting ${mentions} mentions in ${sources} sources and ${articles} articles; `
        : `It merges ${rows} coded rows, together counting ${mentions} mentions in ${sources} sources and ${articles} articles; `) +
      `Goldstein score ${goldstein}, average tone ${tone.toFixed(2)}. First recorded by GDELT at ${reported}.`;
    if (distinct > citations.length) {
      summary += ` Reported at ${distinct} distinct web addresses; the first ${citations.length} are cited.`;
    }

    const participants: StoryEvent["participants"] = [];
    if (a1) participants.push(this.participant(a1, "initiator", e.sig1, e.sigs1));
    if (a2) participants.push(this.participant(a2, "target", e.sig2, e.sigs2));
    return {
      id: `${this.d}-${date}-${hex(e.keyHash)}`,
      kind,
      title,
      summary,
      date,
      dateVariants: [],
      status: "reported",
      participants,
      places: place ? [place] : [],
      routes: [],
      quantities: [],
      links: [],
      tags: ["gdelt", `cameo-${code.slice(0, 2)}`],
      coding: {
        system: "cameo",
        code,
        quadClass: e.quadClass,
        goldstein,
        mentions,
        sources,
        articles,
        tone,
        rows,
        reported,
      },
      citations,
    };
  }
}
