import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { Citations } from "@/components/citations";
import { DatasetMark } from "@/components/dataset-mark";
import { DateText } from "@/components/date-text";
import { ExportLinks } from "@/components/export-links";
import { LoadProblem } from "@/components/load-problem";
import { ProvenanceNote, provenanceOf } from "@/components/provenance-note";
import { Translations } from "@/components/translations";
import { DatasetNote, Empty, ImportTag, StatusBadge } from "@/components/ui";
import { humanize } from "@/lib/labels";
import { hrefFor, hrefForId } from "@/lib/links";
import { addedByOf, markOf, marksOf } from "@/lib/provenance";
import { datasetsByName } from "@/lib/server-data";
import { call, isMissing, refusedTitle } from "@/trpc/server";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const r = await call((api) => api.actors.get({ id }));
  return { title: r.ok ? r.data.actor.name : refusedTitle(r, "Actor") };
}

/**
 * How many of each list the page shows (events per role, relations, routes, deals, readings):
 * the curated case's longest lists whole (19 events in one role), a busy actor's page readable
 * (over 10M events the busiest has 97,055 events in 9 roles and 1,535 relations; at 200 events
 * a role and 100 of the rest its page was 2.2 MB of HTML, at 25 0.5 MB); the rest of its events
 * are on the timeline.
 */
const LISTED = 25;

