import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Citations } from "@/components/citations";
import { DateText } from "@/components/date-text";
import { LoadProblem } from "@/components/load-problem";
import { RouteStatusBadge, StatusBadge } from "@/components/ui";
import { humanize, MODE_LABEL } from "@/lib/labels";
import { hrefFor, hrefForId } from "@/lib/links";
import type { SearchParams } from "@/lib/params";
import { one } from "@/lib/params";
import { entityLabels } from "@/lib/server-data";
import { call, isMissing, refusedTitle } from "@/trpc/server";

/** Linked events listed at most (a busy route of a large database has tens of thousands). */
const EVENTS_SHOWN = 100;

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const r = await call((api) => api.routes.get({ id }));
  return { title: r.ok ? r.data.route.name : refusedTitle(r, "Route") };
}

/** A route: legs, distances, status history, blockers and conditions, events. */
export default async function RoutePage({ params, searchParams }: Props) {
  const { id } = await params;
  const sp = await searchParams;
  const atParam = one(sp, "at");
  const at = atParam && /^\d{4}-\d{2}-\d{2}$/.test(atParam) ? atParam : undefined;
  const r = await call((api) => api.routes.get({ id, ...(at ? { at } : {}) }));
  if (!r.ok) {
    if (isMissing(r)) notFound();
    return <LoadProblem code={r.code} message={r.message} what="this route" heading={1} />;
  }
  const d = r.data;
  // names of the blockers' actors only: the route's own actors come with it
  const known = new Map(d.actors.map((a) => [a.id, a.name]));
  const blockers = d.history.flatMap((h) => h.blockers.flatMap((b) => b.actors));
  const names = new Map([...known, ...(await entityLabels(blockers.filter((a) => !known.has(a))))]);
  const route = d.route;
  const eventTitles = new Map(d.events.map((e) => [e.id, e.title]));
  return (
    <>
      <p className="breadcrumb">
        <a href="/routes">Routes</a> › {humanize(route.kind)} · {route.cargo}
      </p>
      <h1>{route.name}</h1>
      <div className="row">
        <RouteStatusBadge status={d.current.status} />
        <span className="small muted">on {d.at}</span>
        {d.current.period?.note ? <span className="small">{d.current.period.note}</span> : null}
      </div>
      <p className="lede">{route.description}</p>
      <Citations citations={route.citations} />

      <div className="two-col">
        <div>
          <section aria-labelledby="legs-h">
            <h2 id="legs-h">Legs</h2>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">From</th>
                    <th scope="col">To</th>
                    <th scope="col">Mode</th>
                    <th scope="col">Distance</th>
                  </tr>
                </thead>
                <tbody>
                  {d.legs.map((l) => (
                    <tr key={l.index}>
                      <td>{l.index + 1}</td>
                      <td>
                        <a href={hrefFor("place", l.from.id)}>{l.from.name}</a>
                      </td>
                      <td>
                        <a href={hrefFor("place", l.to.id)}>{l.to.name}</a>
                      </td>
                      <td>{MODE_LABEL[l.mode]}</td>
                      <td>
                        {l.km !== null ? (
                          `${l.km.toLocaleString("en")} km`
                        ) : (
                          <span className="muted">not sourced</span>
                        )}
                        {l.distance?.note ? <div className="small muted">{l.distance.note}</div> : null}
                        {l.note ? <div className="small">{l.note}</div> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p className="small">
              Sourced distance: <strong>{d.distance.sourcedKm.toLocaleString("en")} km</strong>
              {d.distance.hasUnknownLeg
                ? ` — ${d.distance.unknownLegs} leg${d.distance.unknownLegs > 1 ? "s have" : " has"} no sourced distance, so the whole route is longer`
                : ""}
            </p>
          </section>

          <section aria-labelledby="hist-h">
            <h2 id="hist-h">Status history</h2>
            {d.history.length === 0 ? (
              <p className="muted">No status periods recorded.</p>
            ) : (
              <ol className="list">
                {d.history.map((h) => (
                  <li
                    key={h.index}
                    className={h.index === d.current.periodIndex ? "current-period" : undefined}
                  >
                    <div className="row">
                      <RouteStatusBadge status={h.status} />
                      <DateText date={h.when} />
                      {h.index === d.current.periodIndex ? (
                        <span className="tag">in force on {d.at}</span>
                      ) : null}
                    </div>
                    {h.note ? <p>{h.note}</p> : null}
                    {h.blockers.length > 0 ? (
                      <div>
                        <strong className="small">Blockers</strong>
                        <ul>
                          {h.blockers.map((b) => (
                            <li key={b.description}>
                              {b.description}
                              {b.actors.length > 0 ? (
                                <span className="small">
                                  {" "}
                                  —{" "}
                                  {b.actors.map((a, i) => (
                                    <span key={a}>
                                      {i > 0 ? ", " : ""}
                                      <a href={hrefFor("actor", a)}>{names.get(a) ?? a}</a>
                                    </span>
                                  ))}
                                </span>
                              ) : null}
                              <Citations citations={b.citations} />
                            </li>
                          ))}
                        </ul>
                      </div>
                    ) : null}
                    {h.conditions.length > 0 ? (
                      <div>
                        <strong className="small">What would change it</strong>
                        <ul>
                          {h.conditions.map((c) => (
                            <li key={c.description}>
                              {c.description}
                              <Citations citations={c.citations} />
                            </li>
                          ))}
                        </ul>
                      </div>
                    ) : null}
                    {h.events.length > 0 ? (
                      <p className="small">
                        Events:{" "}
                        {h.events.map((e, i) => (
                          <span key={e}>
                            {i > 0 ? ", " : ""}
                            <a href={hrefFor("event", e)}>{eventTitles.get(e) ?? e}</a>
                          </span>
                        ))}
                      </p>
                    ) : null}
                    <Citations citations={h.citations} />
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>
        <aside>
          <section className="card">
            <h2>Stops</h2>
            <ol>
              {d.stops.map((s) => (
                <li key={s.id}>
                  <a href={hrefFor("place", s.id)}>{s.name}</a>
                </li>
              ))}
            </ol>
          </section>
          {d.actors.length > 0 ? (
            <section className="card">
              <h2>Actors</h2>
              <ul className="list">
                {d.actors.map((a) => (
                  <li key={a.id}>
                    <a href={hrefForId(a.id)}>{a.name}</a>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {d.events.length > 0 ? (
            <section className="card">
              <h2>Linked events</h2>
              {d.events.length > EVENTS_SHOWN ? (
                <p className="small muted" data-testid="route-events-range">
                  The first {EVENTS_SHOWN} of {d.events.length.toLocaleString("en")}.
                </p>
              ) : null}
              <ul className="list">
                {d.events.slice(0, EVENTS_SHOWN).map((e) => (
                  <li key={e.id}>
                    <div className="row">
                      <DateText date={e.date} /> <StatusBadge status={e.status} />
                    </div>
                    <a href={hrefFor("event", e.id)}>{e.title}</a>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {route.cargo === "potash" ? (
            <p>
              <a href="/routes/compare?cargo=potash">Compare the potash corridors →</a>
            </p>
          ) : null}
        </aside>
      </div>
    </>
  );
}
