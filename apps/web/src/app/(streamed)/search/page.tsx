import type { Metadata } from "next";
import { LoadProblem } from "@/components/load-problem";
import { Empty } from "@/components/ui";
import { hrefFor, type KindName } from "@/lib/links";
import { one, type SearchParams } from "@/lib/params";
import { call } from "@/trpc/server";

export const metadata: Metadata = { title: "Search" };

const GROUPS: { kind: KindName; label: string }[] = [
  { kind: "actor", label: "Actors" },
  { kind: "place", label: "Places" },
  { kind: "event", label: "Events" },
  { kind: "route", label: "Routes" },
  { kind: "deal", label: "Deals" },
  { kind: "source", label: "Sources" },
];

/** Results of the global search, grouped by kind (any spelling, diacritics optional, typos forgiven). */
export default async function SearchPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const q = (one(sp, "q") ?? "").slice(0, 200);
  const tooLong = (one(sp, "q") ?? "").length > 200;
  const r = q ? await call((api) => api.search.query({ q, limit: 60 })) : null;
  return (
    <>
      <h1>Search</h1>
      <form method="get" action="/search" className="filters" aria-label="Search the data">
        <div className="field" style={{ flex: "1 1 18rem" }}>
          <label htmlFor="q-main">Names, places, events, routes, deals, sources — in any spelling</label>
          <input
            id="q-main"
            name="q"
            type="search"
            defaultValue={q}
            placeholder="Lukashenka, Klaipėda, potash…"
          />
        </div>
        <button type="submit">Search</button>
      </form>
      {tooLong ? <p className="notice">Only the first 200 characters of the query were used.</p> : null}
      {!q ? (
        <p className="muted">
          Type a name in any spelling — Belarusian Latin, Russian, Polish, with or without diacritics. Press{" "}
          <kbd>/</kbd> anywhere to jump to the search box.
        </p>
      ) : !r ? null : !r.ok ? (
        <LoadProblem code={r.code} message={r.message} what="the search" heading={2} />
      ) : r.data.hits.length === 0 ? (
        <Empty>Nothing matches “{q}”. Try another spelling or fewer words.</Empty>
      ) : (
        <>
          <p className="muted" aria-live="polite">
            {r.data.hits.length} result{r.data.hits.length === 1 ? "" : "s"} for “{q}”
          </p>
          <div className="grid">
            {GROUPS.map((g) => {
              const hits = r.data.hits.filter((h) => h.kind === g.kind);
              if (hits.length === 0) return null;
              return (
                <section key={g.kind} className="card" aria-labelledby={`g-${g.kind}`} data-group={g.kind}>
                  <h2 id={`g-${g.kind}`} className="h3">
                    {g.label} ({hits.length})
                  </h2>
                  <ul className="list">
                    {hits.map((h) => (
                      <li key={h.id}>
                        <a href={hrefFor(h.kind, h.id)}>{h.label}</a>
                        {h.matched && h.matched !== h.label ? (
                          <div className="small muted">matched “{h.matched}”</div>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                </section>
              );
            })}
          </div>
        </>
      )}
    </>
  );
}
