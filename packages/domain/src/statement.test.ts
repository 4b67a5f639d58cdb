import { describe, expect, it } from "vitest";
import { type Dataset, DatasetSchema } from "./dataset.ts";
import { checkIntegrity } from "./integrity.ts";
import { applyStatements, type Statement, type StatementInput } from "./statement.ts";

const src = (id: string) =>
  ({ id, kind: "other", title: id, publisher: "P", language: "en", paragraphs: 3 }) as const;
const cite = (source: string) => [{ source, paragraph: 1 }];

/** Two datasets in one: "built-in" defines the release, "memo" its own record of it. */
function union(): { dataset: Dataset; definedIn: (id: string) => string | undefined } {
  const dataset = DatasetSchema.parse({
    sources: [src("wire"), src("memo")],
    actors: [
      { id: "minsk-gov", kind: "state", name: "Belarus", description: "A state.", citations: cite("wire") },
      {
        id: "memo-belarus",
        kind: "state",
        name: "Republic of Belarus",
        description: "The state.",
        citations: cite("memo"),
      },
    ],
    events: [
      {
        id: "release-sept",
        kind: "release",
        title: "Prisoners freed",
        summary: "A release.",
        date: "2025-09-11",
        status: "occurred",
        participants: [{ actor: "minsk-gov", role: "initiator" }],
        quantities: [{ value: 52, unit: "people", counts: "prisoners released", citations: cite("wire") }],
        citations: cite("wire"),
      },
      {
        id: "memo-release",
        kind: "release",
        title: "The September release, as the memo tells it",
        summary: "Fifty-two people left prison.",
        date: "2025-09-11",
        status: "occurred",
        participants: [{ actor: "memo-belarus", role: "initiator" }],
        quantities: [
          { value: 14, unit: "people", counts: "foreigners among those released", citations: cite("memo") },
        ],
        citations: cite("memo"),
      },
    ],
  });
  const memo = new Set(["memo", "memo-belarus", "memo-release"]);
  return { dataset, definedIn: (id) => (memo.has(id) ? "memo" : "built-in") };
}

const input = (statement: Statement, ref = 0, dataset = "memo"): StatementInput => ({
  dataset,
  statement,
  ref,
});

