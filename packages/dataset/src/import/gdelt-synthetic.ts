/**
 * Synthetic GDELT 2.0 files for benchmarks: Events rows (61 tab-separated columns) and,
 * optionally, Mentions rows (16 columns), in exactly the format GDELT publishes, deterministic
 * from a seed. Written as a stream, so a million rows never sit in memory.
 *
 * The data is shaped like the real thing where the importer's work depends on it: most actors
 * are countries (with and without type codes like GOV or BUS), some have no country, some rows
 * have no place; articles are coded into several rows; and a share of rows report an event an
 * earlier row already reported (same day, actors, base code and place, another GLOBALEVENTID,
 * often another URL), so deduplication has work to do. Nothing in it is real.
 */
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mulberry32 } from "@dealmap/domain";
import { COUNTRIES } from "./gdelt-codes.ts";

export interface SyntheticGdeltOptions {
  /** Events rows to write. */
  rows: number;
  /** Same seed, same files (default 1). */
  seed?: number;
  /** Also write a Mentions file here: one mention per row, some rows more, a few of unknown events. */
  mentionsPath?: string;
  /** SQLDATE of the first rows, YYYY-MM-DD (default 2025-01-01). */
  start?: string;
  /** Rows per day before SQLDATE moves on (default 20,000). */
  rowsPerDay?: number;
  /** Share of rows that repeat an earlier row's event (default 0.3). */
  duplicateRate?: number;
}

export interface SyntheticGdeltCounts {
  rows: number;
  mentions: number;
  /** Rows written as repeats of an earlier row's event. */
  duplicates: number;
  bytes: number;
  mentionBytes: number;
}

/** One Events line and its Mentions lines (without line ends). */
export interface SyntheticGdeltRow {
  event: string;
  mentions: string[];
  duplicate: boolean;
}

/** Countries that come up most (the rest of the table is drawn rarely). */
const BUSY = ["US", "RU", "CN", "GB", "BY", "UA", "PL", "LT", "LV", "DE", "FR", "TR", "IR", "IL", "IN", "JP"];
const TYPES = ["", "", "", "GOV", "GOV", "MIL", "BUS", "MED", "COP", "JUD", "OPP", "CVL", "LEG", "NGO"];
const LONE = [
  ["GOV", "PRESIDENT", "GOV"],
  ["GOV", "PRIME MINISTER", "GOV"],
  ["COP", "POLICE", "COP"],
  ["MIL", "SOLDIER", "MIL"],
  ["BUS", "COMPANY", "BUS"],
  ["MED", "JOURNALIST", "MED"],
  ["CVL", "RESIDENTS", "CVL"],
  ["OPP", "ACTIVIST", "OPP"],
  ["REB", "REBEL", "REB"],
  ["EUR", "EUROPE", ""],
] as const;
/** Event codes with rough weights (repeated = likelier), as GDELT's mix leans to talk. */
const CODES = [
  "010",
  "010",
  "010",
  "012",
  "013",
  "020",
  "036",
  "036",
  "040",
  "040",
  "042",
  "042",
  "042",
  "043",
  "043",
  "046",
  "051",
  "051",
  "057",
  "061",
  "071",
  "0841",
  "085",
  "090",
  "100",
  "111",
  "112",
  "112",
  "120",
  "130",
  "138",
  "141",
  "145",
  "154",
  "163",
  "163",
  "172",
  "173",
  "173",
  "174",
  "190",
  "193",
  "1951",
  "0354",
  "1124",
  "0233",
];
const WORDS = [
  "talks",
  "potash",
  "border",
  "sanctions",
  "minister",
  "release",
  "prisoners",
  "visit",
  "trade",
  "summit",
  "envoy",
  "corridor",
  "port",
  "transit",
  "deal",
  "protest",
  "court",
  "exports",
  "election",
  "agreement",
  "meeting",
  "pressure",
  "aid",
  "military",
  "drills",
  "airspace",
  "balloons",
  "trucks",
];

function quadClass(root: number): number {
  if (root <= 5) return 1;
  if (root <= 8) return 2;
  if (root <= 14) return 3;
  return 4;
}

function pad(n: number, w: number): string {
  return String(n).padStart(w, "0");
}

interface Place {
  type: number;
  name: string;
  fips: string;
  adm1: string;
  lat: string;
  lon: string;
  feature: string;
}

