/**
 * `dealmap promote ID [--id NEW] [--out DIR]`: the YAML of a curated event made from an
 * imported one, citations filled in, with the sources, actors and places it needs (see
 * promoteEvent in @dealmap/dataset). Printed, or written into a data directory.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Actor, Place, Source, StoryEvent } from "@dealmap/domain";
import { type Ctx, type DbTarget, str } from "../context.ts";
import { CliError, EXIT, json, quote, UsageError } from "../output.ts";

export async function run(ctx: Ctx): Promise<number> {
  const db = ctx.global.db as DbTarget;
  const id = ctx.positionals[0] as string;
  const newId = str(ctx, "id");
  if (newId !== undefined && !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(newId))
    throw new UsageError(`--id must be lower-case words joined by '-' (got ${quote(newId)})`, ctx.command);
  const outArg = str(ctx, "out");
  const [api, ds] = await Promise.all([import("@dealmap/api"), import("@dealmap/dataset")]);
  const conn = await api.openDatabase(db.target);
  let promoted: ReturnType<typeof ds.promoteEvent>;
  try {
    const row = await conn.db
      .selectFrom("events")
      .select(["doc", "dataset"])
      .where("id", "=", id)
      .executeTakeFirst();
    if (!row) throw new CliError(`${describe(db)} holds no event ${quote(id)}`);
    const sets = await api.listDatasets(conn);
    const loaded = new Set(sets.filter((d) => d.origin === "load").map((d) => d.name));
    if (loaded.has(row.dataset))
      throw new CliError(
        `${quote(id)} is curated already (dataset ${quote(row.dataset)}): only imported events are promoted`,
      );
    const event = JSON.parse(row.doc) as StoryEvent;
    const refs = new Map<
      string,
      { kind: "actor" | "place" | "source"; entity: Actor | Place | Source; dataset: string }
    >();
    // the event's references, then the sources those entities cite
    const fetch = async (ids: string[]) => {
      const want = [...new Set(ids)].filter((x) => !refs.has(x));
      if (want.length === 0) return;
      const rows = await conn.db
        .selectFrom("entities")
        .select(["id", "kind", "doc", "dataset"])
        .where("id", "in", want)
        .execute();
      for (const r of rows)
        refs.set(r.id, {
          kind: r.kind as "actor" | "place" | "source",
          entity: JSON.parse(r.doc),
          dataset: r.dataset,
        });
    };
    await fetch([
      ...event.participants.map((p) => p.actor),
      ...(event.claimedBy ? [event.claimedBy] : []),
      ...event.places,
      ...event.citations.map((c) => c.source),
    ]);
    await fetch(
      [...refs.values()].flatMap((r) =>
        r.kind === "source" ? [] : (r.entity as Actor | Place).citations.map((c) => c.source),
      ),
    );
    const taken = new Set<string>();
    // ids that would clash: anything the database holds under the names we may give
    const probe = async (x: string) => {
      if (taken.has(x)) return true;
      const hit =
        (await conn.db.selectFrom("entities").select("id").where("id", "=", x).executeTakeFirst()) ??
        (await conn.db.selectFrom("events").select("id").where("id", "=", x).executeTakeFirst());
      if (hit) taken.add(x);
      return hit !== undefined;
    };
    // promoteEvent asks synchronously: look up every id it may pick first
    const bare = (x: string, set: string) => (x.startsWith(`${set}-`) ? x.slice(set.length + 1) : x);
    for (const [rid, r] of [[event.id, { dataset: row.dataset }] as const, ...refs.entries()])
      if (!loaded.has(r.dataset)) {
        const b = bare(rid, r.dataset);
        for (let n = 1; n <= 5; n++) await probe(n === 1 ? b : `${b}-${n}`);
        await probe(`promoted-${b}`);
      }
    if (newId !== undefined && (await probe(newId)))
      throw new CliError(`--id ${quote(newId)} is taken in ${describe(db)}: choose another`);
    promoted = ds.promoteEvent({
      event,
      dataset: row.dataset,
      refs,
      isCurated: (d) => loaded.has(d),
      taken: (x) => taken.has(x),
      ...(newId === undefined ? {} : { id: newId }),
    });
  } finally {
    await conn.close();
  }
  if (ctx.global.json) {
    ctx.io.out(json(promoted));
    return EXIT.ok;
  }
  if (outArg === undefined) {
    ctx.io.out(promoted.files.map((f) => `# ---- ${f.path}\n${f.text}`).join("\n"));
    return EXIT.ok;
  }
  const dir = path.resolve(ctx.io.cwd, outArg);
  for (const f of promoted.files) {
    const file = path.join(dir, f.path);
    if (existsSync(file))
      throw new CliError(`${path.join(outArg, f.path)} exists already: nothing was written`);
  }
  for (const f of promoted.files) {
    mkdirSync(path.dirname(path.join(dir, f.path)), { recursive: true });
    writeFileSync(path.join(dir, f.path), f.text);
  }
  ctx.io.out(
    `promoted ${quote(id)} as ${quote(promoted.id)}: wrote ${promoted.files.map((f) => path.join(outArg, f.path)).join(", ")}\nCheck it and write it in your own words, then: dealmap validate ${outArg} && dealmap db load --data ${outArg}\n`,
  );
  return EXIT.ok;
}

function describe(db: DbTarget): string {
  return `${db.engine === "postgres" ? "PostgreSQL" : "SQLite"} ${db.shown}`;
}
