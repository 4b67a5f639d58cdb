/**
 * @dealmap/api — the store, the tRPC router and (in server.ts) the HTTP server.
 *
 * In-process use (web, TUI):
 *   const api = createCaller(await createContextInner());
 *   const page = await api.events.list({ actors: ["john-coale"], limit: 20 });
 */
export {
  type ContextOptions,
  createContextInner,
  DataLoadError,
  getDefaultStore,
  getStore,
  loadDefaultData,
} from "./context.ts";
export { type AppRouter, appRouter, createCaller, type RouterInputs, type RouterOutputs } from "./root.ts";
export * from "./schemas.ts";
export * from "./store/index.ts";
export { type Context, createCallerFactory } from "./trpc.ts";
