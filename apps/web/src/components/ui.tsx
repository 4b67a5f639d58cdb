/**
 * Small presentational pieces shared by the pages. They render data as text (React escapes
 * it); nothing here ever sets HTML.
 */
import { dateBounds, type EpistemicStatus, formatDate, isFuzzy } from "@dealmap/domain";
import type { ReactNode } from "react";
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

function isoDay(ms: number): string | null {
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : null;
}

/**
 * A date as people say it ("early Nov 2025"); fuzzy dates are marked "≈" and carry their
 * bounds, so a span is never passed off as an exact day.
 */
export function DateText({ date }: { date: string }) {
  let label = date;
  let title = date;
  let fuzzy = false;
  try {
    label = formatDate(date);
    fuzzy = isFuzzy(date);
    const b = dateBounds(date);
    const from = isoDay(b.min);
    const to = isoDay(b.max);
    title = fuzzy ? `${date}: any time ${from ? `from ${from}` : ""} ${to ? `to ${to}` : ""}`.trim() : date;
  } catch {
    // an unparsable date is shown as written
  }
  return (
    <time dateTime={date} title={title} className={fuzzy ? "fuzzy-date" : undefined}>
      {fuzzy ? (
        <>
          <span aria-hidden="true">≈ </span>
          <span className="visually-hidden">approximately </span>
        </>
      ) : null}
      {label}
    </time>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

/** A designed error state: what went wrong, in words, and where to go next. */
export function Problem({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="notice error" role="alert">
      <strong>{title}</strong>
      {children ? <div>{children}</div> : null}
    </div>
  );
}

export function Tag({ children }: { children: ReactNode }) {
  return <span className="tag">{children}</span>;
}
