import { describe, expect, it } from "vitest";
import { DatasetSchema } from "../dataset.ts";
import { boundedDamerau } from "./distance.ts";
import { altKeyOfPlain, foldName, plainText, skeletonOf } from "./fold.ts";
import { buildSearchIndex, search } from "./search.ts";

/** One actor named `name`; does a search for `query` find it? */
function meets(query: string, name: string): boolean {
  const ds = DatasetSchema.parse({
    actors: [
      {
        id: "target",
        kind: "person",
        name,
        description: "someone",
        citations: [{ source: "s" }],
      },
      // A decoy, so that a match is not just "the only entity there is".
      {
        id: "decoy",
        kind: "person",
        name: "Maximilian Oberholzer",
        description: "someone else",
        citations: [{ source: "s" }],
      },
    ],
  });
  const hits = search(buildSearchIndex(ds), query);
  return hits[0]?.id === "target";
}

describe("plainText", () => {
  it("lower-cases, strips diacritics and transliterates Cyrillic", () => {
    expect(plainText("Klaipėda")).toBe("klaipeda");
    expect(plainText("Gdańsk Łódź")).toBe("gdansk lodz");
    expect(plainText("Ціханоўская")).toBe("tsikhanouskaya");
    expect(plainText("Щёлково")).toBe("shchyolkovo");
    expect(plainText("Подъезд Мальцев")).toBe("podezd maltsev");
  });
});

describe("foldName", () => {
  it("folds the four spellings of Tsikhanouskaya's surname that differ only by romanization", () => {
    const key = foldName("Tsikhanouskaya");
    expect(foldName("Cichanouska")).toBe(key);
    expect(foldName("Ціханоўская")).toBe(key);
    expect(foldName("Cichanoŭskaja")).toBe(key);
    expect(foldName("TSIKHANOUSKAJA")).toBe(key);
  });

  it("folds the Russian spellings of Tsikhanouskaya onto one key of their own", () => {
    // Russian ти against Belarusian ці is a real sound difference, left to the fuzzy match.
    expect(foldName("Тихановская")).toBe(foldName("Tikhanovskaya"));
    expect(foldName("Tichanowska")).toBe(foldName("Tikhanovskaya"));
  });

  it("folds Lukashenka in Latin, Polish and Belarusian Cyrillic", () => {
    const key = foldName("Lukashenka");
    expect(foldName("Łukaszenka")).toBe(key);
    expect(foldName("Лукашэнка")).toBe(key);
    expect(foldName("Lukašenka")).toBe(key);
    expect(foldName("Лукашенко")).toBe(foldName("Lukashenko"));
  });

  it("handles diacritics, doubles, ow/ou/ov, w/v, ks/x and the -ski endings", () => {
    expect(foldName("Klaipėda")).toBe(foldName("Klaipeda"));
    expect(foldName("Odessa")).toBe(foldName("Odesa"));
    expect(foldName("Gaweł")).toBe(foldName("Gawel"));
    expect(foldName("Byalyatski")).toBe(foldName("Bialiatski"));
    expect(foldName("Aleksander")).toBe(foldName("Alexander"));
    expect(foldName("Kowalski")).toBe(foldName("Kovalskiy"));
    expect(foldName("Kovalsky")).toBe(foldName("Kowalskij"));
    expect(foldName("Natallia")).toBe(foldName("Natalya"));
    expect(foldName("Yevgeny")).toBe(foldName("Evgeniy"));
    expect(foldName("Żółć")).toBe(foldName("Zholts"));
    expect(foldName("Chernobyl")).toBe(foldName("Czernobyl"));
    expect(foldName("Tschernobyl")).toBe(foldName("Chernobyl"));
    expect(foldName("Lukaschenka")).toBe(foldName("Lukashenka"));
  });

  it("keeps masculine and feminine surname forms apart", () => {
    expect(foldName("Tsikhanouski")).not.toBe(foldName("Tsikhanouskaya"));
  });

  it("keeps distinct names distinct", () => {
    expect(foldName("Minsk")).not.toBe(foldName("Pinsk"));
    expect(foldName("Vilnius")).not.toBe(foldName("Kaunas"));
  });

  it("splits words, joins apostrophes and drops hard/soft signs", () => {
    expect(foldName("Ust-Luga")).toBe(foldName("ust luga"));
    expect(foldName("Мар'я")).toBe(foldName("Maria"));
    expect(foldName("  ")).toBe("");
  });

  it("gives a written c its English reading as the alternative key", () => {
    expect(altKeyOfPlain("caracas")).toBe(foldName("Каракас"));
    expect(altKeyOfPlain("kuznica")).toBe(foldName("Kuzniika"));
    expect(altKeyOfPlain("cichanouska")).toBeUndefined();
  });
});

