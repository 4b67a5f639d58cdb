/**
 * `dealmap import gdelt|ftm|csv FILE…` and `dealmap datasets [rm NAME]`: bring machine-coded
 * events, sanctions lists and spreadsheets into the --db database as datasets of their own,
 * list them, remove one, find and accept same-as candidates. The importers (in @dealmap/dataset) read and map; the store
 * (@dealmap/api) writes the whole import in one transaction.
 */
import { createHash } from "node:crypto";
import { closeSync, createReadStream, existsSync, openSync, statSync, writeSync } from "node:fs";
import path from "node:path";
import type { OpenedDatabase } from "@dealmap/api";
import type { BadLine, ImportItem, ImportOptions, ImportReport } from "@dealmap/dataset";
import { ENTITY_KINDS, type EntityKind, SINGULAR } from "@dealmap/domain";
import { type Ctx, type DbTarget, str } from "../context.ts";
import { CliError, EXIT, json, quote, UsageError } from "../output.ts";
import { describeDb } from "./db.ts";

/** How many bad lines a failed import lists (the count is always given). */
const SHOWN = 20;

/** `dealmap datasets unaccept NAME IMPORTED`: the curator's same-as withdrawn, by the store. */
async function unaccept(ctx: Ctx, db: DbTarget): Promise<number> {
  const [name, from] = ctx.positionals as [string, string];
  const api = await import("@dealmap/api");
  const conn = await api.openDatabase(db.target);
  let done: Awaited<ReturnType<typeof api.unacceptSameAs>>;
  try {
    done = await api.unacceptSameAs(conn, name, from);
  } finally {
    await conn.close();
  }
  if (ctx.global.json) {
    ctx.io.out(json(done));
    return EXIT.ok;
  }
  const { events, entities } = done.restored;
  ctx.io.out(
    `withdrew the same-as ${quote(from)} → ${quote(done.into)} of "${name}": ${quote(from)} is the import's own ${done.kind} again, and ${plural(events, "event")} and ${plural(entities, "other entity", "other entities")} of the import name it as the import gave them (${done.seconds.toFixed(1)} s); data version ${done.version}\n`,
  );
  return EXIT.ok;
}
const thousands = (n: number) => n.toLocaleString("en-US");
const plural = (n: number, one: string, many = `${one}s`) => `${thousands(n)} ${n === 1 ? one : many}`;

export async function run(ctx: Ctx): Promise<number> {
  const db = ctx.global.db as DbTarget;
  if (ctx.command === "datasets") return list(ctx, db);
  if (ctx.command === "datasets rm") return remove(ctx, db);
  if (ctx.command === "datasets candidates") return candidates(ctx, db);
  if (ctx.command === "datasets accept") return accept(ctx, db);
  if (ctx.command === "datasets unaccept") return unaccept(ctx, db);
  return importFiles(ctx, db, ctx.command.split(" ")[1] as "gdelt" | "ftm" | "csv");
}

/** An input file the user named: it must be there and be a file. */
function inputFile(ctx: Ctx, given: string): string {
  const file = path.resolve(ctx.io.cwd, given);
  if (!existsSync(file)) throw new CliError(`input not found: ${given}`, EXIT.failure);
  if (!statSync(file).isFile()) throw new CliError(`input is not a file: ${given}`, EXIT.failure);
  return file;
}

function listOf(v: string | boolean | string[] | undefined): string[] {
  return Array.isArray(v) ? v : typeof v === "string" ? [v] : [];
}

/** A hash of what was asked: the format, the name, the options and every input's bytes. */
async function hashInputs(parts: string[], files: string[]): Promise<string> {
  const h = createHash("sha256");
  for (const p of parts) h.update(`${p}\0`);
  for (const f of files) {
    h.update(`${path.basename(f)}\0`);
    for await (const chunk of createReadStream(f)) h.update(chunk as Buffer);
  }
  return h.digest("hex").slice(0, 32);
}

/**
 * Bad lines written as they were read to `<input>.rejects` beside each input (`--skip-bad`),
 * so they can be fixed and imported again. A line that was not valid text is left out of it.
 */
