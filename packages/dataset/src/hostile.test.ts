/**
 * Data directories written by someone else: links out of the directory, devices, FIFOs, loops,
 * huge or endless files, unreadable folders, other encodings. Each case is built for real in
 * a temporary directory; each must end in clear problems naming the entry, quickly.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formatProblem, type LoadResult, listDataFiles, loadDataset } from "./load.ts";
import { LIMITS } from "./safe-fs.ts";

const good = fileURLToPath(new URL("../fixtures/good", import.meta.url));
const KINDS = "sources, actors, places, events, routes, relations, deals, assessments";
const OUTSIDE =
  "symbolic link to a place outside the data directory: not followed (links are followed only when they stay inside it)";

function lines(result: LoadResult): string[] {
  if (result.ok) throw new Error("expected problems, but the data loaded");
  return result.problems.map(formatProblem);
}

/** Load and fail the test if it takes longer than `ms` (the old loader never finished some). */
function quickly(dirs: string | string[], ms = 5000): LoadResult {
  const started = Date.now();
  const r = loadDataset(dirs);
  expect(Date.now() - started).toBeLessThan(ms);
  return r;
}

const ACTOR =
  "- id: solo-actor\n  kind: person\n  name: Solo\n  description: Someone.\n  citations:\n    - source: harbour-gazette\n";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "dealmap-hostile-"));
  mkdirSync(path.join(dir, "actors"));
  writeFileSync(path.join(dir, "actors", "a.yaml"), ACTOR);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const at = (...parts: string[]) => path.join(dir, ...parts);

describe("symbolic links, special files and loops", () => {
  it("refuses a link to / inside a collection folder, and at the top, without walking it", () => {
    symlinkSync("/", at("actors", "everything"));
    symlinkSync("/", at("events"));
    expect(lines(quickly([good, dir]))).toEqual([
      `${at("actors", "everything")}:1:1  -  ${OUTSIDE}`,
      `${at("events")}:1:1  -  ${OUTSIDE}`,
    ]);
  });

  it("refuses a link to /dev/zero named like a data file, without reading it", () => {
    symlinkSync("/dev/zero", at("actors", "zero.yaml"));
    symlinkSync("/dev/zero", at("everything.jsonl"));
    expect(lines(quickly([good, dir]))).toEqual([
      `${at("actors", "zero.yaml")}:1:1  -  ${OUTSIDE}`,
      `${at("everything.jsonl")}:1:1  -  ${OUTSIDE}`,
    ]);
  });

  it("refuses a FIFO named *.yaml without opening it (opening would block forever)", () => {
    execFileSync("mkfifo", [at("actors", "pipe.yaml")]);
    expect(lines(quickly([good, dir]))).toEqual([
      `${at("actors", "pipe.yaml")}:1:1  -  a named pipe (FIFO), not a regular file or folder: refused (it is never opened)`,
    ]);
  });

  it("refuses a link back to a folder that contains it: one problem, no duplicate ids", () => {
    symlinkSync("..", at("actors", "again")); // actors/again → the data directory itself
    symlinkSync(".", at("actors", "self")); // actors/self → actors
    expect(lines(quickly([good, dir]))).toEqual([
      `${at("actors", "again")}:1:1  -  symbolic link loop: it leads back to the data directory itself, which contains it; not followed`,
      `${at("actors", "self")}:1:1  -  symbolic link loop: it leads back to actors, which contains it; not followed`,
    ]);
  });

  it("refuses links that loop among themselves and links whose target is gone", () => {
    symlinkSync("b.yaml", at("actors", "a-loop.yaml"));
    symlinkSync("a-loop.yaml", at("actors", "b.yaml"));
    symlinkSync(at("nowhere"), at("actors", "gone.yaml"));
    symlinkSync(at("nowhere"), at("places"));
    expect(lines(quickly([good, dir]))).toEqual([
      `${at("actors", "a-loop.yaml")}:1:1  -  symbolic link loop: it never reaches a file or folder`,
      `${at("actors", "b.yaml")}:1:1  -  symbolic link loop: it never reaches a file or folder`,
      `${at("actors", "gone.yaml")}:1:1  -  broken symbolic link: what it points to does not exist`,
      `${at("places")}:1:1  -  broken symbolic link: what it points to does not exist`,
    ]);
  });

  it("reads a file once even when a link inside the directory leads to it again", () => {
    symlinkSync("a.yaml", at("actors", "b-same.yaml"));
    expect(lines(quickly([good, dir]))).toEqual([
      `${at("actors", "b-same.yaml")}:1:1  -  the same file as actors/a.yaml (through a symbolic link): read only once`,
    ]);
  });

  it("names refused entries by their path inside the directory, never by their target", () => {
    symlinkSync("/etc/passwd", at("actors", "users.yaml"));
    const all = lines(quickly([good, dir]));
    expect(all).toEqual([`${at("actors", "users.yaml")}:1:1  -  ${OUTSIDE}`]);
    expect(all.join("\n")).not.toContain("/etc/passwd");
  });
});

