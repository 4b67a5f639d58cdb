import { RELATION_TYPES, type RelationType, RelationTypeSchema } from "@dealmap/domain";
import type { Metadata } from "next";
import { DateText } from "@/components/date-text";
import { FilterForm } from "@/components/filter-form";
import { LoadProblem } from "@/components/load-problem";
import { type NetEdge, type NetNode, NetworkGraph } from "@/components/network-graph";
import { ParamProblems } from "@/components/param-problems";
import { Empty } from "@/components/ui";
import { layoutGraph } from "@/lib/graph-layout";
import { labelText, placeLabels } from "@/lib/label-placement";
import { hrefFor } from "@/lib/links";
import { EDGE_GROUP, edgeColour } from "@/lib/network-style";
import { dateParam, enumParam, idParam, one, type ParamProblem, type SearchParams } from "@/lib/params";
import { filterActorNames } from "@/lib/server-data";
import { call } from "@/trpc/server";

export const metadata: Metadata = { title: "Network" };

const TYPES = RelationTypeSchema.options;
const W = 960;
/** The most connected actors drawn at most (a neighbourhood or a filter narrows it). */
const MAX_NODES = 150;
const H = 680;

function edgeLabel(type: string): string {
  return type === "shared-events"
    ? "appear in the same events"
    : (RELATION_TYPES[type as RelationType]?.label ?? type);
}

