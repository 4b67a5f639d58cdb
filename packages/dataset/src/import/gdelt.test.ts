import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import {
  ActorSchema,
  EVENT_KINDS,
  type EventKind,
  IdSchema,
  PlaceSchema,
  SourceSchema,
  type StoryEvent,
  StoryEventSchema,
} from "@dealmap/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import yazl from "yazl";
import { GDELT_MAX_CITATIONS, GDELT_SKIPPED, readGdelt } from "./gdelt.ts";
import {
  CAMEO_KIND_EXCEPTIONS,
  CAMEO_LABELS,
  CAMEO_ROOT_LABELS,
  COUNTRIES,
  cameoKind,
  cameoLabel,
  eventKindsByCameo,
  isoFromCameo,
  isoFromFips,
} from "./gdelt-codes.ts";
import { syntheticGdeltRows, writeSyntheticGdelt } from "./gdelt-synthetic.ts";
import {
  type BadLine,
  emptyReport,
  type ImportItem,
  type ImportOptions,
  type ImportReport,
} from "./types.ts";

const FIXTURES = fileURLToPath(new URL("../../test/fixtures/gdelt/", import.meta.url));
const EVENTS = path.join(FIXTURES, "events.csv");
const MENTIONS = path.join(FIXTURES, "mentions.csv");
const DS = "gdelt-sample";
const STATES = new Map([
  ["US", "united-states"],
  ["BY", "belarus"],
]);
/** The 2020-03-18 rows naming Belarus, one of them a Belarusian company (BLRBUS). */
const BELTA =
  "https://eng.belta.by/economics/view/training-of-zimbabwe-specialists-by-belarusian-automaker-belaz-under-consideration-129076-2020/";

interface Run {
  items: ImportItem[];
  report: ImportReport;
  bad: BadLine[];
  progress: { rows: number; bytes: number; totalBytes: number }[];
}

async function run(
  input: { events: string[]; mentions?: string[] },
  extra: Partial<ImportOptions> = {},
): Promise<Run> {
  const bad: BadLine[] = [];
  const progress: Run["progress"] = [];
  const report = emptyReport();
  const items: ImportItem[] = [];
  const opts: ImportOptions = {
    dataset: DS,
    states: STATES,
    onBad: (b) => bad.push(b),
    onProgress: (p) => progress.push(p),
    ...extra,
  };
  for await (const item of readGdelt(input, opts, report)) items.push(item);
  return { items, report, bad, progress };
}

const of = <K extends ImportItem["kind"]>(r: Run, kind: K) =>
  r.items.filter((i) => i.kind === kind).map((i) => i.entity) as Extract<ImportItem, { kind: K }>["entity"][];

const lines = (file: string) => readFileSync(file, "utf8").split("\n").filter(Boolean);

let tmp: string;
let n = 0;
/** A file in the temp dir holding these lines (or bytes). */
function temp(name: string, content: string | Buffer): string {
  const file = path.join(tmp, `${n++}-${name}`);
  writeFileSync(file, content);
  return file;
}

