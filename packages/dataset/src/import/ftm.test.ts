import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  type Actor,
  ActorSchema,
  buildSearchIndex,
  emptyDataset,
  IdSchema,
  type Relation,
  RelationSchema,
  type Source,
  SourceSchema,
  type StoryEvent,
  StoryEventSchema,
  search,
} from "@dealmap/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ftmEntityId, ftmScriptOf, readFtm } from "./ftm.ts";
import { ftmSyntheticLines, writeFtmSynthetic } from "./ftm-synthetic.ts";
import {
  type BadLine,
  emptyReport,
  type ImportItem,
  type ImportOptions,
  type ImportReport,
} from "./types.ts";

const FIXTURES = fileURLToPath(new URL("../../test/fixtures/ftm/", import.meta.url));
const ZALA = path.join(FIXTURES, "zala.ftm.jsonl");
const T1 = path.join(FIXTURES, "t1.ftm.jsonl");
const DS = "os";

interface Run {
  items: ImportItem[];
  report: ImportReport;
  bad: BadLine[];
  progress: { rows: number; bytes: number; totalBytes: number }[];
}

async function run(files: string[], extra: Partial<ImportOptions> = {}): Promise<Run> {
  const bad: BadLine[] = [];
  const progress: Run["progress"] = [];
  const report = emptyReport();
  const items: ImportItem[] = [];
  const opts: ImportOptions = {
    dataset: DS,
    onBad: (b) => bad.push(b),
    onProgress: (p) => progress.push(p),
    ...extra,
  };
  for await (const item of readFtm(files, opts, report)) items.push(item);
  return { items, report, bad, progress };
}

const of = <K extends ImportItem["kind"]>(r: Run, kind: K) =>
  r.items.filter((i) => i.kind === kind).map((i) => i.entity) as Extract<ImportItem, { kind: K }>["entity"][];

const actorOf = (r: Run, ftmId: string) =>
  of(r, "actors").find((a) => a.externalIds?.opensanctions === ftmId) as Actor;

/**
 * Every item passes its domain schema unchanged, ids are unique across kinds, and everything an
 * item names (actors, sources) was yielded before it.
 */
