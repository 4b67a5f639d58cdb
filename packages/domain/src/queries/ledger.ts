/**
 * The deals ledger: per pair of parties, every concession either side gave or promised, in
 * date order, with running totals of what was given over time.
 *
 * A concession with an `amount` counts its value under "<counts> (<unit>)" — e.g. people
 * released. One without an amount counts 1 under its kind — e.g. "sanctions-relief". Totals
 * are kept per giver; `given` adds delivered and partial concessions, `promised` adds promised
 * and expected ones, and `notDelivered` the ones that fell through. Concessions without their
 * own date take the deal's date.
 */

import type { Deal, Delivery } from "../deal.ts";
import { boundsOf } from "./bounds.ts";

export interface LedgerEntry {
  deal: string;
  dealTitle: string;
  /** Position of the concession inside its deal. */
  index: number;
  by: string;
  to: string;
  kind: Deal["concessions"][number]["kind"];
  what: string;
  delivery: Delivery;
  /** The concession's date, or the deal's when it has none. */
  date: string;
  amount: { value: number; unit: string; counts: string } | null;
  events: string[];
  citations: Deal["concessions"][number]["citations"];
}

export interface RunningPoint {
  date: string;
  deal: string;
  index: number;
  delivery: Delivery;
  /** What this concession adds. */
  value: number;
  /** Cumulative given (delivered + partial) up to and including this point. */
  given: number;
  /** Cumulative promised (promised + expected) up to this point. */
  promised: number;
}

export interface RunningTotal {
  /** The giver. */
  by: string;
  /** "people released (people)" or a concession kind such as "sanctions-relief". */
  measure: string;
  unit: string;
  counts: string;
  given: number;
  promised: number;
  notDelivered: number;
  points: RunningPoint[];
}

export interface LedgerPair {
  /** The two parties, sorted by id. */
  parties: [string, string];
  deals: string[];
  entries: LedgerEntry[];
  totals: RunningTotal[];
}

export interface LedgerOptions {
  /** Only pairs including this party. */
  party?: string;
  /** Only the pair of these two parties (order ignored). */
  pair?: [string, string];
}

const GIVEN: ReadonlySet<Delivery> = new Set(["delivered", "partial"]);
const PROMISED: ReadonlySet<Delivery> = new Set(["promised", "expected"]);

function byDate(a: LedgerEntry, b: LedgerEntry): number {
  const x = boundsOf(a.date);
  const y = boundsOf(b.date);
  return (
    x.min - y.min || x.max - y.max || (a.deal < b.deal ? -1 : a.deal > b.deal ? 1 : 0) || a.index - b.index
  );
}

/** Ledger entries of all deals, in date order. */
export function ledgerEntries(deals: readonly Deal[]): LedgerEntry[] {
  const entries: LedgerEntry[] = [];
  for (const d of deals) {
    d.concessions.forEach((c, index) => {
      entries.push({
        deal: d.id,
        dealTitle: d.title,
        index,
        by: c.by,
        to: c.to,
        kind: c.kind,
        what: c.what,
        delivery: c.delivery,
        date: c.date ?? d.date,
        amount: c.amount ?? null,
        events: c.events,
        citations: c.citations,
      });
    });
  }
  return entries.sort(byDate);
}

/** Running totals per giver and measure over entries already in date order. */
export function runningTotals(entries: readonly LedgerEntry[]): RunningTotal[] {
  const totals = new Map<string, RunningTotal>();
  for (const e of entries) {
    const unit = e.amount?.unit ?? "concessions";
    const counts = e.amount?.counts ?? e.kind;
    const measure = e.amount ? `${counts} (${unit})` : e.kind;
    const key = `${e.by}\u0000${measure}`;
    let t = totals.get(key);
    if (!t) {
      t = { by: e.by, measure, unit, counts, given: 0, promised: 0, notDelivered: 0, points: [] };
      totals.set(key, t);
    }
    const value = e.amount?.value ?? 1;
    if (GIVEN.has(e.delivery)) t.given += value;
    else if (PROMISED.has(e.delivery)) t.promised += value;
    else t.notDelivered += value;
    t.points.push({
      date: e.date,
      deal: e.deal,
      index: e.index,
      delivery: e.delivery,
      value,
      given: t.given,
      promised: t.promised,
    });
  }
  return [...totals.values()];
}

/** The ledger grouped by pair of parties (giver and receiver of each concession). */
export function dealLedger(deals: readonly Deal[], opts: LedgerOptions = {}): LedgerPair[] {
  const pairs = new Map<string, LedgerPair>();
  for (const e of ledgerEntries(deals)) {
    const parties = (e.by < e.to ? [e.by, e.to] : [e.to, e.by]) as [string, string];
    if (opts.party !== undefined && !parties.includes(opts.party)) continue;
    if (opts.pair) {
      const [a, b] = opts.pair;
      const want = a < b ? `${a}|${b}` : `${b}|${a}`;
      if (`${parties[0]}|${parties[1]}` !== want) continue;
    }
    const key = `${parties[0]}|${parties[1]}`;
    let p = pairs.get(key);
    if (!p) {
      p = { parties, deals: [], entries: [], totals: [] };
      pairs.set(key, p);
    }
    p.entries.push(e);
    if (!p.deals.includes(e.deal)) p.deals.push(e.deal);
  }
  const out = [...pairs.values()];
  for (const p of out) p.totals = runningTotals(p.entries);
  return out.sort(
    (a, b) => b.entries.length - a.entries.length || (a.parties.join() < b.parties.join() ? -1 : 1),
  );
}
