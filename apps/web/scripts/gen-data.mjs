#!/usr/bin/env node
/**
 * Writes a synthetic user data directory (for DEALMAP_DATA) with N events over generated
 * actors, places, relations, routes and a deal — to test the explorer at scale (the timeline
 * with 10,000 events) and with awkward text. Ids start with "gen-" so they never clash with
 * the built-in data. Deterministic (seeded).
 *
 *   node scripts/gen-data.mjs OUT_DIR [N=10000]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

const out = process.argv[2];
const n = Number(process.argv[3] ?? 10000);
if (!out || !Number.isInteger(n) || n < 1) {
  console.error("usage: node scripts/gen-data.mjs OUT_DIR [N=10000]");
  process.exit(2);
}

let seed = 42;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = (xs) => xs[Math.floor(rand() * xs.length)];

const source = "gen-source";
const cite = (p) => [{ source, paragraph: 1 + (p % 10) }];
const KINDS = [
  "meeting",
  "statement",
  "release",
  "visit",
  "phone-call",
  "proposal",
  "sanctions-eased",
  "protest",
];
const STATUSES = ["occurred", "occurred", "occurred", "reported", "expected", "proposed", "did-not-happen"];
const ROLES = ["initiator", "target", "participant", "host", "visitor"];

const actors = Array.from({ length: 40 }, (_, i) => ({
  id: `gen-actor-${i}`,
  kind: i % 5 === 0 ? "state" : "person",
  name: `Generated Actor ${i}`,
  description: `A synthetic actor number ${i} for load tests.`,
  citations: cite(i),
}));
const places = Array.from({ length: 12 }, (_, i) => ({
  id: `gen-place-${i}`,
  kind: "city",
  name: `Generated Place ${i}`,
  coordinates: { lat: 50 + (i % 4) * 1.5, lon: 20 + Math.floor(i / 4) * 3 },
  country: "BY",
  citations: cite(i),
}));
const pad = (v) => String(v).padStart(2, "0");
const events = Array.from({ length: n }, (_, i) => {
  const y = 2019 + Math.floor(rand() * 7);
  const m = 1 + Math.floor(rand() * 12);
  const d = 1 + Math.floor(rand() * 28);
  const r = rand();
  const date =
    r < 0.7
      ? `${y}-${pad(m)}-${pad(d)}`
      : r < 0.85
        ? `${y}-${pad(m)}`
        : r < 0.95
          ? `${y}-${pad(m)}-01/${y}-${pad(m)}-10`
          : `${y}`;
  const a = pick(actors).id;
  let b = pick(actors).id;
  if (b === a) b = actors[(actors.findIndex((x) => x.id === a) + 1) % actors.length].id;
  return {
    id: `gen-event-${i}`,
    kind: pick(KINDS),
    title: `Generated event ${i}`,
    summary: `Synthetic event ${i} between two generated actors.`,
    date,
    status: pick(STATUSES),
    participants: [
      { actor: a, role: pick(ROLES) },
      { actor: b, role: pick(ROLES) },
    ],
    places: [pick(places).id],
    citations: cite(i),
  };
});
const relations = actors.slice(1).map((a, i) => ({
  id: `gen-rel-${i}`,
  type: pick(["ally", "works-for", "negotiates-with", "adversary"]),
  from: a.id,
  to: actors[Math.floor(rand() * (i + 1))].id,
  citations: cite(i),
}));
const sources = [
  {
    id: source,
    kind: "dataset",
    title: "Generated test data",
    publisher: "Dealmap test generator",
    language: "en",
    paragraphs: 10,
  },
];

for (const [dir, rows] of Object.entries({ sources, actors, places, events, relations })) {
  mkdirSync(path.join(out, dir), { recursive: true });
  writeFileSync(path.join(out, dir, "generated.json"), JSON.stringify(rows));
}
console.log(`wrote ${n} events, ${actors.length} actors, ${places.length} places to ${out}`);
