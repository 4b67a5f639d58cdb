import type { RouterOutputs } from "@dealmap/api";
import type { DatasetLabelInfo } from "@/lib/datasets";
import { NOT_FACT } from "@/lib/labels";
import { hrefFor } from "@/lib/links";
import { addedByOf, disputeSides, markOf, marksOf, type ProvenanceLike } from "@/lib/provenance";
import { CitationList } from "./citation-list";
import { DatasetMark } from "./dataset-mark";
import { DatasetNote, type DateInfo, DateView, StatusBadge } from "./ui";

export type EventDetailData = RouterOutputs["events"]["get"];

/**
 * An event with its participants, places, routes, linked events, quantities and citations.
 * Pure presentation: used by the event page (server) and the timeline's side panel (browser).
 * With the event's `provenance`, each value another dataset added carries that dataset's mark,
 * and each side of a disputed fact its dataset.
 */
export function EventDetail({
  data,
  titles,
  headingLevel = 1,
  kindLabel,
  dates,
  passages,
  datasets,
  provenance,
}: {
  data: EventDetailData;
  titles: Readonly<Record<string, string>>;
  headingLevel?: 1 | 2;
  /** The kind in words ("release of prisoners"). */
  kindLabel: string;
  /** Dates in words (lib/date-info on the server; precomputed labels in the browser). */
  dates: (date: string) => DateInfo;
  /** Cited words by passage key (see CitationList), when the event page has them. */
  passages?: Readonly<Record<string, string>>;
  /** The datasets by name (`stats.datasets`), to say which import or directory the event is from. */
  datasets?: Readonly<Record<string, DatasetLabelInfo>>;
  /** Where the merged event's values came from (`entity.provenance`), to mark them. */
  provenance?: ProvenanceLike;
}) {
  const e = data.event;
  const added = addedByOf(provenance);
  const disputes = disputeSides(provenance, e);
  const H = headingLevel === 1 ? "h1" : "h2";
  const notFact = NOT_FACT.has(e.status);
  return (
    <article className={notFact ? "not-fact" : undefined} data-event-id={e.id}>
      <p className="breadcrumb">Event · {kindLabel}</p>
      <H>{e.title}</H>
      <DatasetNote name={data.dataset} info={datasets?.[data.dataset]} />
      <div className="row">
        <StatusBadge status={e.status} claimedBy={data.claimedBy?.name} />
        <DateView date={e.date} info={dates(e.date)} />
      </div>
      {disputes.length > 0 ? (
        <ul className="small disputes" data-testid="disputes">
          {disputes.map((d) => (
            <li key={d.field}>
              <strong>{d.field} disputed:</strong>{" "}
              {d.sides.map((side, i) => (
                <span key={`${side.dataset}-${side.value}`} className="dispute-side">
                  {i > 0 ? "; " : ""}
                  <DatasetMark name={side.dataset} spoken="" /> gives <code>{side.value}</code>
                  {side.note ? <span className="muted"> — {side.note}</span> : null}
                </span>
              ))}
            </li>
          ))}
        </ul>
      ) : null}
      {notFact ? (
        <p className="small muted" data-testid="not-fact-note">
          {e.status === "did-not-happen"
            ? "This was expected or announced but did not happen."
            : e.status === "claimed"
              ? `This is ${data.claimedBy ? `${data.claimedBy.name}'s` : "one side's"} claim, not an established fact.`
              : "This is not a fact: it was proposed, expected or imagined."}
        </p>
      ) : null}
      <p>{e.summary}</p>

      {e.dateVariants.length > 0 ? (
        <section>
          <h3>Other datings</h3>
          <ul>
            {e.dateVariants.map((v, i) => (
              <li key={v.date}>
                <DateView date={v.date} info={dates(v.date)} />
                {v.note ? ` — ${v.note}` : ""} <DatasetMark name={added[`dateVariants.${i}`]} />
                <CitationList citations={v.citations} titles={titles} collapsed passages={passages} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {data.participants.length > 0 ? (
        <section>
          <h3>Participants</h3>
          <ul className="list">
            {data.participants.map((p) => (
              <li key={`${p.actor.id}-${p.role}`} className="row">
                <a href={hrefFor("actor", p.actor.id)}>{p.actor.name}</a>
                <span className="tag">{p.role}</span>
                {p.note ? <span className="muted small">{p.note}</span> : null}
                <DatasetMark
                  name={markOf(
                    added,
                    "participants",
                    e.participants,
                    (x) => x.actor === p.actor.id && x.role === p.role,
                  )}
                />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {data.places.length > 0 ? (
        <section>
          <h3>Places</h3>
          <ul className="tags">
            {data.places.map((p) => (
              <li key={p.id}>
                <a className="tag" href={hrefFor("place", p.id)}>
                  {p.name}
                </a>{" "}
                <DatasetMark name={markOf(added, "places", e.places, (x) => x === p.id)} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {e.quantities.length > 0 ? (
        <section>
          <h3>Figures</h3>
          <ul>
            {e.quantities.map((q, i) => (
              <li key={`${q.counts}-${q.value}-${q.citations[0]?.source ?? ""}`}>
                {q.qualifier !== "exact" ? `${q.qualifier.replace("-", " ")} ` : ""}
                <strong>
                  {q.value.toLocaleString("en")} {q.unit}
                </strong>{" "}
                {q.counts}
                {q.note ? <span className="muted"> — {q.note}</span> : null}{" "}
                <DatasetMark name={added[`quantities.${i}`]} />
                <CitationList citations={q.citations} titles={titles} collapsed passages={passages} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {data.routes.length > 0 ? (
        <section>
          <h3>Routes</h3>
          <ul className="tags">
            {data.routes.map((r) => (
              <li key={r.id}>
                <a className="tag" href={hrefFor("route", r.id)}>
                  {r.label}
                </a>{" "}
                <DatasetMark name={markOf(added, "routes", e.routes, (x) => x === r.id)} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {data.links.length + data.linkedFrom.length > 0 ? (
        <section>
          <h3>Linked events</h3>
          <ul className="list">
            {data.links.map((l) => (
              <li key={`to-${l.type}-${l.id}`}>
                <span className="tag">{l.type.replace(/-/g, " ")}</span>{" "}
                {l.event ? <a href={hrefFor("event", l.id)}>{l.event.title}</a> : l.id}
                {l.event ? (
                  <>
                    {" "}
                    <StatusBadge status={l.event.status} />
                  </>
                ) : null}
                {l.note ? <span className="muted small"> — {l.note}</span> : null}{" "}
                <DatasetMark
                  name={markOf(added, "links", e.links, (x) => x.type === l.type && x.event === l.id)}
                />
              </li>
            ))}
            {data.linkedFrom.map((l) => (
              <li key={`from-${l.type}-${l.event.id}`}>
                <a href={hrefFor("event", l.event.id)}>{l.event.title}</a>{" "}
                <span className="tag">{l.type.replace(/-/g, " ")}</span> this{" "}
                <StatusBadge status={l.event.status} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {data.deals.length > 0 ? (
        <section>
          <h3>Deals</h3>
          <ul>
            {data.deals.map((d) => (
              <li key={d.id}>
                <a href={hrefFor("deal", d.id)}>{d.label}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {data.assessments.length > 0 ? (
        <section>
          <h3>Analysis</h3>
          <ul className="list">
            {data.assessments.map((a) => (
              <li key={a.id} className="analysis">
                <span className="tag">Analysis</span> {a.claim}
                {a.confidence ? <span className="muted"> ({a.confidence})</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <CitationList
        citations={e.citations}
        titles={titles}
        label="Sources"
        passages={passages}
        addedBy={marksOf(added, "citations", e.citations)}
      />
    </article>
  );
}
