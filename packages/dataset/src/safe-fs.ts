/**
 * What the loader may read, and how much of it. Data directories and source-text directories
 * often come from someone else, so a directory is walked under one rule:
 *
 * - only regular files and folders are read; FIFOs, sockets and devices are refused unopened;
 * - a symbolic link is followed only when its real target stays inside the directory being
 *   read; a link that leads outside, that is broken, or that loops is refused;
 * - each real folder and each real file is read once (a link back to a folder already being
 *   read is a loop, and is refused);
 * - the walk, each file and each line stop at the limits below.
 *
 * Everything refused becomes a problem naming the entry by its path inside the directory;
 * the target of a link that leads outside is never named or opened.
 */
import {
  closeSync,
  constants,
  type Dirent,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  type Stats,
  statSync,
} from "node:fs";
import path from "node:path";

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/** The caps, documented in the package README. */
export const LIMITS = Object.freeze({
  /** Files and folders examined in one data directory (dotfiles and README.md not counted). */
  entries: 10_000,
  /** Folder levels below a data directory. */
  depth: 16,
  /** One .yaml, .yml or .json file: it is parsed whole, with positions, so it must stay small. */
  documentBytes: 16 * MiB,
  /**
   * The .yaml, .yml and .json files of one data directory together: parsing them costs some thirty
   * to forty times their size in memory, so large data belongs in .jsonl files.
   */
  documentsBytes: 64 * MiB,
  /** All data files of one data directory together (a .jsonl file included). */
  dataBytes: 1 * GiB,
  /** One line of a .jsonl file: one entity. */
  lineBytes: 1 * MiB,
  /** Problems listed for one file; past this a file is not checked further. */
  problemsPerFile: 1000,
  /** One source text. */
  sourceTextBytes: 16 * MiB,
  /** Entries examined in a source-text directory. */
  sourceTextEntries: 10_000,
});

/** How problems name a path: relative to the working directory when inside it, else absolute. */
export function displayPath(abs: string): string {
  const rel = path.relative(process.cwd(), abs);
  if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) return abs;
  return rel.split(path.sep).join("/");
}

/** "16 MiB", "2.0 GiB", "512 bytes". */
export function formatBytes(n: number): string {
  if (n >= GiB) return `${Number.isInteger(n / GiB) ? n / GiB : (n / GiB).toFixed(1)} GiB`;
  if (n >= MiB) return `${Number.isInteger(n / MiB) ? n / MiB : (n / MiB).toFixed(1)} MiB`;
  return `${n.toLocaleString("en-US")} bytes`;
}

/** A system error's reason in words ("system error EINVAL" for rare ones). */
export function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ENOENT":
      return "it does not exist";
    case "ENOTDIR":
      return "not a folder";
    case "EISDIR":
      return "it is a folder";
    case "EIO":
      return "input/output error";
    case "ELOOP":
      return "symbolic link loop";
    case "EMFILE":
    case "ENFILE":
      return "too many open files";
    default:
      return code ? `system error ${code}` : err instanceof Error ? err.message : String(err);
  }
}

/** What a non-regular entry is, in words; undefined for a regular file or a folder. */
function special(st: Stats | Dirent): string | undefined {
  if (st.isFile() || st.isDirectory()) return undefined;
  if (st.isFIFO()) return "a named pipe (FIFO)";
  if (st.isSocket()) return "a socket";
  if (st.isCharacterDevice()) return "a character device";
  if (st.isBlockDevice()) return "a block device";
  if (st.isSymbolicLink()) return "a symbolic link";
  return "a special file";
}

/** Is `real` the directory `root` itself or inside it (both real paths)? */
export function isInside(real: string, root: string): boolean {
  if (real === root) return true;
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  return real.startsWith(prefix);
}

/** An entry that passed the rule: where it is shown, and the real path to open. */
export interface Entry {
  name: string;
  /** Path as reached from the directory as given (what problems show). */
  abs: string;
  /** Real path: no symbolic link in it. */
  real: string;
  type: "file" | "dir";
}

/**
 * Look at one directory entry under the rule. Returns the entry, or a message saying why it is
 * refused. `parentReal` is the real path of the folder holding it, `rootReal` that of the
 * directory being read.
 */
