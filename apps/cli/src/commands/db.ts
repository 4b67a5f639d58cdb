/**
 * `dealmap db load|status|synth`: fill a Dealmap database (SQLite file or PostgreSQL) and say
 * what it holds. The database is `--db` or `DEALMAP_DB` (cli.tsx refuses a `db` command
 * without one). Reading commands then use it through `--db` like the in-memory data.
 */
import { ENTITY_KINDS, type EntityKind, SINGULAR } from "@dealmap/domain";
import { type Ctx, type DbTarget, int, str } from "../context.ts";
import { checkDir, invalidData } from "../data.ts";
import { CliError, EXIT, json, quote, UsageError } from "../output.ts";

type Counts = Record<EntityKind, number>;

export async function run(ctx: Ctx): Promise<number> {
  const db = ctx.global.db;
  if (!db)
    throw new UsageError(
      `${ctx.command} needs a database: give --db FILE|URL or set DEALMAP_DB`,
      ctx.command,
    );
  switch (ctx.command) {
    case "db load":
      return load(ctx, db);
    case "db status":
      return status(ctx, db);
    case "db synth":
      return synth(ctx, db);
    default:
      throw new Error(`no implementation for command ${ctx.command}`);
  }
}

/** "SQLite ./dealmap.sqlite", "PostgreSQL postgres://dealmap:***@host/db". */
export function describeDb(db: DbTarget): string {
  return `${db.engine === "postgres" ? "PostgreSQL" : "SQLite"} ${db.shown}`;
}

/** Every kind, in the canonical order, from counts keyed by plural or singular kind. */
function allKinds(counts: Record<string, number> | undefined): Counts {
  return Object.fromEntries(
    ENTITY_KINDS.map((k) => [k, Number(counts?.[k] ?? counts?.[SINGULAR[k]] ?? 0)]),
  ) as Counts;
}

const thousands = (n: number) => n.toLocaleString("en-US");

/** "65 sources, 1 actor, 1,000,000 events, …" */
function countsText(counts: Counts): string {
  return ENTITY_KINDS.map((k) => `${thousands(counts[k])} ${counts[k] === 1 ? SINGULAR[k] : k}`).join(", ");
}

/**
 * A progress line on stderr (entities written, entities per second), redrawn at most four times
 * a second; only on a terminal, and never with --quiet. `done()` clears it.
 */
function progress(ctx: Ctx, label: string, total?: number) {
  const draw = ctx.values.quiet === true ? undefined : ctx.io.progress;
  const t0 = performance.now();
  let last = 0;
  return {
    update(n: number): void {
      if (!draw) return;
      const now = performance.now();
      if (now - last < 250 && n !== total) return;
      last = now;
      const rate = n / Math.max((now - t0) / 1000, 1e-3);
      if (n === total) {
        // the rest of the load (indexes, actor pairs, commit) reports nothing more
        draw(`${label}: ${thousands(n)} entities written, building indexes and committing…`);
        return;
      }
      const of = total ? ` of ${thousands(total)} (${Math.floor((100 * n) / total)}%)` : "";
      draw(`${label}: ${thousands(n)}${of} entities, ${thousands(Math.round(rate))} entities/s`);
    },
    done(): void {
      draw?.("");
    },
  };
}

interface Summary {
  counts: Record<string, number>;
  rows: number;
  seconds: number;
  version: string;
  writers?: number;
}

function summaryText(what: string, db: DbTarget, s: Summary, withRate: boolean): string {
  const entities = Object.values(s.counts).reduce((a, b) => a + b, 0);
  const rate = withRate ? ` (${thousands(Math.round(entities / Math.max(s.seconds, 1e-3)))} entities/s)` : "";
  return [
    `loaded ${what} into ${describeDb(db)}`,
    `  ${countsText(allKinds(s.counts))}`,
    `  ${thousands(entities)} entities, ${thousands(s.rows)} rows in ${s.seconds.toFixed(1)} s${rate}${s.writers === 2 ? " by two writer threads" : ""}; data version ${s.version}`,
    "",
  ].join("\n");
}

