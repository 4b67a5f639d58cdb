import type { Metadata } from "next";
import { Citations } from "@/components/citations";
import { DateText } from "@/components/date-text";
import { LoadProblem } from "@/components/load-problem";
import { RunningChart } from "@/components/running-chart";
import { Empty } from "@/components/ui";
import { hrefFor } from "@/lib/links";
import { actorNames } from "@/lib/server-data";
import { call } from "@/trpc/server";

export const metadata: Metadata = { title: "Deals" };

const DELIVERY_LABEL: Record<string, string> = {
  delivered: "Delivered",
  partial: "Partly delivered",
  promised: "Promised",
  expected: "Expected",
  "not-delivered": "Not delivered",
};

/** The ledger: what each side gave and promised, delivered vs promised, with running totals. */
export default async function DealsPage() {
  const [ledger, deals, names] = await Promise.all([
    call((api) => api.deals.ledger({})),
    call((api) => api.deals.list({})),
    actorNames(),
  ]);
  if (!ledger.ok)
    return <LoadProblem code={ledger.code} message={ledger.message} what="the deals" heading={1} />;
  const name = (id: string) => names.get(id) ?? id;
  return (
    <>
      <h1>Deals ledger</h1>
      <p className="lede">
        What each side gave and what it only promised, exchange by exchange. Figures are the sources' own.
      </p>
      {ledger.data.pairs.length === 0 ? <Empty>No deals in the data.</Empty> : null}
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
      {deals.ok && deals.data.items.length > 0 ? (
        <section aria-labelledby="all-deals">
          <h2 id="all-deals">All deals</h2>
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
        </section>
      ) : null}
    </>
  );
}
