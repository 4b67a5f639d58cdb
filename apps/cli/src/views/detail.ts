/**
 * Entity profiles: fetch what the router returns for an id and lay it out as a Doc. Used by
 * `dealmap show` and by every detail pane of the TUI.
 */
import { EVENT_KINDS, RELATION_TYPES } from "@dealmap/domain";
import type { Out } from "../api.ts";
import { Doc, dateSegs, fromDataset, type Seg, shortDate } from "./doc.ts";
import type { Detail } from "./fetch.ts";

export { type Detail, fetchDetail } from "./fetch.ts";

const st = (status: string): Seg => ({ text: status, tone: "status", status });

type Assessment = Out["assessments"]["list"]["items"][number];

function analysis(doc: Doc, items: readonly Assessment[]): void {
  if (!items.length) return;
  doc.heading("Analysis (a source's reading, not established fact)");
  for (const a of items) {
    doc.link(a.id, a.claim, [
      { text: `${a.topic}${a.confidence ? `, "${a.confidence}"` : ""} — ${a.source}`, tone: "analysis" },
    ]);
  }
}

function eventLinks(
  doc: Doc,
  title: string,
  events: readonly { id: string; title: string; date: string; status: string; dataset: string }[],
  /** The imports among the datasets: their events are tagged with the import's name. */
  imports: ReadonlySet<string> | undefined,
): void {
  if (!events.length) return;
  doc.heading(title);
  for (const e of events)
    doc.link(e.id, e.title, [
      { text: shortDate(e.date), tone: "date" },
      { text: " " },
      st(e.status),
      ...(imports?.has(e.dataset) ? [{ text: ` [${e.dataset}]`, tone: "dim" as const }] : []),
    ]);
}

/**
 * The "Dataset" line of an event or actor outside the built-in data: "[gdelt-2025] import
 * (gdelt)", or "[my-memo] data directory".
 */
function datasetField(doc: Doc, d: Detail): void {
  const name = d.kind === "event" || d.kind === "actor" ? d.detail.dataset : undefined;
  if (name === undefined || name === "built-in") return;
  const info = d.dataset;
  const what =
    info?.origin === "import"
      ? ` import${info.format ? ` (${info.format})` : ""}`
      : info?.origin === "load"
        ? " data directory"
        : "";
  doc.field("Dataset", [{ text: `[${name}]`, tone: "dim" }, { text: what }]);
}

/** Lay out a detail as a document `width` cells wide, ending with where its values came from. */
export function docFor(d: Detail, width: number): Doc {
  const doc = layoutOf(d, width);
  if (d.provenance) provenanceOf(doc, d.provenance, d.entity.entity as Record<string, unknown>);
  return doc;
}

/**
 * Which dataset added each value of the entity, from its provenance: `at("quantities", 9)` is
 * "my-memo" when that dataset added the tenth figure, undefined for the entity's own values.
 */
function addedValues(d: Detail) {
  const by = new Map((d.provenance?.values ?? []).map((v) => [v.path, v.dataset]));
  const at = (field: string, i: number) => by.get(`${field}.${i}`);
  return {
    at,
    /** The dataset of each item of a list of the entity, in order. */
    each: (field: string, items: readonly unknown[] | undefined) => (items ?? []).map((_, i) => at(field, i)),
    /** The dataset of the item of the entity's own list that `match` finds (lists the router rebuilds). */
    of: <T>(field: string, own: readonly T[] | undefined, match: (x: T) => boolean) => {
      const i = (own ?? []).findIndex(match);
      return i < 0 ? undefined : at(field, i);
    },
  };
}

const shownValue = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

/**
 * The datasets behind a merged entity (when more than one gave it values), what each added,
 * the facts they dispute — each side with its dataset, the kept one first — and the records
 * merged into it.
 */
