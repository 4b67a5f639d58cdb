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
import { type TimelineRow, TimelineView } from "@/components/timeline-view";
import type { DateInfo } from "@/components/ui";
import { DatasetTag, Empty, StatusBadge } from "@/components/ui";
import { type DatasetLabelInfo, filterableDatasets, isImported } from "@/lib/datasets";
import { boundsOf, dateInfo } from "@/lib/date-info";
import { EPISTEMIC_LABEL, humanize } from "@/lib/labels";
import { hrefFor } from "@/lib/links";
import {
  dateParam,
  enumParam,
  idParam,
  type ParamProblem,
  pageParam,
  qs,
  type SearchParams,
} from "@/lib/params";
import { actorNames, allEvents, datasetList } from "@/lib/server-data";
import { call, HydrateClient, load, sourceTitles, trpc } from "@/trpc/server";
import { TimelineIntro } from "./intro";

export const metadata: Metadata = { title: "Timeline" };

const PAGE = 100;
const KINDS = EventKindSchema.options;
const STATUSES = EpistemicStatusSchema.options;
const MAX_ACTOR_LANES = 14;

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
  const page = pageParam(sp, "page", problems);
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
    actorNames(),
    call((api) => api.places.list({ limit: 200 })),
  ]);

  const form = (
    <FilterForm action="/timeline" label="Timeline filters" keep={["page", "event"]}>
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
          names={names}
          lanesBy={lanesBy}
          page={page}
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

type EventsFilter = Parameters<typeof allEvents>[0];

/** The part that needs the events: streamed after the page's shell. */
async function TimelineBody({
  filter,
  names,
  lanesBy,
  page,
  selected,
  known,
  base,
}: {
  filter: EventsFilter;
  names: Map<string, string>;
  lanesBy: "kind" | "actor" | undefined;
  page: number;
  selected: string | null;
  /** The datasets the data holds, to tag imported events. */
  known: DatasetLabelInfo[];
  base: [string, string | undefined][];
}) {
  const [events, titles] = await Promise.all([allEvents(filter), sourceTitles()]);
  if (selected) await load((qc) => qc.prefetchQuery(trpc.events.get.queryOptions({ id: selected })));
  if (!events.ok) {
    return (
      <LoadProblem
        code={events.code}
        message={events.message}
        resetHref="/timeline"
        what="the timeline"
        heading={2}
      />
    );
  }

  const list = events.data.items;
  // the axis: finite bounds for every event (open ends are drawn to the data's edge)
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  const bounds = list.map((e) => {
    const b = boundsOf(e.date) ?? { min: Number.NaN, max: Number.NaN };
    if (Number.isFinite(b.min)) lo = Math.min(lo, b.min);
    if (Number.isFinite(b.max)) hi = Math.max(hi, b.max);
    return b;
  });
  const byActor = lanesBy === "actor";
  const actorCounts = new Map<string, number>();
  if (byActor)
    for (const e of list)
      for (const p of new Set(e.participants.map((x) => x.actor)))
        actorCounts.set(p, (actorCounts.get(p) ?? 0) + 1);
  const topActors = [...actorCounts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_ACTOR_LANES)
    .map(([id]) => id);
  const topSet = new Set(topActors);

  const dateLabels: Record<string, DateInfo> = {};
  const rows: TimelineRow[] = list.map((e, i) => {
    const b = bounds[i] ?? { min: lo, max: hi };
    const laneKeys = byActor
      ? [...new Set(e.participants.map((p) => (topSet.has(p.actor) ? p.actor : "~other")))]
      : [e.kind];
    for (const d of [e.date, ...e.dateVariants.map((v) => v.date)]) dateLabels[d] ??= dateInfo(d);
    return [
      e.id,
      e.title,
      e.kind,
      e.status,
      e.date,
      Number.isFinite(b.min) ? b.min : lo,
      Number.isFinite(b.max) ? b.max : hi,
      dateLabels[e.date]?.fuzzy ? 1 : 0,
      laneKeys.length ? laneKeys : ["~other"],
    ];
  });
  const kindOrder = Object.keys(EVENT_KINDS) as EventKind[];
  const lanes: Lane[] = byActor
    ? [
        ...topActors.map((id) => ({ key: id, label: names.get(id) ?? id })),
        ...(rows.some((r) => r[8].includes("~other")) ? [{ key: "~other", label: "Others / none" }] : []),
      ]
    : kindOrder
        .filter((k) => rows.some((r) => r[2] === k))
        .map((k) => ({ key: k, label: humanize(EVENT_KINDS[k].label) }));

  const pages = Math.max(1, Math.ceil(list.length / PAGE));
  const first = (page - 1) * PAGE;
  const pageItems = list.slice(first, page * PAGE);
  const byName = Object.fromEntries(known.map((d) => [d.name, d]));
  const titleMap = Object.fromEntries(titles);

  const kindLabels = Object.fromEntries(kindOrder.map((k) => [k, EVENT_KINDS[k].label]));
  return (
    <>
      <p className="muted" data-testid="event-count">
        {events.data.total} event{events.data.total === 1 ? "" : "s"}
        {Object.keys(filter).length ? " match the filters" : ""}.
      </p>
      {list.length === 0 ? (
        <Empty>
          No events match these filters. <a href="/timeline">Show all events</a>.
        </Empty>
      ) : (
        <HydrateClient>
          <TimelineView
            rows={rows}
            lanes={lanes}
            selected={selected}
            titles={titleMap}
            dateLabels={dateLabels}
            kindLabels={kindLabels}
            datasets={byName}
          />
        </HydrateClient>
      )}

      {list.length > 0 ? (
        <section aria-labelledby="list-h">
          <h2 id="list-h">List of events</h2>
          <p className="small muted">
            The same events in date order{pages > 1 ? `, ${PAGE} per page (page ${page} of ${pages})` : ""}.
          </p>
          <ol className="list event-list" start={(page - 1) * PAGE + 1}>
            {pageItems.map((e, i) => {
              const dataset = events.data.datasets[first + i] ?? "";
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
          {pages > 1 ? (
            <nav aria-label="List pages" className="row">
              {page > 1 ? (
                <a href={`/timeline${qs([...base, ["page", String(page - 1)]])}`}>← Earlier</a>
              ) : null}
              <span className="muted small">
                Page {page} of {pages}
              </span>
              {page < pages ? (
                <a href={`/timeline${qs([...base, ["page", String(page + 1)]])}`}>Later →</a>
              ) : null}
            </nav>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