describe("skeletonOf", () => {
  it("drops vowels, so Belarusian and Russian vowel spellings meet", () => {
    expect(skeletonOf(foldName("Kolesnikova"))).toBe(skeletonOf(foldName("Kalesnikava")));
    expect(skeletonOf(foldName("Беляцкий"))).toBe(skeletonOf(foldName("Bialiatski")));
    expect(skeletonOf(foldName("Soligorsk"))).toBe(skeletonOf(foldName("Salihorsk")));
    expect(skeletonOf(foldName("Babariko"))).toBe(skeletonOf(foldName("Babaryka")));
    expect(skeletonOf(foldName("Lukashenko"))).toBe(skeletonOf(foldName("Lukasenka")));
  });

  it("is empty for numbers", () => {
    expect(skeletonOf("2025")).toBe("");
  });
});

describe("boundedDamerau", () => {
  it("counts edits, transpositions as one, and stops past the bound", () => {
    expect(boundedDamerau("kole", "koale", 2)).toBe(1);
    expect(boundedDamerau("lukašenko", "lukašneko", 2)).toBe(1);
    expect(boundedDamerau("abcdef", "abcdef", 1)).toBe(0);
    expect(boundedDamerau("minsk", "pinsk", 1)).toBe(1);
    expect(boundedDamerau("minsk", "kaunas", 2)).toBe(3);
    expect(boundedDamerau("", "ab", 2)).toBe(2);
  });
});

describe("search finds names under their other spellings", () => {
  const cases: Array<[string, string]> = [
    ["Tikhanovskaya", "Tsikhanouskaya"],
    ["Cichanouska", "Tsikhanouskaya"],
    ["Тихановская", "Tsikhanouskaya"],
    ["Ціханоўская", "Tsikhanouskaya"],
    ["Lukashenka", "Lukashenko"],
    ["Łukaszenka", "Lukashenko"],
    ["Лукашэнка", "Lukashenko"],
    ["Kolesnikova", "Kalesnikava"],
    ["Klaipėda", "Klaipeda"],
    ["Soligorsk", "Salihorsk"],
    ["Odessa", "Odesa"],
    ["Byalyatski", "Bialiatski"],
    ["Беляцкий", "Bialiatski"],
    ["Babariko", "Babaryka"],
    ["Gawel", "Gaweł"],
    ["Cole", "Coale"],
    ["Каракас", "Caracas"],
    ["Salcininkai", "Šalčininkai"],
    ["Lukasenka", "Lukashenka"],
    ["Lukaschenko", "Lukashenka"],
    ["Mogilev", "Mahiliou"],
    ["Магілёў", "Mogilev"],
    ["Vitebsk", "Vitsebsk"],
    ["Sergei", "Siarhei"],
    ["Siergiej", "Siarhei"],
    ["Svetlana", "Sviatlana"],
    ["Pyotr", "Piotr"],
    ["Пётр", "Piotr"],
    ["Andrei", "Andrzej"],
    ["Gomel", "Homel"],
    ["Jurij", "Yury"],
    ["Aleksei", "Aliaksei"],
  ];
  it.each(cases)("%s meets %s", (query, name) => {
    expect(meets(query, name)).toBe(true);
  });

  it("does not make everything meet", () => {
    expect(meets("Pinsk", "Lukashenko")).toBe(false);
    expect(meets("Minsk", "Kalesnikava")).toBe(false);
  });
});