function provenanceOf(doc: Doc, p: NonNullable<Detail["provenance"]>, entity: Record<string, unknown>): void {
  if (p.datasets.length < 2 && p.disputes.length === 0 && p.mergedFrom.length === 0) return;
  doc.heading(`Datasets (${p.datasets.length})`);
  p.datasets.forEach((name, i) => {
    const added = p.values.filter((v) => v.dataset === name).map((v) => v.path);
    doc.line([
      { text: `  ${name}` },
      {
        text:
          i === 0
            ? "  defines it"
            : added.length === 0
              ? "  merged a record of its own into it (same-as)"
              : `  added ${added.length} ${added.length === 1 ? "value" : "values"}: ${added.join(", ")}`,
        tone: "dim",
      },
    ]);
  });
  for (const field of [...new Set(p.disputes.map((x) => x.field))]) {
    const own = p.datasets[0] ?? "its own dataset";
    doc.line([
      { text: `  ${field} disputed: ` },
      { text: `${own} gives ${shownValue(entity[field])}` },
      { text: " (kept)", tone: "dim" },
    ]);
    for (const x of p.disputes.filter((y) => y.field === field))
      doc.line([
        { text: `    ${x.dataset} gives ${shownValue(x.value)}` },
        ...(x.note ? [{ text: ` — ${x.note}`, tone: "dim" as const }] : []),
      ]);
  }
  if (p.mergedFrom.length)
    doc.line([{ text: `  also recorded as ${p.mergedFrom.join(", ")} (merged by same-as)`, tone: "dim" }]);
  // older servers do not send them
  for (const dataset of [...new Set((p.mergedNames ?? []).map((m) => m.dataset))])
    doc.line([
      { text: `  also named in ${dataset}: ` },
      {
        text: (p.mergedNames ?? [])
          .filter((m) => m.dataset === dataset)
          .map((m) => m.name)
          .join(", "),
      },
      { text: " (search finds it by these)", tone: "dim" },
    ]);
  for (const m of p.mergedCitations ?? []) {
    doc.line([{ text: `  ${m.dataset} cites for its record ${m.from} (${m.name}):` }]);
    for (const c of m.citations) doc.citation(c, 4);
  }
}

/**
 * The description in other languages, one paragraph each, its language first, and the dataset
 * that added it when another than the entity's own did.
 */
function translations(
  doc: Doc,
  items: readonly { lang: string; text: string }[] | undefined,
  from: readonly (string | undefined)[] = [],
): void {
  (items ?? []).forEach((t, i) => {
    doc.para(`${t.lang}: ${t.text}${from[i] ? ` (from ${from[i]})` : ""}`, 2, "dim");
  });
}

/** An alias as a line of text: "Джон Коул (ru, Cyrl)", marked "from my-memo" when another dataset added it. */
function aliasText(
  x: { name: string; lang?: string; romanization?: string },
  from: string | undefined,
): string {
  const about = [x.lang, x.romanization, from ? `from ${from}` : undefined].filter(Boolean).join(", ");
  return `${x.name}${about ? ` (${about})` : ""}`;
}

