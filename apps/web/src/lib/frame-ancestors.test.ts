import { afterEach, describe, expect, it, vi } from "vitest";
import { frameAncestorsFromEnv, parseFrameAncestors } from "./frame-ancestors.ts";

describe("DEALMAP_FRAME_ANCESTORS", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("unset, empty or 'none': no site may frame the pages", () => {
    for (const raw of [undefined, "", "   ", "'none'", "'NONE'"])
      expect(parseFrameAncestors(raw), String(raw)).toEqual({ value: "'none'", allowsFraming: false });
  });

  it("takes origins, schemes and 'self', separated by spaces or commas, in a normal form", () => {
    expect(parseFrameAncestors("https://a.example https://b.example")).toEqual({
      value: "https://a.example https://b.example",
      allowsFraming: true,
    });
    expect(
      parseFrameAncestors(
        " HTTPS://News.Example/, http://localhost:8080,'self'  https://*.corp.example:* https:",
      ),
    ).toEqual({
      value: "https://news.example http://localhost:8080 'self' https://*.corp.example:* https:",
      allowsFraming: true,
    });
    // the same origin twice is written once
    expect(parseFrameAncestors("https://a.example https://a.example/").value).toBe("https://a.example");
  });

  it("refuses anything else whole, naming the entry, and falls back to 'none'", () => {
    const cases: [string, RegExp][] = [
      ["https://a.example/embed", /"https:\/\/a\.example\/embed" is not allowed \(an origin has no path\)/],
      ["*", /"\*" is not allowed \('\*' would let any site/],
      ["https://a.example 'unsafe-inline'", /"'unsafe-inline'" is not allowed/],
      ["https://a.example;script-src *", /"https:\/\/a\.example;script-src" is not allowed/],
      ["ftp://a.example", /"ftp:\/\/a\.example" is not allowed/],
      ["https://a..example", /"a\.\.example" is not a host name/],
      ["https://a.example:99999", /the port is out of range/],
      ["https://a.example?x=1", /is not allowed/],
      ["data:", /"data:" is not allowed/],
      ["a.example", /expected an origin such as https:\/\/example\.org/],
    ];
    for (const [raw, message] of cases) {
      const r = parseFrameAncestors(raw);
      expect(r.value, raw).toBe("'none'");
      expect(r.allowsFraming, raw).toBe(false);
      expect(r.error, raw).toMatch(/^DEALMAP_FRAME_ANCESTORS: /);
      expect(r.error, raw).toMatch(message);
      expect(r.error, raw).toMatch(/no site may frame the pages \('none'\)$/);
    }
  });

  it("logs a bad value once", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const env = { DEALMAP_FRAME_ANCESTORS: "https://x.example/path" };
    expect(frameAncestorsFromEnv(env).value).toBe("'none'");
    frameAncestorsFromEnv(env);
    expect(log).toHaveBeenCalledTimes(1);
    expect(String(log.mock.calls[0]?.[0])).toMatch(
      /^Error: DEALMAP_FRAME_ANCESTORS: "https:\/\/x\.example\/path"/,
    );
    frameAncestorsFromEnv({ DEALMAP_FRAME_ANCESTORS: "https://ok.example" });
    expect(log).toHaveBeenCalledTimes(1);
  });
});
