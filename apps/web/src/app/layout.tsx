import { MAX_BATCH } from "@dealmap/api";
import type { Metadata, Viewport } from "next";
import { cookies, headers } from "next/headers";
import type { ReactNode } from "react";
import { EmbedBar } from "@/components/embed-bar";
import { Nav } from "@/components/nav";
import { SearchBox } from "@/components/search-box";
import { ThemeToggle } from "@/components/theme-toggle";
import { EMBED_HEADER } from "@/lib/embed";
import { TRPCReactProvider } from "@/trpc/react";

import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Dealmap", template: "%s · Dealmap" },
  description:
    "Explore who traded what with whom, when, and by which route: the US–Belarus exchanges of 2025, every claim cited.",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fbfaf7" },
    { media: "(prefers-color-scheme: dark)", color: "#14161a" },
  ],
};

/**
 * The theme is a cookie ("light" | "dark"; absent = follow the system), read on the server.
 *
 * Embed mode (`?embed=1` on any page, for an iframe; the proxy passes it on as a request
 * header): no skip link, site header, navigation, search or footer — a small "Open in Dealmap"
 * link instead — and links open in a new tab (`<base target="_blank">`), so following one
 * leaves the host's page alone and shows the whole site. Which sites may frame the pages is
 * DEALMAP_FRAME_ANCESTORS (src/lib/frame-ancestors.ts).
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const theme = (await cookies()).get("theme")?.value;
  const dataTheme = theme === "light" || theme === "dark" ? theme : undefined;
  const embed = (await headers()).get(EMBED_HEADER) ?? undefined;
  if (embed !== undefined) {
    return (
      <html lang="en" data-theme={dataTheme} data-embed="">
        <head>
          <base target="_blank" />
        </head>
        <body className="embedded">
          <TRPCReactProvider maxBatch={MAX_BATCH}>
            <EmbedBar href={embed} />
            <main id="main" tabIndex={-1}>
              {children}
            </main>
          </TRPCReactProvider>
        </body>
      </html>
    );
  }
  return (
    <html lang="en" data-theme={dataTheme}>
      <body>
        <a className="skip" href="#main">
          Skip to content
        </a>
        <TRPCReactProvider maxBatch={MAX_BATCH}>
          <header className="site-header">
            <div className="bar">
              <a className="brand" href="/">
                Deal<span>map</span>
              </a>
              <Nav />
              <div className="header-tools">
                <SearchBox />
                <ThemeToggle initial={dataTheme ?? "system"} />
              </div>
            </div>
          </header>
          <main id="main" tabIndex={-1}>
            {children}
          </main>
        </TRPCReactProvider>
        <footer className="site-footer">
          Dealmap — an explorer of geopolitical dealmaking. Built-in case: the US–Belarus exchanges of 2025.
          Descriptions are our own words; every claim links to its source.
        </footer>
      </body>
    </html>
  );
}
