import type { Metadata } from "next";
import type { ReactNode } from "react";
import { LoadProblem } from "@/components/load-problem";
import { Pager } from "@/components/pager";
import { ParamProblems } from "@/components/param-problems";
import { Empty } from "@/components/ui";
import { hrefFor, type KindName } from "@/lib/links";
import { pageFromUrl, rangeText } from "@/lib/paging";
import { enumParam, one, type ParamProblem, qs, type SearchParams } from "@/lib/params";
import { call } from "@/trpc/server";

export const metadata: Metadata = { title: "Search" };

const GROUPS: { kind: KindName; label: string; noun: [string, string] }[] = [
  { kind: "actor", label: "Actors", noun: ["actor", "actors"] },
  { kind: "place", label: "Places", noun: ["place", "places"] },
  { kind: "event", label: "Events", noun: ["event", "events"] },
  { kind: "route", label: "Routes", noun: ["route", "routes"] },
  { kind: "deal", label: "Deals", noun: ["deal", "deals"] },
  { kind: "source", label: "Sources", noun: ["source", "sources"] },
];
type SearchKind = "actor" | "place" | "event" | "route" | "deal" | "source";
const KINDS = GROUPS.map((g) => g.kind as SearchKind);

/** Most results one search gives (the router's limit). */
const MOST = 100;
/** Results per group when every kind is shown; the rest are a link away. */
const PER_GROUP = 8;
/** Results per page when one kind is shown. */
const PAGE = 25;

/**
 * Results of the global search (any spelling, diacritics optional, typos forgiven): the best 100,
 * grouped by kind with the first few of each, or one kind's results a page at a time.
 */
