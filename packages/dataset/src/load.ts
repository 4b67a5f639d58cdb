/**
 * The loader: data directories of YAML/JSON files → one validated Dataset, or every problem
 * found, each with `file:line:col`, the field path and a message. Never half-loads.
 */
import { type Dirent, readdirSync, statSync } from "node:fs";
import path from "node:path";
import {
  checkIntegrity,
  type Dataset,
  DatasetSchema,
  ENTITY_KINDS,
  ENTITY_SCHEMAS,
  type EntityKind,
  formatPath,
  IdSchema,
  SINGULAR,
} from "@dealmap/domain";
import { isSeq } from "yaml";
import type * as z from "zod";
import { locateKey, locatePath, type ParsedFile, parseFile } from "./yaml-file.ts";

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
   * third entity (index 2) of the file's list. `-` (NO_FIELD) for problems with the file as
   * a whole or with its YAML syntax.
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
      /** Every data file read, in the order read (display form, as in problems). */
      files: string[];
      /** Where entity `id` (or its field at `path`) is written. */
      locate(id: string, path?: (string | number)[]): Location | undefined;
    }
  | { ok: false; problems: LoadProblem[] };

/** `file:line:col  field.path  message` (two spaces between the parts). */
export function formatProblem(p: LoadProblem): string {
  return `${p.file}:${p.line}:${p.col}  ${p.path}  ${p.message}`;
}

/** The path shown for problems with a file or folder as a whole, or with its YAML syntax. */
export const NO_FIELD = "-";

const DATA_EXT = new Set([".yaml", ".yml", ".json"]);
const KIND_SET = new Set<string>(ENTITY_KINDS);

function displayPath(abs: string): string {
  const rel = path.relative(process.cwd(), abs);
  if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) return abs;
  return rel.split(path.sep).join("/");
}

function ignored(name: string): boolean {
  return name.startsWith(".") || name === "README.md";
}

/** A directory, or a symbolic link to one (a broken link counts as a file, and fails to read). */
function isDir(ent: Dirent, abs: string): boolean {
  if (ent.isDirectory()) return true;
  if (!ent.isSymbolicLink()) return false;
  try {
    return statSync(abs).isDirectory();
  } catch {
    return false;
  }
}

interface FoundFile {
  abs: string;
  kind: EntityKind;
}

/** List a data dir's files in sorted path order; layout mistakes become problems. */
function discover(dir: string, problems: LoadProblem[]): FoundFile[] {
  const root = path.resolve(dir);
  const whole = (abs: string, message: string) =>
    problems.push({ file: displayPath(abs), line: 1, col: 1, path: NO_FIELD, message });
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(root);
  } catch {
    whole(root, "data directory not found");
    return [];
  }
  if (!st.isDirectory()) {
    whole(root, "not a directory (a data directory holds one folder per collection)");
    return [];
  }
  const found: { rel: string; abs: string; kind: EntityKind }[] = [];
  const walk = (absDir: string, kind: EntityKind) => {
    for (const ent of readdirSync(absDir, { withFileTypes: true })) {
      if (ignored(ent.name)) continue;
      const abs = path.join(absDir, ent.name);
      if (isDir(ent, abs)) walk(abs, kind);
      else if (DATA_EXT.has(path.extname(ent.name).toLowerCase())) {
        found.push({ rel: path.relative(root, abs).split(path.sep).join("/"), abs, kind });
      } else whole(abs, "not a data file: files in a collection folder end in .yaml, .yml or .json");
    }
  };
  const kinds = [...KIND_SET].join(", ");
  for (const ent of readdirSync(root, { withFileTypes: true })) {
    if (ignored(ent.name)) continue;
    const abs = path.join(root, ent.name);
    if (isDir(ent, abs)) {
      if (KIND_SET.has(ent.name)) walk(abs, ent.name as EntityKind);
      else {
        // Name every file that would be lost, not just the folder.
        const message = `unknown folder "${ent.name}": a data directory holds only the folders ${kinds}`;
        const inside = listFiles(abs);
        if (inside.length === 0) whole(abs, message);
        for (const f of inside) whole(f, message);
      }
    } else {
      whole(abs, `file outside a collection folder: put it in one of ${kinds}`);
    }
  }
  found.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  return found.map(({ abs, kind }) => ({ abs, kind }));
}

