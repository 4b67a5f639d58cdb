/**
 * The timeline's event filter as URL parameters (`actor`, `place`, `kind`, `status`, `from`,
 * `to`, `dataset`), read with the page's own parsers into the router's `events.list` filter.
 * The export route reads them here; links to the export are built here too, so a page and its
 * download always mean the same events.
 */
import { dateBounds, EpistemicStatusSchema, EventKindSchema } from "@dealmap/domain";
import { dateParam, enumParam, idParam, type ParamProblem, type SearchParams } from "@/lib/params";

/** The parameters that choose events, in the order links write them. */
export const EVENT_FILTER_PARAMS = ["actor", "place", "kind", "status", "from", "to", "dataset"] as const;

/**
 * Parameters of the timeline's view that say nothing about which events: a link may carry them
 * (a page hands its whole query string over) and the export leaves them alone.
 */
export const VIEW_PARAMS = ["lanes", "event", "after", "embed", "format"] as const;

/** The filter `events.list` takes (without cursor and limit). */
export interface EventFilter {
  actors?: string[];
  places?: string[];
  kinds?: (typeof EventKindSchema.options)[number][];
  statuses?: (typeof EpistemicStatusSchema.options)[number][];
  from?: string;
  to?: string;
  datasets?: string[];
}

/**
 * Reads the filter parameters. `datasets` are the names the `dataset` parameter may take (the
 * data's own). Bad values are left out and reported in `problems`, each naming its parameter;
 * a `to` before `from` is one of them.
 */
export function eventFilterFromParams(
  sp: SearchParams,
  datasets: readonly string[],
  problems: ParamProblem[],
): EventFilter {
  const actors = idParam(sp, "actor", problems);
  const places = idParam(sp, "place", problems);
  const kinds = enumParam(sp, "kind", EventKindSchema.options, problems);
  const statuses = enumParam(sp, "status", EpistemicStatusSchema.options, problems);
  const from = dateParam(sp, "from", problems);
  let to = dateParam(sp, "to", problems);
  const chosen = enumParam(sp, "dataset", datasets, problems);
  if (from && to && dateBounds(to).max < dateBounds(from).min) {
    problems.push({ param: "to", value: to, message: `"${to}" is before "from" (${from})` });
    to = undefined;
  }
  return {
    ...(actors.length ? { actors } : {}),
    ...(places.length ? { places } : {}),
    ...(kinds.length ? { kinds } : {}),
    ...(statuses.length ? { statuses } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(chosen.length ? { datasets: chosen } : {}),
  };
}

/** Parameters the export does not know: neither filter nor view parameters. */
export function unknownParams(keys: Iterable<string>): string[] {
  const known = new Set<string>([...EVENT_FILTER_PARAMS, ...VIEW_PARAMS]);
  return [...new Set(keys)].filter((k) => !known.has(k));
}

/** A page's parameters in any of the shapes pages hold them. */
export type FilterParamsInput =
  | URLSearchParams
  | Iterable<readonly [string, string | undefined]>
  | Record<string, string | readonly string[] | undefined>;

/** The filter parameters among `input` (others dropped, empty values skipped), in a stable order. */
export function filterEntries(input: FilterParamsInput): [string, string][] {
  const pairs: [string, string][] = [];
  const add = (k: string, v: string | undefined) => {
    if (v !== undefined && v.trim() !== "") pairs.push([k, v.trim()]);
  };
  if (input instanceof URLSearchParams || Symbol.iterator in input) {
    for (const [k, v] of input as Iterable<readonly [string, string | undefined]>) add(k, v);
  } else {
    for (const [k, v] of Object.entries(input)) {
      if (typeof v === "string" || v === undefined) add(k, v);
      else for (const x of v) add(k, x);
    }
  }
  const order = EVENT_FILTER_PARAMS as readonly string[];
  return pairs
    .filter(([k]) => order.includes(k))
    .map((p, i) => ({ p, i }))
    .sort((a, b) => order.indexOf(a.p[0]) - order.indexOf(b.p[0]) || a.i - b.i)
    .map(({ p }) => p);
}

export type ExportFormat = "csv" | "json";

/** The address of the export of these events: `/export/events?format=csv&kind=release`. */
export function exportHref(format: ExportFormat, input: FilterParamsInput): string {
  const p = new URLSearchParams([["format", format], ...filterEntries(input)]);
  return `/export/events?${p.toString()}`;
}

/**
 * A file name for the export of a filter: `dealmap-events-kind-release.csv`; characters a file
 * name should not hold become "-", and a long filter is cut (the file says nothing the address
 * did not).
 */
export function exportFilename(format: ExportFormat, filter: EventFilter): string {
  const parts: string[] = ["dealmap-events"];
  const add = (name: string, values: readonly string[] | string | undefined) => {
    if (values === undefined || values.length === 0) return;
    parts.push(name, ...(typeof values === "string" ? [values] : values));
  };
  add("actor", filter.actors);
  add("place", filter.places);
  add("kind", filter.kinds);
  add("status", filter.statuses);
  add("from", filter.from);
  add("to", filter.to);
  add("dataset", filter.datasets);
  const stem = parts
    .join("-")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 120)
    .replace(/-+$/, "");
  return `${stem}.${format === "csv" ? "csv" : "jsonl"}`;
}