class Rejects {
  private readonly fds = new Map<string, number>();
  readonly written = new Map<string, number>();
  constructor(private readonly byGiven: Map<string, string>) {}
  add(bad: BadLine): void {
    if (bad.raw === undefined) return;
    const abs = this.byGiven.get(bad.file) ?? bad.file;
    let fd = this.fds.get(abs);
    if (fd === undefined) {
      fd = openSync(`${abs}.rejects`, "w");
      this.fds.set(abs, fd);
    }
    writeSync(fd, `${bad.raw}\n`);
    this.written.set(`${bad.file}.rejects`, (this.written.get(`${bad.file}.rejects`) ?? 0) + 1);
  }
  close(): void {
    for (const fd of this.fds.values()) closeSync(fd);
  }
}

function where(b: BadLine): string {
  return `${b.file}:${b.line}${b.column === undefined ? "" : `:${b.column}`}`;
}

/** A progress line: rows, rows per second, share of the input read and the time left. */
function progressBar(ctx: Ctx, label: string) {
  const draw = ctx.values.quiet === true ? undefined : ctx.io.progress;
  const t0 = performance.now();
  let last = 0;
  return {
    update(p: { rows: number; bytes: number; totalBytes: number }): void {
      if (!draw) return;
      const now = performance.now();
      if (now - last < 250) return;
      last = now;
      const secs = Math.max((now - t0) / 1000, 1e-3);
      const share = p.totalBytes > 0 ? Math.min(p.bytes / p.totalBytes, 1) : 0;
      const eta = share > 0.01 ? Math.round((secs / share) * (1 - share)) : undefined;
      const width = 20;
      const filled = Math.round(share * width);
      const bar = `[${"#".repeat(filled)}${"-".repeat(width - filled)}]`;
      draw(
        `${label} ${bar} ${Math.floor(share * 100)}%  ${thousands(p.rows)} rows, ${thousands(Math.round(p.rows / secs))} rows/s${eta === undefined ? "" : `, about ${eta < 60 ? `${eta} s` : `${Math.floor(eta / 60)} min ${eta % 60} s`} left`}`,
      );
    },
    writing(): void {
      draw?.(`${label}: all read; writing the last rows and committing…`);
    },
    done(): void {
      draw?.("");
    },
  };
}

/** Curated state actors by ISO country code, from the loaded data (not from other imports). */
async function curatedStates(conn: OpenedDatabase, loaded: Set<string>): Promise<Map<string, string>> {
  const rows = await conn.db
    .selectFrom("entities")
    .select(["id", "country", "dataset"])
    .where("kind", "=", "actor")
    .where("sub", "=", "state")
    .where("country", "is not", null)
    .orderBy("ord")
    .execute();
  const out = new Map<string, string>();
  for (const r of rows)
    if (r.country && loaded.has(r.dataset) && !out.has(r.country)) out.set(r.country, r.id);
  return out;
}

