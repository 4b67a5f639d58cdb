import { CargoSchema } from "@dealmap/domain";
import type { Metadata } from "next";
import { LoadProblem } from "@/components/load-problem";
import { ParamProblems } from "@/components/param-problems";
import { Empty, RouteStatusBadge } from "@/components/ui";
import { humanize, MODE_LABEL } from "@/lib/labels";
import { hrefFor } from "@/lib/links";
import { enumParam, one, type ParamProblem, type SearchParams } from "@/lib/params";
import { call } from "@/trpc/server";

export const metadata: Metadata = { title: "Compare routes" };

/** The routes for one cargo side by side (the potash corridors by default). */
export default async function ComparePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const problems: ParamProblem[] = [];
  const [cargo = "potash"] = enumParam(sp, "cargo", CargoSchema.options, problems);
  const atRaw = one(sp, "at");
  const at = atRaw && /^\d{4}-\d{2}-\d{2}$/.test(atRaw) ? atRaw : undefined;
  if (atRaw && !at)
    problems.push({ param: "at", value: atRaw.slice(0, 20), message: "use a day such as 2025-12-13" });
  const stats = await call((api) => api.stats.summary());
  const day = at ?? (stats.ok ? (stats.data.span.to ?? undefined) : undefined);
  const r = await call((api) => api.routes.compare({ cargo, ...(day ? { at: day } : {}) }));
  if (!r.ok) return <LoadProblem code={r.code} message={r.message} what="the comparison" heading={1} />;
  const rows = r.data.rows;
  return (
    <>
      <p className="breadcrumb">
        <a href="/routes">Routes</a> ›
      </p>
      <h1>Compare {cargo} routes</h1>
      <p className="lede">
        Every {cargo} route side by side on {r.data.at}: status, path, sourced distance and what stands in the
        way.
      </p>
      <form method="get" action="/routes/compare" className="filters" aria-label="Comparison options">
        <div className="field">
          <label htmlFor="c-cargo">Cargo</label>
          <select id="c-cargo" name="cargo" defaultValue={cargo}>
            {CargoSchema.options.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="c-at">On day</label>
          <input id="c-at" name="at" type="text" size={10} defaultValue={r.data.at} />
        </div>
        <button type="submit">Compare</button>
      </form>
      <ParamProblems problems={problems} resetHref="/routes/compare" />
      {rows.length === 0 ? (
        <Empty>No {cargo} routes in the data.</Empty>
      ) : (
        <div className="compare-grid">
          {rows.map((row) => (
            <article key={row.id} className="card" data-compare-route={row.id}>
              <h2 className="h3">
                <a href={hrefFor("route", row.id)}>{row.name}</a>
              </h2>
              <div className="row">
                <RouteStatusBadge status={row.status} />
                <span className="tag">{humanize(row.kind)}</span>
              </div>
              {row.statusNote ? <p className="small">{row.statusNote}</p> : null}
              <dl className="facts small">
                <dt>Path</dt>
                <dd>{row.stops.map((s) => s.name).join(" → ")}</dd>
                <dt>Modes</dt>
                <dd>{[...new Set(row.modes)].map((m) => MODE_LABEL[m]).join(", ")}</dd>
                <dt>Distance</dt>
                <dd>
                  {row.distance.knownLegs > 0
                    ? `${row.distance.sourcedKm.toLocaleString("en")} km sourced`
                    : "not sourced"}
                  {row.distance.hasUnknownLeg
                    ? ` (${row.distance.unknownLegs} of ${row.legCount} legs unknown)`
                    : ""}
                </dd>
                <dt>Blockers</dt>
                <dd>{row.blockers}</dd>
                <dt>Conditions</dt>
                <dd>{row.conditions}</dd>
              </dl>
            </article>
          ))}
        </div>
      )}
    </>
  );
}
