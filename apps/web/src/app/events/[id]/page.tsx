import { EVENT_KINDS } from "@dealmap/domain";
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { passageKey } from "@/components/citation-list";
import { EventDetail, type EventDetailData } from "@/components/event-detail";
import { LoadProblem } from "@/components/load-problem";
import { ProvenanceNote, provenanceOf } from "@/components/provenance-note";
import { Translations } from "@/components/translations";
import { isImported } from "@/lib/datasets";
import { dateInfo } from "@/lib/date-info";
import { addedByOf, marksOf } from "@/lib/provenance";
import { datasetsByName } from "@/lib/server-data";
import { call, isMissing, refusedTitle, sourceTitles } from "@/trpc/server";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const r = await call((api) => api.events.get({ id }));
  return { title: r.ok ? r.data.event.title : refusedTitle(r, "Event") };
}

/**
 * The words each of the event's citations points at, from the sources whose text is loaded
 * (the router's `sources.get` gives each claim its passage), by passage key.
 */
async function citedPassages(e: EventDetailData["event"]): Promise<Record<string, string>> {
  const cited = [
    ...e.citations,
    ...e.dateVariants.flatMap((v) => v.citations),
    ...e.quantities.flatMap((q) => q.citations),
  ];
  const sources = [...new Set(cited.filter((c) => c.span).map((c) => c.source))];
  const out: Record<string, string> = {};
  for (const id of sources) {
    const s = await call((api) => api.sources.get({ id }));
    if (!s.ok || s.data.text !== "loaded") continue;
    for (const p of s.data.paragraphs)
      for (const c of p.claims)
        if (c.passage && p.paragraph !== null && c.citation.span)
          out[passageKey(id, p.paragraph, c.citation.span)] = c.passage;
  }
  return out;
}

/** An event's permanent page. */
export default async function EventPage({ params }: Props) {
  const { id } = await params;
  const [r, titles, datasets, provenance] = await Promise.all([
    call((api) => api.events.get({ id })),
    sourceTitles(),
    datasetsByName(),
    provenanceOf(id),
  ]);
  if (!r.ok) {
    if (isMissing(r)) notFound();
    return <LoadProblem code={r.code} message={r.message} what="this event" heading={1} />;
  }
  // an id merged away by a same-as statement: the entity's own page
  if (r.data.event.id !== id) redirect(`/events/${encodeURIComponent(r.data.event.id)}`);
  const passages = await citedPassages(r.data.event);
  return (
    <>
      <p className="breadcrumb">
        <a href="/timeline">Timeline</a> ›
      </p>
      <div className="two-col">
        <EventDetail
          data={r.data}
          titles={Object.fromEntries(titles)}
          kindLabel={EVENT_KINDS[r.data.event.kind]?.label ?? r.data.event.kind}
          dates={dateInfo}
          passages={passages}
          datasets={datasets}
          provenance={provenance}
        />
        <aside className="card">
          {isImported(r.data.dataset, datasets) ? (
            <>
              <h2>Curate it</h2>
              <p className="small">
                An imported event. Promote it to get the YAML of a curated event with its citations filled in.
              </p>
              <p>
                <a className="button primary" href={`/events/${encodeURIComponent(id)}/promote`}>
                  Promote to curated data
                </a>
              </p>
            </>
          ) : null}
          <h2>On the timeline</h2>
          <p>
            <a href={`/timeline?event=${encodeURIComponent(id)}`}>See this event among the others</a>
          </p>
          {r.data.participants.slice(0, 4).map((p) => (
            <p key={p.actor.id}>
              <a href={`/timeline?actor=${encodeURIComponent(p.actor.id)}&lanes=actor`}>
                All events with {p.actor.name}
              </a>
            </p>
          ))}
          <p className="small muted">
            Permanent link: <code>/events/{id}</code>
          </p>
        </aside>
      </div>
      <Translations
        items={r.data.event.translations}
        addedBy={marksOf(addedByOf(provenance), "translations", r.data.event.translations ?? [])}
      />
      <ProvenanceNote id={r.data.event.id} entity={r.data.event} provenance={provenance} />
    </>
  );
}
