/**
 * Cursor pages of the list pages, kept in the URL: `after` is the last item of the previous page
 * (the router's `nextCursor`), `page` its number, so that a page can say where it is ("101–200
 * of 200,000 actors") without counting the items before it. Only the position comes from the
 * URL; the total is always the router's own count.
 */
import { one, type ParamProblem, pageParam, type SearchParams } from "@/lib/params";

export interface PagePosition {
  /** The cursor the page starts after; undefined on the first page. */
  after: string | undefined;
  /** The page's number: 1 on the first page, null when a cursor came without one. */
  page: number | null;
}

const CURSOR_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\|[a-z0-9]+(?:-[a-z0-9]+)*)?$/;

/**
 * The page a URL asks for: a cursor (an id, or two ids joined by `|` for a pair of parties)
 * under `key`, and its number under `pageKey`. A malformed cursor is reported and the first page
 * is shown; a number without a cursor means nothing and is dropped.
 */
export function pageFromUrl(
  sp: SearchParams,
  problems: ParamProblem[],
  key = "after",
  pageKey = "page",
): PagePosition {
  const after = one(sp, key);
  if (after === undefined) return { after: undefined, page: 1 };
  if (after.length > 170 || !CURSOR_RE.test(after)) {
    problems.push({
      param: key,
      value: after.slice(0, 40),
      message: `"${after.slice(0, 40)}" is not a list position`,
    });
    return { after: undefined, page: 1 };
  }
  const given = one(sp, pageKey) !== undefined;
  const page = pageParam(sp, pageKey, problems);
  return { after, page: given && page > 1 ? page : null };
}

/**
 * Where a page sits in its list, in words: "1–100 of 200,000 actors", "37 sources" when one
 * page holds them all, "100 more of 200,000 actors" when its position is unknown. `total` may
 * be a lower bound (`atLeast`), for lists cut by the router (search answers 100 at most).
 */
export function rangeText(opts: {
  /** 1-based position of the first item shown, or null when unknown. */
  start: number | null;
  count: number;
  total: number;
  /** The total is a floor: more may exist beyond it. */
  atLeast?: boolean;
  noun: string;
}): string {
  const { start, count, total, atLeast = false, noun } = opts;
  const n = (x: number) => x.toLocaleString("en");
  const of = atLeast ? `the best ${n(total)} ${noun}` : `${n(total)} ${noun}`;
  if (count === 0) return atLeast ? `None of ${of}` : `No ${noun}`;
  if (start === 1 && count === total) return atLeast ? `The best ${n(total)} ${noun}` : of;
  if (start === null) return `${n(count)} more of ${of}`;
  return `${n(start)}–${n(start + count - 1)} of ${of}`;
}

/** The position of the page after this one: its cursor and number (when this one's is known). */
export function nextPage(pos: PagePosition, nextCursor: string | null): PagePosition | null {
  return nextCursor ? { after: nextCursor, page: pos.page === null ? null : pos.page + 1 } : null;
}

/** The start (1-based) of a page of `size` items at this position, or null when unknown. */
export function startOf(pos: PagePosition, size: number): number | null {
  return pos.page === null ? null : (pos.page - 1) * size + 1;
}

/** Assessments per page of the analysis list (an assessment's permanent URL finds its page by it). */
export const ASSESSMENTS_PAGE = 50;
