import { MAX_BATCH } from "@dealmap/api";
import type { Metadata, Viewport } from "next";
import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { Nav } from "@/components/nav";
import { SearchBox } from "@/components/search-box";
import { ThemeToggle } from "@/components/theme-toggle";
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

/** The theme is a cookie ("light" | "dark"; absent = follow the system), read on the server. */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const theme = (await cookies()).get("theme")?.value;
  const dataTheme = theme === "light" || theme === "dark" ? theme : undefined;
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
