/**
 * FollowTheMoney importer: OpenSanctions entities (JSON lines, one entity per line, every
 * property a list of strings) mapped to Dealmap actors, events, relations and sources.
 *
 * It only reads and maps; the store writes. The files are streamed twice. What it remembers of
 * every entity (FtM ids, the ids of the sources made, one per distinct sourceUrl, and of the
 * authorities) is kept on disk in a scratch SQLite file (FtmIds); memory holds only 4 bytes per
 * sanction or tie.
 *
 * - **pass 1** reads every line, reports every bad line (in file and line order), counts the
 *   schemas Dealmap does not model, and yields the actors (with the sources they cite). It
 *   remembers each entity id: for an actor, its name (event titles need it); for anything
 *   else, its schema.
 * - **pass 2** reads the files again and yields the events (Sanction) and relations
 *   (Ownership, Directorship, Family), each only when every actor it names was made in pass 1,
 *   so the output never holds a dangling reference. Pass 1 notes the line numbers of those
 *   entities (4 bytes each), so pass 2 decodes and parses only them. Actors come before
 *   everything that names them, and a source before its first citation: a store can insert in
 *   order.
 *
 * The mapping is documented as a table in the package README ("Importing FollowTheMoney
 * entities"). Output is a pure function of the files' bytes and the options: the same files
 * give the same items in the same order.
 */
import { createHash } from "node:crypto";
import { open, stat } from "node:fs/promises";
import {
  type Actor,
  type ActorKind,
  type Citation,
  compareDates,
  dateBounds,
  IdSchema,
  type NameVariant,
  type Participant,
  plainWords,
  type Relation,
  type RelationType,
  type Source,
  type StoryEvent,
  WebUrlSchema,
} from "@dealmap/domain";
import { checkJson, locateJson } from "../json-text.ts";
import { firstInvalidUtf8, utf16Bom } from "../utf8.ts";
import { ScratchDatabase } from "./scratch.ts";
import type { BadLine, ImportItem, ImportOptions, ImportReport } from "./types.ts";

/** FtM schemas that become actors, and the kind each becomes. */
export const FTM_ACTOR_KINDS: Readonly<Record<string, ActorKind>> = Object.freeze({
  Person: "person",
  Company: "company",
  Organization: "organization",
  PublicBody: "organization",
  // LegalEntity is what FtM uses when the source does not say person or company.
  LegalEntity: "organization",
});

/** FtM schemas that become relations: the two ends (from → to) and the relation type. */
const FTM_RELATIONS: Readonly<Record<string, { from: string; to: string; type: RelationType }>> = {
  Ownership: { from: "asset", to: "owner", type: "owned-by" },
  Directorship: { from: "director", to: "organization", type: "director-of" },
  Family: { from: "person", to: "relative", type: "family" },
};

/** A line longer than this is reported and skipped: a real entity is far smaller. */
export const FTM_MAX_LINE_BYTES = 8 * 1024 * 1024;

/** Progress is reported every this many lines (both passes counted). */
const PROGRESS_EVERY = 10_000;
/** Source URLs cited per entity at most (some entities list dozens of list pages). */
const MAX_URL_CITATIONS = 3;
/** Distinct "FtM schema X" reasons at most: the names come from the file. */
const MAX_SCHEMA_REASONS = 100;
const CHUNK = 1024 * 1024;

const DATASET_URL = "https://www.opensanctions.org/";

/**
 * Read FollowTheMoney JSON-lines files and stream out Dealmap entities.
 *
 * Bad lines go to `opts.onBad` (and `report.bad`) and reading goes on. `report` is filled in as
 * the stream is consumed. Progress (`opts.onProgress`, every ~10,000 lines) counts the lines
 * and bytes of both passes, against `totalBytes` = twice the files' size.
 *
 * Throws before yielding anything when `opts.dataset` is not a valid dataset name or a file
 * is not a readable regular file.
 */
