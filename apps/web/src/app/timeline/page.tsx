import {
  dateBounds,
  EpistemicStatusSchema,
  EVENT_KINDS,
  type EventKind,
  EventKindSchema,
  formatDate,
  isFuzzy,
} from "@dealmap/domain";
import type { Metadata } from "next";
import { FilterForm } from "@/components/filter-form";
import { LoadProblem } from "@/components/load-problem";
import { ParamProblems } from "@/components/param-problems";
import type { Lane, TimelineItem } from "@/components/timeline-chart";
import { TimelineView } from "@/components/timeline-view";
import { DateText, Empty, StatusBadge } from "@/components/ui";
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
import { actorNames, allEvents } from "@/lib/server-data";
import { call, HydrateClient, load, sourceTitles, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Timeline" };

const PAGE = 100;
const KINDS = EventKindSchema.options;
const STATUSES = EpistemicStatusSchema.options;
const MAX_ACTOR_LANES = 14;

export default async function TimelinePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const problems: ParamProblem[] = [];
  const actors = idParam(sp, "actor", problems);
  const places = idParam(sp, "place", problems);
  const kinds = enumParam(sp, "kind", KINDS, problems);
  const statuses = enumParam(sp, "status", STATUSES, problems);
  const from = dateParam(sp, "from", problems);
  const to = dateParam(sp, "to", problems);
  const [lanesBy] = enumParam(sp, "lanes", ["kind", "actor"] as const, problems);
  const page = pageParam(sp, "page", problems);
  const [selected] = idParam(sp, "event", problems);
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
  };

  const [events, names, placeList, titles] = await Promise.all([
    allEvents(filter),
    actorNames(),
    call((api) => api.places.list({ limit: 200 })),
    sourceTitles(),
  ]);
  if (selected) await load((qc) => qc.prefetchQuery(trpc.events.get.queryOptions({ id: selected })));

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
      <div className="field">
        <label htmlFor="f-lanes">Lanes</label>
        <select id="f-lanes" name="lanes" defaultValue={lanesBy ?? "kind"}>
          <option value="kind">by kind</option>
          <option value="actor">by actor</option>
        </select>
      </div>
    </FilterForm>
  );

  if (!events.ok) {
    return (
      <>
        <h1>Timeline</h1>
        {form}
        <LoadProblem code={events.code} message={events.message} resetHref="/timeline" what="the timeline" />
      </>
    );
  }

  const list = events.data.items;
  // the axis: finite bounds for every event (open ends are drawn to the data's edge)
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  const bounds = list.map((e) => {
    const b = dateBounds(e.date);
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

  const items: TimelineItem[] = list.map((e, i) => {
    const b = bounds[i] ?? { min: lo, max: hi };
    const laneKeys = byActor
      ? [...new Set(e.participants.map((p) => (topSet.has(p.actor) ? p.actor : "~other")))]
      : [e.kind];
    return {
      id: e.id,
      title: e.title,
      kind: e.kind,
      status: e.status,
      label: formatDate(e.date),
      min: Number.isFinite(b.min) ? b.min : lo,
      max: Number.isFinite(b.max) ? b.max : hi,
      fuzzy: isFuzzy(e.date),
      lanes: laneKeys.length ? laneKeys : ["~other"],
    };
  });
  const kindOrder = Object.keys(EVENT_KINDS) as EventKind[];
  const lanes: Lane[] = byActor
    ? [
        ...topActors.map((id) => ({ key: id, label: names.get(id) ?? id })),
        ...(items.some((i) => i.lanes.includes("~other")) ? [{ key: "~other", label: "Others / none" }] : []),
      ]
    : kindOrder
        .filter((k) => items.some((i) => i.kind === k))
        .map((k) => ({ key: k, label: humanize(EVENT_KINDS[k].label) }));

  const pages = Math.max(1, Math.ceil(list.length / PAGE));
  const pageItems = list.slice((page - 1) * PAGE, page * PAGE);
  const base: [string, string | undefined][] = [
    ...actors.map((a): [string, string] => ["actor", a]),
    ...kinds.map((k): [string, string] => ["kind", k]),
    ...places.map((p): [string, string] => ["place", p]),
    ...statuses.map((s): [string, string] => ["status", s]),
    ["from", from],
    ["to", to],
    ["lanes", lanesBy],
  ];
  const titleMap = Object.fromEntries(titles);

  return (
    <>
      <h1>Timeline</h1>
      <p className="lede">
        {events.data.total} event{events.data.total === 1 ? "" : "s"}
        {Object.keys(filter).length ? " match the filters" : ""}. Scroll or use the buttons to zoom from years
        to days; bars with soft edges are dates known only as a span.
      </p>
      {form}
      <ParamProblems problems={problems} resetHref="/timeline" />
      {list.length === 0 ? (
        <Empty>
          No events match these filters. <a href="/timeline">Show all events</a>.
        </Empty>
      ) : (
        <HydrateClient>
          <TimelineView items={items} lanes={lanes} selected={selected ?? null} titles={titleMap} />
        </HydrateClient>
      )}

      {list.length > 0 ? (
        <section aria-labelledby="list-h">
          <h2 id="list-h">List of events</h2>
          <p className="small muted">
            The same events in date order{pages > 1 ? `, ${PAGE} per page (page ${page} of ${pages})` : ""}.
          </p>
          <ol className="list event-list" start={(page - 1) * PAGE + 1}>
            {pageItems.map((e) => (
              <li key={e.id} data-status={e.status}>
                <div className="row">
                  <DateText date={e.date} />
                  <StatusBadge status={e.status} claimedBy={e.claimedBy ? names.get(e.claimedBy) : null} />
                  <span className="tag">{EVENT_KINDS[e.kind]?.label ?? e.kind}</span>
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
            ))}
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
