/**
 * A small dataset for the search tests, written for them: the people, places and organisations
 * of Dealmap's story with a realistic share of aliases (some romanizations recorded, many not),
 * plus a few events, routes, deals and sources. Independent of packages/dataset/data on
 * purpose, so that the tests measure the engine and not the current state of the data.
 */
import { type Dataset, DatasetSchema } from "../dataset.ts";

const cite = [{ source: "src-commentary", paragraph: 1 }];

type Alias = string | { name: string; lang?: string; romanization?: string };

function aliases(list: Alias[]) {
  return list.map((a) => (typeof a === "string" ? { name: a } : a));
}

function person(id: string, name: string, description: string, alias: Alias[] = [], country = "BY") {
  return { id, kind: "person", name, aliases: aliases(alias), description, country, citations: cite };
}

function actor(id: string, kind: string, name: string, description: string, alias: Alias[] = []) {
  return { id, kind, name, aliases: aliases(alias), description, citations: cite };
}

function place(
  id: string,
  kind: string,
  name: string,
  country: string,
  lat: number,
  lon: number,
  alias: Alias[] = [],
) {
  return { id, kind, name, country, coordinates: { lat, lon }, aliases: aliases(alias), citations: cite };
}

function event(id: string, kind: string, date: string, title: string, summary: string) {
  return { id, kind, date, title, summary, status: "occurred", citations: cite };
}

