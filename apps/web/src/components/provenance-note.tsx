import type { RouterOutputs } from "@dealmap/api";
import { disputeSides } from "@/lib/provenance";
import { call } from "@/trpc/server";
import { Citations } from "./citations";
import { DatasetMark } from "./dataset-mark";

export type EntityProvenance = RouterOutputs["entity"]["provenance"];

/** The provenance of an entity, or undefined when it cannot be read (the page still shows). */
export async function provenanceOf(id: string): Promise<EntityProvenance | undefined> {
  const r = await call((api) => api.entity.provenance({ id }));
  return r.ok ? r.data : undefined;
}

/**
 * Where a merged entity's values came from: the datasets behind it (the defining one first),
 * what each other dataset added (each value also carries its dataset's mark where the page shows
 * it), the facts they dispute — each side with its dataset, the kept value first — and the
 * records merged into it by same-as statements. Nothing when a single dataset holds the entity.
 */
export async function ProvenanceNote({
  id,
  entity,
  provenance,
}: {
  id: string;
  /** The entity as shown, for the value its own dataset gives a disputed fact. */
  entity?: Readonly<Record<string, unknown>>;
  /** Already read by the page; read here otherwise. */
  provenance?: EntityProvenance | undefined;
}) {
  const p = provenance ?? (await provenanceOf(id));
  if (!p) return null;
  if (p.datasets.length < 2 && p.disputes.length === 0 && p.mergedFrom.length === 0) return null;
  const heading = `provenance-${p.id}`;
  const disputes = disputeSides(p, entity ?? {});
  return (
    <section className="card provenance" aria-labelledby={heading}>
      <h2 id={heading}>
        {p.datasets.length} {p.datasets.length === 1 ? "dataset" : "datasets"}: {p.datasets.join(", ")}
      </h2>
      <ul>
        {p.datasets.map((name, i) => {
          const added = p.values.filter((v) => v.dataset === name);
          return (
            <li key={name}>
              <strong>{name}</strong>{" "}
              <span className="muted">
                {i === 0
                  ? "defines it"
                  : added.length === 0
                    ? "merged a record of its own into it (same-as)"
                    : `added ${added.length} ${added.length === 1 ? "value" : "values"} (${added.map((v) => v.path).join(", ")})`}
              </span>
            </li>
          );
        })}
      </ul>
      {disputes.length > 0 && (
        <>
          <h3>Disputed</h3>
          <ul>
            {disputes.map((d) => (
              <li key={d.field}>
                {d.field}:{" "}
                {d.sides.map((side, i) => (
                  <span key={`${side.dataset}-${side.value}`} className="dispute-side">
                    {i > 0 ? "; " : ""}
                    <DatasetMark name={side.dataset} spoken="" /> gives{" "}
                    <code>{entity || i > 0 ? side.value : "(its own value)"}</code>
                    {i === 0 ? <span className="muted"> (kept)</span> : null}
                    {side.note ? <span className="muted"> — {side.note}</span> : null}
                  </span>
                ))}{" "}
                <span className="muted">
                  (cited from{" "}
                  {p.disputes
                    .filter((x) => x.field === d.field)
                    .flatMap((x) => x.citations.map((c) => c.source))
                    .join(", ")}
                  )
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {p.mergedFrom.length > 0 && (
        <p className="small muted">
          Also recorded as {p.mergedFrom.join(", ")} — merged into this {p.kind} by a same-as statement.
        </p>
      )}
      {/* what an import cites for its record merged into this one (older servers send none) */}
      {(p.mergedCitations ?? []).map((m) => (
        <div key={`${m.dataset}:${m.from}`} data-testid="merged-citations">
          <p className="small">
            <DatasetMark name={m.dataset} spoken="" /> cites for its record “{m.name}” ({m.from}):
          </p>
          <Citations citations={m.citations} addedBy={m.citations.map(() => m.dataset)} />
        </div>
      ))}
    </section>
  );
}