async function zipOf(file: string, member: string): Promise<string> {
  const zip = new yazl.ZipFile();
  zip.addFile(file, member);
  zip.end();
  const out = path.join(tmp, `${n++}-${member}.zip`);
  await pipeline(zip.outputStream, createWriteStream(out));
  return out;
}

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), "dealmap-gdelt-"));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe("GDELT code tables", () => {
  it("converts FIPS 10-4 country codes to ISO alpha-2, including the ones that differ", () => {
    const cases: [string, string][] = [
      ["BO", "BY"], // Belarus (ISO BO is Bolivia)
      ["BL", "BO"], // Bolivia
      ["US", "US"],
      ["UK", "GB"],
      ["GM", "DE"], // Germany (ISO GM is Gambia)
      ["GA", "GM"], // Gambia
      ["RS", "RU"], // Russia (ISO RS is Serbia)
      ["RI", "RS"], // Serbia
      ["UP", "UA"],
      ["LH", "LT"],
      ["LG", "LV"],
      ["PL", "PL"],
      ["CH", "CN"], // China (ISO CH is Switzerland)
      ["SZ", "CH"], // Switzerland
      ["SF", "ZA"],
      ["ZI", "ZW"],
      ["AS", "AU"], // Australia (ISO AS is American Samoa)
      ["KV", "XK"],
      ["GZ", "PS"],
      ["WE", "PS"],
    ];
    for (const [fips, iso] of cases) expect([fips, isoFromFips(fips)]).toEqual([fips, iso]);
    // Oceans and disputed islands have no country; nothing is passed through unconverted.
    expect(isoFromFips("OS")).toBeUndefined();
    expect(isoFromFips("PF")).toBeUndefined();
    expect(isoFromFips("XX")).toBeUndefined();
    expect(isoFromFips("")).toBeUndefined();
  });

  it("keeps each ISO, alpha-3 and FIPS code once, and converts CAMEO actor country codes", () => {
    for (const key of ["iso2", "iso3", "fips"] as const) {
      const codes = COUNTRIES.map((c) => c[key]).filter((c) => c !== undefined);
      expect(new Set(codes).size).toBe(codes.length);
    }
    expect(COUNTRIES.length).toBeGreaterThan(240);
    expect(isoFromCameo("BLR")).toBe("BY");
    expect(isoFromCameo("USA")).toBe("US");
    expect(isoFromCameo("GBR")).toBe("GB");
    expect(isoFromCameo("RUS")).toBe("RU");
    expect(isoFromCameo("ROM")).toBe("RO"); // CAMEO's own code
    expect(isoFromCameo("TMP")).toBe("TL");
    expect(isoFromCameo("AFR")).toBeUndefined(); // a region
    expect(isoFromCameo("GOV")).toBeUndefined();
  });

  it("maps CAMEO codes to event kinds: EVENT_KINDS read backwards, except the documented cases", () => {
    for (const [code, kinds] of eventKindsByCameo()) {
      const exception = CAMEO_KIND_EXCEPTIONS[code];
      if (exception) {
        expect([code, cameoKind(code)]).toEqual([code, exception.kind]);
      } else {
        expect(kinds.length, `${code} names one kind`).toBe(1);
        expect([code, cameoKind(code)]).toEqual([code, kinds[0]]);
      }
    }
    const extras: [string, EventKind][] = [
      ["040", "meeting"],
      ["041", "phone-call"],
      ["042", "visit"],
      ["043", "visit"],
      ["046", "meeting"],
      ["163", "sanctions-imposed"],
      ["173", "arrest"],
      ["0841", "release"],
      ["140", "protest"],
      ["1411", "protest"],
      ["145", "protest"],
      ["012", "statement"],
      ["019", "statement"],
      ["0234", "appeal"],
      ["1056", "demand"],
      ["138", "threat"],
      ["1384", "threat"],
      ["0354", "sanctions-promised"],
      ["085", "sanctions-eased"],
      ["174", "deportation"],
      ["090", "other"],
      ["193", "other"],
    ];
    for (const [code, kind] of extras) expect([code, cameoKind(code)]).toEqual([code, kind]);
    for (const kind of new Set(Object.values(CAMEO_KIND_EXCEPTIONS).map((e) => e.kind))) {
      expect(Object.keys(EVENT_KINDS)).toContain(kind);
    }
  });

  it("labels every root and falls back from full to base to root code", () => {
    for (let r = 1; r <= 20; r++) expect(CAMEO_ROOT_LABELS[String(r).padStart(2, "0")]).toBeTruthy();
    expect(cameoLabel("042")).toBe(CAMEO_LABELS["042"]);
    expect(cameoLabel("0841")).toBe(CAMEO_LABELS["0841"]);
    expect(cameoLabel("1384")).toBe(CAMEO_LABELS["138"]);
    expect(cameoLabel("099")).toBe(CAMEO_ROOT_LABELS["09"]);
  });
});

