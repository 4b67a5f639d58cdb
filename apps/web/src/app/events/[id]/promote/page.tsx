import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LoadProblem } from "@/components/load-problem";
import { call, isMissing } from "@/trpc/server";

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Promote an imported event" };

/**
 * The curated YAML for an imported event (the router's `events.promote`): one block per file
 * of a data directory, each with a download link, and what to do with them. Nothing is written
 * on the server.
 */
export default async function PromotePage({ params }: Props) {
  const { id } = await params;
  const [r, ev] = await Promise.all([
    call((api) => api.events.promote({ id })),
    call((api) => api.events.get({ id })),
  ]);
  if (!r.ok) {
    if (isMissing(r)) notFound();
    return <LoadProblem code={r.code} message={r.message} what="the promoted event" heading={1} />;
  }
  const { files } = r.data;
  const dataset = ev.ok ? ev.data.dataset : "DATASET";
  return (
    <>
      <p className="breadcrumb">
        <a href={`/events/${encodeURIComponent(id)}`}>Back to the imported event</a> ›
      </p>
      <h1>Promote to curated data</h1>
      <p>
        The YAML of a curated event <code>{r.data.id}</code> made from the imported event <code>{id}</code>,
        with its citations filled in
        {files.length > 1 ? ", and the sources, actors and places it needs under curated ids" : ""}. Save the
        files in your data directory at the paths shown, check every value and write the title and summary in
        your own words, then run <code>dealmap validate DIR</code> and <code>dealmap db load --data DIR</code>
        , and then{" "}
        <code>
          dealmap datasets accept {dataset} {id} {r.data.id}
        </code>{" "}
        so that the curated event stands for the imported one instead of showing beside it. The terminal does
        the same with <code>dealmap promote {id} --out DIR</code>.
      </p>
      {files.map((f) => (
        <section key={f.path} className="card" aria-labelledby={`file-${f.path}`}>
          <h2 id={`file-${f.path}`}>
            <code>{f.path}</code>
          </h2>
          <p>
            <a
              className="button"
              download={f.path.split("/").pop()}
              href={`data:text/yaml;charset=utf-8,${encodeURIComponent(f.text)}`}
            >
              Download {f.path.split("/").pop()}
            </a>
          </p>
          <pre className="yaml">{f.text}</pre>
        </section>
      ))}
    </>
  );
}
