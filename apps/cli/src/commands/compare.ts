/**
 * `dealmap routes compare --cargo potash`: every route of one cargo side by side at a date.
 */
import { CargoSchema } from "@dealmap/domain";
import { connect } from "../api.ts";
import { type Ctx, str } from "../context.ts";
import { EXIT, json, quote, UsageError } from "../output.ts";
import { kmCell } from "./list.ts";

export async function run(ctx: Ctx): Promise<number> {
  const cargo = str(ctx, "cargo");
  if (!cargo) throw new UsageError(`--cargo is required (${CargoSchema.options.join(", ")})`, ctx.command);
  if (!(CargoSchema.options as readonly string[]).includes(cargo)) {
    throw new UsageError(
      `--cargo must be one of: ${CargoSchema.options.join(", ")} (got ${quote(cargo)})`,
      ctx.command,
    );
  }
  const at = str(ctx, "at");
  const { api } = await connect(ctx.global);
  const res = await api.routes.compare({ cargo: cargo as never, ...(at ? { at } : {}) });
  if (ctx.global.json) {
    ctx.io.out(json(res));
    return EXIT.ok;
  }
  if (res.rows.length === 0) {
    ctx.io.err(`no route carries ${cargo}\n`);
    return EXIT.ok;
  }
  const { table } = await import("../text.ts");
  ctx.io.out(`Routes for ${res.cargo}, status as of ${res.at}\n`);
  ctx.io.out(
    table(
      res.rows,
      [
        { header: "id", get: (r) => r.id },
        { header: "status", get: (r) => r.status },
        { header: "km", get: (r) => kmCell(r.distance), align: "right" },
        { header: "legs", get: (r) => r.legCount, align: "right" },
        { header: "modes", get: (r) => r.modes.join("+") },
        { header: "blockers", get: (r) => r.blockers, align: "right" },
        { header: "conditions", get: (r) => r.conditions, align: "right" },
        {
          header: "stops",
          get: (r) => [...new Set(r.stops.map((s) => s.name))].join(", "),
          flex: true,
          min: 14,
        },
        { header: "note", get: (r) => r.statusNote, flex: true, min: 10 },
      ],
      ctx.io.columns,
    ),
  );
  ctx.io.out("km: sourced distances only; +? marks legs whose distance no source gives.\n");
  return EXIT.ok;
}