async function load(ctx: Ctx, db: DbTarget): Promise<number> {
  const dirs = ctx.global.data;
  for (const d of dirs) checkDir(d);
  const [{ builtinDataDir, loadDataset, loadSourceTexts }, { loadIntoDatabase }] = await Promise.all([
    import("@dealmap/dataset"),
    import("@dealmap/api"),
  ]);
  // the full check, as validate does (never the cache): nothing is written unless it passes
  const result = loadDataset([builtinDataDir, ...dirs]);
  if (!result.ok) {
    const err = invalidData(result.problems);
    throw new CliError(`${err.message}\nNothing was written to ${describeDb(db)}.`);
  }
  // the texts the in-process data gets (DEALMAP_SOURCES, hash-checked); what is wrong with
  // them is kept with the data (db status lists it) and said now
  const texts = loadSourceTexts(undefined, result.dataset);
  for (const w of texts.warnings) ctx.io.err(`warning: ${w.message}\n`);
  const bar = progress(ctx, "db load");
  let summary: Summary;
  try {
    summary = await loadIntoDatabase(db.target, {
      dataset: result.dataset,
      datasets: result.datasets,
      provenance: result.provenance,
      texts,
      parts: result.parts(),
      onProgress: (n) => bar.update(n),
    });
  } finally {
    bar.done();
  }
  if (ctx.global.json) {
    ctx.io.out(
      json({
        engine: db.engine,
        database: db.shown,
        datasets: result.datasets,
        counts: allKinds(summary.counts),
        rows: summary.rows,
        seconds: summary.seconds,
        version: summary.version,
      }),
    );
  } else {
    ctx.io.out(summaryText(result.datasets.join(" + "), db, summary, false));
  }
  return EXIT.ok;
}

/** The worker of a split fill, bundled beside the CLI (build.mjs; this URL is the source's). */
const SYNTH_ASIDE = new URL("../../dist/synth-aside.js", import.meta.url);
const ASIDE_FROM_EVENTS = 10_000;

/** The exit code of a process ended by a signal, as shells report it (128 + its number). */
function signalExit(signal: NodeJS.Signals): number {
  return 128 + (signal === "SIGINT" ? 2 : 15);
}

async function synth(ctx: Ctx, db: DbTarget): Promise<number> {
  const events = int(ctx, "events");
  if (events === undefined) throw new UsageError("--events N is required (how many events)", ctx.command);
  if (events > 1_000_000_000) {
    throw new UsageError(`--events must be at most 1000000000 (got ${events})`, ctx.command);
  }
  const seedArg = str(ctx, "seed");
  if (seedArg !== undefined && (!/^\d+$/.test(seedArg) || Number(seedArg) > 0xffffffff)) {
    throw new UsageError(
      `--seed must be a whole number from 0 to 4294967295 (got ${quote(seedArg)})`,
      ctx.command,
    );
  }
  const seed = seedArg === undefined ? undefined : Number(seedArg);
  const [{ asideWorker, loadEntities, openDatabase }, { syntheticCounts, syntheticEntities }] =
    await Promise.all([import("@dealmap/api"), import("@dealmap/api/synthetic")]);
  const opts = { events, ...(seed === undefined ? {} : { seed }) };
  const total = Object.values(syntheticCounts(opts)).reduce((a, b) => a + b, 0);
  const conn = await openDatabase(db.target, { create: true, poolSize: 2 });
  const bar = progress(ctx, "db synth", total);
  // Ctrl-C or SIGTERM: the load stops at its next check, rolls back and removes its scratch file
  const stop = new AbortController();
  let got: NodeJS.Signals = "SIGINT";
  const interrupt = (signal: NodeJS.Signals) => {
    if (stop.signal.aborted) process.exit(signalExit(signal));
    got = signal;
    stop.abort();
    bar.done();
    ctx.io.err(`db synth: ${signal}: stopping, nothing will be written (again to quit at once)\n`);
  };
  process.on("SIGINT", interrupt);
  process.on("SIGTERM", interrupt);
  let summary: Summary;
  try {
    // a generator: each entity is written as it is made, none is kept
    summary = await loadEntities(conn, syntheticEntities(opts), {
      datasets: ["synthetic"],
      onProgress: (n) => bar.update(n),
      // a second thread writes the search and per-role rows (SQLite, an empty file): worth its
      // start-up from a few thousand events on
      ...(events >= ASIDE_FROM_EVENTS ? { aside: asideWorker(SYNTH_ASIDE, { opts }) } : {}),
      signal: stop.signal,
    });
  } catch (err) {
    if (stop.signal.aborted) throw new CliError((err as Error).message, signalExit(got));
    throw err;
  } finally {
    process.off("SIGINT", interrupt);
    process.off("SIGTERM", interrupt);
    bar.done();
    await conn.close();
  }
  if (ctx.global.json) {
    ctx.io.out(
      json({
        engine: db.engine,
        database: db.shown,
        events,
        seed: seed ?? null,
        counts: allKinds(summary.counts),
        rows: summary.rows,
        seconds: summary.seconds,
        version: summary.version,
        writers: summary.writers,
      }),
    );
  } else {
    ctx.io.out(summaryText(`${thousands(events)} synthetic events`, db, summary, true));
  }
  return EXIT.ok;
}

