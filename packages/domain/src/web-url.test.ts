import { describe, expect, it } from "vitest";
import { CitationSchema, WebUrlSchema } from "./common.ts";
import { SourceSchema } from "./source.ts";

const source = (url: string) => ({
  id: "some-report",
  kind: "article",
  title: "A report",
  publisher: "Someone",
  language: "en",
  url,
});
const citation = (url: string) => ({ source: "some-report", url });

describe("WebUrlSchema: only http: and https: links", () => {
  const hostile = [
    "javascript:alert(document.cookie)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://example.org/file",
  ];

  it("accepts http: and https: addresses", () => {
    for (const url of ["https://example.org/a?b=c#d", "http://example.org", "HTTPS://EXAMPLE.ORG/"]) {
      expect(WebUrlSchema.safeParse(url).success).toBe(true);
      expect(SourceSchema.safeParse(source(url)).success).toBe(true);
      expect(CitationSchema.safeParse(citation(url)).success).toBe(true);
    }
  });

  it("refuses every other scheme in a source's and a citation's url, saying which are allowed", () => {
    for (const url of hostile) {
      for (const result of [SourceSchema.safeParse(source(url)), CitationSchema.safeParse(citation(url))]) {
        expect(result.success).toBe(false);
        expect(result.error?.issues).toEqual([
          expect.objectContaining({
            path: ["url"],
            message: "must be an http: or https: URL (no other scheme is allowed)",
          }),
        ]);
      }
    }
  });
});