describe("README, Importing GDELT events", () => {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const section = readme.slice(
    readme.indexOf("## Importing GDELT events"),
    readme.indexOf("## Adding your own data"),
  );

  it("gives each root's kind and every exception as the code does", () => {
    const roots = [...section.matchAll(/^\| (\d\d) +\| [^|]+\| `([a-z-]+)` +\| (.*?) *\|$/gm)];
    // (Object.keys puts "10"…"20" before "01": integer-like keys come first.)
    expect(roots.map((m) => m[1])).toEqual(Object.keys(CAMEO_ROOT_LABELS).sort());
    for (const [, root = "", kind, except = ""] of roots) {
      expect([root, cameoKind(`${root}0`)]).toEqual([root, kind]);
      // "051 praise, 052 verbal defence → `praise`": every code named before an arrow has that kind.
      for (const part of except.split(";")) {
        const to = /→ `([a-z-]+)`/.exec(part)?.[1];
        if (!to) continue;
        for (const code of part.split("(")[0]?.match(/\b\d{3,4}\b/g) ?? []) {
          expect([code, cameoKind(code)]).toEqual([code, to]);
        }
      }
    }
    const exceptions = [...section.matchAll(/^\| (\d{3,4}) +\| `([a-z-]+)` +\|/gm)].map((m) => [m[1], m[2]]);
    expect(exceptions.sort()).toEqual(
      Object.entries(CAMEO_KIND_EXCEPTIONS)
        .map(([code, e]) => [code, e.kind])
        .sort(),
    );
  });

  it("lists every skip reason", () => {
    for (const reason of Object.values(GDELT_SKIPPED)) expect(section).toContain(`| \`${reason}\``);
  });
});

