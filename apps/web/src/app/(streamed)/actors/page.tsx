import type { RouterOutputs } from "@dealmap/api";
import { ActorKindSchema } from "@dealmap/domain";
import type { Metadata } from "next";
import { DatasetFilterField } from "@/components/dataset-filter";
import { FilterForm } from "@/components/filter-form";
import { LoadProblem } from "@/components/load-problem";
import { Pager } from "@/components/pager";
import { ParamProblems } from "@/components/param-problems";
import { DatasetTag, Empty } from "@/components/ui";
import { type DatasetLabelInfo, filterableDatasets, isImported } from "@/lib/datasets";
import { humanize } from "@/lib/labels";
import { hrefFor } from "@/lib/links";
import { nextPage, pageFromUrl, rangeText, startOf } from "@/lib/paging";
import { enumParam, one, type ParamProblem, qs, type SearchParams } from "@/lib/params";
import { datasetList, entitiesById } from "@/lib/server-data";
import { call } from "@/trpc/server";

export const metadata: Metadata = { title: "Actors" };

const KINDS = ActorKindSchema.options;
/** Actors per page. */
const PAGE = 100;
/** Most name matches a search gives (the router's search answers at most 100). */
const MATCHES = 100;
/** Name matches per page. */
const MATCH_PAGE = 50;

type Actor = RouterOutputs["actors"]["list"]["items"][number];

