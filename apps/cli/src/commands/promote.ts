/**
 * `dealmap promote ID [--id NEW] [--out DIR]`: the YAML of a curated event made from an
 * imported one, citations filled in, with the sources, actors and places it needs (the
 * router's events.promote, so --db, --api and the YAML all work). Printed, or written into a
 * data directory.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type Ctx, str } from "../context.ts";
import { CliError, EXIT, json, quote } from "../output.ts";

export async function run(ctx: Ctx): Promise<number> {
  const id = ctx.positionals[0] as string;
  const newId = str(ctx, "id");
  const outArg = str(ctx, "out");
  const { connect } = await import("../api.ts");
  const { api } = await connect(ctx.global);
  const promoted = await api.events.promote({ id, ...(newId === undefined ? {} : { newId }) });
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
  // once loaded, the curated event stands for the imported one (same-as, kept with the import)
  const dataset = (await api.events.get({ id })).dataset;
  ctx.io.out(
    `promoted ${quote(id)} as ${quote(promoted.id)}: wrote ${promoted.files.map((f) => path.join(outArg, f.path)).join(", ")}\nCheck it and write it in your own words, then: dealmap validate ${outArg} && dealmap db load --data ${outArg}\nThen, so that the event is not shown twice: dealmap datasets accept ${dataset} ${id} ${promoted.id}\n`,
  );
  return EXIT.ok;
}