describe("the directory as a whole", () => {
  it("refuses the filesystem root with one line", () => {
    expect(lines(quickly("/"))).toEqual([
      "/:1:1  -  the filesystem root is not a data directory: give the folder that holds your data",
    ]);
  });

  it("says a data directory given as a dangling link is a broken link", () => {
    symlinkSync(at("nowhere"), at("link-to-data"));
    expect(lines(quickly(at("link-to-data")))).toEqual([
      `${at("link-to-data")}:1:1  -  data directory not found: it is a broken symbolic link`,
    ]);
  });

  it("follows a data directory that is itself a link (the user named it)", () => {
    const link = path.join(tmpdir(), `dealmap-link-${path.basename(dir)}`);
    symlinkSync(dir, link);
    try {
      const r = quickly([good, link]);
      expect(r.ok && r.dataset.actors.at(-1)?.id).toBe("solo-actor");
    } finally {
      rmSync(link);
    }
  });

  // Root reads any folder whatever its mode, so as root the case runs in a child process
  // without the capabilities that let root ignore file modes (setpriv drops CAP_DAC_OVERRIDE and
  // CAP_DAC_READ_SEARCH): the same loader, a real EACCES. Still root, so it can reach the
  // checkout and its node_modules wherever they are (a clone in a 0700 temp dir, as CI makes).
  it("reports an unreadable folder and an unreadable file, one line each", () => {
    mkdirSync(at("events"));
    writeFileSync(at("places.jsonl"), "");
    chmodSync(at("events"), 0o000);
    chmodSync(at("places.jsonl"), 0o000);
    chmodSync(dir, 0o755);
    const expected = [
      `${at("events")}:1:1  -  cannot read this folder: permission denied`,
      `${at("places.jsonl")}:1:1  -  cannot read: permission denied`,
    ];
    if (process.getuid?.() !== 0) {
      expect(lines(quickly([good, dir]))).toEqual(expected);
      return;
    }
    const script =
      "const { loadDataset, formatProblem } = await import(process.env.LOADER);" +
      "const r = loadDataset([process.env.GOOD, process.env.DIR]);" +
      "console.log(JSON.stringify(r.ok ? [] : r.problems.map(formatProblem)));";
    const child = spawnSync(
      "setpriv",
      [
        "--bounding-set=-dac_override,-dac_read_search",
        process.execPath,
        "--import",
        "tsx",
        "--input-type=module",
        "-e",
        script,
      ],
      {
        cwd: fileURLToPath(new URL("..", import.meta.url)),
        env: {
          ...process.env,
          HOME: tmpdir(),
          LOADER: fileURLToPath(new URL("./load.ts", import.meta.url)),
          DIR: dir,
          GOOD: good,
        },
        encoding: "utf8",
        timeout: 20_000,
      },
    );
    expect(child.stderr).toBe("");
    expect(JSON.parse(child.stdout)).toEqual(expected);
  });
});

