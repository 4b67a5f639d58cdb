import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Citations } from "@/components/citations";
import { DatasetMark } from "@/components/dataset-mark";
import { DateText } from "@/components/date-text";
import { ExportLinks } from "@/components/export-links";
import { LoadProblem } from "@/components/load-problem";
import { ProvenanceNote, provenanceOf } from "@/components/provenance-note";
import { Translations } from "@/components/translations";
import { ImportTag, StatusBadge } from "@/components/ui";
import { humanize } from "@/lib/labels";
import { hrefFor } from "@/lib/links";
import { addedByOf, marksOf } from "@/lib/provenance";
import { datasetsByName } from "@/lib/server-data";
import { call, isMissing, refusedTitle } from "@/trpc/server";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const r = await call((api) => api.places.get({ id }));
  return { title: r.ok ? r.data.place.name : refusedTitle(r, "Place") };
}

/** A place: names, coordinates, the events there and the routes through it. */
export default async function PlacePage({ params }: Props) {
  const { id } = await params;
  const [r, provenance, datasets] = await Promise.all([
    call((api) => api.places.get({ id })),
    provenanceOf(id),
    datasetsByName(),
  ]);
  if (!r.ok) {
    if (isMissing(r)) notFound();
    return <LoadProblem code={r.code} message={r.message} what="this place" heading={1} />;
  }
  const { place, events, eventsTotal, routes } = r.data;
  const added = addedByOf(provenance);
  return (
    <>
      <p className="breadcrumb">
        <a href="/places">Places</a> › {humanize(place.kind)}
      </p>
      <h1>{place.name}</h1>
      <dl className="facts">
        <dt>Kind</dt>
        <dd>{humanize(place.kind)}</dd>
        <dt>Country</dt>
        <dd>{place.country}</dd>
        <dt>Coordinates</dt>
        <dd>
          {place.coordinates.lat.toFixed(3)}, {place.coordinates.lon.toFixed(3)}
        </dd>
        {place.aliases.length > 0 ? (
          <>
            <dt>Also written</dt>
            <dd>
              {place.aliases.map((a, i) => (
                <span key={a.name}>
                  {i > 0 ? " · " : ""}
                  {a.name}
                  {added[`aliases.${i}`] ? (
                    <>
                      {" "}
                      <DatasetMark name={added[`aliases.${i}`]} />
                    </>
                  ) : null}
                </span>
              ))}
            </dd>
          </>
        ) : null}
      </dl>
      {place.description ? <p className="lede">{place.description}</p> : null}
      <Citations citations={place.citations} addedBy={marksOf(added, "citations", place.citations)} />
      <Translations
        items={place.translations}
        addedBy={marksOf(added, "translations", place.translations ?? [])}
      />
      <ProvenanceNote id={place.id} entity={place} provenance={provenance} />
      <div className="two-col">
        <section>
          <h2>Events here ({eventsTotal})</h2>
          <ul className="list">
            {events.map((e) => (
              <li key={e.id}>
                <div className="row">
                  <DateText date={e.date} /> <StatusBadge status={e.status} />
                </div>
                <a href={hrefFor("event", e.id)}>{e.title}</a>
                <ImportTag dataset={e.dataset} datasets={datasets} />
              </li>
            ))}
          </ul>
          {eventsTotal > 0 ? (
            <p>
              <a href={`/timeline?place=${encodeURIComponent(place.id)}`}>On the timeline →</a>
            </p>
          ) : null}
          {eventsTotal > 0 ? (
            <ExportLinks filterParams={[["place", place.id]]} label={`Every event at ${place.name}`} />
          ) : null}
        </section>
        <aside>
          <section className="card">
            <h2>Routes through it</h2>
            {routes.length === 0 ? (
              <p className="muted">None.</p>
            ) : (
              <ul className="list">
                {routes.map((x) => (
                  <li key={x.id}>
                    <a href={hrefFor("route", x.id)}>{x.name}</a>{" "}
                    <span className="small muted">{x.cargo}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </aside>
      </div>
    </>
  );
}
