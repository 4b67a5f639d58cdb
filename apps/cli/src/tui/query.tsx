/**
 * Data for the TUI: a tiny query cache over the router. Every result is kept for the session,
 * so coming back to a tab or an entity shows it at once (no "Loading…" flash), and a hook whose
 * key changes keeps showing its previous data until the new data arrives (no flicker).
 *
 * Paged lists (`usePaged`) are kept the same way: the pages already read stay, and the next
 * page is read when the view asks for rows beyond them.
 */
import { createContext, type ReactNode, useContext, useRef, useSyncExternalStore } from "react";
import type { Api } from "../api.ts";

interface Entry {
  data?: unknown;
  error?: unknown;
  done: boolean;
  /** Settles with the entry. */
  settled: Promise<void>;
}

/** A page of a paged list. */
export interface PageOf<T> {
  items: readonly T[];
  total: number;
  nextCursor: string | null;
}

/** A paged list as read so far. */
export interface Paged<T> {
  /** The rows read, in order: the first pages of the list. */
  items: readonly T[];
  /** The router's count of the whole list; undefined until the first page arrives. */
  total: number | undefined;
  /** Whether pages remain to be read. */
  more: boolean;
  /** Whether a page is being read. */
  loading: boolean;
  error: unknown;
}

interface PagedEntry {
  state: Paged<unknown>;
  cursor: string | undefined;
  /** Settles with the page being read. */
  reading: Promise<void>;
}

export interface FetchOptions {
  /**
   * Start the query only after this many milliseconds: a slow query over a large store then
   * runs once the frame that says "Loading…" is on the terminal (an in-process SQLite store
   * answers synchronously, holding up everything else while it reads).
   */
  defer?: number;
}

export class QueryCache {
  private entries = new Map<string, Entry>();
  private pagedEntries = new Map<string, PagedEntry>();
  private listeners = new Set<() => void>();
  /** Bumped whenever any result arrives; the snapshot for useSyncExternalStore. */
  version = 0;
  constructor(readonly api: Api) {}

  get(key: string): Entry | undefined {
    return this.entries.get(key);
  }

  /** Start loading `key` unless it is loaded or loading. */
  fetch(key: string, fn: (api: Api) => Promise<unknown>, opts: FetchOptions = {}): Entry {
    const existing = this.entries.get(key);
    if (existing) return existing;
    let settle = () => {};
    const entry: Entry = { done: false, settled: new Promise<void>((r) => (settle = r)) };
    this.entries.set(key, entry);
    const run = () =>
      fn(this.api).then(
        (data) => {
          entry.data = data;
          entry.done = true;
          settle();
          this.notify();
        },
        (error: unknown) => {
          entry.error = error;
          entry.done = true;
          settle();
          this.notify();
        },
      );
    if (opts.defer) setTimeout(run, opts.defer);
    else void run();
    return entry;
  }

  /** The paged list `key` as read so far, if it was ever asked for. */
  paged<T>(key: string): Paged<T> | undefined {
    return this.pagedEntries.get(key)?.state as Paged<T> | undefined;
  }

  /**
   * Make sure at least `want` rows of the paged list `key` are read, or the whole list when
   * shorter: reads the next page unless one is being read (one page at a time, in order).
   */
  page<T>(
    key: string,
    fn: (api: Api, cursor: string | undefined) => Promise<PageOf<T>>,
    want: number,
  ): Paged<T> {
    let entry = this.pagedEntries.get(key);
    if (!entry) {
      entry = {
        state: { items: [], total: undefined, more: true, loading: false, error: undefined },
        cursor: undefined,
        reading: Promise.resolve(),
      };
      this.pagedEntries.set(key, entry);
    }
    const e = entry;
    const s = e.state;
    const first = s.total === undefined;
    if (!s.loading && s.error === undefined && s.more && (first || s.items.length < want)) {
      e.state = { ...s, loading: true };
      e.reading = fn(this.api, e.cursor).then(
        (page) => {
          e.cursor = page.nextCursor ?? undefined;
          e.state = {
            items: e.state.items.concat(page.items),
            total: page.total,
            more: page.nextCursor !== null,
            loading: false,
            error: undefined,
          };
          this.notify();
        },
        (error: unknown) => {
          e.state = { ...e.state, loading: false, error };
          this.notify();
        },
      );
    }
    return e.state as Paged<T>;
  }

  /** Read the first page of `key` (unless read or being read); settles when it is. */
  firstPage<T>(key: string, fn: (api: Api, cursor: string | undefined) => Promise<PageOf<T>>): Promise<void> {
    this.page(key, fn, 1);
    return this.pagedEntries.get(key)?.reading ?? Promise.resolve();
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
export function useQuery<T>(
  key: string | null,
  fn: (api: Api) => Promise<T>,
  opts?: FetchOptions,
): QueryState<T> {
  const cache = useCache();
  // re-render when any result arrives (also one that arrived between render and subscribe)
  useSyncExternalStore(cache.subscribe, () => cache.version);
  const previous = useRef<T | undefined>(undefined);
  if (key === null) return { data: undefined, error: undefined, loading: false };
  const entry = cache.fetch(key, fn, opts);
  if (entry.done && entry.error === undefined) previous.current = entry.data as T;
  return {
    data: entry.done ? (entry.error === undefined ? (entry.data as T) : undefined) : previous.current,
    error: entry.done ? entry.error : undefined,
    loading: !entry.done,
  };
}

/**
 * A paged list, read page by page as `want` (the rows the view needs: where the selection is,
 * plus some ahead) grows; re-renders when a page arrives.
 */
export function usePaged<T>(
  key: string,
  fn: (api: Api, cursor: string | undefined) => Promise<PageOf<T>>,
  want: number,
): Paged<T> {
  const cache = useCache();
  useSyncExternalStore(cache.subscribe, () => cache.version);
  return cache.page(key, fn, want);
}

/** What the cache holds for `key` (a query or a paged list), without starting anything. */
export function useCached<T>(key: string): { data: T | undefined; paged: Paged<T> | undefined } {
  const cache = useCache();
  useSyncExternalStore(cache.subscribe, () => cache.version);
  const e = cache.get(key);
  return { data: e?.done && e.error === undefined ? (e.data as T) : undefined, paged: cache.paged<T>(key) };
}
