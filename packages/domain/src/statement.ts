/**
 * Statements: how one dataset adds to entities another dataset defines — values added, disputes
 * recorded, two records of one real thing declared the same — and how the result is one
 * merged entity whose every added value keeps the dataset it came from. Written here, not
 * taken from a library: it is the product's edge (many sources adding up to one map), in the
 * spirit of FollowTheMoney statements and Wikidata references.
 */
import * as z from "zod";
import { CitationsSchema, IdSchema, TextSchema } from "./common.ts";
import {
  type Dataset,
  ENTITY_KINDS,
  ENTITY_SCHEMAS,
  type Entity,
  type EntityKind,
  SINGULAR,
} from "./dataset.ts";
import { didYouMean } from "./integrity.ts";

/**
 * What a statement may touch, per collection: list fields another dataset can add to, and the
 * single-valued facts that must agree when two records merge (or carry a recorded dispute).
 * Prose (titles, names, summaries, descriptions, notes) is each dataset's own wording and is
 * never compared; a merged record's other name becomes an alias where the kind has aliases.
 */
export const STATEMENT_FIELDS: Record<EntityKind, { lists: readonly string[]; facts: readonly string[] }> = {
  sources: { lists: [], facts: ["kind", "publisher", "author", "url", "published", "language"] },
  actors: { lists: ["aliases", "roles", "translations", "citations"], facts: ["kind", "country", "born"] },
  places: { lists: ["aliases", "translations", "citations"], facts: ["kind", "country"] },
  events: {
    lists: [
      "dateVariants",
      "participants",
      "places",
      "routes",
      "quantities",
      "links",
      "tags",
      "translations",
      "citations",
    ],
    facts: ["kind", "date", "status", "claimedBy"],
  },
  routes: { lists: ["statuses", "actors", "translations", "citations"], facts: ["kind", "cargo"] },
  relations: { lists: ["citations"], facts: ["type", "from", "to", "when"] },
  deals: { lists: ["parties", "concessions", "brokers", "translations", "citations"], facts: ["date"] },
  assessments: { lists: ["about", "citations"], facts: ["topic", "source", "confidence"] },
};

/** Add values to list fields of an entity another dataset defines. */
export const AddStatementSchema = z.strictObject({
  /** The entity added to (defined in another dataset). */
  about: IdSchema.describe("the id of the entity added to, defined in another dataset"),
  /** Field name → values to append, each as the field's own schema takes it. */
  add: z
    .record(z.string(), z.array(z.unknown()).min(1, "add at least one value"))
    .describe("field name → values appended to that list field (citations, quantities, aliases…)"),
  note: TextSchema.optional().describe("why these values are added"),
});

/** Another value for a single-valued fact, kept beside the defining dataset's value. */
export const DisputeStatementSchema = z.strictObject({
  about: IdSchema.describe("the id of the entity whose fact is disputed"),
  dispute: z.strictObject({
    field: z.string().describe("the single-valued field disputed, e.g. date or status"),
    value: z.unknown().describe("the value this dataset holds, valid for that field"),
    note: TextSchema.optional().describe("what the disagreement is"),
    citations: CitationsSchema.describe("where this dataset's value comes from"),
  }),
});

/** This dataset's entity and one defined elsewhere are one real thing: merge them. */
export const SameAsStatementSchema = z.strictObject({
  id: IdSchema.describe("an entity of this dataset"),
  sameAs: IdSchema.describe(
    "the entity of another dataset it is the same as; the merged entity keeps this id",
  ),
  note: TextSchema.optional().describe("why they are the same"),
  citations: CitationsSchema.optional().describe("where the identity is established"),
});

export type AddStatement = z.infer<typeof AddStatementSchema>;
export type DisputeStatement = z.infer<typeof DisputeStatementSchema>;
export type SameAsStatement = z.infer<typeof SameAsStatementSchema>;
export type Statement = AddStatement | DisputeStatement | SameAsStatement;

/**
 * The schema for one raw statement, chosen by its telling key (`sameAs`, `dispute` or `add`),
 * so that problems speak of the form the curator meant rather than of a union.
 */
export function statementSchemaFor(raw: unknown): z.ZodType<Statement> | undefined {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return undefined;
  if ("sameAs" in raw) return SameAsStatementSchema;
  if ("dispute" in raw) return DisputeStatementSchema;
  if ("add" in raw) return AddStatementSchema;
  return undefined;
}

