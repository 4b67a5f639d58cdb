/**
 * `dealmap events|actors|places|routes|deals|sources [filters] [--json]`: one list each, from
 * the router, as an aligned table or as JSON (an array of the router's items).
 */
import { EpistemicStatusSchema, EventKindSchema, formatDate, isFuzzy } from "@dealmap/domain";
import { type Api, allPages, allPagesWithDatasets, connect, type Out } from "../api.ts";
import { type Ctx, int, str } from "../context.ts";
import { EXIT, json, quote, UsageError } from "../output.ts";
import type { Column } from "../text.ts";

/** Check a filter value against an enum, as a usage error listing the choices. */
function oneOf(ctx: Ctx, name: string, choices: readonly string[]): string | undefined {
  const v = str(ctx, name);
  if (v !== undefined && !choices.includes(v)) {
    throw new UsageError(`--${name} must be one of: ${choices.join(", ")} (got ${quote(v)})`, ctx.command);
  }
  return v;
}

/** A date label for tables: "early Nov 2025 ~" marks a fuzzy date (vaguer than one day). */
export function dateCell(date: string | undefined | null): string {
  if (!date) return "";
  try {
    return `${formatDate(date)}${isFuzzy(date) ? " ~" : ""}`;
  } catch {
    return date;
  }
}

/**
 * The `--dataset` names (repeatable), checked against the datasets the data holds, and which of
 * those are imports: tables name the dataset of imported items only (curated data is the norm).
 */
async function datasetFilter(ctx: Ctx, api: Api): Promise<{ datasets: string[]; imports: Set<string> }> {
  const v = ctx.values.dataset;
  const given = Array.isArray(v) ? v : typeof v === "string" ? [v] : [];
  const known = await api.stats.datasets();
  const names = known.map((d) => d.name);
  for (const name of given)
    if (!names.includes(name))
      throw new UsageError(
        `--dataset must be one of: ${names.join(", ")} (got ${quote(name)}); \`dealmap datasets\` lists them`,
        ctx.command,
      );
  return {
    datasets: [...new Set(given)],
    imports: new Set(known.filter((d) => d.origin === "import").map((d) => d.name)),
  };
}

/** The "dataset" column, only when some row is imported: the import's name, blank for curated rows. */
function datasetColumn<T extends { dataset: string }>(rows: readonly T[], imports: Set<string>): Column<T>[] {
  if (!rows.some((r) => imports.has(r.dataset))) return [];
  return [{ header: "dataset", get: (r) => (imports.has(r.dataset) ? r.dataset : ""), flex: true, min: 8 }];
}

type Table = typeof import("../text.ts").table;