interface Identity {
  a1: string[];
  a2: string[];
  code: string;
  place: Place | undefined;
  day: number;
}

/**
 * The rows themselves, one at a time: the same options always give the same lines. Each
 * event line comes with its mention lines.
 */
export function* syntheticGdeltRows(opts: SyntheticGdeltOptions): Generator<SyntheticGdeltRow> {
  const rnd = mulberry32(opts.seed ?? 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const start = Date.parse(`${opts.start ?? "2025-01-01"}T00:00:00Z`);
  if (Number.isNaN(start)) throw new TypeError(`start ${JSON.stringify(opts.start)} is not a date`);
  const perDay = Math.max(1, opts.rowsPerDay ?? 20_000);
  const dupRate = opts.duplicateRate ?? 0.3;
  const withFips = COUNTRIES.filter((c) => c.fips);
  const busy = BUSY.map((iso) => COUNTRIES.find((c) => c.iso2 === iso)).filter((c) => c !== undefined);

  // A fixed pool of places per country, drawn once.
  const places: Place[] = [];
  for (const c of withFips) {
    places.push({
      type: 1,
      name: c.name,
      fips: c.fips ?? "",
      adm1: c.fips ?? "",
      lat: (int(-600, 700) / 10).toString(),
      lon: (int(-1700, 1700) / 10).toString(),
      feature: c.fips ?? "",
    });
    const cities = busy.includes(c) ? 40 : 3;
    for (let k = 0; k < cities; k++) {
      const region = `Region ${pad(k % 7, 2)}`;
      places.push({
        type: k % 5 === 0 ? 5 : 4,
        name: k % 5 === 0 ? `${region}, ${c.name}` : `Town ${k}, ${region}, ${c.name}`,
        fips: c.fips ?? "",
        adm1: `${c.fips}${pad(k % 7, 2)}`,
        lat: (int(-8000, 8000) / 100).toString(),
        lon: (int(-17900, 17900) / 100).toString(),
        feature: String(-int(1, 9_999_999)),
      });
    }
  }
  const fipsOf = new Map(COUNTRIES.map((c) => [c.iso3, c.fips]));
  const placesOf = new Map<string, Place[]>();
  for (const p of places) placesOf.set(p.fips, [...(placesOf.get(p.fips) ?? []), p]);

  const actor = (): string[] => {
    const r = rnd();
    if (r < 0.08) return ["", "", "", "", "", "", "", "", "", ""];
    if (r < 0.2) {
      const [code, name, type] = pick(LONE);
      const country = code === "EUR" ? "EUR" : "";
      return [code, name, country, "", "", "", "", type, "", ""];
    }
    const c = rnd() < 0.75 ? pick(busy) : pick(COUNTRIES);
    const type = pick(TYPES);
    return [`${c.iso3}${type}`, c.name.toUpperCase(), c.iso3, "", "", "", "", type, "", ""];
  };

  const recent: Identity[] = [];
  let article = "";
  let host = "";
  let articleRows = 0;
  for (let i = 0; i < opts.rows; i++) {
    const day = Math.floor(i / perDay);
    let id: Identity;
    const duplicate = recent.length > 0 && rnd() < dupRate;
    if (duplicate) {
      id = pick(recent);
    } else {
      const a1 = actor();
      const a2 = actor();
      const fips = fipsOf.get(a1[2] || a2[2] || "");
      const pool = (fips && placesOf.get(fips)) || places;
      id = { a1, a2, code: pick(CODES), place: rnd() < 0.9 ? pick(pool) : undefined, day };
      if (recent.length < 256) recent.push(id);
      else recent[i % 256] = id;
    }
    if (articleRows <= 0 || (duplicate && rnd() < 0.6)) {
      // A new article, coded into a few rows.
      host = `news${int(1, 400)}.example.${pick(["com", "org", "net", "by", "lt", "pl", "co.uk"])}`;
      const words = Array.from({ length: int(3, 9) }, () => pick(WORDS)).join("-");
      article = `https://${host}/${pick(["world", "politics", "economy", "en/news"])}/${words}-${int(1000, 9_999_999)}.html`;
      articleRows = int(1, 5);
    }
    articleRows--;

    const when = new Date(start + id.day * 86_400_000);
    const ymd = `${when.getUTCFullYear()}${pad(when.getUTCMonth() + 1, 2)}${pad(when.getUTCDate(), 2)}`;
    const slot = Math.floor(((i % perDay) / perDay) * 96);
    const added = `${ymd}${pad(Math.floor(slot / 4), 2)}${pad((slot % 4) * 15, 2)}00`;
    const root = Number(id.code.slice(0, 2));
    const gid = 1_000_000_000 + i;
    const mentions = int(1, 20);
    const sources = int(1, Math.min(3, mentions));
    const p = id.place;
    const geo = p
      ? [String(p.type), p.name, p.fips, p.adm1, "", p.lat, p.lon, p.feature]
      : ["0", "", "", "", "", "", "", ""];
    const event = [
      String(gid),
      ymd,
      ymd.slice(0, 6),
      ymd.slice(0, 4),
      (when.getUTCFullYear() + (when.getUTCMonth() * 30 + when.getUTCDate()) / 365).toFixed(4),
      ...id.a1,
      ...id.a2,
      "1",
      id.code,
      id.code.slice(0, 3),
      id.code.slice(0, 2),
      String(quadClass(root)),
      ((((root * 7919) % 200) - 100) / 10).toFixed(1),
      String(mentions),
      String(sources),
      String(mentions),
      ((rnd() - 0.5) * 20).toFixed(6),
      ...(id.a1[2] ? geo : ["0", "", "", "", "", "", "", ""]),
      ...(id.a2[2] ? geo : ["0", "", "", "", "", "", "", ""]),
      ...geo,
      added,
      article,
    ].join("\t");

    const mention = (url: string, source: string, eventGid: number, first: boolean) =>
      [
        String(eventGid),
        `${ymd}000000`,
        added,
        "1",
        source,
        url,
        String(int(1, 40)),
        first || rnd() < 0.8 ? String(int(0, 5000)) : "-1",
        rnd() < 0.7 ? String(int(0, 5000)) : "-1",
        String(int(0, 5000)),
        String(int(0, 1)),
        String(int(1, 10) * 10),
        String(int(500, 20_000)),
        ((rnd() - 0.5) * 20).toFixed(6),
        "",
        "",
      ].join("\t");
    const lines = [mention(article, host, gid, true)];
    if (rnd() < 0.3) {
      const other = `news${int(1, 400)}.example.com`;
      lines.push(mention(`https://${other}/story/${int(1, 99_999_999)}`, other, gid, false));
    }
    if (rnd() < 0.05)
      lines.push(mention(`https://${host}/older/${int(1, 999_999)}`, host, gid - 5_000_000, false));
    yield { event, mentions: lines, duplicate };
  }
}

/** Write to a stream, waiting when its buffer is full (memory stays flat however big the file). */
class Sink {
  private buf: string[] = [];
  private size = 0;
  bytes = 0;
  readonly out;
  constructor(path: string) {
    this.out = createWriteStream(path);
  }
  async line(s: string): Promise<void> {
    this.buf.push(s);
    this.size += s.length + 1;
    if (this.size >= 1 << 20) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.buf.length === 0) return;
    const text = `${this.buf.join("\n")}\n`;
    this.buf = [];
    this.size = 0;
    this.bytes += Buffer.byteLength(text);
    if (!this.out.write(text)) await once(this.out, "drain");
  }
  async close(): Promise<void> {
    await this.flush();
    this.out.end();
    await once(this.out, "finish");
  }
}

/**
 * Write a synthetic GDELT 2.0 Events file (and, with `mentionsPath`, its Mentions file), e.g.
 * `writeSyntheticGdelt(path, { rows: 1_000_000, seed: 7 })` for `pnpm bench:import`.
 */
export async function writeSyntheticGdelt(
  path: string,
  opts: SyntheticGdeltOptions,
): Promise<SyntheticGdeltCounts> {
  const events = new Sink(path);
  const mentions = opts.mentionsPath ? new Sink(opts.mentionsPath) : undefined;
  const counts: SyntheticGdeltCounts = { rows: 0, mentions: 0, duplicates: 0, bytes: 0, mentionBytes: 0 };
  try {
    for (const row of syntheticGdeltRows(opts)) {
      await events.line(row.event);
      counts.rows++;
      if (row.duplicate) counts.duplicates++;
      if (mentions) {
        for (const m of row.mentions) await mentions.line(m);
        counts.mentions += row.mentions.length;
      }
    }
  } finally {
    await events.close();
    await mentions?.close();
  }
  counts.bytes = events.bytes;
  counts.mentionBytes = mentions?.bytes ?? 0;
  return counts;
}
