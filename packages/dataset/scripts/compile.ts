/**
 * Turn curation drafts into data files. A draft is a data file whose citation lists may use
 * shorthand strings instead of citation objects:
 *
 *   - "12: transit of Belarusian potash"          → the article, paragraph 12, span of the phrase
 *   - "12#2: potash"                              → the 2nd occurrence of the phrase
 *   - "11: Until 2021 ... Klaipeda"               → span from the first phrase to the second
 *   - "reuters-2025-12-13"                        → URL-only citation of that source
 *   - "reuters-2025-12-13 | our note"             → the same with a note (also after an article phrase)
 *
 * Spans are computed from the text itself, so offsets are never typed by hand.
 *   tsx scripts/compile.ts DRAFT_DIR [OUT_DIR=data]
 * Every YAML file under DRAFT_DIR/<collection>/ is written to OUT_DIR/<collection>/.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  visit,
  type YAMLMap,
  type YAMLSeq,
} from "yaml";
import { ARTICLE_ID, articleParagraphs, findSpan } from "./article.ts";

const [draftDir, outDir = "data"] = process.argv.slice(2);
if (!draftDir) {
  console.error("usage: tsx scripts/compile.ts DRAFT_DIR [OUT_DIR]");
  process.exit(2);
}
const paragraphs = articleParagraphs();

function expand(short: string, where: string): Record<string, unknown> {
  const [body = "", ...noteParts] = short.split(" | ");
  const note = noteParts.join(" | ").trim() || undefined;
  const m = /^(\d+)(?:#(\d+))?:\s*(.+)$/s.exec(body.trim());
  if (m) {
    const paragraph = Number(m[1]);
    let span: [number, number];
    try {
      span = findSpan(paragraphs, paragraph, (m[3] ?? "").trim(), m[2] ? Number(m[2]) : undefined);
    } catch (err) {
      throw new Error(`${where}: ${(err as Error).message}`);
    }
    return { source: ARTICLE_ID, paragraph, span, ...(note ? { note } : {}) };
  }
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(body.trim()))
    throw new Error(`${where}: cannot read citation "${short}"`);
  return { source: body.trim(), ...(note ? { note } : {}) };
}

const DATE_KEYS = new Set(["date", "published", "when", "born"]);
let errors = 0;
let citations = 0;
for (const collection of readdirSync(draftDir).sort()) {
  const dir = path.join(draftDir, collection);
  for (const file of readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()) {
    const src = path.join(dir, file);
    const draft = parseDocument(readFileSync(src, "utf8"));
    if (draft.errors.length) {
      for (const e of draft.errors) console.error(`${src}: ${e.message}`);
      errors++;
      continue;
    }
    const data = draft.toJS() as unknown;
    const walk = (node: unknown, where: string): unknown => {
      if (Array.isArray(node)) return node.map((x, i) => walk(x, `${where}[${i}]`));
      if (node && typeof node === "object") {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(node)) {
          if (k === "citations" && Array.isArray(v)) {
            out[k] = v.map((c, i) => {
              citations++;
              if (typeof c !== "string") return c;
              try {
                return expand(c, `${src} ${where}.${k}[${i}]`);
              } catch (err) {
                console.error((err as Error).message);
                errors++;
                return c;
              }
            });
          } else if (DATE_KEYS.has(k) && typeof v === "number") {
            out[k] = String(v); // a bare year is a number in YAML but an EDTF string in the model
          } else out[k] = walk(v, `${where}.${k}`);
        }
        return out;
      }
      return node;
    };
    const doc = new Document(walk(data, (data as { id?: string }[])?.[0]?.id ?? ""));
    const seq = draft.contents as YAMLSeq | null;
    const first = seq && isSeq(seq) ? (seq.items[0] as YAMLMap | undefined) : undefined;
    doc.commentBefore = draft.commentBefore ?? seq?.commentBefore ?? first?.commentBefore ?? null;
    // Citations, spans and coordinates read best on one line each.
    visit(doc, {
      Pair(_, pair) {
        if (!isPair(pair) || !isScalar(pair.key)) return;
        const key = String(pair.key.value);
        if ((key === "citations" || key === "aliases" || key === "participants") && isSeq(pair.value)) {
          for (const item of (pair.value as YAMLSeq).items) if (isMap(item)) (item as YAMLMap).flow = true;
        }
        if ((key === "coordinates" && isMap(pair.value)) || (key === "span" && isSeq(pair.value)))
          (pair.value as YAMLMap | YAMLSeq).flow = true;
        // Lists of ids and tags fit on one line.
        if (isSeq(pair.value) && (pair.value as YAMLSeq).items.every((x) => isScalar(x)))
          (pair.value as YAMLSeq).flow = true;
        // So do event links.
        if (key === "links" && isSeq(pair.value))
          for (const item of (pair.value as YAMLSeq).items) if (isMap(item)) (item as YAMLMap).flow = true;
      },
    });
    const target = path.join(outDir, collection, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, doc.toString({ lineWidth: 0 }));
  }
}
// The repo's formatter (Biome) formats YAML too; leave the files as it wants them.
if (!errors) execFileSync("pnpm", ["exec", "biome", "format", "--write", outDir], { stdio: "ignore" });
console.log(`${citations} citations${errors ? `, ${errors} error(s)` : ""}`);
process.exit(errors ? 1 : 0);