/** An actor's profile: names, roles over time, relations, events by role, routes, deals, analysis. */
export default async function ActorPage({ params }: Props) {
  const { id } = await params;
  const [r, datasets, provenance] = await Promise.all([
    call((api) => api.actors.get({ id, eventLimit: LISTED, listLimit: LISTED })),
    datasetsByName(),
    provenanceOf(id),
  ]);
  if (!r.ok) {
    if (isMissing(r)) notFound();
    return <LoadProblem code={r.code} message={r.message} what="this actor" heading={1} />;
  }
  // an id merged away by a same-as (an import's actor a curator accepted): the actor's own page
  if (r.data.actor.id !== id) redirect(`/actors/${encodeURIComponent(r.data.actor.id)}`);
  const p = r.data;
  const a = p.actor;
  const added = addedByOf(provenance);
  return (
    <>
      <p className="breadcrumb">
        <a href="/actors">Actors</a> › {humanize(a.kind)}
      </p>
      <h1>{a.name}</h1>
      <DatasetNote name={p.dataset} info={datasets[p.dataset]} />
      <div className="row">
        <span className="tag">{humanize(a.kind)}</span>
        {a.country ? <span className="tag">{a.country}</span> : null}
        {a.born ? (
          <span className="small muted">
            born/founded <DateText date={a.born} />
          </span>
        ) : null}
        {a.externalIds?.wikidata ? (
          <a
            className="small"
            href={`https://www.wikidata.org/wiki/${a.externalIds.wikidata}`}
            rel="noreferrer"
          >
            Wikidata {a.externalIds.wikidata}
          </a>
        ) : null}
      </div>
      <p className="lede">{a.description}</p>
      <Citations citations={a.citations} addedBy={marksOf(added, "citations", a.citations)} />
      <Translations items={a.translations} addedBy={marksOf(added, "translations", a.translations ?? [])} />
      <ProvenanceNote id={a.id} entity={a} provenance={provenance} />

      <div className="two-col profile">
        <aside>
          <section className="card" aria-labelledby="names-h">
            <h2 id="names-h">Names</h2>
            <ul className="list">
              <li>
                <strong>{a.name}</strong> <span className="muted small">(primary)</span>
              </li>
              {a.aliases.map((x, i) => (
                <li key={x.name}>
                  <span lang={x.lang}>{x.name}</span>{" "}
                  <span className="muted small">
                    {[x.lang, x.romanization, x.note].filter(Boolean).join(" · ")}
                  </span>{" "}
                  <DatasetMark name={added[`aliases.${i}`]} />
                </li>
              ))}
              {/* names only an import's record merged into this actor gave (search finds it by them) */}
              {(provenance?.mergedNames ?? []).map((m) => (
                <li key={`${m.dataset}:${m.name}`} data-testid="merged-name">
                  <span>{m.name}</span> <span className="muted small">as {m.from}, merged by same-as</span>{" "}
                  <DatasetMark name={m.dataset} />
                </li>
              ))}
            </ul>
          </section>

          <section className="card" aria-labelledby="roles-h">
            <h2 id="roles-h">Roles over time</h2>
            {p.roles.length === 0 ? (
              <p className="muted">No roles recorded.</p>
            ) : (
              <ul className="list">
                {p.roles.map((role) => (
                  <li key={`${role.title}-${role.when ?? ""}`}>
                    <strong>{role.title}</strong>{" "}
                    <DatasetMark
                      name={markOf(
                        added,
                        "roles",
                        a.roles,
                        (x) => x.title === role.title && x.when === role.when && x.of === role.of,
                      )}
                    />
                    {role.of ? (
                      <>
                        {" "}
                        — <a href={hrefForId(role.of)}>{role.ofName ?? role.of}</a>
                      </>
                    ) : null}
                    {role.when ? (
                      <div className="small muted">
                        <DateText date={role.when} />
                      </div>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section className="card" aria-labelledby="rel-h">
            <h2 id="rel-h">Relations ({count(p.relationsTotal)})</h2>
            {p.relations.length === 0 ? (
              <p className="muted">No relations recorded.</p>
            ) : (
              <ul className="list">
                {p.relations.map((x) => (
                  <li key={x.relation.id}>
                    <span className="small">{x.label}</span>
                    <div>
                      <a href={hrefFor("actor", x.other.id)}>{x.other.name}</a>
                      {x.relation.when ? (
                        <span className="small muted">
                          {" "}
                          · <DateText date={x.relation.when} />
                        </span>
                      ) : null}
                    </div>
                  </li>
                ))}
              </ul>
            )}
            <MoreThanShown shown={p.relations.length} total={p.relationsTotal} what="relations" />
          </section>

          {p.routes.length > 0 ? (
            <section className="card" aria-labelledby="routes-h">
              <h2 id="routes-h">Routes</h2>
              <ul className="list">
                {p.routes.map((x) => (
                  <li key={x.id}>
                    <a href={hrefFor("route", x.id)}>{x.name}</a>{" "}
                    <span className="small muted">{x.how.join(", ")}</span>
                  </li>
                ))}
              </ul>
              <MoreThanShown shown={p.routes.length} total={p.routesTotal} what="routes" />
            </section>
          ) : null}

          {p.deals.length > 0 ? (
            <section className="card" aria-labelledby="deals-h">
              <h2 id="deals-h">Deals</h2>
              <ul className="list">
                {p.deals.map((x) => (
                  <li key={x.id}>
                    <a href={hrefFor("deal", x.id)}>{x.title}</a>{" "}
                    <span className="small muted">
                      <DateText date={x.date} /> · {x.as.join(", ")}
                    </span>
                  </li>
                ))}
              </ul>
              <MoreThanShown shown={p.deals.length} total={p.dealsTotal} what="deals" />
            </section>
          ) : null}
        </aside>
        <div>
          <section aria-labelledby="ev-h">
            <h2 id="ev-h">Events by role ({count(p.eventsTotal)})</h2>
            {p.eventsByRole.length === 0 ? (
              <Empty>No events involve {a.name}.</Empty>
            ) : (
              p.eventsByRole.map((g) => (
                <section key={g.role}>
                  <h3>
                    As {g.role} ({count(g.total)})
                  </h3>
                  <ul className="list">
                    {g.events.map((e) => (
                      <li key={e.id}>
                        <div className="row">
                          <DateText date={e.date} />
                          <StatusBadge status={e.status} />
                        </div>
                        <a href={hrefFor("event", e.id)}>{e.title}</a>
                        <ImportTag dataset={e.dataset} datasets={datasets} />
                      </li>
                    ))}
                  </ul>
                  <MoreThanShown shown={g.events.length} total={g.total} what={`events as ${g.role}`} />
                </section>
              ))
            )}
            <p>
              <a href={`/timeline?actor=${encodeURIComponent(a.id)}&lanes=kind`}>
                {p.eventsByRole.some((g) => g.total > g.events.length)
                  ? `All ${count(p.eventsTotal)} events of ${a.name}`
                  : a.name}{" "}
                on the timeline →
              </a>{" "}
              · <a href={`/network?around=${encodeURIComponent(a.id)}`}>in the network →</a>
            </p>
            {p.eventsTotal > 0 ? (
              <ExportLinks filterParams={[["actor", a.id]]} label={`Every event of ${a.name}`} />
            ) : null}
          </section>

          {p.assessments.length > 0 ? (
            <section aria-labelledby="as-h">
              <h2 id="as-h">Analysis about {a.name}</h2>
              <p className="small muted">Readings by the sources — analysis, not fact.</p>
              <ul className="list">
                {p.assessments.map((x) => (
                  <li key={x.id} className="analysis">
                    <span className="tag">Analysis · {x.topic}</span> {x.claim}
                    {x.confidence ? <span className="muted"> ({x.confidence})</span> : null}
                    <Citations citations={x.citations} />
                  </li>
                ))}
              </ul>
              <MoreThanShown shown={p.assessments.length} total={p.assessmentsTotal} what="readings" />
            </section>
          ) : null}
        </div>
      </div>
    </>
  );
}

/** A count as the page writes it (97,055). */
const count = (n: number) => n.toLocaleString("en-US");

/** Said under a list the profile cut short: how many there are in all. */
function MoreThanShown({ shown, total, what }: { shown: number; total: number; what: string }) {
  if (total <= shown) return null;
  return (
    <p className="small muted">
      The first {shown} of {count(total)} {what}.
    </p>
  );
}
