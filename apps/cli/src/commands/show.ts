import type { Ctx } from "../context.ts";
import { CliError } from "../output.ts";

export async function run(_ctx: Ctx): Promise<number> {
  throw new CliError("waiting for the API router");
}
