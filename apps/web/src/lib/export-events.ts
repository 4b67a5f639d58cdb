/**
 * The events of a filter as a file: `GET /export/events?format=csv|json&<filter>` (the route in
 * src/app/export/events/route.ts hands the router to `exportEvents`). The file is streamed page
 * by page through `events.list`'s cursor, so a filter matching millions of events in a database
 * store is never held in memory; the next page is read only when the client has taken the last.
 *
 * - `format=csv`: the spreadsheet template of `@dealmap/dataset` (`eventsToCsv`, the columns
 *   `dealmap export --format csv` writes and `dealmap import csv` reads back), one header.
 * - `format=json`: JSON lines — one event per line, as the router gives it (the fields of the
 *   data files), the format of a data directory's `.jsonl` files. Nothing else is on a line, so
 *   each line parses alone and a file cut short loses whole events only.
 *
 * Bad parameters answer 400 with one line per problem, each naming its parameter.
 */
import type { RouterInputs, RouterOutputs } from "@dealmap/api";
import { eventsToCsv } from "@dealmap/dataset";
import type { Source, StoryEvent } from "@dealmap/domain";
import { filterableDatasets } from "@/lib/datasets";
import {
  EVENT_FILTER_PARAMS,
  type EventFilter,
  type ExportFormat,
  eventFilterFromParams,
  exportFilename,
  unknownParams,
} from "@/lib/event-filter";
import { one, type ParamProblem, type SearchParams } from "@/lib/params";
import type { Loaded, Refusal } from "@/trpc/server";

type EventsPage = RouterOutputs["events"]["list"];
type EventsInput = RouterInputs["events"]["list"];

/** What the export reads, as the pages read it (`call` in src/trpc/server.tsx). */
export interface ExportReader {
  datasets(): Promise<Loaded<{ name: string; origin: "load" | "import"; format: string | null }[]>>;
  events(input: EventsInput): Promise<Loaded<EventsPage>>;
  /** Any entity by id (for the sources an import made from a web address). */
  entity(id: string): Promise<Loaded<{ kind: string; entity: unknown }>>;
}

/** Events per page read from the router (its most). */
export const EXPORT_PAGE = 200;

const FORMATS: readonly ExportFormat[] = ["csv", "json"];

const CONTENT_TYPE: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  json: "application/x-ndjson; charset=utf-8",
};

/** The id of a source `dealmap import csv` made for a web address (see csvSourceForUrl). */
const URL_SOURCE_ID = /-src-[0-9a-f]{12}$/;

/** The CSV file's beginning (byte-order mark and header), which later pages leave off. */
const CSV_HEAD = eventsToCsv([]);

function text(status: number, body: string): Response {
  return new Response(`${body}\n`, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/** A refused read as an answer: 400 for bad input (naming the parameter), else 500. */
function refused(r: Refusal): Response {
  if (r.code === "DATA_LOAD") return text(500, `The data could not be loaded:\n${r.message}`);
  if (r.code === "BAD_REQUEST")
    return text(400, `Cannot export these events: ${r.parameter ? `${r.parameter}: ` : ""}${r.message}`);
  return text(500, `Cannot export these events: ${r.message}`);
}

function paramsOf(url: URL): SearchParams {
  const sp: Record<string, string[]> = {};
  for (const [k, v] of url.searchParams) sp[k] = [...(sp[k] ?? []), v];
  return sp;
}

/** Answers `GET /export/events?…` (see the module comment). */
export async function exportEvents(url: URL, reader: ExportReader): Promise<Response> {
  const sp = paramsOf(url);
  const problems: ParamProblem[] = [];
  const format = one(sp, "format");
  if (format === undefined)
    problems.push({ param: "format", value: "", message: "format is required: csv or json" });
  else if (!(FORMATS as readonly string[]).includes(format))
    problems.push({
      param: "format",
      value: format.slice(0, 20),
      message: `"${format.slice(0, 20)}" is not one of: csv, json`,
    });
  for (const key of unknownParams(url.searchParams.keys()))
    problems.push({
      param: key.slice(0, 40),
      value: "",
      message: `not a parameter of the export (the filter takes ${EVENT_FILTER_PARAMS.join(", ")})`,
    });
  const known = await reader.datasets();
  if (!known.ok) return refused(known);
  const names = filterableDatasets(known.data).map((d) => d.name);
  const filter = eventFilterFromParams(sp, names, problems);
  if (problems.length > 0)
    return text(
      400,
      ["Cannot export these events:", ...problems.map((p) => `${p.param}: ${p.message}`)].join("\n"),
    );
  const fmt = format as ExportFormat;

  // the first page is read before answering, so a refusal is still a status, not a cut file
  const first = await reader.events({ ...filter, limit: EXPORT_PAGE });
  if (!first.ok) return refused(first);

  const body = eventStream(fmt, filter, first.data, reader);
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": CONTENT_TYPE[fmt],
      "Content-Disposition": `attachment; filename="${exportFilename(fmt, filter)}"`,
      "Cache-Control": "no-store",
      "X-Total-Count": String(first.data.total),
    },
  });
}

