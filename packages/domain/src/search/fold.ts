/**
 * Romanization-aware name folding.
 *
 * The names in Dealmap's story reach readers in several spellings at once: Belarusian in
 * Cyrillic and in its official Latin romanization (Tsikhanouskaya), Russian in Cyrillic and in
 * English-style romanization (Tikhanovskaya), Polish (Cichanouska), Belarusian Latin (łacinka,
 * Cichanoŭskaja) — with or without diacritics. Folding maps all of them onto one key alphabet
 * so that the search index can compare spellings instead of strings.
 *
 * Three levels, from strict to loose:
 * - {@link plainToken}: lower case, Cyrillic transliterated, diacritics stripped. Two spellings
 *   with the same plain form are literally the same word.
 * - {@link foldToken} (exported as `foldName` for whole texts): the plain form with the common
 *   romanization variants folded onto one letter each (kh/ch/cz/h/g, ts/tz/c, sh/sz/š,
 *   zh/rz/ž, y/j/i, w/v, ou/ov/ow, double letters, -aya/-aja/-a…). Equal keys mean "the same
 *   name under another romanization".
 * - {@link skeletonOf}: the key without its vowels (and with soft/hard consonant pairs merged),
 *   a weak signal for the vowel differences between Belarusian and Russian (Kalesnikava /
 *   Kolesnikova, Bialiatski / Беляцкий) and for diacritics dropped from š, ž.
 *
 * The key alphabet uses three letters with carons for the sibilant classes (`š` for sh/sz/ш,
 * `ž` for zh/ż/rz/ж, `h` for kh/ch/cz/h/g/х/ч/г) and `c` for ts/tz/ц, so that each sound is
 * one character and edit distances between keys count real spelling differences. A written c
 * before a back vowel is ambiguous (English k, Polish ts): {@link altKeyOfPlain} gives the
 * second reading.
 */

/** Cyrillic (Belarusian, Russian, Ukrainian letters) to a plain Latin transliteration. */
const CYRILLIC: Record<string, string> = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  ґ: "g",
  д: "d",
  е: "e",
  ё: "yo",
  є: "ye",
  ж: "zh",
  з: "z",
  и: "i",
  і: "i",
  ї: "yi",
  й: "y",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ў: "u",
  ф: "f",
  х: "kh",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "shch",
  ъ: "",
  ы: "y",
  ь: "",
  э: "e",
  ю: "yu",
  я: "ya",
};

/**
 * Latin letters whose diacritic carries a sound that a plain letter would lose (š → sh), or that
 * Unicode does not decompose (ł, ø, ß). Everything else just loses its combining marks.
 * Belarusian Latin ś, ź, ć are soft s, z, ts (Śviatłana = Sviatlana), so they fold that way.
 */
const LATIN_SPECIAL: Record<string, string> = {
  ł: "l",
  š: "sh",
  ž: "zh",
  ż: "zh",
  č: "ch",
  ś: "s",
  ź: "z",
  ć: "ts",
  ń: "n",
  ŭ: "u",
  ø: "o",
  đ: "d",
  ð: "d",
  þ: "th",
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ı: "i",
};

