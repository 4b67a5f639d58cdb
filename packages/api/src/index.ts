/**
 * @dealmap/api — the data behind every frontend: the store interface and its stores, the tRPC
 * context and router. It knows nothing of HTTP (the standalone server is apps/api).
 *
 * In-process use (web, TUI):
 *   const api = createCaller(await createContextInner());
 *   const page = await api.events.list({ actors: ["john-coale"], limit: 20 });
 */
export {
  type ContextOptions,
  createContextInner,
  DataLoadError,
  defaultDatabaseLoad,
  getDefaultStore,
  getStore,
  loadDefaultData,
  openDatabaseStore,
  resolveStore,
} from "./context.ts";
export {
  type AppRouter,
  appRouter,
  createCaller,
  documentedRouter,
  type RouterInputs,
  type RouterOutputs,
} from "./root.ts";
export * from "./schemas.ts";
export * from "./store/index.ts";
export * from "./store/sql/index.ts";
export {
  type Context,
  createCallerFactory,
  describeError,
  type ErrorDescription,
  type InputIssue,
  issuesOf,
  MAX_BATCH,
  ParameterError,
} from "./trpc.ts";
