/**
 * The loader: data directories of YAML, JSON and JSON-lines files → one validated Dataset, or
 * every problem found, each with `file:line:col`, the field path and a message. Never
 * half-loads. What it reads, and how much, is decided in safe-fs.ts.
 */
import { createHash } from "node:crypto";
import { closeSync, statSync } from "node:fs";
import path from "node:path";
import {
  anchorFailure,
  anchorQuote,
  applyStatements,
  checkIntegrity,
  closestIds,
  type Dataset,
  ENTITY_KINDS,
  ENTITY_SCHEMAS,
  type Entity,
  type EntityKind,
  forEachCitation,
  formatPath,
  IdSchema,
  type Provenance,
  SINGULAR,
  type Statement,
  type StatementInput,
  splitParagraphs,
  statementSchemaFor,
} from "@dealmap/domain";
import { isSeq } from "yaml";
import type * as z from "zod";
import { builtinDataDir } from "./builtin-dir.ts";
import { readJsonLines, readLineAt } from "./json-lines.ts";
import { checkJson, locateJson } from "./json-text.ts";
import {
  DirWalk,
  displayPath,
  type Entry,
  formatBytes,
  LIMITS,
  openRegular,
  openRoot,
  readCapped,
  reason,
} from "./safe-fs.ts";
import { loadSourceTexts } from "./sources.ts";
import { bytePosition, decodeUtf8 } from "./utf8.ts";
import { locateKey, locatePath, type ParsedFile, type Position, parseText } from "./yaml-file.ts";

/** One thing wrong with the input. */
export interface LoadProblem {
  /** The file, relative to the working directory when inside it, else absolute. */
  file: string;
  /** 1-based line (1 when the problem is with the file or folder as a whole). */
  line: number;
  /** 1-based column (1 when the problem is with the file or folder as a whole). */
  col: number;
  /**
   * Where in the file: `[2].participants[0].actor` is field `participants[0].actor` of the
   * third entity (index 2) of the file's list. In a `.jsonl` file the line is the entity, so
   * the path starts at its field: `participants[0].actor`. `-` (NO_FIELD) for problems with
   * the file as a whole, with its syntax or its encoding.
   */
  path: string;
  message: string;
  /** Collection of the entity concerned, when there is one. */
  kind?: EntityKind;
  /** Id of the entity concerned, when it has a valid one. */
  id?: string;
}

/** Where an entity (or one of its fields) is written. */
export interface Location {
  file: string;
  line: number;
  col: number;
}

export type LoadResult =
  | {
      ok: true;
      dataset: Dataset;
      /** The datasets loaded, one per directory, in order ("built-in" for the shipped data). */
      datasets: string[];
      /**
       * Where the merged entities' values came from: the datasets behind each entity, the values
       * other datasets added, disputes, and ids merged away by a same-as (see `applyStatements`).
       */
      provenance: Provenance;
      /**
       * Each dataset apart, by name: its own entities as it wrote them (before any merge) and
       * its statements — what `export --dataset` writes.
       */
      parts(): Record<string, DatasetPart>;
      /** Every data file read, in the order read (display form, as in problems). */
      files: string[];
      /**
       * Where entity `id` (or its field at `path`) is written. Reads the file again when its
       * parse is no longer kept (large data), so it may cost a file read.
       */
      locate(id: string, path?: (string | number)[]): Location | undefined;
    }
  | { ok: false; problems: LoadProblem[] };

/** One dataset apart: its own entities as written, and its statements about others'. */
export interface DatasetPart {
  entities: Dataset;
  statements: Statement[];
}

/** `file:line:col  field.path  message` (two spaces between the parts). */
export function formatProblem(p: LoadProblem): string {
  return `${p.file}:${p.line}:${p.col}  ${p.path}  ${p.message}`;
}

/** The path shown for problems with a file or folder as a whole, or with its syntax. */
export const NO_FIELD = "-";

const DOCUMENT_EXT = new Set([".yaml", ".yml", ".json"]);
const LINES_EXT = ".jsonl";
const KIND_SET = new Set<string>(ENTITY_KINDS);
const KINDS = ENTITY_KINDS.join(", ");
/** The folder of a data directory that holds its sources' texts, `texts/<source-id>.txt`. */
export const TEXTS_DIR = "texts";
/** The folder of a data directory that holds statements about other datasets' entities. */
export const STATEMENTS_DIR = "statements";
/** The name of the built-in data's dataset. */
export const BUILTIN_DATASET = "built-in";

/** A data directory's dataset name: "built-in" for the shipped data, else the folder's name. */
export function datasetNameOf(dir: string): string {
  const abs = path.resolve(dir);
  return abs === path.resolve(builtinDataDir) ? BUILTIN_DATASET : path.basename(abs);
}
const TEXTS_HINT = "source texts go in texts/<source-id>.txt, or in the folder named by DEALMAP_SOURCES";
/** Files of an unknown folder named one by one; the rest are counted. */
const UNKNOWN_NAMED = 10;
/** Parsed YAML documents kept for positions, by size of their text; the rest are read again. */
const DOC_CACHE_BYTES = 1024 * 1024;