/**
 * The file as a stream: the page in hand, then one page read per `pull` — the stream asks again
 * only once the client has taken what was given, so a slow download reads slowly.
 */
function eventStream(
  format: ExportFormat,
  filter: EventFilter,
  first: EventsPage,
  reader: ExportReader,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const sources = new SourceCache(reader);
  let page: EventsPage | null = first;
  let cursor = first.nextCursor;
  let started = false;
  let done = false;

  const render = async (items: EventsPage["items"]): Promise<string> => {
    const events = items as unknown as StoryEvent[];
    if (format === "json") return events.map((e) => `${JSON.stringify(e)}\n`).join("");
    const csv = eventsToCsv(events, { sources: await sources.citedBy(events) });
    return started ? csv.slice(CSV_HEAD.length) : csv;
  };

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!page) {
          if (!cursor) {
            controller.close();
            return;
          }
          // in-process reads do not wait for I/O: let other requests in between pages
          await new Promise((resolve) => setImmediate(resolve));
          if (done) return;
          const next = await reader.events({ ...filter, limit: EXPORT_PAGE, cursor });
          if (!next.ok) throw new Error(`${next.code}: ${next.message}`);
          page = next.data;
          cursor = next.data.nextCursor;
        }
        const chunk = await render(page.items);
        page = null;
        started = true;
        if (chunk) controller.enqueue(encoder.encode(chunk));
        if (!cursor) {
          done = true;
          controller.close();
        }
      } catch (err) {
        // the status is sent: break the download off, so it cannot pass for a whole file
        console.error("export/events: the export stopped part way:", err);
        done = true;
        controller.error(err);
      }
    },
    cancel() {
      done = true;
    },
  });
}

/**
 * The sources a page's events cite that an import made for a web address (`…-src-<hash>`):
 * given to the CSV writer, a citation of one is written back as its address in `source_url`,
 * as `dealmap export` does. Looked up once each (up to a few thousand remembered).
 */
class SourceCache {
  private readonly known = new Map<string, Source | null>();
  constructor(private readonly reader: ExportReader) {}

  async citedBy(events: readonly StoryEvent[]): Promise<Source[]> {
    const ids = new Set<string>();
    for (const e of events) for (const c of e.citations) if (URL_SOURCE_ID.test(c.source)) ids.add(c.source);
    if (this.known.size > 5000) this.known.clear();
    const missing = [...ids].filter((id) => !this.known.has(id));
    await Promise.all(
      missing.map(async (id) => {
        const r = await this.reader.entity(id);
        this.known.set(id, r.ok && r.data.kind === "source" ? (r.data.entity as Source) : null);
      }),
    );
    const out: Source[] = [];
    for (const id of ids) {
      const s = this.known.get(id);
      if (s) out.push(s);
    }
    return out;
  }
}
