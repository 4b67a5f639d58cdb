import type { RouterInputs } from "@dealmap/api";
import {
  dateBounds,
  EpistemicStatusSchema,
  EVENT_KINDS,
  type EventKind,
  EventKindSchema,
} from "@dealmap/domain";
import type { Metadata } from "next";
import { Suspense } from "react";
import { DatasetFilterField } from "@/components/dataset-filter";
import { DateText } from "@/components/date-text";
import { FilterForm } from "@/components/filter-form";
import { LoadProblem } from "@/components/load-problem";
import { ParamProblems } from "@/components/param-problems";
import type { Lane } from "@/components/timeline-chart";
import { TimelineView, type WindowQuery } from "@/components/timeline-view";
import type { DateInfo } from "@/components/ui";
import { DatasetTag, Empty, StatusBadge } from "@/components/ui";
import { type DatasetLabelInfo, filterableDatasets, isImported } from "@/lib/datasets";
import { dateInfo } from "@/lib/date-info";
import { EPISTEMIC_LABEL, humanize } from "@/lib/labels";
import { hrefFor } from "@/lib/links";
import { dateParam, enumParam, idParam, type ParamProblem, qs, type SearchParams } from "@/lib/params";
import { datasetList, entityLabels, filterActorNames } from "@/lib/server-data";
import { EVENT_LIMIT } from "@/lib/time-axis";
import { call, HydrateClient, load, sourceTitles, trpc } from "@/trpc/server";
import { TimelineIntro } from "./intro";

export const metadata: Metadata = { title: "Timeline" };

const PAGE = 100;
const KINDS = EventKindSchema.options;
const STATUSES = EpistemicStatusSchema.options;

