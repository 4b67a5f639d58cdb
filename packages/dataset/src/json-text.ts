/**
 * JSON text without a full parser: a strict syntax check that also refuses a field written
 * twice in one object (JSON.parse keeps the last one silently), and a locator that turns a
 * field path into an offset. JSON.parse still builds the values; these only read the text.
 */

/** Deeper nesting than this is refused (no entity comes close; it keeps the check iterative-safe). */
const MAX_DEPTH = 256;

/** The first thing wrong with a JSON text: offset (0-based, in JavaScript characters) and why. */
export interface JsonSyntaxProblem {
  offset: number;
  message: string;
}

class Stop {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isHex = (c: number) => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

function show(text: string, i: number): string {
  if (i >= text.length) return "the end of the line";
  const c = text.codePointAt(i) as number;
  return c < 0x20
    ? `character U+${c.toString(16).toUpperCase().padStart(4, "0")}`
    : `'${String.fromCodePoint(c)}'`;
}

// The checker's state: module-level, so that checking a line allocates no closures.
let T = "";
let I = 0;
let N = 0;
/** Hashes of the field names of the objects being checked, innermost object last. */
const keyHashes: number[] = [];
const keyStarts: number[] = [];
let keyTop = 0;

function skipWs(): void {
  for (;;) {
    const c = T.charCodeAt(I);
    if (c === 32 || c === 9 || c === 10 || c === 13) I++;
    else return;
  }
}

/** At an opening quote: skip the string; returns a hash of its decoded characters. */
function scanString(): number {
  const open = I;
  I++;
  let h = 0;
  for (;;) {
    if (I >= N) throw new Stop(open, "a string is not closed (no ending '\"')");
    const c = T.charCodeAt(I);
    if (c === 34) break;
    if (c === 92) {
      const e = T.charCodeAt(I + 1);
      let unit: number;
      if (e === 117) {
        for (let k = 2; k < 6; k++) {
          if (!isHex(T.charCodeAt(I + k))) throw new Stop(I, "a \\u escape needs four hexadecimal digits");
        }
        unit = Number.parseInt(T.slice(I + 2, I + 6), 16);
        I += 6;
      } else {
        const simple = ESCAPES[e];
        if (simple === undefined)
          throw new Stop(I, `invalid escape \\${I + 1 < N ? T[I + 1] : ""} in a string`);
        unit = simple;
        I += 2;
      }
      h = (Math.imul(h, 31) + unit) | 0;
      continue;
    }
    if (c < 0x20)
      throw new Stop(I, `${show(T, I)} inside a string: write it as an escape such as \\n or \\t`);
    h = (Math.imul(h, 31) + c) | 0;
    I++;
  }
  I++;
  return h;
}

/** The character each one-letter escape stands for, by the letter's code. */
const ESCAPES: (number | undefined)[] = [];
ESCAPES[34] = 34;
ESCAPES[92] = 92;
ESCAPES[47] = 47;
ESCAPES[98] = 8;
ESCAPES[102] = 12;
ESCAPES[110] = 10;
ESCAPES[114] = 13;
ESCAPES[116] = 9;

function scanNumber(): void {
  const start = I;
  if (T.charCodeAt(I) === 45) I++;
  const first = T.charCodeAt(I);
  if (first === 48) I++;
  else if (isDigit(first)) while (isDigit(T.charCodeAt(I))) I++;
  else throw new Stop(start, "invalid number");
  if (T.charCodeAt(I) === 46) {
    I++;
    if (!isDigit(T.charCodeAt(I))) throw new Stop(start, "invalid number: digits must follow the '.'");
    while (isDigit(T.charCodeAt(I))) I++;
  }
  const e = T.charCodeAt(I);
  if (e === 101 || e === 69) {
    I++;
    const sign = T.charCodeAt(I);
    if (sign === 43 || sign === 45) I++;
    if (!isDigit(T.charCodeAt(I))) throw new Stop(start, "invalid number: digits must follow the exponent");
    while (isDigit(T.charCodeAt(I))) I++;
  }
}

function scanValue(depth: number): void {
  const c = T.charCodeAt(I);
  if (c === 123) {
    scanObject(depth + 1);
    return;
  }
  if (c === 91) {
    scanArray(depth + 1);
    return;
  }
  if (c === 34) {
    scanString();
    return;
  }
  if (c === 45 || isDigit(c)) {
    scanNumber();
    return;
  }
  if (c === 116 && T.startsWith("true", I)) {
    I += 4;
    return;
  }
  if (c === 102 && T.startsWith("false", I)) {
    I += 5;
    return;
  }
  if (c === 110 && T.startsWith("null", I)) {
    I += 4;
    return;
  }
  if (I >= N) throw new Stop(I, "a value is missing at the end of the line");
  throw new Stop(
    I,
    `unexpected ${show(T, I)}: a value is a string in double quotes, a number, true, false, null, an object or a list`,
  );
}

/** The field name whose string starts at `at` (decoded). */
function keyAt(at: number): string {
  const save = I;
  I = at;
  scanString();
  const end = I;
  I = save;
  return JSON.parse(T.slice(at, end)) as string;
}

function scanObject(depth: number): void {
  if (depth > MAX_DEPTH) throw new Stop(I, `nested more than ${MAX_DEPTH} levels deep`);
  I++;
  skipWs();
  if (T.charCodeAt(I) === 125) {
    I++;
    return;
  }
  const frame = keyTop;
  for (;;) {
    if (T.charCodeAt(I) !== 34)
      throw new Stop(I, `expected a field name in double quotes, found ${show(T, I)}`);
    const at = I;
    const h = scanString();
    for (let k = frame; k < keyTop; k++) {
      if (keyHashes[k] === h) {
        const name = keyAt(at);
        if (keyAt(keyStarts[k] as number) === name) {
          keyTop = frame;
          throw new Stop(at, `field "${name}" appears twice in the same object`);
        }
      }
    }
    keyHashes[keyTop] = h;
    keyStarts[keyTop] = at;
    keyTop++;
    skipWs();
    if (T.charCodeAt(I) !== 58) throw new Stop(I, `expected ':' after the field name, found ${show(T, I)}`);
    I++;
    skipWs();
    scanValue(depth);
    skipWs();
    const c = T.charCodeAt(I);
    if (c === 44) {
      I++;
      skipWs();
    } else if (c === 125) {
      I++;
      keyTop = frame;
      return;
    } else throw new Stop(I, `expected ',' or '}' after a field, found ${show(T, I)}`);
  }
}

function scanArray(depth: number): void {
  if (depth > MAX_DEPTH) throw new Stop(I, `nested more than ${MAX_DEPTH} levels deep`);
  I++;
  skipWs();
  if (T.charCodeAt(I) === 93) {
    I++;
    return;
  }
  for (;;) {
    scanValue(depth);
    skipWs();
    const c = T.charCodeAt(I);
    if (c === 44) {
      I++;
      skipWs();
    } else if (c === 93) {
      I++;
      return;
    } else throw new Stop(I, `expected ',' or ']' after an item, found ${show(T, I)}`);
  }
}

/**
 * Check that `text` is exactly one JSON value (RFC 8259), whitespace around it allowed, with
 * no object holding the same field twice. Returns the first problem, or undefined.
 */
export function checkJson(text: string): JsonSyntaxProblem | undefined {
  T = text;
  I = 0;
  N = text.length;
  keyTop = 0;
  try {
    skipWs();
    scanValue(0);
    skipWs();
    if (I < N) throw new Stop(I, `unexpected ${show(T, I)} after the end of the value`);
    return undefined;
  } catch (err) {
    if (err instanceof Stop) return { offset: err.offset, message: err.message };
    throw err;
  } finally {
    T = "";
  }
}

/**
 * Offset where a field path points in a JSON text, with the loader's conventions: as far as
 * the path exists (a missing field points at the object that lacks it); with `key`, at the
 * last field's name rather than its value. The text is assumed to have passed `checkJson`;
 * anything unexpected stops the walk where it is.
 */
export function locateJson(text: string, path: readonly (string | number)[], key = false): number {
  let i = 0;
  const ws = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else return;
    }
  };
  /** At an opening quote: the string's end (after the closing quote). */
  const stringEnd = (from: number): number => {
    let j = from + 1;
    while (j < text.length) {
      const c = text.charCodeAt(j);
      if (c === 92) j += 2;
      else if (c === 34) return j + 1;
      else j++;
    }
    return j;
  };
  /** The end of the value starting at `from`. */
  const valueEnd = (from: number): number => {
    let j = from;
    let depth = 0;
    while (j < text.length) {
      const c = text.charCodeAt(j);
      if (c === 34) {
        j = stringEnd(j);
        if (depth === 0) return j;
        continue;
      }
      if (c === 123 || c === 91) depth++;
      else if (c === 125 || c === 93) {
        if (depth === 0) return j;
        depth--;
        if (depth <= 0) return j + 1;
      } else if (depth === 0 && (c === 44 || c === 32 || c === 9 || c === 13 || c === 10)) return j;
      j++;
    }
    return j;
  };

  ws();
  let best = i;
  for (let s = 0; s < path.length; s++) {
    const seg = path[s];
    const last = s === path.length - 1;
    const c = text.charCodeAt(i);
    let found = false;
    if (c === 123 && typeof seg === "string") {
      i++;
      ws();
      while (text.charCodeAt(i) === 34) {
        const keyStart = i;
        const keyEnd = stringEnd(i);
        const raw = text.slice(keyStart, keyEnd);
        let name: string;
        try {
          name = JSON.parse(raw) as string;
        } catch {
          return best;
        }
        i = keyEnd;
        ws();
        if (text.charCodeAt(i) !== 58) return best;
        i++;
        ws();
        if (name === seg) {
          if (key && last) return keyStart;
          found = true;
          break;
        }
        i = valueEnd(i);
        ws();
        if (text.charCodeAt(i) !== 44) break;
        i++;
        ws();
      }
    } else if (c === 91 && typeof seg === "number") {
      i++;
      ws();
      for (let k = 0; k <= seg && i < text.length && text.charCodeAt(i) !== 93; k++) {
        if (k === seg) {
          found = true;
          break;
        }
        i = valueEnd(i);
        ws();
        if (text.charCodeAt(i) !== 44) break;
        i++;
        ws();
      }
    }
    if (!found) return best;
    best = i;
  }
  return best;
}
