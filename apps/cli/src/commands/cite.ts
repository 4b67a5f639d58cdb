/**
 * `dealmap cite SOURCE PHRASE`: where a phrase is in a source's text, and the citation to paste.
 */
import path from "node:path";
import { paragraphsOf } from "@dealmap/dataset";
import { anchorQuote, closestPassages, type TextPlace } from "@dealmap/domain";
import { type Ctx, str } from "../context.ts";
import { loadDirs } from "../data.ts";
import { CliError, EXIT, UsageError } from "../output.ts";
import { findSourceText, readTextFile } from "../source-texts.ts";

const CONTEXT = 30;

/** A YAML string: JSON's quoting is valid YAML and leaves nothing to interpretation. */
const y = (s: string) => JSON.stringify(s);

function around(paragraph: string, place: TextPlace): string {
  const [a, b] = place.span;
  const before = paragraph.slice(Math.max(0, a - CONTEXT), a);
  const after = paragraph.slice(b, b + CONTEXT);
  return `${a > CONTEXT ? "…" : ""}${before}[${paragraph.slice(a, b)}]${after}${b + CONTEXT < paragraph.length ? "…" : ""}`;
}

export async function run(ctx: Ctx): Promise<number> {
  const [id, phrase] = ctx.positionals;
  if (!id || !phrase) throw new UsageError("cite needs a source id and a phrase", ctx.command);
  const textFile = str(ctx, "text");
  let found: { paragraphs: string[]; from: string } | undefined;
  if (textFile) {
    const file = path.resolve(ctx.io.cwd, textFile);
    const text = readTextFile(file);
    if (text === undefined) throw new CliError(`cannot read the text file ${textFile}`, EXIT.failure);
    found = { paragraphs: paragraphsOf(text), from: file };
  } else {
    found = findSourceText(id, ctx.global.data, () => {
      const r = loadDirs(ctx.global.data);
      return r.ok ? r.dataset : undefined;
    });
  }
  if (!found) {
    throw new CliError(
      `no text found for source "${id}": put it at DIR/texts/${id}.txt and pass --data DIR, set DEALMAP_SOURCES, or give --text FILE`,
      EXIT.failure,
    );
  }
  const { paragraphs } = found;
  const prefix = str(ctx, "prefix");
  const suffix = str(ctx, "suffix");
  const r = anchorQuote(paragraphs, { exact: phrase, prefix, suffix });
  if (r.ok) {
    const para = paragraphs[r.paragraph - 1] as string;
    const lines = [
      `paragraph ${r.paragraph}, span [${r.span[0]}, ${r.span[1]}]${r.method === "normalized" ? " (matched with whitespace and punctuation ignored)" : ""}`,
      `  ${around(para, r)}`,
      "",
      "# the citation to paste (quote form; the loader re-anchors it when the text changes):",
      `- source: ${id}`,
      `  quote: ${y(phrase)}`,
      ...(prefix ? [`  prefix: ${y(prefix)}`] : []),
      ...(suffix ? [`  suffix: ${y(suffix)}`] : []),
      "# or by locator:",
      `- source: ${id}`,
      `  paragraph: ${r.paragraph}`,
      `  span: [${r.span[0]}, ${r.span[1]}]`,
      "",
    ];
    ctx.io.out(lines.join("\n"));
    return EXIT.ok;
  }
  if (r.reason === "ambiguous") {
    const lines = [
      `"${phrase}" occurs ${r.places.length} times in "${id}"; add --prefix or --suffix (a few words before or after) to tell them apart:`,
    ];
    for (const p of r.places) {
      lines.push(
        `  paragraph ${p.paragraph} [${p.span[0]}, ${p.span[1]}]: ${around(paragraphs[p.paragraph - 1] as string, p)}`,
      );
    }
    ctx.io.err(`${lines.join("\n")}\n`);
    return EXIT.failure;
  }
  const near = closestPassages(paragraphs, phrase);
  const lines = [
    `"${phrase}" is not in "${id}" (neither exactly nor with whitespace and punctuation ignored)`,
  ];
  if (near.length > 0) {
    lines.push("closest passages:");
    for (const n of near) lines.push(`  paragraph ${n.paragraph} [${n.span[0]}, ${n.span[1]}]: ${n.text}`);
  }
  ctx.io.err(`${lines.join("\n")}\n`);
  return EXIT.failure;
}