/** A statement as loaded: which dataset made it and where it stands (for problems). */
export interface StatementInput {
  dataset: string;
  statement: Statement;
  /** Caller's handle for the statement (e.g. its record number), returned with problems. */
  ref: number;
}

export interface StatementProblem {
  ref: number;
  /** Path inside the statement, e.g. ["add", "quantities", 0, "value"]. */
  path: (string | number)[];
  message: string;
}

/** A value of a merged entity that a dataset other than the defining one gave. */
export interface Attribution {
  /** Field path of the value in the merged entity, e.g. "quantities.3". */
  path: string;
  dataset: string;
}

/** A fact two datasets disagree on: the defining dataset's value stays in the entity. */
export interface Dispute {
  field: string;
  value: unknown;
  dataset: string;
  note?: string;
  citations: Dataset["events"][number]["citations"];
}

/** Where the values of the merged entities came from. */
export interface Provenance {
  /** Entity id → the datasets that gave it values, the defining one first. */
  datasets: Record<string, string[]>;
  /** Entity id → the values other datasets added. */
  values: Record<string, Attribution[]>;
  /** Entity id → the facts other datasets dispute. */
  disputes: Record<string, Dispute[]>;
  /** Id merged away by a same-as → the id of the entity it was merged into. */
  sameAs: Record<string, string>;
}

/** Keys whose string value is a reference to another entity, and keys holding lists of them. */
const REF_KEYS = new Set(["source", "of", "from", "to", "claimedBy", "actor", "event", "by"]);
const REF_LIST_KEYS = new Set(["places", "routes", "actors", "events", "parties", "brokers", "about"]);

/** A copy of `value` with every reference to a merged-away id replaced by its merged id. */
function rewrite(value: unknown, map: ReadonlyMap<string, string>, key?: string): unknown {
  if (typeof value === "string") return key && REF_KEYS.has(key) ? (map.get(value) ?? value) : value;
  if (Array.isArray(value)) {
    if (key && REF_LIST_KEYS.has(key))
      return value.map((v) => (typeof v === "string" ? (map.get(v) ?? v) : rewrite(v, map)));
    return value.map((v) => rewrite(v, map));
  }
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = k === "id" ? v : rewrite(v, map, k);
    return out;
  }
  return value;
}

/**
 * A copy of an entity with every reference to an id of `map` replaced by the id it maps to, as
 * a same-as statement rewrites references to the id it merges away (the entity's own id is
 * kept). An event that then names one actor twice in one role keeps the first.
 */
