/**
 * Write a large synthetic data directory in JSON lines, laid out exactly as
 * `dealmap export --format jsonl` writes it: one file, `dealmap.jsonl`, one entity per line,
 * `{"collection": "<kind>", ...entity}` with every schema default filled in, collections in
 * the canonical order. Every id starts with "gen-", so the directory loads on top of the
 * built-in data. Deterministic for a given count.
 *
 *   tsx scripts/gen-jsonl.ts OUT_DIR [EVENTS=1000000]
 *
 * Events look like the curated ones: a title and a summary in words, an exact or fuzzy EDTF
 * date, two or three participants, a place, tags, one or two citations (some by paragraph),
 * now and then a quantity, a route or a link to an earlier event.
 */
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import path from "node:path";
import { ENTITY_SCHEMAS, type EntityKind, EVENT_KINDS } from "@dealmap/domain";

const out = process.argv[2];
const nEvents = Number(process.argv[3] ?? 1_000_000);
if (!out || !Number.isInteger(nEvents) || nEvents < 1) {
  console.error("usage: tsx scripts/gen-jsonl.ts OUT_DIR [EVENTS=1000000]");
  process.exit(2);
}

// mulberry32: small, fast, deterministic
let state = 20251213;
const rand = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const int = (n: number) => Math.floor(rand() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
const pad = (n: number) => String(n).padStart(2, "0");

const SYLLABLES = ["ka", "lo", "mir", "vas", "ten", "dra", "shu", "bel", "rok", "zan", "pol", "ich", "ev"];
const word = (parts: number) => {
  let w = "";
  for (let i = 0; i < parts; i++) w += pick(SYLLABLES);
  return w.charAt(0).toUpperCase() + w.slice(1);
};
const VERBS = ["met", "spoke with", "wrote to", "received", "called", "hosted", "criticised", "thanked"];
const TOPICS = ["potash transit", "prisoner releases", "border crossings", "sanctions relief", "flights"];
const EVENT_KINDS_LIST = Object.keys(EVENT_KINDS);
const STATUSES = ["occurred", "occurred", "occurred", "reported", "reported", "expected", "proposed"];
const ROLES = ["initiator", "target", "subject", "mediator", "host", "visitor", "participant"];
const TAGS = ["border", "potash", "prisoners", "sanctions", "aviation", "lithuania", "poland", "us-track"];

const nSources = 50;
const nActors = Math.max(100, Math.floor(nEvents / 50));
const nPlaces = Math.min(2000, Math.max(30, Math.floor(nEvents / 500)));
const nRoutes = Math.max(8, Math.floor(nPlaces / 10));

function date(): string {
  const y = 2015 + int(11);
  const m = pad(1 + int(12));
  const u = rand();
  if (u < 0.8) return `${y}-${m}-${pad(1 + int(28))}`;
  if (u < 0.9) return `${y}-${m}`;
  if (u < 0.95) return `${y}-${m}-01/${y}-${m}-${pad(10 + int(18))}`;
  return String(y);
}

function cite(): object[] {
  const one = () =>
    rand() < 0.4
      ? { source: "gen-source-0", paragraph: 1 + int(100) }
      : { source: `gen-source-${1 + int(nSources - 1)}` };
  return rand() < 0.3 ? [one(), one()] : [one()];
}

mkdirSync(out, { recursive: true });
const file = path.join(out, "dealmap.jsonl");
const fd = openSync(file, "w");
let buffer = "";
let lines = 0;
/** The line the exporter writes: the schema's output (defaults filled), its collection first. */
function emit(kind: EntityKind, raw: object): void {
  const entity = ENTITY_SCHEMAS[kind].parse(raw);
  buffer += `${JSON.stringify({ collection: kind, ...entity })}\n`;
  lines++;
  if (buffer.length > 1 << 22) {
    writeSync(fd, buffer);
    buffer = "";
  }
}

for (let i = 0; i < nSources; i++) {
  emit("sources", {
    id: `gen-source-${i}`,
    kind: i === 0 ? "article" : "news-report",
    title: `${word(2)} ${word(3)} report ${i}`,
    publisher: `${word(2)} Press`,
    url: `https://example.org/reports/${i}`,
    language: "en",
    published: `${2015 + (i % 10)}-${pad(1 + (i % 12))}-15`,
    ...(i === 0 ? { paragraphs: 100 } : {}),
  });
}
for (let i = 0; i < nActors; i++) {
  const person = i % 4 !== 0;
  const name = person ? `${word(2)} ${word(3)}` : `${word(3)} Union ${i}`;
  emit("actors", {
    id: `gen-actor-${i}`,
    kind: person ? "person" : "organization",
    name,
    ...(rand() < 0.3 ? { aliases: [{ name: name.replace(/a/g, "á"), lang: "pl" }] } : {}),
    description: `A synthetic ${person ? "person" : "organization"}, number ${i}, for load tests.`,
    citations: cite(),
  });
}
for (let i = 0; i < nPlaces; i++) {
  emit("places", {
    id: `gen-place-${i}`,
    kind: "city",
    name: `${word(2)}${i}`,
    coordinates: { lat: 40 + rand() * 20, lon: 10 + rand() * 30 },
    country: pick(["BY", "LT", "PL", "LV", "UA"]),
    citations: cite(),
  });
}
for (let i = 0; i < nEvents; i++) {
  const a = int(nActors);
  const b = (a + 1 + int(nActors - 1)) % nActors;
  const participants = [
    { actor: `gen-actor-${a}`, role: "initiator" },
    { actor: `gen-actor-${b}`, role: pick(ROLES) },
  ];
  if (rand() < 0.3) participants.push({ actor: `gen-actor-${(b + 1) % nActors}`, role: "observer" });
  const topic = pick(TOPICS);
  emit("events", {
    id: `gen-event-${i}`,
    kind: pick(EVENT_KINDS_LIST),
    title: `${word(2)} ${pick(VERBS)} ${word(3)} about ${topic}`,
    summary: `A synthetic event about ${topic}: two sides ${pick(VERBS)} each other and set out their terms for the next round, number ${i}.`,
    date: date(),
    status: pick(STATUSES),
    participants,
    places: [`gen-place-${int(nPlaces)}`],
    ...(rand() < 0.05 ? { routes: [`gen-route-${int(nRoutes)}`] } : {}),
    ...(rand() < 0.1
      ? {
          quantities: [{ value: 1 + int(500), unit: "people", counts: "people released", citations: cite() }],
        }
      : {}),
    ...(i > 0 && rand() < 0.1 ? { links: [{ type: "follows", event: `gen-event-${int(i)}` }] } : {}),
    tags: [pick(TAGS)],
    citations: cite(),
  });
}
for (let i = 0; i < nRoutes; i++) {
  emit("routes", {
    id: `gen-route-${i}`,
    kind: "export-corridor",
    name: `${word(2)} corridor ${i}`,
    cargo: "potash",
    description: `A synthetic rail corridor, number ${i}.`,
    legs: [{ from: `gen-place-${i}`, to: `gen-place-${(i + 1) % nPlaces}`, mode: "rail" }],
    statuses: [{ status: "open", when: "2020/..", citations: cite() }],
    citations: cite(),
  });
}
writeSync(fd, buffer);
closeSync(fd);
console.log(`wrote ${file}: ${lines} lines (${nEvents} events, ${nActors} actors, ${nPlaces} places)`);
