import type { Metadata } from "next";
import { Citations } from "@/components/citations";
import { LoadProblem } from "@/components/load-problem";
import { Pager } from "@/components/pager";
import { ParamProblems } from "@/components/param-problems";
import { Empty } from "@/components/ui";
import { hrefForId } from "@/lib/links";
import { ASSESSMENTS_PAGE, nextPage, pageFromUrl, rangeText, startOf } from "@/lib/paging";
import type { ParamProblem, SearchParams } from "@/lib/params";
import { entityLabels } from "@/lib/server-data";
import { call } from "@/trpc/server";

export const metadata: Metadata = { title: "Analysis" };

const PAGE = ASSESSMENTS_PAGE;

/**
 * The sources' analytic claims — always shown as analysis, never as fact — a page at a time.
 * Each has an anchor; only the names the page shows are looked up.
 */
export default async function AssessmentsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const problems: ParamProblem[] = [];
  let at = pageFromUrl(sp, problems);
  let r = await call((api) =>
    api.assessments.list({ limit: PAGE, ...(at.after ? { cursor: at.after } : {}) }),
  );
  if (!r.ok && r.parameter === "cursor" && at.after !== undefined) {
    problems.push({
      param: "after",
      value: at.after.slice(0, 40),
      message: "is not an assessment of this list",
    });
    at = { after: undefined, page: 1 };
    r = await call((api) => api.assessments.list({ limit: PAGE }));
  }
  if (!r.ok)
    return (
      <LoadProblem
        code={r.code}
        message={r.message}
        what="the analysis"
        resetHref="/assessments"
        heading={1}
      />
    );
  const labels = await entityLabels(r.data.items.flatMap((a) => a.about));
  const total = r.data.total;
  return (
    <>
      <h1>Analysis</h1>
      <p className="lede">
        How the sources read motives, strategy and prospects. These are interpretations, not facts.
      </p>
      <ParamProblems problems={problems} resetHref="/assessments" />
      {r.data.items.length === 0 ? (
        <Empty>No assessments in the data.</Empty>
      ) : (
        <>
          <p className="muted" id="list-h" data-testid="list-range">
            {rangeText({
              start: startOf(at, PAGE),
              count: r.data.items.length,
              total,
              noun: total === 1 ? "assessment" : "assessments",
            })}
            .
          </p>
          <ul className="list">
            {r.data.items.map((a) => (
              <li key={a.id} id={a.id} className="analysis">
                <p>
                  <span className="tag">Analysis · {a.topic}</span> {a.claim}
                  {a.confidence ? <span className="muted"> ({a.confidence})</span> : null}
                </p>
                <p className="small">
                  About:{" "}
                  {a.about.map((x, i) => (
                    <span key={x}>
                      {i > 0 ? ", " : ""}
                      <a href={hrefForId(x)}>{labels.get(x) ?? x}</a>
                    </span>
                  ))}
                </p>
                <Citations citations={a.citations} />
              </li>
            ))}
          </ul>
          <Pager
            label="Pages of the analysis"
            path="/assessments"
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
