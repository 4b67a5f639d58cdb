/** The OpenAPI 3 document of the REST mirror, generated from the procedures' metadata. */
import { documentedRouter } from "@dealmap/api";
import { generateOpenApiDocument } from "trpc-to-openapi";

/** Prefix of the REST mirror. */
export const REST_BASE = "/api/v1";
export const OPENAPI_PATH = "/api/openapi.json";

export type OpenApiDocument = ReturnType<typeof generateOpenApiDocument>;

export function openApiDocument(version: string): OpenApiDocument {
  return generateOpenApiDocument(documentedRouter(), {
    title: "Dealmap API",
    description:
      "Read-only queries over Dealmap's dataset: timeline, actors, places, network, routes, deals, sources, search. Errors are JSON with a message naming the parameter.",
    version: `1.0.0+${version}`,
    baseUrl: REST_BASE,
    tags: [
      "stats",
      "events",
      "actors",
      "places",
      "network",
      "routes",
      "deals",
      "sources",
      "search",
      "entity",
    ],
  });
}
