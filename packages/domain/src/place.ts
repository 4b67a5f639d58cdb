import * as z from "zod";
import { CitationsSchema, CountryCodeSchema, IdSchema, NameVariantSchema, TextSchema } from "./common.ts";

export const PlaceKindSchema = z.enum([
  "country",
  "region",
  "city",
  "port",
  "border-crossing",
  "mine",
  "airport",
  "facility",
]);
export type PlaceKind = z.infer<typeof PlaceKindSchema>;

/** WGS84 coordinates in decimal degrees. */
export const CoordinatesSchema = z.strictObject({
  lat: z.number().min(-90, "latitude is between -90 and 90").max(90, "latitude is between -90 and 90"),
  lon: z
    .number()
    .min(-180, "longitude is between -180 and 180")
    .max(180, "longitude is between -180 and 180"),
});
export type Coordinates = z.infer<typeof CoordinatesSchema>;

/** A city, port, border crossing, mine, airport, region or country, with coordinates. */
export const PlaceSchema = z.strictObject({
  id: IdSchema,
  kind: PlaceKindSchema,
  name: TextSchema,
  aliases: z.array(NameVariantSchema).default([]),
  coordinates: CoordinatesSchema,
  /** ISO 3166-1 alpha-2 of the country the place lies in (or is). */
  country: CountryCodeSchema,
  description: TextSchema.optional(),
  citations: CitationsSchema,
});
export type Place = z.infer<typeof PlaceSchema>;
