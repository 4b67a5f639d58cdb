/**
 * `dealmap search QUERY`: one ranked search over every kind, tolerant of spellings and typos.
 */
import { connect } from "../api.ts";
import { type Ctx, int } from "../context.ts";
import { EXIT, json, quote, UsageError } from "../output.ts";

export async function run(ctx: Ctx): Promise<number> {
  const q = ctx.positionals.join(" ").trim();
  if (!q) throw new UsageError("the search query is empty", ctx.command);
  const limit = int(ctx, "limit") ?? 20;
  const { api } = await connect(ctx.global);
  const { hits } = await api.search.query({ q, limit: Math.min(limit, 100) });
  if (ctx.global.json) {
    ctx.io.out(json(hits));
    return EXIT.ok;
  }
  if (hits.length === 0) {
    ctx.io.err(`nothing matches ${quote(q)}\n`);
    return EXIT.ok;
  }
  const { table } = await import("../text.ts");
  ctx.io.out(
    table(
      hits,
      [
        { header: "kind", get: (h) => h.kind },
        { header: "id", get: (h) => h.id },
        { header: "label", get: (h) => h.label, flex: true, min: 16 },
        { header: "matched", get: (h) => (h.matched === h.label ? "" : h.matched), flex: true, min: 10 },
      ],
      ctx.io.columns,
    ),
  );
  return EXIT.ok;
}
