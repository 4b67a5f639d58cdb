/**
 * Data for the TUI: a tiny query cache over the router. Every result is kept for the session,
 * so coming back to a tab or an entity shows it at once (no "Loading…" flash), and a hook whose
 * key changes keeps showing its previous data until the new data arrives (no flicker).
 */
import { createContext, type ReactNode, useContext, useRef, useSyncExternalStore } from "react";
import type { Api } from "../api.ts";

interface Entry {
  data?: unknown;
  error?: unknown;
  done: boolean;
}

export class QueryCache {
  private entries = new Map<string, Entry>();
  private listeners = new Set<() => void>();
  /** Bumped whenever any result arrives; the snapshot for useSyncExternalStore. */
  version = 0;
  constructor(readonly api: Api) {}

  get(key: string): Entry | undefined {
    return this.entries.get(key);
  }

  /** Start loading `key` unless it is loaded or loading. */
  fetch(key: string, fn: (api: Api) => Promise<unknown>): Entry {
    const existing = this.entries.get(key);
    if (existing) return existing;
    const entry: Entry = { done: false };
    this.entries.set(key, entry);
    fn(this.api).then(
      (data) => {
        entry.data = data;
        entry.done = true;
        this.notify();
      },
      (error: unknown) => {
        entry.error = error;
        entry.done = true;
        this.notify();
      },
    );
    return entry;
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => {
      this.listeners.delete(fn);
    };
  };

  private notify(): void {
    this.version++;
    for (const l of this.listeners) l();
  }
}

const CacheContext = createContext<QueryCache | null>(null);

export function QueryProvider({ cache, children }: { cache: QueryCache; children: ReactNode }) {
  return <CacheContext.Provider value={cache}>{children}</CacheContext.Provider>;
}

export function useCache(): QueryCache {
  const c = useContext(CacheContext);
  if (!c) throw new Error("useQuery needs a QueryProvider");
  return c;
}

export interface QueryState<T> {
  data: T | undefined;
  error: unknown;
  /** True while the current key has no result yet (data may be the previous key's). */
  loading: boolean;
}

/** Load `key` with `fn` (once per session) and re-render when it arrives. */
export function useQuery<T>(key: string | null, fn: (api: Api) => Promise<T>): QueryState<T> {
  const cache = useCache();
  // re-render when any result arrives (also one that arrived between render and subscribe)
  useSyncExternalStore(cache.subscribe, () => cache.version);
  const previous = useRef<T | undefined>(undefined);
  if (key === null) return { data: undefined, error: undefined, loading: false };
  const entry = cache.fetch(key, fn);
  if (entry.done && entry.error === undefined) previous.current = entry.data as T;
  return {
    data: entry.done ? (entry.error === undefined ? (entry.data as T) : undefined) : previous.current,
    error: entry.done ? entry.error : undefined,
    loading: !entry.done,
  };
}
