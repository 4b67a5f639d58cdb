"use client";
import { useState } from "react";

type Theme = "system" | "light" | "dark";
const NEXT: Record<Theme, Theme> = { system: "light", light: "dark", dark: "system" };
const LABEL: Record<Theme, string> = { system: "Theme: system", light: "Theme: light", dark: "Theme: dark" };

/**
 * Cycles system → light → dark. The choice is kept in a cookie so the server renders the right
 * theme on the next request (no flash, no inline script).
 */
export function ThemeToggle({ initial }: { initial: Theme }) {
  const [theme, setTheme] = useState<Theme>(initial);
  function cycle() {
    const next = NEXT[theme];
    setTheme(next);
    const root = document.documentElement;
    if (next === "system") {
      root.removeAttribute("data-theme");
      // biome-ignore lint/suspicious/noDocumentCookie: the theme must reach the server on the next request
      document.cookie = "theme=; path=/; max-age=0; SameSite=Lax";
    } else {
      root.setAttribute("data-theme", next);
      // biome-ignore lint/suspicious/noDocumentCookie: the theme must reach the server on the next request
      document.cookie = `theme=${next}; path=/; max-age=31536000; SameSite=Lax`;
    }
  }
  return (
    <button type="button" onClick={cycle} aria-label={`${LABEL[theme]} (change)`} title="Change theme">
      <span aria-hidden="true">{theme === "dark" ? "☾" : theme === "light" ? "☀" : "◐"}</span>
      <span className="visually-hidden">{LABEL[theme]}</span>
    </button>
  );
}
