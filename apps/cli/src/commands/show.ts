/**
 * `dealmap show ID`: one entity of any kind, with what links to it and its citations.
 * `--json` prints `{ kind, entity, detail, provenance }`: `entity` is the record as stored,
 * `detail` what the router adds for that kind (names of linked actors, status history…; null
 * when none), `provenance` which datasets gave it values (statements; null from a server that
 * does not say).
 */
import { connect, errorCode } from "../api.ts";
import type { Ctx } from "../context.ts";
import { CliError, EXIT, json, quote, UsageError } from "../output.ts";
import { fetchDetail } from "../views/fetch.ts";

export async function run(ctx: Ctx): Promise<number> {
  const id = ctx.positionals[0] ?? "";
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) {
    throw new UsageError(`${quote(id)} is not an id: ids are lower-case words joined by "-"`, ctx.command);
  }
  const { api } = await connect(ctx.global);
  let detail: Awaited<ReturnType<typeof fetchDetail>>;
  try {
    detail = await fetchDetail(api, id);
  } catch (err) {
    if (errorCode(err) === "NOT_FOUND") {
      const { hits } = await api.search.query({ q: id.replace(/-/g, " "), limit: 3 });
      const hint = hits.length ? `; did you mean ${hits.map((h) => `${h.id} (${h.kind})`).join(", ")}?` : "";
      throw new CliError(`no entity with id "${id}"${hint}`);
    }
    throw err;
  }
  if (ctx.global.json) {
    ctx.io.out(
      json({
        kind: detail.kind,
        entity: detail.entity.entity,
        detail: detail.detail,
        provenance: detail.provenance ?? null,
      }),
    );
  } else {
    const [{ docFor }, { docText }] = await Promise.all([
      import("../views/detail.ts"),
      import("../views/doc.ts"),
    ]);
    ctx.io.out(docText(docFor(detail, Math.min(ctx.io.columns ?? 100, 120))));
  }
  return EXIT.ok;
}
