/**
 * "Download CSV / JSON" of the events of a filter: two links to `/export/events` (see
 * src/lib/export-events.ts). No hooks and no client code, so a server page and a client
 * component (the timeline, whose window changes in the browser) can both render it.
 */
import { type ExportFormat, exportHref, type FilterParamsInput } from "@/lib/event-filter";

export interface ExportLinksProps {
  /**
   * The page's filter parameters, in any shape a page holds them: URLSearchParams, entries
   * (`[["kind", "release"], ["from", undefined]]`) or a search-params record. Only the export's
   * filter parameters (actor, place, kind, status, from, to, dataset) are kept; view
   * parameters (lanes, event, after…) and empty values are dropped.
   */
  filterParams: FilterParamsInput;
  /** How many events the filter matches, when the page knows: said in the links' label. */
  count?: number;
  /** What the events are, for the label: "Events of Alexander Lukashenko". */
  label?: string;
  className?: string;
}

const FORMATS: { format: ExportFormat; text: string; title: string }[] = [
  { format: "csv", text: "CSV", title: "spreadsheet columns, re-readable by dealmap import csv" },
  { format: "json", text: "JSON", title: "JSON lines: one event per line" },
];

export function ExportLinks({ filterParams, count, label = "These events", className }: ExportLinksProps) {
  const n = count === undefined ? "" : ` (${count.toLocaleString("en")})`;
  return (
    <p className={`export-links small${className ? ` ${className}` : ""}`} data-testid="export-links">
      <span className="muted">
        {label}
        {n}:
      </span>{" "}
      {FORMATS.map((f, i) => (
        <span key={f.format}>
          {i > 0 ? " · " : ""}
          {/* target: an embedded page sends links to a new tab (<base target="_blank">); a file need not */}
          <a
            href={exportHref(f.format, filterParams)}
            download
            target="_self"
            title={f.title}
            data-export={f.format}
          >
            Download {f.text}
          </a>
        </span>
      ))}
    </p>
  );
}
