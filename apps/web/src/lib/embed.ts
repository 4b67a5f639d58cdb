/**
 * Embed mode: `?embed=1` on any page draws it without the site's chrome, for an iframe. The
 * proxy (src/proxy.ts) sees the flag and tells the root layout in a request header, since a
 * layout is not given the page's search parameters.
 */

/** The request header that tells the root layout to draw an embedded page (see `embedTarget`). */
export const EMBED_HEADER = "x-dealmap-embed";

/**
 * For `?embed=1`, the address of the same view without the flag (path and query: where "Open in
 * Dealmap" leads); otherwise undefined. Only the exact value 1 counts.
 */
export function embedTarget(url: URL): string | undefined {
  if (url.searchParams.get("embed") !== "1") return undefined;
  const params = new URLSearchParams(url.search);
  params.delete("embed");
  const q = params.toString();
  return `${url.pathname}${q ? `?${q}` : ""}`;
}
