import * as z from "zod";
import {
  CitationsSchema,
  CountryCodeSchema,
  IdSchema,
  NameVariantSchema,
  TextSchema,
  TranslationsSchema,
} from "./common.ts";
import { describeValues } from "./describe.ts";

export const PlaceKindSchema = describeValues(
  z.enum(["country", "region", "city", "port", "border-crossing", "mine", "airport", "facility"]),
  "What kind of place this is.",
  {
    country: "A whole country, placed at a representative point (e.g. its capital or centre).",
    region: "A part of a country or an area across borders: a province, district or border zone.",
    city: "A city, town or village.",
    port: "A seaport or river port, e.g. a terminal where potash is loaded onto ships.",
    "border-crossing": "A road or rail checkpoint on a border.",
    mine: "A mine or mining complex, e.g. the potash mines at Salihorsk.",
    airport: "An airport or airfield.",
    facility: "Any other fixed site: a prison, plant, base or building.",
  },
);
export type PlaceKind = z.infer<typeof PlaceKindSchema>;

/** WGS84 coordinates in decimal degrees. */
export const CoordinatesSchema = z.strictObject({
  lat: z
    .number()
    .min(-90, "latitude is between -90 and 90")
    .max(90, "latitude is between -90 and 90")
    .describe("Latitude in decimal degrees (WGS84), north positive."),
  lon: z
    .number()
    .min(-180, "longitude is between -180 and 180")
    .max(180, "longitude is between -180 and 180")
    .describe("Longitude in decimal degrees (WGS84), east positive."),
});
export type Coordinates = z.infer<typeof CoordinatesSchema>;

/** A city, port, border crossing, mine, airport, region or country, with coordinates. */
export const PlaceSchema = z
  .strictObject({
    id: IdSchema.describe(
      "Id of the place, unique across the whole dataset: lower-case words joined by '-'.",
    ),
    kind: PlaceKindSchema,
    name: TextSchema.describe(
      "The primary name, in the English spelling a reader would look for (e.g. Klaipeda).",
    ),
    aliases: z
      .array(NameVariantSchema)
      .default([])
      .describe("Other spellings of the name: Klaipėda, Gdańsk, Odessa, Soligorsk… Search finds them all."),
    coordinates: CoordinatesSchema.describe("Where the place is on the map (WGS84 decimal degrees)."),
    /** ISO 3166-1 alpha-2 of the country the place lies in (or is). */
    country: CountryCodeSchema.describe("ISO 3166-1 alpha-2 code of the country the place lies in, or is."),
    description: TextSchema.optional().describe("What the place is and why it matters here, in our words."),
    translations: TranslationsSchema,
    citations: CitationsSchema,
  })
  .describe("A city, port, border crossing, mine, airport, region, facility or country, with coordinates.");
export type Place = z.infer<typeof PlaceSchema>;
