import * as z from "zod";
import {
  CitationsSchema,
  CountryCodeSchema,
  EdtfSchema,
  IdSchema,
  NameVariantSchema,
  TextSchema,
} from "./common.ts";

/** Kinds of actor. A `position` is an office that acts even when its holder is unnamed. */
export const ActorKindSchema = z.enum([
  "person",
  "state",
  "bloc",
  "organization",
  "media",
  "company",
  "group",
  "position",
]);
export type ActorKind = z.infer<typeof ActorKindSchema>;

/** A role held over a period, e.g. special envoy for Belarus from 2025-11-09. */
export const RoleSchema = z.strictObject({
  /** The role in our words: "special envoy for Belarus", "press secretary". */
  title: TextSchema,
  /** The actor the role is held in or for (a state, an organization, a person). */
  of: IdSchema.optional(),
  /** When the role was held (EDTF; an interval like `2025-11-09/..` for an open end). */
  when: EdtfSchema.optional(),
  citations: CitationsSchema,
});
export type Role = z.infer<typeof RoleSchema>;

/** Identifiers in other systems. Only ones that were checked: never guessed. */
export const ExternalIdsSchema = z.strictObject({
  wikidata: z
    .string()
    .regex(/^Q[1-9]\d*$/)
    .optional(),
});

/** A person, state, bloc, organization, media outlet, company, group or position. */
export const ActorSchema = z.strictObject({
  id: IdSchema,
  kind: ActorKindSchema,
  /** The primary name, as an English reader would look for it. */
  name: TextSchema,
  /** Other spellings: romanizations, native scripts, other reports' forms. */
  aliases: z.array(NameVariantSchema).default([]),
  /** A short description in our own words. */
  description: TextSchema,
  roles: z.array(RoleSchema).default([]),
  /** Country the actor belongs to or is (ISO 3166-1 alpha-2). */
  country: CountryCodeSchema.optional(),
  /** Birth or founding date, when sourced. */
  born: EdtfSchema.optional(),
  externalIds: ExternalIdsSchema.optional(),
  citations: CitationsSchema,
});
export type Actor = z.infer<typeof ActorSchema>;