/** Every file under a folder (recursive, sorted, dotfiles and README.md skipped). */
function listFiles(absDir: string): string[] {
  const out: string[] = [];
  for (const ent of readdirSync(absDir, { withFileTypes: true })) {
    if (ignored(ent.name)) continue;
    const abs = path.join(absDir, ent.name);
    if (isDir(ent, abs)) out.push(...listFiles(abs));
    else out.push(abs);
  }
  return out.sort();
}

/** An entity read from a file, before and after schema validation. */
interface Item {
  kind: EntityKind;
  file: ParsedFile;
  /** Index in the file's list. */
  index: number;
  raw: unknown;
  /** Valid id as written, if any. */
  id?: string;
  parsed?: Dataset[EntityKind][number];
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
 * Load and validate one or more data directories (merged in the order given: built-in first,
 * then the user's). Returns the dataset only when there is no problem at all.
 */
export function loadDataset(dirs: string | string[]): LoadResult {
  const dirList = Array.isArray(dirs) ? dirs : [dirs];
  const problems: LoadProblem[] = [];
  const files: ParsedFile[] = [];
  const items: Item[] = [];

  const at = (
    file: ParsedFile,
    p: readonly (string | number)[],
    message: string,
    extra: { kind?: EntityKind; id?: string; key?: boolean } = {},
  ) => {
    const pos = extra.key ? locateKey(file, p) : locatePath(file, p);
    // Name the entity unless the problem is its id itself: the id is how curators search.
    const named =
      extra.kind && extra.id && p[p.length - 1] !== "id"
        ? `${message} — ${SINGULAR[extra.kind]} "${extra.id}"`
        : message;
    const problem: LoadProblem = {
      file: file.display,
      line: pos.line,
      col: pos.col,
      path: formatPath(p) || NO_FIELD,
      message: named,
    };
    if (extra.kind) problem.kind = extra.kind;
    if (extra.id) problem.id = extra.id;
    problems.push(problem);
  };

  // 1. find and parse every file
  for (const dir of dirList) {
    for (const { abs, kind } of discover(dir, problems)) {
      let file: ParsedFile;
      try {
        file = parseFile(abs, displayPath(abs));
      } catch (err) {
        problems.push({
          file: displayPath(abs),
          line: 1,
          col: 1,
          path: NO_FIELD,
          message: `cannot read: ${(err as Error).message}`,
        });
        continue;
      }
      files.push(file);
      if (file.errors.length > 0) {
        for (const e of file.errors) {
          problems.push({
            file: file.display,
            line: e.pos.line,
            col: e.pos.col,
            path: NO_FIELD,
            message: e.message,
          });
        }
        continue;
      }
      const contents = file.doc.contents;
      if (contents === null || (contents && "value" in contents && contents.value === null)) continue; // empty file
      if (!isSeq(contents)) {
        at(file, [], `a file in ${kind}/ holds a list of ${kind} (a YAML sequence of mappings)`);
        continue;
      }
      let list: unknown;
      try {
        list = file.doc.toJS({ maxAliasCount: 1000 });
      } catch (err) {
        at(file, [], `cannot read the YAML: ${(err as Error).message}`);
        continue;
      }
      (list as unknown[]).forEach((raw, index) => {
        const item: Item = { kind, file, index, raw };
        const id = rawId(raw);
        if (id) item.id = id;
        items.push(item);
      });
    }
  }

  // 2. validate each entity against its schema
  const entityLabel = (item: Item) => (item.id ? { kind: item.kind, id: item.id } : { kind: item.kind });
  for (const item of items) {
    const result = ENTITY_SCHEMAS[item.kind].safeParse(item.raw);
    if (result.success) {
      item.parsed = result.data;
      continue;
    }
    for (const issue of result.error.issues) {
      const base = [item.index, ...(issue.path as (string | number)[])];
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) {
          at(item.file, [...base, key], `unknown field "${key}"`, {
            ...entityLabel(item),
            key: true,
          });
        }
      } else {
        at(item.file, base, describeIssue(issue, item.raw, item.kind), entityLabel(item));
      }
    }
  }