export async function* readFtm(
  files: string[],
  opts: ImportOptions,
  report: ImportReport,
): AsyncGenerator<ImportItem> {
  const dataset = opts.dataset;
  if (!IdSchema.safeParse(dataset).success || dataset.length > 40) {
    throw new Error(
      `dataset name ${JSON.stringify(dataset)} must be lower-case words joined by '-', at most 40 characters`,
    );
  }
  let size = 0;
  const stamps: string[] = [];
  for (const file of files) {
    const st = await fileStamp(file);
    stamps.push(st.stamp);
    size += st.size;
  }

  const s = new FtmState(dataset, opts, report);
  try {
    const progress = { rows: 0, bytes: 0, totalBytes: 2 * size };
    const tick = () => {
      if (++progress.rows % PROGRESS_EVERY === 0) opts.onProgress?.({ ...progress });
    };
    const onBytes = (n: number) => {
      progress.bytes += n;
    };

    yield s.made({ kind: "sources", entity: s.datasetSource });

    // Pass 1: every line checked, bad lines reported, actors made.
    const later = files.map(() => new LineList());
    for (const [f, file] of files.entries()) {
      for await (const got of readLines(file, onBytes)) {
        tick();
        report.rowsRead++;
        if ("problem" in got) {
          s.bad({ file, line: got.line, column: got.column, message: got.problem, raw: got.raw });
          continue;
        }
        const e = parseEntity(got.text);
        if ("problem" in e) {
          s.bad({ file, line: got.line, column: e.column, message: e.problem, raw: got.text });
          continue;
        }
        const first = s.firstSight(e);
        const kind = FTM_ACTOR_KINDS[e.schema];
        if (kind === undefined && e.schema !== "Sanction" && FTM_RELATIONS[e.schema] === undefined) {
          s.skip(s.schemaReason(e.schema));
          continue;
        }
        let actor: Actor | string | undefined;
        try {
          // Events and relations are made in pass 2; here their properties are only checked, so
          // that every bad line is reported once, in file order.
          if (kind !== undefined) actor = s.actor(e, kind);
          else if (e.schema === "Sanction") readSanction(e);
          else readRelation(e);
        } catch (err) {
          if (!(err instanceof BadEntity)) throw err;
          s.bad({ file, line: got.line, column: err.column(got.text), message: err.message, raw: got.text });
          continue;
        }
        if (!first) {
          s.skip("FtM entity repeated (same id)");
          continue;
        }
        if (actor === undefined) {
          later[f]?.push(got.line);
          continue;
        }
        if (typeof actor === "string") {
          s.skip(actor);
          continue;
        }
        s.known.name(e.id, truncate(actor.name, 120));
        for (const src of s.newSources(e)) yield s.made({ kind: "sources", entity: src });
        yield s.made({ kind: "actors", entity: actor });
      }
    }

    // Pass 2: events and relations, now that every actor id is known.
    for (const [f, file] of files.entries()) {
      // Line numbers only hold if the file is the one pass 1 read.
      if ((await fileStamp(file)).stamp !== stamps[f])
        throw new Error(`${JSON.stringify(file)} changed while it was being imported`);
      const lines = later[f] as LineList;
      let next = 0;
      const want = (line: number) => {
        if (lines.at(next) !== line) return false;
        next++;
        return true;
      };
      for await (const got of readLines(file, onBytes, want, tick)) {
        tick();
        if ("problem" in got) continue;
        const e = parseEntity(got.text);
        if ("problem" in e) continue;
        let items: ImportItem[] | string;
        try {
          items = e.schema === "Sanction" ? s.sanction(e, readSanction(e)) : s.relation(e, readRelation(e));
        } catch (err) {
          if (err instanceof BadEntity) continue; // cannot happen: pass 1 checked this very line
          throw err;
        }
        if (typeof items === "string") {
          s.skip(items);
          continue;
        }
        for (const item of items) yield s.made(item);
      }
    }
    opts.onProgress?.({ ...progress, bytes: progress.totalBytes });
  } finally {
    s.known.close();
  }
}

/** The slug of an FtM id in Dealmap's id alphabet, with the dataset name in front. */
export function ftmEntityId(dataset: string, ftmId: string): string {
  const words = ftmId
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  // FtM ids are case-sensitive ("NK-2Gdm…" and "NK-2gdm…" differ) and may hold '.' or '_':
  // when lower-casing loses anything, a hash of the exact id keeps the slugs distinct. Ids we
  // make ourselves (authority-…, source-…, opensanctions) get the hash too, so an FtM id can
  // never take their place.
  const reserved = /^(authority|source)(-|$)|^opensanctions$/.test(words);
  return withHash(dataset, words, ftmId, words !== ftmId || reserved || words === "");
}

// ---------------------------------------------------------------------------------------------
// Reading lines

type Line = { line: number; text: string } | { line: number; problem: string; column?: number; raw?: string };

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
const lenientUtf8 = new TextDecoder("utf-8");

/** Size and modification time of a regular file (throws a readable Error otherwise). */
async function fileStamp(file: string): Promise<{ size: number; stamp: string }> {
  let st: Awaited<ReturnType<typeof stat>>;
  try {
    st = await stat(file);
  } catch (err) {
    throw new Error(`cannot read ${JSON.stringify(file)}: ${(err as NodeJS.ErrnoException).code ?? err}`);
  }
  if (!st.isFile()) throw new Error(`${JSON.stringify(file)} is not a regular file`);
  return { size: st.size, stamp: `${st.size}:${st.mtimeMs}:${st.ino}` };
}