describe("readGdelt on the sample files", () => {
  let plain: Run;
  let withMentions: Run;
  beforeAll(async () => {
    plain = await run({ events: [EVENTS] });
    withMentions = await run({ events: [EVENTS], mentions: [MENTIONS] });
  });

  it("reads every row, and every row makes an event or merges into one", () => {
    expect(plain.bad).toEqual([]);
    expect(plain.report.rowsRead).toBe(100);
    expect(plain.report.bad).toBe(0);
    const events = of(plain, "events");
    expect(events.length).toBe(88);
    expect(plain.report.merged).toBe(12);
    expect(events.length + plain.report.merged).toBe(100);
    expect(events.reduce((sum, e) => sum + (e.coding?.rows ?? 0), 0)).toBe(100);
    expect(plain.report.made).toEqual({
      events: 88,
      sources: of(plain, "sources").length,
      places: of(plain, "places").length,
      actors: of(plain, "actors").length,
    });
    // With mentions: 100 more rows read, the same events, 48 mentions of events not in the file.
    expect(withMentions.report.rowsRead).toBe(200);
    expect(of(withMentions, "events").map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect(withMentions.report.skipped).toEqual({ [GDELT_SKIPPED.mentionNotInFiles]: 48 });
  });

  it("yields entities that pass the domain schemas, with valid ids and every reference made", () => {
    const made = new Set(withMentions.items.map((i) => i.entity.id));
    expect(made.size).toBe(withMentions.items.length); // each entity once
    const curated = new Set(STATES.values());
    for (const item of withMentions.items) {
      expect(IdSchema.safeParse(item.entity.id).success, item.entity.id).toBe(true);
      const schema = {
        events: StoryEventSchema,
        actors: ActorSchema,
        places: PlaceSchema,
        sources: SourceSchema,
      }[item.kind as "events" | "actors" | "places" | "sources"];
      const parsed = schema.safeParse(item.entity);
      expect(parsed.success, `${item.entity.id}: ${parsed.error?.message}`).toBe(true);
      if (item.kind !== "sources") expect(item.entity.id.startsWith(`${DS}-`)).toBe(true);
    }
    const seen = new Set<string>();
    for (const item of withMentions.items) {
      // A reference always points back, at something yielded before or at a curated actor.
      const e = item.entity as Partial<StoryEvent> & { citations?: { source: string }[] };
      for (const c of e.citations ?? []) expect(seen.has(c.source), c.source).toBe(true);
      for (const p of e.participants ?? [])
        expect(seen.has(p.actor) || curated.has(p.actor), p.actor).toBe(true);
      for (const p of e.places ?? []) expect(seen.has(p), p).toBe(true);
      seen.add(item.entity.id);
    }
  });

  it("maps the 2020-03-18 rows naming a Belarusian company (belta.by) into one event", () => {
    const event = of(withMentions, "events").find((e) => e.participants.some((p) => p.actor === "belarus"));
    expect(event).toBeDefined();
    const e = event as StoryEvent;
    expect(e.kind).toBe("visit");
    expect(e.date).toBe("2020-03-18");
    expect(e.status).toBe("reported");
    expect(e.id).toMatch(/^gdelt-sample-2020-03-18-[0-9a-f]{14}$/);
    expect(e.title).toBe("Zimbabwe → Belarus: visit (CAMEO 042)");
    expect(e.participants.map((p) => [p.actor, p.role])).toEqual([
      [`${DS}-zw`, "initiator"],
      ["belarus", "target"],
    ]);
    // Three rows (ZWE→BLR, ZWE→BLRBUS, ZWEGOV→BLRBUS) are one event: same day, actors, code, place.
    expect(e.coding).toEqual({
      system: "cameo",
      code: "042",
      quadClass: 1,
      goldstein: 1.9,
      mentions: 10,
      sources: 3,
      articles: 10,
      tone: 0.398406,
      rows: 3,
      reported: "2020-03-18T10:45:00Z",
    });
    const target = e.participants[1];
    expect(target?.codes).toEqual(["BUS"]);
    expect(target?.note).toContain("BLRBUS (BELARUS)");
    expect(e.participants[0]?.codes).toEqual(["GOV"]);
    // The place: FIPS ZI is Zimbabwe.
    const place = of(withMentions, "places").find((p) => p.id === e.places[0]);
    expect(place).toMatchObject({
      kind: "city",
      name: "Hwange, Zimbabwe (general), Zimbabwe",
      country: "ZW",
      coordinates: { lat: -18.3667, lon: 26.4833 },
    });
    // One citation: the belta.by report, with the first mention's offsets as a note.
    expect(e.citations).toHaveLength(1);
    const source = of(withMentions, "sources").find((s) => s.id === e.citations[0]?.source);
    expect(source).toMatchObject({
      kind: "news-report",
      url: BELTA,
      publisher: "eng.belta.by", // from the row's address; the mention's name came second
      published: "2020-03-18",
      language: "en",
      title: "Training of zimbabwe specialists by belarusian automaker belaz under consideration",
    });
    expect(e.citations[0]?.note).toMatch(/actor 1 near character \d+, actor 2 near character \d+/);
    // Zimbabwe is not curated: a state actor of the import, cited to the first report naming it.
    const zw = of(withMentions, "actors").find((a) => a.id === `${DS}-zw`);
    expect(zw).toMatchObject({ kind: "state", name: "Zimbabwe", country: "ZW" });
    expect(zw?.description).toMatch(/GDELT/);
    expect(of(withMentions, "actors").some((a) => a.id === `${DS}-by`)).toBe(false);
  });

  it("resolves USA and BLR to the curated ids given in opts.states, and makes states otherwise", async () => {
    const usEvents = of(plain, "events").filter((e) =>
      e.participants.some((p) => p.actor === "united-states"),
    );
    expect(usEvents.length).toBeGreaterThan(0);
    expect(plain.report.matched).toBeGreaterThanOrEqual(usEvents.length);
    expect(of(plain, "actors").map((a) => a.id)).not.toContain(`${DS}-us`);
    const bare = await run({ events: [EVENTS] }, { states: undefined });
    expect(bare.report.matched).toBe(0);
    const us = of(bare, "actors").find((a) => a.id === `${DS}-us`);
    expect(us).toMatchObject({ kind: "state", name: "United States", country: "US" });
    expect(of(bare, "actors").find((a) => a.id === `${DS}-by`)).toMatchObject({ country: "BY" });
    // Same events otherwise, only the actor ids differ.
    expect(of(bare, "events").length).toBe(of(plain, "events").length);
  });

  it("turns actors without a country into actors of the import, keyed by code and name", () => {
    const president = of(plain, "actors").find((a) => a.name === "President");
    expect(president).toMatchObject({ kind: "organization" }); // type code GOV
    expect(president?.id).toMatch(/^gdelt-sample-actor-gov-president-[0-9a-f]{8}$/);
    expect(president?.country).toBeUndefined();
    const first = of(plain, "events")[0] as StoryEvent; // row 1: no Actor1, Actor2 GOV "PRESIDENT"
    expect(first.participants).toEqual([
      expect.objectContaining({ actor: president?.id, role: "target", codes: ["GOV"] }),
    ]);
    expect(of(plain, "actors").find((a) => a.name === "Investor")?.kind).toBe("company"); // BUS
  });

  it("attaches mentions as citations with notes, and counts mentions of other events", () => {
    const events = of(withMentions, "events");
    const noted = events.flatMap((e) => e.citations).filter((c) => c.note?.startsWith("Where GDELT found"));
    expect(noted.length).toBeGreaterThan(0);
    const without = of(plain, "events");
    expect(without.flatMap((e) => e.citations).some((c) => c.note !== undefined)).toBe(false);
  });

  it("gives the same items twice (idempotent)", async () => {
    const again = await run({ events: [EVENTS], mentions: [MENTIONS] });
    expect(again.items).toEqual(withMentions.items);
    expect(again.report).toEqual(withMentions.report);
  });

  it("reports progress in bytes, ending at the total", () => {
    const last = withMentions.progress.at(-1);
    const total = statSync(EVENTS).size + statSync(MENTIONS).size;
    expect(last).toEqual({ rows: 200, bytes: total, totalBytes: total });
    for (const p of withMentions.progress) expect(p.bytes).toBeLessThanOrEqual(p.totalBytes);
  });
});

describe("readGdelt on zipped files", () => {
  it("reads a zipped copy (as GDELT publishes them) into the same items as the plain files", async () => {
    const events = await zipOf(EVENTS, "20200318104500.export.CSV");
    const mentions = await zipOf(MENTIONS, "20200318104500.mentions.CSV");
    const zipped = await run({ events: [events], mentions: [mentions] });
    const plain = await run({ events: [EVENTS], mentions: [MENTIONS] });
    expect(zipped.bad).toEqual([]);
    expect(zipped.items).toEqual(plain.items);
    const total = statSync(events).size + statSync(mentions).size;
    expect(zipped.progress.at(-1)).toEqual({ rows: 200, bytes: total, totalBytes: total });
  });

  it("reports a truncated zip once, with the file as given, and goes on with the next file", async () => {
    const full = readFileSync(await zipOf(EVENTS, "events.CSV"));
    const cut = temp("cut.export.CSV.zip", full.subarray(0, Math.floor(full.length / 2)));
    const r = await run({ events: [cut, EVENTS] });
    expect(r.bad).toHaveLength(1);
    expect(r.bad[0]).toMatchObject({ file: cut, line: 1 });
    expect(r.bad[0]?.message).toMatch(/zip archive is damaged or cut short/);
    expect(r.report.bad).toBe(1);
    expect(of(r, "events").length).toBe(88); // the plain file after it was read in full
  });

  it("reports a zip whose compressed data is damaged at the line reached, keeping the rows before", async () => {
    const bytes = readFileSync(await zipOf(EVENTS, "events.CSV"));
    const at = Math.floor(bytes.length * 0.6);
    for (let k = 0; k < 16; k++) bytes[at + k] = (bytes[at + k] ?? 0) ^ 0xff;
    const damaged = temp("damaged.export.CSV.zip", bytes);
    const r = await run({ events: [damaged] });
    expect(r.bad).toHaveLength(1);
    expect(r.report.rowsRead).toBeGreaterThan(10);
    expect(r.report.rowsRead).toBeLessThan(100);
    expect(r.bad[0]).toMatchObject({ file: damaged, line: r.report.rowsRead + 1 });
    expect(r.bad[0]?.message).toMatch(
      /^the zip archive is damaged or cut short \(the rest of it is not read\): "/,
    );
    expect(of(r, "events").length).toBeGreaterThan(0); // the rows before still count
  });

  it("reports a zip member whose bytes do not match its checksum", async () => {
    // Stored (not compressed) so that a damaged byte lands in a known row.
    const zip = new yazl.ZipFile();
    zip.addFile(EVENTS, "events.CSV", { compress: false });
    zip.end();
    const stored = path.join(tmp, `${n++}-stored.zip`);
    await pipeline(zip.outputStream, createWriteStream(stored));
    const bytes = readFileSync(stored);
    const at = bytes.indexOf("913097137"); // the start of line 89
    bytes[at] = "8".charCodeAt(0);
    const damaged = temp("damaged.zip", bytes);
    const r = await run({ events: [damaged] });
    expect(r.report.rowsRead).toBe(100);
    const crc = r.bad.find((b) => /checksum/.test(b.message));
    expect(crc).toMatchObject({ file: damaged, line: 101 });
  });
});

describe("readGdelt on broken copies", () => {
  it("reports a row with 58 columns, a bad date and invalid UTF-8 with file and line, and imports the rest", async () => {
    const rows = lines(EVENTS);
    const broken = [...rows];
    broken[4] = (rows[4] ?? "").split("\t").slice(0, 58).join("\t"); // line 5
    const f = (rows[9] ?? "").split("\t");
    f[1] = "20200231"; // line 10: February 31st
    broken[9] = f.join("\t");
    const bytes = Buffer.from(`${broken.join("\n")}\n`, "utf8");
    const file = temp("broken.export.CSV", bytes);
    // Line 20: a Latin-1 byte in the middle of a name.
    const start = bytes.indexOf(`${rows[19]?.slice(0, 9)}`);
    const tab = bytes.indexOf(0x09, start);
    const latin = Buffer.concat([bytes.subarray(0, tab), Buffer.from([0xe9]), bytes.subarray(tab)]);
    writeFileSync(file, latin);

    const r = await run({ events: [file] });
    expect(r.bad.map((b) => [b.file, b.line, b.column])).toEqual([
      [file, 5, undefined],
      [file, 10, 2],
      [file, 20, 1],
    ]);
    expect(r.bad[0]?.message).toBe(
      "58 columns, expected 61 (GDELT 1.0 rows have 57 or 58; only GDELT 2.0 exports are read)",
    );
    expect(r.bad[0]?.raw).toBe(broken[4]);
    expect(r.bad[1]?.message).toBe('bad SQLDATE "20200231" (not a real date as YYYYMMDD)');
    expect(r.bad[2]?.message).toMatch(/^not UTF-8 text: byte 10 of the line \(0xE9\)/);
    expect(r.bad[2]?.raw).toContain("\uFFFD");
    expect(r.report.bad).toBe(3);
    expect(r.report.rowsRead).toBe(100);
    // The other 97 rows give exactly what a file without those three lines gives.
    const rest = temp("rest.CSV", `${rows.filter((_, i) => ![4, 9, 19].includes(i)).join("\n")}\n`);
    const clean = await run({ events: [rest] });
    expect(r.items).toEqual(clean.items);
  });

  it("names the column of bad codes and numbers, quoting values with JSON escapes", async () => {
    const row = (lines(EVENTS)[0] ?? "").split("\t");
    const variant = (col: number, value: string) => {
      const f = [...row];
      f[col - 1] = value;
      return f.join("\t");
    };
    const file = temp(
      "codes.CSV",
      `${[
        variant(27, "2101"), // root 21 does not exist
        variant(27, "04\u001b[31m"), // a terminal escape in the code
        variant(32, "many"),
        variant(31, "12.5"), // Goldstein beyond 10
        variant(57, "north"),
        variant(13, "gov"), // type codes are upper case
        variant(60, "20150230230000"),
        variant(28, "051"), // base code that does not fit EventCode 043
      ].join("\n")}\n`,
    );
    const r = await run({ events: [file] });
    expect(r.bad.map((b) => [b.line, b.column, b.message])).toEqual([
      [1, 27, 'bad EventCode "2101" (not a CAMEO event code)'],
      [2, 27, 'bad EventCode "04\\u001b[31m" (not a CAMEO event code)'],
      [3, 32, 'NumMentions "many" is not a whole number'],
      [4, 31, "GoldsteinScale 12.5 is out of range (-10 to 10)"],
      [5, 57, 'ActionGeo_Lat "north" is not a number'],
      [6, 13, 'bad actor type code "gov"'],
      [7, 60, 'bad DATEADDED "20150230230000" (not a real time as YYYYMMDDHHMMSS)'],
      [8, 28, 'bad EventBaseCode "051" for EventCode 043'],
    ]);
    for (const b of r.bad) expect(b.message.includes("\u001b")).toBe(false);
    expect(r.items).toEqual([]); // a bad row leaves nothing behind
  });

  it("throws before yielding anything for a missing file or a directory", async () => {
    const missing = path.join(tmp, "nope.CSV");
    const items: ImportItem[] = [];
    const opts: ImportOptions = { dataset: DS, onBad: () => {} };
    await expect(async () => {
      for await (const item of readGdelt({ events: [EVENTS, missing] }, opts, emptyReport()))
        items.push(item);
    }).rejects.toThrow(/^cannot read GDELT file ".*nope\.CSV": ENOENT/);
    expect(items).toEqual([]);
    await expect(run({ events: [EVENTS], mentions: [tmp] })).rejects.toThrow(/not a regular file/);
  });

  it("reports every line of a mentions file given as events", async () => {
    const r = await run({ events: [MENTIONS] });
    expect(r.bad).toHaveLength(100);
    expect(r.bad[0]).toMatchObject({ file: MENTIONS, line: 1 });
    expect(r.bad[0]?.message).toBe("16 columns, expected 61 (is this a Mentions file? pass it as mentions)");
    expect(r.items).toEqual([]);
  });

  it("reads CRLF line ends, a byte-order mark and a last line without a newline alike", async () => {
    const text = lines(EVENTS).join("\r\n");
    const file = temp("crlf.CSV", `\uFEFF${text}`);
    const r = await run({ events: [file] });
    const plain = await run({ events: [EVENTS] });
    expect(r.bad).toEqual([]);
    expect(r.items).toEqual(plain.items);
  });

  it("refuses a dataset name that is not an id prefix", async () => {
    await expect(run({ events: [EVENTS] }, { dataset: "My Import" })).rejects.toThrow(/dataset name/);
  });
});

describe("readGdelt deduplication, sources and mentions", () => {
  const rows = () => lines(EVENTS);
  /** The belta.by row (line 88) with a new GLOBALEVENTID, URL and counts. */
  const copyOf88 = (gid: string, url: string, mentions = "4") => {
    const f = (rows()[87] ?? "").split("\t");
    f[0] = gid;
    f[31] = mentions;
    f[32] = "2";
    f[33] = mentions;
    f[34] = "-2"; // AvgTone
    f[59] = "20200318111500";
    f[60] = url;
    return f.join("\t");
  };

  it("merges duplicated rows: counts summed, every distinct URL cited, earliest DATEADDED kept", async () => {
    const file = temp(
      "dups.CSV",
      `${[
        ...rows(),
        copyOf88("999000001", "https://example.org/world/belarus-zimbabwe-belaz-deal"),
        copyOf88("999000002", "https://example.org/world/belarus-zimbabwe-belaz-deal"),
        copyOf88("999000003", "http://news.example.com/en/zimbabwe-trucks-story", "1"),
        copyOf88("999000004", "BBC Monitoring (no address)", "1"),
      ].join("\n")}\n`,
    );
    const base = await run({ events: [EVENTS] });
    const r = await run({ events: [file] });
    expect(r.bad).toEqual([]);
    expect(r.report.merged).toBe(base.report.merged + 4);
    expect(of(r, "events").length).toBe(of(base, "events").length);
    const e = of(r, "events").find((x) => x.participants.some((p) => p.actor === "belarus")) as StoryEvent;
    expect(e.coding).toMatchObject({ rows: 7, mentions: 10 + 4 + 4 + 1 + 1, sources: 3 + 8, articles: 20 });
    expect(e.coding?.reported).toBe("2020-03-18T10:45:00Z");
    // Tone: the rows' AvgTone weighted by their articles (10 at 0.3984…, 10 at -2).
    expect(e.coding?.tone).toBe(Math.round(((0.398406374501996 * 10 - 2 * 10) / 20) * 1e6) / 1e6);
    const urls = e.citations.map((c) => of(r, "sources").find((s) => s.id === c.source)?.url);
    expect(urls).toEqual([
      BELTA,
      "https://example.org/world/belarus-zimbabwe-belaz-deal",
      "http://news.example.com/en/zimbabwe-trucks-story",
      "https://www.gdeltproject.org/", // the row without a web address cites the dataset
    ]);
    const gdelt = of(r, "sources").find((s) => s.id === `${DS}-gdelt`);
    expect(gdelt).toMatchObject({
      kind: "dataset",
      title: "GDELT 2.0 Event Database",
      publisher: "The GDELT Project",
    });
    expect(r.report.skipped[GDELT_SKIPPED.badSourceUrl]).toBe(1);
    expect(of(r, "sources").find((s) => s.url?.includes("news.example.com"))?.language).toBe("en");
  });

  it("skips a row whose GLOBALEVENTID was read before (the same file twice gives the same items)", async () => {
    const once = await run({ events: [EVENTS] });
    const twice = await run({ events: [EVENTS, EVENTS] });
    expect(twice.items).toEqual(once.items);
    expect(twice.report.skipped[GDELT_SKIPPED.repeatedRow]).toBe(100);
    expect(twice.report.rowsRead).toBe(200);
  });

  it("caps citations and says how many distinct reports there were", async () => {
    const extra = Array.from({ length: 60 }, (_, k) =>
      copyOf88(`99900${1000 + k}`, `https://example.net/story-number-${k}`),
    );
    const file = temp("many.CSV", `${[...rows(), ...extra].join("\n")}\n`);
    const r = await run({ events: [file] });
    const e = of(r, "events").find((x) => x.participants.some((p) => p.actor === "belarus")) as StoryEvent;
    expect(e.citations).toHaveLength(GDELT_MAX_CITATIONS);
    expect(e.summary).toContain(
      `Reported at 61 distinct web addresses; the first ${GDELT_MAX_CITATIONS} are cited.`,
    );
    expect(e.coding?.rows).toBe(63);
  });

  it("adds a mention's own report as a source and citation, and counts unusable mentions", async () => {
    const m = (MENTIONS && lines(MENTIONS).find((l) => l.startsWith("913097136\t"))) ?? "";
    const f = m.split("\t");
    const other = [...f];
    other[4] = "example.com";
    other[5] = "https://example.com/2020/03/18/belaz-zimbabwe";
    other[7] = "-1";
    other[11] = "70";
    const noUrl = [...f];
    noUrl[5] = "Citation only: a printed paper";
    const mentions = temp("mentions.CSV", `${[m, other.join("\t"), noUrl.join("\t")].join("\n")}\n`);
    const r = await run({ events: [EVENTS], mentions: [mentions] });
    expect(r.bad).toEqual([]);
    const e = of(r, "events").find((x) => x.participants.some((p) => p.actor === "belarus")) as StoryEvent;
    expect(e.citations).toHaveLength(2);
    expect(e.citations[1]?.note).toBe(
      `Where GDELT found the event in this report: actor 1 not located, actor 2 near character ${f[8]}, the action near character ${f[9]} (sentence ${f[6]}); GDELT's confidence 70%.`,
    );
    const added = of(r, "sources").find((s) => s.id === e.citations[1]?.source);
    expect(added).toMatchObject({ publisher: "example.com", url: other[5], published: "2020-03-18" });
    expect(r.report.skipped[GDELT_SKIPPED.mentionNoUrl]).toBe(1);
  });
});

describe("synthetic GDELT files", () => {
  it("are deterministic from the seed and read without bad lines, with duplicates merged", async () => {
    const a = [...syntheticGdeltRows({ rows: 300, seed: 5 })];
    const b = [...syntheticGdeltRows({ rows: 300, seed: 5 })];
    const c = [...syntheticGdeltRows({ rows: 300, seed: 6 })];
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);

    const events = path.join(tmp, "syn.export.CSV");
    const mentions = path.join(tmp, "syn.mentions.CSV");
    const counts = await writeSyntheticGdelt(events, {
      rows: 3000,
      seed: 9,
      mentionsPath: mentions,
      rowsPerDay: 1000,
    });
    expect(counts.rows).toBe(3000);
    expect(counts.bytes).toBe(statSync(events).size);
    expect(counts.mentionBytes).toBe(statSync(mentions).size);
    expect(counts.duplicates).toBeGreaterThan(600);
    const r = await run({ events: [events], mentions: [mentions] }, { dataset: "bench" });
    expect(r.bad).toEqual([]);
    expect(r.report.rowsRead).toBe(3000 + counts.mentions);
    expect(r.report.merged).toBeGreaterThanOrEqual(counts.duplicates * 0.9);
    expect(of(r, "events").length + r.report.merged).toBe(3000);
    expect(new Set(of(r, "events").map((e) => e.date)).size).toBe(3);
    expect(r.report.skipped[GDELT_SKIPPED.mentionNotInFiles]).toBeGreaterThan(0);
    expect(of(r, "events").some((e) => e.citations.length > 1)).toBe(true);
    for (const e of of(r, "events")) expect(StoryEventSchema.safeParse(e).success).toBe(true);
  });
});