/** A source text beside the data: `texts/<source-id>.txt`. */
interface TextFile {
  abs: string;
  real: string;
  display: string;
  /** The source it is the text of: the file name without `.txt`. */
  sourceId: string;
}

interface DataFile {
  /** Path as reached from the data directory as given. */
  abs: string;
  /** Real path: what is opened. */
  real: string;
  /** How problems name it. */
  display: string;
  /** Path inside its data directory (the sort key). */
  rel: string;
  format: "document" | "lines";
  /** The collection of its entities; unset for a .jsonl file at the top (each line names it). */
  kind?: EntityKind;
  /** A file of statements (in statements/), not of entities. */
  statements?: true;
  /** Index of its data directory in the list given. */
  dir: number;
}

/**
 * List a data directory's files in sorted path order, under the rule of safe-fs.ts; layout
 * mistakes and refused entries become problems.
 */
function discover(
  dir: string,
  dirIndex: number,
  problems: LoadProblem[],
  texts: TextFile[] = [],
): DataFile[] {
  const rootAbs = path.resolve(dir);
  const whole = (abs: string, message: string) =>
    problems.push({ file: displayPath(abs), line: 1, col: 1, path: NO_FIELD, message });
  const root = openRoot(rootAbs);
  if ("problem" in root) {
    whole(rootAbs, root.problem);
    return [];
  }
  const walk = new DirWalk(rootAbs, root.real);
  const found: DataFile[] = [];
  const add = (e: Entry, format: DataFile["format"], kind?: EntityKind) => {
    const file: DataFile = {
      abs: e.abs,
      real: e.real,
      display: displayPath(e.abs),
      rel: walk.rel(e.abs),
      format,
      dir: dirIndex,
    };
    if (kind) file.kind = kind;
    found.push(file);
  };
  for (const ent of walk.list(rootAbs) ?? []) {
    const e = walk.take(ent, rootAbs, root.real);
    if (walk.stopped) break;
    if (!e) continue;
    if (e.type === "dir" && e.name === TEXTS_DIR) {
      walk.tree(e.abs, e.real, 1, (f) => {
        const ext = path.extname(f.name);
        if (ext === ".txt" && path.dirname(f.abs) === e.abs) {
          texts.push({
            abs: f.abs,
            real: f.real,
            display: displayPath(f.abs),
            sourceId: f.name.slice(0, -4),
          });
        } else {
          walk.refuse(
            f.abs,
            "not a source text: texts/ holds one UTF-8 file per source, named <source-id>.txt, and no folders",
          );
        }
      });
    } else if (e.type === "dir" && e.name === STATEMENTS_DIR) {
      walk.tree(e.abs, e.real, 1, (f) => {
        const ext = path.extname(f.name).toLowerCase();
        const format = DOCUMENT_EXT.has(ext) ? "document" : ext === LINES_EXT ? "lines" : undefined;
        if (!format)
          return walk.refuse(
            f.abs,
            "not a statements file: files in statements/ end in .yaml, .yml, .json or .jsonl",
          );
        add(f, format);
        (found[found.length - 1] as DataFile).statements = true;
      });
    } else if (e.type === "dir" && KIND_SET.has(e.name)) {
      const kind = e.name as EntityKind;
      walk.tree(e.abs, e.real, 1, (f) => {
        const ext = path.extname(f.name).toLowerCase();
        if (DOCUMENT_EXT.has(ext)) add(f, "document", kind);
        else if (ext === LINES_EXT) add(f, "lines", kind);
        else
          walk.refuse(
            f.abs,
            `not a data file: files in a collection folder end in .yaml, .yml, .json or .jsonl (${TEXTS_HINT})`,
          );
      });
    } else if (e.type === "dir") {
      // Name the files that would be lost, not just the folder (the first few, then a count).
      const message = `unknown folder "${e.name}": a data directory holds only the folders ${KINDS}, ${STATEMENTS_DIR} and ${TEXTS_DIR}`;
      let named = 0;
      let more = 0;
      walk.tree(e.abs, e.real, 1, (f) => {
        if (named < UNKNOWN_NAMED) {
          walk.refuse(f.abs, message);
          named++;
        } else more++;
      });
      if (named === 0) walk.refuse(e.abs, message);
      if (more > 0) walk.refuse(e.abs, `${message} (and ${more} more files in it, not listed)`);
    } else if (path.extname(e.name).toLowerCase() === LINES_EXT) {
      add(e, "lines");
    } else {
      walk.refuse(
        e.abs,
        `file outside a collection folder: put it in one of ${KINDS} (only .jsonl files, whose lines name their collection, sit at the top; ${TEXTS_HINT})`,
      );
    }
  }
  for (const p of walk.problems) whole(p.abs, p.message);
  found.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  return found;
}

/** A data file the loader would read, with what a cache key needs. */
export interface DataFileStamp {
  /** As problems name it. */
  file: string;
  /** Real path (no symbolic link in it). */
  real: string;
  size: number;
  mtimeMs: number;
}

/**
 * The data files of a directory, found under the same rule and caps as `loadDataset` but not
 * read: for a cache key (path, size and modification time of each). `problems` lists what the
 * walk refused; when it is not empty the directory would not load anyway.
 */