function checkWellFormed(r: Run): void {
  const seen = new Set<string>();
  const schemas = {
    actors: ActorSchema,
    events: StoryEventSchema,
    relations: RelationSchema,
    sources: SourceSchema,
  };
  for (const item of r.items) {
    const schema = schemas[item.kind as keyof typeof schemas];
    expect(schema, item.kind).toBeDefined();
    const parsed = schema.safeParse(item.entity);
    if (!parsed.success) throw new Error(`${item.entity.id}: ${JSON.stringify(parsed.error.issues)}`);
    expect(parsed.data).toEqual(item.entity); // nothing left for zod's defaults to fill
    const e = item.entity as { id: string; citations?: { source: string }[] };
    for (const c of e.citations ?? []) expect(seen.has(c.source), `${e.id} cites ${c.source}`).toBe(true);
    if (item.kind === "events") {
      for (const p of item.entity.participants)
        expect(seen.has(p.actor), `${e.id} names ${p.actor}`).toBe(true);
    }
    if (item.kind === "relations") {
      expect(seen.has(item.entity.from)).toBe(true);
      expect(seen.has(item.entity.to)).toBe(true);
    }
    expect(seen.has(e.id), `id ${e.id} twice`).toBe(false);
    seen.add(e.id);
  }
  const counts: Record<string, number> = {};
  for (const i of r.items) counts[i.kind] = (counts[i.kind] ?? 0) + 1;
  expect(r.report.made).toEqual(counts);
}

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), "dealmap-ftm-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("readFtm on the zala fixture", () => {
  let r: Run;
  beforeAll(async () => {
    r = await run([ZALA]);
  });

  it("reads every line without a bad one", () => {
    expect(r.report.rowsRead).toBe(91);
    expect(r.report.bad).toBe(0);
    expect(r.bad).toEqual([]);
  });

  it("accounts for all 41 sanctions: 29 events, 12 skipped for want of a date", () => {
    expect(of(r, "events")).toHaveLength(29);
    expect(r.report.skipped["Sanction without a date"]).toBe(12);
    expect(of(r, "events").every((e) => e.kind === "sanctions-imposed" && e.status === "reported")).toBe(
      true,
    );
  });

  it("makes 14 owned-by, 3 director-of and 4 family relations", () => {
    const types = of(r, "relations").map((x) => x.type);
    expect(types.filter((t) => t === "owned-by")).toHaveLength(14);
    expect(types.filter((t) => t === "director-of")).toHaveLength(3);
    expect(types.filter((t) => t === "family")).toHaveLength(4);
    expect(types).toHaveLength(21);
  });

  it("counts the schemas it does not model instead of dropping them silently", () => {
    expect(r.report.skipped).toEqual({
      "FtM schema Address": 11,
      "FtM schema Passport": 1,
      "Sanction without a date": 12,
    });
  });

  it("makes an actor of each of the 11 companies and 6 persons, plus one per authority", () => {
    const actors = of(r, "actors");
    expect(actors.filter((a) => a.kind === "company")).toHaveLength(11);
    expect(actors.filter((a) => a.kind === "person")).toHaveLength(6);
    const authorities = actors.filter((a) => a.id.startsWith(`${DS}-authority-`));
    expect(authorities.length).toBe(actors.length - 17);
    expect(new Set(authorities.map((a) => a.name)).size).toBe(authorities.length);
  });

  it("yields only entities the domain schemas accept, each id once, nothing named before it exists", () => {
    checkWellFormed(r);
  });

  it("maps a sanction in detail: authority as initiator, the company as target, its date, programme and source", () => {
    const e = of(r, "events").find(
      (x) => x.id === ftmEntityId(DS, "ch-seco-841633b225cf7533f22a858208c7195562990afe"),
    ) as StoryEvent;
    expect(e.id).toBe("os-ch-seco-841633b225cf7533f22a858208c7195562990afe");
    expect(e.date).toBe("2023-08-16");
    const cst = actorOf(r, "NK-abdzbEBkqyT29GyREbiURZ");
    expect(cst.name).toBe("LLC CST");
    const authority = of(r, "actors").find(
      (a) => a.id === "os-authority-ch-state-secretariat-for-economic-affairs",
    );
    expect(authority).toMatchObject({
      kind: "organization",
      name: "State Secretariat for Economic Affairs",
      country: "CH",
    });
    expect(e.participants).toEqual([
      { actor: "os-authority-ch-state-secretariat-for-economic-affairs", role: "initiator" },
      { actor: cst.id, role: "target" },
    ]);
    expect(e.title).toBe("LLC CST sanctioned by State Secretariat for Economic Affairs");
    expect(e.summary).toContain("Ordinance of 4 March 2022 on measures related to the situation in Ukraine");
    expect(e.summary).toContain("Switzerland");
    expect(e.tags).toEqual(["opensanctions", "sanctions"]);
    const sources = of(r, "sources");
    const cited = e.citations.map((c) => sources.find((s) => s.id === c.source) as Source);
    expect(cited.map((s) => s.url)).toEqual([
      "https://www.seco.admin.ch/seco/en/home/Aussenwirtschaftspolitik_Wirtschaftliche_Zusammenarbeit/Wirtschaftsbeziehungen/exportkontrollen-und-sanktionen/sanktionen-embargos.html",
      "https://www.opensanctions.org/",
    ]);
    expect(cited[1]).toMatchObject({ id: "os-opensanctions", kind: "dataset", title: "OpenSanctions" });
  });

  it("dates a sanction by its earliest listing or start date and keeps the others and the end in the summary", () => {
    const eu = of(r, "events").find(
      (x) => x.id === ftmEntityId(DS, "eu-fsf-6ac27c949ff687d02ddec05f5e53ce9c6690e34f"),
    );
    expect(eu?.date).toBe("2023-12-18"); // startDate; listingDate 2025-03-15 is later
    expect(eu?.summary).toContain("listed 2025-03-15");
    expect(eu?.summary).toContain("the European Union");
    const ua = of(r, "events").find(
      (x) => x.id === ftmEntityId(DS, "ua-nsdc-3531f935d268a134880b64ba29518e35dafd049f"),
    );
    expect(ua?.date).toBe("2023-07-01");
    expect(ua?.summary).toContain("end date of 2033-07-01");
  });

  it("maps an ownership as asset owned-by owner, with its dates and share", () => {
    const rel = of(r, "relations").find(
      (x) => x.id === ftmEntityId(DS, "ru-29477727b21c0f44d9c8b2e0c3697b8e028f8f5f"),
    ) as Relation;
    expect(rel.type).toBe("owned-by");
    expect(rel.from).toBe(actorOf(r, "NK-abdzbEBkqyT29GyREbiURZ").id); // LLC CST
    expect(rel.to).toBe(actorOf(r, "NK-nR5AXM9AVPq4pQaSPSaVam").id); // Kalashnikov Concern
    expect(rel.when).toBe("2016-03-29/"); // no end date: unknown, not "still holds"
    expect(rel.note).toContain("holds 49%");
    expect(rel.citations).toEqual([{ source: "os-opensanctions" }]);
  });

  it("maps a directorship and a family tie", () => {
    const dir = of(r, "relations").find(
      (x) => x.id === ftmEntityId(DS, "ru-a9285fbd0d02aebe28295dd37885191822789ad8"),
    );
    expect(dir).toMatchObject({
      type: "director-of",
      from: actorOf(r, "NK-mCEmxFfuhfdjpC8gsxH74o").id,
      to: actorOf(r, "NK-abdzbEBkqyT29GyREbiURZ").id,
      when: "2017-10-23/",
    });
    expect(dir?.note).toContain("ГЕНЕРАЛЬНЫЙ ДИРЕКТОР");
    const fam = of(r, "relations").find(
      (x) => x.id === ftmEntityId(DS, "ofac-6d023267c742427bc92220ad97daca2e17b136ff"),
    );
    expect(fam).toMatchObject({
      type: "family",
      from: actorOf(r, "NK-JseaPJctnK9o8wrmz8xmoT").id,
      to: actorOf(r, "NK-aU5ybkbRFJucf8YMwsJvDw").id,
    });
  });

  it("gives the primary name in Latin script even when the caption is Cyrillic", () => {
    const a = actorOf(r, "NK-mCEmxFfuhfdjpC8gsxH74o");
    expect(ftmScriptOf(a.name)).toBe("Latn");
    expect(a.aliases.map((x) => x.name)).toContain("Абашкін Костянтин Ігорьович");
  });

  it("yields the OpenSanctions dataset source once, first", () => {
    expect(r.items[0]).toEqual({
      kind: "sources",
      entity: expect.objectContaining({ id: "os-opensanctions", url: "https://www.opensanctions.org/" }),
    });
    expect(of(r, "sources").filter((s) => s.kind === "dataset")).toHaveLength(1);
  });

  it("links sanctions to a curated state actor when one is given for the country", async () => {
    const withStates = await run([ZALA], { states: new Map([["US", "united-states"]]) });
    const us = of(withStates, "events").filter((e) =>
      e.participants.some((p) => p.actor === "united-states"),
    );
    expect(us.length).toBeGreaterThan(0);
    expect(withStates.report.matched).toBe(us.length);
    for (const e of us)
      expect(e.participants.find((p) => p.actor === "united-states")?.role).toBe("initiator");
  });
});

