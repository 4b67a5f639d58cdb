import { exportEvents } from "@/lib/export-events";
import { call } from "@/trpc/server";

/**
 * `GET /export/events?format=csv|json&<the timeline's filter>`: the filtered events as a file,
 * streamed through the router page by page (see src/lib/export-events.ts).
 */
export function GET(request: Request): Promise<Response> {
  return exportEvents(new URL(request.url), {
    datasets: () => call((api) => api.stats.datasets()),
    events: (input) => call((api) => api.events.list(input)),
    entity: (id) => call((api) => api.entity.get({ id })),
  });
}
