/**
 * Large synthetic FollowTheMoney files for measuring the importer (`readFtm`): the same shape
 * as an OpenSanctions export — persons named in Latin and Cyrillic, companies, organisations,
 * sanctions, ownerships, directorships, family ties and addresses — at any size, written to
 * disk as a stream (memory stays flat however many entities are asked for).
 *
 * Deterministic: the same count and seed give the same bytes. Each entity is drawn from its
 * own generator seeded by (seed, index), so a reference to entity j can be written before j
 * itself, as in real exports (which is why the importer reads twice).
 *
 * Entities come in blocks of 20: 6 Person, 4 Company, 1 Organization, 5 Sanction,
 * 2 Ownership, 1 Directorship or Family (alternately), 1 Address. About one sanction in ten
 * has no date, and one in a hundred names an entity that is not in the file: the importer skips
 * both with a reason. Nothing else is wrong: the file reads without a bad line.
 */
import { mulberry32 } from "@dealmap/domain";
import { writeChunks } from "./write-lines.ts";

export interface FtmSyntheticOptions {
  /** How many entities (lines) to write. */
  entities: number;
  /** Seed of the generator (default 1). */
  seed?: number;
}

/** What a synthetic file holds. */
export interface FtmSyntheticCounts {
  entities: number;
  bytes: number;
  /** Lines per FtM schema. */
  bySchema: Record<string, number>;
}

const BLOCK = [
  ...Array<string>(6).fill("Person"),
  ...Array<string>(4).fill("Company"),
  "Organization",
  ...Array<string>(5).fill("Sanction"),
  "Ownership",
  "Ownership",
  "Link", // Directorship in even blocks, Family in odd ones
  "Address",
] as const;
const PERSON_SLOTS = [0, 1, 2, 3, 4, 5];
const COMPANY_SLOTS = [6, 7, 8, 9];

/** The FtM schema of entity `i`. */
export function ftmSyntheticSchema(i: number): string {
  const slot = BLOCK[i % BLOCK.length] as string;
  if (slot !== "Link") return slot;
  return Math.floor(i / BLOCK.length) % 2 === 0 ? "Directorship" : "Family";
}

/** The lines of a synthetic file, one entity each (without the newline). */
export function* ftmSyntheticLines(opts: FtmSyntheticOptions): Generator<string> {
  const seed = opts.seed ?? 1;
  for (let i = 0; i < opts.entities; i++) yield JSON.stringify(entityAt(seed, i, opts.entities));
}

/** Write a synthetic file; resolves with what it holds once it is on disk. */
export async function writeFtmSynthetic(
  file: string,
  opts: FtmSyntheticOptions,
): Promise<FtmSyntheticCounts> {
  const counts: FtmSyntheticCounts = { entities: 0, bytes: 0, bySchema: {} };
  function* lines(): Generator<string> {
    for (const line of ftmSyntheticLines(opts)) {
      const schema = ftmSyntheticSchema(counts.entities);
      counts.bySchema[schema] = (counts.bySchema[schema] ?? 0) + 1;
      counts.entities++;
      yield `${line}\n`;
    }
  }
  counts.bytes = await writeChunks(file, lines());
  return counts;
}

// ---------------------------------------------------------------------------------------------

function mix(seed: number, i: number): number {
  let h = (seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

const B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const HEX = "0123456789abcdef";

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)] as T;
}

/** An id in OpenSanctions' styles; unique because it ends with the entity's index. */
function idOf(seed: number, i: number): string {
  const r = mulberry32(mix(seed, i) ^ 0x5bd1e995);
  const schema = ftmSyntheticSchema(i);
  if (schema === "Person" || schema === "Organization" || (schema === "Company" && i % 3 === 0)) {
    // NK- ids are case-sensitive base58: the importer must keep "Ab" and "aB" apart.
    let s = "NK-";
    for (let k = 0; k < 14; k++) s += B58[Math.floor(r() * B58.length)];
    return `${s}${i.toString(36)}`;
  }
  let h = "";
  for (let k = 0; k < 32; k++) h += HEX[Math.floor(r() * 16)];
  const prefix: Record<string, string> = {
    Company: "ru-inn",
    Sanction: pick(r, ["ofac", "eu-fsf", "gb-fcdo", "ua-nsdc", "ch-seco"]),
    Ownership: "ru-own",
    Directorship: "ru-dir",
    Family: "ofac-fam",
    Address: "addr",
  };
  return `${prefix[schema] ?? "x"}-${h}${i.toString(16).padStart(8, "0")}`;
}