function layoutOf(d: Detail, width: number): Doc {
  const doc = new Doc(width);
  const added = addedValues(d);
  switch (d.kind) {
    case "event": {
      const { event } = d.detail;
      doc.title(event.title);
      datasetField(doc, d);
      doc.field("Event", [{ text: EVENT_KINDS[event.kind]?.label ?? event.kind }]);
      doc.field("Date", dateSegs(event.date));
      for (const [i, v] of event.dateVariants.entries()) {
        doc.field("Also dated", [...dateSegs(v.date), ...fromDataset(added.at("dateVariants", i))]);
        if (v.note) doc.para(v.note, 12, "dim");
      }
      doc.field("Status", [
        st(event.status),
        ...(d.detail.claimedBy ? [{ text: ` by ${d.detail.claimedBy.name}` }] : []),
      ]);
      doc.blank().para(event.summary);
      translations(doc, event.translations, added.each("translations", event.translations));
      if (d.detail.claimedBy) {
        doc.heading("Claimed by");
        doc.link(d.detail.claimedBy.id, d.detail.claimedBy.name);
      }
      if (d.detail.participants.length) {
        doc.heading("Participants");
        for (const p of d.detail.participants) {
          doc.link(p.actor.id, p.actor.name, [
            { text: p.role, tone: "dim" },
            ...(p.note ? [{ text: ` — ${p.note}` }] : []),
            ...fromDataset(
              added.of(
                "participants",
                event.participants,
                (x) => x.actor === p.actor.id && x.role === p.role,
              ),
            ),
          ]);
        }
      }
      if (d.detail.places.length) {
        doc.heading("Places");
        for (const p of d.detail.places)
          doc.link(p.id, p.name, [
            { text: p.kind ?? "", tone: "dim" },
            ...fromDataset(added.of("places", event.places, (x) => x === p.id)),
          ]);
      }
      if (d.detail.routes.length) {
        doc.heading("Routes");
        for (const r of d.detail.routes)
          doc.link(
            r.id,
            r.label,
            fromDataset(
              added.of("routes", event.routes, (x) => x === r.id),
              "",
            ),
          );
      }
      if (event.quantities.length) {
        doc.heading("Figures");
        for (const [i, q] of event.quantities.entries()) {
          const qual = q.qualifier && q.qualifier !== "exact" ? `${q.qualifier} ` : "";
          doc.line([
            { text: "  " },
            { text: `${qual}${q.value} ${q.unit}`, tone: "date" },
            { text: ` — ${q.counts}` },
            ...fromDataset(added.at("quantities", i)),
          ]);
          if (q.note) doc.para(q.note, 4, "dim");
          for (const c of q.citations) doc.citation(c, 4);
        }
      }
      if (d.detail.links.length) {
        doc.heading("Linked events");
        for (const l of d.detail.links) {
          doc.link(l.id, l.event?.title ?? l.id, [
            { text: l.type, tone: "dim" },
            ...(l.event ? [{ text: ` ${shortDate(l.event.date)}`, tone: "date" as const }] : []),
            ...fromDataset(added.of("links", event.links, (x) => x.type === l.type && x.event === l.id)),
          ]);
        }
      }
      if (d.detail.linkedFrom.length) {
        doc.heading("Linked from");
        for (const l of d.detail.linkedFrom) {
          doc.link(l.event.id, l.event.title, [
            { text: l.type, tone: "dim" },
            { text: ` ${shortDate(l.event.date)}`, tone: "date" },
          ]);
        }
      }
      if (d.detail.deals.length) {
        doc.heading("Deals");
        for (const x of d.detail.deals) doc.link(x.id, x.label);
      }
      analysis(doc, d.detail.assessments);
      doc.citations(event.citations, "Citations", added.each("citations", event.citations));
      for (const v of event.dateVariants)
        doc.citations(v.citations, `Citations for the date ${shortDate(v.date)}`);
      return doc;
    }
    case "actor": {
      const p = d.detail;
      const a = p.actor;
      doc.title(a.name);
      datasetField(doc, d);
      doc.field("Actor", [
        { text: a.kind },
        ...(a.country ? [{ text: ` · ${a.country}`, tone: "dim" as const }] : []),
      ]);
      if (a.born) doc.field("Born", dateSegs(a.born));
      if (a.aliases.length) {
        doc.field("Also", a.aliases.map((x, i) => aliasText(x, added.at("aliases", i))).join("; "));
      }
      doc.blank().para(a.description);
      translations(doc, a.translations, added.each("translations", a.translations));
      if (p.roles.length) {
        doc.heading("Roles");
        for (const r of p.roles) {
          const segs: Seg[] = [{ text: `  ${r.title}` }];
          if (r.ofName) segs.push({ text: `, ${r.ofName}` });
          if (r.when) segs.push({ text: "  " }, ...dateSegs(r.when).slice(0, 2));
          segs.push(
            ...fromDataset(
              added.of("roles", a.roles, (x) => x.title === r.title && x.when === r.when && x.of === r.of),
            ),
          );
          if (r.of) doc.line(segs, r.of);
          else doc.line(segs);
        }
      }
      /** A heading that says when the profile lists only the first of many. */
      const part = (title: string, shown: number, total: number) =>
        total > shown ? `${title} (first ${shown} of ${total.toLocaleString("en-US")})` : title;
      if (p.relations.length) {
        doc.heading(part("Relations", p.relations.length, p.relationsTotal));
        for (const r of p.relations) {
          // the router's label is a sentence naming both ends ("A press secretary of B")
          const arrow = r.directed ? (r.direction === "out" ? "→" : "←") : "↔";
          doc.link(
            r.other.id,
            `${arrow} ${r.label}`,
            r.relation.when ? [{ text: shortDate(r.relation.when), tone: "date" }] : undefined,
          );
        }
      }
      for (const g of p.eventsByRole) {
        eventLinks(doc, `Events as ${g.role} (${g.total})`, g.events, d.imports);
      }
      if (p.routes.length) {
        doc.heading(part("Routes", p.routes.length, p.routesTotal));
        for (const r of p.routes) doc.link(r.id, r.name, [{ text: r.how.join(", "), tone: "dim" }]);
      }
      if (p.deals.length) {
        doc.heading(part("Deals", p.deals.length, p.dealsTotal));
        for (const x of p.deals)
          doc.link(x.id, x.title, [
            { text: shortDate(x.date), tone: "date" },
            { text: ` ${x.as.join(", ")}`, tone: "dim" },
          ]);
      }
      analysis(doc, p.assessments);
      doc.citations(a.citations, "Citations", added.each("citations", a.citations));
      return doc;
    }
    case "place": {
      const p = d.detail.place;
      doc.title(p.name);
      doc.field("Place", [{ text: p.kind }, { text: ` · ${p.country}`, tone: "dim" }]);
      doc.field("Coordinates", `${p.coordinates.lat.toFixed(4)}, ${p.coordinates.lon.toFixed(4)}`);
      if (p.aliases.length)
        doc.field(
          "Also",
          p.aliases
            .map((x, i) => `${x.name}${added.at("aliases", i) ? ` (from ${added.at("aliases", i)})` : ""}`)
            .join("; "),
        );
      if (p.description) doc.blank().para(p.description);
      translations(doc, p.translations, added.each("translations", p.translations));
      eventLinks(doc, `Events here (${d.detail.eventsTotal})`, d.detail.events, d.imports);
      if (d.detail.routes.length) {
        doc.heading("Routes through here");
        for (const r of d.detail.routes) doc.link(r.id, r.name, [{ text: r.cargo, tone: "dim" }]);
      }
      doc.citations(p.citations, "Citations", added.each("citations", p.citations));
      return doc;
    }
    case "route": {
      const r = d.detail;
      doc.title(r.route.name);
      doc.field("Route", [{ text: `${r.route.kind} · ${r.route.cargo}` }]);
      doc.field("Status", [st(r.current.status), { text: ` as of ${r.at}`, tone: "dim" }]);
      if (r.current.period?.note) doc.para(r.current.period.note, 12);
      const km = r.distance.knownLegs
        ? `${Math.round(r.distance.sourcedKm)} km sourced${r.distance.hasUnknownLeg ? `, ${r.distance.unknownLegs} leg(s) without a sourced distance` : ""}`
        : "no sourced distance";
      doc.field("Distance", km);
      doc.blank().para(r.route.description);
      translations(doc, r.route.translations, added.each("translations", r.route.translations));
      doc.heading("Legs");
      for (const l of r.legs) {
        doc.line(
          [
            { text: `  ${l.index + 1}. ` },
            { text: `${l.from.name} → ${l.to.name}`, tone: "link" },
            { text: `  ${l.mode}`, tone: "dim" },
            ...(l.km !== null
              ? [{ text: `  ${l.km} km`, tone: "date" as const }]
              : [{ text: "  km unknown", tone: "dim" as const }]),
          ],
          l.to.id,
        );
        if (l.note) doc.para(l.note, 5, "dim");
        if (l.distance?.note) doc.para(l.distance.note, 5, "dim");
        for (const c of l.distance?.citations ?? []) doc.citation(c, 5);
      }
      if (r.history.length) {
        doc.heading("Status over time");
        for (const h of r.history) {
          doc.line([
            { text: "  " },
            st(h.status),
            { text: "  " },
            ...dateSegs(h.when).slice(0, 2),
            ...fromDataset(
              added.of("statuses", r.route.statuses, (x) => x.status === h.status && x.when === h.when),
            ),
          ]);
          if (h.note) doc.para(h.note, 4);
          for (const b of h.blockers) {
            doc.para(`Blocked by: ${b.description}`, 4, "warn");
            for (const a of b.actors)
              doc.link(a, nameOf(r, a), [{ text: "behind the blocker", tone: "dim" }], 6);
            for (const e of b.events) doc.link(e, eventTitle(r, e), undefined, 6);
          }
          for (const c of h.conditions) {
            doc.para(`Would change if: ${c.description}`, 4, "analysis");
            for (const a of c.actors) doc.link(a, nameOf(r, a), undefined, 6);
            for (const e of c.events) doc.link(e, eventTitle(r, e), undefined, 6);
          }
          for (const c of h.citations) doc.citation(c, 4);
        }
      }
      eventLinks(doc, "Events", r.events, d.imports);
      if (r.actors.length) {
        doc.heading("Actors");
        for (const a of r.actors)
          doc.link(a.id, a.name, [
            { text: a.kind ?? "", tone: "dim" },
            ...fromDataset(added.of("actors", r.route.actors, (x) => x === a.id)),
          ]);
      }
      doc.citations(r.route.citations, "Citations", added.each("citations", r.route.citations));
      return doc;
    }
    case "deal": {
      const x = d.detail;
      doc.title(x.deal.title);
      doc.field("Deal", dateSegs(x.deal.date));
      doc.field("Parties", x.parties.map((p) => p.name).join(" ↔ "));
      if (x.brokers.length) doc.field("Brokers", x.brokers.map((p) => p.name).join(", "));
      doc.blank().para(x.deal.summary);
      translations(doc, x.deal.translations, added.each("translations", x.deal.translations));
      doc.heading("Who gave what");
      const name = (id: string) => [...x.parties, ...x.brokers].find((p) => p.id === id)?.name ?? id;
      for (const e of x.entries) {
        doc.line([
          { text: "  " },
          st(e.delivery),
          { text: `  ${name(e.by)} → ${name(e.to)}`, tone: "label" },
          { text: `  ${shortDate(e.date)}`, tone: "date" },
          ...fromDataset(added.at("concessions", e.index)),
        ]);
        doc.para(e.what, 4);
        if (e.amount) doc.para(`${e.amount.value} ${e.amount.unit} — ${e.amount.counts}`, 4, "date");
        for (const ev of e.events) doc.link(ev, eventTitle(x, ev), undefined, 4);
        for (const c of e.citations) doc.citation(c, 4);
      }
      if (x.totals.length) {
        doc.heading("Totals");
        for (const t of x.totals) {
          doc.line([
            { text: `  ${name(t.by)}: ` },
            { text: `${t.given} given`, tone: "status", status: "delivered" },
            { text: ", " },
            { text: `${t.promised} promised`, tone: "status", status: "promised" },
            ...(t.notDelivered ? [{ text: `, ${t.notDelivered} not delivered` }] : []),
            { text: ` ${t.unit} (${t.counts})`, tone: "dim" },
          ]);
        }
      }
      if (x.parties.length) {
        doc.heading("Parties");
        for (const p of x.parties)
          doc.link(p.id, p.name, [
            { text: p.kind ?? "", tone: "dim" },
            ...fromDataset(added.of("parties", x.deal.parties, (y) => y === p.id)),
          ]);
        for (const p of x.brokers)
          doc.link(p.id, p.name, [
            { text: "broker", tone: "dim" },
            ...fromDataset(added.of("brokers", x.deal.brokers, (y) => y === p.id)),
          ]);
      }
      eventLinks(doc, "Events", x.events, d.imports);
      analysis(doc, x.assessments);
      doc.citations(x.deal.citations, "Citations", added.each("citations", x.deal.citations));
      return doc;
    }
    case "source": {
      const s = d.detail;
      doc.title(s.source.title);
      doc.field("Source", [{ text: s.source.kind }, { text: ` · ${s.source.language}`, tone: "dim" }]);
      doc.field("Publisher", s.source.publisher);
      doc.field("Author", s.source.author ?? "not confirmed");
      if (s.source.published) doc.field("Published", dateSegs(s.source.published));
      doc.field("URL", s.source.url);
      if (s.source.paragraphs) doc.field("Paragraphs", String(s.source.paragraphs));
      doc.field("Text", textStatus(s.text));
      if (s.source.note) doc.blank().para(s.source.note, 0, "dim");
      doc.heading(`Claims citing it (${s.claimsTotal})`);
      for (const g of s.paragraphs) {
        doc.blank();
        doc.line([{ text: g.paragraph !== null ? `¶${g.paragraph}` : "Whole source", tone: "label" }]);
        if (g.paragraph !== null) doc.anchor(`p${g.paragraph}`);
        // the cited words stand apart (underlined) from the rest of the paragraph
        if (g.text)
          doc.citedPara(
            g.text,
            g.claims.flatMap((c) => (c.citation.span ? [c.citation.span] : [])),
            2,
            "dim",
          );
        for (const c of g.claims) {
          doc.link(c.id, c.label, [{ text: `${c.kind}${c.field ? ` · ${c.field}` : ""}`, tone: "dim" }]);
          // which words this claim cites, when the text is loaded
          if (c.passage) doc.para(`“${c.passage}”`, 6, "cited");
        }
      }
      analysis(doc, s.assessments);
      return doc;
    }
    case "relation": {
      if (d.entity.kind !== "relation") return doc;
      const r = d.entity.entity;
      const t = RELATION_TYPES[r.type];
      const name = (id: string) => d.names[id] ?? id;
      doc.title(`${name(r.from)} ${t?.label ?? r.type} ${name(r.to)}`);
      doc.field("Relation", `${r.type}${t?.directed ? " (directed)" : " (both ways)"}`);
      if (r.when) doc.field("When", dateSegs(r.when));
      if (r.note) doc.blank().para(r.note);
      doc.heading("Between");
      doc.link(r.from, name(r.from));
      doc.link(r.to, name(r.to));
      doc.citations(r.citations, "Citations", added.each("citations", r.citations));
      return doc;
    }
    case "assessment": {
      if (d.entity.kind !== "assessment") return doc;
      const a = d.entity.entity;
      const name = (id: string) => d.names[id] ?? id;
      doc.title("Analysis — a source's reading, not established fact");
      doc.field("Topic", a.topic);
      doc.field("Hedging", a.confidence ? `"${a.confidence}"` : undefined);
      doc.blank().para(a.claim, 0, "analysis");
      doc.heading("By");
      doc.link(a.source, name(a.source));
      doc.heading("About");
      for (const [i, id] of a.about.entries()) doc.link(id, name(id), fromDataset(added.at("about", i), ""));
      doc.citations(a.citations, "Citations", added.each("citations", a.citations));
      return doc;
    }
  }
}

function textStatus(t: string): string {
  switch (t) {
    case "loaded":
      return "loaded and verified (SHA-256 matches): cited passages are shown";
    case "hash-mismatch":
      return "a text was supplied but its SHA-256 does not match: not trusted";
    case "no-hash":
      return "no SHA-256 recorded for this source: its text cannot be verified";
    default:
      return "not loaded (set DEALMAP_SOURCES to a folder holding it to see cited passages)";
  }
}

function nameOf(r: Out["routes"]["get"], id: string): string {
  return r.actors.find((a) => a.id === id)?.name ?? id;
}

function eventTitle(x: { events: readonly { id: string; title: string }[] }, id: string): string {
  return x.events.find((e) => e.id === id)?.title ?? id;
}