describe("caps", () => {
  it(`stops after ${LIMITS.entries.toLocaleString("en-US")} files and folders, with one line`, () => {
    mkdirSync(at("events"));
    for (let i = 0; i < LIMITS.entries + 5; i++) writeFileSync(at("events", `e${i}.yaml`), "");
    expect(lines(quickly([good, dir], 15_000))).toEqual([
      `${dir}:1:1  -  more than 10,000 files and folders: a data directory holds at most 10,000; the rest was not read`,
    ]);
  });

  it(`refuses folders nested more than ${LIMITS.depth} levels deep`, () => {
    let deep = at("events");
    for (let i = 0; i < LIMITS.depth; i++) deep = path.join(deep, `d${i}`);
    mkdirSync(deep, { recursive: true });
    writeFileSync(path.join(deep, "x.yaml"), "");
    expect(lines(quickly([good, dir]))).toEqual([
      `${deep}:1:1  -  folders nested more than ${LIMITS.depth} levels deep: not read`,
    ]);
  });

  it("refuses a YAML file over 16 MiB before reading it (a sparse file)", () => {
    const big = at("actors", "huge.yaml");
    writeFileSync(big, "");
    truncateSync(big, 16 * 1024 * 1024 + 1);
    expect(lines(quickly([good, dir]))).toEqual([
      `${big}:1:1  -  too large: 16.0 MiB, over the 16 MiB limit for a .yaml, .yml or .json file (large data goes in .jsonl files)`,
    ]);
  });

  it("refuses YAML and JSON files adding up to more than 64 MiB in one directory", () => {
    mkdirSync(at("events"));
    // five sparse files of 15 MiB: each under the 16 MiB cap, together over 64 MiB. The first
    // four are read (and refused for their NUL bytes); the fifth is not read at all.
    for (let i = 1; i <= 5; i++) {
      writeFileSync(at("events", `part-${i}.yaml`), "");
      truncateSync(at("events", `part-${i}.yaml`), 15 * 1024 * 1024);
    }
    const all = lines(quickly([good, dir], 15_000));
    expect(all).toHaveLength(5);
    expect(all[0]).toBe(
      `${at("events", "part-1.yaml")}:1:1  -  a NUL byte: data files are UTF-8 text (is this file UTF-16, or not text at all?)`,
    );
    expect(all[4]).toBe(
      `${at("events", "part-5.yaml")}:1:1  -  the .yaml, .yml and .json files of ${dir} add up to more than 64 MiB, the limit for one data directory (large data goes in .jsonl files); this file was not read`,
    );
  });

  // Building a YAML document recurses: thousands of levels overflowed the stack, and two such
  // files in a row brought V8 down ("RegExpCompiler Allocation failed - process out of memory").
  it("refuses YAML nested deeper than 64 levels, in flow and in block style, before building it", () => {
    writeFileSync(at("actors", "flow.yaml"), `- ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`);
    writeFileSync(
      at("actors", "block.yaml"),
      Array.from({ length: 3000 }, (_, i) => `${"  ".repeat(i)}- `).join("\n"),
    );
    expect(lines(quickly([good, dir], 15_000))).toEqual([
      `${at("actors", "block.yaml")}:65:129  -  nested more than 64 levels deep: refused (no entity comes close)`,
      `${at("actors", "flow.yaml")}:1:66  -  nested more than 64 levels deep: refused (no entity comes close)`,
    ]);
  });

  it("refuses data files adding up to more than 1 GiB in one directory (a sparse .jsonl file)", () => {
    const big = at("everything.jsonl");
    writeFileSync(big, "");
    truncateSync(big, 1024 * 1024 * 1024 + 1);
    expect(lines(quickly([good, dir]))).toEqual([
      `${big}:1:1  -  the data files of ${dir} add up to more than 1 GiB, the limit for one data directory; this file was not read`,
    ]);
  });

  it("refuses a .jsonl line over 1 MiB and goes on with the next line", () => {
    const file = at("actors", "lines.jsonl");
    const long = JSON.stringify({ id: "long-one", kind: "person", name: "x".repeat(1024 * 1024) });
    writeFileSync(file, `${long}\n{"id": 7}\n`);
    expect(lines(quickly([good, dir]))).toEqual([
      `${file}:1:1  -  line longer than 1 MiB: a .jsonl line holds one entity, at most 1 MiB`,
      `${file}:2:1  kind  missing required field "kind"`,
      `${file}:2:1  name  missing required field "name"`,
      `${file}:2:1  description  missing required field "description"`,
      `${file}:2:1  citations  missing required field "citations"`,
      `${file}:2:8  id  Invalid input: expected string, received number`,
    ]);
  });

  it(`lists at most ${LIMITS.problemsPerFile} problems of one file, then stops checking it`, () => {
    const file = at("actors", "garbage.jsonl");
    writeFileSync(file, "nonsense\n".repeat(LIMITS.problemsPerFile + 50));
    const all = lines(quickly([good, dir]));
    expect(all).toHaveLength(LIMITS.problemsPerFile + 1);
    expect(all[0]).toBe(
      `${file}:1:1  -  invalid JSON: unexpected 'n': a value is a string in double quotes, a number, true, false, null, an object or a list`,
    );
    expect(all.at(-1)).toBe(
      `${file}:${LIMITS.problemsPerFile + 1}:1  -  more than ${LIMITS.problemsPerFile} problems in this file: it was not checked past this line`,
    );
  });

  it("names ten files of an unknown folder, then counts the rest", () => {
    mkdirSync(at("people"));
    for (let i = 0; i < 12; i++) writeFileSync(at("people", `p${String(i).padStart(2, "0")}.yaml`), "");
    const all = lines(quickly([good, dir]));
    const message = `unknown folder "people": a data directory holds only the folders ${KINDS}, statements and texts`;
    expect(all).toHaveLength(11);
    expect(all[0]).toBe(`${at("people", "p00.yaml")}:1:1  -  ${message}`);
    expect(all[10]).toBe(`${at("people")}:1:1  -  ${message} (and 2 more files in it, not listed)`);
  });
});