async function importFiles(ctx: Ctx, db: DbTarget, format: "gdelt" | "ftm" | "csv"): Promise<number> {
  const given = [...ctx.positionals];
  const mentions = listOf(ctx.values.mentions);
  const actorsFile = str(ctx, "actors");
  if (format === "csv" && given.length !== 1)
    throw new UsageError("import csv takes one events file (actors go in --actors FILE)", ctx.command);
  const files = given.map((g) => inputFile(ctx, g));
  const mentionFiles = mentions.map((g) => inputFile(ctx, g));
  const actorPath = actorsFile === undefined ? undefined : inputFile(ctx, actorsFile);
  const dataset =
    str(ctx, "dataset") ?? (await import("@dealmap/dataset")).datasetNameFrom(given[0] ?? "import");
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(dataset) || dataset.length > 40)
    throw new UsageError(
      `--dataset must be lower-case words joined by '-', at most 40 characters (got ${quote(dataset)})`,
      ctx.command,
    );
  const skipBad = ctx.values["skip-bad"] === true;
  const [ds, api] = await Promise.all([import("@dealmap/dataset"), import("@dealmap/api")]);
  const allGiven = [...given, ...mentions, ...(actorsFile === undefined ? [] : [actorsFile])];
  const allFiles = [...files, ...mentionFiles, ...(actorPath === undefined ? [] : [actorPath])];
  const byGiven = new Map(allGiven.map((g, i) => [g, allFiles[i] as string]));
  // The readers open the resolved paths (relative ones are taken from where the user ran the
  // command, which under `pnpm dealmap` is not this process's cwd); messages name files as given.
  const givenOf = new Map(allFiles.map((f, i) => [f, allGiven[i] as string]));
  const inputHash = await hashInputs(
    [format, dataset, `mentions:${mentions.length}`, `actors:${actorsFile === undefined ? 0 : 1}`],
    allFiles,
  );

  const conn = await api.openDatabase(db.target, { create: true, poolSize: 2 });
  const bad: BadLine[] = [];
  let badCount = 0;
  const dangling: string[] = [];
  let danglingCount = 0;
  const rejects = skipBad ? new Rejects(byGiven) : undefined;
  const report: ImportReport = ds.emptyReport();
  const bar = progressBar(ctx, `import ${format}`);
  const t0 = performance.now();
  let summary: Awaited<ReturnType<typeof api.importEntities>>;
  try {
    const opts: ImportOptions = {
      dataset,
      states: await curatedStates(
        conn,
        new Set((await api.listDatasets(conn)).filter((d) => d.origin === "load").map((d) => d.name)),
      ),
      onBad: (found) => {
        const b = { ...found, file: givenOf.get(found.file) ?? found.file };
        badCount++;
        if (bad.length < SHOWN) bad.push(b);
        rejects?.add(b);
      },
      onProgress: (p) => bar.update(p),
    };
    const items: AsyncIterable<ImportItem> =
      format === "gdelt"
        ? ds.readGdelt({ events: files, mentions: mentionFiles }, { ...opts }, report)
        : format === "ftm"
          ? ds.readFtm(files, opts, report)
          : ds.readCsv(
              { events: files[0] as string, ...(actorPath === undefined ? {} : { actors: actorPath }) },
              opts,
              report,
            );
    summary = await api.importEntities(conn, withWriting(items, bar), {
      dataset,
      format,
      files: allGiven,
      inputHash,
      // a few hundred bytes per row in every format: enough to tell a big import from a small one
      expectedEntities: Math.round(allFiles.reduce((n, f) => n + statSync(f).size, 0) / 300),
      onDangling: (d) => {
        danglingCount++;
        if (dangling.length < SHOWN)
          dangling.push(
            `${SINGULAR[d.kind]} ${quote(d.id)}: ${d.field} names ${quote(d.ref)}, which neither this import nor the database holds`,
          );
        return skipBad;
      },
      beforeCommit: () => {
        if (skipBad || (badCount === 0 && danglingCount === 0)) return;
        const lines: string[] = [];
        if (badCount > 0) {
          lines.push(
            `${plural(badCount, "bad line")} in the input${badCount > bad.length ? ` (the first ${bad.length} below)` : ""}:`,
          );
          for (const b of bad) lines.push(`  ${where(b)}  ${b.message}`);
        }
        if (danglingCount > 0) {
          lines.push(
            `${plural(danglingCount, "reference")} to ids nobody holds${danglingCount > dangling.length ? ` (the first ${dangling.length} below)` : ""}:`,
          );
          for (const d of dangling) lines.push(`  ${d}`);
        }
        lines.push(
          `Nothing was imported into ${describeDb(db)}. Fix the lines, or run again with --skip-bad to import the good rows and write the bad ones to <input>.rejects.`,
        );
        throw new CliError(lines.join("\n"));
      },
    });
  } finally {
    bar.done();
    rejects?.close();
    await conn.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  const out = {
    engine: db.engine,
    database: db.shown,
    dataset,
    format,
    files: allGiven,
    unchanged: summary.unchanged,
    replaced: summary.replaced,
    rowsRead: report.rowsRead,
    made: Object.fromEntries(ENTITY_KINDS.map((k) => [k, summary.counts[k] ?? 0])) as Record<
      EntityKind,
      number
    >,
    merged: report.merged,
    matched: report.matched,
    skipped: report.skipped,
    badLines: badCount,
    leftOut: summary.left,
    rejects: rejects ? Object.fromEntries(rejects.written) : {},
    seconds,
    version: summary.version,
  };
  if (ctx.global.json) {
    ctx.io.out(json(out));
    return EXIT.ok;
  }
  ctx.io.out(summaryText(out, db, bad, dangling));
  return EXIT.ok;
}

