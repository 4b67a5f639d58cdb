import type { Metadata } from "next";
import { DateText } from "@/components/date-text";
import { LoadProblem } from "@/components/load-problem";
import { Pager } from "@/components/pager";
import { ParamProblems } from "@/components/param-problems";
import { Empty } from "@/components/ui";
import { humanize } from "@/lib/labels";
import { hrefFor } from "@/lib/links";
import { nextPage, pageFromUrl, rangeText, startOf } from "@/lib/paging";
import type { ParamProblem, SearchParams } from "@/lib/params";
import { call } from "@/trpc/server";

export const metadata: Metadata = { title: "Sources" };

const TEXT_LABEL: Record<string, string> = {
  loaded: "text supplied and verified",
  absent: "text not supplied",
  "hash-mismatch": "supplied text does not match — not trusted",
  "no-hash": "",
};

/** Sources per page. */
const PAGE = 100;

/** The sources, the most cited first, a page at a time, with how many claims cite each. */
export default async function SourcesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const problems: ParamProblem[] = [];
  let at = pageFromUrl(sp, problems);
  let r = await call((api) =>
    api.sources.list({ order: "claims", limit: PAGE, ...(at.after ? { cursor: at.after } : {}) }),
  );
  if (!r.ok && r.parameter === "cursor" && at.after !== undefined) {
    problems.push({ param: "after", value: at.after.slice(0, 40), message: "is not a source of this list" });
    at = { after: undefined, page: 1 };
    r = await call((api) => api.sources.list({ order: "claims", limit: PAGE }));
  }
  if (!r.ok)
    return (
      <LoadProblem code={r.code} message={r.message} what="the sources" resetHref="/sources" heading={1} />
    );
  const items = r.data.items;
  const total = r.data.total;
  return (
    <>
      <h1>Sources</h1>
      <p className="lede">
        Where every claim comes from. Open a source to see the claims that cite it, paragraph by paragraph.
      </p>
      <ParamProblems problems={problems} resetHref="/sources" />
      {items.length === 0 ? (
        <Empty>No sources in the data.</Empty>
      ) : (
        <>
          <p className="muted" id="list-h" data-testid="list-range">
            {rangeText({
              start: startOf(at, PAGE),
              count: items.length,
              total,
              noun: total === 1 ? "source" : "sources",
            })}
            , the most cited first.
          </p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Source</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Published</th>
                  <th scope="col">Claims</th>
                </tr>
              </thead>
              <tbody>
                {items.map((s) => (
                  <tr key={s.source.id}>
                    <td>
                      <a href={hrefFor("source", s.source.id)}>{s.source.title}</a>
                      <div className="small muted">
                        {s.source.publisher}
                        {TEXT_LABEL[s.text] ? ` · ${TEXT_LABEL[s.text]}` : ""}
                      </div>
                    </td>
                    <td>{humanize(s.source.kind)}</td>
                    <td>{s.source.published ? <DateText date={s.source.published} /> : "—"}</td>
                    <td>{s.claims}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            label="Pages of sources"
            path="/sources"
            params={[]}
            at={at}
            next={nextPage(at, r.data.nextCursor)}
            hash="list-h"
          />
        </>
      )}
    </>
  );
}