/** The fixture, validated by the dataset schema (so the tests exercise real shapes). */
export const FIXTURE: Dataset = DatasetSchema.parse({
  sources: [
    {
      id: "src-commentary",
      kind: "commentary",
      title: "Belarus and the United States: tactics of a thaw",
      publisher: "Carnegie Politika",
      language: "en",
    },
    {
      id: "src-reuters-potash",
      kind: "news-report",
      title: "US envoy says Washington lifts curbs on Belarusian potash",
      publisher: "Reuters",
      language: "en",
    },
    {
      id: "src-ukrinform-cole",
      kind: "news-report",
      title: "Belarus hands over more than one hundred prisoners to Ukraine",
      publisher: "Ukrinform",
      language: "uk",
    },
    {
      id: "src-nasha-niva-rail",
      kind: "news-report",
      title: "Railway documents give haul lengths for potash trains",
      publisher: "Nasha Niva",
      language: "be",
    },
  ],
  actors: [
    person(
      "alexander-lukashenko",
      "Alexander Lukashenko",
      "Long-ruling head of the Belarusian state whose legitimacy is disputed since the 2020 vote.",
      [
        { name: "Aliaksandr Lukashenka", lang: "be", romanization: "BGN/PCGN" },
        { name: "Аляксандр Лукашэнка", lang: "be" },
        { name: "Александр Лукашенко", lang: "ru" },
      ],
    ),
    person(
      "sviatlana-tsikhanouskaya",
      "Sviatlana Tsikhanouskaya",
      "Opposition figure in exile who ran for president in 2020 in place of her jailed husband.",
      [{ name: "Svetlana Tikhanovskaya", lang: "ru" }],
    ),
    person(
      "siarhei-tsikhanouski",
      "Siarhei Tsikhanouski",
      "Blogger and would-be candidate of 2020; jailed, then freed in June 2025 and taken to Vilnius.",
      [{ name: "Сяргей Ціханоўскі", lang: "be" }],
    ),
    person(
      "maria-kalesnikava",
      "Maria Kalesnikava",
      "Musician who fronted the Babaryka campaign in 2020; freed in December 2025.",
      [{ name: "Maryja Kalesnikava", lang: "be" }],
    ),
    person(
      "viktar-babaryka",
      "Viktar Babaryka",
      "Former banker who sought the presidency in 2020 and was jailed before the vote.",
      [{ name: "Виктор Бабарико", lang: "ru" }],
    ),
    person(
      "ales-bialiatski",
      "Ales Bialiatski",
      "Human rights defender, founder of Viasna, co-laureate of the 2022 Nobel Peace Prize.",
      [{ name: "Алесь Бяляцкі", lang: "be" }],
    ),
    person(
      "maryna-zolatava",
      "Maryna Zolatava",
      "Chief editor of the news portal Tut.by, sentenced in 2023 and freed in December 2025.",
    ),
    person(
      "natalya-eismont",
      "Natalya Eismont",
      "Press secretary of the Belarusian ruler since 2014 and a former television presenter.",
      [{ name: "Natallia Eismant", lang: "be" }],
    ),
    person(
      "andrzej-poczobut",
      "Andrzej Poczobut",
      "Journalist of the Polish minority in Belarus, held since 2021 on an eight-year term.",
      [{ name: "Andrei Pochobut", lang: "ru" }],
    ),
    person(
      "grzegorz-gawel",
      "Grzegorz Gaweł",
      "Polish Carmelite friar detained in Lepel in September 2025 on spying charges.",
      [],
      "PL",
    ),
    person(
      "john-coale",
      "John Coale",
      "American trial lawyer named special envoy for Belarus in November 2025.",
      [{ name: "John P. Coale" }],
      "US",
    ),
    person(
      "greta-van-susteren",
      "Greta Van Susteren",
      "Newsmax presenter, married to the envoy John Coale; interviewed the Belarusian ruler.",
      [],
      "US",
    ),
    person(
      "keith-kellogg",
      "Keith Kellogg",
      "Retired general and the White House envoy for Ukraine; visited Minsk in June 2025.",
      [],
      "US",
    ),
    person("donald-trump", "Donald Trump", "President of the United States from January 2025.", [], "US"),
    person(
      "yevgeny-prigozhin",
      "Yevgeny Prigozhin",
      "Head of the Wagner mercenary group who led a short mutiny in June 2023.",
      [{ name: "Евгений Пригожин", lang: "ru" }],
      "RU",
    ),
    person(
      "nicolas-maduro",
      "Nicolás Maduro",
      "Venezuelan ruler to whom Minsk offered a place of refuge.",
      [],
      "VE",
    ),
    actor("belarus", "state", "Belarus", "Eastern European state between Russia and the EU.", [
      { name: "Беларусь", lang: "be" },
      "Republic of Belarus",
    ]),
    actor("us", "state", "United States", "North American federal republic.", ["USA", "US"]),
    actor("lithuania", "state", "Lithuania", "Baltic EU and NATO member bordering Belarus.", [
      { name: "Lietuva", lang: "lt" },
    ]),
    actor("poland", "state", "Poland", "EU and NATO member on the western border of Belarus.", [
      { name: "Polska", lang: "pl" },
    ]),
    actor(
      "belaruskali",
      "company",
      "Belaruskali",
      "State-owned potash producer whose mines lie around Salihorsk.",
      [{ name: "Беларуськалий", lang: "ru" }],
    ),
    actor(
      "belarusian-potash-company",
      "company",
      "Belarusian Potash Company",
      "Trading arm that sells the potash of Belaruskali abroad.",
      ["BPC"],
    ),
    actor(
      "viasna",
      "organization",
      "Viasna",
      "Belarusian human rights centre that keeps the count of political prisoners.",
      [{ name: "Вясна", lang: "be" }, "Viasna Human Rights Centre"],
    ),
    actor(
      "ofac",
      "organization",
      "Office of Foreign Assets Control",
      "US Treasury office that lists and delists sanctioned entities.",
      ["OFAC"],
    ),
    actor("belavia", "company", "Belavia", "The state airline of Belarus.", [
      { name: "Белавиа", lang: "ru" },
    ]),
    actor(
      "tut-by",
      "media",
      "Tut.by",
      "Once the most read Belarusian news portal, closed by the authorities.",
    ),
    actor(
      "lithuanian-railways",
      "company",
      "Lithuanian Railways",
      "State rail operator of Lithuania that carried Belarusian potash until 2022.",
      [{ name: "Lietuvos geležinkeliai", lang: "lt" }],
    ),
    actor("wagner-group", "group", "Wagner Group", "Russian mercenary force that rebelled in June 2023."),
  ],
  places: [
    place("minsk", "city", "Minsk", "BY", 53.9, 27.567, [{ name: "Мінск", lang: "be" }]),
    place("salihorsk", "city", "Salihorsk", "BY", 52.7847, 27.535, [{ name: "Салігорск", lang: "be" }]),
    place("vilnius", "city", "Vilnius", "LT", 54.683, 25.283, [{ name: "Wilno", lang: "pl" }]),
    place("klaipeda", "port", "Klaipėda", "LT", 55.75, 21.167, ["Klaipeda"]),
    place("gdansk", "port", "Gdańsk", "PL", 54.367, 18.633, ["Gdansk"]),
    place("odesa", "port", "Odesa", "UA", 46.4857, 30.7434, ["Odessa"]),
    place("ust-luga", "port", "Ust-Luga", "RU", 59.6603, 28.2769, [{ name: "Усть-Луга", lang: "ru" }]),
    place("st-petersburg", "city", "St Petersburg", "RU", 59.95, 30.317, ["Saint Petersburg"]),
    place("kuznica", "border-crossing", "Kuźnica Białostocka", "PL", 53.5097, 23.6436, ["Kuznica"]),
    place("bruzgi", "border-crossing", "Bruzgi", "BY", 53.51, 23.68, [{ name: "Брузгі", lang: "be" }]),
    place("hrodna", "city", "Hrodna", "BY", 53.68, 23.83, ["Grodno"]),
    place("lepel", "city", "Lepel", "BY", 54.88, 28.69),
    place("medininkai", "border-crossing", "Medininkai", "LT", 54.54, 25.65),
    place("salcininkai", "border-crossing", "Šalčininkai", "LT", 54.31, 25.38),
    place("caracas", "city", "Caracas", "VE", 10.4806, -66.9036),
    place("warsaw", "city", "Warsaw", "PL", 52.233, 21.017, ["Warszawa"]),
    place("kyiv", "city", "Kyiv", "UA", 50.45, 30.5233, ["Kiev"]),
    place("washington", "city", "Washington, D.C.", "US", 38.8951, -77.0367),
  ],
  events: [
    event(
      "release-2025-12-13",
      "release",
      "2025-12-13",
      "123 prisoners freed after US talks in Minsk",
      "Minsk let 123 prisoners go, among them Babaryka, Kalesnikava and Bialiatski; most were sent on to Ukraine.",
    ),
    event(
      "potash-sanctions-lifted",
      "sanctions-eased",
      "2025-12-13",
      "US lifts sanctions on Belarusian potash",
      "The envoy Coale said in Minsk that Washington would drop its sanctions on Belaruskali and its trader.",
    ),
    event(
      "general-license-13",
      "sanctions-eased",
      "2025-12-15",
      "OFAC issues General License 13",
      "The licence authorises dealings with the potash producer and its trading arm, with no end date.",
    ),
    event(
      "belavia-relief",
      "sanctions-eased",
      "2025-09-11",
      "Sanctions on Belavia lifted",
      "In return for 52 freed prisoners, the US took the state airline off its sanctions list.",
    ),
    event(
      "coale-appointed",
      "appointment",
      "2025-11-09",
      "Trump names Coale envoy for Belarus",
      "The US president announced his former lawyer as special envoy in a social media post.",
    ),
    event(
      "balloon-closures",
      "airport-closure",
      "2025-10",
      "Vilnius airport shut by smuggling balloons",
      "Balloons drifting in from Belarus closed the Vilnius airport again and again in October.",
    ),
    event(
      "border-crossings-closed",
      "border-closure",
      "2025-10-29",
      "Lithuania closes its border crossings with Belarus",
      "Šalčininkai was shut and Medininkai restricted until the end of November.",
    ),
    event(
      "klaipeda-contract-ended",
      "contract-terminated",
      "2022-01-12",
      "Lithuania ends the potash transit contract",
      "The government cancelled the deal between Lithuanian Railways and Belaruskali from February 2022.",
    ),
    event(
      "prigozhin-deal",
      "mediated-deal",
      "2023-06-24",
      "Minsk brokers the end of the Wagner mutiny",
      "The Belarusian ruler arranged for Prigozhin to leave for Belarus and stop his march.",
    ),
  ],
  routes: [
    {
      id: "klaipeda-corridor",
      kind: "export-corridor",
      name: "Klaipėda potash corridor",
      cargo: "potash",
      description: "Rail from the Salihorsk mines through Lithuania to the Baltic port; shut since 2022.",
      legs: [{ from: "salihorsk", to: "klaipeda", mode: "rail" }],
      citations: cite,
    },
    {
      id: "ust-luga-route",
      kind: "export-corridor",
      name: "Potash via Ust-Luga",
      cargo: "potash",
      description: "The longer rail haul across Russia to the ports near St Petersburg.",
      legs: [{ from: "salihorsk", to: "ust-luga", mode: "rail" }],
      citations: cite,
    },
    {
      id: "deportation-to-ukraine",
      kind: "deportation",
      name: "Deportation of freed prisoners to Ukraine",
      cargo: "people",
      description: "Most of those freed in December 2025 were driven to the Ukrainian border.",
      legs: [{ from: "minsk", to: "kyiv", mode: "road" }],
      citations: cite,
    },
  ],
  deals: [
    {
      id: "deal-december-2025",
      title: "Prisoners for potash",
      parties: ["belarus", "us"],
      date: "2025-12-13",
      summary: "Minsk freed 123 prisoners; Washington dropped the potash sanctions.",
      concessions: [
        {
          by: "belarus",
          to: "us",
          kind: "prisoner-release",
          what: "123 prisoners freed",
          delivery: "delivered",
          citations: cite,
        },
      ],
      citations: cite,
    },
    {
      id: "deal-september-2025",
      title: "Prisoners for the airline",
      parties: ["belarus", "us"],
      date: "2025-09-11",
      summary: "52 prisoners freed in exchange for relief on Belavia.",
      concessions: [
        {
          by: "us",
          to: "belarus",
          kind: "sanctions-relief",
          what: "Belavia delisted",
          delivery: "delivered",
          citations: cite,
        },
      ],
      citations: cite,
    },
  ],
});

