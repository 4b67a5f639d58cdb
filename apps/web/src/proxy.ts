import { type NextRequest, NextResponse } from "next/server";
import { EMBED_HEADER, embedTarget } from "@/lib/embed";
import { FRAME_ANCESTORS_ENV, type FrameAncestors, parseFrameAncestors } from "@/lib/frame-ancestors";

/**
 * Sets a Content-Security-Policy with a fresh nonce on every request it sees. Next reads the nonce
 * from the request's CSP header and puts it on its own scripts, so no inline script runs
 * without it. No 'unsafe-eval' (production React and Next do not need it; the dev server does).
 * Inline `style` attributes are allowed: React renders positions and colours of SVG marks with
 * them, and they cannot carry a nonce. `frameAncestors` is the list of sites that may frame the
 * pages (DEALMAP_FRAME_ANCESTORS, see src/lib/frame-ancestors.ts), `'none'` by default.
 */
export function buildCsp(nonce: string, dev: boolean, frameAncestors = "'none'"): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join("; ");
}

/**
 * A path whose segments all decode, with every segment that does not (`%ZZ`, a cut-off
 * `%E0%A4%A`) re-encoded so its `%` is a literal character; `undefined` when the path is fine.
 * Next's router decodes dynamic segments itself and answers a bare 500 when that throws; a
 * re-encoded segment instead reaches the page as the literal text the address holds, which
 * names no entity, so the page answers its 404.
 */
export function repairedPath(pathname: string): string | undefined {
  let changed = false;
  const segments = pathname.split("/").map((segment) => {
    try {
      decodeURIComponent(segment);
      return segment;
    } catch {
      changed = true;
      return segment.replaceAll("%", "%25");
    }
  });
  return changed ? segments.join("/") : undefined;
}

let framingCache: { raw: string | undefined; parsed: FrameAncestors } | undefined;

/**
 * The frame-ancestors setting, read from the environment at run time (not at build time), parsed
 * again only when it changes. Its errors are logged at startup by src/instrumentation.ts.
 */
function frameAncestors(): FrameAncestors {
  const raw = process.env[FRAME_ANCESTORS_ENV];
  if (!framingCache || framingCache.raw !== raw) framingCache = { raw, parsed: parseFrameAncestors(raw) };
  return framingCache.parsed;
}

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const framing = frameAncestors();
  const csp = buildCsp(nonce, process.env.NODE_ENV === "development", framing.value);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  // only the proxy says a page is embedded: a client's own header is dropped
  requestHeaders.delete(EMBED_HEADER);
  const embed = embedTarget(request.nextUrl);
  if (embed !== undefined) requestHeaders.set(EMBED_HEADER, embed);
  const repaired = repairedPath(request.nextUrl.pathname);
  let response: NextResponse;
  if (repaired === undefined) {
    response = NextResponse.next({ request: { headers: requestHeaders } });
  } else {
    const url = request.nextUrl.clone();
    url.pathname = repaired;
    response = NextResponse.rewrite(url, { request: { headers: requestHeaders } });
  }
  response.headers.set("Content-Security-Policy", csp);
  // frame-ancestors supersedes X-Frame-Options; older browsers only know the latter, which can
  // say "nobody" but not a list — so it is sent only when nobody may frame the pages
  if (!framing.allowsFraming) response.headers.set("X-Frame-Options", "DENY");
  return response;
}

/**
 * Every answer goes through the proxy but Next's static files: pages, the not-found page at
 * any address (also under /api), and the tRPC handler (JSON, where the policy costs nothing).
 * No `missing` condition on prefetch headers (`Purpose: prefetch`, `next-router-prefetch`):
 * any client can send those, and a full HTML page must never be served without its policy.
 */
export const config = {
  matcher: ["/((?!_next/static|_next/image).*)"],
};
