import type { PagePosition } from "@/lib/paging";
import { qs } from "@/lib/params";

/**
 * The links between pages of a list: plain links whose addresses hold the filters and the
 * position, so they work without JavaScript, from the keyboard, in the history and when shared.
 * A named `nav` landmark, so a screen reader lists it ("Pages of actors") and can jump to it.
 */
export function Pager({
  label,
  path,
  params,
  at,
  next,
  hash,
  keys = ["after", "page"],
}: {
  /** The landmark's name, e.g. "Pages of actors". */
  label: string;
  /** The page's path, e.g. "/actors". */
  path: string;
  /** The URL's other parameters (filters), kept on every link. */
  params: [string, string | undefined][];
  /** This page's position. */
  at: PagePosition;
  /** The next page's position, or null on the last page. */
  next: PagePosition | null;
  /** Where the links land on their page (the list's heading), e.g. "list-h". */
  hash?: string;
  /** The parameters holding the cursor and the page number. */
  keys?: [string, string];
}) {
  if (at.after === undefined && next === null) return null;
  const anchor = hash ? `#${hash}` : "";
  const [afterKey, pageKey] = keys;
  return (
    <nav aria-label={label} className="row pager">
      {at.after !== undefined ? <a href={`${path}${qs(params)}${anchor}`}>← First page</a> : null}
      {next ? (
        <a
          rel="next"
          href={`${path}${qs([
            ...params,
            [afterKey, next.after],
            [pageKey, next.page === null ? undefined : String(next.page)],
          ])}${anchor}`}
        >
          Next →
        </a>
      ) : null}
    </nav>
  );
}
