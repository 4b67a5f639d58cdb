/**
 * Small presentational pieces shared by the pages. They render data as text (React escapes
 * it); nothing here ever sets HTML.
 */
import type { EpistemicStatus } from "@dealmap/domain";
import type { ReactNode } from "react";
import { type DatasetLabelInfo, datasetNote } from "@/lib/datasets";
import { EPISTEMIC_HINT, EPISTEMIC_LABEL, ROUTE_STATUS_COLOUR, ROUTE_STATUS_LABEL } from "@/lib/labels";

/** The epistemic status in words, styled so that non-facts never look like facts. */
export function StatusBadge({ status, claimedBy }: { status: EpistemicStatus; claimedBy?: string | null }) {
  const label =
    status === "claimed" && claimedBy ? `Claimed by ${claimedBy}` : (EPISTEMIC_LABEL[status] ?? status);
  return (
    <span className={`status status-${status}`} title={EPISTEMIC_HINT[status]} data-status={status}>
      {label}
    </span>
  );
}

export function RouteStatusBadge({ status }: { status: keyof typeof ROUTE_STATUS_LABEL }) {
  return (
    <span className="status" style={{ color: ROUTE_STATUS_COLOUR[status] }} data-route-status={status}>
      {ROUTE_STATUS_LABEL[status]}
    </span>
  );
}

/** A date already put into words (see lib/date-info.ts). */
export interface DateInfo {
  label: string;
  fuzzy: boolean;
  title: string;
}

/**
 * A date as people say it ("early Nov 2025"); fuzzy dates are marked "≈" and carry their
 * bounds, so a span is never passed off as an exact day.
 */
export function DateView({ date, info }: { date: string; info: DateInfo }) {
  return (
    <time dateTime={date} title={info.title} className={info.fuzzy ? "fuzzy-date" : undefined}>
      {info.fuzzy ? (
        <>
          <span aria-hidden="true">≈ </span>
          <span className="visually-hidden">approximately </span>
        </>
      ) : null}
      {info.label}
    </time>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

/** A designed error state: what went wrong, in words, and where to go next. */
export function Problem({
  title,
  children,
  heading,
}: {
  title: string;
  children?: ReactNode;
  /** Make the title the page's h1 or a section's h2 (when the problem is all a page shows). */
  heading?: 1 | 2;
}) {
  const Title = heading === 1 ? "h1" : heading === 2 ? "h2" : "strong";
  return (
    <div className="notice error" role="alert">
      <Title>{title}</Title>
      {children ? <div>{children}</div> : null}
    </div>
  );
}

export function Tag({ children }: { children: ReactNode }) {
  return <span className="tag">{children}</span>;
}

/**
 * The import an item of a list came from, as a tag that says so in words ("Import: gdelt-2025"):
 * curated items carry none, so the tag is what sets imported data apart.
 */
export function DatasetTag({ name }: { name: string }) {
  return (
    <span className="tag dataset-tag" data-dataset={name} title={`Imported data: the dataset “${name}”`}>
      Import: {name}
    </span>
  );
}

/**
 * An event summary's tag in a list, after a space: its import's name when it came from an import
 * (`datasets` says which datasets are imports), nothing for curated data.
 */
export function ImportTag({
  dataset,
  datasets,
}: {
  dataset: string;
  datasets: Record<string, DatasetLabelInfo>;
}) {
  if (datasets[dataset]?.origin !== "import") return null;
  return (
    <>
      {" "}
      <DatasetTag name={dataset} />
    </>
  );
}

/**
 * Where an event or actor came from, beside its title: "From import gdelt-2025 (gdelt)", or the
 * data directory's name; nothing for the built-in data.
 */
export function DatasetNote({ name, info }: { name: string; info: DatasetLabelInfo | undefined }) {
  const note = datasetNote(name, info);
  if (!note) return null;
  return (
    <p className="dataset-note small" data-testid="dataset-note" data-dataset={name}>
      {note}
    </p>
  );
}
