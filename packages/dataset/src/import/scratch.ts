/**
 * A throwaway SQLite file in the system's temporary directory, for what an importer must
 * remember of its whole input (so that memory stays flat whatever the input's size): no
 * journal, no syncing, one connection, a bounded page cache, and one transaction kept open
 * (nothing in it needs to survive). It always holds `made`, a set of ids for `once`.
 * `close()` removes the file.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

export class ScratchDatabase {
  readonly db: Database.Database;
  private readonly dir: string;
  private readonly made: Database.Statement<[string]>;

  /** `schema`: the statements that make its tables; `cacheKiB`: the page cache's size. */
  constructor(prefix: string, schema: string, cacheKiB: number) {
    this.dir = mkdtempSync(path.join(tmpdir(), prefix));
    try {
      this.db = new Database(path.join(this.dir, "scratch.sqlite"));
      this.db.pragma("journal_mode = OFF");
      this.db.pragma("synchronous = OFF");
      this.db.pragma("locking_mode = EXCLUSIVE");
      this.db.pragma(`cache_size = -${Math.round(cacheKiB)}`);
      this.db.exec(`${schema};\nCREATE TABLE made (id TEXT PRIMARY KEY) WITHOUT ROWID;`);
      this.made = this.db.prepare("INSERT OR IGNORE INTO made (id) VALUES (?)");
      this.db.exec("BEGIN");
    } catch (err) {
      rmSync(this.dir, { recursive: true, force: true });
      throw err;
    }
  }

  /** True the first time an id is given. */
  once(id: string): boolean {
    return this.made.run(id).changes === 1;
  }

  /** Remove the file (safe to call twice). */
  close(): void {
    if (this.db?.open) this.db.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