/** A growing list of line numbers, 4 bytes each. */
class LineList {
  private a = new Uint32Array(1024);
  private n = 0;
  push(line: number): void {
    if (this.n === this.a.length) {
      const b = new Uint32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = line;
  }
  at(i: number): number | undefined {
    return i < this.n ? this.a[i] : undefined;
  }
}

/**
 * The non-blank lines of a file, decoded one by one (strict UTF-8), in chunks: memory holds
 * one chunk and one line. `\r\n` endings, a last line without a newline and a leading UTF-8
 * byte-order mark are fine; an undecodable or over-long line is a problem for that line only.
 * With `want`, other lines are passed over undecoded (`onSkip` is called for each).
 */
async function* readLines(
  file: string,
  onBytes: (n: number) => void,
  want?: (line: number) => boolean,
  onSkip?: () => void,
): AsyncGenerator<Line> {
  const fh = await open(file, "r");
  try {
    const chunk = Buffer.allocUnsafe(CHUNK);
    let parts: Buffer[] = [];
    let partLen = 0;
    let skipping = false; // inside a line that is too long: drop bytes up to its end
    let lineNo = 1;
    let start = true;
    for (;;) {
      const { bytesRead } = await fh.read(chunk, 0, CHUNK, null);
      if (bytesRead === 0) break;
      onBytes(bytesRead);
      let view = chunk.subarray(0, bytesRead);
      if (start) {
        start = false;
        const bom = utf16Bom(view);
        if (bom) {
          yield { line: 1, problem: `this file is UTF-16 (byte-order mark ${bom}); FtM files are UTF-8` };
          return;
        }
        if (view[0] === 0xef && view[1] === 0xbb && view[2] === 0xbf) view = view.subarray(3);
      }
      let pos = 0;
      for (;;) {
        const nl = view.indexOf(10, pos);
        if (nl < 0) break;
        if (skipping) skipping = false;
        else {
          const bytes =
            partLen === 0 ? view.subarray(pos, nl) : Buffer.concat([...parts, view.subarray(pos, nl)]);
          parts = [];
          partLen = 0;
          if (want && !want(lineNo)) onSkip?.();
          else {
            const got = bytes.length > FTM_MAX_LINE_BYTES ? tooLong(lineNo) : decodeLine(lineNo, bytes);
            if (got) yield got;
          }
        }
        lineNo++;
        pos = nl + 1;
      }
      if (!skipping && pos < view.length) {
        if (partLen + view.length - pos > FTM_MAX_LINE_BYTES) {
          yield tooLong(lineNo);
          skipping = true;
          parts = [];
          partLen = 0;
        } else {
          parts.push(Buffer.from(view.subarray(pos))); // copied: the chunk is read into again
          partLen += view.length - pos;
        }
      }
    }
    if (!skipping && partLen > 0) {
      if (want && !want(lineNo)) onSkip?.();
      else {
        const got = decodeLine(lineNo, Buffer.concat(parts));
        if (got) yield got;
      }
    }
  } finally {
    await fh.close();
  }
}

function tooLong(line: number): Line {
  return { line, problem: `line longer than ${FTM_MAX_LINE_BYTES / 1024 / 1024} MiB: skipped` };
}

/** One line's text, or why it is not text; undefined for a blank line. */
function decodeLine(line: number, bytes: Buffer): Line | undefined {
  let end = bytes.length;
  if (end > 0 && bytes[end - 1] === 13) end--;
  const b = bytes.subarray(0, end);
  let text: string;
  try {
    text = strictUtf8.decode(b);
  } catch {
    const at = Math.max(firstInvalidUtf8(b), 0);
    const hex = (b[at] ?? 0).toString(16).toUpperCase().padStart(2, "0");
    return {
      line,
      column: lenientUtf8.decode(b.subarray(0, at)).length + 1,
      problem: `invalid UTF-8: byte 0x${hex} is not UTF-8 text (FtM files are UTF-8)`,
    };
  }
  return text.trim() === "" ? undefined : { line, text };
}

// ---------------------------------------------------------------------------------------------
// Entities

/** The part of an FtM entity the importer reads. */
interface FtmEntity {
  id: string;
  schema: string;
  caption?: unknown;
  properties: Record<string, unknown>;
  first_seen?: unknown;
  last_seen?: unknown;
}

/** A value of an entity that makes the whole line unusable: reported, never half-imported. */
class BadEntity extends Error {
  constructor(
    message: string,
    readonly path?: (string | number)[],
  ) {
    super(message);
  }
  /** 1-based column of the offending value in the line, when it can be found. */
  column(text: string): number | undefined {
    return this.path ? locateJson(text, this.path) + 1 : undefined;
  }
}

function parseEntity(text: string): FtmEntity | { problem: string; column?: number } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    // Our own checker says where and why in words (the engine's message varies by version).
    const found = checkJson(text);
    if (found) return { problem: `invalid JSON: ${safe(found.message)}`, column: found.offset + 1 };
    const pos = /position (\d+)/.exec(String(err))?.[1];
    return { problem: "invalid JSON", column: pos === undefined ? undefined : Number(pos) + 1 };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { problem: "not an FtM entity: a line holds one JSON object with id, schema and properties" };
  }
  const o = value as Record<string, unknown>;
  const missing = ["id", "schema"].filter((k) => typeof o[k] !== "string" || (o[k] as string).trim() === "");
  const props = o.properties;
  if (typeof props !== "object" || props === null || Array.isArray(props)) missing.push("properties");
  if (missing.length > 0) {
    return {
      problem: `not an FtM entity: no ${missing.join(", ")} (an entity has a text id, a text schema and a properties object)`,
    };
  }
  return o as unknown as FtmEntity;
}

/** A property's values (FtM properties are lists of strings; a lone string is taken too). */
function values(e: FtmEntity, prop: string): string[] {
  const v = e.properties[prop];
  if (v === undefined || v === null) return [];
  if (typeof v === "string") return [v];
  if (!Array.isArray(v))
    throw new BadEntity(`property ${prop} is not a list of values`, ["properties", prop]);
  for (let i = 0; i < v.length; i++) {
    if (typeof v[i] !== "string")
      throw new BadEntity(`property ${prop} holds a value that is not text`, ["properties", prop, i]);
  }
  return v as string[];
}

/** Cleaned, non-empty, distinct values of a property, in file order. */
function texts(e: FtmEntity, prop: string): string[] {
  const out: string[] = [];
  for (const v of values(e, prop)) {
    const c = clean(v);
    if (c !== "" && !out.includes(c)) out.push(c);
  }
  return out;
}

