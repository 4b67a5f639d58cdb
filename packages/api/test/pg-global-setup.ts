/**
 * Vitest globalSetup: one throwaway PostgreSQL cluster for the whole run of this package's tests
 * (started once, in vitest's main process, before any worker), its base URL provided to tests as
 * `inject("pgUrl")`. Each test file makes its own database with `freshDatabase(inject("pgUrl"), ...)`,
 * so files running in parallel never see each other's tables. Tests that stop or restart a
 * server start their own cluster with startPostgres() instead of disturbing this one.
 */
import type { TestProject } from "vitest/node";
import { startPostgres } from "./postgres.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** postgres:// URL of the shared test cluster's `postgres` database (superuser, trust auth). */
    pgUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startPostgres();
  project.provide("pgUrl", cluster.url);
  return () => cluster.stop();
}
