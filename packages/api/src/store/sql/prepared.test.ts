/**
 * PostgreSQL reads met again run as named (prepared) statements, so that the server keeps their
 * plans per connection; writes, reads met once and reads with an `= ANY(` array stay unnamed.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freshDatabase } from "../../../test/postgres.ts";
import { type OpenedDatabase, openDatabase, statementNames } from "./engine.ts";

describe("statementNames", () => {
  it("names a read the second time it is met, the same name ever after", () => {
    const nameOf = statementNames();
    const text = "select id from events where actor = $1";
    expect(nameOf(text)).toBeUndefined();
    const name = nameOf(text);
    expect(name).toMatch(/^dealmap_[0-9a-f]{24}$/);
    expect(nameOf(text)).toBe(name);
    const withText = "WITH t AS (SELECT 1) SELECT * FROM t";
    expect(nameOf(withText)).toBeUndefined();
    expect(nameOf(withText)).toMatch(/^dealmap_/);
    expect(nameOf("select id from events where actor = $2")).toBeUndefined();
  });

  it("leaves writes and reads of `= ANY(` arrays unnamed", () => {
    const nameOf = statementNames();
    for (const text of [
      "insert into events (id) values ($1)",
      "DELETE FROM refs WHERE owner = $1",
      'select "id" from "entities" where "id" = ANY($1::text[])',
    ])
      for (let i = 0; i < 3; i++) expect(nameOf(text)).toBeUndefined();
  });

  it("names at most `limit` texts", () => {
    const nameOf = statementNames(2);
    const names = ["a", "b", "c"].map((t) => {
      nameOf(`select '${t}'`);
      return nameOf(`select '${t}'`);
    });
    expect(names[0]).toBeDefined();
    expect(names[1]).toBeDefined();
    expect(names[2]).toBeUndefined();
    expect(nameOf("select 'a'")).toBe(names[0]);
  });
});

describe("a PostgreSQL store's connection", () => {
  let c: OpenedDatabase;
  beforeAll(async () => {
    c = await openDatabase(await freshDatabase(inject("pgUrl"), "prepared"), { create: true, poolSize: 1 });
  });
  afterAll(() => c?.close());

  const prepared = async () =>
    (await sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements`.execute(c.db)).rows.map(
      (r) => r.statement,
    );

  it("keeps a read met again as a prepared statement, with the same answers", async () => {
    const read = () =>
      sql<{ value: string }>`SELECT value FROM dealmap_meta WHERE key = ${"app"}`.execute(c.db);
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push((await read()).rows);
    expect(answers).toEqual([[{ value: "dealmap" }], [{ value: "dealmap" }], [{ value: "dealmap" }]]);
    expect(await prepared()).toContain("SELECT value FROM dealmap_meta WHERE key = $1");

    const many = () =>
      sql<{ key: string }>`SELECT key FROM dealmap_meta WHERE key = ANY(${["app", "none"]}::text[])`.execute(
        c.db,
      );
    for (let i = 0; i < 3; i++) expect((await many()).rows).toEqual([{ key: "app" }]);
    expect((await prepared()).some((s) => s.includes("ANY("))).toBe(false);
  });

  it("a failing read gives the server's error, and the connection goes on", async () => {
    const bad = () => sql`SELECT no_such_column FROM dealmap_meta WHERE key = ${"app"}`.execute(c.db);
    for (let i = 0; i < 3; i++) await expect(bad()).rejects.toThrow(/no_such_column/);
    expect((await sql<{ n: number }>`SELECT 1 AS n`.execute(c.db)).rows).toEqual([{ n: 1 }]);
  });
});