describe("readFtm on the t1 fixture", () => {
  let r: Run;
  beforeAll(async () => {
    r = await run([T1]);
  });

  it("reads all 7 lines, the last one without a newline", () => {
    expect(readFileSync(T1).at(-1)).not.toBe(0x0a);
    expect(r.report.rowsRead).toBe(7);
    expect(r.report.bad).toBe(0);
    expect(of(r, "actors")).toHaveLength(6);
    expect(r.report.skipped).toEqual({ "FtM schema Address": 1 });
    checkWellFormed(r);
  });

  it("keeps the Belarus-listed person's Latin and Cyrillic names, each with its script", () => {
    const a = actorOf(r, "NK-2Mht2rqBeravCTdyQAWc4o");
    expect(a.kind).toBe("person");
    expect(a.name).toBe("Svjatlana Paulauna PACHODAVA");
    expect(a.country).toBe("BY");
    expect(a.seen).toEqual({ first: "2023-08-05", last: "2024-06-01" });
    expect(a.description).toBe(
      "Person, national of Belarus, listed in OpenSanctions data as sanctioned; position recorded: Head of penal colony n°4 for women in Gomel.",
    );
    const script = Object.fromEntries(a.aliases.map((x) => [x.name, x.romanization]));
    expect(script["Святлана Паўлаўна ПАХОДАВА"]).toBe("Cyrl");
    expect(script["Светлана Павловна ПОХОДОВА"]).toBe("Cyrl");
    expect(script["Sviatlana Paulauna PAKHODAVA"]).toBe("Latn");
    expect(script["Sviatlana Pavlavna PACHODAVOVÁ"]).toBe("Latn");
    expect(a.aliases).toHaveLength(7); // 8 names, one of them the primary
    expect(a.id).toMatch(/^os-nk-2mht2rqberavctdyqawc4o-[0-9a-f]{10}$/);
    expect(a.externalIds).toEqual({ opensanctions: "NK-2Mht2rqBeravCTdyQAWc4o" });
  });

  it("lets search find that person under Cyrillic and Latin spellings", () => {
    const ds = emptyDataset();
    ds.actors.push(...of(r, "actors"));
    const index = buildSearchIndex(ds);
    const id = actorOf(r, "NK-2Mht2rqBeravCTdyQAWc4o").id;
    for (const q of ["Паходава", "Святлана Паходава", "Pokhodova", "Svetlana Pochodova"]) {
      expect(search(index, q, { limit: 3 })[0]?.id, q).toBe(id);
    }
  });

  it("keeps the birth date and the person's scripts apart from the organisations'", () => {
    const sojko = actorOf(r, "NK-2Myxbs6wX9xFKGoQn3sLaY");
    expect(sojko.born).toBe("1971-07-03");
    const org = actorOf(r, "NK-2GdmHtZTeNXjNVrBGEXZNj");
    expect(org.kind).toBe("organization");
    const greek = org.aliases.find((x) => x.name.startsWith("Εταιρία"));
    expect(greek?.romanization).toBe("Grek");
    expect(org.description).toBe(
      "Organization associated with Belarus, listed in OpenSanctions data as sanctioned.",
    );
  });
});

