import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  createCaller,
  createContextInner,
  describeError,
  loadDefaultData,
  type RouterInputs,
} from "@dealmap/api";
import { syntheticDataset } from "@dealmap/api/synthetic";
import { CSV_COLUMNS, csvSourceForUrl, emptyReport, type ImportItem, readCsv } from "@dealmap/dataset";
import { TRPCError } from "@trpc/server";
import { afterAll, describe, expect, it } from "vitest";
import type { Loaded } from "@/trpc/server";
import { EXPORT_PAGE, type ExportReader, exportEvents } from "./export-events";

const work = mkdtempSync(path.join(tmpdir(), "dealmap-export-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** What `call` in src/trpc/server.tsx does, without the server-only module: refusals as values. */
async function settle<T>(run: () => Promise<T>): Promise<Loaded<T>> {
  try {
    return { ok: true, data: await run() };
  } catch (err) {
    if (!(err instanceof TRPCError)) throw err;
    const parameter = describeError(err).parameter;
    return { ok: false, code: err.code, message: err.message, ...(parameter ? { parameter } : {}) };
  }
}

type Api = ReturnType<typeof createCaller>;

/** A reader over a caller that also counts the pages asked for. */
function readerOver(api: Api) {
  const calls: RouterInputs["events"]["list"][] = [];
  const reader: ExportReader = {
    datasets: () => settle(() => api.stats.datasets()),
    events: (input) => {
      calls.push(input);
      return settle(() => api.events.list(input));
    },
    entity: (id) => settle(() => api.entity.get({ id })),
  };
  return { reader, calls };
}

const builtin = readerOver(createCaller(await createContextInner()));
const synthetic = readerOver(
  createCaller(await createContextInner({ dataset: syntheticDataset({ events: 450, seed: 7 }) })),
);

const get = (query: string, reader = builtin.reader) =>
  exportEvents(new URL(`http://localhost/export/events?${query}`), reader);

/** Re-reads an exported CSV text with the importer `dealmap import csv` uses. */
async function reimport(csv: string) {
  const file = path.join(work, `events-${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(file, csv);
  const bad: unknown[] = [];
  const items: ImportItem[] = [];
  for await (const item of readCsv(
    { events: file },
    { dataset: "reread", onBad: (b) => bad.push(b) },
    emptyReport(),
  ))
    items.push(item);
  return { bad, events: items.filter((i) => i.kind === "events").map((i) => i.entity) };
}

describe("GET /export/events: bad parameters", () => {
  it("answers 400 naming each parameter at fault", async () => {
    const cases: [string, RegExp][] = [
      ["", /^format: format is required/m],
      ["format=xml", /^format: "xml" is not one of: csv, json/m],
      ["format=csv&kind=banana", /^kind: "banana" is not one of/m],
      ["format=csv&from=2025-13-40", /^from: "2025-13-40" is not a date/m],
      ["format=json&actor=NOT%20AN%20ID", /^actor: "NOT AN ID" is not an id/m],
      ["format=csv&status=rumour", /^status: "rumour" is not one of/m],
      ["format=csv&dataset=nope", /^dataset: "nope" is not one of: built-in/m],
      ["format=csv&from=2025-12&to=2025-01", /^to: "2025-01" is before "from"/m],
      ["format=csv&kinds=release", /^kinds: not a parameter of the export/m],
    ];
    for (const [query, message] of cases) {
      const res = await get(query);
      expect(res.status, query).toBe(400);
      expect(res.headers.get("content-type"), query).toMatch(/^text\/plain/);
      const body = await res.text();
      expect(body, query).toMatch(/^Cannot export these events:/);
      expect(body, query).toMatch(message);
    }
  });

  it("lists every problem of one address", async () => {
    const body = await (await get("format=pdf&kind=banana&to=yesterday")).text();
    expect(body.split("\n").filter((l) => /^\w+: /.test(l))).toHaveLength(3);
  });

  it("ignores the timeline's view parameters", async () => {
    const res = await get("format=json&kind=release&lanes=actor&event=x&after=y&embed=1");
    expect(res.status).toBe(200);
  });
});

describe("GET /export/events: the file", () => {
  it("CSV: the spreadsheet template's columns, the filter's events, read back by the importer", async () => {
    const res = await get("format=csv&kind=release");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="dealmap-events-kind-release.csv"',
    );
    const expected = await createCaller(await createContextInner()).events.list({
      kinds: ["release"],
      limit: 200,
    });
    expect(res.headers.get("x-total-count")).toBe(String(expected.total));
    const csv = await res.text();
    const header = csv.replace(/^\uFEFF/, "").split("\r\n")[0];
    expect(header).toBe(CSV_COLUMNS.events.map((c) => c.name).join(","));
    const back = await reimport(csv);
    expect(back.bad).toEqual([]);
    expect(back.events.map((e) => e.id)).toEqual(expected.items.map((e) => e.id));
    expect(back.events.every((e) => e.kind === "release")).toBe(true);
  });

  it("JSON lines: one event per line, each parsing alone", async () => {
    const res = await get("format=json&actor=alexander-lukashenko&from=2025-06&to=2025-12");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="dealmap-events-actor-alexander-lukashenko-from-2025-06-to-2025-12.jsonl"',
    );
    const text = await res.text();
    expect(text.endsWith("\n")).toBe(true);
    const events = text
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as { id: string; participants: { actor: string }[]; claimedBy?: string });
    expect(events.length).toBe(Number(res.headers.get("x-total-count")));
    expect(events.length).toBeGreaterThan(0);
    for (const e of events)
      expect([...e.participants.map((p) => p.actor), e.claimedBy]).toContain("alexander-lukashenko");
  });

  it("no match: a header alone, or an empty file", async () => {
    // text() would drop the byte-order mark: read the bytes
    const bytes = await (await get("format=csv&kind=release&from=1900&to=1901")).arrayBuffer();
    const csv = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(csv).toBe(`\uFEFF${CSV_COLUMNS.events.map((c) => c.name).join(",")}\r\n`);
    const json = await get("format=json&kind=release&from=1900&to=1901");
    expect(json.status).toBe(200);
    expect(await json.text()).toBe("");
  });

  it("streams page by page, reading the next page only when the last is taken, one header in all", async () => {
    synthetic.calls.length = 0;
    const res = await get("format=csv", synthetic.reader);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-total-count")).toBe("450");
    // the answer is out after one page; the rest waits for the client
    expect(synthetic.calls).toHaveLength(1);
    const reader = res.body?.getReader();
    if (!reader) throw new Error("no body");
    const chunks: Uint8Array[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
    }
    expect(synthetic.calls.map((c) => c.limit)).toEqual([EXPORT_PAGE, EXPORT_PAGE, EXPORT_PAGE]);
    expect(synthetic.calls.map((c) => c.cursor === undefined)).toEqual([true, false, false]);
    const csv = Buffer.concat(chunks).toString("utf8");
    const header = CSV_COLUMNS.events.map((c) => c.name).join(",");
    expect(csv.split(header)).toHaveLength(2);
    expect(csv.indexOf("\uFEFF")).toBe(0);
    expect(csv.lastIndexOf("\uFEFF")).toBe(0);
    const back = await reimport(csv);
    expect(back.bad).toEqual([]);
    expect(back.events).toHaveLength(450);
    expect(new Set(back.events.map((e) => e.id)).size).toBe(450);
  });

  it("a client that stops reading stops the reading of pages", async () => {
    synthetic.calls.length = 0;
    const res = await get("format=json", synthetic.reader);
    const reader = res.body?.getReader();
    await reader?.read();
    await reader?.cancel();
    expect(synthetic.calls.length).toBeLessThanOrEqual(2);
  });

  it("a citation of a source an import made for a web address is written back as that address", async () => {
    const { dataset } = loadDefaultData();
    const source = csvSourceForUrl("my-sheet", "https://example.org/notes/harbour-talks");
    const base = dataset.events.find((e) => e.kind === "release");
    if (!base) throw new Error("no release in the built-in data");
    const event = { ...base, id: "my-sheet-harbour-talks", citations: [{ source: source.id }] };
    const api = createCaller(
      await createContextInner({
        dataset: { ...dataset, sources: [...dataset.sources, source], events: [...dataset.events, event] },
      }),
    );
    const res = await get("format=csv&kind=release", readerOver(api).reader);
    const csv = await res.text();
    const row = csv.split("\r\n").find((l) => l.startsWith("my-sheet-harbour-talks,"));
    expect(row).toContain(",https://example.org/notes/harbour-talks,");
    expect(row).not.toContain(source.id);
    const back = await reimport(csv);
    expect(back.bad).toEqual([]);
  });

  it("a data problem is a 500 with the loader's message", async () => {
    const failing: ExportReader = {
      ...builtin.reader,
      datasets: async () => ({ ok: false, code: "DATA_LOAD", message: "my-data/actors/x.yaml:3:5  bad" }),
    };
    const res = await get("format=csv", failing);
    expect(res.status).toBe(500);
    expect(await res.text()).toMatch(/could not be loaded:\nmy-data\/actors\/x.yaml:3:5/);
  });
});