/** A random actor index of the given slots, anywhere in the file (before or after `i`). */
function actorRef(r: () => number, total: number, slots: number[]): number {
  const blocks = Math.max(1, Math.floor(total / BLOCK.length));
  const j = Math.floor(r() * blocks) * BLOCK.length + pick(r, slots);
  return j < total ? j : (slots[0] as number);
}

const FIRST = [
  ["Иван", "Ivan"],
  ["Сергей", "Sergey"],
  ["Алексей", "Aleksey"],
  ["Дмитрий", "Dmitriy"],
  ["Андрей", "Andrey"],
  ["Виктор", "Viktor"],
  ["Николай", "Nikolay"],
  ["Ольга", "Olga"],
  ["Татьяна", "Tatyana"],
  ["Светлана", "Svetlana"],
  ["Наталья", "Natalya"],
  ["Юлия", "Yuliya"],
] as const;
const PATRONYMIC = [
  ["Петрович", "Petrovich", "Petrovna"],
  ["Иванович", "Ivanovich", "Ivanovna"],
  ["Сергеевич", "Sergeyevich", "Sergeyevna"],
  ["Александрович", "Aleksandrovich", "Aleksandrovna"],
  ["Владимирович", "Vladimirovich", "Vladimirovna"],
] as const;
const SURNAME = [
  ["Соколов", "Sokolov"],
  ["Кузнецов", "Kuznetsov"],
  ["Попов", "Popov"],
  ["Лукашевич", "Lukashevich"],
  ["Захаров", "Zakharov"],
  ["Морозов", "Morozov"],
  ["Журавлев", "Zhuravlev"],
  ["Ковалев", "Kovalev"],
  ["Шевченко", "Shevchenko"],
  ["Михайлов", "Mikhaylov"],
] as const;
const FEMALE = new Set(["Ольга", "Татьяна", "Светлана", "Наталья", "Юлия"]);
const PATRONYMIC_CYR_F: Record<string, string> = {
  Петрович: "Петровна",
  Иванович: "Ивановна",
  Сергеевич: "Сергеевна",
  Александрович: "Александровна",
  Владимирович: "Владимировна",
};
const STEM = [
  ["Техно", "Tekhno"],
  ["Спец", "Spets"],
  ["Авиа", "Avia"],
  ["Энерго", "Energo"],
  ["Калий", "Kaliy"],
  ["Транс", "Trans"],
  ["Пром", "Prom"],
  ["Строй", "Stroy"],
] as const;
const COUNTRIES = ["ru", "ru", "ru", "by", "by", "ua", "kz", "cy", "ae"];
const AUTHORITIES = [
  ["Office of Foreign Assets Control", "us", "RUSSIA-EO14024"],
  ["Council of the European Union", "eu", "UKR"],
  ["Foreign, Commonwealth & Development Office", "gb", "The Russia (Sanctions) (EU Exit) Regulations 2019"],
  ["State Secretariat for Economic Affairs", "ch", "Ordinance of 4 March 2022"],
  ["National Security and Defense Council", "ua", "364/2023"],
  ["Министерство иностранных дел", "by", "Постановление 2023"],
] as const;

