import type { Metadata } from "next";
import { Citations } from "@/components/citations";
import { DateText } from "@/components/date-text";
import { LoadProblem } from "@/components/load-problem";
import { Pager } from "@/components/pager";
import { ParamProblems } from "@/components/param-problems";
import { RunningChart } from "@/components/running-chart";
import { Empty } from "@/components/ui";
import { hrefFor } from "@/lib/links";
import { nextPage, type PagePosition, pageFromUrl, rangeText, startOf } from "@/lib/paging";
import type { ParamProblem, SearchParams } from "@/lib/params";
import { call } from "@/trpc/server";

export const metadata: Metadata = { title: "Deals" };

const DELIVERY_LABEL: Record<string, string> = {
  delivered: "Delivered",
  partial: "Partly delivered",
  promised: "Promised",
  expected: "Expected",
  "not-delivered": "Not delivered",
};

/** Pairs of parties per page of the ledger. */
const PAIRS = 10;
/** Deals per page of the list of all deals. */
const DEALS = 50;
/** The URL parameters of each list's position: the ledger's pairs, the list of all deals. */
const PAIR_KEYS: [string, string] = ["after", "page"];
const DEAL_KEYS: [string, string] = ["deals-after", "deals-page"];

const posParams = (at: PagePosition, [a, p]: [string, string]): [string, string | undefined][] => [
  [a, at.after],
  [p, at.after && at.page !== null ? String(at.page) : undefined],
];

/**
 * The ledger: what each side gave and promised, delivered vs promised, with running totals —
 * the pairs of parties with the most concessions first, ten pairs a page; then every deal, fifty
 * a page. Each list keeps its own position in the URL.
 */
