import * as z from "zod";
import {
  CitationsSchema,
  CountryCodeSchema,
  EdtfSchema,
  IdSchema,
  NameVariantSchema,
  TextSchema,
  TranslationsSchema,
} from "./common.ts";
import { describeValues } from "./describe.ts";

/** Kinds of actor. A `position` is an office that acts even when its holder is unnamed. */
export const ActorKindSchema = describeValues(
  z.enum(["person", "state", "bloc", "organization", "media", "company", "group", "position"]),
  "What kind of actor this is.",
  {
    person: "One named human being.",
    state: "A country as an actor: its government and state bodies acting in its name.",
    bloc: "A union or alliance of states acting together, e.g. the EU or NATO.",
    organization:
      "A body that is neither a state nor a company: a ministry, agency, party, NGO, court or movement's institution.",
    media: "A news outlet, broadcaster or publication.",
    company: "A business, state-owned or private, e.g. a potash producer or an airline.",
    group:
      "A set of people acting or treated together without being an organization, e.g. the prisoners freed in one release.",
    position: "An office that acts even when its holder is unnamed, e.g. a country's foreign minister.",
  },
);
export type ActorKind = z.infer<typeof ActorKindSchema>;

/** A role held over a period, e.g. special envoy for Belarus from 2025-11-09. */
export const RoleSchema = z.strictObject({
  /** The role in our words: "special envoy for Belarus", "press secretary". */
  title: TextSchema.describe('The role in our words, e.g. "special envoy for Belarus", "press secretary".'),
  /** The actor the role is held in or for (a state, an organization, a person). */
  of: IdSchema.optional().describe(
    "Id of the actor the role is held in or for: a state, an organization, a person.",
  ),
  /** When the role was held (EDTF; an interval like `2025-11-09/..` for an open end). */
  when: EdtfSchema.optional().describe(
    "When the role was held (EDTF); an interval such as 2025-11-09/.. for a role still held.",
  ),
  citations: CitationsSchema,
});
export type Role = z.infer<typeof RoleSchema>;

/** Identifiers in other systems. Only ones that were checked: never guessed. */
export const ExternalIdsSchema = z.strictObject({
  wikidata: z
    .string()
    .regex(/^Q[1-9]\d*$/)
    .optional()
    .describe("Wikidata item id (Q…), only once checked to be this very actor."),
  opensanctions: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/)
    .optional()
    .describe("The entity's id in OpenSanctions / FollowTheMoney data it was imported from."),
});

/** A person, state, bloc, organization, media outlet, company, group or position. */
export const ActorSchema = z
  .strictObject({
    id: IdSchema.describe(
      "Id of the actor, unique across the whole dataset: lower-case words joined by '-'.",
    ),
    kind: ActorKindSchema,
    /** The primary name, as an English reader would look for it. */
    name: TextSchema.describe("The primary name, spelled as an English reader would look for it."),
    /** Other spellings: romanizations, native scripts, other reports' forms. */
    aliases: z
      .array(NameVariantSchema)
      .default([])
      .describe(
        "Other spellings of the name: romanizations, native scripts, the forms other reports use. Search finds them all.",
      ),
    /** A short description in our own words. */
    description: TextSchema.describe("Who or what the actor is, briefly and in our own words."),
    translations: TranslationsSchema,
    roles: z
      .array(RoleSchema)
      .default([])
      .describe("Roles held over time (e.g. special envoy for Belarus from 2025-11-09), each cited."),
    /** Country the actor belongs to or is (ISO 3166-1 alpha-2). */
    country: CountryCodeSchema.optional().describe(
      "ISO 3166-1 alpha-2 code of the country the actor belongs to or is, e.g. BY.",
    ),
    /** Birth or founding date, when sourced. */
    born: EdtfSchema.optional().describe("Birth or founding date (EDTF), only when a source gives it."),
    seen: z
      .strictObject({
        first: EdtfSchema.optional().describe("When the data it came from first listed it."),
        last: EdtfSchema.optional().describe("When the data it came from last listed it."),
      })
      .optional()
      .describe(
        "For imported actors: when the source data first and last listed them (FtM first_seen/last_seen).",
      ),
    externalIds: ExternalIdsSchema.optional().describe(
      "Ids of the same actor in other systems, only checked ones.",
    ),
    citations: CitationsSchema,
  })
  .describe(
    "A person, state, bloc, organization, media outlet, company, group or position that acts in the story.",
  );
export type Actor = z.infer<typeof ActorSchema>;