export function rewriteReferences<T>(entity: T, map: ReadonlyMap<string, string>): T {
  if (map.size === 0) return entity;
  const out = rewrite(entity, map) as T & { participants?: { actor: string; role: string }[] };
  if (Array.isArray(out.participants)) {
    const seen = new Set<string>();
    out.participants = out.participants.filter((p) => {
      const key = `${p.actor}\0${p.role}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
  return out;
}

/** The element schema of a list field of a kind, for checking added values. */
function elementSchema(kind: EntityKind, field: string): z.ZodType | undefined {
  const shape = (ENTITY_SCHEMAS[kind] as unknown as { shape: Record<string, z.ZodType> }).shape;
  let s: z.ZodType | undefined = shape[field];
  // unwrap .default()/.optional() to the array, then take its element
  for (let i = 0; i < 4 && s; i++) {
    if (s instanceof z.ZodArray) return s.element as z.ZodType;
    const inner = (s as unknown as { unwrap?: () => z.ZodType }).unwrap;
    s = typeof inner === "function" ? inner.call(s) : undefined;
  }
  return undefined;
}

function fieldSchema(kind: EntityKind, field: string): z.ZodType | undefined {
  return (ENTITY_SCHEMAS[kind] as unknown as { shape: Record<string, z.ZodType> }).shape[field];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Apply statements to a dataset holding every dataset's entities (ids unique across them):
 * same-as first (the dataset's own record merged into the other, references rewritten), then
 * additions and disputes. `definedIn` names the dataset that defines an id. Returns the merged
 * dataset (input entities are not changed), where each added value came from, and every
 * problem found, by statement.
 */
export function applyStatements(
  input: Dataset,
  definedIn: (id: string) => string | undefined,
  statements: readonly StatementInput[],
): { dataset: Dataset; provenance: Provenance; problems: StatementProblem[] } {
  const problems: StatementProblem[] = [];
  const provenance: Provenance = { datasets: {}, values: {}, disputes: {}, sameAs: {} };
  const byId = new Map<string, { kind: EntityKind; entity: Entity }>();
  for (const kind of ENTITY_KINDS) for (const e of input[kind]) byId.set(e.id, { kind, entity: e as Entity });
  const problem = (ref: number, path: (string | number)[], message: string) =>
    problems.push({ ref, path, message });
  const noteDataset = (id: string, dataset: string) => {
    const list = provenance.datasets[id] ?? [definedIn(id) ?? dataset];
    provenance.datasets[id] = list;
    if (!list.includes(dataset)) list.push(dataset);
  };
  const attribute = (id: string, path: string, dataset: string) => {
    const list = provenance.values[id] ?? [];
    provenance.values[id] = list;
    list.push({ path, dataset });
    noteDataset(id, dataset);
  };
  /** Disputes recorded per entity and field, to excuse differing facts on merge. */
  const disputed = new Set<string>();
  for (const { statement: s } of statements)
    if ("dispute" in s) disputed.add(`${s.about}\u0000${s.dispute.field}`);

  let allIds: string[] | undefined;
  const lookup = (ref: number, path: (string | number)[], id: string, what: string) => {
    const got = byId.get(id);
    if (!got) {
      allIds ??= [...byId.keys()];
      problem(ref, path, `${what} "${id}" exists in no dataset${didYouMean(id, allIds)}`);
    }
    return got;
  };

  // 1. same-as: merge each dataset's own record into the record it names
  const merges = new Map<string, string>();
  for (const { dataset, statement: s, ref } of statements) {
    if (!("sameAs" in s)) continue;
    const own = lookup(ref, ["id"], s.id, "the entity");
    const other = lookup(ref, ["sameAs"], s.sameAs, "the entity");
    if (!own || !other) continue;
    if (definedIn(s.id) !== dataset)
      problem(
        ref,
        ["id"],
        `"${s.id}" is defined in ${definedIn(s.id)}, not in ${dataset}: a same-as merges a dataset's own entity`,
      );
    else if (s.id === s.sameAs) problem(ref, ["sameAs"], `"${s.id}" cannot be the same as itself`);
    else if (own.kind !== other.kind)
      problem(
        ref,
        ["sameAs"],
        `"${s.id}" is a ${SINGULAR[own.kind]} and "${s.sameAs}" a ${SINGULAR[other.kind]}: only entities of one kind can be the same`,
      );
    else if (merges.has(s.id))
      problem(ref, ["id"], `"${s.id}" is already declared the same as "${merges.get(s.id)}"`);
    else merges.set(s.id, s.sameAs);
  }
  // a chain or cycle of same-as: each must end at an entity that is not itself merged away
  for (const [from, to] of [...merges]) {
    const seen = [from];
    let at = to;
    while (merges.has(at) && !seen.includes(at)) {
      seen.push(at);
      at = merges.get(at) as string;
    }
    if (merges.has(at) || seen.includes(at)) {
      const s = statements.find((x) => "sameAs" in x.statement && x.statement.id === from);
      if (s) problem(s.ref, ["sameAs"], `same-as cycle: ${[...seen, at].map((x) => `"${x}"`).join(" → ")}`);
      merges.delete(from);
    } else merges.set(from, at);
  }
  const merged = new Map<string, Record<string, unknown>>();
  const current = (id: string) => {
    let e = merged.get(id);
    if (!e) {
      // references to merged-away ids already point at the merged entity, so equal values compare equal
      e = rewrite(byId.get(id)?.entity, merges) as Record<string, unknown>;
      merged.set(id, e);
    }
    return e;
  };
  for (const [from, to] of merges) {
    const ref = statements.find((x) => "sameAs" in x.statement && x.statement.id === from)?.ref ?? -1;
    const { kind } = byId.get(to) as { kind: EntityKind };
    const theirs = rewrite(byId.get(from)?.entity, merges) as Record<string, unknown>;
    const target = current(to);
    const dataset = definedIn(from) ?? "";
    for (const field of STATEMENT_FIELDS[kind].facts) {
      const a = target[field];
      const b = theirs[field];
      if (b === undefined || same(a, b)) continue;
      if (a === undefined) {
        target[field] = b;
        attribute(to, field, dataset);
      } else if (!disputed.has(`${to}\u0000${field}`) && !disputed.has(`${from}\u0000${field}`)) {
        problem(
          ref,
          ["sameAs"],
          `"${from}" and "${to}" disagree on ${field} (${JSON.stringify(b)} against ${JSON.stringify(a)}): record a dispute on ${field} to keep both`,
        );
      }
    }
    for (const field of STATEMENT_FIELDS[kind].lists) {
      const add = (theirs[field] as unknown[] | undefined) ?? [];
      const list = [...((target[field] as unknown[] | undefined) ?? [])];
      for (const v of add) {
        if (list.some((x) => same(x, v))) continue;
        list.push(v);
        attribute(to, `${field}.${list.length - 1}`, dataset);
      }
      target[field] = list;
    }
    // the other record's name is another spelling of the merged one's
    const name = theirs.name;
    if (typeof name === "string" && name !== target.name && "aliases" in target) {
      const aliases = [...((target.aliases as { name: string }[]) ?? [])];
      if (!aliases.some((x) => x.name === name)) {
        aliases.push({ name });
        target.aliases = aliases;
        attribute(to, `aliases.${aliases.length - 1}`, dataset);
      }
    }
    provenance.sameAs[from] = to;
    noteDataset(to, dataset);
  }

  // 2. additions and disputes (an id merged away stands for the entity it was merged into)
  const resolve = (id: string) => merges.get(id) ?? id;
  for (const { dataset, statement: s, ref } of statements) {
    if ("sameAs" in s) continue;
    const id = resolve(s.about);
    const got = lookup(ref, ["about"], s.about, "the entity");
    if (!got) continue;
    const kind = byId.get(id)?.kind as EntityKind;
    if (definedIn(s.about) === dataset) {
      problem(
        ref,
        ["about"],
        `"${s.about}" is defined in this dataset: change it there instead of adding to it`,
      );
      continue;
    }
    const target = current(id);
    if ("add" in s) {
      for (const [field, values] of Object.entries(s.add)) {
        const element = STATEMENT_FIELDS[kind].lists.includes(field) ? elementSchema(kind, field) : undefined;
        if (!element) {
          problem(
            ref,
            ["add", field],
            `a ${SINGULAR[kind]} has no list "${field}" to add to; one of: ${STATEMENT_FIELDS[kind].lists.join(", ") || "(none)"}`,
          );
          continue;
        }
        const list = [...((target[field] as unknown[] | undefined) ?? [])];
        values.forEach((raw, i) => {
          const r = element.safeParse(raw);
          if (!r.success) {
            for (const issue of r.error.issues)
              problem(ref, ["add", field, i, ...(issue.path as (string | number)[])], issue.message);
            return;
          }
          if (list.some((x) => same(x, r.data))) return;
          list.push(r.data);
          attribute(id, `${field}.${list.length - 1}`, dataset);
        });
        target[field] = list;
      }
    } else {
      const { field, value, note, citations } = s.dispute;
      const schema = STATEMENT_FIELDS[kind].facts.includes(field) ? fieldSchema(kind, field) : undefined;
      if (!schema) {
        problem(
          ref,
          ["dispute", "field"],
          `"${field}" is not a single-valued fact of a ${SINGULAR[kind]}; one of: ${STATEMENT_FIELDS[kind].facts.join(", ")}`,
        );
        continue;
      }
      const r = schema.safeParse(value);
      if (!r.success) {
        for (const issue of r.error.issues)
          problem(ref, ["dispute", "value", ...(issue.path as (string | number)[])], issue.message);
        continue;
      }
      const disputes = provenance.disputes[id] ?? [];
      provenance.disputes[id] = disputes;
      disputes.push({
        field,
        value: r.data,
        dataset,
        ...(note ? { note } : {}),
        citations,
      });
      noteDataset(id, dataset);
    }
  }

  // 3. the merged dataset: merged-away records dropped, references to them rewritten
  const out = {} as Record<EntityKind, Entity[]>;
  for (const kind of ENTITY_KINDS) {
    out[kind] = [];
    for (const e of input[kind] as Entity[]) {
      if (merges.has(e.id)) continue;
      const entity = (merged.get(e.id) ?? e) as Entity;
      out[kind].push(merges.size > 0 ? (rewrite(entity, merges) as Entity) : entity);
    }
  }
  return { dataset: out as unknown as Dataset, provenance, problems };
}
