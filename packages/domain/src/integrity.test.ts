import { describe, expect, it } from "vitest";
import { type DatasetInput, DatasetSchema } from "./dataset.ts";
import { checkIntegrity, formatPath } from "./integrity.ts";

const article = {
  id: "article",
  kind: "commentary",
  title: "A commentary",
  publisher: "Publisher",
  language: "en",
  paragraphs: 24,
} as const;
const cite = [{ source: "article", paragraph: 1 }];

function good(): DatasetInput {
  return {
    sources: [article],
    actors: [
      { id: "alice", kind: "person", name: "Alice", description: "A person.", citations: cite },
      { id: "bobland", kind: "state", name: "Bobland", description: "A state.", citations: cite },
    ],
    places: [
      {
        id: "capital",
        kind: "city",
        name: "Capital",
        coordinates: { lat: 53.9, lon: 27.567 },
        country: "BY",
        citations: cite,
      },
    ],
    events: [
      {
        id: "meeting-1",
        kind: "meeting",
        title: "A meeting",
        summary: "Alice met officials of Bobland.",
        date: "2025-12-12",
        status: "occurred",
        participants: [
          { actor: "alice", role: "visitor" },
          { actor: "bobland", role: "host" },
        ],
        places: ["capital"],
        citations: cite,
      },
    ],
  };
}

describe("checkIntegrity", () => {
  it("finds nothing wrong in a consistent dataset", () => {
    expect(checkIntegrity(DatasetSchema.parse(good()))).toEqual([]);
  });

  it("reports every problem at once with entity and field path", () => {
    const ds = good();
    ds.actors?.push({ id: "alice", kind: "person", name: "Alice 2", description: "Twin.", citations: cite });
    const ev = ds.events?.[0];
    if (!ev) throw new Error("fixture");
    ev.participants = [
      { actor: "carol", role: "visitor" },
      { actor: "capital", role: "host" },
    ];
    ev.citations = [{ source: "article", paragraph: 99 }, { source: "nowhere" }];
    ev.links = [{ type: "follows", event: "meeting-1" }];
    const problems = checkIntegrity(DatasetSchema.parse(ds)).map(
      (p) => `${p.kind}/${p.id} ${formatPath(p.path)}: ${p.message}`,
    );
    expect(problems).toEqual([
      'actors/alice id: duplicate id "alice" (also a actor)',
      'events/meeting-1 citations[0].paragraph: paragraph 99 is past the end of "article" (24 paragraphs)',
      'events/meeting-1 citations[1].source: unknown source "nowhere"',
      'events/meeting-1 participants[0].actor: unknown actor "carol"',
      'events/meeting-1 participants[1].actor: "capital" is a place, expected a actor',
      "events/meeting-1 links[0].event: an event cannot link to itself",
    ]);
  });
});

describe("schemas", () => {
  it("are strict: unknown keys are errors with their path", () => {
    const ds = good();
    (ds.actors?.[0] as Record<string, unknown>).nickname = "Al";
    const r = DatasetSchema.safeParse(ds);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(["actors", 0]);
    expect(r.error?.issues[0]?.message).toMatch(/nickname/);
  });

  it("reject empty names, bad coordinates, invalid dates and missing citations", () => {
    const ds = good();
    const a = ds.actors?.[0];
    const p = ds.places?.[0];
    const e = ds.events?.[0];
    if (!a || !p || !e) throw new Error("fixture");
    a.name = "  ";
    p.coordinates = { lat: 95, lon: 27 };
    e.date = "2025-13-40";
    a.citations = [];
    const r = DatasetSchema.safeParse(ds);
    const got = r.error?.issues.map((i) => `${formatPath(i.path)}: ${i.message}`) ?? [];
    expect(got).toContain("actors[0].name: must not be empty");
    expect(got).toContain("actors[0].citations: needs at least one citation");
    expect(got).toContain("places[0].coordinates.lat: latitude is between -90 and 90");
    expect(got).toContain('events[0].date: "2025-13-40" has no month 13');
  });

  it("requires a claimant for claimed events", () => {
    const ds = good();
    const e = ds.events?.[0];
    if (!e) throw new Error("fixture");
    e.status = "claimed";
    const r = DatasetSchema.safeParse(ds);
    expect(r.error?.issues.map((i) => formatPath(i.path))).toEqual(["events[0].claimedBy"]);
  });

  it("an unknown id names the closest existing ids of the right kind", () => {
    const ds = good();
    const ev = ds.events?.[0];
    if (!ev) throw new Error("fixture");
    ev.participants = [{ actor: "alcie", role: "visitor" }];
    ev.places = ["captial"];
    ev.citations = [{ source: "artcle", paragraph: 1 }];
    const problems = checkIntegrity(DatasetSchema.parse(ds)).map((p) => p.message);
    expect(problems).toEqual([
      'unknown source "artcle"; did you mean "article"?',
      'unknown actor "alcie"; did you mean "alice"?',
      // "capital" is a place: an actor id would not be offered here
      'unknown place "captial"; did you mean "capital"?',
    ]);
    ev.places = ["zzzzzzz"];
    expect(checkIntegrity(DatasetSchema.parse(ds)).at(-1)?.message).toBe('unknown place "zzzzzzz"');
  });
});
