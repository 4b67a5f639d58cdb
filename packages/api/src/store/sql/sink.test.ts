/**
 * PostgreSQL's bulk path: rows go to the server by COPY in its text format, about a megabyte
 * at a time, one COPY on its way while the next is made. Every value must come back as it went
 * in (the escapes of COPY's text format, NULL against the empty string and the text `\N`, long
 * and multi-byte values across the batches' edges), and a failing COPY must fail the write
 * with the server's message, leaving nothing behind.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freshDatabase } from "../../../test/postgres.ts";
import { PostgresSink, type Sink, SqliteSink } from "./write.ts";

let pool: pg.Pool;

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: await freshDatabase(inject("pgUrl"), "sink"), max: 2 });
  await pool.query(
    "CREATE TABLE probe (id integer PRIMARY KEY, t text, x double precision, big bigint, note text NOT NULL)",
  );
  await pool.query("CREATE TABLE words (w text PRIMARY KEY, n integer)");
});
afterAll(() => pool?.end());

type Row = { id: number; t: string | null; x: number | null; big: number | null; note: string };

const awkward = [
  "",
  "\\N",
  "\\.",
  "back\\slash",
  "tab\there",
  "line\nbreak",
  "carriage\rreturn",
  "\r\n",
  "\\\\t is not a tab",
  "Лукашенко",
  "🕊 peace",
  '{"json":"with \\"quotes\\" and \\n escapes"}',
  "   spaces kept   ",
];

function rows(): Row[] {
  const out: Row[] = awkward.map((t, i) => ({ id: i, t, x: i / 7, big: 2 ** 40 + i, note: `awkward ${i}` }));
  out.push({ id: 100, t: null, x: null, big: null, note: "nulls" });
  // a value longer than a batch, with two- and four-byte characters: the batch grows for it
  out.push({ id: 101, t: "ж🕊".repeat(400_000), x: -0.5, big: 0, note: "long" });
  // enough rows for several COPYs of about a megabyte each
  for (let i = 0; i < 40_000; i++)
    out.push({ id: 1000 + i, t: `row ${i}\t${"ю".repeat(i % 50)}`, x: i * 0.25, big: i, note: `n${i}` });
  return out;
}

async function readBack(): Promise<Row[]> {
  const r = await pool.query<Row>("SELECT id, t, x, big::float8 AS big, note FROM probe ORDER BY id");
  return r.rows;
}

describe("PostgreSQL's bulk path (COPY)", () => {
  it("every value comes back as written, across several COPYs", async () => {
    const sink = await PostgresSink.open(pool);
    const written = rows();
    try {
      // rows of another table in between, as a load writes them
      for (const [i, row] of written.entries()) {
        await sink.insert("probe", row);
        if (i % 1000 === 0) await sink.insert("words", { w: `w${i}`, n: i });
      }
      // a statement in the write's transaction sees every row before it
      const seen = await sink.query<{ n: string }>("SELECT count(*) AS n FROM probe");
      expect(Number(seen[0]?.n)).toBe(written.length);
      await sink.commit();
    } catch (err) {
      await sink.rollback();
      throw err;
    }
    expect(await readBack()).toEqual([...written].sort((a, b) => a.id - b.id));
    const words = await pool.query("SELECT count(*)::int AS n FROM words");
    expect(words.rows[0].n).toBe(Math.ceil(written.length / 1000));
  });

  it("a row the table refuses fails the write with the server's message; nothing is left", async () => {
    await pool.query("TRUNCATE probe, words");
    const sink = await PostgresSink.open(pool);
    let error: unknown;
    try {
      for (let i = 0; i < 30_000; i++)
        await sink.insert("probe", { id: i, t: "x", x: 1, big: 1, note: "ok" });
      // a key already written: COPY fails on the server, which the next flush reports
      await sink.insert("probe", { id: 7, t: "again", x: 1, big: 1, note: "duplicate" });
      for (let i = 30_000; i < 31_000; i++)
        await sink.insert("probe", { id: i, t: "x", x: 1, big: 1, note: "ok" });
      await sink.commit();
    } catch (err) {
      error = err;
      await sink.rollback();
    }
    expect(String(error)).toMatch(/duplicate key value violates unique constraint "probe_pkey"/);
    expect((error as { detail?: string }).detail).toBe("Key (id)=(7) already exists.");
    const left = await pool.query("SELECT count(*)::int AS n FROM probe");
    expect(left.rows[0].n).toBe(0);
    // the connection went back to the pool usable
    expect((await pool.query("SELECT 1 AS one")).rows[0].one).toBe(1);
  });

  it("rows that may meet a key already there are skipped, not failed (ON CONFLICT DO NOTHING)", async () => {
    await pool.query("TRUNCATE probe, words");
    await pool.query("INSERT INTO words VALUES ('kept', 1)");
    const sink = await PostgresSink.open(pool);
    await sink.insert("words", { w: "kept", n: 2 }, true);
    await sink.insert("words", { w: "new\tword", n: 3 }, true);
    await sink.commit();
    const r = await pool.query("SELECT w, n FROM words ORDER BY w");
    expect(r.rows).toEqual([
      { w: "kept", n: 1 },
      { w: "new\tword", n: 3 },
    ]);
  });
});

describe("rows of one table in changing shapes (both sinks)", () => {
  // the sinks buffer rows per table and shape, trying the table's last shape first: keys in
  // another order, fewer keys or the other conflict rule must each land in their own columns
  type Shape = { row: Record<string, string | number | null>; ignore?: boolean };
  const shapes = (i: number): Shape[] => [
    { row: { id: 4 * i, a: `a${i}`, b: i } },
    { row: { b: -i - 1, id: 4 * i + 1, a: `ä${i}` } },
    { row: { id: 4 * i + 2, a: null } },
    { row: { id: 4 * i + 3, a: "kept", b: 0 }, ignore: true },
  ];
  const want = (n: number) =>
    Array.from({ length: n }, (_, i) => [
      { id: 4 * i, a: `a${i}`, b: i },
      { id: 4 * i + 1, a: `ä${i}`, b: -i - 1 },
      { id: 4 * i + 2, a: null, b: null },
      { id: 4 * i + 3, a: "kept", b: 0 },
    ]).flat();
  async function write(sink: Sink, n: number) {
    for (let i = 0; i < n; i++)
      for (const s of shapes(i)) {
        await sink.insert("shapes", s.row, s.ignore ?? false);
        // another table between them, as a load writes
        if (i % 7 === 0) await sink.insert("other", { x: i });
      }
    await sink.commit();
  }

  it("SQLite", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dealmap-sink-"));
    try {
      const raw = new SQLite(join(dir, "s.sqlite"));
      raw.exec(
        "CREATE TABLE shapes (id INTEGER PRIMARY KEY, a TEXT, b INTEGER); CREATE TABLE other (x INTEGER)",
      );
      await write(new SqliteSink(raw, "s.sqlite"), 500);
      expect(raw.prepare("SELECT id, a, b FROM shapes ORDER BY id").all()).toEqual(want(500));
      expect(raw.prepare("SELECT count(*) AS n FROM other").get()).toEqual({ n: 4 * Math.ceil(500 / 7) });
      raw.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("PostgreSQL", async () => {
    await pool.query(
      "CREATE TABLE shapes (id integer PRIMARY KEY, a text, b integer); CREATE TABLE other (x integer)",
    );
    await write(await PostgresSink.open(pool), 500);
    expect((await pool.query("SELECT id, a, b FROM shapes ORDER BY id")).rows).toEqual(want(500));
    expect((await pool.query("SELECT count(*)::int AS n FROM other")).rows).toEqual([
      { n: 4 * Math.ceil(500 / 7) },
    ]);
  });
});