export function listDataFiles(dir: string): { files: DataFileStamp[]; problems: LoadProblem[] } {
  const problems: LoadProblem[] = [];
  const files: DataFileStamp[] = [];
  const texts: TextFile[] = [];
  // source texts are part of what a load depends on (quotes anchor in them)
  for (const f of [...discover(dir, 0, problems, texts), ...texts]) {
    try {
      const st = statSync(f.real);
      files.push({ file: f.display, real: f.real, size: st.size, mtimeMs: st.mtimeMs });
    } catch (err) {
      problems.push({
        file: f.display,
        line: 1,
        col: 1,
        path: NO_FIELD,
        message: `cannot read: ${reason(err)}`,
      });
    }
  }
  return { files, problems };
}

/** Read a YAML/JSON document again (for a position); undefined when that fails. */
function reparse(file: DataFile): ParsedFile | undefined {
  const opened = openRegular(file.real, LIMITS.documentBytes, "a .yaml, .yml or .json file");
  if ("problem" in opened) return undefined;
  const bytes = readCapped(opened.fd, opened.size, LIMITS.documentBytes, "a .yaml, .yml or .json file");
  if (!Buffer.isBuffer(bytes)) return undefined;
  const text = decodeUtf8(bytes);
  return typeof text === "string" ? parseText(text, file.real, file.display) : undefined;
}

/**
 * Positions of entities and fields. YAML documents are kept parsed while they are small in
 * total, else read again on demand; a `.jsonl` line is read again from its byte offset.
 */
class Positions {
  private readonly docs = new Map<number, { doc: ParsedFile; bytes: number }>();
  private docBytes = 0;
  /** The .jsonl line being read right now. */
  current: { file: number; offset: number; text: string } | undefined;

  constructor(private readonly files: DataFile[]) {}

  keep(fileIndex: number, doc: ParsedFile, bytes: number): void {
    const old = this.docs.get(fileIndex);
    if (old) this.docBytes -= old.bytes;
    this.docs.delete(fileIndex);
    this.docs.set(fileIndex, { doc, bytes });
    this.docBytes += bytes;
    for (const [k, v] of this.docs) {
      if (this.docBytes <= DOC_CACHE_BYTES || this.docs.size <= 1) break;
      this.docs.delete(k);
      this.docBytes -= v.bytes;
    }
  }

  private doc(fileIndex: number): ParsedFile | undefined {
    const hit = this.docs.get(fileIndex);
    if (hit) return hit.doc;
    const file = this.files[fileIndex] as DataFile;
    const doc = reparse(file);
    if (doc) this.keep(fileIndex, doc, doc.doc.range?.[2] ?? 0);
    return doc;
  }

  /** Position of `path` in entity `index` (list index, or line of a .jsonl file). */
  at(
    fileIndex: number,
    index: number,
    offset: number,
    p: readonly (string | number)[],
    key = false,
  ): Position {
    const file = this.files[fileIndex] as DataFile;
    if (file.format === "lines") {
      const cur = this.current;
      const text =
        cur && cur.file === fileIndex && cur.offset === offset ? cur.text : readLineAt(file.real, offset);
      return { line: index, col: text === undefined ? 1 : locateJson(text, p, key) + 1 };
    }
    const doc = this.doc(fileIndex);
    if (!doc) return { line: 1, col: 1 };
    const full = [index, ...p];
    return key ? locateKey(doc, full) : locatePath(doc, full);
  }
}

function rawId(raw: unknown): string | undefined {
  if (raw && typeof raw === "object" && "id" in raw) {
    const id = (raw as { id: unknown }).id;
    if (IdSchema.safeParse(id).success) return id as string;
  }
  return undefined;
}

function valueAt(root: unknown, p: readonly (string | number)[]): unknown {
  let v: unknown = root;
  for (const seg of p) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

/**
 * Strings of this length are shared between entities: references, kinds, dates, tags. JSON.parse
 * already shares strings of up to 10 characters, so only longer ones need the pool.
 */
const INTERN_MIN = 11;
const INTERN_MAX = 48;

/**
 * The one empty list of every loaded entity. Most lists of an entity are empty (date variants,
 * quantities, links, routes…), and an empty array costs 32 bytes: sharing one saves about
 * 110 MB for a million events. It is frozen, so a caller that tried to add to it would fail
 * loudly instead of adding to every entity at once; loaded datasets are read-only values.
 */
const EMPTY_LIST: unknown[] = Object.freeze([]) as unknown as unknown[];

/**
 * Make equal short strings one string, and every empty list the shared one. A million events
 * name the same few thousand actors, places and sources; one copy of each reference per event
 * costs more memory than anything else the loader keeps (about 120 MB for a million events).
 * Ids are unique: left alone.
 */
function intern(value: unknown, pool: Map<string, string>): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (typeof v === "string") {
        if (v.length >= INTERN_MIN && v.length <= INTERN_MAX) {
          const s = pool.get(v);
          if (s === undefined) pool.set(v, v);
          else value[i] = s;
        }
      } else if (typeof v === "object" && v !== null) {
        if (Array.isArray(v) && v.length === 0) value[i] = EMPTY_LIST;
        else intern(v, pool);
      }
    }
    return;
  }
  const o = value as Record<string, unknown>;
  for (const key in o) {
    const v = o[key];
    if (typeof v === "string") {
      if (v.length >= INTERN_MIN && v.length <= INTERN_MAX && key !== "id") {
        const s = pool.get(v);
        if (s === undefined) pool.set(v, v);
        else o[key] = s;
      }
    } else if (typeof v === "object" && v !== null) {
      if (Array.isArray(v) && v.length === 0) o[key] = EMPTY_LIST;
      else intern(v, pool);
    }
  }
}

