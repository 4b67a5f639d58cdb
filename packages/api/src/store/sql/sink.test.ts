/**
 * PostgreSQL's bulk path: rows go to the server by COPY in its text format, about a megabyte
 * at a time, one COPY on its way while the next is made. Every value must come back as it went
 * in (the escapes of COPY's text format, NULL against the empty string and the text `\N`, long
 * and multi-byte values across the batches' edges), and a failing COPY must fail the write
 * with the server's message, leaving nothing behind.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freshDatabase } from "../../../test/postgres.ts";
import { PostgresSink } from "./write.ts";

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
