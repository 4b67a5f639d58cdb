/**
 * Anchoring a quoted citation in a source text. This is the product's edge: a citation that
 * silently lands on the wrong sentence is worse than none, so a quote anchors only where its
 * words really are, and otherwise says why it does not.
 *
 * The model is the W3C Web Annotation one: a TextQuoteSelector (`exact`, optional `prefix` and
 * `suffix`) resolved to a TextPositionSelector (our 1-based `paragraph` and `[start, end)` span
 * of JavaScript string offsets inside it). The rule, in order:
 *
 * 1. **exact**: every place the quote's exact characters occur, at word boundaries, in any
 *    paragraph;
 * 2. **normalized**, only when there is no exact place: the same search with whitespace runs and
 *    punctuation ignored on both sides (typographic quotes, dashes, a comma added or dropped, a
 *    line re-wrapped), mapped back to offsets of the original paragraph;
 * 3. `prefix` / `suffix` (compared the normalized way) keep only the places they stand beside.
 *
 * The threshold: exactly one place left anchors. None is "not found"; more than one is
 * "ambiguous" (add a prefix or suffix). Nothing weaker is tried — no edit distance, no word
 * overlap — so a quote whose words now belong to a different, similar sentence does not anchor.
 * `closestPassages` exists only to help a person find the right words, never to anchor.
 */

/** What a citation says about its words. */
export interface QuoteSelector {
  /** The exact words cited. */
  exact: string;
  /** A few words just before them, to tell repeated phrases apart. */
  prefix?: string | undefined;
  /** A few words just after them. */
  suffix?: string | undefined;
}

/** A place in a text: 1-based paragraph, `[start, end)` offsets inside it. */
export interface TextPlace {
  paragraph: number;
  span: [number, number];
}

export type AnchorResult =
  | ({ ok: true; method: "exact" | "normalized" } & TextPlace)
  | { ok: false; reason: "empty" }
  | { ok: false; reason: "not-found" }
  | { ok: false; reason: "ambiguous"; places: TextPlace[] };

const PUNCT = /[\p{P}\p{S}]/u;
const SPACE = /\s/u;
const WORD = /[\p{L}\p{N}]/u;

/**
 * `text` with punctuation dropped and each whitespace run made one space (leading and trailing
 * space dropped), and for each character of the result the offset of the original character.
 */
export function normalizeForAnchor(text: string): { text: string; map: number[] } {
  let out = "";
  const map: number[] = [];
  let pendingSpace = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (SPACE.test(c) || PUNCT.test(c)) {
      // punctuation between two words (a dash, a slash) separates them like a space
      if (out !== "" && pendingSpace < 0 && (SPACE.test(c) || isBetweenWords(text, i))) pendingSpace = i;
      continue;
    }
    if (pendingSpace >= 0) {
      out += " ";
      map.push(pendingSpace);
      pendingSpace = -1;
    }
    out += c;
    map.push(i);
  }
  return { text: out, map };
}

function isBetweenWords(text: string, i: number): boolean {
  return WORD.test(text[i - 1] ?? "") && WORD.test(text[i + 1] ?? "");
}

function allIndexes(hay: string, needle: string): number[] {
  const out: number[] = [];
  if (needle === "") return out;
  for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + 1)) out.push(at);
  return out;
}

/** A match must not start or end inside a word: "port" is not in "important". */
function atWordBoundaries(text: string, start: number, end: number): boolean {
  const first = text[start] ?? "";
  const last = text[end - 1] ?? "";
  if (WORD.test(first) && WORD.test(text[start - 1] ?? "")) return false;
  if (WORD.test(last) && WORD.test(text[end] ?? "")) return false;
  return true;
}

function norm(s: string | undefined): string {
  return s === undefined ? "" : normalizeForAnchor(s).text;
}

