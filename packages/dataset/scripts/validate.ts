/**
 * Validate a data directory (default: the built-in data) with the real loader and print counts
 * per kind and the article paragraphs that no citation points to.
 *   tsx scripts/validate.ts [DIR]
 */
import { type Citation, ENTITY_KINDS } from "@dealmap/domain";
import { builtinDataDir } from "../src/builtin.ts";
import { formatProblem, loadDataset } from "../src/load.ts";
import { ARTICLE_ID } from "./article.ts";

const dir = process.argv[2] ?? builtinDataDir;
const result = loadDataset(dir);
if (!result.ok) {
  for (const p of result.problems) console.error(formatProblem(p));
  console.error(`${result.problems.length} problem(s)`);
  process.exit(1);
}
const ds = result.dataset;
console.log(ENTITY_KINDS.map((k) => `${k} ${ds[k].length}`).join(", "));

const perParagraph = new Map<number, number>();
let total = 0;
const visit = (node: unknown): void => {
  if (Array.isArray(node)) node.forEach(visit);
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (k === "citations" && Array.isArray(v)) {
        for (const c of v as Citation[]) {
          total++;
          if (c.source === ARTICLE_ID && c.paragraph !== undefined)
            perParagraph.set(c.paragraph, (perParagraph.get(c.paragraph) ?? 0) + 1);
        }
      } else visit(v);
    }
  }
};
visit(ds);
const paragraphs = ds.sources.find((s) => s.id === ARTICLE_ID)?.paragraphs ?? 0;
const missing = Array.from({ length: paragraphs }, (_, i) => i + 1).filter((n) => !perParagraph.has(n));
console.log(`${total} citations; article paragraphs cited: ${paragraphs - missing.length}/${paragraphs}`);
console.log(
  Array.from({ length: paragraphs }, (_, i) => `¶${i + 1}:${perParagraph.get(i + 1) ?? 0}`).join(" "),
);
if (missing.length) console.log(`not cited: ${missing.join(", ")}`);