export default async function SearchPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const problems: ParamProblem[] = [];
  const q = (one(sp, "q") ?? "").slice(0, 200);
  const tooLong = (one(sp, "q") ?? "").length > 200;
  const [kind] = enumParam(sp, "kind", KINDS, problems);
  let at = pageFromUrl(sp, problems);
  // one kind: its best 100; every kind: the best 100 of each, so a kind with many strong matches
  // (a word in ten thousand event titles) does not hide the others
  const r = q && kind ? await call((api) => api.search.query({ q, limit: MOST, kinds: [kind] })) : null;
  const perKind =
    q && !kind
      ? await Promise.all(KINDS.map((k) => call((api) => api.search.query({ q, limit: MOST, kinds: [k] }))))
      : null;
  const failed = perKind?.find((x) => !x.ok);
  const group = GROUPS.find((g) => g.kind === kind);
  const kindHref = (k: string) =>
    `/search${qs([
      ["q", q],
      ["kind", k],
    ])}#results`;

  let body: ReactNode = null;
  if (!q) {
    body = (
      <p className="muted">
        Type a name in any spelling — Belarusian Latin, Russian, Polish, with or without diacritics. Press{" "}
        <kbd>/</kbd> anywhere to jump to the search box.
      </p>
    );
  } else if (r && !r.ok) {
    body = <LoadProblem code={r.code} message={r.message} what="the search" heading={2} />;
  } else if (failed && !failed.ok) {
    body = <LoadProblem code={failed.code} message={failed.message} what="the search" heading={2} />;
  } else if (
    (r?.ok && r.data.hits.length === 0) ||
    (perKind?.every((x) => x.ok && x.data.hits.length === 0) ?? false)
  ) {
    body = (
      <Empty>
        Nothing {group ? `of kind “${group.noun[0]}” ` : ""}matches “{q}”. Try another spelling or fewer words
        {group ? (
          <>
            , or <a href={`/search${qs([["q", q]])}`}>search every kind</a>
          </>
        ) : null}
        .
      </Empty>
    );
  } else if (r?.ok && group) {
    // one kind, a page at a time: the cursor is the last result shown
    const hits = r.data.hits;
    let start = 0;
    if (at.after !== undefined) {
      const i = hits.findIndex((h) => h.id === at.after);
      if (i < 0) {
        problems.push({
          param: "after",
          value: at.after.slice(0, 40),
          message: "is not one of these results",
        });
        at = { after: undefined, page: 1 };
      } else start = i + 1;
    }
    const shown = hits.slice(start, start + PAGE);
    const cut = hits.length === MOST;
    const last = shown[shown.length - 1];
    body = (
      <section aria-labelledby="results" data-group={group.kind}>
        <h2 id="results" className="h3">
          {group.label} matching “{q}”
        </h2>
        <p className="muted" aria-live="polite" data-testid="list-range">
          {rangeText({
            start: start + 1,
            count: shown.length,
            total: hits.length,
            atLeast: cut,
            noun: hits.length === 1 && !cut ? group.noun[0] : group.noun[1],
          })}
          {cut ? ". More may match: add a word to narrow the search." : "."}{" "}
          <a href={`/search${qs([["q", q]])}`}>All kinds</a>
        </p>
        <HitList hits={shown} ordered start={start + 1} />
        <Pager
          label={`Pages of ${group.noun[1]} found`}
          path="/search"
          params={[
            ["q", q],
            ["kind", group.kind],
          ]}
          at={{ after: at.after, page: Math.floor(start / PAGE) + 1 }}
          next={
            start + PAGE < hits.length && last ? { after: last.id, page: Math.floor(start / PAGE) + 2 } : null
          }
          hash="results"
        />
      </section>
    );
  } else if (perKind) {
    const found = new Map(KINDS.map((k, i) => [k, perKind[i]?.ok ? perKind[i].data.hits : []]));
    const sum = [...found.values()].reduce((n, hits) => n + hits.length, 0);
    const anyCut = [...found.values()].some((hits) => hits.length === MOST);
    body = (
      <>
        <p className="muted" aria-live="polite" data-testid="list-range">
          {anyCut
            ? `At least ${sum.toLocaleString("en")} results for “${q}”: each kind lists its best ${MOST}. Add a word to narrow the search.`
            : `${sum} result${sum === 1 ? "" : "s"} for “${q}”.`}
        </p>
        <div className="grid" id="results">
          {GROUPS.map((g) => {
            const mine = found.get(g.kind as SearchKind) ?? [];
            const cut = mine.length === MOST;
            if (mine.length === 0) return null;
            return (
              <section key={g.kind} className="card" aria-labelledby={`g-${g.kind}`} data-group={g.kind}>
                <h2 id={`g-${g.kind}`} className="h3">
                  {g.label} ({mine.length}
                  {cut ? " or more" : ""})
                </h2>
                <HitList hits={mine.slice(0, PER_GROUP)} />
                {mine.length > PER_GROUP || cut ? (
                  <p className="small">
                    <a href={kindHref(g.kind)}>
                      {cut ? `More ${g.noun[1]}` : `All ${mine.length} ${g.noun[1]}`} matching “{q}” →
                    </a>
                  </p>
                ) : null}
              </section>
            );
          })}
        </div>
      </>
    );
  }

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
        {group ? <input type="hidden" name="kind" value={group.kind} /> : null}
        <button type="submit">Search{group ? ` ${group.noun[1]}` : ""}</button>
      </form>
      {tooLong ? <p className="notice">Only the first 200 characters of the query were used.</p> : null}
      <ParamProblems problems={problems} resetHref={q ? `/search${qs([["q", q]])}` : "/search"} />
      {body}
    </>
  );
}

type Hit = { kind: KindName; id: string; label: string; matched: string };

function HitList({ hits, ordered = false, start = 1 }: { hits: Hit[]; ordered?: boolean; start?: number }) {
  const items = hits.map((h) => (
    <li key={h.id}>
      <a href={hrefFor(h.kind, h.id)}>{h.label}</a>
      {h.matched && h.matched !== h.label ? <div className="small muted">matched “{h.matched}”</div> : null}
    </li>
  ));
  return ordered ? (
    <ol className="list" start={start}>
      {items}
    </ol>
  ) : (
    <ul className="list">{items}</ul>
  );
}
