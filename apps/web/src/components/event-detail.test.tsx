import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { dateInfo } from "@/lib/date-info";
import { EventDetail, type EventDetailData } from "./event-detail.tsx";

const data = {
  event: {
    id: "x-event",
    kind: "statement",
    title: 'Title <img src=x onerror="alert(1)">',
    summary: "Before <script>alert(1)</script> after",
    date: "2025-11-01/2025-11-10",
    dateVariants: [],
    status: "proposed",
    participants: [],
    places: [],
    routes: [],
    quantities: [],
    links: [],
    tags: [],
    citations: [{ source: "s1", paragraph: 2, note: "<b>note</b>" }],
  },
  participants: [
    { actor: { id: "a1", name: "<em>Someone</em>", kind: "person" }, role: "speaker", note: null },
  ],
  dataset: "gdelt-x",
  claimedBy: null,
  places: [],
  routes: [],
  links: [],
  linkedFrom: [],
  deals: [],
  assessments: [],
} as unknown as EventDetailData;

describe("EventDetail", () => {
  const html = renderToStaticMarkup(
    <EventDetail data={data} titles={{ s1: "Source <i>one</i>" }} kindLabel="statement" dates={dateInfo} />,
  );

  it("renders markup in the data as text, never as HTML", () => {
    expect(html).toContain("Before &lt;script&gt;alert(1)&lt;/script&gt; after");
    expect(html).not.toContain("<script>");
    expect(html).not.toMatch(/<img/);
    expect(html).toContain("&lt;em&gt;Someone&lt;/em&gt;");
    expect(html).toContain("Source &lt;i&gt;one&lt;/i&gt;");
    expect(html).not.toMatch(/<(em|i|b)>/);
  });

  it("marks a proposal as not a fact and the fuzzy date as approximate", () => {
    expect(html).toContain('data-status="proposed"');
    expect(html).toContain(">Proposal<");
    expect(html).toContain("not a fact");
    expect(html).toContain("early Nov 2025");
    expect(html).toContain("approximately");
  });

  it("links the citation to its paragraph", () => {
    expect(html).toContain('href="/sources/s1#p2"');
  });
});

describe("EventDetail's dataset line", () => {
  const render = (dataset: string) =>
    renderToStaticMarkup(
      <EventDetail
        data={{ ...data, dataset }}
        titles={{}}
        kindLabel="statement"
        dates={dateInfo}
        datasets={{
          "gdelt-x": { name: "gdelt-x", origin: "import", format: "gdelt" },
          "built-in": { name: "built-in", origin: "load", format: null },
        }}
      />,
    );

  it("says which import an event came from, right under its title", () => {
    expect(render("gdelt-x")).toMatch(
      /<\/h1><p [^>]*data-testid="dataset-note"[^>]*>From import gdelt-x \(gdelt\)<\/p>/,
    );
  });

  it("says nothing for the built-in data", () => {
    expect(render("built-in")).not.toContain("dataset-note");
  });
});

describe("EventDetail marks each value another dataset added, where it is shown", () => {
  const merged = {
    ...data,
    event: {
      ...data.event,
      date: "2025-09-11",
      status: "occurred",
      participants: [
        { actor: "a1", role: "initiator" },
        { actor: "a2", role: "target" },
      ],
      places: ["p1", "p2"],
      quantities: [
        { value: 52, unit: "people", counts: "released", qualifier: "exact", citations: [{ source: "s1" }] },
        {
          value: 14,
          unit: "people",
          counts: "foreigners",
          qualifier: "exact",
          citations: [{ source: "memo" }],
        },
      ],
      citations: [{ source: "s1", paragraph: 2 }, { source: "memo" }],
    },
    participants: [
      { actor: { id: "a1", name: "One", kind: "state" }, role: "initiator", note: null },
      { actor: { id: "a2", name: "Two", kind: "state" }, role: "target", note: null },
    ],
    places: [
      { id: "p1", name: "Minsk" },
      { id: "p2", name: "Vilnius" },
    ],
  } as unknown as EventDetailData;
  const provenance = {
    datasets: ["built-in", "my-memo"],
    values: [
      { path: "quantities.1", dataset: "my-memo" },
      { path: "citations.1", dataset: "my-memo" },
      { path: "participants.1", dataset: "my-memo" },
      { path: "places.0", dataset: "my-memo" },
    ],
    disputes: [{ field: "date", value: "2025-09-10", dataset: "my-memo" }],
  };
  const html = renderToStaticMarkup(
    <EventDetail
      data={merged}
      titles={{ s1: "Article", memo: "Memo" }}
      kindLabel="release"
      dates={dateInfo}
      provenance={provenance}
    />,
  );
  /**
   * The items of the list that follows `after` in the markup, up to `end`, each as its markup
   * (collapsed lists of citations inside an item left out).
   */
  const items = (after: string, end = "</section>") => {
    const at = html.indexOf(after);
    expect(at, after).toBeGreaterThanOrEqual(0);
    const part = html.slice(at, html.indexOf(end, at)).replace(/<details[\s\S]*?<\/details>/g, "");
    return part.split("<li").slice(1);
  };
  const markOf = (li: string) => /class="tag dataset-tag dataset-mark" data-dataset="([^"]+)"/.exec(li)?.[1];

  it("a figure, a citation, a participant and a place added by my-memo carry its mark; the rest none", () => {
    expect(items("<h3>Figures</h3>").map(markOf)).toEqual([undefined, "my-memo"]);
    expect(items("<strong>Sources</strong>", "</div>").map(markOf)).toEqual([undefined, "my-memo"]);
    expect(items("<h3>Participants</h3>").map(markOf)).toEqual([undefined, "my-memo"]);
    expect(items("<h3>Places</h3>").map(markOf)).toEqual(["my-memo", undefined]);
    expect(html).toContain('<span class="visually-hidden">added by the dataset </span>my-memo</span>');
  });

  it("each side of a disputed date shows its dataset, the kept one first", () => {
    const [li] = items('data-testid="disputes"', "</ul>");
    const text = (li ?? "").replace(/<[^>]+>/g, "");
    expect(text).toBe(">date disputed: built-in gives 2025-09-11; my-memo gives 2025-09-10");
    expect([...(li ?? "").matchAll(/data-dataset="([^"]+)"/g)].map((m) => m[1])).toEqual([
      "built-in",
      "my-memo",
    ]);
  });

  it("without provenance, no marks and no disputes", () => {
    const plain = renderToStaticMarkup(
      <EventDetail data={merged} titles={{}} kindLabel="release" dates={dateInfo} />,
    );
    expect(plain).not.toContain("dataset-mark");
    expect(plain).not.toContain("disputes");
  });
});
