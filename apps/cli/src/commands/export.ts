/**
 * `dealmap export --format json|jsonl|csv|geojson [--out DIR]`: the whole dataset for other tools.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { actorsToCsv, eventsToCsv, STATEMENTS_DIR } from "@dealmap/dataset";
import { type Dataset, ENTITY_KINDS, type EntityKind, type Place, type Route } from "@dealmap/domain";
import type { Ctx } from "../context.ts";
import { str } from "../context.ts";
import { loadOrFail, loadParts } from "../data.ts";
import { CliError, EXIT, json, jsonText, UsageError } from "../output.ts";

export async function run(ctx: Ctx): Promise<number> {
  const format = str(ctx, "format");
  if (!format) throw new UsageError("--format is required (json, jsonl, csv or geojson)", ctx.command);
  if (ctx.global.api) {
    throw new UsageError("export reads the data files directly; --api is not supported here", ctx.command);
  }
  const outArg = str(ctx, "out");
  if (format === "csv" && !outArg) {
    throw new UsageError("--format csv writes one file per kind: give --out DIR", ctx.command);
  }
  const name = str(ctx, "dataset");
  if (name !== undefined && format !== "json" && !(format === "jsonl" && outArg)) {
    throw new UsageError(
      "--dataset writes json, or jsonl into --out DIR (a data directory: its statements go in statements/)",
      ctx.command,
    );
  }
  const outDir = outArg ? path.resolve(ctx.io.cwd, outArg) : undefined;
  const files: [string, string][] = [];
  if (name !== undefined) {
    const part = loadParts(ctx.global)[name];
    if (!part) {
      const known = Object.keys(loadParts(ctx.global)).map((n) => `"${n}"`);
      throw new CliError(`no dataset "${name}": the datasets loaded are ${known.join(", ")}`);
    }
    if (format === "json") {
      files.push(["dealmap.json", json({ ...collections(part.entities), statements: part.statements })]);
    } else {
      files.push(["dealmap.jsonl", toJsonl(part.entities)]);
      if (part.statements.length)
        files.push([
          path.join(STATEMENTS_DIR, "statements.jsonl"),
          `${part.statements.map((x) => jsonText(x)).join("\n")}\n`,
        ]);
    }
    return write(ctx, files, outDir, outArg);
  }
  const dataset = loadOrFail(ctx.global);
  if (format === "json") files.push(["dealmap.json", toJson(dataset)]);
  else if (format === "jsonl") files.push(["dealmap.jsonl", toJsonl(dataset)]);
  else if (format === "geojson") files.push(["dealmap.geojson", json(toGeoJson(dataset))]);
  else for (const kind of ENTITY_KINDS) files.push([`${kind}.csv`, csvOf(dataset, kind)]);
  return write(ctx, files, outDir, outArg);
}

/** Print the files, or write them into `outDir`. */
function write(
  ctx: Ctx,
  files: [string, string][],
  outDir: string | undefined,
  outArg: string | undefined,
): number {
  if (!outDir) {
    for (const [, text] of files) ctx.io.out(text);
    return EXIT.ok;
  }
  try {
    for (const [name, text] of files) {
      mkdirSync(path.dirname(path.join(outDir, name)), { recursive: true });
      writeFileSync(path.join(outDir, name), text);
    }
  } catch (err) {
    throw new CliError(`cannot write to ${outDir}: ${err instanceof Error ? err.message : String(err)}`);
  }
  ctx.io.err(`wrote ${files.map(([n]) => path.join(outArg ?? "", n)).join(", ")}\n`);
  return EXIT.ok;
}

/** Every collection, in the canonical order. */
function collections(d: Dataset): Record<string, unknown> {
  return Object.fromEntries(ENTITY_KINDS.map((k) => [k, d[k]]));
}

/** One object with every collection, in the canonical order. */
export function toJson(d: Dataset): string {
  return json(collections(d));
}

/** One entity per line; `collection` names its kind (events carry their own `kind`). */
export function toJsonl(d: Dataset): string {
  const lines: string[] = [];
  for (const k of ENTITY_KINDS) for (const e of d[k]) lines.push(jsonText({ collection: k, ...e }));
  return lines.length ? `${lines.join("\n")}\n` : "";
}

/**
 * One kind's CSV file. Events and actors use the spreadsheet template (`dealmap import csv`
 * reads them back unchanged); the other kinds have no importer and keep the generic layout.
 */
function csvOf(d: Dataset, kind: EntityKind): string {
  if (kind === "events") return eventsToCsv(d.events, { sources: d.sources });
  if (kind === "actors") return actorsToCsv(d.actors, { sources: d.sources });
  return toCsv(d[kind] as object[]);
}

/**
 * RFC 4180 CSV: a header of every top-level field (in order of first appearance), one row per
 * entity; lists and objects are written as JSON inside the cell so nothing is lost.
 */
export function toCsv(rows: readonly object[]): string {
  const keys: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!keys.includes(k)) keys.push(k);
  if (keys.length === 0) keys.push("id");
  const cell = (v: unknown): string => {
    if (v === undefined || v === null) return "";
    const s = typeof v === "object" ? JSON.stringify(v) : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [keys.map(cell).join(",")];
  for (const r of rows) lines.push(keys.map((k) => cell((r as Record<string, unknown>)[k])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

interface Feature {
  type: "Feature";
  id: string;
  geometry:
    | { type: "Point"; coordinates: [number, number] }
    | { type: "MultiLineString"; coordinates: [number, number][][] };
  properties: Record<string, unknown>;
}

/** Places as points, routes as one line per leg (GeoJSON is longitude first). */
export function toGeoJson(d: Dataset): { type: "FeatureCollection"; features: Feature[] } {
  const byId = new Map<string, Place>(d.places.map((p) => [p.id, p]));
  const at = (id: string): [number, number] | undefined => {
    const p = byId.get(id);
    return p ? [p.coordinates.lon, p.coordinates.lat] : undefined;
  };
  const features: Feature[] = d.places.map((p) => ({
    type: "Feature",
    id: p.id,
    geometry: { type: "Point", coordinates: [p.coordinates.lon, p.coordinates.lat] },
    properties: { collection: "places", id: p.id, kind: p.kind, name: p.name, country: p.country },
  }));
  for (const r of d.routes as Route[]) {
    const lines: [number, number][][] = [];
    for (const leg of r.legs) {
      const a = at(leg.from);
      const b = at(leg.to);
      if (a && b) lines.push([a, b]);
    }
    const latest = r.statuses[r.statuses.length - 1];
    features.push({
      type: "Feature",
      id: r.id,
      geometry: { type: "MultiLineString", coordinates: lines },
      properties: {
        collection: "routes",
        id: r.id,
        kind: r.kind,
        name: r.name,
        cargo: r.cargo,
        status: latest?.status ?? null,
        legs: r.legs.map((l) => ({ from: l.from, to: l.to, mode: l.mode, km: l.distance?.km ?? null })),
      },
    });
  }
  return { type: "FeatureCollection", features };
}