/** A query of the comparison set: what a user types, and the entity they mean. */
export interface QueryCase {
  query: string;
  expect: string;
  /** What the case exercises. */
  why:
    | "primary"
    | "other romanization"
    | "cyrillic"
    | "no diacritics"
    | "typo"
    | "plain words"
    | "prefix"
    | "two concepts";
}

/**
 * The comparison query set. The spellings are chosen to be what a reader would type, and most
 * of them are NOT among the fixture's aliases (the romanizations the data happens to record).
 */
export const QUERIES: QueryCase[] = [
  { query: "Lukashenko", expect: "alexander-lukashenko", why: "primary" },
  { query: "Łukaszenka", expect: "alexander-lukashenko", why: "other romanization" },
  { query: "Лукашэнка", expect: "alexander-lukashenko", why: "cyrillic" },
  { query: "Lukaschenko", expect: "alexander-lukashenko", why: "other romanization" },
  { query: "Lukashneko", expect: "alexander-lukashenko", why: "typo" },
  { query: "Tikhanovskaya", expect: "sviatlana-tsikhanouskaya", why: "other romanization" },
  { query: "Cichanouska", expect: "sviatlana-tsikhanouskaya", why: "other romanization" },
  { query: "Ціханоўская", expect: "sviatlana-tsikhanouskaya", why: "cyrillic" },
  { query: "Тихановская", expect: "sviatlana-tsikhanouskaya", why: "cyrillic" },
  { query: "Sviatlana Tsikhanouskaja", expect: "sviatlana-tsikhanouskaya", why: "other romanization" },
  { query: "Tsikhanouski", expect: "siarhei-tsikhanouski", why: "primary" },
  { query: "Sergei Tikhanovsky", expect: "siarhei-tsikhanouski", why: "other romanization" },
  { query: "Kolesnikova", expect: "maria-kalesnikava", why: "other romanization" },
  { query: "Мария Колесникова", expect: "maria-kalesnikava", why: "cyrillic" },
  { query: "Babariko", expect: "viktar-babaryka", why: "other romanization" },
  { query: "Бабарыка", expect: "viktar-babaryka", why: "cyrillic" },
  { query: "Byalyatski", expect: "ales-bialiatski", why: "other romanization" },
  { query: "Беляцкий", expect: "ales-bialiatski", why: "cyrillic" },
  { query: "Bialacki", expect: "ales-bialiatski", why: "no diacritics" },
  { query: "Zolotova", expect: "maryna-zolatava", why: "other romanization" },
  { query: "Cole", expect: "john-coale", why: "other romanization" },
  { query: "john coale", expect: "john-coale", why: "primary" },
  { query: "van susteren", expect: "greta-van-susteren", why: "primary" },
  { query: "Eysmont", expect: "natalya-eismont", why: "other romanization" },
  { query: "Pochobut", expect: "andrzej-poczobut", why: "other romanization" },
  { query: "Gawel", expect: "grzegorz-gawel", why: "no diacritics" },
  { query: "Havel", expect: "grzegorz-gawel", why: "other romanization" },
  { query: "Kelogg", expect: "keith-kellogg", why: "typo" },
  { query: "Пригожин", expect: "yevgeny-prigozhin", why: "cyrillic" },
  { query: "Prigojine", expect: "yevgeny-prigozhin", why: "other romanization" },
  { query: "Maduro", expect: "nicolas-maduro", why: "primary" },
  { query: "Klaipeda", expect: "klaipeda", why: "no diacritics" },
  { query: "Клайпеда", expect: "klaipeda", why: "cyrillic" },
  { query: "Soligorsk", expect: "salihorsk", why: "other romanization" },
  { query: "Солигорск", expect: "salihorsk", why: "cyrillic" },
  { query: "Одесса", expect: "odesa", why: "cyrillic" },
  { query: "Grodno", expect: "hrodna", why: "other romanization" },
  { query: "Гродна", expect: "hrodna", why: "cyrillic" },
  { query: "Вильнюс", expect: "vilnius", why: "cyrillic" },
  { query: "Vilnus", expect: "vilnius", why: "typo" },
  { query: "Kuznica", expect: "kuznica", why: "no diacritics" },
  { query: "Salcininkai", expect: "salcininkai", why: "no diacritics" },
  { query: "Ust Luga", expect: "ust-luga", why: "primary" },
  { query: "Belaruskali", expect: "belaruskali", why: "primary" },
  { query: "Беларуськалий", expect: "belaruskali", why: "cyrillic" },
  { query: "Vyasna", expect: "viasna", why: "other romanization" },
  { query: "Belarusian potash company", expect: "belarusian-potash-company", why: "plain words" },
  { query: "potash corridor", expect: "klaipeda-corridor", why: "plain words" },
  { query: "smuggling balloons", expect: "balloon-closures", why: "plain words" },
  { query: "general licence 13", expect: "general-license-13", why: "typo" },
  { query: "Belavia sanctions", expect: "belavia-relief", why: "plain words" },
  { query: "prisoners for potash", expect: "deal-december-2025", why: "plain words" },
  { query: "Ukrinform", expect: "src-ukrinform-cole", why: "primary" },
  { query: "Bialiat", expect: "ales-bialiatski", why: "prefix" },
  { query: "Alaksandr Łukašenka", expect: "alexander-lukashenko", why: "other romanization" },
  { query: "Swiatłana Cichanouska", expect: "sviatlana-tsikhanouskaya", why: "other romanization" },
  { query: "Siergiej Cichanouski", expect: "siarhei-tsikhanouski", why: "other romanization" },
  { query: "Wiktar Babaryka", expect: "viktar-babaryka", why: "other romanization" },
  { query: "Aleś Bialacki", expect: "ales-bialiatski", why: "other romanization" },
  { query: "Marina Zolotova", expect: "maryna-zolatava", why: "other romanization" },
  { query: "Наталля Эйсмант", expect: "natalya-eismont", why: "cyrillic" },
  { query: "Анджей Почобут", expect: "andrzej-poczobut", why: "cyrillic" },
  { query: "Greta van Sustern", expect: "greta-van-susteren", why: "typo" },
  { query: "Lukashenkо", expect: "alexander-lukashenko", why: "typo" },
  { query: "Київ", expect: "kyiv", why: "cyrillic" },
  { query: "Вагнер", expect: "wagner-group", why: "cyrillic" },
  { query: "Gdańsk", expect: "gdansk", why: "primary" },
  { query: "airport closed by balloons", expect: "balloon-closures", why: "plain words" },
  { query: "Belaruskaly", expect: "belaruskali", why: "typo" },
  { query: "Kalesnikawa", expect: "maria-kalesnikava", why: "other romanization" },
  // Added after the engine was first tuned, as a held-out check (two of them led to generic
  // fixes: French ou/ch, names run together); the two-concept ones are known weak spots.
  { query: "Loukachenko", expect: "alexander-lukashenko", why: "other romanization" },
  { query: "Tichanowskaja", expect: "sviatlana-tsikhanouskaya", why: "other romanization" },
  { query: "Kolesnikowa", expect: "maria-kalesnikava", why: "other romanization" },
  { query: "Bjaljazki", expect: "ales-bialiatski", why: "other romanization" },
  { query: "Prigoschin", expect: "yevgeny-prigozhin", why: "other romanization" },
  { query: "Kłajpeda", expect: "klaipeda", why: "other romanization" },
  { query: "Wilno", expect: "vilnius", why: "other romanization" },
  { query: "Kijów", expect: "kyiv", why: "other romanization" },
  { query: "Kiew", expect: "kyiv", why: "other romanization" },
  { query: "Весна", expect: "viasna", why: "cyrillic" },
  { query: "Литва", expect: "lithuania", why: "cyrillic" },
  { query: "Pachobut", expect: "andrzej-poczobut", why: "other romanization" },
  { query: "tutby", expect: "tut-by", why: "typo" },
  { query: "BABARYKA", expect: "viktar-babaryka", why: "primary" },
  { query: "lkashenko", expect: "alexander-lukashenko", why: "typo" },
  { query: "Susteren", expect: "greta-van-susteren", why: "primary" },
  { query: "Coale envoy", expect: "coale-appointed", why: "two concepts" },
  { query: "Maduro refuge", expect: "nicolas-maduro", why: "two concepts" },
  { query: "Kellogg Minsk", expect: "keith-kellogg", why: "two concepts" },
  { query: "Lukashenko Prigozhin", expect: "prigozhin-deal", why: "two concepts" },
  { query: "Kalesn", expect: "maria-kalesnikava", why: "prefix" },
];
