import type { Metadata } from "next";
import { Citations } from "@/components/citations";
import { LoadProblem } from "@/components/load-problem";
import { Empty } from "@/components/ui";
import { hrefForId } from "@/lib/links";
import { entityLabels } from "@/lib/server-data";
import { call } from "@/trpc/server";

export const metadata: Metadata = { title: "Analysis" };

/** The sources' analytic claims — always shown as analysis, never as fact. Each has an anchor. */
export default async function AssessmentsPage() {
  const r = await call((api) => api.assessments.list({}));
  if (!r.ok) return <LoadProblem code={r.code} message={r.message} what="the analysis" heading={1} />;
  const labels = await entityLabels(r.data.items.flatMap((a) => a.about));
  return (
    <>
      <h1>Analysis</h1>
      <p className="lede">
        How the sources read motives, strategy and prospects. These are interpretations, not facts.
      </p>
      {r.data.items.length === 0 ? (
        <Empty>No assessments in the data.</Empty>
      ) : (
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
      )}
    </>
  );
}
