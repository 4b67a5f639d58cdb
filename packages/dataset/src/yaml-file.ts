/**
 * One parsed data file: the YAML (or JSON) document with its line counter, so that any field
 * path inside it can be turned back into a line and column.
 */
import {
  Composer,
  type CST,
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  Parser,
  parseDocument,
  YAMLParseError,
} from "yaml";

/**
 * Deeper nesting than this is refused before the document is built: the parser is iterative,
 * but building the document recurses, and a hostile file nested thousands deep exhausts the
 * stack (it can even bring V8 down). Entities never come close.
 */
export const MAX_YAML_DEPTH = 64;

/** Offset of the first collection nested deeper than MAX_YAML_DEPTH in the syntax tree, or -1. */
function tooDeep(tokens: readonly CST.Token[]): number {
  const stack: [CST.Token, number][] = tokens.map((t) => [t, 0]);
  while (stack.length > 0) {
    const [token, depth] = stack.pop() as [CST.Token, number];
    if (token.type === "document") {
      if (token.value) stack.push([token.value, depth]);
      continue;
    }
    if (token.type !== "block-map" && token.type !== "block-seq" && token.type !== "flow-collection")
      continue;
    if (depth + 1 > MAX_YAML_DEPTH) return token.offset;
    for (const item of token.items) {
      if ("key" in item && item.key) stack.push([item.key, depth + 1]);
      if (item.value) stack.push([item.value, depth + 1]);
    }
  }
  return -1;
}

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  col: number;
}

export interface ParsedFile {
  /** Absolute path. */
  abs: string;
  /** How problems name the file: relative to the working directory when inside it. */
  display: string;
  doc: Document.Parsed;
  lines: LineCounter;
  /** Syntax errors and warnings, already positioned. */
  errors: { pos: Position; message: string }[];
}

/** Parse a file's text with positions kept. Never throws for bad content. */
export function parseText(text: string, abs: string, display: string): ParsedFile {
  const lines = new LineCounter();
  // What parseDocument does, with a look at the syntax tree's depth before the document is built.
  const tokens = [...new Parser(lines.addNewLine).parse(text)];
  const deep = tooDeep(tokens);
  if (deep >= 0) {
    return {
      abs,
      display,
      doc: parseDocument(""),
      lines,
      errors: [
        {
          pos: lines.linePos(deep),
          message: `nested more than ${MAX_YAML_DEPTH} levels deep: refused (no entity comes close)`,
        },
      ],
    };
  }
  let doc: Document.Parsed | undefined;
  for (const next of new Composer({ prettyErrors: false, uniqueKeys: true }).compose(
    tokens,
    true,
    text.length,
  )) {
    if (!doc) doc = next;
    else {
      doc.errors.push(
        new YAMLParseError(
          [next.range[0], next.range[1]],
          "MULTIPLE_DOCS",
          "Source contains multiple documents",
        ),
      );
      break;
    }
  }
  if (!doc) doc = parseDocument("");
  const errors: ParsedFile["errors"] = [];
  const seenLines = new Set<number>();
  for (const e of [...doc.errors, ...doc.warnings]) {
    const pos = lines.linePos(e.pos[0]);
    // One problem per line: after the first error the parser's follow-ups are mostly noise.
    if (seenLines.has(pos.line)) continue;
    seenLines.add(pos.line);
    errors.push({
      pos,
      message: yamlMessage(e.code, e.message, text, e.pos, lineText(text, lines, pos.line)),
    });
  }
  return { abs, display, doc, lines, errors };
}

function lineText(text: string, lines: LineCounter, line: number): string {
  const start = lines.lineStarts[line - 1] ?? 0;
  const end = lines.lineStarts[line] ?? text.length;
  return text.slice(start, end);
}

/** The parser's messages are good; a few common mistakes get a plainer wording. */
function yamlMessage(
  code: string,
  message: string,
  text: string,
  pos: [number, number],
  line: string,
): string {
  const first = message.split("\n")[0]?.trim() ?? message;
  if (/^ *\t/.test(line)) return "invalid YAML: this line is indented with a tab; YAML indents with spaces";
  if (code === "DUPLICATE_KEY") {
    const key = /^["']?([^"':\n#]+?)["']?\s*:/.exec(text.slice(pos[0], pos[0] + 120))?.[1];
    return key
      ? `field "${key}" appears twice in the same mapping`
      : "a field appears twice in the same mapping";
  }
  if (code === "MULTIPLE_DOCS") return "a data file holds one YAML document (found a second '---')";
  return `invalid YAML: ${first}`;
}

/** Position of an offset. */
export function positionOf(file: ParsedFile, offset: number): Position {
  return file.lines.linePos(offset);
}

function nodeStart(node: unknown): number | undefined {
  if (node && typeof node === "object" && "range" in node) {
    const r = (node as Node).range;
    if (r) return r[0];
  }
  return undefined;
}

/**
 * Find where a path points in the file. Walks the YAML nodes (through aliases) as far as the
 * path exists: a missing field points at the mapping that lacks it. A field whose value is
 * empty (`name:`) points at its key. The path's first element indexes the file's top list.
 */
export function locatePath(file: ParsedFile, path: readonly (string | number)[]): Position {
  const { doc } = file;
  let node: unknown = doc.contents;
  let best = nodeStart(node) ?? 0;
  for (const seg of path) {
    if (isAlias(node)) node = node.resolve(doc);
    let next: unknown;
    let keyNode: unknown;
    if (isSeq(node) && typeof seg === "number") next = node.items[seg];
    else if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && (isScalar(p.key) ? String(p.key.value) === String(seg) : p.key === seg),
      );
      if (pair) {
        keyNode = pair.key;
        next = pair.value;
      }
    }
    if (next === undefined && keyNode === undefined) break;
    const valueStart = nodeStart(next);
    const emptyValue = next === null || (isScalar(next) && next.value === null && next.source === "");
    const at = emptyValue || valueStart === undefined ? nodeStart(keyNode) : valueStart;
    if (at !== undefined) best = at;
    node = next;
  }
  return file.lines.linePos(best);
}

/** Position of the key of a field (for "unknown field" problems), falling back to locatePath. */
export function locateKey(file: ParsedFile, path: readonly (string | number)[]): Position {
  const parentPath = path.slice(0, -1);
  const last = path[path.length - 1];
  let node: unknown = file.doc.contents;
  for (const seg of parentPath) {
    if (isAlias(node)) node = node.resolve(file.doc);
    if (isSeq(node) && typeof seg === "number") node = node.items[seg];
    else if (isMap(node)) node = node.get(seg, true);
    else return locatePath(file, path);
  }
  if (isAlias(node)) node = node.resolve(file.doc);
  if (isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(last));
    const at = nodeStart(pair?.key);
    if (at !== undefined) return file.lines.linePos(at);
  }
  return locatePath(file, path);
}
