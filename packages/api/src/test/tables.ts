/**
 * Every table of a SQLite database with its rows in a fixed order, for tests comparing two
 * databases filled different ways (the schema migrations' own bookkeeping and the load time
 * left out): equal contents mean the same data, row for row.
 */
import type { OpenedDatabase } from "../store/sql/engine.ts";

export function tableContents(c: OpenedDatabase): Record<string, unknown[]> {
  const raw = c.sqlite;
  if (!raw) throw new Error(`${c.name}: not a SQLite database`);
  const out: Record<string, unknown[]> = {};
  const tables = raw
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'kysely_%' ORDER BY name")
    .pluck()
    .all() as string[];
  for (const t of tables) {
    const cols = (raw.prepare("SELECT name FROM pragma_table_info(?)").pluck().all(t) as string[]).join(", ");
    const where = t === "dealmap_meta" ? " WHERE key <> 'loaded_at'" : "";
    out[t] = raw.prepare(`SELECT ${cols} FROM ${t}${where} ORDER BY ${cols}`).raw().all();
  }
  out["(indexes)"] = raw
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name")
    .raw()
    .all();
  return out;
}