  // 3. ids are unique across files, directories and kinds
  const byId = new Map<string, Item>();
  const unique: Item[] = [];
  for (const item of items) {
    if (!item.id) continue;
    const first = byId.get(item.id);
    if (first) {
      const pos = locatePath(first.file, [first.index, "id"]);
      at(
        item.file,
        [item.index, "id"],
        `duplicate id "${item.id}": already used by the ${SINGULAR[first.kind]} at ${first.file.display}:${pos.line}:${pos.col}`,
        entityLabel(item),
      );
    } else {
      byId.set(item.id, item);
      unique.push(item);
    }
  }

  // 4. merge and check integrity over what parsed. References to entities that failed their
  //    schema are not reported again as dangling: the schema problem already names them.
  const failedIds = new Set(items.filter((i) => !i.parsed && i.id).map((i) => i.id as string));
  const merged: Record<EntityKind, unknown[]> = Object.fromEntries(ENTITY_KINDS.map((k) => [k, []])) as never;
  for (const item of unique) if (item.parsed) merged[item.kind].push(item.parsed);
  const mergedResult = DatasetSchema.safeParse(merged);
  if (!mergedResult.success) {
    // Cannot happen when every entity passed its own schema; reported rather than thrown.
    for (const issue of mergedResult.error.issues) {
      problems.push({
        file: "(merged)",
        line: 1,
        col: 1,
        path: formatPath(issue.path),
        message: issue.message,
      });
    }
  } else {
    const dataset = mergedResult.data;
    for (const p of checkIntegrity(dataset)) {
      const item = byId.get(p.id);
      if (!item || item.kind !== p.kind) continue; // duplicates: already reported above
      const target = valueAt(item.parsed, p.path);
      if (typeof target === "string" && failedIds.has(target)) continue;
      at(item.file, [item.index, ...p.path], p.message, entityLabel(item));
    }
    if (problems.length === 0) {
      const fileNames = files.map((f) => f.display);
      return {
        ok: true,
        dataset,
        files: fileNames,
        locate(id, fieldPath = []) {
          const item = byId.get(id);
          if (!item) return undefined;
          const pos = locatePath(item.file, [item.index, ...fieldPath]);
          return { file: item.file.display, line: pos.line, col: pos.col };
        },
      };
    }
  }

  // Order problems by file (in read order), then position, so a curator reads top to bottom.
  const order = new Map<string, number>();
  files.forEach((f, i) => order.set(f.display, i));
  const rank = (p: LoadProblem) => order.get(p.file) ?? -1;
  problems.sort((x, y) => rank(x) - rank(y) || x.line - y.line || x.col - y.col);
  return { ok: false, problems };
}

/** Zod's wording, except that a field left out is called missing rather than "undefined". */
function describeIssue(issue: z.core.$ZodIssue, raw: unknown, kind: EntityKind): string {
  if (issue.code !== "invalid_type") return issue.message;
  if (issue.path.length === 0) {
    return `each entry of ${kind}/ is a mapping of fields (${a(SINGULAR[kind])}), not ${typeName(raw)}`;
  }
  const parent = valueAt(raw, issue.path.slice(0, -1) as (string | number)[]);
  const key = issue.path[issue.path.length - 1];
  if (parent && typeof parent === "object" && !((key as string | number) in parent)) {
    return `missing required field "${String(key)}"`;
  }
  if (valueAt(raw, issue.path as (string | number)[]) === null)
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