/** Whether the normalized text before/after a place ends/starts with the normalized prefix/suffix. */
function contextFits(paragraph: string, place: TextPlace, sel: QuoteSelector): boolean {
  const prefix = norm(sel.prefix);
  const suffix = norm(sel.suffix);
  if (prefix && !norm(paragraph.slice(0, place.span[0])).endsWith(prefix)) return false;
  if (suffix && !norm(paragraph.slice(place.span[1])).startsWith(suffix)) return false;
  return true;
}

/** Every place the selector's words occur, exactly or the normalized way, before prefix/suffix. */
export function findQuote(
  paragraphs: readonly string[],
  exact: string,
): { method: "exact" | "normalized"; places: TextPlace[] } {
  const places: TextPlace[] = [];
  paragraphs.forEach((p, i) => {
    for (const start of allIndexes(p, exact)) {
      const end = start + exact.length;
      if (atWordBoundaries(p, start, end)) places.push({ paragraph: i + 1, span: [start, end] });
    }
  });
  if (places.length > 0) return { method: "exact", places };
  const q = norm(exact);
  if (q === "") return { method: "normalized", places };
  paragraphs.forEach((p, i) => {
    const n = normalizeForAnchor(p);
    for (const at of allIndexes(n.text, q)) {
      const start = n.map[at] as number;
      const end = (n.map[at + q.length - 1] as number) + 1;
      if (atWordBoundaries(p, start, end)) places.push({ paragraph: i + 1, span: [start, end] });
    }
  });
  return { method: "normalized", places };
}

/** Anchor a quote in a text's paragraphs, by the rule at the top of this module. */
export function anchorQuote(paragraphs: readonly string[], sel: QuoteSelector): AnchorResult {
  if (norm(sel.exact) === "") return { ok: false, reason: "empty" };
  const found = findQuote(paragraphs, sel.exact);
  const places = found.places.filter((pl) => contextFits(paragraphs[pl.paragraph - 1] as string, pl, sel));
  if (places.length === 1) {
    const only = places[0] as TextPlace;
    return { ok: true, method: found.method, paragraph: only.paragraph, span: only.span };
  }
  if (places.length === 0) return { ok: false, reason: "not-found" };
  return { ok: false, reason: "ambiguous", places };
}

/** One line describing why a quote did not anchor, for problems: "quote not found in …". */
export function anchorFailure(result: AnchorResult & { ok: false }, sourceId: string): string {
  if (result.reason === "empty") return "quote has no words to look for";
  if (result.reason === "not-found") {
    return `quote not found in "${sourceId}" (neither exactly nor with whitespace and punctuation ignored; a quote is never matched more loosely than that)`;
  }
  const where = result.places.map((p) => `paragraph ${p.paragraph} [${p.span[0]}, ${p.span[1]}]`);
  return `quote occurs ${result.places.length} times in "${sourceId}" (${where.join(", ")}); add a prefix or suffix`;
}

/**
 * Passages of the text that share the most words with `phrase` (a window of the phrase's
 * length in words), best first: to help someone find the words they meant. Never used to
 * anchor a citation.
 */
export function closestPassages(
  paragraphs: readonly string[],
  phrase: string,
  limit = 3,
): (TextPlace & { text: string; shared: number })[] {
  const words = (s: string) => norm(s).toLowerCase().split(" ").filter(Boolean);
  const want = words(phrase);
  if (want.length === 0) return [];
  const wantSet = new Set(want);
  const out: (TextPlace & { text: string; shared: number })[] = [];
  paragraphs.forEach((p, i) => {
    const tokens = [...p.matchAll(/[\p{L}\p{N}]+/gu)];
    let best = { shared: 0, from: 0, to: 0 };
    for (let s = 0; s < tokens.length; s++) {
      const window = tokens.slice(s, s + want.length);
      const shared = new Set(window.map((t) => t[0].toLowerCase()).filter((w) => wantSet.has(w))).size;
      if (shared > best.shared) best = { shared, from: s, to: s + window.length - 1 };
    }
    if (best.shared === 0) return;
    const a = tokens[best.from] as RegExpMatchArray;
    const b = tokens[best.to] as RegExpMatchArray;
    const start = a.index as number;
    const end = (b.index as number) + b[0].length;
    out.push({ paragraph: i + 1, span: [start, end], text: p.slice(start, end), shared: best.shared });
  });
  return out.sort((x, y) => y.shared - x.shared || x.paragraph - y.paragraph).slice(0, limit);
}

