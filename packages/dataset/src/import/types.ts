/**
 * What every importer (GDELT, FollowTheMoney, CSV) shares: the entities it streams out, the
 * bad lines it reports, and the report it fills in as it goes. An importer only reads and maps
 * files; writing into a database is the store's job (packages/api, `importEntities`).
 */
import type { Dataset, EntityKind } from "@dealmap/domain";

/** One entity an importer made: its plural kind (as in a Dataset) and the value. */
export type ImportItem = { [K in EntityKind]: { kind: K; entity: Dataset[K][number] } }[EntityKind];

/** A line of an input that could not be imported, with where it is and why. */
export interface BadLine {
  /** The input file as the user named it. */
  file: string;
  /** 1-based line (for a zip member: the line inside the member). */
  line: number;
  /** 1-based column (a field number for tab-separated rows), when known. */
  column?: number;
  /** What is wrong, in words a user can act on (e.g. "58 columns, expected 61"). */
  message: string;
  /** The line as read, for the reject file (`--skip-bad`); undefined when it was not text. */
  raw?: string;
}

/** Counts an importer keeps while it runs; the command prints them at the end. */
export interface ImportReport {
  /** Data lines read (rows, JSON lines), over all files. */
  rowsRead: number;
  /** Entities made, by plural kind. */
  made: Partial<Record<EntityKind, number>>;
  /** Rows that reported an event another row already made, merged into it (GDELT). */
  merged: number;
  /** Rows or entities not imported on purpose, by reason (e.g. "FtM schema Address"). */
  skipped: Record<string, number>;
  /** Imported references resolved to curated actors (e.g. country code USA → United States). */
  matched: number;
  /** Bad lines met (each was passed to `onBad`). */
  bad: number;
}

export function emptyReport(): ImportReport {
  return { rowsRead: 0, made: {}, merged: 0, skipped: {}, matched: 0, bad: 0 };
}

export interface ImportOptions {
  /**
   * The dataset the entities belong to: a lower-case kebab name. Every id an importer makes
   * starts with it (`<dataset>-…`), so ids never collide with curated ones or another import's.
   */
  dataset: string;
  /** Curated state actors by ISO 3166-1 alpha-2 country code (e.g. "US" → "united-states"). */
  states?: ReadonlyMap<string, string>;
  /** Called for each bad line. The importer goes on to the next line either way. */
  onBad(bad: BadLine): void;
  /** Progress: data lines read so far, bytes read so far and bytes in all inputs. */
  onProgress?(p: { rows: number; bytes: number; totalBytes: number }): void;
}

/** Turn a file name or label into a dataset name: lower-case words joined by '-'. */
export function datasetNameFrom(label: string): string {
  const base = label
    .replace(/^.*[\\/]/, "")
    .replace(/\.(zip|gz)$/i, "")
    .replace(/\.[a-z0-9]+$/i, "")
    .replace(/\.[a-z0-9]+$/i, "");
  const slug = base
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  return slug === "" ? "import" : slug;
}