/**
 * One record per entity read: its collection, file, place in the file (list index, or line of
 * a .jsonl file) and the byte offset of its line. Typed columns that double as they fill:
 * a million records take 17 MB, a tenth of what objects would.
 */
class Records {
  length = 0;
  kind = new Uint8Array(1024);
  file = new Int32Array(1024);
  index = new Int32Array(1024);
  offset = new Float64Array(1024);

  push(kind: number, file: number, index: number, offset: number): number {
    if (this.length === this.kind.length) {
      const n = this.length * 2;
      const grow = <T extends Uint8Array | Int32Array | Float64Array>(a: T, b: T): T => {
        b.set(a);
        return b;
      };
      this.kind = grow(this.kind, new Uint8Array(n));
      this.file = grow(this.file, new Int32Array(n));
      this.index = grow(this.index, new Int32Array(n));
      this.offset = grow(this.offset, new Float64Array(n));
    }
    const r = this.length++;
    this.kind[r] = kind;
    this.file[r] = file;
    this.index[r] = index;
    this.offset[r] = offset;
    return r;
  }
}

const KIND_INDEX = new Map<string, number>(ENTITY_KINDS.map((k, i) => [k, i]));

/** Bytes one data directory may still read: all data files, and YAML/JSON documents. */
interface Budget {
  left: number;
  documentsLeft: number;
}

/**
 * Load and validate one or more data directories (merged in the order given: built-in first,
 * then the user's). Returns the dataset only when there is no problem at all.
 */
