import { createContextInner, SqlStore } from "@dealmap/api";

/**
 * The router's context for the web server's pages (its tRPC endpoint, a bundle of its own with
 * its own store, does not warm: the browser asks it for timeline windows, not for the network or
 * the ledger). Over a database
 * (`DEALMAP_DB`) the store is asked to warm: the answers it keeps per data version (the network
 * index, the whole ledger) are worked out in the background from the first request on, and
 * again after each load, instead of on a reader's request (3.5 s and 1 s over 10M events).
 */
export async function webContext() {
  const ctx = await createContextInner();
  if (ctx.store instanceof SqlStore) void ctx.store.warm();
  return ctx;
}