export default async function TimelinePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const problems: ParamProblem[] = [];
  // the names the dataset filter takes are the data's own, so they are read first
  const known = await datasetList();
  const choices = filterableDatasets(known);
  const actors = idParam(sp, "actor", problems);
  const places = idParam(sp, "place", problems);
  const kinds = enumParam(sp, "kind", KINDS, problems);
  const statuses = enumParam(sp, "status", STATUSES, problems);
  const from = dateParam(sp, "from", problems);
  const to = dateParam(sp, "to", problems);
  const [lanesBy] = enumParam(sp, "lanes", ["kind", "actor"] as const, problems);
  const [after] = idParam(sp, "after", problems);
  const [selected] = idParam(sp, "event", problems);
  const datasets = enumParam(
    sp,
    "dataset",
    choices.map((d) => d.name),
    problems,
  );
  if (from && to) {
    try {
      if (dateBounds(to).max < dateBounds(from).min) {
        problems.push({ param: "to", value: to, message: `"${to}" is before "from" (${from})` });
      }
    } catch {
      // both were validated above
    }
  }
  const reversed = problems.some((p) => p.param === "to" && p.message.includes("before"));

  const filter = {
    ...(actors.length ? { actors } : {}),
    ...(places.length ? { places } : {}),
    ...(kinds.length ? { kinds } : {}),
    ...(statuses.length ? { statuses } : {}),
    ...(from ? { from } : {}),
    ...(to && !reversed ? { to } : {}),
    ...(datasets.length ? { datasets } : {}),
  };

  const [names, placeList] = await Promise.all([
    filterActorNames(actors),
    call((api) => api.places.list({ limit: 200 })),
  ]);

  const form = (
    <FilterForm action="/timeline" label="Timeline filters" keep={["after", "event"]}>
      <div className="field">
        <label htmlFor="f-actor">Actor</label>
        <select id="f-actor" name="actor" defaultValue={actors[0] ?? ""}>
          <option value="">Any actor</option>
          {[...names.entries()]
            .sort((a, b) => a[1].localeCompare(b[1]))
            .map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-kind">Kind</label>
        <select id="f-kind" name="kind" defaultValue={kinds[0] ?? ""}>
          <option value="">Any kind</option>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {EVENT_KINDS[k].label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-place">Place</label>
        <select id="f-place" name="place" defaultValue={places[0] ?? ""}>
          <option value="">Any place</option>
          {placeList.ok
            ? placeList.data.items.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))
            : null}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-status">Status</label>
        <select id="f-status" name="status" defaultValue={statuses[0] ?? ""}>
          <option value="">Any status</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {EPISTEMIC_LABEL[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-from">From</label>
        <input
          id="f-from"
          name="from"
          type="text"
          size={10}
          placeholder="2025-06"
          defaultValue={from ?? ""}
        />
      </div>
      <div className="field">
        <label htmlFor="f-to">To</label>
        <input id="f-to" name="to" type="text" size={10} placeholder="2025-12-31" defaultValue={to ?? ""} />
      </div>
      <DatasetFilterField id="f-dataset" datasets={choices} value={datasets[0]} />
      <div className="field">
        <label htmlFor="f-lanes">Lanes</label>
        <select id="f-lanes" name="lanes" defaultValue={lanesBy ?? "kind"}>
          <option value="kind">by kind</option>
          <option value="actor">by actor</option>
        </select>
      </div>
    </FilterForm>
  );

  return (
    <>
      <TimelineIntro />
      {form}
      <ParamProblems problems={problems} resetHref="/timeline" />
      <Suspense
        fallback={
          <div aria-busy="true">
            <p className="muted">Reading the events…</p>
            <div className="skeleton" style={{ height: "16rem" }} />
          </div>
        }
      >
        <TimelineBody
          filter={filter}
          lanesBy={lanesBy}
          after={after}
          selected={selected ?? null}
          known={known}
          base={[
            ...actors.map((a): [string, string] => ["actor", a]),
            ...kinds.map((k): [string, string] => ["kind", k]),
            ...places.map((p): [string, string] => ["place", p]),
            ...statuses.map((s): [string, string] => ["status", s]),
            ...datasets.map((d): [string, string] => ["dataset", d]),
            ["from", from],
            ["to", to],
            ["lanes", lanesBy],
          ]}
        />
      </Suspense>
    </>
  );
}

type EventsFilter = Omit<RouterInputs["events"]["list"], "cursor" | "limit">;

/** The part that needs the events: streamed after the page's shell. */
async function TimelineBody({
  filter,
  lanesBy,
  after,
  selected,
  known,
  base,
}: {
  filter: EventsFilter;
  lanesBy: "kind" | "actor" | undefined;
  /** The list's cursor: the last event of the previous page. */
  after: string | undefined;
  selected: string | null;
  /** The datasets the data holds, to tag imported events. */
  known: DatasetLabelInfo[];
  base: [string, string | undefined][];
}) {
  const { from, to, containedOnly: _c, ...rest } = filter;
  const query: WindowQuery = { ...rest, lanes: lanesBy ?? "kind" };
  const windowed = from !== undefined || to !== undefined;
  // the whole filtered timeline (lanes, "Fit all"), the window asked for, and the list's page
  const [whole, first, list, titles] = await Promise.all([
    call((api) => api.events.window({ ...query, bins: 200, eventLimit: EVENT_LIMIT })),
    windowed
      ? call((api) => api.events.window({ ...query, from, to, bins: 200, eventLimit: EVENT_LIMIT }))
      : null,
    call((api) => api.events.list({ ...filter, limit: PAGE, ...(after ? { cursor: after } : {}) })),
    sourceTitles(),
  ]);
  if (selected) await load((qc) => qc.prefetchQuery(trpc.events.get.queryOptions({ id: selected })));
  const failed = [whole, first, list].find((r) => r !== null && !r.ok);
  if (failed && !failed.ok) {
    return (
      <LoadProblem
        code={failed.code}
        message={failed.message}
        resetHref="/timeline"
        what="the timeline"
        heading={2}
      />
    );
  }
  if (!whole.ok || !list.ok || (first && !first.ok)) return null;
  const firstWindow = first?.ok ? first.data : whole.data;

  const kindOrder = Object.keys(EVENT_KINDS) as EventKind[];
  const byActor = lanesBy === "actor";
  const present = new Set(whole.data.lanes.map((l) => l.key));
  const lanes: Lane[] = byActor
    ? whole.data.lanes.map((l) => ({ key: l.key, label: l.label }))
    : kindOrder.filter((k) => present.has(k)).map((k) => ({ key: k, label: humanize(EVENT_KINDS[k].label) }));
  const byName = Object.fromEntries(known.map((d) => [d.name, d]));
  // the imports' density, each in a band under the curated lanes (unless only imports are shown)
  const bands: Lane[] = whole.data.datasets
    .filter((d) => isImported(d.key, byName))
    .filter(() => !(rest.datasets?.length && rest.datasets.every((n) => isImported(n, byName))))
    .map((d) => ({ key: d.key, label: `Imported: ${d.key}` }));
  const titleMap = Object.fromEntries(titles);
  const kindLabels = Object.fromEntries(kindOrder.map((k) => [k, EVENT_KINDS[k].label]));
  const items = list.data.items;
  const names = await entityLabels(
    items.flatMap((e) => [
      ...e.participants.slice(0, 5).map((p) => p.actor),
      ...(e.claimedBy ? [e.claimedBy] : []),
    ]),
  );
  const dateLabels: Record<string, DateInfo> = {};
  for (const e of items)
    for (const d of [e.date, ...e.dateVariants.map((v) => v.date)]) dateLabels[d] ??= dateInfo(d);
  const total = list.data.total;
  const listBase = `/timeline${qs(base.filter(([k]) => k !== "from" && k !== "to"))}`;
  const here = `/timeline${qs(base)}`;
  const empty = whole.data.total === 0 && whole.data.undated === 0;

  return (
    <>
      <p className="muted" data-testid="event-count">
        {total.toLocaleString("en")} event{total === 1 ? "" : "s"}
        {Object.keys(filter).length ? " match the filters" : ""}
        {windowed ? " in this window" : ""}.
        {whole.data.undated > 0
          ? ` ${whole.data.undated.toLocaleString("en")} open at both ends are listed but not drawn.`
          : ""}
      </p>
      {empty ? (
        <Empty>
          No events match these filters. <a href="/timeline">Show all events</a>.
        </Empty>
      ) : (
        <HydrateClient>
          <TimelineView
            whole={whole.data}
            first={firstWindow}
            query={query}
            lanes={lanes}
            bands={bands}
            selected={selected}
            titles={titleMap}
            dateLabels={dateLabels}
            kindLabels={kindLabels}
            datasets={byName}
            listBase={listBase}
          />
        </HydrateClient>
      )}

      {items.length > 0 ? (
        <section aria-labelledby="list-h">
          <h2 id="list-h">List of events</h2>
          <p className="small muted">
            {windowed ? "The events of this window" : "The same events"} in date order, {PAGE} at a time
            {after ? " (a later page)" : ""}.
          </p>
          <ol className="list event-list">
            {items.map((e, i) => {
              const dataset = list.data.datasets[i] ?? "";
              return (
                <li key={e.id} data-status={e.status} data-dataset={dataset}>
                  <div className="row">
                    <DateText date={e.date} />
                    <StatusBadge status={e.status} claimedBy={e.claimedBy ? names.get(e.claimedBy) : null} />
                    <span className="tag">{EVENT_KINDS[e.kind]?.label ?? e.kind}</span>
                    {isImported(dataset, byName) ? <DatasetTag name={dataset} /> : null}
                  </div>
                  <a href={hrefFor("event", e.id)}>{e.title}</a>
                  {e.participants.length > 0 ? (
                    <div className="small muted">
                      {e.participants
                        .slice(0, 5)
                        .map((p) => names.get(p.actor) ?? p.actor)
                        .join(", ")}
                      {e.participants.length > 5 ? ` and ${e.participants.length - 5} more` : ""}
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ol>
          {after || list.data.nextCursor ? (
            <nav aria-label="List pages" className="row">
              {after ? <a href={`${here}#list-h`}>← First page</a> : null}
              {list.data.nextCursor ? (
                <a href={`/timeline${qs([...base, ["after", list.data.nextCursor]])}#list-h`}>Later →</a>
              ) : null}
            </nav>
          ) : null}
        </section>
      ) : windowed && !empty ? (
        <p className="muted">No events in this window.</p>
      ) : null}
    </>
  );
}