export function loadDataset(dirs: string | string[], options: LoadOptions = {}): LoadResult {
  const dirList = Array.isArray(dirs) ? dirs : [dirs];
  const textFiles: TextFile[] = [];
  const problems: LoadProblem[] = [];
  const files: DataFile[] = [];
  const positions = new Positions(files);

  const rec = new Records();
  const kindOf = (r: number) => ENTITY_KINDS[rec.kind[r] as number] as EntityKind;
  const positionOf = (r: number, p: readonly (string | number)[], key = false) =>
    positions.at(rec.file[r] as number, rec.index[r] as number, rec.offset[r] as number, p, key);
  /** Id → record of its first use, while reading (for duplicates). */
  let seenIds: Map<string, number> | undefined = new Map();
  /** Records of the entities in `merged`, in the same order. */
  const mergedRecords = Object.fromEntries(ENTITY_KINDS.map((k) => [k, [] as number[]])) as Record<
    EntityKind,
    number[]
  >;
  const failedIds = new Set<string>();
  const merged = Object.fromEntries(ENTITY_KINDS.map((k) => [k, []])) as unknown as Record<
    EntityKind,
    Entity[]
  >;
  const pool = new Map<string, string>();

  // Problems per file (by index in `files`), so one broken file cannot flood the list.
  const perFile: number[] = [];
  const hidden: number[] = [];
  const report = (fileIndex: number, problem: LoadProblem) => {
    const n = (perFile[fileIndex] ?? 0) + 1;
    perFile[fileIndex] = n;
    if (n <= LIMITS.problemsPerFile) problems.push(problem);
    else hidden[fileIndex] = (hidden[fileIndex] ?? 0) + 1;
  };

  const pathLabel = (file: DataFile, index: number, p: readonly (string | number)[]) =>
    (file.format === "lines" ? formatPath(p) : formatPath([index, ...p])) || NO_FIELD;

  /** A problem with a field of entity record `r`. */
  const at = (r: number, p: readonly (string | number)[], message: string, id?: string, key = false) => {
    const fileIndex = rec.file[r] as number;
    const file = files[fileIndex] as DataFile;
    const kind = kindOf(r);
    const pos = positionOf(r, p, key);
    // Name the entity unless the problem is its id itself: the id is how curators search.
    const named = id && p[p.length - 1] !== "id" ? `${message} — ${SINGULAR[kind]} "${id}"` : message;
    const problem: LoadProblem = {
      file: file.display,
      line: pos.line,
      col: pos.col,
      path: pathLabel(file, rec.index[r] as number, p),
      message: named,
      kind,
    };
    if (id) problem.id = id;
    report(fileIndex, problem);
  };

  /** Validate one entity, record it, and check its id against every id seen so far. */
  const addEntity = (fileIndex: number, index: number, offset: number, raw: unknown, kind: EntityKind) => {
    const r = rec.push(KIND_INDEX.get(kind) as number, fileIndex, index, offset);
    const result = ENTITY_SCHEMAS[kind].safeParse(raw);
    let id: string | undefined;
    let parsed: Entity | undefined;
    if (result.success) {
      parsed = result.data as Entity;
      intern(parsed, pool);
      id = parsed.id;
    } else {
      id = rawId(raw);
      if (id) failedIds.add(id);
      for (const issue of result.error.issues) {
        const base = issue.path as (string | number)[];
        if (issue.code === "unrecognized_keys") {
          for (const key of issue.keys) at(r, [...base, key], `unknown field "${key}"`, id, true);
        } else at(r, base, describeIssue(issue, raw, kind), id);
      }
    }
    if (!id) return;
    const first = seenIds?.get(id);
    if (first === undefined) {
      seenIds?.set(id, r);
      if (parsed) {
        merged[kind].push(parsed);
        mergedRecords[kind].push(r);
      }
      return;
    }
    const firstFile = files[rec.file[first] as number] as DataFile;
    const pos = positionOf(first, ["id"]);
    at(
      r,
      ["id"],
      `duplicate id "${id}": already used by the ${SINGULAR[kindOf(first)]} at ${firstFile.display}:${pos.line}:${pos.col}`,
      id,
    );
  };

  /** Statements read, with where each stands (file, item, line offset) for problems. */
  const statements: StatementInput[] = [];
  const statementAt: { file: number; index: number; offset: number }[] = [];
  const statementProblem = (ref: number, p: readonly (string | number)[], message: string, key = false) => {
    const where = statementAt[ref] as { file: number; index: number; offset: number };
    const file = files[where.file] as DataFile;
    const pos = positions.at(where.file, where.index, where.offset, p, key);
    report(where.file, {
      file: file.display,
      line: pos.line,
      col: pos.col,
      path: pathLabel(file, where.index, p),
      message,
    });
  };
  const addStatement = (fileIndex: number, index: number, offset: number, raw: unknown) => {
    const ref = statementAt.length;
    statementAt.push({ file: fileIndex, index, offset });
    const schema = statementSchemaFor(raw);
    if (!schema) {
      statementProblem(
        ref,
        [],
        "not a statement: give `about` with `add` (values added to another dataset's entity) or `dispute`, or `id` with `sameAs`",
      );
      return;
    }
    const result = schema.safeParse(raw);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const base = issue.path as (string | number)[];
        if (issue.code === "unrecognized_keys") {
          for (const key of issue.keys) statementProblem(ref, [...base, key], `unknown field "${key}"`, true);
        } else statementProblem(ref, base, issue.message);
      }
      return;
    }
    const dir = (files[fileIndex] as DataFile).dir;
    statements.push({ dataset: datasetNameOf(dirList[dir] as string), statement: result.data, ref });
  };

  const readDocument = (fileIndex: number, file: DataFile, budget: Budget) => {
    const whole = (line: number, col: number, message: string) =>
      report(fileIndex, { file: file.display, line, col, path: NO_FIELD, message });
    const what = "a .yaml, .yml or .json file (large data goes in .jsonl files)";
    const opened = openRegular(file.real, LIMITS.documentBytes, what);
    if ("problem" in opened) return whole(1, 1, opened.problem);
    if (opened.size > budget.left || opened.size > budget.documentsLeft) {
      closeSync(opened.fd);
      return whole(1, 1, opened.size > budget.left ? overBudget(file) : overDocuments(file));
    }
    const cap = Math.min(LIMITS.documentBytes, budget.left, budget.documentsLeft);
    const bytes = readCapped(opened.fd, opened.size, cap, what);
    if (!Buffer.isBuffer(bytes)) return whole(1, 1, bytes.problem);
    budget.left -= bytes.length;
    budget.documentsLeft -= bytes.length;
    const text = decodeUtf8(bytes);
    if (typeof text !== "string") {
      const pos = bytePosition(bytes, text.offset);
      return whole(pos.line, pos.col, text.message);
    }
    let doc: ParsedFile;
    try {
      doc = parseText(text, file.real, file.display);
    } catch (err) {
      return whole(1, 1, `cannot read the YAML: ${(err as Error).message}`);
    }
    positions.keep(fileIndex, doc, text.length);
    if (doc.errors.length > 0) {
      for (const e of doc.errors) whole(e.pos.line, e.pos.col, e.message);
      return;
    }
    const kind = file.kind as EntityKind;
    const folder = file.statements ? STATEMENTS_DIR : kind;
    const contents = doc.doc.contents;
    if (contents === null || (contents && "value" in contents && contents.value === null)) return; // empty
    if (!isSeq(contents)) {
      const pos = locatePath(doc, []);
      return whole(
        pos.line,
        pos.col,
        `a file in ${folder}/ holds a list of ${folder} (a YAML sequence of mappings)`,
      );
    }
    let list: unknown[];
    try {
      list = doc.doc.toJS({ maxAliasCount: 1000 }) as unknown[];
    } catch (err) {
      const pos = locatePath(doc, []);
      return whole(pos.line, pos.col, `cannot read the YAML: ${(err as Error).message}`);
    }
    list.forEach((raw, index) => {
      if (file.statements) addStatement(fileIndex, index, 0, raw);
      else addEntity(fileIndex, index, 0, raw, kind);
    });
  };

  const dirShown = (file: DataFile) => displayPath(path.resolve(dirList[file.dir] as string));
  const overBudget = (file: DataFile) =>
    `the data files of ${dirShown(file)} add up to more than ${formatBytes(LIMITS.dataBytes)}, the limit for one data directory; this file was not read`;
  const overDocuments = (file: DataFile) =>
    `the .yaml, .yml and .json files of ${dirShown(file)} add up to more than ${formatBytes(LIMITS.documentsBytes)}, the limit for one data directory (large data goes in .jsonl files); this file was not read`;

  const readLines = (fileIndex: number, file: DataFile, budget: Budget) => {
    const whole = (line: number, col: number, message: string) => {
      report(fileIndex, { file: file.display, line, col, path: NO_FIELD, message });
      return true;
    };
    const opened = openRegular(file.real, Number.MAX_SAFE_INTEGER, "a .jsonl file");
    if ("problem" in opened) return whole(1, 1, opened.problem);
    if (opened.size > budget.left) {
      closeSync(opened.fd);
      return whole(1, 1, overBudget(file));
    }
    const folder = file.kind;
    try {
      budget.left -= readJsonLines(opened.fd, budget.left, "the data files of one data directory", {
        problem: whole,
        line(line, offset, text) {
          if ((perFile[fileIndex] ?? 0) >= LIMITS.problemsPerFile) {
            problems.push({
              file: file.display,
              line,
              col: 1,
              path: NO_FIELD,
              message: `more than ${LIMITS.problemsPerFile} problems in this file: it was not checked past this line`,
            });
            return false;
          }
          positions.current = { file: fileIndex, offset, text };
          const bad = checkJson(text);
          if (bad) return whole(line, bad.offset + 1, `invalid JSON: ${bad.message}`);
          const raw: unknown = JSON.parse(text);
          if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
            return whole(
              line,
              locateJson(text, []) + 1,
              `each line of a .jsonl file is one entity, a JSON object {…}, not ${typeName(raw)}`,
            );
          }
          if (file.statements) {
            addStatement(fileIndex, line, offset, raw);
            return true;
          }
          let entity = raw as Record<string, unknown>;
          let kind = folder;
          if ("collection" in entity) {
            const { collection: c, ...rest } = entity;
            if (typeof c !== "string" || !KIND_SET.has(c)) {
              return whole(
                line,
                locateJson(text, ["collection"]) + 1,
                `unknown collection ${JSON.stringify(c)}: one of ${KINDS}`,
              );
            }
            if (folder && c !== folder) {
              return whole(
                line,
                locateJson(text, ["collection"]) + 1,
                `"collection" is "${c}", but this file is in the ${folder} folder`,
              );
            }
            kind = c as EntityKind;
            entity = rest;
          } else if (!kind) {
            return whole(
              line,
              locateJson(text, []) + 1,
              `missing "collection": at the top of a data directory, each line of a .jsonl file names its collection (one of ${KINDS})`,
            );
          }
          addEntity(fileIndex, line, offset, entity, kind);
          return true;
        },
      });
    } finally {
      positions.current = undefined;
      closeSync(opened.fd);
    }
    return true;
  };

  // 1. find every file, then read each: syntax, encoding, each entity against its schema,
  //    and ids unique across files, directories and kinds
  dirList.forEach((dir, dirIndex) => {
    const budget: Budget = { left: LIMITS.dataBytes, documentsLeft: LIMITS.documentsBytes };
    for (const file of discover(dir, dirIndex, problems, textFiles)) {
      const fileIndex = files.length;
      files.push(file);
      if (file.format === "lines") readLines(fileIndex, file, budget);
      else readDocument(fileIndex, file, budget);
    }
  });

  // 2. integrity over what parsed. References to entities that failed their schema are not
  //    reported again as dangling: the schema problem already names them. The entities have
  //    each passed their own schema, so the dataset is their lists as they are.
  let dataset = merged as unknown as Dataset;
  // The integrity check builds its own map of every id: let go of ours first (a million ids
  // take tens of MB), and map ids to records again only when a position is asked for.
  seenIds = undefined;
  let recordOf: Map<string, number> | undefined;
  const recordById = (id: string) => {
    if (!recordOf) {
      recordOf = new Map();
      for (const k of ENTITY_KINDS) {
        const list = merged[k];
        const recs = mergedRecords[k];
        for (let j = 0; j < list.length; j++) recordOf.set((list[j] as Entity).id, recs[j] as number);
      }
    }
    return recordOf.get(id);
  };
  // 1b. statements: same-as merges, additions, disputes; the merged dataset goes on to the
  //     checks below, and every value another dataset added keeps its name
  let provenance: Provenance | undefined;
  if (statements.length > 0) {
    const definedIn = (id: string) => {
      const r = recordById(id);
      return r === undefined
        ? undefined
        : datasetNameOf(dirList[(files[rec.file[r] as number] as DataFile).dir] as string);
    };
    const applied = applyStatements(dataset, definedIn, statements);
    for (const p of applied.problems) statementProblem(p.ref, p.path, p.message);
    dataset = applied.dataset;
    provenance = applied.provenance;
  }

  // 2a. source texts: beside the data (texts/, trusted, filling textSha256 and paragraphs) and
  //     kept elsewhere (DEALMAP_SOURCES, used only when the hash matches); then every quote is
  //     anchored and every span checked against the text it points into
  const texts = readTexts(textFiles, dataset, problems, (id, p, message) => {
    const r = recordById(id);
    if (r !== undefined) at(r, p, message, id);
  });
  const elsewhere =
    options.sources === undefined ? process.env.DEALMAP_SOURCES || undefined : options.sources;
  if (elsewhere) {
    for (const [id, paragraphs] of loadSourceTexts(elsewhere, dataset).texts) {
      if (!texts.has(id)) texts.set(id, paragraphs);
    }
  }
  if (texts.size > 0) {
    checkAgainstTexts(dataset, texts, (id, p, message) => {
      const r = recordById(id);
      if (r !== undefined) at(r, p, message, id);
    });
  }

  let entityById: Map<string, Entity> | undefined;
  for (const p of checkIntegrity(dataset)) {
    const r = recordById(p.id);
    if (r === undefined || kindOf(r) !== p.kind) continue; // duplicates: already reported
    if (failedIds.size > 0) {
      entityById ??= new Map(ENTITY_KINDS.flatMap((k) => merged[k].map((e) => [e.id, e] as const)));
      const target = valueAt(entityById.get(p.id), p.path);
      if (typeof target === "string" && failedIds.has(target)) continue;
    }
    at(r, p.path, p.message, p.id);
  }

  if (problems.length === 0) {
    const fileNames = files.map((f) => f.display);
    return {
      ok: true,
      dataset,
      datasets: dirList.map(datasetNameOf),
      provenance: provenance ?? { datasets: {}, values: {}, disputes: {}, sameAs: {} },
      parts() {
        const out: Record<string, DatasetPart> = {};
        const partOf = (name: string) => {
          let part = out[name];
          if (!part) {
            part = {
              entities: Object.fromEntries(ENTITY_KINDS.map((k) => [k, []])) as unknown as Dataset,
              statements: [],
            };
            out[name] = part;
          }
          return part;
        };
        for (const name of dirList.map(datasetNameOf)) partOf(name);
        for (const k of ENTITY_KINDS) {
          const recs = mergedRecords[k];
          merged[k].forEach((e, j) => {
            const dir = (files[rec.file[recs[j] as number] as number] as DataFile).dir;
            (partOf(datasetNameOf(dirList[dir] as string)).entities[k] as Entity[]).push(e);
          });
        }
        for (const x of statements) partOf(x.dataset).statements.push(x.statement);
        return out;
      },
      files: fileNames,
      locate(id, fieldPath = []) {
        const r = recordById(id);
        if (r === undefined) return undefined;
        const file = files[rec.file[r] as number] as DataFile;
        const pos = positionOf(r, fieldPath);
        return { file: file.display, line: pos.line, col: pos.col };
      },
    };
  }

  // Order problems by file (in read order), then position, so a curator reads top to bottom;
  // a file with too many problems ends with how many were left out.
  const order = new Map<string, number>();
  files.forEach((f, i) => {
    if (!order.has(f.display)) order.set(f.display, i);
  });
  const rank = (p: LoadProblem) => order.get(p.file) ?? -1;
  problems.sort((x, y) => rank(x) - rank(y) || x.line - y.line || x.col - y.col);
  if (hidden.length > 0) {
    const out: LoadProblem[] = [];
    const summary = (fileIndex: number) => {
      const n = hidden[fileIndex];
      const file = files[fileIndex];
      if (n && file) {
        out.push({
          file: file.display,
          line: 1,
          col: 1,
          path: NO_FIELD,
          message: `and ${n} more problems in this file, not listed (at most ${LIMITS.problemsPerFile} are)`,
        });
      }
    };
    let last = -1;
    for (const p of problems) {
      const f = rank(p);
      if (f !== last && last >= 0) summary(last);
      last = f;
      out.push(p);
    }
    if (last >= 0) summary(last);
    return { ok: false, problems: out };
  }
  return { ok: false, problems };
}