describe("encodings", () => {
  it("refuses Latin-1 bytes with the file, line and column of the first one", () => {
    const file = at("actors", "latin1.yaml");
    // "Café" written in Latin-1: é is the single byte 0xE9
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from(ACTOR.replace("id: solo-actor", "id: other-actor")),
        Buffer.from("# Caf"),
        Buffer.from([0xe9]),
        Buffer.from("\n"),
      ]),
    );
    expect(lines(quickly([good, dir]))).toEqual([
      `${file}:7:6  -  invalid UTF-8: byte 0xE9 is not UTF-8 text; data files are UTF-8 (was this saved as Latin-1 or Windows-1252?)`,
    ]);
  });

  it("counts the column in characters when valid UTF-8 comes before the bad byte", () => {
    const file = at("actors", "mixed.yaml");
    writeFileSync(file, Buffer.concat([Buffer.from("# Łódź "), Buffer.from([0xff]), Buffer.from("\n")]));
    expect(lines(quickly([good, dir]))).toEqual([
      `${file}:1:8  -  invalid UTF-8: byte 0xFF is not UTF-8 text; data files are UTF-8 (was this saved as Latin-1 or Windows-1252?)`,
    ]);
  });

  it("gives UTF-16 files (either byte order, or without a mark) an encoding message", () => {
    const text = ACTOR.replace("id: solo-actor", "id: wide-actor");
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const be = Buffer.from(le);
    be.swap16(); // FE FF and big-endian characters
    writeFileSync(at("actors", "le.yaml"), le);
    writeFileSync(at("actors", "be.yaml"), be);
    writeFileSync(at("actors", "no-mark.yaml"), Buffer.from(text, "utf16le"));
    writeFileSync(at("everything.jsonl"), le);
    expect(lines(quickly([good, dir]))).toEqual([
      `${at("actors", "be.yaml")}:1:1  -  this file is UTF-16 (it starts with the byte-order mark FE FF, big-endian); data files are UTF-8: save it as UTF-8`,
      `${at("actors", "le.yaml")}:1:1  -  this file is UTF-16 (it starts with the byte-order mark FF FE, little-endian); data files are UTF-8: save it as UTF-8`,
      `${at("actors", "no-mark.yaml")}:1:2  -  a NUL byte: data files are UTF-8 text (is this file UTF-16, or not text at all?)`,
      `${at("everything.jsonl")}:1:1  -  this file is UTF-16 (it starts with the byte-order mark FF FE, little-endian); data files are UTF-8: save it as UTF-8`,
    ]);
  });

  it("refuses invalid UTF-8 in line N of a .jsonl file, at its column", () => {
    const file = at("actors", "lines.jsonl");
    const ok = JSON.stringify({
      id: "line-actor",
      kind: "person",
      name: "Ok",
      description: "Fine.",
      citations: [{ source: "harbour-gazette" }],
    });
    writeFileSync(
      file,
      Buffer.concat([Buffer.from(`${ok}\n\n{"id": "caf`), Buffer.from([0xe9]), Buffer.from('"}\n')]),
    );
    expect(lines(quickly([good, dir]))).toEqual([
      `${file}:3:12  -  invalid UTF-8: byte 0xE9 is not UTF-8 text; data files are UTF-8 (was this saved as Latin-1 or Windows-1252?); the rest of the file was not read`,
    ]);
  });

  it("accepts a UTF-8 byte-order mark", () => {
    writeFileSync(at("actors", "a.yaml"), `\uFEFF${ACTOR}`);
    const r = quickly([good, dir]);
    expect(r.ok && r.dataset.actors.at(-1)?.id).toBe("solo-actor");
  });
});

describe("listDataFiles", () => {
  it("lists what the loader would read, under the same rule, without reading it", () => {
    symlinkSync("/", at("actors", "everything"));
    const { files, problems } = listDataFiles(dir);
    expect(files.map((f) => f.file)).toEqual([at("actors", "a.yaml")]);
    expect(files[0]?.size).toBe(ACTOR.length);
    expect(problems.map(formatProblem)).toEqual([`${at("actors", "everything")}:1:1  -  ${OUTSIDE}`]);
  });
});
