import { ActorKindSchema } from "@dealmap/domain";
import type { Metadata } from "next";
import { DatasetFilterField } from "@/components/dataset-filter";
import { FilterForm } from "@/components/filter-form";
import { LoadProblem } from "@/components/load-problem";
import { ParamProblems } from "@/components/param-problems";
import { DatasetTag, Empty } from "@/components/ui";
import { filterableDatasets, isImported } from "@/lib/datasets";
import { humanize } from "@/lib/labels";
import { hrefFor } from "@/lib/links";
import { enumParam, one, type ParamProblem, type SearchParams } from "@/lib/params";
import { datasetList } from "@/lib/server-data";
import { call } from "@/trpc/server";

export const metadata: Metadata = { title: "Actors" };

const KINDS = ActorKindSchema.options;

/** The actors: by kind and dataset, or found by name under any spelling. */
export default async function ActorsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const problems: ParamProblem[] = [];
  const [kind] = enumParam(sp, "kind", KINDS, problems);
  const known = await datasetList();
  const choices = filterableDatasets(known);
  const datasets = enumParam(
    sp,
    "dataset",
    choices.map((d) => d.name),
    problems,
  );
  let q = one(sp, "q");
  if (q && q.length > 200) {
    problems.push({
      param: "q",
      value: q.slice(0, 20),
      message: "the search text is longer than 200 characters",
    });
    q = undefined;
  }
  const [list, hits] = await Promise.all([
    call((api) =>
      api.actors.list({ ...(kind ? { kind } : {}), ...(datasets.length ? { datasets } : {}), limit: 200 }),
    ),
    q ? call((api) => api.search.query({ q, kinds: ["actor"], limit: 50 })) : Promise.resolve(null),
  ]);
  if (!list.ok)
    return (
      <LoadProblem
        code={list.code}
        message={list.message}
        what="the actors"
        resetHref="/actors"
        heading={1}
      />
    );
  const byId = new Map(list.data.items.map((a) => [a.id, a]));
  const datasetOf = new Map(list.data.items.map((a, i) => [a.id, list.data.datasets[i] ?? ""]));
  const byName = Object.fromEntries(known.map((d) => [d.name, d]));
  const shown = hits?.ok
    ? hits.data.hits.map((h) => byId.get(h.id)).filter((a): a is NonNullable<typeof a> => !!a)
    : list.data.items;
  const matched = new Map(hits?.ok ? hits.data.hits.map((h) => [h.id, h.matched]) : []);
  const counts = new Map<string, number>();
  for (const a of list.data.items) counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1);

  return (
    <>
      <h1>Actors</h1>
      <p className="lede">
        People, states, organizations, media and offices in the story — {list.data.total} in all
        {kind ? ` of kind “${kind}”` : ""}
        {datasets.length ? ` from ${datasets.join(", ")}` : ""}.
      </p>
      <FilterForm action="/actors" label="Actor filters">
        <div className="field">
          <label htmlFor="a-q">Name (any spelling)</label>
          <input
            id="a-q"
            name="q"
            type="text"
            defaultValue={q ?? ""}
            placeholder="Lukashenka, Цiханоўская…"
          />
        </div>
        <div className="field">
          <label htmlFor="a-kind">Kind</label>
          <select id="a-kind" name="kind" defaultValue={kind ?? ""}>
            <option value="">Any kind</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {humanize(k)}
              </option>
            ))}
          </select>
        </div>
        <DatasetFilterField id="a-dataset" datasets={choices} value={datasets[0]} />
      </FilterForm>
      <ParamProblems problems={problems} resetHref="/actors" />
      {shown.length === 0 ? (
        <Empty>
          No actor matches{q ? ` “${q}”` : ""}. <a href="/actors">Show all actors</a>.
        </Empty>
      ) : (
        <ul className="grid actor-grid">
          {shown.map((a) => (
            <li key={a.id} className="card" data-dataset={datasetOf.get(a.id)}>
              <h2 className="h3">
                <a href={hrefFor("actor", a.id)}>{a.name}</a>
              </h2>
              <div className="row small">
                <span className="tag">{humanize(a.kind)}</span>
                {a.country ? <span className="muted">{a.country}</span> : null}
                {isImported(datasetOf.get(a.id) ?? "", byName) ? (
                  <DatasetTag name={datasetOf.get(a.id) ?? ""} />
                ) : null}
                {matched.get(a.id) && matched.get(a.id) !== a.name ? (
                  <span className="muted">matched “{matched.get(a.id)}”</span>
                ) : null}
              </div>
              <p className="small">{a.description}</p>
              {a.aliases.length > 0 ? (
                <p className="small muted">Also: {a.aliases.map((x) => x.name).join(" · ")}</p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {!q ? (
        <p className="small muted">{[...counts.entries()].map(([k, n]) => `${n} ${k}`).join(" · ")}</p>
      ) : null}
    </>
  );
}