const FTM_DATE =
  /^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:T\d{2}(?::\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** An FtM date (a prefix of ISO 8601, maybe with a time) as an EDTF day, month or year. */
function toDate(raw: string, path: (string | number)[], what: string): string {
  const m = FTM_DATE.exec(raw.trim());
  if (m) {
    const day = m[1] as string;
    try {
      dateBounds(day);
      return day;
    } catch {
      // an impossible calendar date: reported below
    }
  }
  throw new BadEntity(`${what} ${quote(raw)} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`, path);
}

/** The distinct valid dates of a date property, earliest first; any bad one rejects the line. */
function dates(e: FtmEntity, prop: string): string[] {
  const vs = values(e, prop);
  const out: string[] = [];
  for (let i = 0; i < vs.length; i++) {
    if ((vs[i] as string).trim() === "") continue;
    const d = toDate(vs[i] as string, ["properties", prop, i], prop);
    if (!out.includes(d)) out.push(d);
  }
  return out.sort(compareDates);
}

function seenDate(e: FtmEntity, key: "first_seen" | "last_seen"): string | undefined {
  const v = e[key];
  if (v === undefined || v === null || v === "") return undefined;
  if (typeof v !== "string") throw new BadEntity(`${key} is not text`, [key]);
  return toDate(v, [key], key);
}

/** What pass 1 checks and pass 2 uses of a Sanction. */
interface SanctionData {
  targets: string[];
  authorities: string[];
  country?: string;
  listing: string[];
  start: string[];
  end: string[];
  programs: string[];
  reasons: string[];
  provisions: string[];
}

function readSanction(e: FtmEntity): SanctionData {
  return {
    targets: texts(e, "entity"),
    authorities: texts(e, "authority"),
    country: texts(e, "country")[0],
    listing: dates(e, "listingDate"),
    start: dates(e, "startDate"),
    end: dates(e, "endDate"),
    programs: texts(e, "program"),
    reasons: texts(e, "reason"),
    provisions: texts(e, "provisions"),
  };
}

interface RelationData {
  from?: string;
  to?: string;
  when?: string;
  note?: string;
  relationship?: string;
}

function readRelation(e: FtmEntity): RelationData {
  const ends = FTM_RELATIONS[e.schema] as { from: string; to: string };
  const start = dates(e, "startDate");
  const end = dates(e, "endDate");
  const a = start[0];
  const b = end[end.length - 1];
  if (a !== undefined && b !== undefined && dateBounds(b).max < dateBounds(a).min) {
    throw new BadEntity(`endDate ${quote(b)} is before startDate ${quote(a)}`, ["properties", "endDate"]);
  }
  // An FtM interval without an end says nothing about whether it ended: EDTF's empty end
  // ("unknown"), not ".." ("still holds").
  const when = a === undefined && b === undefined ? undefined : `${a ?? ""}/${b ?? ""}`;
  const notes: string[] = [];
  if (e.schema === "Ownership") {
    const pct = texts(e, "percentage")[0];
    if (pct) notes.push(`holds ${/^\d+([.,]\d+)?$/.test(pct) ? `${pct}%` : `“${truncate(pct, 40)}”`}`);
    const shares = texts(e, "sharesCount")[0];
    if (shares) notes.push(`${truncate(shares, 40)} shares`);
    const role = texts(e, "role")[0];
    if (role) notes.push(`recorded as “${truncate(role, 120)}”`);
  } else if (e.schema === "Directorship") {
    const role = texts(e, "role")[0];
    if (role) notes.push(`role recorded as “${truncate(role, 120)}”`);
  }
  const relationship = e.schema === "Family" ? texts(e, "relationship")[0] : undefined;
  if (relationship)
    notes.push(`recorded as “${truncate(relationship, 120)}” (the second as seen from the first)`);
  return {
    from: texts(e, ends.from)[0],
    to: texts(e, ends.to)[0],
    when,
    note: notes.length > 0 ? `In OpenSanctions data: ${notes.join("; ")}.` : undefined,
    relationship,
  };
}

// ---------------------------------------------------------------------------------------------
// Mapping state

/**
 * What the importer remembers of every entity, on disk (scratch.ts) so that memory does not grow
 * with their number: FtM id → the actor's name, or its schema's index when it made no actor;
 * and the ids of the sources and authority actors yielded.
 */
class FtmIds {
  private readonly scratch = new ScratchDatabase(
    "dealmap-ftm-",
    "CREATE TABLE known (id TEXT PRIMARY KEY, name TEXT, schema INTEGER NOT NULL) WITHOUT ROWID",
    16384,
  );
  private readonly st = {
    add: this.scratch.db.prepare("INSERT OR IGNORE INTO known (id, schema) VALUES (?, ?)"),
    name: this.scratch.db.prepare("UPDATE known SET name = ? WHERE id = ?"),
    get: this.scratch.db.prepare("SELECT name, schema FROM known WHERE id = ?"),
  };

  /** Remember an id with its schema; false when it was met before. */
  add(id: string, schema: number): boolean {
    return this.st.add.run(id, schema).changes === 1;
  }

  name(id: string, name: string): void {
    this.st.name.run(name, id);
  }

  get(id: string): string | number | undefined {
    const r = this.st.get.get(id) as { name: string | null; schema: number } | undefined;
    return r === undefined ? undefined : (r.name ?? r.schema);
  }

  /** True the first time an id is given. */
  once(id: string): boolean {
    return this.scratch.once(id);
  }

  close(): void {
    this.scratch.close();
  }
}

/** Everything that lives for one readFtm call. */
class FtmState {
  /**
   * FtM id → the actor's name (an actor was made) or the index of its schema in `schemas`, and
   * the ids of the sources and authority actors already yielded.
   */
  readonly known = new FtmIds();
  private readonly schemas: string[] = [];
  private readonly schemaIds = new Map<string, number>();
  readonly datasetSource: Source;
  private readonly datasetCitation: Citation;

  constructor(
    readonly dataset: string,
    readonly opts: ImportOptions,
    readonly report: ImportReport,
  ) {
    const id = `${dataset}-opensanctions`;
    this.datasetSource = {
      id,
      kind: "dataset",
      title: "OpenSanctions",
      publisher: "OpenSanctions",
      url: DATASET_URL,
      language: "en",
      note: "Sanctions, ownership and family data of OpenSanctions in FollowTheMoney form, imported by Dealmap. Licensed CC BY-NC 4.0 (attribution: OpenSanctions).",
    };
    this.known.once(id);
    this.datasetCitation = { source: id };
  }

  made(item: ImportItem): ImportItem {
    this.report.made[item.kind] = (this.report.made[item.kind] ?? 0) + 1;
    return item;
  }

  bad(b: BadLine): void {
    this.report.bad++;
    this.opts.onBad({ ...b, message: safe(b.message) });
  }

  skip(reason: string): void {
    this.report.skipped[reason] = (this.report.skipped[reason] ?? 0) + 1;
  }

  schemaReason(schema: string): string {
    return `FtM schema ${this.schemas[this.schemaCode(schema)]}`;
  }

  /**
   * A small number for a schema name. Names come from the file: one that is not a plain word,
   * and any past the first MAX_SCHEMA_REASONS, share "not recognised", so a hostile file cannot
   * grow this table (or the report's reasons) without bound.
   */
  private schemaCode(schema: string): number {
    let n = this.schemaIds.get(schema);
    if (n !== undefined) return n;
    const plain = /^[A-Z][A-Za-z]{0,39}$/.test(schema) && this.schemas.length < MAX_SCHEMA_REASONS;
    const name = plain ? schema : "not recognised";
    n = this.schemaIds.get(name);
    if (n === undefined) {
      n = this.schemas.length;
      this.schemas.push(name);
      this.schemaIds.set(name, n);
    }
    return n;
  }

  /** Pass 1: remember the id; false when it was met before (the line is a repeat). */
  firstSight(e: FtmEntity): boolean {
    return this.known.add(e.id, this.schemaCode(e.schema));
  }

  /** Why a reference cannot be followed, or undefined when it names an actor made in pass 1. */
  private missing(ftmId: string): "absent" | string | undefined {
    const k = this.known.get(ftmId);
    if (typeof k === "string") return undefined;
    if (k === undefined) return "absent";
    return this.schemas[k] as string;
  }

  private refReason(subject: string, ftmId: string): string {
    const why = this.missing(ftmId);
    return why === "absent" ? `${subject} not in these files` : `${subject} not imported (FtM schema ${why})`;
  }

  /** An actor, or why the entity makes none. Throws BadEntity for a bad value. */
  actor(e: FtmEntity, kind: ActorKind): Actor | string {
    const names = texts(e, "name");
    const caption = typeof e.caption === "string" ? clean(e.caption) : "";
    // The primary name is the one an English reader looks for. OpenSanctions' caption is its
    // chosen display name, but the order of `name` values in an export carries no meaning: the
    // caption when it is in Latin script, else the first Latin name, else the caption or the
    // first name whatever the script.
    const latin = (v: string) => scriptOf(v) === "Latn";
    const name =
      (caption !== "" && latin(caption) ? caption : names.find(latin)) ??
      (caption !== "" ? caption : names[0]);
    if (name === undefined) return `FtM ${e.schema} without a name`;

    const aliases: NameVariant[] = [];
    const seen = new Set([name]);
    const add = (v: string, note?: string) => {
      if (seen.has(v)) return;
      seen.add(v);
      const script = scriptOf(v);
      aliases.push({
        name: v,
        ...(script ? { romanization: script } : {}),
        ...(note ? { note } : {}),
      });
    };
    for (const v of names) add(v);
    for (const v of texts(e, "alias")) add(v);
    for (const v of texts(e, "previousName")) add(v, "previous name in OpenSanctions data");
    for (const v of texts(e, "weakAlias"))
      add(v, "weak alias in OpenSanctions data: too broad to identify alone");

    let country: string | undefined;
    let countryProp: string | undefined;
    // The most specific property first: where a company is registered, a person's nationality.
    for (const prop of ["jurisdiction", "nationality", "citizenship", "country", "mainCountry"]) {
      for (const v of values(e, prop)) {
        country = isoCountry(v);
        if (country) break;
      }
      if (country) {
        countryProp = prop;
        break;
      }
    }

    const born = dates(e, kind === "person" ? "birthDate" : "incorporationDate");
    const first = seenDate(e, "first_seen");
    const last = seenDate(e, "last_seen");
    const osId = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/.test(e.id) ? e.id : undefined;

    const actor: Actor = {
      id: ftmEntityId(this.dataset, e.id),
      kind,
      name,
      aliases,
      description: describeActor(e, country, countryProp),
      roles: [],
      ...(country ? { country } : {}),
      // Several birth dates are alternatives: an EDTF set says "one of these" without choosing.
      ...(born.length === 1 ? { born: born[0] } : born.length > 1 ? { born: `[${born.join(",")}]` } : {}),
      ...(first || last ? { seen: { ...(first ? { first } : {}), ...(last ? { last } : {}) } } : {}),
      ...(osId ? { externalIds: { opensanctions: osId } } : {}),
      citations: this.citations(e),
    };
    return actor;
  }

  /** The citations of an entity: its source pages (at most a few), then the dataset. */
  private citations(e: FtmEntity): Citation[] {
    const out: Citation[] = [];
    for (const url of this.urls(e)) out.push({ source: this.urlSourceId(url) });
    out.push(this.datasetCitation);
    return out;
  }

  private urls(e: FtmEntity): string[] {
    const out: string[] = [];
    for (const v of values(e, "sourceUrl")) {
      const url = v.trim();
      if (out.length >= MAX_URL_CITATIONS || out.includes(url)) continue;
      if (WebUrlSchema.safeParse(url).success) out.push(url);
    }
    return out;
  }

  private urlSourceId(url: string): string {
    const host = new URL(url).hostname.replace(/^www\./, "");
    const words = host.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    return withHash(this.dataset, `source-${words}`.slice(0, 40).replace(/-+$/, ""), url, true);
  }

  /** Sources for the entity's pages not yielded yet. */
  newSources(e: FtmEntity): Source[] {
    const out: Source[] = [];
    for (const url of this.urls(e)) {
      const id = this.urlSourceId(url);
      if (!this.known.once(id)) continue;
      const host = new URL(url).hostname.replace(/^www\./, "");
      out.push({
        id,
        kind: "other",
        title: `Page on ${host}`,
        publisher: host,
        url,
        // The page's language is not in the data.
        language: "und",
        note: "A web page that OpenSanctions data gives as a source of an entity; Dealmap has not read it.",
      });
    }
    return out;
  }

  /** The authority actors of a sanction, made once per (country, folded name). */
  private authority(name: string, countryRaw: string | undefined): { id: string; actor?: Actor } {
    const cc = countryRaw !== undefined ? isoCountry(countryRaw) : undefined;
    const region = countryRaw?.trim().toLowerCase();
    const regionSlug = region && /^[a-z]{2}$/.test(region) ? region : "xx";
    const words = plainWords(name)
      .filter((w) => /^[a-z0-9]+$/.test(w))
      .join("-");
    const slug = `authority-${regionSlug}${words ? `-${words}` : ""}`;
    const id = withHash(this.dataset, slug, `${regionSlug}\u0000${name}`, words === "");
    if (!this.known.once(id)) return { id };
    const where = placeName(countryRaw);
    return {
      id,
      actor: {
        id,
        kind: "organization",
        name,
        aliases: [],
        description: `Authority that OpenSanctions data names as imposing sanctions${where ? ` (${where})` : ""}.`,
        roles: [],
        ...(cc ? { country: cc } : {}),
        citations: [this.datasetCitation],
      },
    };
  }

  /** Pass 2: the event of a sanction, with the sources and authorities it brings; or why not. */
  sanction(e: FtmEntity, d: SanctionData): ImportItem[] | string {
    const targets: string[] = [];
    let reason: string | undefined;
    for (const t of d.targets) {
      if (this.missing(t) === undefined) {
        if (!targets.includes(t)) targets.push(t);
      } else reason ??= this.refReason("Sanction of an entity", t);
    }
    if (targets.length === 0) return reason ?? "Sanction naming no entity";
    const when = [...d.listing, ...d.start].sort(compareDates)[0];
    if (when === undefined) return "Sanction without a date";

    const items: ImportItem[] = [];
    for (const src of this.newSources(e)) items.push({ kind: "sources", entity: src });
    const participants: Participant[] = [];
    for (const name of d.authorities) {
      const a = this.authority(truncate(name, 200), d.country);
      if (a.actor) items.push({ kind: "actors", entity: a.actor });
      if (!participants.some((p) => p.actor === a.id)) participants.push({ actor: a.id, role: "initiator" });
    }
    const cc = d.country !== undefined ? isoCountry(d.country) : undefined;
    const state = cc ? this.opts.states?.get(cc) : undefined;
    if (state) {
      participants.push({ actor: state, role: "initiator", note: "The state whose authority imposed it." });
      this.report.matched++;
    }
    for (const t of targets) participants.push({ actor: ftmEntityId(this.dataset, t), role: "target" });

    const who = listOf(targets.map((t) => this.known.get(t) as string));
    const by = d.authorities.length > 0 ? listOf(d.authorities.map((a) => truncate(a, 80))) : undefined;
    const where = placeName(d.country);
    const title = by
      ? `${who} sanctioned by ${by}`
      : `${who} placed under sanctions${where ? ` (${where})` : ""}`;

    const parts: string[] = [
      `OpenSanctions data records a sanctions designation of ${who}${by ? ` by ${by}` : ""}${where ? ` (${where})` : ""}.`,
    ];
    parts.push(
      d.listing[0] === when
        ? d.start[0] === when
          ? `Dated by its listing date, ${when}, which is also when it took effect.`
          : `Dated by its listing date, ${when}.`
        : `Dated by the day it took effect, ${when}.`,
    );
    const others = [
      ...d.listing.filter((x) => x !== when).map((x) => `listed ${x}`),
      ...d.start.filter((x) => x !== when).map((x) => `in effect from ${x}`),
    ];
    if (others.length > 0) parts.push(`The data also gives: ${others.join(", ")}.`);
    if (d.end.length > 0) parts.push(`The data gives an end date of ${d.end[d.end.length - 1]}.`);
    if (d.programs.length > 0)
      parts.push(
        `Programme, as the list names it: ${d.programs.map((p) => `“${truncate(p, 200)}”`).join("; ")}.`,
      );
    if (d.provisions.length > 0)
      parts.push(sentence(`Measures listed: ${truncate(d.provisions.join("; "), 200)}`));
    if (d.reasons.length > 0)
      parts.push(`Grounds given in the list: “${truncate(d.reasons[0] as string, 400)}”.`);

    const event: StoryEvent = {
      id: ftmEntityId(this.dataset, e.id),
      kind: "sanctions-imposed",
      title: truncate(title, 200),
      summary: parts.join(" "),
      date: when,
      dateVariants: [],
      status: "reported",
      participants,
      places: [],
      routes: [],
      quantities: [],
      links: [],
      tags: ["opensanctions", "sanctions"],
      citations: this.citations(e),
    };
    items.push({ kind: "events", entity: event });
    return items;
  }

  /** Pass 2: the relation of an Ownership, Directorship or Family, with its sources; or why not. */
  relation(e: FtmEntity, d: RelationData): ImportItem[] | string {
    const spec = FTM_RELATIONS[e.schema] as { from: string; to: string; type: RelationType };
    if (d.from === undefined) return `${e.schema} without ${spec.from}`;
    if (d.to === undefined) return `${e.schema} without ${spec.to}`;
    if (this.missing(d.from) !== undefined)
      return this.refReason(`${e.schema} whose ${spec.from} is`, d.from);
    if (this.missing(d.to) !== undefined) return this.refReason(`${e.schema} whose ${spec.to} is`, d.to);
    const from = ftmEntityId(this.dataset, d.from);
    const to = ftmEntityId(this.dataset, d.to);
    if (from === to) return `${e.schema} linking an entity to itself`;
    // FtM has one Family schema; the relationship text says when it is a marriage.
    const type: RelationType =
      spec.type === "family" && /\b(spouse|wife|husband|married)\b/i.test(d.relationship ?? "")
        ? "spouse"
        : spec.type;
    const relation: Relation = {
      id: ftmEntityId(this.dataset, e.id),
      type,
      from,
      to,
      ...(d.when ? { when: d.when } : {}),
      ...(d.note ? { note: d.note } : {}),
      citations: this.citations(e),
    };
    const items: ImportItem[] = this.newSources(e).map((src) => ({ kind: "sources", entity: src }));
    items.push({ kind: "relations", entity: relation });
    return items;
  }
}

// ---------------------------------------------------------------------------------------------
// Words

const KIND_LABEL: Record<string, string> = {
  Person: "Person",
  Company: "Company",
  Organization: "Organization",
  PublicBody: "Public body",
  LegalEntity: "Legal entity (the data does not say whether a person or an organization)",
};

/** FtM topics, as the words that follow "listed in OpenSanctions data as". */
const TOPICS: Record<string, string> = {
  sanction: "sanctioned",
  "sanction.linked": "linked to sanctioned parties",
  "sanction.counter": "subject to counter-sanctions",
  debarment: "debarred",
  "export.control": "under export controls",
  "role.pep": "a politically exposed person",
  "role.rca": "a relative or close associate of a politically exposed person",
  "role.oligarch": "an oligarch",
  "gov.soe": "a state-owned enterprise",
  crime: "linked to crime",
  "crime.fin": "linked to financial crime",
  "crime.terror": "linked to terrorism",
  "crime.war": "linked to war crimes",
  "corp.disqual": "disqualified from managing companies",
  "reg.action": "subject to regulatory action",
  "reg.warn": "subject to a regulatory warning",
  wanted: "wanted by the authorities",
  poi: "a person of interest",
  mil: "military-linked",
};

/** A description in our words, from the schema, the country, the topics and a position. */
function describeActor(e: FtmEntity, country: string | undefined, prop: string | undefined): string {
  let out = KIND_LABEL[e.schema] ?? "Legal entity";
  if (country) {
    const name = countryName(country);
    out +=
      prop === "jurisdiction"
        ? ` registered in ${name}`
        : prop === "nationality" || prop === "citizenship"
          ? `, national of ${name},`
          : ` associated with ${name},`;
  }
  const topics: string[] = [];
  for (const t of values(e, "topics")) {
    const w = TOPICS[t.trim()];
    if (w && !topics.includes(w)) topics.push(w);
  }
  out = out.replace(/,$/, "");
  out += `, listed in OpenSanctions data${topics.length > 0 ? ` as ${listOf(topics)}` : ""}`;
  if (e.schema === "Person") {
    const pos = texts(e, "position")[0];
    if (pos) out += `; position recorded: ${truncate(pos, 160)}`;
  }
  return `${out}.`;
}

/** A text ending in a full stop, unless it already ends in one (or in an ellipsis). */
function sentence(v: string): string {
  return /[.!?…]$/.test(v) ? v : `${v}.`;
}

/** "A", "A and B", "A, B and C". */
function listOf(xs: string[]): string {
  if (xs.length <= 1) return xs[0] ?? "";
  return `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`;
}

const regionNames = new Intl.DisplayNames(["en"], { type: "region" });
/** Two-letter codes that name no country (blocs, pseudo-regions, ISO's exceptional reservations). */
const NOT_COUNTRIES = new Set(["AC", "CP", "DG", "EA", "IC", "TA", "EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"]);
const countryCache = new Map<string, string | null>();

/** An ISO 3166-1 alpha-2 code (upper case) for an FtM country value, when it is one. */
function isoCountry(raw: string): string | undefined {
  const hit = countryCache.get(raw);
  if (hit !== undefined) return hit ?? undefined;
  const c = raw.trim().toUpperCase();
  let ok: string | null = null;
  if (/^[A-Z]{2}$/.test(c) && !NOT_COUNTRIES.has(c)) {
    const name = regionNames.of(c);
    // Retired codes (SU, YU, UK…) are aliases of other regions: not taken as countries.
    if (name && name !== c && new Intl.Locale("und", { region: c }).region === c) ok = c;
  }
  if (countryCache.size < 1000) countryCache.set(raw, ok);
  return ok ?? undefined;
}

/** An English name for a sanctioning jurisdiction (a country, or the EU), when there is one. */
function placeName(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (raw.trim().toLowerCase() === "eu") return "the European Union";
  const cc = isoCountry(raw);
  return cc ? countryName(cc) : undefined;
}

const NEEDS_THE =
  /^United |Islands$|Republic$|^(Netherlands|Philippines|Bahamas|Gambia|Maldives|Seychelles|Comoros|Vatican City)$/;

/** The English name of a country as it reads in a sentence: "the United States", "Belarus". */
function countryName(cc: string): string {
  let out = countryNames.get(cc);
  if (out === undefined) {
    // Intl is slow to ask; there are only a few hundred codes.
    const name = regionNames.of(cc) as string;
    out = NEEDS_THE.test(name) ? `the ${name}` : name;
    countryNames.set(cc, out);
  }
  return out;
}
const countryNames = new Map<string, string>();

/** Scripts told apart, ISO 15924 codes. Japanese kana with Han makes Jpan. */
const SCRIPTS: ReadonlyArray<readonly [string, RegExp]> = [
  ["Latn", /\p{Script=Latin}/u],
  ["Cyrl", /\p{Script=Cyrillic}/u],
  ["Grek", /\p{Script=Greek}/u],
  ["Arab", /\p{Script=Arabic}/u],
  ["Hebr", /\p{Script=Hebrew}/u],
  ["Geor", /\p{Script=Georgian}/u],
  ["Armn", /\p{Script=Armenian}/u],
  ["Hang", /\p{Script=Hangul}/u],
  ["Kana", /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ["Hani", /\p{Script=Han}/u],
  ["Deva", /\p{Script=Devanagari}/u],
  ["Thai", /\p{Script=Thai}/u],
  ["Beng", /\p{Script=Bengali}/u],
  ["Ethi", /\p{Script=Ethiopic}/u],
];

/** The script most of a name's letters are written in (ISO 15924), if any letter is known. */
export function ftmScriptOf(name: string): string | undefined {
  const counts = new Array<number>(SCRIPTS.length).fill(0);
  for (const ch of name) {
    const c = ch.charCodeAt(0);
    if (c < 0x80) {
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) counts[0] = (counts[0] ?? 0) + 1;
      continue;
    }
    for (let i = 0; i < SCRIPTS.length; i++) {
      if ((SCRIPTS[i] as readonly [string, RegExp])[1].test(ch)) {
        counts[i] = (counts[i] ?? 0) + 1;
        break;
      }
    }
  }
  const kana = SCRIPTS.findIndex(([s]) => s === "Kana");
  const han = SCRIPTS.findIndex(([s]) => s === "Hani");
  if ((counts[kana] as number) > 0) {
    counts[kana] = (counts[kana] as number) + (counts[han] as number);
    counts[han] = 0;
  }
  let best = -1;
  for (let i = 0; i < counts.length; i++) {
    if ((counts[i] as number) > 0 && (best < 0 || (counts[i] as number) > (counts[best] as number))) best = i;
  }
  if (best < 0) return undefined;
  const code = (SCRIPTS[best] as readonly [string, RegExp])[0];
  return code === "Kana" ? "Jpan" : code;
}
const scriptOf = ftmScriptOf;

// Controls and bidirectional overrides: file text is untrusted and ends up in terminals.
const UNSAFE_TEXT = /[\p{Cc}\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]+/gu;

/** Text from the file, made safe to show: controls become spaces, spaces are collapsed. */
function clean(v: string): string {
  return v.replace(UNSAFE_TEXT, " ").replace(/\s+/g, " ").trim();
}

function truncate(v: string, max: number): string {
  if (v.length <= max) return v;
  // do not cut a surrogate pair in half
  let cut = max - 1;
  const code = v.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return `${v.slice(0, cut).trimEnd()}…`;
}

/** A value from the file inside a message: JSON-quoted, shortened, controls escaped. */
function quote(v: string): string {
  return JSON.stringify(truncate(v, 80));
}

/** A message that may hold characters from the file: what JSON.stringify leaves raw, escaped. */
function safe(message: string): string {
  return message.replace(
    /[\p{Cc}\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** `<dataset>-<slug>`, with a hash of `exact` when asked or when the slug must be cut. */
function withHash(dataset: string, slug: string, exact: string, hashed: boolean): string {
  const room = 80 - dataset.length - 1;
  if (!hashed && slug.length <= room && slug !== "") return `${dataset}-${slug}`;
  const h = createHash("sha256").update(exact).digest("hex").slice(0, 10);
  const head = slug.slice(0, room - h.length - 1).replace(/-+$/, "");
  return head === "" ? `${dataset}-${h}` : `${dataset}-${head}-${h}`;
}
