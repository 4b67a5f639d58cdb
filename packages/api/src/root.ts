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
import { createCallerFactory, createTRPCRouter } from "./trpc.ts";

export const appRouter = createTRPCRouter({
  stats: statsRouter,
  events: eventsRouter,
  actors: actorsRouter,
  places: placesRouter,
  network: networkRouter,
  routes: routesRouter,
  deals: dealsRouter,
  sources: sourcesRouter,
  search: searchRouter,
  entity: entityRouter,
  assessments: assessmentsRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** `createCaller(ctx)` for in-process calls: `createCaller(await createContextInner())`. */
export const createCaller = createCallerFactory(appRouter);
