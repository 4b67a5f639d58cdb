import path from "node:path";
import { builtinDataDir } from "@dealmap/dataset";

/** A data directory and the name a reader sees for it. */
export interface DataRoot {
  /** Absolute path on the server. */
  dir: string;
  /** Shown instead: the directory's own name, e.g. `my-data`. */
  label: string;
}

/** `file:line:col  …` at the start of a problem line (the loader's `formatProblem`). */
const PROBLEM_LINE = /^(.+?):(\d+):(\d+)( {2}.*)?$/;

/**
 * An absolute path in running text: starts a line or follows a space, bracket, quote or `=`
 * (never `https://…`, whose slashes follow a colon), and has at least two segments.
 */
const ABSOLUTE = /(^|[\s(="'`[])(\/[^\s/"'`()[\]]+(?:\/[^\s/"'`()[\]]*)+)/g;

function inside(root: string, abs: string): string | undefined {
  const rel = path.relative(root, abs);
  if (rel === "") return "";
  if (rel.startsWith("..") || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join("/");
}

/** One file or directory as a reader should see it: under its data directory's name, else its own name. */
function shown(file: string, roots: DataRoot[], cwd: string): string {
  const abs = path.resolve(cwd, file);
  // the innermost root wins (a user directory could sit inside another)
  const sorted = [...roots].sort((a, b) => b.dir.length - a.dir.length);
  for (const root of sorted) {
    const rel = inside(root.dir, abs);
    if (rel !== undefined) return rel ? `${root.label}/${rel}` : root.label;
  }
  return path.basename(abs);
}

/**
 * The loader's problem list without the server's file system layout: each `file:line:col` is
 * shown relative to its data directory (`my-data/actors/x.yaml:3:5`), and any other absolute
 * path left in the text (the `DEALMAP_DATA=…` line, a read error) is cut to its last part.
 * The loader writes paths relative to the working directory or absolute; both are resolved
 * against `cwd` first.
 */
export function relativizeProblems(message: string, roots: DataRoot[], cwd: string): string {
  return message
    .split("\n")
    .map((line) => {
      const m = PROBLEM_LINE.exec(line);
      const fixed = m ? `${shown(m[1] ?? "", roots, cwd)}:${m[2]}:${m[3]}${m[4] ?? ""}` : line;
      return fixed.replace(ABSOLUTE, (_all, before: string, abs: string) => before + shown(abs, roots, cwd));
    })
    .join("\n");
}

/**
 * {@link relativizeProblems} for this server: the built-in data shows as `built-in data/…`,
 * the user's `DEALMAP_DATA` directory under its own name.
 */
export function withoutServerPaths(message: string): string {
  const cwd = process.cwd();
  const roots: DataRoot[] = [{ dir: builtinDataDir, label: "built-in data" }];
  const user = process.env.DEALMAP_DATA;
  if (user) {
    const dir = path.resolve(cwd, user);
    roots.push({ dir, label: path.basename(dir) || "data" });
  }
  return relativizeProblems(message, roots, cwd);
}