/** Options of {@link loadDataset}. */
export interface LoadOptions {
  /**
   * A folder of source texts kept outside the data directories (read by `loadSourceTexts`: a
   * text there is used only when its SHA-256 matches a source's `textSha256`). Defaults to
   * `$DEALMAP_SOURCES`; "" for none.
   */
  sources?: string;
}

type FieldProblem = (id: string, path: (string | number)[], message: string) => void;

/**
 * Read the texts beside the data, check them against their sources, and fill in a source's
 * `textSha256` and `paragraphs` when it leaves them out. Returns source id → paragraphs.
 */
function readTexts(
  files: readonly TextFile[],
  dataset: Dataset,
  problems: LoadProblem[],
  field: FieldProblem,
): Map<string, string[]> {
  const texts = new Map<string, string[]>();
  const sources = new Map(dataset.sources.map((s) => [s.id, s]));
  const where = new Map<string, string>();
  for (const t of files) {
    const whole = (line: number, col: number, message: string) =>
      problems.push({ file: t.display, line, col, path: NO_FIELD, message });
    const source = sources.get(t.sourceId);
    if (!source) {
      const near = closestIds(t.sourceId, [...sources.keys()]);
      whole(
        1,
        1,
        `no source "${t.sourceId}" for this text: texts/ holds <source-id>.txt for sources of the data${near.length ? `; did you mean ${near.map((x) => `"${x}.txt"`).join(", ")}?` : ""}`,
      );
      continue;
    }
    const first = where.get(t.sourceId);
    if (first) {
      whole(1, 1, `a second text for source "${t.sourceId}": already read from ${first}`);
      continue;
    }
    where.set(t.sourceId, t.display);
    const opened = openRegular(t.real, LIMITS.sourceTextBytes, "a source text");
    if ("problem" in opened) {
      whole(1, 1, opened.problem);
      continue;
    }
    const bytes = readCapped(opened.fd, opened.size, LIMITS.sourceTextBytes, "a source text");
    if (!Buffer.isBuffer(bytes)) {
      whole(1, 1, bytes.problem);
      continue;
    }
    const text = decodeUtf8(bytes);
    if (typeof text !== "string") {
      const pos = bytePosition(bytes, text.offset);
      whole(pos.line, pos.col, text.message);
      continue;
    }
    const sha = createHash("sha256").update(bytes).digest("hex");
    const paragraphs = splitParagraphs(text);
    let ok = true;
    if (source.textSha256 !== undefined && source.textSha256 !== sha) {
      ok = false;
      field(
        source.id,
        ["textSha256"],
        `differs from the SHA-256 of ${t.display} (${sha}): the text changed since its citations were written; check them, then update textSha256 (or leave it out to take the text as it is)`,
      );
    }
    if (source.paragraphs !== undefined && source.paragraphs !== paragraphs.length) {
      ok = false;
      field(
        source.id,
        ["paragraphs"],
        `${t.display} has ${paragraphs.length} paragraphs (non-empty lines), not ${source.paragraphs}`,
      );
    }
    if (!ok) continue;
    source.textSha256 = sha;
    source.paragraphs = paragraphs.length;
    texts.set(source.id, paragraphs);
  }
  return texts;
}

