import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Citations } from "@/components/citations";
import { DatasetMark } from "@/components/dataset-mark";
import { DateText } from "@/components/date-text";
import { LoadProblem } from "@/components/load-problem";
import { ProvenanceNote, provenanceOf } from "@/components/provenance-note";
import { Translations } from "@/components/translations";
import { StatusBadge } from "@/components/ui";
import { hrefFor } from "@/lib/links";
import { addedByOf, markOf, marksOf } from "@/lib/provenance";
import { call, isMissing, refusedTitle } from "@/trpc/server";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const r = await call((api) => api.deals.get({ id }));
  return { title: r.ok ? r.data.deal.title : refusedTitle(r, "Deal") };
}

/** One deal: parties, brokers, each concession with its delivery, the events behind it. */
export default async function DealPage({ params }: Props) {
  const { id } = await params;
  const [r, provenance] = await Promise.all([call((api) => api.deals.get({ id })), provenanceOf(id)]);
  if (!r.ok) {
    if (isMissing(r)) notFound();
    return <LoadProblem code={r.code} message={r.message} what="this deal" heading={1} />;
  }
  const d = r.data;
  const added = addedByOf(provenance);
  const name = new Map([...d.parties, ...d.brokers].map((a) => [a.id, a.name]));
  return (
    <>
      <p className="breadcrumb">
        <a href="/deals">Deals</a> ›
      </p>
      <h1>{d.deal.title}</h1>
      <div className="row">
        <DateText date={d.deal.date} />
        <span>
          Parties:{" "}
          {d.parties.map((p, i) => (
            <span key={p.id}>
              {i > 0 ? ", " : ""}
              <a href={hrefFor("actor", p.id)}>{p.name}</a>{" "}
              <DatasetMark name={markOf(added, "parties", d.deal.parties, (x) => x === p.id)} />
            </span>
          ))}
        </span>
        {d.brokers.length > 0 ? (
          <span className="small muted">
            brokered by{" "}
            {d.brokers.map((p, i) => (
              <span key={p.id}>
                {i > 0 ? ", " : ""}
                <a href={hrefFor("actor", p.id)}>{p.name}</a>{" "}
                <DatasetMark name={markOf(added, "brokers", d.deal.brokers ?? [], (x) => x === p.id)} />
              </span>
            ))}
          </span>
        ) : null}
      </div>
      <p className="lede">{d.deal.summary}</p>
      <Citations citations={d.deal.citations} addedBy={marksOf(added, "citations", d.deal.citations)} />
      <Translations
        items={d.deal.translations}
        addedBy={marksOf(added, "translations", d.deal.translations ?? [])}
      />
      <ProvenanceNote id={d.deal.id} entity={d.deal} provenance={provenance} />
      <h2>Concessions</h2>
      <ul className="list">
        {d.entries.map((e) => (
          <li key={e.index} data-delivery={e.delivery}>
            <div className="row">
              <DateText date={e.date} />
              <strong>
                {name.get(e.by) ?? e.by} → {name.get(e.to) ?? e.to}
              </strong>
              <span className={`status delivery-${e.delivery}`}>{e.delivery.replace("-", " ")}</span>
              <DatasetMark name={added[`concessions.${e.index}`]} />
            </div>
            <p>{e.what}</p>
            {e.amount ? (
              <p className="small">
                {e.amount.value} {e.amount.unit} — {e.amount.counts}
              </p>
            ) : null}
            <Citations citations={e.citations} />
          </li>
        ))}
      </ul>
      {d.events.length > 0 ? (
        <>
          <h2>Events</h2>
          <ul className="list">
            {d.events.map((e) => (
              <li key={e.id}>
                <div className="row">
                  <DateText date={e.date} /> <StatusBadge status={e.status} />
                </div>
                <a href={hrefFor("event", e.id)}>{e.title}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {d.assessments.length > 0 ? (
        <>
          <h2>Analysis</h2>
          <ul className="list">
            {d.assessments.map((a) => (
              <li key={a.id} className="analysis">
                <span className="tag">Analysis</span> {a.claim}
                {a.confidence ? <span className="muted"> ({a.confidence})</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