/** What `db status --json` prints. */
export interface DbStatus {
  engine: "sqlite" | "postgres";
  /** The database as given (a URL without its password). */
  database: string;
  /** Schema migrations applied (Kysely's `kysely_migration`). */
  schemaVersion: number;
  /** The data's version (a hash of what was loaded). */
  version: string;
  loadedAt: string | null;
  counts: Counts;
  datasets: { name: string; origin: "load" | "import"; format: string | null; counts: Counts }[];
  warnings: string[];
}

async function status(ctx: Ctx, db: DbTarget): Promise<number> {
  const { openDatabase } = await import("@dealmap/api");
  const conn = await openDatabase(db.target);
  let st: DbStatus;
  try {
    if (conn.empty) {
      throw new CliError(
        `${conn.name}: the database holds no data yet (fill it with "dealmap db load" or "dealmap db synth")`,
      );
    }
    const rows = await conn.db.selectFrom("dealmap_meta").select(["key", "value"]).execute();
    const meta = new Map(rows.map((r) => [r.key, r.value]));
    const parse = <T>(key: string, fallback: T): T => {
      const v = meta.get(key);
      if (v === undefined) return fallback;
      try {
        return JSON.parse(v) as T;
      } catch {
        return fallback;
      }
    };
    const migrations = await conn.db
      .withTables<{ kysely_migration: { name: string } }>()
      .selectFrom("kysely_migration")
      .select("name")
      .execute();
    st = {
      engine: conn.engine,
      database: db.shown,
      schemaVersion: migrations.length,
      version: meta.get("version") ?? "",
      loadedAt: meta.get("loaded_at") ?? null,
      counts: allKinds(parse<{ counts?: Record<string, number> }>("stats", {}).counts),
      datasets: parse<{ name: string; origin?: string; format?: string; counts?: Record<string, number> }[]>(
        "datasets",
        [],
      ).map((d) => ({
        name: d.name,
        origin: d.origin === "import" ? ("import" as const) : ("load" as const),
        format: d.format ?? null,
        counts: allKinds(d.counts),
      })),
      warnings: parse<string[]>("warnings", []),
    };
  } finally {
    await conn.close();
  }
  if (ctx.global.json) {
    ctx.io.out(json(st));
    return EXIT.ok;
  }
  const { table } = await import("../text.ts");
  const lines = [
    `${describeDb(db)}: a Dealmap database, schema version ${st.schemaVersion}`,
    `data version ${st.version}, loaded ${st.loadedAt ?? "(unknown)"}`,
    `datasets: ${st.datasets.map((d) => (d.origin === "import" ? `${d.name} (import ${d.format ?? ""})` : d.name)).join(", ") || "(none recorded)"}`,
    "",
  ];
  const byKind = ENTITY_KINDS.map((kind) => ({ kind, n: st.counts[kind] }));
  const many = st.datasets.length > 1;
  lines.push(
    table(
      byKind,
      [
        { header: "kind", get: (r) => r.kind },
        { header: many ? "total" : "count", get: (r) => thousands(r.n), align: "right" as const },
        ...(many
          ? st.datasets.map((d) => ({
              header: d.name,
              get: (r: (typeof byKind)[number]) => thousands(d.counts[r.kind]),
              align: "right" as const,
            }))
          : []),
      ],
      ctx.io.columns,
    ).trimEnd(),
  );
  if (st.warnings.length > 0) {
    lines.push("", `${st.warnings.length} warning${st.warnings.length === 1 ? "" : "s"} when loaded:`);
    for (const w of st.warnings) lines.push(`  ${w}`);
  }
  ctx.io.out(`${lines.join("\n")}\n`);
  return EXIT.ok;
}
