/**
 * The URLs the benchmark measures, built the same way for every store: a timeline page filtered
 * on the busiest actor and one year (REST and tRPC), search for that actor's name with a typo,
 * and that actor's profile.
 */
export type BenchUrls = Record<"timeline" | "timelineTrpc" | "search" | "profile", string>;

/** The name with one typo (a swapped pair of letters), to exercise the fuzzy path. */
export function typoOf(name: string): string {
  return name.length > 4 ? `${name.slice(0, 2)}${name[3]}${name[2]}${name.slice(4)}` : name;
}

export function benchUrls(busiest: string, year: number, typo: string): BenchUrls {
  return {
    timeline: `/api/v1/events?actors=${busiest}&from=${year}-01&to=${year}-12&limit=50`,
    timelineTrpc: `/trpc/events.list?input=${encodeURIComponent(
      JSON.stringify({ actors: [busiest], from: `${year}-01`, to: `${year}-12`, limit: 50 }),
    )}`,
    search: `/api/v1/search?q=${encodeURIComponent(typo)}&limit=20`,
    profile: `/api/v1/actors/${busiest}`,
  };
}