function date(r: () => number, from: number, to: number): string {
  const y = from + Math.floor(r() * (to - from + 1));
  const m = 1 + Math.floor(r() * 12);
  const d = 1 + Math.floor(r() * 28);
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function entityAt(seed: number, i: number, total: number): Record<string, unknown> {
  const r = mulberry32(mix(seed, i));
  const schema = ftmSyntheticSchema(i);
  const id = idOf(seed, i);
  const first = date(r, 2022, 2024);
  const common = {
    id,
    schema,
    datasets: ["synthetic"],
    first_seen: `${first}T10:00:00`,
    last_seen: "2025-06-01T10:00:00",
    last_change: `${first}T10:00:00`,
  };
  switch (schema) {
    case "Person": {
      const [fc, fl] = pick(r, FIRST);
      const [pc, pl, plf] = pick(r, PATRONYMIC);
      const [sc, sl] = pick(r, SURNAME);
      const female = FEMALE.has(fc);
      const surC = female ? `${sc}а` : sc;
      const surL = female ? `${sl}a` : sl;
      const patC = female ? (PATRONYMIC_CYR_F[pc] as string) : pc;
      const patL = female ? plf : pl;
      const latin = `${fl} ${patL} ${surL.toUpperCase()}`;
      const cyrillic = `${fc} ${patC} ${surC.toUpperCase()}`;
      const country = pick(r, COUNTRIES);
      const properties: Record<string, string[]> = {
        name: [latin, cyrillic],
        alias: [`${surL} ${fl}`],
        firstName: [fl, fc],
        lastName: [surL, surC],
        birthDate: [date(r, 1950, 1995)],
        nationality: [country],
        topics: ["sanction"],
        gender: [female ? "female" : "male"],
      };
      if (r() < 0.3) properties.position = [pick(r, ["Director", "Deputy Minister", "Colonel", "Judge"])];
      if (r() < 0.5) properties.sourceUrl = [`https://example.org/persons/${i}`];
      return { ...common, caption: latin, properties, target: true };
    }
    case "Company":
    case "Organization": {
      const [stC, stL] = pick(r, STEM);
      const n = i % 1000;
      const latin = `LLC "${stL}-${n}"`;
      const properties: Record<string, string[]> = {
        name: [latin, `ООО «${stC}-${n}»`],
        jurisdiction: [pick(r, COUNTRIES)],
        incorporationDate: [date(r, 1995, 2022)],
        topics: [r() < 0.7 ? "sanction" : "sanction.linked"],
      };
      if (schema === "Company") properties.innCode = [String(1e9 + (mix(seed, i) % 9e9))];
      if (r() < 0.3) properties.weakAlias = [`${stL}${n}`];
      return { ...common, caption: latin, properties, target: true };
    }
    case "Sanction": {
      const [authority, country, program] = pick(r, AUTHORITIES);
      // One sanction in a hundred names an entity that is not in the file.
      const target =
        r() < 0.01 ? `NK-absent${i.toString(36)}` : idOf(seed, actorRef(r, total, [...PERSON_SLOTS, 6, 7]));
      const properties: Record<string, string[]> = {
        entity: [target],
        authority: [authority],
        country: [country],
        program: [program],
        sourceUrl: [`https://example.org/lists/${country}`],
      };
      const undated = r() < 0.1;
      if (!undated) {
        const start = date(r, 2014, 2025);
        properties.startDate = [start];
        if (r() < 0.5) properties.listingDate = [start];
        if (r() < 0.1) properties.endDate = [date(r, 2026, 2030)];
      }
      if (r() < 0.4) properties.reason = ["Involved in destabilising Ukraine"];
      return { ...common, caption: program, properties, target: false };
    }
    case "Ownership": {
      const owner = idOf(seed, actorRef(r, total, r() < 0.5 ? PERSON_SLOTS : COMPANY_SLOTS));
      const asset = idOf(seed, actorRef(r, total, COMPANY_SLOTS));
      const properties: Record<string, string[]> = {
        owner: [owner],
        asset: [asset],
        percentage: [String(1 + Math.floor(r() * 100))],
        startDate: [date(r, 2000, 2015)],
      };
      if (r() < 0.5) properties.endDate = [date(r, 2016, 2024)];
      return { ...common, caption: "Ownership", properties, target: false };
    }
    case "Directorship": {
      const properties = {
        director: [idOf(seed, actorRef(r, total, PERSON_SLOTS))],
        organization: [idOf(seed, actorRef(r, total, COMPANY_SLOTS))],
        role: [pick(r, ["Director", "ГЕНЕРАЛЬНЫЙ ДИРЕКТОР", "Chairman"])],
        startDate: [date(r, 2005, 2020)],
      };
      return { ...common, caption: "Directorship", properties, target: false };
    }
    case "Family": {
      const a = actorRef(r, total, PERSON_SLOTS);
      let b = actorRef(r, total, PERSON_SLOTS);
      if (b === a) b = a === 0 ? 1 : 0;
      const properties = {
        person: [idOf(seed, a)],
        relative: [idOf(seed, b)],
        relationship: [pick(r, ["Family member of", "spouse", "sibling"])],
      };
      return { ...common, caption: "Family", properties, target: false };
    }
    default: {
      const properties = {
        full: [`${1 + (i % 200)} Lenina street, Minsk`],
        city: ["Minsk"],
        country: ["by"],
      };
      return { ...common, caption: properties.full[0], properties, target: false };
    }
  }
}
