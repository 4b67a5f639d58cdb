import type { Metadata } from "next";
import { DateText } from "@/components/date-text";
import { LoadProblem } from "@/components/load-problem";
import { Empty } from "@/components/ui";
import { humanize } from "@/lib/labels";
import { hrefFor } from "@/lib/links";
import { call } from "@/trpc/server";

export const metadata: Metadata = { title: "Sources" };

const TEXT_LABEL: Record<string, string> = {
  loaded: "text supplied and verified",
  absent: "text not supplied",
  "hash-mismatch": "supplied text does not match — not trusted",
  "no-hash": "",
};

/** Every source, with how many claims cite it. */
export default async function SourcesPage() {
  const r = await call((api) => api.sources.list({}));
  if (!r.ok) return <LoadProblem code={r.code} message={r.message} what="the sources" heading={1} />;
  const items = [...r.data.items].sort((a, b) => b.claims - a.claims);
  return (
    <>
      <h1>Sources</h1>
      <p className="lede">
        Where every claim comes from. Open a source to see the claims that cite it, paragraph by paragraph.
      </p>
      {items.length === 0 ? (
        <Empty>No sources in the data.</Empty>
      ) : (
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
      )}
    </>
  );
}