/** The actor network: typed ties, filters, neighbourhood focus and the shortest connection. */
export default async function NetworkPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const problems: ParamProblem[] = [];
  const types = enumParam(sp, "type", TYPES, problems);
  const at = dateParam(sp, "at", problems);
  const [around] = idParam(sp, "around", problems);
  const [from] = idParam(sp, "from", problems);
  const [to] = idParam(sp, "to", problems);
  const hopsRaw = one(sp, "hops");
  let hops = 1;
  if (hopsRaw !== undefined) {
    const n = Number(hopsRaw);
    if (Number.isInteger(n) && n >= 1 && n <= 4) hops = n;
    else
      problems.push({
        param: "hops",
        value: hopsRaw.slice(0, 10),
        message: "hops is a whole number from 1 to 4",
      });
  }
  const [shared] = enumParam(sp, "shared", ["1", "0"] as const, problems);
  const withShared = shared === "1";

  const [graph, path] = await Promise.all([
    call((api) =>
      api.network.graph({
        ...(types.length ? { types } : {}),
        ...(at ? { at } : {}),
        ...(around ? { around, hops } : {}),
        sharedEvents: withShared,
        maxNodes: MAX_NODES,
      }),
    ),
    from && to
      ? call((api) =>
          api.network.path({
            from,
            to,
            ...(types.length ? { types } : {}),
            ...(at ? { at } : {}),
            viaSharedEvents: withShared,
          }),
        )
      : Promise.resolve(null),
  ]);

  // the actors the form offers (all in a small dataset, else the busiest and the chosen ones),
  // and those shown
  const names = await filterActorNames([around, from, to].filter((x): x is string => !!x));
  if (graph.ok) for (const n of graph.data.nodes) names.set(n.id, n.name);
  if (path?.ok) for (const a of path.data.actors) names.set(a.id, a.name);
  const sortedNames = [...names.entries()].sort((a, b) => a[1].localeCompare(b[1]));
  const actorSelect = (name: string, label: string, value?: string) => (
    <div className="field">
      <label htmlFor={`n-${name}`}>{label}</label>
      <select id={`n-${name}`} name={name} defaultValue={value ?? ""}>
        <option value="">—</option>
        {sortedNames.map(([id, n]) => (
          <option key={id} value={id}>
            {n}
          </option>
        ))}
      </select>
    </div>
  );

  const form = (
    <FilterForm action="/network" label="Network filters">
      <div className="field">
        <label htmlFor="n-type">Relation type</label>
        <select id="n-type" name="type" defaultValue={types[0] ?? ""}>
          <option value="">All types</option>
          {TYPES.map((t) => (
            <option key={t} value={t}>
              {RELATION_TYPES[t].label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="n-at">In force on</label>
        <input id="n-at" name="at" type="text" size={10} placeholder="2025-12" defaultValue={at ?? ""} />
      </div>
      {actorSelect("around", "Around actor", around)}
      <div className="field">
        <label htmlFor="n-hops">Hops</label>
        <select id="n-hops" name="hops" defaultValue={String(hops)}>
          {[1, 2, 3, 4].map((h) => (
            <option key={h} value={h}>
              {h}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="n-shared">Ties</label>
        <select id="n-shared" name="shared" defaultValue={withShared ? "1" : ""}>
          <option value="">Relations only</option>
          <option value="1">Relations + shared events</option>
        </select>
      </div>
      {actorSelect("from", "Path from", from)}
      {actorSelect("to", "Path to", to)}
    </FilterForm>
  );

  if (!graph.ok) {
    return (
      <>
        <h1>Network</h1>
        {form}
        <ParamProblems problems={problems} resetHref="/network" />
        <LoadProblem
          code={graph.code}
          message={graph.message}
          what="the network"
          resetHref="/network"
          heading={2}
        />
      </>
    );
  }

  const g = graph.data;
  const pathEdges = new Set(path?.ok && path.data.found ? path.data.steps.map((s) => s.edge.id) : []);
  const extraEdges =
    path?.ok && path.data.found
      ? path.data.steps.map((s) => s.edge).filter((e) => !g.edges.some((x) => x.id === e.id))
      : [];
  const allEdges = [...g.edges, ...extraEdges];
  const nodeIds = new Set(g.nodes.map((n) => n.id));
  const extraNodes =
    path?.ok && path.data.found
      ? path.data.actors
          .filter((a) => !nodeIds.has(a.id))
          .map((a) => ({ id: a.id, name: a.name, kind: null, degree: 1 }))
      : [];
  const connected = new Set(allEdges.flatMap((e) => [e.from, e.to]));
  // actors without a tie under these filters are listed, not scattered around the picture
  const isolated = g.nodes.filter((n) => !connected.has(n.id) && n.id !== around);
  const allNodes = [
    ...g.nodes
      .filter((n) => connected.has(n.id) || n.id === around)
      .map((n) => ({ id: n.id, name: n.name, kind: n.kind, degree: n.degree })),
    ...extraNodes,
  ];
  const positioned = layoutGraph(
    allNodes.map((n) => ({ id: n.id, weight: n.degree })),
    allEdges.map((e) => ({ source: e.from, target: e.to })),
    W,
    H,
  );
  const posById = new Map(positioned.map((p) => [p.id, p]));
  const placed = allNodes.map((n) => ({ n, p: posById.get(n.id) ?? { x: W / 2, y: H / 2, r: 6 } }));
  // labels that would overlap give way to the better connected (shown on hover and focus)
  const labels = placeLabels(
    placed.map(({ n, p }) => ({
      id: n.id,
      x: p.x,
      y: p.y,
      r: p.r,
      chars: labelText(n.name).length,
      priority: n.id === around ? Number.POSITIVE_INFINITY : n.degree,
    })),
    W,
    H,
  );
  const nodes: NetNode[] = placed.map(({ n, p }) => ({
    id: n.id,
    name: n.name,
    kind: n.kind,
    x: p.x,
    y: p.y,
    r: p.r,
    centre: n.id === around,
    label: labels.get(n.id) ?? null,
  }));
  const edges: NetEdge[] = allEdges.map((e) => ({
    id: e.id,
    from: e.from,
    to: e.to,
    type: e.type,
    directed: e.directed,
    onPath: pathEdges.has(e.id),
    label: `${names.get(e.from) ?? e.from} — ${edgeLabel(e.type)} — ${names.get(e.to) ?? e.to}`,
  }));
  const typesShown = [...new Set(edges.map((e) => e.type))];
  const groups = new Map<string, string[]>();
  for (const t of typesShown) {
    const grp = EDGE_GROUP[t]?.group ?? "other";
    groups.set(grp, [...(groups.get(grp) ?? []), t]);
  }

  // the title of an exported SVG/PNG: what the picture shows, as the lede says it
  const exportTitle = [
    `Actor network: ${nodes.length.toLocaleString("en")} actors, ${edges.length.toLocaleString("en")} ties`,
    around ? ` within ${hops} hop${hops > 1 ? "s" : ""} of ${names.get(around) ?? around}` : "",
    at ? ` in force on ${at}` : "",
    g.nodesTruncated ? ` (the most connected of ${g.totalNodes.toLocaleString("en")})` : "",
  ].join("");

  return (
    <>
      <h1>Network</h1>
      <p className="lede">
        {g.nodes.length.toLocaleString("en")} actors and {g.edges.length.toLocaleString("en")} ties
        {around ? ` within ${hops} hop${hops > 1 ? "s" : ""} of ${names.get(around) ?? around}` : ""}
        {at ? ` in force on ${at}` : ""}. Hover a node to see its ties; click it to open the profile.
      </p>
      {g.nodesTruncated || g.truncated ? (
        <p className="notice" data-testid="network-summary">
          Showing the {g.nodes.length.toLocaleString("en")} most connected of{" "}
          {g.totalNodes.toLocaleString("en")} actors and {g.edges.length.toLocaleString("en")} of{" "}
          {g.totalEdges.toLocaleString("en")} ties between them. Choose an actor under “Around actor” (or open
          an actor&rsquo;s profile) to see its own neighbourhood.
        </p>
      ) : null}
      {form}
      <ParamProblems problems={problems} resetHref="/network" />

      {path ? (
        path.ok ? (
          <div className="notice" role="status" data-testid="path-result">
            {path.data.found ? (
              <>
                <strong>
                  Shortest connection: {path.data.length} step{path.data.length === 1 ? "" : "s"}
                </strong>
                <ol>
                  {path.data.steps.map((s) => (
                    <li key={s.edge.id}>
                      <a href={hrefFor("actor", s.from)}>{names.get(s.from) ?? s.from}</a> —{" "}
                      {s.reversed
                        ? `(is the other end of) ${edgeLabel(s.edge.type)}`
                        : edgeLabel(s.edge.type)}{" "}
                      — <a href={hrefFor("actor", s.to)}>{names.get(s.to) ?? s.to}</a>
                    </li>
                  ))}
                </ol>
              </>
            ) : (
              <>
                No connection between {names.get(from ?? "") ?? from} and {names.get(to ?? "") ?? to} with
                these filters{withShared ? "" : " — try including shared events"}.
              </>
            )}
          </div>
        ) : (
          <LoadProblem code={path.code} message={path.message} what="the path" />
        )
      ) : null}

      {nodes.length === 0 ? (
        <Empty>
          No actors or ties match these filters. <a href="/network">Show the whole network</a>.
        </Empty>
      ) : (
        <NetworkGraph nodes={nodes} edges={edges} width={W} height={H} title={exportTitle} />
      )}

      {isolated.length > 0 ? (
        <p className="small muted">
          Without ties under these filters ({isolated.length}):{" "}
          {isolated.map((n, i) => (
            <span key={n.id}>
              {i > 0 ? ", " : ""}
              <a href={hrefFor("actor", n.id)}>{n.name}</a>
            </span>
          ))}
          .
        </p>
      ) : null}

      <section aria-labelledby="legend-h">
        <h2 id="legend-h" className="h3">
          Legend
        </h2>
        <ul className="legend small">
          {[...groups.entries()].map(([grp, ts]) => (
            <li key={grp}>
              <span className="swatch" style={{ background: edgeColour(ts[0] ?? "") }} /> {grp}:{" "}
              {ts.map(edgeLabel).join(", ")}
            </li>
          ))}
          <li>Arrows point from → to for directed relations.</li>
        </ul>
      </section>

      <details>
        <summary>All ties as a table ({edges.length})</summary>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">From</th>
                <th scope="col">Tie</th>
                <th scope="col">To</th>
                <th scope="col">When</th>
              </tr>
            </thead>
            <tbody>
              {allEdges.map((e) => (
                <tr key={e.id}>
                  <td>
                    <a href={hrefFor("actor", e.from)}>{names.get(e.from) ?? e.from}</a>
                  </td>
                  <td>
                    {edgeLabel(e.type)}
                    {e.weight > 0 ? <span className="muted small"> · {e.weight} shared events</span> : null}
                  </td>
                  <td>
                    <a href={hrefFor("actor", e.to)}>{names.get(e.to) ?? e.to}</a>
                  </td>
                  <td>{e.when ? <DateText date={e.when} /> : <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}