/**
 * The actors: by kind and dataset, a page of 100 at a time (the router's cursor in the URL), with
 * exact totals per kind; or found by name under any spelling, the best 100 matches paged the same way.
 */
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
  let at = pageFromUrl(sp, problems);
  const filters: [string, string | undefined][] = [
    ["q", q],
    ["kind", kind],
    ...datasets.map((d): [string, string] => ["dataset", d]),
  ];
  const byName = Object.fromEntries(known.map((d) => [d.name, d]));

  const form = (
    <FilterForm action="/actors" label="Actor filters" keep={["after", "page"]}>
      <div className="field">
        <label htmlFor="a-q">Name (any spelling)</label>
        <input id="a-q" name="q" type="text" defaultValue={q ?? ""} placeholder="Lukashenka, Цiханоўская…" />
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
  );
  const lede = (total: number | null) => (
    <p className="lede">
      People, states, organizations, media and offices in the story
      {total === null ? "" : ` — ${total.toLocaleString("en")} in all`}
      {kind ? ` of kind “${kind}”` : ""}
      {datasets.length ? ` from ${datasets.join(", ")}` : ""}.
    </p>
  );
  const filter = { ...(kind ? { kind } : {}), ...(datasets.length ? { datasets } : {}) };

  if (q) {
    // the best matches by name; kind and dataset filters apply to them
    const query = q;
    const hits = await call((api) => api.search.query({ q: query, kinds: ["actor"], limit: MATCHES }));
    if (!hits.ok)
      return (
        <LoadProblem
          code={hits.code}
          message={hits.message}
          what="the actors"
          resetHref="/actors"
          heading={1}
        />
      );
    const filtered = Boolean(kind || datasets.length);
    let ids = hits.data.hits.map((h) => h.id);
    const matched = new Map(hits.data.hits.map((h) => [h.id, h.matched]));
    // with a filter, every match is looked up to be tested; without one, only the page's
    let found = filtered ? await entitiesById(ids) : null;
    if (found && !found.ok)
      return (
        <LoadProblem
          code={found.code}
          message={found.message}
          what="the actors"
          resetHref="/actors"
          heading={1}
        />
      );
    if (found?.ok) {
      const { byId, datasets: ds } = found.data;
      ids = ids.filter((id) => {
        const e = byId.get(id);
        return (
          e?.kind === "actor" &&
          (!kind || e.entity.kind === kind) &&
          (!datasets.length || datasets.includes(ds.get(id) ?? ""))
        );
      });
    }
    let start = 0;
    if (at.after !== undefined) {
      const i = ids.indexOf(at.after);
      if (i < 0) {
        problems.push({
          param: "after",
          value: at.after.slice(0, 40),
          message: "is not one of these matches",
        });
        at = { after: undefined, page: 1 };
      } else start = i + 1;
    }
    const pageIds = ids.slice(start, start + MATCH_PAGE);
    if (!found) found = await entitiesById(pageIds);
    if (!found.ok)
      return (
        <LoadProblem
          code={found.code}
          message={found.message}
          what="the actors"
          resetHref="/actors"
          heading={1}
        />
      );
    const { byId, datasets: ds } = found.data;
    const shown = pageIds.flatMap((id) => {
      const e = byId.get(id);
      return e?.kind === "actor" ? [{ actor: e.entity, dataset: ds.get(id) ?? "" }] : [];
    });
    const more = start + MATCH_PAGE < ids.length;
    const cut = hits.data.hits.length === MATCHES;
    const position = { after: at.after, page: Math.floor(start / MATCH_PAGE) + 1 };
    return (
      <>
        <h1>Actors</h1>
        {lede(null)}
        {form}
        <ParamProblems problems={problems} resetHref="/actors" />
        {shown.length === 0 ? (
          <Empty>
            No actor matches “{q}”{filtered ? " with these filters" : ""}.{" "}
            <a href="/actors">Show all actors</a>.
          </Empty>
        ) : (
          <>
            <p className="muted" id="list-h" data-testid="list-range">
              {rangeText({
                start: start + 1,
                count: shown.length,
                total: ids.length,
                atLeast: cut,
                noun: `actor${ids.length === 1 && !cut ? "" : "s"} matching “${q}”`,
              })}
              {cut ? ". More may match: add a word or another filter to narrow the search." : "."}
            </p>
            <ActorCards items={shown} matched={matched} byName={byName} />
            <Pager
              label="Pages of matching actors"
              path="/actors"
              params={filters}
              at={position}
              next={more ? { after: pageIds[pageIds.length - 1], page: position.page + 1 } : null}
              hash="list-h"
            />
          </>
        )}
      </>
    );
  }

  let list = await call((api) =>
    api.actors.list({ ...filter, limit: PAGE, ...(at.after ? { cursor: at.after } : {}) }),
  );
  if (!list.ok && list.parameter === "cursor" && at.after !== undefined) {
    // a cursor from another version of the data, or typed by hand: start from the first page
    problems.push({ param: "after", value: at.after.slice(0, 40), message: "is not an actor of this list" });
    at = { after: undefined, page: 1 };
    list = await call((api) => api.actors.list({ ...filter, limit: PAGE }));
  }
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
  // exact counts per kind (one count each, never a pass over the actors)
  const perKind = await Promise.all(
    KINDS.map(async (k) => {
      const r = await call((api) => api.actors.list({ ...filter, kind: k, limit: 1 }));
      return [k, r.ok ? r.data.total : null] as const;
    }),
  );
  const total = list.data.total;
  const shown = list.data.items.map((actor, i) => ({ actor, dataset: list.data.datasets[i] ?? "" }));
  const kindLink = (k: string) =>
    `/actors${qs([["kind", k], ...datasets.map((d): [string, string] => ["dataset", d])])}`;

  return (
    <>
      <h1>Actors</h1>
      {lede(total)}
      {form}
      <ParamProblems problems={problems} resetHref="/actors" />
      {shown.length === 0 ? (
        <Empty>
          No actor matches these filters. <a href="/actors">Show all actors</a>.
        </Empty>
      ) : (
        <>
          <p className="muted" id="list-h" data-testid="list-range">
            {rangeText({
              start: startOf(at, PAGE),
              count: shown.length,
              total,
              noun: total === 1 ? "actor" : "actors",
            })}
            .
          </p>
          <ActorCards items={shown} matched={new Map()} byName={byName} />
          <Pager
            label="Pages of actors"
            path="/actors"
            params={filters}
            at={at}
            next={nextPage(at, list.data.nextCursor)}
            hash="list-h"
          />
        </>
      )}
      <p className="small muted" data-testid="kind-counts">
        By kind:{" "}
        {perKind
          .filter(([, n]) => n !== 0)
          .map(([k, n], i) => (
            <span key={k}>
              {i > 0 ? " · " : ""}
              {k === kind ? (
                <strong>
                  {n === null ? "?" : n.toLocaleString("en")} {humanize(k)}
                </strong>
              ) : (
                <a href={kindLink(k)}>
                  {n === null ? "?" : n.toLocaleString("en")} {humanize(k)}
                </a>
              )}
            </span>
          ))}
      </p>
    </>
  );
}

/** One card per actor: name, kind, country, dataset when imported, the spelling matched. */
function ActorCards({
  items,
  matched,
  byName,
}: {
  items: { actor: Actor; dataset: string }[];
  matched: Map<string, string>;
  byName: Record<string, DatasetLabelInfo>;
}) {
  return (
    <ul className="grid actor-grid">
      {items.map(({ actor: a, dataset }) => (
        <li key={a.id} className="card" data-dataset={dataset}>
          <h2 className="h3">
            <a href={hrefFor("actor", a.id)}>{a.name}</a>
          </h2>
          <div className="row small">
            <span className="tag">{humanize(a.kind)}</span>
            {a.country ? <span className="muted">{a.country}</span> : null}
            {isImported(dataset, byName) ? <DatasetTag name={dataset} /> : null}
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
  );
}