/** Say "writing" on the progress line once the importer has nothing more to read. */
async function* withWriting<T>(items: AsyncIterable<T>, bar: { writing(): void }): AsyncGenerator<T> {
  yield* items;
  bar.writing();
}

function summaryText(
  o: {
    dataset: string;
    format: string;
    unchanged: boolean;
    replaced: boolean;
    rowsRead: number;
    made: Record<EntityKind, number>;
    merged: number;
    matched: number;
    skipped: Record<string, number>;
    badLines: number;
    leftOut: number;
    rejects: Record<string, number>;
    seconds: number;
    version: string;
  },
  db: DbTarget,
  bad: BadLine[],
  dangling: string[],
): string {
  if (o.unchanged)
    return `${quote(o.dataset)} is already in ${describeDb(db)} from these very files: nothing changed (data version ${o.version})\n`;
  const made = ENTITY_KINDS.filter((k) => o.made[k] > 0).map((k) => plural(o.made[k], SINGULAR[k], k));
  const skipped = Object.entries(o.skipped).sort((a, b) => b[1] - a[1]);
  const skippedTotal = skipped.reduce((a, [, n]) => a + n, 0);
  const lines = [
    `${o.replaced ? "replaced" : "imported"} dataset ${quote(o.dataset)} (${o.format}) in ${describeDb(db)}`,
    `  read ${plural(o.rowsRead, "row")} in ${o.seconds.toFixed(1)} s (${thousands(Math.round(o.rowsRead / Math.max(o.seconds, 1e-3)))} rows/s)`,
    `  made ${made.length ? made.join(", ") : "nothing"}`,
    `  merged ${plural(o.merged, "row")} into events other rows had made; matched ${plural(o.matched, "reference")} to curated actors`,
    `  skipped ${thousands(skippedTotal)}${skipped.length ? ` (${skipped.map(([r, n]) => `${r}: ${thousands(n)}`).join("; ")})` : ""}`,
  ];
  if (o.badLines > 0) {
    lines.push(
      `  ${plural(o.badLines, "bad line")} left out (--skip-bad)${Object.keys(o.rejects).length ? `, written to ${Object.keys(o.rejects).join(", ")}` : ""}:`,
    );
    for (const b of bad) lines.push(`    ${where(b)}  ${b.message}`);
  }
  if (o.leftOut > 0) {
    lines.push(`  ${plural(o.leftOut, "entity", "entities")} left out for references to ids nobody holds:`);
    for (const d of dangling) lines.push(`    ${d}`);
  }
  lines.push(`  data version ${o.version}`, "");
  return lines.join("\n");
}

async function list(ctx: Ctx, db: DbTarget): Promise<number> {
  const api = await import("@dealmap/api");
  const conn = await api.openDatabase(db.target);
  let entries: Awaited<ReturnType<typeof api.listDatasets>>;
  try {
    entries = await api.listDatasets(conn);
  } finally {
    await conn.close();
  }
  const rows = entries.map((d) => ({
    name: d.name,
    origin: d.origin,
    format: d.format ?? (d.origin === "load" ? "yaml" : null),
    counts: Object.fromEntries(
      ENTITY_KINDS.map((k) => [k, Number(d.counts[SINGULAR[k]] ?? d.counts[k] ?? 0)]),
    ) as Record<EntityKind, number>,
    importedAt: d.importedAt ?? null,
    files: d.files ?? [],
    merged: d.merged ?? [],
  }));
  if (ctx.global.json) {
    ctx.io.out(json({ engine: db.engine, database: db.shown, datasets: rows }));
    return EXIT.ok;
  }
  if (rows.length === 0) {
    ctx.io.out(`${describeDb(db)} holds no datasets yet ("dealmap db load", "dealmap import …")\n`);
    return EXIT.ok;
  }
  const { table } = await import("../text.ts");
  const kinds = ENTITY_KINDS.filter((k) => rows.some((r) => r.counts[k] > 0));
  ctx.io.out(
    `${table(
      rows,
      [
        { header: "dataset", get: (r) => r.name },
        { header: "from", get: (r) => (r.origin === "load" ? "loaded" : `import ${r.format}`) },
        ...kinds.map((k) => ({
          header: k,
          get: (r: (typeof rows)[number]) => thousands(r.counts[k]),
          align: "right" as const,
        })),
        { header: "imported", get: (r) => (r.importedAt ? r.importedAt.replace("T", " ").slice(0, 16) : "") },
      ],
      ctx.io.columns,
    ).trimEnd()}\n`,
  );
  // what curators accepted as the same as curated records (datasets accept), per import
  for (const r of rows)
    if (r.merged.length > 0) {
      const pairs = r.merged.slice(0, 3).map((m) => `${m.from} → ${m.into}`);
      const more = r.merged.length > 3 ? `, and ${r.merged.length - 3} more (--json lists them)` : "";
      ctx.io.out(
        `${r.name}: ${plural(r.merged.length, "record")} merged into curated ones: ${pairs.join(", ")}${more}\n`,
      );
    }
  return EXIT.ok;
}