describe("readFtm with bad lines", () => {
  it("reports invalid JSON, a non-entity and invalid UTF-8 with file:line, and imports the rest", async () => {
    const lines = readFileSync(T1, "utf8").split("\n");
    const file = path.join(tmp, "broken-t1.jsonl");
    const sojko = Buffer.from(lines[5] as string, "utf8");
    sojko[sojko.indexOf("Sojko") + 2] = 0xff; // the "j": a byte that is not UTF-8
    const broken = [
      Buffer.from(lines[0] as string),
      Buffer.from((lines[1] as string).slice(0, 40)), // cut short: invalid JSON
      Buffer.from("[1, 2, 3]"), // JSON, but not an entity
      Buffer.from(lines[3] as string),
      Buffer.from(lines[4] as string),
      sojko,
      Buffer.from(lines[6] as string),
    ];
    writeFileSync(file, Buffer.concat(broken.flatMap((b) => [b, Buffer.from("\n")])));

    const r = await run([file]);
    expect(r.bad.map((b) => [b.file, b.line, b.column])).toEqual([
      [file, 2, 35], // where the string that is never closed starts
      [file, 3, undefined],
      [file, 6, (lines[5] as string).indexOf("Sojko") + 3],
    ]);
    expect(r.bad[0]?.message).toBe(`invalid JSON: a string is not closed (no ending '"')`);
    expect(r.bad[0]?.raw).toBe((lines[1] as string).slice(0, 40));
    expect(r.bad[1]?.message).toMatch(/^not an FtM entity/);
    expect(r.bad[1]?.raw).toBe("[1, 2, 3]");
    expect(r.bad[2]?.message).toMatch(/^invalid UTF-8: byte 0xFF/);
    expect(r.bad[2]?.raw).toBeUndefined();
    expect(r.report.bad).toBe(3);
    expect(r.report.rowsRead).toBe(7);
    expect(of(r, "actors").map((a) => a.externalIds?.opensanctions)).toEqual([
      "NK-2GdmHtZTeNXjNVrBGEXZNj",
      "NK-2Mht2rqBeravCTdyQAWc4o",
      "NK-2PacmNpiLUmoz4XD2mSt7A",
    ]);
    checkWellFormed(r);
  });

  it("rejects a line with a bad date in a used property, pointing at the value, and quotes it safely", async () => {
    const text = readFileSync(T1, "utf8").replace(
      '"birthDate":["1971-07-03"]',
      '"birthDate":["1971-13-03\\u001b[31m"]',
    );
    expect(text).toContain("1971-13-03");
    const file = path.join(tmp, "bad-date.jsonl");
    writeFileSync(file, text);
    const r = await run([file]);
    expect(r.bad).toHaveLength(1);
    const b = r.bad[0] as BadLine;
    expect(b.line).toBe(6);
    expect(b.message).toBe('birthDate "1971-13-03\\u001b[31m" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)');
    expect(b.message).not.toContain("\u001b");
    const line = text.split("\n")[5] as string;
    expect(b.column).toBe(line.indexOf('"1971-13-03') + 1);
    expect(actorOf(r, "NK-2Myxbs6wX9xFKGoQn3sLaY")).toBeUndefined();
    expect(of(r, "actors")).toHaveLength(5);
  });

  it("reports a bad date of a sanction in pass 1, in line order, and makes no event of it", async () => {
    const lines = readFileSync(ZALA, "utf8").split("\n");
    const n = lines.findIndex((l) => l.includes('"ch-seco-841633b225cf7533f22a858208c7195562990afe"'));
    lines[n] = (lines[n] as string).replace('"listingDate": ["2023-08-16"]', '"listingDate": ["someday"]');
    expect(lines[n]).toContain("someday");
    lines.splice(2, 0, "not json"); // an earlier bad line, to check the order
    const file = path.join(tmp, "bad-sanction.jsonl");
    writeFileSync(file, lines.join("\n"));
    const r = await run([file]);
    expect(r.bad.map((b) => b.line)).toEqual([3, n + 2]);
    expect(r.bad[1]?.message).toBe('listingDate "someday" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)');
    expect(of(r, "events")).toHaveLength(28);
    expect(
      of(r, "events").some(
        (e) => e.id === ftmEntityId(DS, "ch-seco-841633b225cf7533f22a858208c7195562990afe"),
      ),
    ).toBe(false);
  });

  it("skips sanctions and ties that name an entity not in the files, never leaving a dangling reference", async () => {
    const lines = readFileSync(ZALA, "utf8")
      .split("\n")
      .filter((l) => !l.includes('"id": "NK-abdzbEBkqyT29GyREbiURZ"')); // LLC CST
    const file = path.join(tmp, "without-cst.jsonl");
    writeFileSync(file, lines.join("\n"));
    const r = await run([file]);
    expect(r.report.rowsRead).toBe(90);
    expect(r.report.skipped["Sanction of an entity not in these files"]).toBeGreaterThan(0);
    expect(r.report.skipped["Ownership whose asset is not in these files"]).toBeGreaterThan(0);
    expect(r.report.skipped["Directorship whose organization is not in these files"]).toBe(2); // of 3
    const sanctions = r.report.skipped["Sanction of an entity not in these files"] as number;
    expect(of(r, "events").length + sanctions + (r.report.skipped["Sanction without a date"] ?? 0)).toBe(41);
    checkWellFormed(r);
  });

  it("skips a sanction of an entity that is in the files but not imported, naming its schema", async () => {
    const addr = readFileSync(ZALA, "utf8")
      .split("\n")
      .find((l) => l.includes('"schema": "Address"')) as string;
    const addrId = JSON.parse(addr).id as string;
    const sanction = JSON.stringify({
      id: "test-sanction-1",
      schema: "Sanction",
      properties: { entity: [addrId], authority: ["OFAC"], startDate: ["2024-01-02"] },
    });
    const file = path.join(tmp, "address-sanction.jsonl");
    writeFileSync(file, `${addr}\n${sanction}\n`);
    const r = await run([file]);
    expect(r.report.skipped).toEqual({
      "FtM schema Address": 1,
      "Sanction of an entity not imported (FtM schema Address)": 1,
    });
    expect(of(r, "events")).toEqual([]);
  });

  it("keeps schema names from the file to a bounded set, and control characters out of names", async () => {
    const lines = [
      ...Array.from({ length: 150 }, (_, i) =>
        JSON.stringify({
          id: `x-${i}`,
          schema: `Made${String.fromCharCode(65 + (i % 26))}${i}`,
          properties: {},
        }),
      ),
      JSON.stringify({ id: "x-esc", schema: "Vessel\u001b[2J", properties: {} }),
      JSON.stringify({
        id: "p-1",
        schema: "Person",
        properties: { name: ["Ivan\u001b[31m \u202eSokolov", "Иван\tСоколов"] },
      }),
    ];
    const file = path.join(tmp, "schemas.jsonl");
    writeFileSync(file, lines.join("\n"));
    const r = await run([file]);
    const reasons = Object.keys(r.report.skipped);
    expect(reasons.length).toBeLessThanOrEqual(101);
    expect(r.report.skipped["FtM schema not recognised"]).toBeGreaterThanOrEqual(51); // past the cap, and the ESC one
    expect(reasons.every((k) => /^FtM schema [A-Za-z0-9 ]+$/.test(k))).toBe(true);
    const [p] = of(r, "actors");
    expect(p?.name).toBe("Ivan [31m Sokolov");
    expect(p?.aliases).toEqual([{ name: "Иван Соколов", romanization: "Cyrl" }]);
  });

  it("reads a file with CRLF endings and a byte-order mark like the original", async () => {
    const file = path.join(tmp, "crlf.jsonl");
    writeFileSync(file, `\ufeff${readFileSync(T1, "utf8").replaceAll("\n", "\r\n")}\r\n\r\n`);
    const a = await run([T1]);
    const b = await run([file]);
    expect(b.bad).toEqual([]);
    expect(b.items).toEqual(a.items);
  });

  it("reads each repeated entity once and counts the repeats", async () => {
    const once = await run([ZALA]);
    const twice = await run([ZALA, ZALA]);
    expect(twice.items).toEqual(once.items);
    // 17 actors + 41 sanctions + 21 ties; the unmodelled schemas are counted as such again
    expect(twice.report.skipped["FtM entity repeated (same id)"]).toBe(79);
    expect(twice.report.skipped["FtM schema Address"]).toBe(22);
  });

  it("refuses a missing file and a bad dataset name before yielding anything", async () => {
    await expect(run([path.join(tmp, "nope.jsonl")])).rejects.toThrow(/cannot read .*nope\.jsonl.*ENOENT/);
    await expect(run([T1], { dataset: "Not Valid" })).rejects.toThrow(/dataset name/);
  });
});

