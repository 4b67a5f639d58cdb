import type { Metadata } from "next";
import { LoadProblem } from "@/components/load-problem";
import { Pager } from "@/components/pager";
import { ParamProblems } from "@/components/param-problems";
import { Empty } from "@/components/ui";
import { humanize } from "@/lib/labels";
import { hrefFor } from "@/lib/links";
import { nextPage, pageFromUrl, rangeText, startOf } from "@/lib/paging";
import type { ParamProblem, SearchParams } from "@/lib/params";
import { call } from "@/trpc/server";

export const metadata: Metadata = { title: "Places" };

/** Places per page. */
const PAGE = 100;

/** The places, a page at a time, with the total. */
export default async function PlacesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const problems: ParamProblem[] = [];
  let at = pageFromUrl(sp, problems);
  let r = await call((api) => api.places.list({ limit: PAGE, ...(at.after ? { cursor: at.after } : {}) }));
  if (!r.ok && r.parameter === "cursor" && at.after !== undefined) {
    problems.push({ param: "after", value: at.after.slice(0, 40), message: "is not a place of this list" });
    at = { after: undefined, page: 1 };
    r = await call((api) => api.places.list({ limit: PAGE }));
  }
  if (!r.ok)
    return (
      <LoadProblem code={r.code} message={r.message} what="the places" resetHref="/places" heading={1} />
    );
  const total = r.data.total;
  return (
    <>
      <h1>Places</h1>
      <ParamProblems problems={problems} resetHref="/places" />
      {r.data.items.length === 0 ? (
        <Empty>No places in the data.</Empty>
      ) : (
        <>
          <p className="muted" id="list-h" data-testid="list-range">
            {rangeText({
              start: startOf(at, PAGE),
              count: r.data.items.length,
              total,
              noun: total === 1 ? "place" : "places",
            })}
            .
          </p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Place</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Country</th>
                  <th scope="col">Also written</th>
                </tr>
              </thead>
              <tbody>
                {r.data.items.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <a href={hrefFor("place", p.id)}>{p.name}</a>
                    </td>
                    <td>{humanize(p.kind)}</td>
                    <td>{p.country}</td>
                    <td className="small">{p.aliases.map((a) => a.name).join(" · ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            label="Pages of places"
            path="/places"
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
