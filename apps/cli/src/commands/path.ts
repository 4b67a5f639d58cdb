/**
 * `dealmap path FROM TO`: how two actors are connected, tie by tie (network.path).
 */
import { connect } from "../api.ts";
import { type Ctx, str } from "../context.ts";
import { EXIT, json } from "../output.ts";
import { shortDate } from "../views/dates.ts";

export async function run(ctx: Ctx): Promise<number> {
  const [from = "", to = ""] = ctx.positionals;
  const at = str(ctx, "at");
  const { api } = await connect(ctx.global);
  const res = await api.network.path({
    from,
    to,
    ...(at ? { at } : {}),
    ...(ctx.values["shared-events"] === true ? { viaSharedEvents: true } : {}),
  });
  if (ctx.global.json) {
    ctx.io.out(json(res));
    return res.found ? EXIT.ok : EXIT.failure;
  }
  const name = (id: string) => res.actors.find((a) => a.id === id)?.name ?? id;
  if (!res.found) {
    ctx.io.err(
      `no chain of ties links ${from} and ${to}${ctx.values["shared-events"] ? "" : " (try --shared-events)"}\n`,
    );
    return EXIT.failure;
  }
  const lines = [`${name(from)} → ${name(to)}: ${res.length} step${res.length === 1 ? "" : "s"}`];
  for (const s of res.steps) {
    const e = s.edge;
    const what =
      e.type === "shared-events"
        ? `shares ${e.sharedEvents.length} event${e.sharedEvents.length === 1 ? "" : "s"} with`
        : e.directed
          ? s.reversed
            ? `← ${e.type} ←`
            : `→ ${e.type} →`
          : `↔ ${e.type} ↔`;
    lines.push(`  ${name(s.from)}  ${what}  ${name(s.to)}${e.when ? `  (${shortDate(e.when)})` : ""}`);
  }
  ctx.io.out(`${lines.join("\n")}\n`);
  return EXIT.ok;
}
