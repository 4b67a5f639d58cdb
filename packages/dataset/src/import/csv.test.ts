import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Actor, Source, StoryEvent } from "@dealmap/domain";
import { afterAll, describe, expect, it } from "vitest";
import { loadBuiltin } from "../builtin.ts";
import { actorsToCsv, CSV_COLUMNS, csvSourceForUrl, eventsToCsv, readCsv } from "./csv.ts";
import { csvSyntheticLines, writeCsvSynthetic } from "./csv-synthetic.ts";
import { type BadLine, emptyReport, type ImportItem, type ImportReport } from "./types.ts";

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../test/fixtures/csv");
const fixtureEvents = path.join(fixtures, "events.csv");
const fixtureActors = path.join(fixtures, "actors.csv");

const work = mkdtempSync(path.join(tmpdir(), "dealmap-csv-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let fileNo = 0;

/** Write `content` to a new file in the temporary directory and return its path. */
function file(name: string, content: string | Buffer): string {
  const p = path.join(work, `${++fileNo}-${name}`);
  writeFileSync(p, content);
  return p;
}

interface Read {
  items: ImportItem[];
  bad: BadLine[];
  report: ImportReport;
  events: StoryEvent[];
  actors: Actor[];
  sources: Source[];
}

async function read(input: { events?: string; actors?: string }, dataset = "river-notes"): Promise<Read> {
  const report = emptyReport();
  const bad: BadLine[] = [];
  const items: ImportItem[] = [];
  for await (const item of readCsv(input, { dataset, onBad: (b) => bad.push(b) }, report)) items.push(item);
  const of = <K extends ImportItem["kind"]>(k: K) =>
    items.filter((i) => i.kind === k).map((i) => i.entity) as Extract<ImportItem, { kind: K }>["entity"][];
  return { items, bad, report, events: of("events"), actors: of("actors"), sources: of("sources") };
}

const fixtureText = readFileSync(fixtureEvents, "utf8");

/** A single bad line, checked for where it is; returns it for checks of its message. */
function oneBad(r: Read, where: { file: string; line: number; column?: number }): BadLine {
  expect(r.bad, JSON.stringify(r.bad)).toHaveLength(1);
  const b = r.bad[0] as BadLine;
  expect({ file: b.file, line: b.line, column: b.column }).toEqual({
    file: where.file,
    line: where.line,
    column: where.column,
  });
  expect(r.report.bad).toBe(1);
  return b;
}

const EVENT_HEADER =
  "id,date,kind,status,title,summary,participants,places,tags,source_url,source,paragraph,more";

describe("the template", () => {
  it("every column has a description, a format and an example; names are unique", () => {
    for (const cols of Object.values(CSV_COLUMNS)) {
      expect(new Set(cols.map((c) => c.name)).size).toBe(cols.length);
      for (const c of cols) {
        expect(c.name).toMatch(/^[a-z_]+$/);
        for (const text of [c.description, c.format, c.example]) expect(text.length).toBeGreaterThan(0);
        expect(c.description).not.toContain("\n");
      }
    }
    expect(CSV_COLUMNS.events.map((c) => c.name).join(",")).toBe(EVENT_HEADER);
  });

  it("the README's tables list exactly these columns, with the same requirement, format and example", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const section = /## Importing a spreadsheet \(CSV\)\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? "";
    for (const [table, cols] of Object.entries(CSV_COLUMNS)) {
      const block = new RegExp(`### ${table}\\.csv\\n([\\s\\S]*?)\\n\\n(?!\\|)`).exec(section)?.[1] ?? "";
      const rows = block
        .split("\n")
        .filter((l) => l.startsWith("| `"))
        .map((l) =>
          l
            .slice(1, -1)
            .split(" | ")
            .map((c) => c.trim()),
        );
      expect(
        rows.map((r) => r.slice(0, 4)),
        table,
      ).toEqual(cols.map((c) => [`\`${c.name}\``, c.required, c.format, `\`${c.example}\``]));
    }
  });
});

describe("readCsv on the example files", () => {
  it("makes the sources, actors and events the files describe", async () => {
    const r = await read({ events: fixtureEvents, actors: fixtureActors });
    expect(r.bad).toEqual([]);
    expect(r.report).toMatchObject({ rowsRead: 6, bad: 0, made: { sources: 3, actors: 3, events: 3 } });
    // one source per address, each yielded before the first entity that cites it
    expect(r.items.map((i) => i.kind)).toEqual([
      "sources",
      "actors",
      "actors",
      "sources",
      "actors",
      "events",
      "events",
      "sources",
      "events",
    ]);
    const notes = csvSourceForUrl("river-notes", "https://example.org/notes/river-ports-2025");
    expect(notes.id).toMatch(/^river-notes-src-[0-9a-f]{12}$/);
    expect(r.sources[0]).toEqual(notes);
    expect(notes).toMatchObject({
      publisher: "example.org",
      url: "https://example.org/notes/river-ports-2025",
    });

    const [mara, tomas] = r.actors;
    expect(mara).toMatchObject({
      id: "mara-vell",
      kind: "person",
      country: "LT",
      aliases: [
        { name: "Мара Велль", lang: "ru", romanization: "Cyrl" },
        { name: "Mara Wel", lang: "pl" },
      ],
      citations: [{ source: notes.id }],
    });
    expect(tomas?.aliases).toEqual([]);
    expect(r.actors[2]?.aliases).toEqual([{ name: "Upland trade ministry" }]);

    const [talks, offer, visit] = r.events;
    expect(talks?.summary).toBe(
      "Mara Vell hosted Tomas Irr at the upper wharf. They went over the tolls that stalled barge traffic over the winter.\n\nBoth sides called the talk a first step.",
    );
    expect(talks?.participants).toEqual([
      { actor: "mara-vell", role: "host" },
      { actor: "tomas-irr", role: "visitor" },
    ]);
    expect(talks?.tags).toEqual(["ports", "river-trade"]);
    // an empty id is made from the dataset and the row
    expect(offer?.id).toMatch(/^river-notes-[0-9a-f]{12}$/);
    expect(offer?.status).toBe("proposed");
    // an empty status is "reported"
    expect(visit?.status).toBe("reported");
    expect(visit?.date).toBe("2025-05-02/2025-05-04");
    expect(visit?.links).toEqual([{ type: "follows", event: "wharf-talks-2025-03" }]);
  });

  it("reading the same files twice gives the same items (ids and sources included)", async () => {
    const a = await read({ events: fixtureEvents, actors: fixtureActors });
    const b = await read({ events: fixtureEvents, actors: fixtureActors });
    expect(b.items).toEqual(a.items);
    // another dataset name gives other made ids, the same given ones
    const c = await read({ events: fixtureEvents, actors: fixtureActors }, "other-notes");
    expect(c.events[0]?.id).toBe("wharf-talks-2025-03");
    expect(c.events[1]?.id).toMatch(/^other-notes-/);
    expect(c.sources[0]?.id).toMatch(/^other-notes-src-/);
  });

  it("reads a file saved by a spreadsheet app (BOM, CRLF line ends, CRLF inside a cell) the same", async () => {
    const plain = await read({ events: fixtureEvents, actors: fixtureActors });
    const crlf = (p: string) => `\uFEFF${readFileSync(p, "utf8").replace(/\n/g, "\r\n")}`;
    const r = await read({
      events: file("events.csv", crlf(fixtureEvents)),
      actors: file("a.csv", crlf(fixtureActors)),
    });
    expect(r.bad).toEqual([]);
    // the summary's own line breaks are now CRLF; everything else is the same
    const unCr = (items: ImportItem[]) => JSON.parse(JSON.stringify(items).replace(/\\r\\n/g, "\\n"));
    expect(JSON.stringify(r.items)).toContain("\\r\\n");
    expect(unCr(r.items)).toEqual(unCr(plain.items));
  });

  it("reads a file whose every cell is quoted, after a byte-order mark", async () => {
    // every cell of the actors file in quotes, as apps set to "quote all cells" write it
    const actors = readFileSync(fixtureActors, "utf8")
      .trimEnd()
      .split("\n")
      .map((l) => l.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((c) => (c.startsWith('"') ? c : `"${c}"`)))
      .map((cells) => cells.join(","))
      .join("\r\n");
    expect(actors.startsWith('"id","kind","name"')).toBe(true);
    const r = await read({ actors: file("actors.csv", `\uFEFF${actors}\r\n`) });
    const plain = await read({ actors: fixtureActors });
    expect(r.bad).toEqual([]);
    expect(r.items).toEqual(plain.items);
  });

  it("takes header names in any case and order, and skips blank and all-empty rows", async () => {
    const p = file(
      "events.csv",
      [
        "",
        " SUMMARY ,Title,kind,date,SOURCE_URL",
        "A note on a call.,Officials call,phone-call,2025-06-01,https://example.org/a",
        "",
        ",,,,",
        "A second call.,Officials call again,phone-call,2025-06-08,https://example.org/a",
      ].join("\n"),
    );
    const r = await read({ events: p });
    expect(r.bad).toEqual([]);
    expect(r.report.rowsRead).toBe(2);
    expect(r.events.map((e) => e.title)).toEqual(["Officials call", "Officials call again"]);
    expect(r.sources).toHaveLength(1);
  });
});

describe("round trips", () => {
  const builtin = loadBuiltin();

  it("built-in events and actors → CSV → readCsv give the same entities, citing sources by id", async () => {
    const events = eventsToCsv(builtin.events, { sources: builtin.sources });
    const actors = actorsToCsv(builtin.actors, { sources: builtin.sources });
    const r = await read(
      { events: file("events.csv", events), actors: file("actors.csv", actors) },
      "roundtrip",
    );
    expect(r.bad).toEqual([]);
    expect(r.sources).toEqual([]);
    expect(r.events).toEqual(builtin.events);
    expect(r.actors).toEqual(builtin.actors);
    expect(r.report).toMatchObject({ rowsRead: builtin.events.length + builtin.actors.length, bad: 0 });
    // written again, byte for byte the same
    expect(eventsToCsv(r.events)).toBe(events);
    expect(actorsToCsv(r.actors)).toBe(actors);
    // the cells a person reads are in their columns; the rest is in `more`
    expect(events.startsWith(`\uFEFF${EVENT_HEADER}\r\n`)).toBe(true);
  });

  it("a sheet read in and written out keeps its addresses, and is then stable byte for byte", async () => {
    const first = await read({ events: fixtureEvents, actors: fixtureActors });
    const events1 = eventsToCsv(first.events, { sources: first.sources });
    const actors1 = actorsToCsv(first.actors, { sources: first.sources });
    expect(events1).toContain(",https://example.org/notes/ministry-visit,");
    expect(events1).not.toContain("river-notes-src-");
    const second = await read({ events: file("events.csv", events1), actors: file("actors.csv", actors1) });
    expect(second.items).toEqual(first.items);
    expect(eventsToCsv(second.events, { sources: second.sources })).toBe(events1);
    expect(actorsToCsv(second.actors, { sources: second.sources })).toBe(actors1);
  });

  it("a source changed after the import is cited by id, not by its address", () => {
    const made = csvSourceForUrl("river-notes", "https://example.org/x");
    const event = {
      ...(loadBuiltin().events[0] as StoryEvent),
      citations: [{ source: made.id }],
    };
    const asUrl = eventsToCsv([event], { sources: [made] });
    expect(asUrl).toContain(",https://example.org/x,,,");
    const renamed = eventsToCsv([event], { sources: [{ ...made, title: "The river notes" }] });
    expect(renamed).toContain(`,,${made.id},,`);
  });

  it("cells that a spreadsheet app would run as formulas are marked with ' and read back unmarked", async () => {
    const base = builtin.events.find(
      (e) => e.citations.length === 1 && Object.keys(e.citations[0] ?? {}).length === 1,
    );
    if (!base) throw new Error("no event with a single plain citation");
    const titles = [
      '=HYPERLINK("https://example.org")',
      "+1 more",
      "-5% on tolls",
      "@here",
      "'=already marked",
    ];
    const events = titles.map((title, i) => ({ ...base, id: `formula-${i}`, title }));
    const csv = eventsToCsv(events);
    expect(csv).toContain(`,"'=HYPERLINK(""https://example.org"")",`);
    expect(csv).toContain(",'-5% on tolls,");
    expect(csv).toContain(",''=already marked,");
    const r = await read({ events: file("events.csv", csv) });
    expect(r.bad).toEqual([]);
    expect(r.events.map((e) => e.title)).toEqual(titles);
  });
});

describe("bad files and rows", () => {
  it("a missing required column: one problem naming it; the file is not read, the other file is", async () => {
    const p = file(
      "events.csv",
      fixtureText.replace("ID,Date,Kind,Status,Title,", "ID,Date,Kind,Status,Headline,"),
    );
    const r = await read({ events: p, actors: fixtureActors });
    expect(r.bad.map((b) => [b.file, b.line, b.column])).toEqual([[p, 1, 5]]);
    expect(r.bad[0]?.message).toMatch(/^header: unknown column "Headline"/);
    const q = file("events.csv", fixtureText.replace("Status,Title,Summary,", "Status,Title,"));
    const m = await read({ events: q, actors: fixtureActors });
    const b = oneBad(m, { file: q, line: 1 });
    expect(b.message).toContain('missing required column "summary" (What happened, in your own words.)');
    expect(b.message).toContain("no row of this file was read");
    expect(m.events).toEqual([]);
    expect(m.actors).toHaveLength(3);
  });

  it("an unknown column: named with its place, a likely meaning suggested", async () => {
    const p = file("actors.csv", readFileSync(fixtureActors, "utf8").replace("country,", "contry,"));
    const r = await read({ actors: p, events: fixtureEvents });
    const b = oneBad(r, { file: p, line: 1, column: 5 });
    expect(b.message).toContain('unknown column "contry" (did you mean "country"?)');
    expect(b.message).toContain("the actors file has the columns id, kind, name, aliases, country,");
    expect(r.events).toHaveLength(3);
  });

  it("a column named twice, and a sheet separated by semicolons", async () => {
    const twice = file("events.csv", fixtureText.replace("Tags,", "tags,").replace("ID,", "Tags,"));
    expect(oneBad(await read({ events: twice }), { file: twice, line: 1, column: 9 }).message).toContain(
      'column "tags" appears twice (columns 1 and 9)',
    );
    const semi = file(
      "events.csv",
      "id;date;kind;title;summary;source_url\nx;2025;meeting;a;b;https://example.org\n",
    );
    expect(oneBad(await read({ events: semi }), { file: semi, line: 1, column: 1 }).message).toContain(
      "separated by semicolons, not commas",
    );
  });

  it("a bad date: line and column of the cell, the value quoted; the other rows are read", async () => {
    const p = file("events.csv", fixtureText.replace(",2025-04,proposal,", ",2025-13-01,proposal,"));
    const r = await read({ events: p });
    const b = oneBad(r, { file: p, line: 5, column: 2 });
    expect(b.message).toBe('column "date": "2025-13-01" is not an EDTF date (has no month 13)');
    expect(b.raw).toBe(readFileSync(p, "utf8").split("\n")[4]);
    expect(r.events.map((e) => e.id)).toEqual(["wharf-talks-2025-03", "ministry-visit-2025-05"]);
    expect(r.report).toMatchObject({ rowsRead: 3, bad: 1, made: { events: 2 } });
    // a date a spreadsheet app rewrote gets a hint
    const local = file("events.csv", fixtureText.replace(",2025-04,proposal,", ",14/03/2025,proposal,"));
    expect(oneBad(await read({ events: local }), { file: local, line: 5, column: 2 }).message).toContain(
      "format the column as text",
    );
  });

  it("a bad participant role, a participant without a role", async () => {
    const p = file(
      "events.csv",
      fixtureText.replace("mara-vell:host; tomas-irr:visitor", "mara-vell:hots; tomas-irr:visitor"),
    );
    const r = await read({ events: p });
    const b = oneBad(r, { file: p, line: 2, column: 7 });
    expect(b.message).toMatch(
      /^column "participants": "mara-vell:hots": "hots" is not a role \(did you mean "host"\?\); roles are initiator, /,
    );
    expect(r.events).toHaveLength(2);
    const q = file("events.csv", fixtureText.replace("tomas-irr:initiator;", "tomas-irr;"));
    expect(oneBad(await read({ events: q }), { file: q, line: 5, column: 7 }).message).toBe(
      'column "participants": "tomas-irr" has no role: write actor-id:role, e.g. "tomas-irr:participant"',
    );
  });

  it("a bad kind, with the nearest kind suggested", async () => {
    const p = file("events.csv", fixtureText.replace(",visit,,", ",vist,,"));
    const r = await read({ events: p });
    expect(oneBad(r, { file: p, line: 6, column: 3 }).message).toBe(
      'column "kind": "vist" is not a Dealmap event kind (did you mean "visit"?)',
    );
    expect(r.events).toHaveLength(2);
  });

  it("invalid UTF-8 in a cell: the cell is named, no raw text is passed on, the other rows are read", async () => {
    const text = Buffer.from(
      fixtureText.replace("Envoy floats lower tolls", "Envoy floats l\u00f6wer tolls"),
      "utf8",
    );
    const at = text.indexOf(Buffer.from("\u00f6", "utf8"));
    const latin1 = Buffer.concat([text.subarray(0, at), Buffer.from([0xf6]), text.subarray(at + 2)]);
    const p = file("events.csv", latin1);
    const r = await read({ events: p });
    const b = oneBad(r, { file: p, line: 5, column: 5 });
    expect(b.message).toMatch(/^column "title": invalid UTF-8: byte 0xF6 is not UTF-8 text/);
    expect(b.raw).toBeUndefined();
    expect(r.events).toHaveLength(2);
  });

  it("a quoted cell over several lines followed by a bad row: the bad row's own line, with LF and CRLF", async () => {
    const long = '"first line\nsecond line\n\nfourth line"';
    const rows = [
      EVENT_HEADER,
      `long-one,2025-01-02,meeting,,A long summary,${long},,,,https://example.org/a,,,`,
      "bad-one,2025-01-03,meeting,,A bad row,Nothing,,,NOT A TAG,https://example.org/a,,,",
      "good-one,2025-01-04,meeting,,Fine,Fine,,,,https://example.org/a,,,",
    ];
    for (const eol of ["\n", "\r\n"]) {
      const p = file("events.csv", rows.join("\n").replace(/\n/g, eol));
      const r = await read({ events: p });
      expect(oneBad(r, { file: p, line: 6, column: 9 }).message).toBe(
        `column "tags": "NOT A TAG" is not a tag (lower-case letters, digits and '-')`,
      );
      expect(r.events.map((e) => e.id)).toEqual(["long-one", "good-one"]);
    }
  });

  it("several problems in one row are reported together, the first cell's column given", async () => {
    const p = file(
      "events.csv",
      `${EVENT_HEADER}\nx,2025,meetin,,Title,Summary,a:host,,,javascript:alert(1),,,\n`,
    );
    const b = oneBad(await read({ events: p }), { file: p, line: 2, column: 3 });
    expect(b.message).toBe(
      'column "kind": "meetin" is not a Dealmap event kind (did you mean "meeting"?); column "source_url": "javascript:alert(1)" is not a web address (only http: and https: addresses are taken)',
    );
  });

  it("required cells left empty, and a row without any citation", async () => {
    const p = file("events.csv", `${EVENT_HEADER}\nx,2025,meeting,,,Summary,,,,,,,\n`);
    expect(oneBad(await read({ events: p }), { file: p, line: 2, column: 5 }).message).toBe(
      'column "title": empty: every event needs a title; column "source_url": no citation: every row rests on a source; fill "source_url" or "source"',
    );
  });

  it("source and paragraph: a citation by id; a paragraph without a source, a URL in the id column", async () => {
    const ok = file(
      "events.csv",
      `${EVENT_HEADER}\nx,2025,meeting,,T,S,,,,https://example.org/a,carnegie-politika-2025-12,4,\n`,
    );
    const r = await read({ events: ok });
    expect(r.bad).toEqual([]);
    expect(r.events[0]?.citations).toEqual([
      { source: "carnegie-politika-2025-12", paragraph: 4 },
      { source: csvSourceForUrl("river-notes", "https://example.org/a").id },
    ]);
    const bad = file(
      "events.csv",
      `${EVENT_HEADER}\nx,2025,meeting,,T,S,,,,,,4,\ny,2025,meeting,,T,S,,,,,https://example.org/b,,\n`,
    );
    const b = await read({ events: bad });
    expect(b.bad.map((x) => [x.line, x.column, x.message])).toEqual([
      [2, 12, 'column "paragraph": a paragraph needs the id of its source in column "source"'],
      [
        3,
        11,
        'column "source": "https://example.org/b" is a web address, not a source id: put it in column "source_url"',
      ],
    ]);
  });

  it("the more column: its fields checked with their path, fields with a column refused, JSON required", async () => {
    const row = (more: string) =>
      `x,2025,meeting,,T,S,,,,https://example.org/a,,,"${more.replace(/"/g, '""')}"`;
    const p = file(
      "events.csv",
      [
        EVENT_HEADER,
        row('{"quantities":[{"value":"many","unit":"people","counts":"freed"}]}'),
        row('{"title":"again"}'),
        row('{"nickname":"x"}'),
        row("{not json"),
        row('{"claimedBy":"someone"}'),
        row('{"participants":[{"actor":"a","role":"host","note":"hosted it"}]}').replace(
          ",,,,https",
          ",a:host,,,https",
        ),
      ].join("\n"),
    );
    const r = await read({ events: p });
    expect(r.bad.map((b) => [b.line, b.column, b.message])).toEqual([
      [2, 13, 'column "more": quantities[0].value: Invalid input: expected number, received string'],
      [3, 13, 'column "more": field "title" has its own column: write it there'],
      [
        4,
        13,
        'column "more": unknown field "nickname"; it may hold translations, dateVariants, claimedBy, participants, routes, quantities, links, coding, citations',
      ],
      [
        5,
        13,
        'column "more": "{not json" is not valid JSON (write a JSON object, e.g. {"routes":["river-run"]})',
      ],
      [6, 13, "column \"more\": claimedBy: claimedBy is only for status 'claimed'"],
      [7, 7, 'column "participants": participants are in this column or in "more", not both'],
    ]);
    const claimed = file(
      "events.csv",
      `${EVENT_HEADER}\nx,2025,meeting,claimed,T,S,,,,https://example.org/a,,,\n`,
    );
    expect(oneBad(await read({ events: claimed }), { file: claimed, line: 2, column: 4 }).message).toBe(
      'column "status": "claimed" needs who claims it: put {"claimedBy":"actor-id"} in column "more"',
    );
  });

  it("ids: a given id used twice is a bad row naming the first; a repeated row without id is made once", async () => {
    const row = "2025,meeting,,T,S,,,,https://example.org/a,,,";
    const p = file(
      "events.csv",
      [EVENT_HEADER, `same,${row}`, `same,${row}`, `,${row}`, `,${row}`].join("\n"),
    );
    const r = await read({ events: p });
    expect(oneBad(r, { file: p, line: 3, column: 1 }).message).toBe(
      'column "id": "same" is already the id of the row on line 2',
    );
    expect(r.events.map((e) => e.id)).toEqual(["same", expect.stringMatching(/^river-notes-[0-9a-f]{12}$/)]);
    expect(r.report.skipped).toEqual({ "duplicate row (the same as an earlier row)": 1 });
    // ids are unique across both files
    const actors = file("actors.csv", "id,kind,name,description,source\nsame,person,P,D,a-source\n");
    const across = await read({ actors, events: p });
    expect(across.bad.map((x) => [x.file, x.line, x.message])).toEqual([
      [p, 2, `column "id": "same" is already the id of the row on line 2 of ${JSON.stringify(actors)}`],
      [p, 3, `column "id": "same" is already the id of the row on line 2 of ${JSON.stringify(actors)}`],
    ]);
    const bad = file("events.csv", `${EVENT_HEADER}\nNot An Id,${row}\n`);
    expect(oneBad(await read({ events: bad }), { file: bad, line: 2, column: 1 }).message).toBe(
      'column "id": "Not An Id" is not an id (lower-case letters and digits, words joined by \'-\')',
    );
  });

  it("actors: a bad alias language, a bad country, a kind that is not an actor kind", async () => {
    const p = file(
      "actors.csv",
      [
        "id,kind,name,aliases,country,description,source_url",
        "a,person,A,Ana [Russian],,D,https://example.org/a",
        "b,person,B,,by,D,https://example.org/a",
        "c,persn,C,,,D,https://example.org/a",
        "d,person,D,Dee [/Latn]; Ди [ru/Cyrl],,D,https://example.org/a",
      ].join("\n"),
    );
    const r = await read({ actors: p });
    expect(r.bad.map((b) => [b.line, b.column, b.message])).toEqual([
      [
        2,
        4,
        'column "aliases": "Ana": "Russian" is not a language code (write name [lang] or name [lang/script], e.g. Лукашенко [ru/Cyrl])',
      ],
      [
        3,
        5,
        'column "country": "by" is not a country code (ISO 3166-1 alpha-2 in upper case, e.g. BY or LT)',
      ],
      [
        4,
        2,
        'column "kind": "persn" is not an actor kind (did you mean "person"?); use one of person, state, bloc, organization, media, company, group, position',
      ],
    ]);
    expect(r.actors.map((a) => a.aliases)).toEqual([
      [
        { name: "Dee", romanization: "Latn" },
        { name: "Ди", lang: "ru", romanization: "Cyrl" },
      ],
    ]);
  });

  it("cells past the header and in unnamed columns", async () => {
    const p = file(
      "events.csv",
      [
        `${EVENT_HEADER},`,
        "a,2025,meeting,,T,S,,,,https://example.org/a,,,,",
        "b,2025,meeting,,T,S,,,,https://example.org/a,,,,stray",
        "c,2025,meeting,,T,S,,,,https://example.org/a,,,,,extra",
      ].join("\n"),
    );
    const r = await read({ events: p });
    expect(r.bad.map((b) => [b.line, b.column, b.message])).toEqual([
      [3, 14, 'cell 14: "stray" is in column 14, which has no name in the header'],
      [4, 15, 'cell 15: "extra" is past the last column (the header names 14 columns)'],
    ]);
    expect(r.events.map((e) => e.id)).toEqual(["a"]);
  });

  it("a quote that is never closed ends the file with one problem at the row where it opens", async () => {
    const p = file(
      "events.csv",
      `${EVENT_HEADER}\na,2025,meeting,,T,S,,,,https://example.org/a,,,\nb,2025,meeting,,"T,S,,,,https://example.org/a,,,\n`,
    );
    const r = await read({ events: p, actors: fixtureActors });
    expect(oneBad(r, { file: p, line: 3 }).message).toContain("never closed");
    expect(r.events.map((e) => e.id)).toEqual(["a"]);
    expect(r.actors).toHaveLength(3);
  });

  it("an empty file, a UTF-16 file, a missing file, a bad dataset name", async () => {
    const empty = file("events.csv", "");
    expect(oneBad(await read({ events: empty }), { file: empty, line: 1 }).message).toContain(
      "no header row",
    );
    const utf16 = file(
      "events.csv",
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("id,date\n", "utf16le")]),
    );
    expect(oneBad(await read({ events: utf16 }), { file: utf16, line: 1, column: 1 }).message).toContain(
      "UTF-16",
    );
    await expect(read({ events: path.join(work, "nope.csv") })).rejects.toThrow(
      /cannot read ".*nope\.csv": no such file/,
    );
    await expect(read({ events: fixtureEvents }, "Not A Name")).rejects.toThrow(/dataset name "Not A Name"/);
  });

  it("values from the file reach messages escaped: no control or bidi character passes through", async () => {
    const hostile = "\u001b]0;owned\u0007\u009b2J\u202eevil";
    const p = file("events.csv", `${EVENT_HEADER}\na,2025,${hostile},,T,S,,,,https://example.org/a,,,\n`);
    const b = oneBad(await read({ events: p }), { file: p, line: 2, column: 3 });
    expect([...b.message].filter((c) => /\p{Cc}|\p{Bidi_Control}/u.test(c))).toEqual([]);
    expect(b.message).toContain("\\u001b]0;owned\\u0007\\u009b2J\\u202eevil");
  });

  it("reports progress as it goes, ending at the size of the files", async () => {
    const seen: { rows: number; bytes: number; totalBytes: number }[] = [];
    const report = emptyReport();
    const opts = {
      dataset: "river-notes",
      onBad: () => {},
      onProgress: (p: (typeof seen)[number]) => seen.push(p),
    };
    for await (const _ of readCsv({ events: fixtureEvents, actors: fixtureActors }, opts, report)) {
      // drain
    }
    const total = readFileSync(fixtureEvents).length + readFileSync(fixtureActors).length;
    expect(seen.at(-1)).toEqual({ rows: 6, bytes: total, totalBytes: total });
  });
});

describe("synthetic files for measuring the import", () => {
  it("read without a bad row: the events, a source per four rows, a link on every third row to the row before", async () => {
    const p = path.join(work, "synthetic.csv");
    const counts = await writeCsvSynthetic(p, { rows: 3_001 });
    expect(counts).toEqual({ rows: 3_001, sources: 751, links: 1_000, bytes: statSync(p).size });
    expect(readFileSync(p).equals(Buffer.from([...csvSyntheticLines({ rows: 3_001 })].join("")))).toBe(true);
    const r = await read({ events: p }, "synthetic");
    expect(r.bad).toEqual([]);
    expect(r.events).toHaveLength(3_001);
    expect(r.sources).toHaveLength(751);
    const ids = new Set(r.events.map((e) => e.id));
    const links = r.events.flatMap((e) => e.links.map((l) => [e.id, l.event]));
    expect(links).toHaveLength(1_000);
    expect(links.every(([, to]) => ids.has(to as string))).toBe(true);
    expect(r.events[3]?.links).toEqual([{ type: "follows", event: "row-2" }]);
    expect(r.events[7]?.participants).toEqual([
      { actor: "lithuania", role: "host" },
      { actor: "ukraine", role: "visitor" },
    ]);
  });
});
