/**
 * The GDELT importer's dedupe table, kept on disk in a throwaway SQLite file so that memory
 * stays flat whatever the input's size: one record per distinct event (its counts, the first
 * row's coding, the codings merged in), the citations of each event (capped, with the mention
 * notes), the GLOBALEVENTIDs read and the report addresses already made into sources. The
 * mapper asks and updates it row by row; `events()` reads the events back in order of first
 * appearance. The file (scratch.ts) lives in the system's temporary directory and is removed by
 * `close()`.
 */
import type Database from "better-sqlite3";
import { ScratchDatabase } from "./scratch.ts";

/** The first row's values of a new event. */
export interface StagedEventInput {
  date: string;
  keyHash: number;
  code: string;
  a1: string;
  a2: string;
  place: string;
  quadClass: number;
  goldstein: number;
  mentions: number;
  sources: number;
  articles: number;
  reported: number;
  toneSum: number;
  toneWeight: number;
  file: number;
  line: number;
  sig1: number;
  sig2: number;
}

/** What a merge needs to know of the event found. */
export interface StagedMatch {
  i: number;
  sig1: number;
  sig2: number;
  sigs1: number[] | undefined;
  sigs2: number[] | undefined;
  /** Sources cited so far. */
  ncites: number;
}

/** A mention's place in its report: sentence, actor 1, actor 2, action offsets, confidence. */
export type MentionNote = readonly [number, number, number, number, number];

/** An event as read back: the first row's values, the merged counts and its citations. */
export interface StagedEvent extends StagedEventInput {
  i: number;
  rows: number;
  sigs1: number[] | undefined;
  sigs2: number[] | undefined;
  /** Citations in the order met: a source (URL hash, or -1 for the dataset) and its note. */
  cites: { source: number; note: MentionNote | undefined }[];
  /** Distinct sources met beyond the cap (not cited, only counted). */
  overflow: number;
}

const list = (s: string | null): number[] | undefined =>
  s === null || s === "" ? undefined : s.split(",").map(Number);

type Row = Record<string, number | string | null>;