describe("readFtm output", () => {
  it("is the same for the same files, item for item (idempotent)", async () => {
    const a = await run([T1, ZALA]);
    const b = await run([T1, ZALA]);
    expect(b.items).toEqual(a.items);
    expect(b.report).toEqual(a.report);
    checkWellFormed(a);
  });

  it("reports progress with bytes of both passes", async () => {
    const file = path.join(tmp, "progress.jsonl");
    await writeFtmSynthetic(file, { entities: 25_000, seed: 3 });
    const r = await run([file]);
    const size = statSync(file).size;
    expect(r.progress.map((p) => p.rows)).toEqual([10_000, 20_000, 30_000, 40_000, 50_000, 50_000]);
    for (const p of r.progress) expect(p.totalBytes).toBe(2 * size);
    expect(r.progress.at(-1)?.bytes).toBe(2 * size);
    expect(r.progress[1]?.bytes).toBeLessThan(size);
    expect(r.progress[3]?.bytes).toBeGreaterThan(size);
  });
});

describe("ftmEntityId", () => {
  it("keeps ids that are already in the alphabet, and tells case-only differences apart", () => {
    expect(ftmEntityId("os", "ofac-6d023267")).toBe("os-ofac-6d023267");
    const a = ftmEntityId("os", "NK-Ab");
    const b = ftmEntityId("os", "NK-aB");
    expect(a).not.toBe(b);
    expect(a).toMatch(/^os-nk-ab-[0-9a-f]{10}$/);
    expect(ftmEntityId("os", "NK-Ab")).toBe(a); // stable
  });

  it("stays within 80 characters and never takes the place of an id the importer makes", () => {
    const long = ftmEntityId("a-long-dataset-name-of-forty-characters", `x-${"y".repeat(200)}`);
    expect(long.length).toBeLessThanOrEqual(80);
    expect(IdSchema.safeParse(long).success).toBe(true);
    expect(ftmEntityId("os", "opensanctions")).not.toBe("os-opensanctions");
    expect(ftmEntityId("os", "authority-us-ofac")).not.toBe("os-authority-us-ofac");
    expect(ftmEntityId("os", "source-x")).toMatch(/^os-source-x-[0-9a-f]{10}$/);
    expect(IdSchema.safeParse(ftmEntityId("os", "Ж.ё_")).success).toBe(true);
  });
});