async function remove(ctx: Ctx, db: DbTarget): Promise<number> {
  const name = ctx.positionals[0] as string;
  const api = await import("@dealmap/api");
  const conn = await api.openDatabase(db.target);
  let gone: Awaited<ReturnType<typeof api.removeDataset>>;
  try {
    gone = await api.removeDataset(conn, name);
  } finally {
    await conn.close();
  }
  const counts = ENTITY_KINDS.filter((k) => Number(gone.removed.counts[SINGULAR[k]] ?? 0) > 0).map((k) =>
    plural(Number(gone.removed.counts[SINGULAR[k]]), SINGULAR[k], k),
  );
  if (ctx.global.json) {
    ctx.io.out(
      json({
        removed: gone.removed.name,
        counts: gone.removed.counts,
        seconds: gone.seconds,
        version: gone.version,
      }),
    );
    return EXIT.ok;
  }
  ctx.io.out(
    `removed dataset ${quote(name)} from ${describeDb(db)}: ${counts.join(", ") || "nothing"} (${gone.seconds.toFixed(1)} s); data version ${gone.version}\n`,
  );
  return EXIT.ok;
}

/** Lowest search score for a name to be offered as the same actor (1 is the exact name). */
const CANDIDATE_SCORE = 0.8;

interface Candidate {
  imported: { id: string; name: string; kind: string; country: string | null };
  curated: { id: string; name: string; kind: string; country: string | null };
  score: number;
  matched: string;
}

/**
 * Imported actors that may be curated ones: each imported actor's name and aliases searched
 * among the loaded data's actors with the explorer's own search (romanizations, typos), kept
 * when the match is on a name, the kinds agree and the countries do not differ. States are
 * left out: country codes already resolve to them.
 */
