import type { Metadata } from "next";
import { Citations } from "@/components/citations";
import { DateText } from "@/components/date-text";
import { ExportLinks } from "@/components/export-links";
import { LoadProblem } from "@/components/load-problem";
import { DatasetTag, Empty, RouteStatusBadge, StatusBadge } from "@/components/ui";
import { isImported } from "@/lib/datasets";
import { humanize, ROUTE_STATUS_LABEL } from "@/lib/labels";
import { hrefFor, hrefForId } from "@/lib/links";
import { datasetsByName, entityLabels, latestEvents } from "@/lib/server-data";
import { call } from "@/trpc/server";

// the root layout's title template does not apply to a page in the same segment
export const metadata: Metadata = { title: { absolute: "Overview · Dealmap" } };

/** Release waves listed on the overview (all of them are counted). */
const WAVES_SHOWN = 20;
/** Open questions shown on the overview. */
const QUESTIONS = 8;

/** The story at a glance: key numbers, the release waves, latest events, main actors, open questions. */
export default async function OverviewPage() {
  const summary = await call((api) => api.stats.summary());
  // "now" for the story is the last day the data covers, not the reader's clock
  const asOf =
    summary.ok && summary.data.span.to ? summary.data.span.to : new Date().toISOString().slice(0, 10);
  const [stats, releases, latest, routes, anyTies, questions, ledger, datasets] = await Promise.all([
    Promise.resolve(summary),
    call((api) =>
      api.events.list({
        kinds: ["release", "prisoner-exchange"],
        from: "2025-01-01",
        to: "2025-12-31",
        limit: 200,
      }),
    ),
    latestEvents(8, summary.ok ? summary.data.span.to : null),
    call((api) => api.routes.list({ at: asOf })),
    call((api) => api.network.graph({ hops: 1 })),
    // the first few, with how many there are (a big database holds thousands)
    call((api) => api.assessments.list({ topic: "prospect", limit: QUESTIONS })),
    // the pairs with the most concessions first: eight are more than the eight totals shown need
    call((api) => api.deals.ledger({ limit: 8 })),
    datasetsByName(),
  ]);
  if (!stats.ok)
    return <LoadProblem code={stats.code} message={stats.message} what="the overview" heading={1} />;
  const c = stats.data.counts;

  const waves = releases.ok
    ? releases.data.items
        .map((e) => {
          const q = e.quantities.find((x) => /people|prisoner|person/i.test(`${x.unit} ${x.counts}`));
          return { e, value: q?.value ?? null, qualifier: q?.qualifier ?? "exact" };
        })
        .filter((w) => w.e.status === "occurred" || w.e.status === "reported")
    : [];
  const maxWave = Math.max(1, ...waves.map((w) => w.value ?? 0));
  const freed = waves.reduce((s, w) => s + (w.value ?? 0), 0);
  // a big database has more of them than one page: say what was counted
  const releaseCount = releases.ok ? releases.data.items.length : 0;
  const unread = releases.ok ? releases.data.total - releaseCount : 0;

  const sanctionsEased = stats.data.eventsByKind["sanctions-eased"] ?? 0;
  const routeCounts = new Map<string, number>();
  if (routes.ok)
    for (const r of routes.data.items) routeCounts.set(r.status, (routeCounts.get(r.status) ?? 0) + 1);

  const recent = latest.ok
    ? latest.data.items.map((e, i) => ({ e, dataset: latest.data.datasets[i] ?? "" })).reverse()
    : [];
  // a database of millions of events does not tie actors by shared events: relations alone then
  const graph =
    !anyTies.ok && anyTies.parameter === "sharedEvents"
      ? await call((api) => api.network.graph({ sharedEvents: false }))
      : anyTies;
  const mainActors = graph.ok ? [...graph.data.nodes].sort((a, b) => b.degree - a.degree).slice(0, 10) : [];
  const aboutNames = await entityLabels(questions.ok ? questions.data.items.flatMap((a) => a.about) : []);
  const names = await entityLabels([
    ...recent.flatMap(({ e }) => (e.claimedBy ? [e.claimedBy] : [])),
    ...(ledger.ok ? ledger.data.pairs.flatMap((p) => p.totals.map((t) => t.by)) : []),
  ]);
  const totals = ledger.ok
    ? ledger.data.pairs.flatMap((p) => p.totals.map((t) => ({ ...t, pair: p.partyNames })))
    : [];

  return (
    <>
      <h1>Who traded what with whom — and by which route</h1>
      <p className="lede">
        The US–Belarus exchanges of 2025: political prisoners released in waves, US sanctions on Belarusian
        potash lifted, the corridors potash could take to the sea, and what each side gave and promised. Every
        claim links to its source.
      </p>

      <section aria-labelledby="numbers" className="grid">
        <h2 id="numbers" className="visually-hidden">
          Key numbers
        </h2>
        <div className="card">
          <div className="stat">{freed.toLocaleString("en")}</div>
          <div className="stat-label">
            people freed in {waves.length.toLocaleString("en")} release wave{waves.length === 1 ? "" : "s"} in
            2025 (as counted in the events
            {unread > 0
              ? `; the first ${releaseCount.toLocaleString("en")} release and exchange events of the year read, ${unread.toLocaleString("en")} more not counted here`
              : ""}
            )
          </div>
        </div>
        <div className="card">
          <div className="stat">{sanctionsEased.toLocaleString("en")}</div>
          <div className="stat-label">sanctions-easing events</div>
        </div>
        <div className="card">
          <div className="stat">{routes.ok ? routes.data.items.length.toLocaleString("en") : "—"}</div>
          <div className="stat-label">
            routes on {asOf}:{" "}
            {[...routeCounts.entries()]
              .map(([s, n]) =>
                `${n.toLocaleString("en")} ${ROUTE_STATUS_LABEL[s as keyof typeof ROUTE_STATUS_LABEL] ?? s}`.toLowerCase(),
              )
              .join(", ") || "none"}
          </div>
        </div>
        <div className="card">
          <div className="stat">{c.events.toLocaleString("en")}</div>
          <div className="stat-label">
            events, {c.actors.toLocaleString("en")} actors, {c.places.toLocaleString("en")} places,{" "}
            {c.sources.toLocaleString("en")} sources
            {stats.data.span.from
              ? ` (${stats.data.span.from.slice(0, 4)}–${stats.data.span.to?.slice(0, 4)})`
              : ""}
          </div>
        </div>
      </section>

      <div className="two-col">
        <div>
          <section aria-labelledby="waves">
            <h2 id="waves">Release waves in 2025</h2>
            {waves.length === 0 ? (
              <Empty>No release events in 2025 in the data.</Empty>
            ) : (
              <ol className="list">
                {waves.slice(0, WAVES_SHOWN).map(({ e, value, qualifier }) => (
                  <li key={e.id}>
                    <div className="row">
                      <DateText date={e.date} />
                      <a href={hrefFor("event", e.id)}>{e.title}</a>
                    </div>
                    <div className="bar-row" aria-hidden="true">
                      <span
                        className="bar"
                        style={{ width: `${Math.max(2, ((value ?? 0) / maxWave) * 100)}%` }}
                      />
                    </div>
                    <div className="small muted">
                      {value === null
                        ? "number not given"
                        : `${qualifier === "exact" ? "" : `${qualifier} `}${value} people`}
                    </div>
                  </li>
                ))}
              </ol>
            )}
            {waves.length > WAVES_SHOWN || unread > 0 ? (
              <p className="small">
                <a href="/timeline?kind=release&kind=prisoner-exchange&from=2025-01-01&to=2025-12-31">
                  All the releases and exchanges of 2025 on the timeline →
                </a>
              </p>
            ) : null}
          </section>

          <section aria-labelledby="latest">
            <h2 id="latest">Latest events</h2>
            {recent.length === 0 ? (
              <Empty>No events yet.</Empty>
            ) : (
              <ul className="list">
                {recent.map(({ e, dataset }) => (
                  <li key={e.id}>
                    <div className="row">
                      <DateText date={e.date} />
                      <StatusBadge
                        status={e.status}
                        claimedBy={e.claimedBy ? names.get(e.claimedBy) : null}
                      />
                      <span className="tag">{humanize(e.kind)}</span>
                      {isImported(dataset, datasets) ? <DatasetTag name={dataset} /> : null}
                    </div>
                    <a href={hrefFor("event", e.id)}>{e.title}</a>
                  </li>
                ))}
              </ul>
            )}
            <p>
              <a href="/timeline">The whole timeline →</a>
            </p>
            {recent.length > 0 ? <ExportLinks filterParams={[]} label="Every event" /> : null}
          </section>
        </div>

        <aside>
          <section aria-labelledby="actors">
            <h2 id="actors">Main actors</h2>
            {mainActors.length === 0 ? (
              <Empty>No actors yet.</Empty>
            ) : (
              <ul className="list">
                {mainActors.map((n) => (
                  <li key={n.id} className="row">
                    <a href={hrefFor("actor", n.id)}>{n.name}</a>
                    <span className="muted small">{n.degree} ties</span>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby="totals">
            <h2 id="totals">Given and promised</h2>
            {totals.length === 0 ? (
              <Empty>No deals yet.</Empty>
            ) : (
              <ul className="list">
                {totals.slice(0, 8).map((t) => (
                  <li key={`${t.pair.join("-")}-${t.by}-${t.measure}`}>
                    <strong>{names.get(t.by) ?? t.by}</strong>{" "}
                    {t.unit === "concessions"
                      ? `— ${humanize(t.measure).toLowerCase()}: ${t.given} given${t.promised ? `, ${t.promised} promised` : ""}`
                      : `— ${t.counts}: ${t.given} ${t.unit}${t.promised ? ` (+${t.promised} promised)` : ""}`}
                  </li>
                ))}
              </ul>
            )}
            <p>
              <a href="/deals">The deals ledger →</a>
            </p>
          </section>

          <section aria-labelledby="routes-now">
            <h2 id="routes-now">Routes on {asOf}</h2>
            {routes.ok && routes.data.items.length > 0 ? (
              <ul className="list">
                {routes.data.items.map((r) => (
                  <li key={r.route.id} className="row">
                    <a href={hrefFor("route", r.route.id)}>{r.route.name}</a>
                    <RouteStatusBadge status={r.status} />
                  </li>
                ))}
              </ul>
            ) : (
              <Empty>No routes yet.</Empty>
            )}
          </section>
        </aside>
      </div>

      <section aria-labelledby="questions">
        <h2 id="questions">Open questions</h2>
        <p className="muted small">The article's own reading of what may come next — analysis, not fact.</p>
        {questions.ok && questions.data.items.length > 0 ? (
          <ul className="list">
            {questions.data.items.map((a) => (
              <li key={a.id} className="analysis">
                <p>
                  <span className="tag">Analysis</span> {a.claim}
                  {a.confidence ? <span className="muted"> ({a.confidence})</span> : null}
                </p>
                <div className="small">
                  About:{" "}
                  {a.about.map((id, i) => (
                    <span key={id}>
                      {i > 0 ? ", " : ""}
                      <a href={hrefForId(id)}>{aboutNames.get(id) ?? id}</a>
                    </span>
                  ))}
                </div>
                <Citations citations={a.citations} />
              </li>
            ))}
          </ul>
        ) : (
          <Empty>No open questions recorded.</Empty>
        )}
        {questions.ok && questions.data.total > questions.data.items.length ? (
          <p className="small">
            <a href="/assessments">
              All the analysis ({questions.data.total.toLocaleString("en")} open questions) →
            </a>
          </p>
        ) : null}
      </section>
    </>
  );
}
