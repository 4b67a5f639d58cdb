/**
 * Which sites may show Dealmap's pages in a frame (`?embed=1` pages are made for that):
 * `DEALMAP_FRAME_ANCESTORS`, a list of origins and schemes separated by spaces or commas, e.g.
 * `"https://a.example https://*.b.example http://localhost:8080 'self'"`. It becomes the CSP's
 * `frame-ancestors` (src/proxy.ts). Unset or empty, no site may (`'none'`, with
 * `X-Frame-Options: DENY` for older browsers). Anything but an origin or a scheme is refused
 * whole — paths, queries, `*`, quotes other than 'self' and 'none', characters that would
 * end the directive — and the value falls back to `'none'` with an error naming the entry.
 */

export const FRAME_ANCESTORS_ENV = "DEALMAP_FRAME_ANCESTORS";

export interface FrameAncestors {
  /** The `frame-ancestors` source list to send: `'none'` unless a valid list was given. */
  value: string;
  /** Whether some site may frame the pages (then no X-Frame-Options is sent). */
  allowsFraming: boolean;
  /** Why the setting was refused, naming the entry at fault. */
  error?: string;
}

const NONE: FrameAncestors = { value: "'none'", allowsFraming: false };

const HOST = /^(?:\*\.)?[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** One entry in its normal form, or why it is not an origin or a scheme. */
function entry(raw: string): { ok: true; source: string } | { ok: false; why: string } {
  const lower = raw.toLowerCase();
  if (lower === "'self'") return { ok: true, source: "'self'" };
  if (lower === "https:" || lower === "http:") return { ok: true, source: lower };
  const m = /^(https?):\/\/([^/:?#]+)(:(?:\d{1,5}|\*))?\/?$/.exec(lower);
  if (!m) {
    const hint = /^https?:\/\/[^/]+\/./.test(lower)
      ? "an origin has no path"
      : lower === "*"
        ? "'*' would let any site frame the pages; name the sites, or use https:"
        : "expected an origin such as https://example.org, a scheme (https:) or 'self'";
    return { ok: false, why: hint };
  }
  const [, scheme, host, port] = m;
  if (!host || !HOST.test(host)) return { ok: false, why: `"${host ?? ""}" is not a host name` };
  if (port && port !== ":*" && Number(port.slice(1)) > 65535)
    return { ok: false, why: "the port is out of range" };
  return { ok: true, source: `${scheme}://${host}${port ?? ""}` };
}

/** Reads the setting (see the module comment). */
export function parseFrameAncestors(raw: string | undefined): FrameAncestors {
  const text = (raw ?? "").trim();
  if (text === "") return NONE;
  if (text.length > 2000) return { ...NONE, error: `${FRAME_ANCESTORS_ENV} is longer than 2,000 characters` };
  const tokens = text.split(/[\s,]+/).filter((t) => t !== "");
  if (tokens.length === 1 && tokens[0]?.toLowerCase() === "'none'") return NONE;
  const sources: string[] = [];
  for (const token of tokens) {
    const r = entry(token);
    if (!r.ok) {
      const shown = token.length > 80 ? `${token.slice(0, 80)}…` : token;
      return {
        ...NONE,
        error: `${FRAME_ANCESTORS_ENV}: ${JSON.stringify(shown)} is not allowed (${r.why}); no site may frame the pages ('none')`,
      };
    }
    if (!sources.includes(r.source)) sources.push(r.source);
  }
  return { value: sources.join(" "), allowsFraming: true };
}

let reported: string | undefined;

/**
 * The setting of this process's environment, read on every call (so a test or a restart with
 * another value takes effect) and its error logged once per distinct value.
 */
export function frameAncestorsFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): FrameAncestors {
  const raw = env[FRAME_ANCESTORS_ENV];
  const parsed = parseFrameAncestors(raw);
  if (parsed.error && reported !== raw) {
    reported = raw;
    console.error(`Error: ${parsed.error}`);
  }
  return parsed;
}