export function classify(
  ent: Dirent,
  abs: string,
  parentReal: string,
  rootReal: string,
  where = "the data directory",
): Entry | { refused: string } {
  const name = ent.name;
  if (ent.isDirectory()) return { name, abs, real: path.join(parentReal, name), type: "dir" };
  if (ent.isFile()) return { name, abs, real: path.join(parentReal, name), type: "file" };
  if (!ent.isSymbolicLink()) {
    return { refused: `${special(ent)}, not a regular file or folder: refused (it is never opened)` };
  }
  let real: string;
  try {
    real = realpathSync(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { refused: "broken symbolic link: what it points to does not exist" };
    if (code === "ELOOP") return { refused: "symbolic link loop: it never reaches a file or folder" };
    return { refused: `symbolic link that cannot be followed (${reason(err)})` };
  }
  if (!isInside(real, rootReal)) {
    return {
      refused: `symbolic link to a place outside ${where}: not followed (links are followed only when they stay inside it)`,
    };
  }
  let st: Stats;
  try {
    st = statSync(real);
  } catch (err) {
    return { refused: `symbolic link that cannot be followed (${reason(err)})` };
  }
  if (st.isDirectory()) return { name, abs, real, type: "dir" };
  if (st.isFile()) return { name, abs, real, type: "file" };
  return {
    refused: `symbolic link to ${special(st)}, not a regular file or folder: refused (it is never opened)`,
  };
}

/** A problem with a path as a whole (a file or a folder), before any of it is parsed. */
export interface PathProblem {
  abs: string;
  message: string;
}

/** Folder entries that are never looked at: dotfiles and README.md. */
export function ignored(name: string): boolean {
  return name.startsWith(".") || name === "README.md";
}

/**
 * A walk over one directory under the rule and the caps. Problems collect in `problems`; once
 * a cap is hit the walk stops (`stopped`).
 */
export class DirWalk {
  readonly problems: PathProblem[] = [];
  /** Entries examined so far. */
  count = 0;
  stopped = false;
  /** Real path → path as reached, for every folder and file taken so far. */
  private readonly seen = new Map<string, string>();

  constructor(
    /** The directory as given, resolved. */
    readonly rootAbs: string,
    /** Its real path. */
    readonly rootReal: string,
    private readonly limit: number = LIMITS.entries,
    /** What the directory is, in problems: "data directory", "source text directory". */
    private readonly what = "data directory",
  ) {
    this.seen.set(rootReal, rootAbs);
  }

  /** Path inside the directory, with forward slashes ("" for the directory itself). */
  rel(abs: string): string {
    return path.relative(this.rootAbs, abs).split(path.sep).join("/");
  }

  refuse(abs: string, message: string): void {
    this.problems.push({ abs, message });
  }

  /** A folder's entries, sorted by name, ignored names left out; undefined when unreadable. */
  list(absDir: string): Dirent[] | undefined {
    let ents: Dirent[];
    try {
      ents = readdirSync(absDir, { withFileTypes: true });
    } catch (err) {
      this.refuse(absDir, `cannot read this folder: ${reason(err)}`);
      return undefined;
    }
    return ents
      .filter((e) => !ignored(e.name))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Take one entry: count it, apply the rule, refuse what is read already. */
  take(ent: Dirent, absDir: string, realDir: string): Entry | undefined {
    if (this.stopped) return undefined;
    if (++this.count > this.limit) {
      this.stopped = true;
      this.refuse(
        this.rootAbs,
        `more than ${this.limit.toLocaleString("en-US")} files and folders: a ${this.what} holds at most ${this.limit.toLocaleString("en-US")}; the rest was not read`,
      );
      return undefined;
    }
    const abs = path.join(absDir, ent.name);
    const entry = classify(ent, abs, realDir, this.rootReal, `the ${this.what}`);
    if ("refused" in entry) {
      this.refuse(abs, entry.refused);
      return undefined;
    }
    const first = this.seen.get(entry.real);
    if (first !== undefined) {
      const firstRel = this.rel(first);
      const shown = firstRel === "" ? `the ${this.what} itself` : firstRel;
      if (entry.type === "dir" && (first === this.rootAbs || abs.startsWith(first + path.sep))) {
        this.refuse(abs, `symbolic link loop: it leads back to ${shown}, which contains it; not followed`);
      } else {
        this.refuse(
          abs,
          `the same ${entry.type === "dir" ? "folder" : "file"} as ${shown} (through a symbolic link): read only once`,
        );
      }
      return undefined;
    }
    this.seen.set(entry.real, abs);
    return entry;
  }

  /**
   * Every file under a folder, depth first in name order; `depth` is the folder's own level
   * (1 for a folder at the top of the directory).
   */
  tree(absDir: string, realDir: string, depth: number, onFile: (entry: Entry) => void): void {
    if (depth > LIMITS.depth) {
      this.refuse(absDir, `folders nested more than ${LIMITS.depth} levels deep: not read`);
      return;
    }
    const ents = this.list(absDir);
    if (!ents) return;
    for (const ent of ents) {
      const entry = this.take(ent, absDir, realDir);
      if (this.stopped) return;
      if (!entry) continue;
      if (entry.type === "dir") this.tree(entry.abs, entry.real, depth + 1, onFile);
      else onFile(entry);
    }
  }
}

/**
 * Resolve a directory given by the user (it may itself be a symbolic link: the user named it).
 * Returns its real path, or a message for a problem with it as a whole.
 */
export function openRoot(abs: string, what = "data directory"): { real: string } | { problem: string } {
  let real: string;
  try {
    real = realpathSync(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      let link = false;
      try {
        link = lstatSync(abs).isSymbolicLink();
      } catch {
        // nothing there at all
      }
      return { problem: link ? `${what} not found: it is a broken symbolic link` : `${what} not found` };
    }
    if (code === "ELOOP") return { problem: `${what} not found: symbolic link loop` };
    return { problem: `cannot open the ${what}: ${reason(err)}` };
  }
  let st: Stats;
  try {
    st = statSync(real);
  } catch (err) {
    return { problem: `cannot open the ${what}: ${reason(err)}` };
  }
  if (!st.isDirectory()) {
    return {
      problem:
        what === "data directory"
          ? "not a directory (a data directory holds one folder per collection)"
          : `not a directory (the ${what} holds one file per text)`,
    };
  }
  if (path.parse(real).root === real) {
    return { problem: `the filesystem root is not a ${what}: give the folder that holds your data` };
  }
  return { real };
}

/** A regular file opened for reading; `problem` when it is refused or cannot be opened. */
export type Opened = { fd: number; size: number } | { problem: string };

/**
 * Open a file that the walk took. O_NOFOLLOW and O_NONBLOCK guard against the entry being
 * swapped for a link or a FIFO after the walk looked at it; the type and size are checked on
 * the open file itself.
 */
export function openRegular(real: string, cap: number, capWhat: string): Opened {
  let fd: number;
  try {
    fd = openSync(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (err) {
    return { problem: `cannot read: ${reason(err)}` };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) {
      closeSync(fd);
      return { problem: `${special(st)}, not a regular file: refused` };
    }
    if (st.size > cap) {
      closeSync(fd);
      return {
        problem: `too large: ${formatBytes(st.size)}, over the ${formatBytes(cap)} limit for ${capWhat}`,
      };
    }
    return { fd, size: st.size };
  } catch (err) {
    closeSync(fd);
    return { problem: `cannot read: ${reason(err)}` };
  }
}

/**
 * Read an open file to its end, but never more than `cap` bytes: some files (in /proc, say)
 * claim a size of 0 and never end. Closes the file.
 */
export function readCapped(
  fd: number,
  size: number,
  cap: number,
  capWhat: string,
): Buffer | { problem: string } {
  try {
    let buf = Buffer.allocUnsafe(Math.min(cap + 1, Math.max(size + 1, 64 * 1024)));
    let used = 0;
    for (;;) {
      if (used === buf.length) {
        if (used > cap) {
          return { problem: `too large: over the ${formatBytes(cap)} limit for ${capWhat}` };
        }
        const bigger = Buffer.allocUnsafe(Math.min(cap + 1, buf.length * 2));
        buf.copy(bigger, 0, 0, used);
        buf = bigger;
      }
      const n = readSync(fd, buf, used, buf.length - used, null);
      if (n === 0) break;
      used += n;
    }
    if (used > cap) return { problem: `too large: over the ${formatBytes(cap)} limit for ${capWhat}` };
    return buf.subarray(0, used);
  } catch (err) {
    return { problem: `cannot read: ${reason(err)}` };
  } finally {
    closeSync(fd);
  }
}