async function listOf(ctx: Ctx): Promise<{ items: unknown[]; text: (table: Table) => string }> {
  const limit = int(ctx, "limit");
  const { api } = await connect(ctx.global);
  const cols = ctx.io.columns;
  switch (ctx.command) {
    case "events": {
      const kind = oneOf(ctx, "kind", EventKindSchema.options);
      const status = oneOf(ctx, "status", EpistemicStatusSchema.options);
      const actor = str(ctx, "actor");
      const place = str(ctx, "place");
      const route = str(ctx, "route");
      const from = str(ctx, "from");
      const to = str(ctx, "to");
      const { datasets, imports } = await datasetFilter(ctx, api);
      const items = await allPagesWithDatasets(
        (cursor) =>
          api.events.list({
            ...(kind ? { kinds: [kind as never] } : {}),
            ...(status ? { statuses: [status as never] } : {}),
            ...(actor ? { actors: [actor] } : {}),
            ...(place ? { places: [place] } : {}),
            ...(route ? { route } : {}),
            ...(from ? { from } : {}),
            ...(to ? { to } : {}),
            ...(datasets.length ? { datasets } : {}),
            cursor,
            limit: Math.min(200, limit ?? 200),
          }),
        limit,
      );
      type E = Out["events"]["list"]["items"][number] & { dataset: string };
      const columns: Column<E>[] = [
        { header: "date", get: (e) => dateCell(e.date) },
        { header: "id", get: (e) => e.id },
        { header: "kind", get: (e) => e.kind, flex: true, min: 7 },
        { header: "status", get: (e) => e.status },
        ...datasetColumn(items, imports),
        { header: "title", get: (e) => e.title, flex: true, min: 16 },
      ];
      return {
        items,
        text: (table) =>
          `${table(items, columns, cols)}${items.some((e) => isFuzzy(e.date)) ? "~ fuzzy date (a period, not a day)\n" : ""}`,
      };
    }
    case "actors": {
      const { ActorKindSchema } = await import("@dealmap/domain");
      const kind = oneOf(ctx, "kind", ActorKindSchema.options);
      const country = str(ctx, "country")?.toUpperCase();
      const { datasets, imports } = await datasetFilter(ctx, api);
      const items = await allPagesWithDatasets(
        (cursor) =>
          api.actors.list({
            ...(kind ? { kind: kind as never } : {}),
            ...(country ? { country } : {}),
            ...(datasets.length ? { datasets } : {}),
            cursor,
            limit: 200,
          }),
        limit,
      );
      type A = (typeof items)[number];
      const columns: Column<A>[] = [
        { header: "id", get: (a) => a.id },
        { header: "kind", get: (a) => a.kind },
        { header: "name", get: (a) => a.name, flex: true, min: 14 },
        { header: "cc", get: (a) => a.country },
        ...datasetColumn(items, imports),
        { header: "description", get: (a) => a.description, flex: true, min: 12 },
      ];
      return { items, text: (table) => table(items, columns, cols) };
    }
    case "places": {
      const { PlaceKindSchema } = await import("@dealmap/domain");
      const kind = oneOf(ctx, "kind", PlaceKindSchema.options);
      const country = str(ctx, "country")?.toUpperCase();
      const items = await allPages(
        (cursor) =>
          api.places.list({
            ...(kind ? { kind: kind as never } : {}),
            ...(country ? { country } : {}),
            cursor,
            limit: 200,
          }),
        limit,
      );
      type P = (typeof items)[number];
      const columns: Column<P>[] = [
        { header: "id", get: (p) => p.id },
        { header: "kind", get: (p) => p.kind },
        { header: "name", get: (p) => p.name, flex: true, min: 12 },
        { header: "cc", get: (p) => p.country },
        { header: "lat", get: (p) => p.coordinates.lat.toFixed(4), align: "right" },
        { header: "lon", get: (p) => p.coordinates.lon.toFixed(4), align: "right" },
      ];
      return { items, text: (table) => table(items, columns, cols) };
    }
    case "routes": {
      const { RouteKindSchema, CargoSchema } = await import("@dealmap/domain");
      const kind = oneOf(ctx, "kind", RouteKindSchema.options);
      const cargo = oneOf(ctx, "cargo", CargoSchema.options);
      const at = str(ctx, "at");
      const res = await api.routes.list({
        ...(kind ? { kind: kind as never } : {}),
        ...(cargo ? { cargo: cargo as never } : {}),
        ...(at ? { at } : {}),
      });
      const items = res.items.slice(0, limit);
      type R = (typeof items)[number];
      const columns: Column<R>[] = [
        { header: "id", get: (r) => r.route.id },
        { header: "kind", get: (r) => r.route.kind },
        { header: "cargo", get: (r) => r.route.cargo },
        { header: `status ${res.at}`, get: (r) => r.status },
        { header: "km", get: (r) => kmCell(r.distance), align: "right" },
        { header: "name", get: (r) => r.route.name, flex: true, min: 14 },
      ];
      return { items, text: (table) => table(items, columns, cols) };
    }
    case "deals": {
      const party = str(ctx, "party");
      const items = await allPages(
        (cursor) =>
          api.deals.list({ ...(party ? { party } : {}), cursor, limit: Math.min(200, limit ?? 200) }),
        limit,
      );
      type D = (typeof items)[number];
      const delivered = (d: D) => {
        const n = d.concessions.filter((c) => c.delivery === "delivered").length;
        return `${n}/${d.concessions.length}`;
      };
      const columns: Column<D>[] = [
        { header: "date", get: (d) => dateCell(d.date) },
        { header: "id", get: (d) => d.id },
        { header: "parties", get: (d) => d.parties.join(" ↔ "), flex: true, min: 12 },
        { header: "delivered", get: delivered, align: "right" },
        { header: "title", get: (d) => d.title, flex: true, min: 14 },
      ];
      return { items, text: (table) => table(items, columns, cols) };
    }
    case "sources": {
      const { SourceKindSchema } = await import("@dealmap/domain");
      const kind = oneOf(ctx, "kind", SourceKindSchema.options);
      const res = await api.sources.list({});
      const items = res.items.filter((s) => !kind || s.source.kind === kind).slice(0, limit);
      type S = (typeof items)[number];
      const columns: Column<S>[] = [
        { header: "id", get: (s) => s.source.id },
        { header: "kind", get: (s) => s.source.kind },
        { header: "published", get: (s) => dateCell(s.source.published) },
        { header: "claims", get: (s) => s.claims, align: "right" },
        { header: "publisher", get: (s) => s.source.publisher, flex: true, min: 10 },
        { header: "title", get: (s) => s.source.title, flex: true, min: 14 },
      ];
      return { items, text: (table) => table(items, columns, cols) };
    }
    default:
      throw new Error(`not a list command: ${ctx.command}`);
  }
}

/** Sourced kilometres; "+?" when some leg's distance is unknown (never estimated). */
export function kmCell(d: { sourcedKm: number; knownLegs: number; hasUnknownLeg: boolean }): string {
  if (d.knownLegs === 0) return "?";
  return `${Math.round(d.sourcedKm)}${d.hasUnknownLeg ? "+?" : ""}`;
}

export async function run(ctx: Ctx): Promise<number> {
  const { items, text } = await listOf(ctx);
  if (ctx.global.json) ctx.io.out(json(items));
  else if (items.length === 0) ctx.io.err(`no ${ctx.command} match\n`);
  else ctx.io.out(text((await import("../text.ts")).table));
  return EXIT.ok;
}
