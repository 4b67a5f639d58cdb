/** The main sections, in the order an analyst reads the story. */
export const SECTIONS = [
  { href: "/", label: "Overview" },
  { href: "/timeline", label: "Timeline" },
  { href: "/actors", label: "Actors" },
  { href: "/network", label: "Network" },
  { href: "/routes", label: "Routes" },
  { href: "/deals", label: "Deals" },
  { href: "/sources", label: "Sources" },
] as const;
