/**
 * Which dataset gave each value of a merged entity, from the API's `entity.provenance`: values
 * other datasets added are listed by field path (`quantities.9`, `citations.2`); every other
 * value is the defining dataset's own and carries no mark.
 */

/** The part of `entity.provenance` the marks need. */
export interface ProvenanceLike {
  datasets: readonly string[];
  values: readonly { path: string; dataset: string }[];
  disputes: readonly { field: string; value?: unknown; dataset: string; note?: string | undefined }[];
}

/** Field path → the dataset that added the value there. */
export type AddedBy = Readonly<Record<string, string>>;

export function addedByOf(p: ProvenanceLike | undefined): AddedBy {
  return Object.fromEntries((p?.values ?? []).map((v) => [v.path, v.dataset]));
}

/**
 * For each item of a list field, the dataset that added it (undefined for the entity's own),
 * in the list's order: `marksOf(added, "citations", event.citations)`.
 */
export function marksOf(
  added: AddedBy | undefined,
  field: string,
  items: readonly unknown[],
): (string | undefined)[] {
  return items.map((_, i) => added?.[`${field}.${i}`]);
}

/**
 * The dataset that added the item of `field` that `matches` picks, for lists the router hands
 * back enriched (participants with names, places with labels): the item's index in the entity's
 * own list decides.
 */
export function markOf<T>(
  added: AddedBy | undefined,
  field: string,
  own: readonly T[],
  matches: (item: T) => boolean,
): string | undefined {
  const i = own.findIndex(matches);
  return i < 0 ? undefined : added?.[`${field}.${i}`];
}

/** A disputed fact with both sides: the defining dataset's value kept, and each other dataset's. */
export interface DisputeSides {
  field: string;
  sides: { dataset: string; value: string; note?: string | undefined }[];
}

const shown = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

/** The disputes of an entity, each with the defining dataset's value first. */
export function disputeSides(
  p: ProvenanceLike | undefined,
  entity: Readonly<Record<string, unknown>>,
): DisputeSides[] {
  const out: DisputeSides[] = [];
  for (const d of p?.disputes ?? []) {
    let entry = out.find((x) => x.field === d.field);
    if (!entry) {
      entry = {
        field: d.field,
        sides: [{ dataset: p?.datasets[0] ?? "this dataset", value: shown(entity[d.field]) }],
      };
      out.push(entry);
    }
    entry.sides.push({ dataset: d.dataset, value: shown(d.value), note: d.note });
  }
  return out;
}
