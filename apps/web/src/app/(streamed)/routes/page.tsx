import type { Metadata } from "next";
import { LoadProblem } from "@/components/load-problem";
import { ParamProblems } from "@/components/param-problems";
import { type MapLeg, type MapPlace, RouteMap } from "@/components/route-map";
import { Empty } from "@/components/ui";
import { makeBasemap } from "@/lib/geo";
import { corePoints } from "@/lib/map-frame";
import { one, type ParamProblem, type SearchParams } from "@/lib/params";
import { call, HydrateClient, load, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Routes" };

const W = 960;
const H = 700;
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** The routes on an offline map, coloured by their status at the chosen date. */
export default async function RoutesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const problems: ParamProblem[] = [];
  const stats = await call((api) => api.stats.summary());
  const span = stats.ok ? stats.data.span : { from: null, to: null };
  const min = span.from ?? "2019-01-01";
  const max = span.to ?? new Date().toISOString().slice(0, 10);
  let at = one(sp, "at");
  if (at !== undefined && (!DAY_RE.test(at) || Number.isNaN(Date.parse(`${at}T00:00:00Z`)))) {
    problems.push({
      param: "at",
      value: at.slice(0, 20),
      message: `"${at.slice(0, 20)}" is not a day (use 2025-12-13)`,
    });
    at = undefined;
  }
  at ??= max;

  const [routes, places] = await Promise.all([
    load((qc) => qc.fetchQuery(trpc.routes.list.queryOptions({ at }))),
    call((api) => api.places.list({ limit: 200 })),
  ]);
  if (!routes.ok)
    return (
      <LoadProblem
        code={routes.code}
        message={routes.message}
        what="the routes"
        resetHref="/routes"
        heading={1}
      />
    );
  const placeById = new Map(places.ok ? places.data.items.map((p) => [p.id, p]) : []);
  const used = new Set(routes.data.items.flatMap((r) => r.route.legs.flatMap((l) => [l.from, l.to])));
  const pts = [...used].map((id) => placeById.get(id)).filter((p): p is NonNullable<typeof p> => !!p);
  const map = makeBasemap(corePoints(pts.map((p) => ({ ...p.coordinates, id: p.id }))), W, H, 1.2);
  const legs: MapLeg[] = [];
  for (const r of routes.data.items) {
    for (const leg of r.route.legs) {
      const a = placeById.get(leg.from);
      const b = placeById.get(leg.to);
      if (!a || !b) continue;
      legs.push({
        route: r.route.id,
        mode: leg.mode,
        d: map.line([a.coordinates, b.coordinates]),
        label: `${r.route.name}: ${a.name} → ${b.name}`,
      });
    }
  }
  const mapPlaces: MapPlace[] = pts
    .map((p) => {
      const [x, y] = map.project(p.coordinates);
      return { id: p.id, name: p.name, x, y, kind: p.kind };
    })
    .filter((p) => p.x >= 0 && p.x <= W && p.y >= 0 && p.y <= H);
  // a country's point sits near its capital: leave it out when it would cover a city's label
  const shown = mapPlaces.filter(
    (p) =>
      p.kind !== "country" ||
      !mapPlaces.some((q) => q.kind !== "country" && Math.hypot(q.x - p.x, q.y - p.y) < 60),
  );

  return (
    <>
      <h1>Routes</h1>
      <p className="lede">
        How potash, people and forces move — or could. Drag the slider to see each route's status on a day;
        line style shows the mode, colour the status.{" "}
        <a href="/routes/compare?cargo=potash">Compare the potash corridors →</a>
      </p>
      <ParamProblems problems={problems} resetHref="/routes" />
      {routes.data.items.length === 0 ? (
        <Empty>No routes in the data.</Empty>
      ) : (
        <HydrateClient>
          <RouteMap
            width={W}
            height={H}
            countries={map.countries}
            graticule={map.graticule}
            legs={legs}
            places={shown}
            routes={routes.data.items.map((r) => ({
              id: r.route.id,
              name: r.route.name,
              cargo: r.route.cargo,
            }))}
            initialAt={at}
            min={min}
            max={max}
            initialStatuses={Object.fromEntries(routes.data.items.map((r) => [r.route.id, r.status]))}
          />
        </HydrateClient>
      )}
      <noscript>
        <form method="get" action="/routes" className="filters">
          <label htmlFor="at-nojs">Status on (YYYY-MM-DD)</label>
          <input id="at-nojs" name="at" type="text" defaultValue={at} />
          <button type="submit">Show</button>
        </form>
      </noscript>
    </>
  );
}
