import path from "node:path";
import { fileURLToPath } from "node:url";
import type { NextConfig } from "next";

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The internal packages (@dealmap/*) export TypeScript source with explicit `.ts` import
 * extensions; Next transpiles them like the app's own code.
 */
const nextConfig: NextConfig = {
  transpilePackages: ["@dealmap/domain", "@dealmap/dataset", "@dealmap/api"],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
  turbopack: {
    rules: {
      // see build/runtime-url-loader.cjs: data directories located with new URL(…, import.meta.url)
      "*.ts": {
        condition: { path: /packages\/dataset\/src\// },
        loaders: [path.join(here, "build/runtime-url-loader.cjs")],
        as: "*.ts",
      },
    },
  },
  async headers() {
    // Headers that do not depend on the request or the run-time environment. The CSP with its
    // per-request nonce, and X-Frame-Options (DENY unless DEALMAP_FRAME_ANCESTORS lets sites
    // frame the pages), are set in src/proxy.ts: these headers are fixed when the app is built.
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