/** Anything but printable ASCII (text made only of printable ASCII needs no mapping). */
const NOT_PRINTABLE_ASCII = /[^ -~]/;
const COMBINING_MARKS = /\p{M}+/gu;
/** Apostrophes inside words (Belarusian hard sign, O'Brien) join rather than split. */
const APOSTROPHES = /['’ʼ`´]/g;
/** A word: letters and digits. */
const WORD = /[\p{L}\p{N}]+/gu;

function mapChars(text: string): string {
  let out = "";
  for (const ch of text) {
    const cyr = CYRILLIC[ch];
    if (cyr !== undefined) {
      out += cyr;
      continue;
    }
    const lat = LATIN_SPECIAL[ch];
    out += lat ?? ch;
  }
  return out;
}

/**
 * Lower case, Cyrillic → Latin, diacritics stripped; kept as one string (spacing and punctuation
 * untouched). The basis of every other form.
 */
export function plainText(text: string): string {
  // Fast path: plain ASCII has nothing to transliterate or strip.
  if (!NOT_PRINTABLE_ASCII.test(text)) return text.toLowerCase();
  return mapChars(text.normalize("NFC").toLowerCase()).normalize("NFD").replace(COMBINING_MARKS, "");
}

/** A word and where it sits in the original text (JavaScript string offsets). */
export interface WordSpan {
  /** The plain form of the word (see {@link plainText}). */
  plain: string;
  start: number;
  end: number;
}

/** Splits a text into words with their offsets, apostrophes inside words joined. */
export function words(text: string): WordSpan[] {
  const out: WordSpan[] = [];
  const re = /[\p{L}\p{N}]+(?:['’ʼ][\p{L}\p{N}]+)*/gu;
  for (const m of text.matchAll(re)) {
    const plain = plainText(m[0].replace(POSSESSIVE, "").replace(APOSTROPHES, ""));
    // A letter may fold into nothing (ъ, ь) or split; keep every non-empty plain word.
    for (const w of plain.match(WORD) ?? [])
      out.push({ plain: w, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** An English possessive ending ("Trump's aides"): dropped, so the name stays a name. */
const POSSESSIVE = /(?<=\p{L})['’]s(?![\p{L}\p{N}])/gu;

/** The plain words of a text (lower case, transliterated, no diacritics). */
export function plainWords(text: string): string[] {
  return plainText(text.replace(POSSESSIVE, "").replace(APOSTROPHES, "")).match(WORD) ?? [];
}

/** The plain form of one word. */
export function plainToken(word: string): string {
  return plainText(word.replace(APOSTROPHES, "")).replace(/[^\p{L}\p{N}]+/gu, "");
}

/**
 * Ordered rewrite rules from a plain Latin word to its key. Order matters: digraphs that
 * contain `h` are folded before `h` itself, `ch` before `c`, and iotated vowels before the
 * word-end rules.
 */
const KEY_RULES: ReadonlyArray<readonly [RegExp, string]> = [
  // German spellings: tsch is ч, sch is ш (Tschernobyl, Lukaschenko).
  [/tsch/g, "h"],
  [/sch/g, "š"],
  [/ph/g, "f"],
  [/th/g, "t"],
  [/s[hz]/g, "š"],
  [/(?:zh|rz)/g, "ž"],
  [/(?:kh|ch|cz|gh|g)/g, "h"],
  // A written c is ts here (Polish, Belarusian Latin); see altKeyOfPlain for the English k.
  [/(?:ts|tz|tc)/g, "c"],
  [/x/g, "ks"],
  [/q/g, "k"],
  [/w/g, "v"],
  [/[yj]/g, "i"],
  // ye/je/ie → e (Yevgeny / Jewgienij / Evgeny; Siarhiej / Sergei).
  [/ie/g, "e"],
  // Belarusian ў after a vowel, Polish ow, Russian ov: one key (Cichanouska / Tikhanovskaya).
  [/([aeo])[uv](?=[^aeiou]|$)/g, "$1v"],
  // Feminine adjectival endings: -aya, -aja, -aia → -a (Tsikhanouskaya / Cichanouska).
  [/aia$/g, "a"],
  // Double letters → single (Odessa / Odesa, Natallia / Natalia, -skii / -ski).
  [/(.)\1+/g, "$1"],
];

/**
 * Past this many words a key cache starts over. The index builder keeps its own table of the
 * words it files, so these caches serve queries and snippets; kept small so that a stream of
 * queries with new words each (a flood of unique searches) cannot grow memory far.
 */
const KEY_CACHE_LIMIT = 20_000;
const keyCache = new Map<string, string>();

/**
 * The romanization key of one plain word. Digits pass through unchanged; non-Latin scripts
 * other than Cyrillic pass through as plain lower-case letters.
 */
export function keyOfPlain(plain: string): string {
  const cached = keyCache.get(plain);
  if (cached !== undefined) return cached;
  let key = plain;
  if (/[a-z]/.test(key)) for (const [re, to] of KEY_RULES) key = key.replace(re, to);
  if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
  keyCache.set(plain, key);
  return key;
}

const ENGLISH_C = /c(?=[aoulr])/g;
const HAS_ENGLISH_C = /c(?=[aoulr])/;

/**
 * The other key of a word with a written c before a, o, u, l or r: in English spellings that c
 * is a k (Coale, Caracas = Каракас), in Polish and Belarusian Latin it is ts (Kuźnica =
 * Кузница). The index files such words under both keys. Returns undefined when there is no
 * such c.
 */
export function altKeyOfPlain(plain: string): string | undefined {
  if (!plain.includes("c") || !HAS_ENGLISH_C.test(plain)) return undefined;
  const cached = altCache.get(plain);
  if (cached !== undefined) return cached || undefined;
  const alt = keyOfPlain(plain.replace(ENGLISH_C, "k"));
  const result = alt === keyOfPlain(plain) ? undefined : alt;
  if (altCache.size >= KEY_CACHE_LIMIT) altCache.clear();
  altCache.set(plain, result ?? "");
  return result;
}
const altCache = new Map<string, string>();

/** The romanization key of one word (any script, any case, with or without diacritics). */
export function foldToken(word: string): string {
  return keyOfPlain(plainToken(word));
}

/**
 * Romanization-aware folding of a name or text: every word reduced to its key, joined by single
 * spaces. "Tsikhanouskaya", "Cichanouska", "Ціханоўская" and "Cichanoŭskaja" all fold to the same
 * string; so do "Łukaszenka", "Лукашэнка" and "Lukashenka". Use it to compare spellings, never
 * to display them.
 */
export function foldName(text: string): string {
  return plainWords(text).map(keyOfPlain).join(" ");
}

const VOWELS = /[aeiou]/g;
const SKELETON_MERGE: Record<string, string> = { š: "s", ž: "z", c: "t" };

/**
 * A vowel-insensitive skeleton of a key: the first letter (any vowel as `a`), then the
 * consonants, with the sibilants merged with their plain letters (š → s, ž → z), ts with t and
 * dz with d (Belarusian ць/дзь against Russian ть/дь), and repeats collapsed. Returns "" when
 * the key holds digits (numbers are never fuzzy).
 */
export function skeletonOf(key: string): string {
  if (key.length === 0 || /\d/.test(key)) return "";
  const head = /[aeiou]/.test(key[0] as string) ? "a" : (key[0] as string);
  return (head + key.slice(1).replace(VOWELS, ""))
    .replace(/dz/g, "d")
    .replace(/[šžc]/g, (ch) => SKELETON_MERGE[ch] ?? ch)
    .replace(/(.)\1+/g, "$1");
}