describe("ftmScriptOf", () => {
  it("names the script most letters are in", () => {
    expect(ftmScriptOf("Svjatlana PACHODAVOVÁ")).toBe("Latn");
    expect(ftmScriptOf("Святлана Паўлаўна")).toBe("Cyrl");
    expect(ftmScriptOf("Общество “Inter Tobacco”")).toBe("Latn"); // 12 Latin letters, 8 Cyrillic
    expect(ftmScriptOf("資産凍結")).toBe("Hani");
    expect(ftmScriptOf("ロシア連邦")).toBe("Jpan");
    expect(ftmScriptOf("12345")).toBeUndefined();
  });
});

describe("synthetic FtM files", () => {
  it("are the same bytes for the same seed, and differ for another", () => {
    const digest = (seed: number) => {
      const h = createHash("sha256");
      for (const l of ftmSyntheticLines({ entities: 500, seed })) h.update(`${l}\n`);
      return h.digest("hex");
    };
    expect(digest(5)).toBe(digest(5));
    expect(digest(5)).not.toBe(digest(6));
  });

  it("read without a bad line, into entities the domain accepts", async () => {
    const file = path.join(tmp, "synthetic.jsonl");
    const counts = await writeFtmSynthetic(file, { entities: 4_000, seed: 11 });
    expect(counts.entities).toBe(4_000);
    expect(counts.bytes).toBe(statSync(file).size);
    expect(counts.bySchema).toEqual({
      Person: 1200,
      Company: 800,
      Organization: 200,
      Sanction: 1000,
      Ownership: 400,
      Directorship: 100,
      Family: 100,
      Address: 200,
    });
    const r = await run([file]);
    expect(r.bad).toEqual([]);
    expect(r.report.rowsRead).toBe(4_000);
    expect(r.report.skipped["FtM schema Address"]).toBe(200);
    const actors = of(r, "actors");
    expect(actors.filter((a) => !a.id.startsWith(`${DS}-authority-`))).toHaveLength(2_200);
    const sanctionsAccounted =
      (r.report.made.events ?? 0) +
      (r.report.skipped["Sanction without a date"] ?? 0) +
      (r.report.skipped["Sanction of an entity not in these files"] ?? 0);
    expect(sanctionsAccounted).toBe(1_000);
    expect(r.report.skipped["Sanction without a date"]).toBeGreaterThan(50);
    // persons carry Latin and Cyrillic names
    const person = actors.find((a) => a.kind === "person") as Actor;
    expect(person.aliases.some((x) => x.romanization === "Cyrl")).toBe(true);
    expect(ftmScriptOf(person.name)).toBe("Latn");
    checkWellFormed(r);
  });
});
