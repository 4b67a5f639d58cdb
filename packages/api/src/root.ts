/**
 * The app router. Web and TUI import it in-process; the HTTP server mounts it at /trpc and
 * mirrors the read queries under /api/v1 (REST, OpenAPI at /api/openapi.json).
 */
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { actorsRouter } from "./router/actors.ts";
import { assessmentsRouter } from "./router/assessments.ts";
import { dealsRouter } from "./router/deals.ts";
import { entityRouter } from "./router/entity.ts";
import { eventsRouter } from "./router/events.ts";
import { networkRouter } from "./router/network.ts";
import { placesRouter } from "./router/places.ts";
import { routesRouter } from "./router/routes.ts";
import { searchRouter } from "./router/search.ts";
import { sourcesRouter } from "./router/sources.ts";
import { statsRouter } from "./router/stats.ts";
import { type Answer, compiledAnswer, createCallerFactory, createTRPCRouter, schemaAnswer } from "./trpc.ts";

function buildRouter(answer: Answer) {
  return createTRPCRouter({
    stats: statsRouter(answer),
    events: eventsRouter(answer),
    actors: actorsRouter(answer),
    places: placesRouter(answer),
    network: networkRouter(answer),
    routes: routesRouter(answer),
    deals: dealsRouter(answer),
    sources: sourcesRouter(answer),
    search: searchRouter(answer),
    entity: entityRouter(answer),
    assessments: assessmentsRouter(answer),
  });
}

/** The router every frontend calls; answers are checked against their schemas (compiled). */
export const appRouter = buildRouter(compiledAnswer);

let documented: AppRouter | undefined;
/**
 * The same procedures with their answer schemas as zod types, for trpc-to-openapi to document
 * (never called).
 */
export function documentedRouter(): AppRouter {
  documented ??= buildRouter(schemaAnswer);
  return documented;
}

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** `createCaller(ctx)` for in-process calls: `createCaller(await createContextInner())`. */
export const createCaller = createCallerFactory(appRouter);