/**
 * Anchor every quote whose source text is at hand (filling in `paragraph` and `span`), and check
 * every locator against the text: the paragraph exists, the span stays inside it.
 */
function checkAgainstTexts(dataset: Dataset, texts: Map<string, string[]>, field: FieldProblem): void {
  forEachCitation(dataset, (_kind, id, p, c) => {
    const paragraphs = texts.get(c.source);
    if (!paragraphs) return;
    if (c.quote !== undefined) {
      const r = anchorQuote(paragraphs, { exact: c.quote, prefix: c.prefix, suffix: c.suffix });
      if (!r.ok) {
        field(id, [...p, "quote"], anchorFailure(r, c.source));
        return;
      }
      const saysSpan = c.span === undefined || (c.span[0] === r.span[0] && c.span[1] === r.span[1]);
      if (c.paragraph !== undefined && (c.paragraph !== r.paragraph || !saysSpan)) {
        field(
          id,
          [...p, "paragraph"],
          `the quote is at paragraph ${r.paragraph} [${r.span[0]}, ${r.span[1]}] of "${c.source}", not where this locator says; fix the locator or leave it out`,
        );
        return;
      }
      c.paragraph = r.paragraph;
      c.span = r.span;
      return;
    }
    if (c.paragraph === undefined || c.span === undefined) return;
    const text = paragraphs[c.paragraph - 1];
    if (text === undefined) return; // past the end: the integrity check says so
    if (c.span[1] > text.length) {
      field(
        id,
        [...p, "span"],
        `span [${c.span[0]}, ${c.span[1]}] runs past the end of paragraph ${c.paragraph} of "${c.source}" (${text.length} characters)`,
      );
    }
  });
}

/** Zod's wording, except that a field left out is called missing (not "undefined" or "invalid option"). */
function describeIssue(issue: z.core.$ZodIssue, raw: unknown, kind: EntityKind): string {
  if (issue.code !== "invalid_type" && issue.code !== "invalid_value") return issue.message;
  if (issue.path.length === 0) {
    return `each entry of ${kind}/ is a mapping of fields (${a(SINGULAR[kind])}), not ${typeName(raw)}`;
  }
  const parent = valueAt(raw, issue.path.slice(0, -1) as (string | number)[]);
  const key = issue.path[issue.path.length - 1];
  if (parent && typeof parent === "object" && !((key as string | number) in parent)) {
    return `missing required field "${String(key)}"`;
  }
  if (issue.code === "invalid_type" && valueAt(raw, issue.path as (string | number)[]) === null)
    return `no value given (expected ${issue.expected})`;
  return issue.message;
}

function typeName(v: unknown): string {
  if (v === null) return "an empty value";
  if (Array.isArray(v)) return "a list";
  return `a ${typeof v}`;
}

function a(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}