export default async function DealsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const problems: ParamProblem[] = [];
  let pairsAt = pageFromUrl(sp, problems, ...PAIR_KEYS);
  let dealsAt = pageFromUrl(sp, problems, ...DEAL_KEYS);
  const readLedger = () =>
    call((api) => api.deals.ledger({ limit: PAIRS, ...(pairsAt.after ? { cursor: pairsAt.after } : {}) }));
  const readDeals = () =>
    call((api) => api.deals.list({ limit: DEALS, ...(dealsAt.after ? { cursor: dealsAt.after } : {}) }));
  let [ledger, deals] = await Promise.all([readLedger(), readDeals()]);
  // a position that names nothing in its list (other data, or typed by hand): that list's first page
  if (!ledger.ok && ledger.parameter === "cursor" && pairsAt.after) {
    problems.push({
      param: PAIR_KEYS[0],
      value: pairsAt.after.slice(0, 40),
      message: "is not a pair of this ledger",
    });
    pairsAt = { after: undefined, page: 1 };
    ledger = await readLedger();
  }
  if (!deals.ok && deals.parameter === "cursor" && dealsAt.after) {
    problems.push({
      param: DEAL_KEYS[0],
      value: dealsAt.after.slice(0, 40),
      message: "is not a deal of this list",
    });
    dealsAt = { after: undefined, page: 1 };
    deals = await readDeals();
  }
  if (!ledger.ok)
    return (
      <LoadProblem
        code={ledger.code}
        message={ledger.message}
        what="the deals"
        resetHref="/deals"
        heading={1}
      />
    );
  // a concession's giver and receiver are its pair's parties: their names come with the pair
  const names = new Map(
    ledger.data.pairs.flatMap((p) => p.parties.map((id, i) => [id, p.partyNames[i] ?? id])),
  );
  const name = (id: string) => names.get(id) ?? id;
  const pairCount = ledger.data.total;
  return (
    <>
      <h1>Deals ledger</h1>
      <p className="lede">
        What each side gave and what it only promised, exchange by exchange. Figures are the sources' own.
      </p>
      <ParamProblems problems={problems} resetHref="/deals" />
      {pairCount === 0 ? <Empty>No deals in the data.</Empty> : null}
      {pairCount > PAIRS || pairsAt.after ? (
        <p className="muted" id="pairs-h" data-testid="pairs-range">
          {rangeText({
            start: startOf(pairsAt, PAIRS),
            count: ledger.data.pairs.length,
            total: pairCount,
            noun: "pairs of parties",
          })}
          , the most concessions first.
        </p>
      ) : null}
      {ledger.data.pairs.map((pair) => {
        const counted = pair.totals.filter((t) => t.points.length > 0 && t.unit !== "");
        const years = pair.entries.map((e) => Number(e.date.slice(0, 4))).filter(Number.isFinite);
        const year = years.length && years.every((y) => y === years[0]) ? years[0] : undefined;
        return (
          <section key={pair.parties.join("|")} aria-labelledby={`pair-${pair.parties.join("-")}`}>
            <h2 id={`pair-${pair.parties.join("-")}`}>
              {pair.partyNames[0]} ↔ {pair.partyNames[1]}
            </h2>
            {counted.length > 0 ? (
              <>
                <h3>Running totals</h3>
                {[...new Set(counted.map((t) => t.unit))].map((unit) => {
                  const group = counted.filter((t) => t.unit === unit);
                  if (Math.max(...group.map((t) => Math.max(t.given, t.promised))) <= 1) return null;
                  return (
                    <div key={unit}>
                      <h4 className="small">
                        {unit === "concessions" ? "Concessions made (count)" : `In ${unit}`}
                      </h4>
                      <RunningChart
                        year={year}
                        series={group.map((t) => ({
                          key: `${t.by}-${t.measure}`,
                          label: `${name(t.by)}: ${t.measure.replace(/-/g, " ")}`,
                          points: t.points,
                        }))}
                      />
                    </div>
                  );
                })}
                <div className="table-wrap">
                  <table>
                    <caption className="visually-hidden">Totals per giver and measure</caption>
                    <thead>
                      <tr>
                        <th scope="col">Giver</th>
                        <th scope="col">Measure</th>
                        <th scope="col">Given</th>
                        <th scope="col">Promised</th>
                        <th scope="col">Not delivered</th>
                      </tr>
                    </thead>
                    <tbody>
                      {pair.totals.map((t) => (
                        <tr key={`${t.by}-${t.measure}`}>
                          <td>{name(t.by)}</td>
                          <td>{t.measure}</td>
                          <td>{t.given}</td>
                          <td>{t.promised}</td>
                          <td>{t.notDelivered}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            ) : null}
            <h3>Concessions</h3>
            <div className="table-wrap">
              <table className="ledger">
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">By → to</th>
                    <th scope="col">What</th>
                    <th scope="col">Delivery</th>
                    <th scope="col">Deal</th>
                  </tr>
                </thead>
                <tbody>
                  {pair.entries.map((e) => (
                    <tr key={`${e.deal}-${e.index}`} data-delivery={e.delivery}>
                      <td>
                        <DateText date={e.date} />
                      </td>
                      <td>
                        <a href={hrefFor("actor", e.by)}>{name(e.by)}</a> →{" "}
                        <a href={hrefFor("actor", e.to)}>{name(e.to)}</a>
                      </td>
                      <td>
                        {e.what}
                        {e.amount ? (
                          <div className="small muted">
                            {e.amount.value} {e.amount.unit} — {e.amount.counts}
                          </div>
                        ) : null}
                        <Citations citations={e.citations} />
                      </td>
                      <td>
                        <span className={`status delivery-${e.delivery}`}>
                          {DELIVERY_LABEL[e.delivery] ?? e.delivery}
                        </span>
                      </td>
                      <td>
                        <a href={hrefFor("deal", e.deal)}>{e.dealTitle}</a>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
      <Pager
        label="Pages of the ledger"
        path="/deals"
        params={posParams(dealsAt, DEAL_KEYS)}
        at={pairsAt}
        next={nextPage(pairsAt, ledger.data.nextCursor)}
        hash="pairs-h"
        keys={PAIR_KEYS}
      />
      {deals.ok && deals.data.items.length > 0 ? (
        <section aria-labelledby="all-deals">
          <h2 id="all-deals">All deals</h2>
          <p className="muted" data-testid="deals-range">
            {rangeText({
              start: startOf(dealsAt, DEALS),
              count: deals.data.items.length,
              total: deals.data.total,
              noun: deals.data.total === 1 ? "deal" : "deals",
            })}
            , in the data's order.
          </p>
          <ul className="list">
            {deals.data.items.map((d) => (
              <li key={d.id}>
                <div className="row">
                  <DateText date={d.date} />
                  <a href={hrefFor("deal", d.id)}>{d.title}</a>
                </div>
                <p className="small">{d.summary}</p>
              </li>
            ))}
          </ul>
          <Pager
            label="Pages of all deals"
            path="/deals"
            params={posParams(pairsAt, PAIR_KEYS)}
            at={dealsAt}
            next={nextPage(dealsAt, deals.data.nextCursor)}
            hash="all-deals"
            keys={DEAL_KEYS}
          />
        </section>
      ) : null}
    </>
  );
}
