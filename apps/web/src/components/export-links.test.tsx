import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { exportFilename, exportHref, filterEntries } from "@/lib/event-filter";
import { ExportLinks } from "./export-links.tsx";

describe("export links", () => {
  it("keep the filter parameters of any shape, in order, and drop the rest", () => {
    const entries: [string, string | undefined][] = [
      ["lanes", "actor"],
      ["kind", "release"],
      ["actor", "john-coale"],
      ["from", undefined],
      ["to", "2025-12"],
      ["event", "x"],
      ["kind", "deportation"],
    ];
    const expected = [
      ["actor", "john-coale"],
      ["kind", "release"],
      ["kind", "deportation"],
      ["to", "2025-12"],
    ];
    expect(filterEntries(entries)).toEqual(expected);
    expect(filterEntries(new URLSearchParams(entries.filter((e): e is [string, string] => !!e[1])))).toEqual(
      expected,
    );
    expect(
      filterEntries({
        kind: ["release", "deportation"],
        actor: "john-coale",
        to: "2025-12",
        after: "y",
        from: "",
      }),
    ).toEqual(expected);
    expect(exportHref("csv", entries)).toBe(
      "/export/events?format=csv&actor=john-coale&kind=release&kind=deportation&to=2025-12",
    );
    expect(exportHref("json", {})).toBe("/export/events?format=json");
  });

  it("name the file after the filter, in characters a file name may hold", () => {
    expect(exportFilename("csv", {})).toBe("dealmap-events.csv");
    expect(exportFilename("json", { kinds: ["release"], from: "2025-06/2025-08", to: "2025~" })).toBe(
      "dealmap-events-kind-release-from-2025-06-2025-08-to-2025.jsonl",
    );
    const long = exportFilename("csv", { actors: Array.from({ length: 30 }, (_, i) => `actor-number-${i}`) });
    expect(long.length).toBeLessThanOrEqual(124);
    expect(long).toMatch(/^dealmap-events-actor-actor-number-0-[a-z0-9-]*[a-z0-9]\.csv$/);
  });

  it("render a CSV and a JSON link for the filter", () => {
    const html = renderToStaticMarkup(
      <ExportLinks filterParams={[["place", "klaipeda-port"]]} count={1234} label="Events here" />,
    );
    expect(html).toContain('href="/export/events?format=csv&amp;place=klaipeda-port"');
    expect(html).toContain('href="/export/events?format=json&amp;place=klaipeda-port"');
    expect(html).toContain("Events here (1,234):");
    expect(html).toMatch(/>Download CSV</);
    expect(html).toMatch(/>Download JSON</);
    expect(html.match(/ download=""/g)).toHaveLength(2);
  });
});
