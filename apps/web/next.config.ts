import type { NextConfig } from "next";

/**
 * The internal packages (@dealmap/*) export TypeScript source with explicit `.ts` import
 * extensions; Next transpiles them like the app's own code.
 */
const nextConfig: NextConfig = {
  transpilePackages: ["@dealmap/domain", "@dealmap/dataset", "@dealmap/api"],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
  async headers() {
    // Headers that do not depend on the request; the CSP with its per-request nonce is set in
    // src/proxy.ts.
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
