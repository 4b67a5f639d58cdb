/**
 * Print the span of a phrase in a paragraph of the article:
 *   tsx scripts/span.ts 5 "Siarhei Tsikhanouski, in the summer"
 *   tsx scripts/span.ts 11 "Until 2021 ... Klaipeda"
 */
import { articleParagraphs, findSpan } from "./article.ts";

const [n, phrase, occurrence] = process.argv.slice(2);
if (!n || !phrase) {
  console.error('usage: tsx scripts/span.ts PARAGRAPH "phrase" [OCCURRENCE]');
  process.exit(2);
}
const paragraphs = articleParagraphs();
const [start, end] = findSpan(paragraphs, Number(n), phrase, occurrence ? Number(occurrence) : undefined);
console.log(`paragraph: ${n}, span: [${start}, ${end}]`);
console.log(`  ${paragraphs[Number(n) - 1]?.slice(start, end)}`);