/** What a citation of some words should say, and whether that singles them out. */
export interface QuotePlace extends TextPlace {
  /** The words, grown to whole words and trimmed of surrounding space. */
  exact: string;
  /** Words just before / after, only when the words occur more than once in the text. */
  prefix?: string;
  suffix?: string;
  /** How many places in the whole text hold exactly these words (at word boundaries). */
  occurrences: number;
  /**
   * Whether `anchorQuote` with this selector finds this place and no other. False only when
   * even the whole paragraph around the words repeats elsewhere.
   */
  unique: boolean;
}

/** The fewest words of context tried on each side: one word ("of") reads poorly and breaks easily. */
const CONTEXT_WORDS = 3;

/**
 * The quote selector for characters `[start, end)` of paragraph `paragraph` (1-based) of a text:
 * the span is trimmed of spaces and grown to whole words (quotes anchor at word boundaries only);
 * when the same words occur elsewhere in `paragraphs`, a prefix and suffix of whole words from
 * the same paragraph are added — at least {@link CONTEXT_WORDS} a side where there are as many,
 * growing a word at a time until `anchorQuote` finds this place alone. `undefined` when the
 * span holds no word. Throws a RangeError for a paragraph or offsets outside the text.
 */
export function quoteAt(
  paragraphs: readonly string[],
  paragraph: number,
  start: number,
  end: number,
): QuotePlace | undefined {
  const text = paragraphs[paragraph - 1];
  if (!Number.isInteger(paragraph) || text === undefined)
    throw new RangeError(`paragraph ${paragraph} is not in the text (${paragraphs.length} paragraphs)`);
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > text.length)
    throw new RangeError(
      `[${start}, ${end}) is not a span of paragraph ${paragraph} (${text.length} characters)`,
    );
  const isWord = (i: number) => WORD.test(text[i] ?? "");
  while (start < end && SPACE.test(text[start] as string)) start++;
  while (end > start && SPACE.test(text[end - 1] as string)) end--;
  while (start > 0 && start < end && isWord(start - 1) && isWord(start)) start--;
  while (end < text.length && end > start && isWord(end - 1) && isWord(end)) end++;
  const exact = text.slice(start, end);
  if (norm(exact) === "") return undefined;
  const here = (r: AnchorResult) =>
    r.ok && r.paragraph === paragraph && r.span[0] === start && r.span[1] === end;
  const occurrences = findQuote(paragraphs, exact).places.length;
  const place = { paragraph, span: [start, end] as [number, number], exact, occurrences };
  if (occurrences <= 1) return { ...place, unique: here(anchorQuote(paragraphs, { exact })) };
  const before = [...text.slice(0, start).matchAll(/[\p{L}\p{N}]+/gu)]
    .map((m) => m.index as number)
    .reverse();
  const after = [...text.slice(end).matchAll(/[\p{L}\p{N}]+/gu)].map(
    (m) => end + (m.index as number) + m[0].length,
  );
  const most = Math.max(before.length, after.length, 1);
  let sel: QuoteSelector = { exact };
  for (let n = Math.min(CONTEXT_WORDS, most); n <= most; n++) {
    const from = before[Math.min(n, before.length) - 1];
    const to = after[Math.min(n, after.length) - 1];
    const prefix = from === undefined ? "" : text.slice(from, start).trim();
    const suffix = to === undefined ? "" : text.slice(end, to).trim();
    sel = { exact, ...(prefix ? { prefix } : {}), ...(suffix ? { suffix } : {}) };
    if (here(anchorQuote(paragraphs, sel))) return { ...place, ...sel, unique: true } as QuotePlace;
  }
  return { ...place, ...sel, unique: false } as QuotePlace;
}
