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