function statements(db: Database.Database) {
  const p = (sql: string) => db.prepare(sql);
  return {
    find: p("SELECT i, sig1, sig2, sigs1, sigs2, ncites FROM ev WHERE date = ? AND keyhash = ?"),
    add: p(`INSERT INTO ev VALUES (@i, @date, @keyHash, @code, @a1, @a2, @place, @quadClass, @goldstein,
      1, @mentions, @sources, @articles, @reported, @toneSum, @toneWeight, @file, @line, @sig1, @sig2,
      NULL, NULL, 1, 0)`),
    merge: p(`UPDATE ev SET rows = rows + 1, mentions = mentions + ?, sources = sources + ?,
      articles = articles + ?, reported = min(reported, ?), tonesum = tonesum + ?,
      toneweight = toneweight + ? WHERE i = ?`),
    sigs: p("UPDATE ev SET sigs1 = ?, sigs2 = ? WHERE i = ?"),
    citeGet: p("SELECT k, n0 FROM cite WHERE i = ? AND source = ?"),
    citeNote: p("UPDATE cite SET n0 = ?, n1 = ?, n2 = ?, n3 = ?, n4 = ? WHERE i = ? AND source = ?"),
    citeAdd: p("INSERT INTO cite VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
    count: p("SELECT ncites FROM ev WHERE i = ?").pluck(),
    counted: p("UPDATE ev SET ncites = ncites + ?, over = over + ? WHERE i = ?"),
    gidGet: p("SELECT i FROM gid WHERE gid = ?").pluck(),
    gidSet: p("INSERT INTO gid VALUES (?, ?)"),
    srcGet: p("SELECT ok FROM src WHERE hash = ?").pluck(),
    srcSet: p("INSERT OR REPLACE INTO src VALUES (?, ?)"),
    srcDel: p("DELETE FROM src WHERE hash = ?"),
    page: p("SELECT * FROM ev WHERE i >= ? ORDER BY i LIMIT ?"),
    pageCites: p("SELECT * FROM cite WHERE i BETWEEN ? AND ? AND k >= 0 ORDER BY i, k"),
  };
}

export class GdeltStaging {
  private readonly scratch: ScratchDatabase;
  private readonly db: Database.Database;
  private readonly st: ReturnType<typeof statements>;
  private n = 0;

  constructor(private readonly maxCitations: number) {
    this.scratch = new ScratchDatabase(
      "dealmap-gdelt-",
      `
      CREATE TABLE ev (i INTEGER PRIMARY KEY, date TEXT NOT NULL, keyhash INTEGER NOT NULL,
        code TEXT NOT NULL, a1 TEXT NOT NULL, a2 TEXT NOT NULL, place TEXT NOT NULL,
        quad INTEGER NOT NULL, gold REAL NOT NULL, rows INTEGER NOT NULL, mentions INTEGER NOT NULL,
        sources INTEGER NOT NULL, articles INTEGER NOT NULL, reported INTEGER NOT NULL,
        tonesum REAL NOT NULL, toneweight REAL NOT NULL, file INTEGER NOT NULL, line INTEGER NOT NULL,
        sig1 INTEGER NOT NULL, sig2 INTEGER NOT NULL, sigs1 TEXT, sigs2 TEXT,
        ncites INTEGER NOT NULL, over INTEGER NOT NULL);
      CREATE UNIQUE INDEX ev_key ON ev (date, keyhash);
      CREATE TABLE cite (i INTEGER NOT NULL, source INTEGER NOT NULL, k INTEGER NOT NULL,
        n0 INTEGER, n1 INTEGER, n2 INTEGER, n3 INTEGER, n4 INTEGER,
        PRIMARY KEY (i, source)) WITHOUT ROWID;
      CREATE TABLE gid (gid INTEGER PRIMARY KEY, i INTEGER NOT NULL);
      CREATE TABLE src (hash INTEGER PRIMARY KEY, ok INTEGER NOT NULL);
    `,
      32768,
    );
    this.db = this.scratch.db;
    this.st = statements(this.db);
  }

  /** Events staged so far. */
  get size(): number {
    return this.n;
  }

  find(date: string, keyHash: number): StagedMatch | undefined {
    const r = this.st.find.get(date, keyHash) as Row | undefined;
    if (r === undefined) return undefined;
    return {
      i: Number(r.i),
      sig1: Number(r.sig1),
      sig2: Number(r.sig2),
      sigs1: list(r.sigs1 as string | null),
      sigs2: list(r.sigs2 as string | null),
      ncites: Number(r.ncites),
    };
  }

  /**
   * A new event from its first row, citing that row's source; its index (0, 1, 2…: the order
   * of first appearance).
   */
  add(e: StagedEventInput, source: number): number {
    const i = this.n++;
    this.st.add.run({ i, ...e });
    this.st.citeAdd.run(i, source, 0, null, null, null, null, null);
    return i;
  }

  /** Add a row's counts to event i. */
  merge(
    i: number,
    mentions: number,
    sources: number,
    articles: number,
    reported: number,
    tone: number,
    weight: number,
  ) {
    this.st.merge.run(mentions, sources, articles, reported, tone, weight, i);
  }

  setSigs(i: number, sigs1: readonly number[] | undefined, sigs2: readonly number[] | undefined): void {
    this.st.sigs.run(sigs1?.join(",") ?? null, sigs2?.join(",") ?? null, i);
  }

  /**
   * Cite a source on event i (with a mention's note when given): a source met again only gains
   * a note it lacked; past the cap, a new source is counted, not cited. `ncites`: the event's
   * citations so far, when the caller has just read them.
   */
  cite(i: number, source: number, note: MentionNote | undefined, ncites?: number): void {
    const had = this.st.citeGet.get(i, source) as { k: number; n0: number | null } | undefined;
    if (had !== undefined) {
      if (note && had.k >= 0 && had.n0 === null) this.st.citeNote.run(...note, i, source);
      return;
    }
    const k = ncites ?? Number(this.st.count.get(i));
    const cited = k < this.maxCitations;
    const n = cited && note ? note : [null, null, null, null, null];
    this.st.citeAdd.run(i, source, cited ? k : -1, ...n);
    this.st.counted.run(cited ? 1 : 0, cited ? 0 : 1, i);
  }

  /** The event a GLOBALEVENTID's row went into. */
  eventOfRow(gid: number): number | undefined {
    const i = this.st.gidGet.get(gid);
    return i === undefined ? undefined : Number(i);
  }

  rowRead(gid: number, i: number): void {
    this.st.gidSet.run(gid, i);
  }

  /** Whether a report address (by hash) was made into a source (true), found unusable (false), or not met. */
  source(hash: number): boolean | undefined {
    const ok = this.st.srcGet.get(hash);
    return ok === undefined ? undefined : ok === 1;
  }

  setSource(hash: number, ok: boolean): void {
    this.st.srcSet.run(hash, ok ? 1 : 0);
  }

  forgetSource(hash: number): void {
    this.st.srcDel.run(hash);
  }

  /**
   * Every event, in order of first appearance, read back a page at a time. Small pages: a page
   * is held while its events are written, and a page of 2,000 lived long enough to be moved to
   * the old heap, whose garbage then grew by 120 MB between collections (a 1.5M-row import
   * peaked at 518 MB; with 250, 478 MB and the same data).
   */
  *events(pageSize = 250): Generator<StagedEvent> {
    for (let from = 0; from < this.n; from += pageSize) {
      const rows = this.st.page.all(from, pageSize) as Row[];
      const cites = new Map<number, StagedEvent["cites"]>();
      for (const c of this.st.pageCites.all(from, from + pageSize - 1) as Row[]) {
        const i = Number(c.i);
        let l = cites.get(i);
        if (l === undefined) {
          l = [];
          cites.set(i, l);
        }
        l.push({
          source: Number(c.source),
          note:
            c.n0 === null
              ? undefined
              : [Number(c.n0), Number(c.n1), Number(c.n2), Number(c.n3), Number(c.n4)],
        });
      }
      for (const r of rows) {
        const i = Number(r.i);
        yield {
          i,
          date: String(r.date),
          keyHash: Number(r.keyhash),
          code: String(r.code),
          a1: String(r.a1),
          a2: String(r.a2),
          place: String(r.place),
          quadClass: Number(r.quad),
          goldstein: Number(r.gold),
          rows: Number(r.rows),
          mentions: Number(r.mentions),
          sources: Number(r.sources),
          articles: Number(r.articles),
          reported: Number(r.reported),
          toneSum: Number(r.tonesum),
          toneWeight: Number(r.toneweight),
          file: Number(r.file),
          line: Number(r.line),
          sig1: Number(r.sig1),
          sig2: Number(r.sig2),
          sigs1: list(r.sigs1 as string | null),
          sigs2: list(r.sigs2 as string | null),
          cites: cites.get(i) ?? [],
          overflow: Number(r.over),
        };
      }
    }
  }

  /** Remove the scratch file (safe to call twice). */
  close(): void {
    this.scratch.close();
  }
}
