import { call } from "@/trpc/server";

/**
 * Where a merged entity's values came from: the datasets behind it (the defining one first),
 * what each other dataset added, the facts they dispute, and the records merged into it by
 * same-as statements. Nothing when a single dataset holds the entity.
 */
export async function ProvenanceNote({ id }: { id: string }) {
  const r = await call((api) => api.entity.provenance({ id }));
  if (!r.ok) return null;
  const p = r.data;
  if (p.datasets.length < 2 && p.disputes.length === 0 && p.mergedFrom.length === 0) return null;
  const heading = `provenance-${p.id}`;
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
                  : `added ${added.length} ${added.length === 1 ? "value" : "values"} (${added.map((v) => v.path).join(", ")})`}
              </span>
            </li>
          );
        })}
      </ul>
      {p.disputes.length > 0 && (
        <>
          <h3>Disputed</h3>
          <ul>
            {p.disputes.map((d) => (
              <li key={`${d.dataset}-${d.field}-${JSON.stringify(d.value)}`}>
                {d.field}: <strong>{d.dataset}</strong> gives{" "}
                <code>{typeof d.value === "string" ? d.value : JSON.stringify(d.value)}</code>
                {d.note ? ` — ${d.note}` : ""}{" "}
                <span className="muted">(cited from {d.citations.map((c) => c.source).join(", ")})</span>
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
    </section>
  );
}