describe("applyStatements", () => {
  it("same-as merges a dataset's record into the other: one entity, every value attributed, references rewritten", () => {
    const { dataset, definedIn } = union();
    const r = applyStatements(dataset, definedIn, [
      input({ id: "memo-release", sameAs: "release-sept" }, 0),
      input({ id: "memo-belarus", sameAs: "minsk-gov" }, 1),
    ]);
    expect(r.problems).toEqual([]);
    expect(r.dataset.events.map((e) => e.id)).toEqual(["release-sept"]);
    expect(r.dataset.actors.map((a) => a.id)).toEqual(["minsk-gov"]);
    const ev = r.dataset.events[0];
    expect(ev?.title).toBe("Prisoners freed");
    expect(ev?.quantities.map((q) => q.value)).toEqual([52, 14]);
    expect(ev?.citations.map((c) => c.source)).toEqual(["wire", "memo"]);
    // the memo's participant pointed at its own record of Belarus, now the merged one
    expect(ev?.participants).toEqual([{ actor: "minsk-gov", role: "initiator" }]);
    expect(r.dataset.actors[0]?.aliases.map((a) => a.name)).toEqual(["Republic of Belarus"]);
    expect(r.provenance.sameAs).toEqual({ "memo-release": "release-sept", "memo-belarus": "minsk-gov" });
    expect(r.provenance.datasets["release-sept"]).toEqual(["built-in", "memo"]);
    expect(r.provenance.values["release-sept"]).toContainEqual({ path: "quantities.1", dataset: "memo" });
    expect(r.provenance.values["release-sept"]).toContainEqual({ path: "citations.1", dataset: "memo" });
    // counted once, and still a valid dataset
    expect(r.dataset.events).toHaveLength(1);
    expect(checkIntegrity(r.dataset)).toEqual([]);
    // the input is not changed
    expect(dataset.events).toHaveLength(2);
    expect(dataset.events[0]?.quantities).toHaveLength(1);
  });

  it("adds values to an entity defined elsewhere, checked against the field's schema", () => {
    const { dataset, definedIn } = union();
    const r = applyStatements(dataset, definedIn, [
      input({
        about: "release-sept",
        add: {
          citations: [{ source: "memo", paragraph: 1 }],
          quantities: [{ value: 6, unit: "people", counts: "Lithuanians released", citations: cite("memo") }],
        },
      }),
    ]);
    expect(r.problems).toEqual([]);
    const ev = r.dataset.events.find((e) => e.id === "release-sept");
    expect(ev?.quantities.map((q) => q.value)).toEqual([52, 6]);
    expect(ev?.quantities[1]?.qualifier).toBe("exact"); // the schema's default filled in
    expect(r.provenance.values["release-sept"]).toEqual([
      { path: "citations.1", dataset: "memo" },
      { path: "quantities.1", dataset: "memo" },
    ]);
  });

  it("adds a description in another language", () => {
    const { dataset, definedIn } = union();
    const r = applyStatements(dataset, definedIn, [
      input({
        about: "minsk-gov",
        add: { translations: [{ lang: "ru", text: "Государство.", citations: cite("memo") }] },
      }),
      input({ about: "release-sept", add: { translations: [{ lang: "Russian", text: "x" }] } }, 1),
    ]);
    expect(r.dataset.actors.find((a) => a.id === "minsk-gov")?.translations).toEqual([
      { lang: "ru", text: "Государство.", citations: cite("memo") },
    ]);
    expect(r.provenance.values["minsk-gov"]).toEqual([{ path: "translations.0", dataset: "memo" }]);
    expect(r.problems.map((p) => [p.ref, p.path.join(".")])).toEqual([[1, "add.translations.0.lang"]]);
  });

  it("records a dispute beside the defining value, which stays", () => {
    const { dataset, definedIn } = union();
    const r = applyStatements(dataset, definedIn, [
      input({
        about: "release-sept",
        dispute: { field: "date", value: "2025-09-10", citations: cite("memo") },
      }),
    ]);
    expect(r.problems).toEqual([]);
    expect(r.dataset.events.find((e) => e.id === "release-sept")?.date).toBe("2025-09-11");
    expect(r.provenance.disputes["release-sept"]).toEqual([
      { field: "date", value: "2025-09-10", dataset: "memo", citations: cite("memo") },
    ]);
  });

  it("a same-as whose facts disagree needs a recorded dispute", () => {
    const { dataset, definedIn } = union();
    const moved = {
      ...dataset,
      events: dataset.events.map((e) => (e.id === "memo-release" ? { ...e, date: "2025-09-12" } : e)),
    };
    const bad = applyStatements(moved, definedIn, [input({ id: "memo-release", sameAs: "release-sept" }, 7)]);
    expect(bad.problems).toEqual([
      {
        ref: 7,
        path: ["sameAs"],
        message: expect.stringContaining('disagree on date ("2025-09-12" against "2025-09-11")'),
      },
    ]);
    const ok = applyStatements(moved, definedIn, [
      input({ id: "memo-release", sameAs: "release-sept" }, 7),
      input(
        { about: "release-sept", dispute: { field: "date", value: "2025-09-12", citations: cite("memo") } },
        8,
      ),
    ]);
    expect(ok.problems).toEqual([]);
  });

  it("names every bad statement: unknown ids, other kinds, cycles, fields that are not lists or facts, bad values", () => {
    const { dataset, definedIn } = union();
    const r = applyStatements(dataset, definedIn, [
      input({ about: "no-such-event", add: { citations: [{ source: "memo" }] } }, 1),
      input({ id: "memo-release", sameAs: "minsk-gov" }, 2),
      input({ about: "release-sept", add: { title: ["Another title"] } }, 3),
      input({ about: "release-sept", add: { quantities: [{ value: "many" }] } }, 4),
      input({ about: "release-sept", dispute: { field: "summary", value: "x", citations: cite("memo") } }, 5),
      input({ about: "memo-release", add: { tags: ["x"] } }, 6),
      input({ id: "memo-belarus", sameAs: "nobody" }, 9),
    ]);
    const byRef = (ref: number) => r.problems.filter((p) => p.ref === ref).map((p) => p.message);
    expect(byRef(1)).toEqual(['the entity "no-such-event" exists in no dataset']);
    expect(byRef(2)[0]).toContain("only entities of one kind can be the same");
    expect(byRef(3)[0]).toContain('has no list "title"');
    expect(byRef(4).length).toBeGreaterThan(0);
    expect(r.problems.find((p) => p.ref === 4)?.path.slice(0, 3)).toEqual(["add", "quantities", 0]);
    expect(byRef(5)[0]).toContain('"summary" is not a single-valued fact');
    expect(byRef(6)[0]).toContain("defined in this dataset");
    expect(byRef(9)).toEqual(['the entity "nobody" exists in no dataset']);
  });

  it("reports a same-as cycle", () => {
    const { dataset } = union();
    // both records belong to one dataset here, each declared the same as the other
    const r = applyStatements(dataset, () => "memo", [
      input({ id: "memo-release", sameAs: "release-sept" }, 1),
      input({ id: "release-sept", sameAs: "memo-release" }, 2),
    ]);
    expect(r.problems.some((p) => p.message.startsWith("same-as cycle"))).toBe(true);
  });
});
