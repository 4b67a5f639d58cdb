import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { EMBED_HEADER, embedTarget } from "./lib/embed.ts";
import { FRAME_ANCESTORS_ENV } from "./lib/frame-ancestors.ts";
import { buildCsp, proxy, repairedPath } from "./proxy.ts";

describe("repairedPath", () => {
  it("leaves paths that decode alone", () => {
    expect(repairedPath("/actors/alexander-lukashenko")).toBeUndefined();
    expect(repairedPath("/actors/NOT%20AN%20ID")).toBeUndefined();
    expect(repairedPath("/search")).toBeUndefined();
  });

  it("makes the % of a segment that does not decode a literal one", () => {
    expect(repairedPath("/actors/%ZZ")).toBe("/actors/%25ZZ");
    expect(repairedPath("/actors/a%ZZb")).toBe("/actors/a%25ZZb");
    // a cut-off UTF-8 sequence: every % of that segment, only that segment
    expect(repairedPath("/events/%E0%A4%A")).toBe("/events/%25E0%25A4%25A");
    expect(repairedPath("/api/trpc/%ZZ")).toBe("/api/trpc/%25ZZ");
    const fixed = repairedPath("/sources/%") ?? "";
    expect(decodeURIComponent(fixed)).toBe("/sources/%");
  });
});

describe("the CSP's frame-ancestors", () => {
  it("is 'none' by default and the allowlist when one is given", () => {
    expect(buildCsp("abc", false)).toMatch(/(^|; )frame-ancestors 'none'(;|$)/);
    const csp = buildCsp("abc", false, "https://a.example https://b.example");
    expect(csp).toMatch(/(^|; )frame-ancestors https:\/\/a\.example https:\/\/b\.example(;|$)/);
    expect(csp).toMatch(/script-src 'self' 'nonce-abc' 'strict-dynamic'/);
    expect(csp).not.toMatch(/unsafe-eval/);
  });
});

describe("proxy", () => {
  const saved = process.env[FRAME_ANCESTORS_ENV];
  afterEach(() => {
    if (saved === undefined) delete process.env[FRAME_ANCESTORS_ENV];
    else process.env[FRAME_ANCESTORS_ENV] = saved;
  });
  const run = (url: string, headers: Record<string, string> = {}) =>
    proxy(new NextRequest(new URL(url, "http://localhost:3000"), { headers }));

  it("without DEALMAP_FRAME_ANCESTORS: frame-ancestors 'none' and X-Frame-Options DENY", () => {
    delete process.env[FRAME_ANCESTORS_ENV];
    const res = run("/network");
    expect(res.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
  });

  it("with an allowlist: those origins, and no X-Frame-Options (it cannot say a list)", () => {
    process.env[FRAME_ANCESTORS_ENV] = "https://a.example  https://b.example:8443/";
    const res = run("/network?embed=1");
    expect(res.headers.get("content-security-policy")).toMatch(
      /frame-ancestors https:\/\/a\.example https:\/\/b\.example:8443(;|$)/,
    );
    expect(res.headers.get("x-frame-options")).toBeNull();
  });

  it("with a bad value: 'none' and DENY, as if unset", () => {
    for (const bad of ["https://a.example/path", "*", "https://a.example; script-src *", "'unsafe-inline'"]) {
      process.env[FRAME_ANCESTORS_ENV] = bad;
      const res = run("/");
      expect(res.headers.get("content-security-policy"), bad).toMatch(/frame-ancestors 'none'(;|$)/);
      expect(res.headers.get("x-frame-options"), bad).toBe("DENY");
    }
  });

  it("tells the layout about ?embed=1 (and only the proxy can)", () => {
    const embedded = run("/network?around=john-coale&embed=1");
    expect(embedded.headers.get(`x-middleware-request-${EMBED_HEADER}`)).toBe("/network?around=john-coale");
    const plain = run("/network", { [EMBED_HEADER]: "/evil" });
    expect(plain.headers.get(`x-middleware-request-${EMBED_HEADER}`)).toBeNull();
  });
});

describe("embedTarget", () => {
  it("is the address without the flag, for embed=1 only", () => {
    const at = (u: string) => embedTarget(new URL(u, "http://localhost"));
    expect(at("/?embed=1")).toBe("/");
    expect(at("/timeline?kind=release&embed=1&from=2025")).toBe("/timeline?kind=release&from=2025");
    expect(at("/timeline?embed=0")).toBeUndefined();
    expect(at("/timeline?embed=true")).toBeUndefined();
    expect(at("/timeline")).toBeUndefined();
  });
});
