/**
 * `dealmap new source FILE`: a source entry for a text, with its hash and paragraph count.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { paragraphsOf } from "@dealmap/dataset";
import { SourceKindSchema } from "@dealmap/domain";
import type { Ctx } from "../context.ts";
import { CliError, EXIT, UsageError } from "../output.ts";
import { readTextFile } from "../source-texts.ts";

export async function run(ctx: Ctx): Promise<number> {
  const arg = ctx.positionals[0];
  if (!arg) throw new UsageError("new source needs the text file", ctx.command);
  const file = path.resolve(ctx.io.cwd, arg);
  const text = readTextFile(file);
  if (text === undefined) throw new CliError(`cannot read the text file ${arg}`, EXIT.failure);
  const sha = createHash("sha256").update(Buffer.from(text, "utf8")).digest("hex");
  const id =
    path
      .parse(file)
      .name.toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "my-source";
  ctx.io.out(
    [
      `# paste into DIR/sources/<name>.yaml; keep the text at DIR/texts/${id}.txt`,
      `- id: ${id}`,
      `  kind: other # one of: ${SourceKindSchema.options.join(", ")}`,
      "  title: TITLE",
      "  publisher: PUBLISHER",
      "  language: en",
      `  textSha256: ${sha}`,
      `  paragraphs: ${paragraphsOf(text).length}`,
      "",
    ].join("\n"),
  );
  return EXIT.ok;
}
