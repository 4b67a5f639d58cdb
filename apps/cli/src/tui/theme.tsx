/**
 * Colours for the TUI.
 *
 * Only the 16 named ANSI colours are used, never hex values, "white", "black" or "gray", and
 * never a background colour: terminal themes tune their ANSI palette to their own background,
 * so these stay readable on dark and light terminals alike. Selection is shown with inverse
 * video, which is readable everywhere. With `NO_COLOR` set (https://no-color.org) no colour is
 * emitted at all; structure is then carried by bold, underline, dim and inverse.
 */
import { createContext, type ReactNode, useContext } from "react";

type Colour = "red" | "green" | "blue" | "magenta" | "cyan" | "yellow" | undefined;

export interface Theme {
  color: boolean;
  /** Tab names, headings. */
  accent: Colour;
  /** Links to other entities. */
  link: Colour;
  /** Dates and numbers. */
  date: Colour;
  good: Colour;
  bad: Colour;
  warn: Colour;
  /** Analysis (assessments), never shown as fact. */
  analysis: Colour;
}

const COLOURED: Theme = {
  color: true,
  accent: "magenta",
  link: "cyan",
  date: undefined,
  good: "green",
  bad: "red",
  warn: "yellow",
  analysis: "magenta",
};

const PLAIN: Theme = {
  color: false,
  accent: undefined,
  link: undefined,
  date: undefined,
  good: undefined,
  bad: undefined,
  warn: undefined,
  analysis: undefined,
};

/** The theme for an environment: no colour when NO_COLOR is set to anything non-empty. */
export function themeFor(env: Record<string, string | undefined>): Theme {
  return env.NO_COLOR !== undefined && env.NO_COLOR !== "" ? PLAIN : COLOURED;
}

const ThemeContext = createContext<Theme>(COLOURED);

export function ThemeProvider({ theme, children }: { theme: Theme; children: ReactNode }) {
  return <ThemeContext.Provider value={theme}>{children}</ThemeContext.Provider>;
}

export function useTheme(): Theme {
  return useContext(ThemeContext);
}

/** Colour of a route or event status word. */
export function statusColour(theme: Theme, status: string | undefined): Colour {
  switch (status) {
    case "open":
    case "in-use":
    case "occurred":
    case "delivered":
      return theme.good;
    case "closed":
    case "blocked":
    case "did-not-happen":
    case "not-delivered":
      return theme.bad;
    case "uneconomic":
    case "partial":
    case "claimed":
      return theme.warn;
    case "proposed":
    case "expected":
    case "promised":
    case "theoretical":
    case "hypothetical":
      return theme.analysis;
    default:
      return undefined;
  }
}