async function candidates(ctx: Ctx, db: DbTarget): Promise<number> {
  const name = ctx.positionals[0] as string;
  const [api, domain] = await Promise.all([import("@dealmap/api"), import("@dealmap/domain")]);
  const conn = await api.openDatabase(db.target);
  const found: Candidate[] = [];
  let looked = 0;
  try {
    const sets = await api.listDatasets(conn);
    const entry = sets.find((d) => d.name === name);
    if (entry?.origin !== "import")
      throw new CliError(
        `${describeDb(db)} holds no import "${name}"; its imports are ${
          sets
            .filter((d) => d.origin === "import")
            .map((d) => `"${d.name}"`)
            .join(", ") || "none"
        }`,
      );
    const loaded = sets.filter((d) => d.origin === "load").map((d) => d.name);
    const curatedRows = loaded.length
      ? await conn.db
          .selectFrom("entities")
          .select("doc")
          .where("kind", "=", "actor")
          .where("dataset", "in", loaded)
          .execute()
      : [];
    const curated = curatedRows.map((r) => JSON.parse(r.doc) as import("@dealmap/domain").Actor);
    const byId = new Map(curated.map((a) => [a.id, a]));
    const index = domain.buildSearchIndex({ ...domain.emptyDataset(), actors: curated }, { cacheSize: 0 });
    const imported = await conn.db
      .selectFrom("entities")
      .select("doc")
      .where("kind", "=", "actor")
      .where("dataset", "=", name)
      .orderBy("ord")
      .execute();
    for (const row of imported) {
      const a = JSON.parse(row.doc) as import("@dealmap/domain").Actor;
      if (a.kind === "state") continue;
      looked++;
      let best: Candidate | undefined;
      for (const spelling of [a.name, ...a.aliases.map((x) => x.name)]) {
        for (const hit of domain.search(index, spelling, { kinds: ["actor"], limit: 3 })) {
          const c = byId.get(hit.id);
          if (!c || hit.score < CANDIDATE_SCORE || c.kind !== a.kind) continue;
          if (c.country && a.country && c.country !== a.country) continue;
          const names = [c.name, ...c.aliases.map((x) => x.name)];
          if (!names.includes(hit.matched)) continue;
          if (!best || hit.score > best.score)
            best = {
              imported: { id: a.id, name: a.name, kind: a.kind, country: a.country ?? null },
              curated: { id: c.id, name: c.name, kind: c.kind, country: c.country ?? null },
              score: Math.round(hit.score * 1000) / 1000,
              matched: hit.matched,
            };
        }
      }
      if (best) found.push(best);
    }
  } finally {
    await conn.close();
  }
  found.sort((x, y) => y.score - x.score || (x.imported.id < y.imported.id ? -1 : 1));
  if (ctx.global.json) {
    ctx.io.out(json({ dataset: name, actorsLookedAt: looked, candidates: found }));
    return EXIT.ok;
  }
  if (found.length === 0) {
    ctx.io.out(
      `no same-as candidates among the ${plural(looked, "actor")} of "${name}" (states are matched by country code)\n`,
    );
    return EXIT.ok;
  }
  const { table } = await import("../text.ts");
  ctx.io.out(
    `${plural(found.length, "candidate")} among the ${plural(looked, "actor")} of "${name}" (states are matched by country code):\n${table(
      found,
      [
        { header: "imported", get: (c) => `${c.imported.name} (${c.imported.id})` },
        { header: "may be", get: (c) => `${c.curated.name} (${c.curated.id})` },
        { header: "matched", get: (c) => c.matched },
        { header: "country", get: (c) => c.imported.country ?? c.curated.country ?? "" },
        { header: "score", get: (c) => c.score.toFixed(2), align: "right" as const },
      ],
      ctx.io.columns,
    ).trimEnd()}\n`,
  );
  return EXIT.ok;
}

/** `dealmap datasets accept NAME IMPORTED CURATED`: the curator's same-as, written by the store. */
async function accept(ctx: Ctx, db: DbTarget): Promise<number> {
  const [name, from, into] = ctx.positionals as [string, string, string];
  const note = str(ctx, "note");
  const api = await import("@dealmap/api");
  const conn = await api.openDatabase(db.target);
  let done: Awaited<ReturnType<typeof api.acceptSameAs>>;
  try {
    done = await api.acceptSameAs(conn, name, from, into, note);
  } finally {
    await conn.close();
  }
  if (ctx.global.json) {
    ctx.io.out(json(done));
    return EXIT.ok;
  }
  if (done.unchanged) {
    ctx.io.out(`${quote(from)} of "${name}" was merged into ${quote(into)} already: nothing changed\n`);
  } else {
    const { events, entities } = done.rewritten;
    ctx.io.out(
      `merged ${quote(from)} of "${name}" into ${quote(into)}: ${plural(events, "event")} and ${plural(entities, "other entity", "other entities")} of the import now name ${quote(into)} (${done.seconds.toFixed(1)} s); data version ${done.version}\n`,
    );
  }
  if (done.names.length > 0)
    ctx.io.out(
      `${plural(done.names.length, "name")} of the imported record that ${quote(into)} does not list, kept with the import's statement (datasets --json): ${done.names.map((n) => quote(n)).join(", ")}\n  search finds ${quote(into)} by them while the import is in; to make them its own, add them to its aliases in your data\n`,
    );
  return EXIT.ok;
}
