/**
 * The full-screen explorer: eight tabs over the router's data, driven by the keyboard.
 *
 * Each tab keeps its own selection and a stack of opened views (profiles, network steps), so
 * switching tabs and coming back returns to the same place. One key handler serves every tab:
 * the focused pane registers its row count and what Enter opens (see tui/pane.ts).
 */
import { Box, type Key, Text, useApp, useInput } from "ink";
import { useEffect, useMemo, useReducer, useRef } from "react";
import type { Api, Out } from "./api.ts";
import { terminalSafe } from "./safe-text.ts";
import { HelpOverlay, StatusBar, TABS, TabBar } from "./tui/chrome.tsx";
import {
  isSmall,
  OVERVIEW_LIST_UP_TO,
  overviewEvents,
  overviewKey,
  PAGED,
  QUERIES,
  type QueryName,
} from "./tui/data.ts";
import { type Action, actionFor, move, splitKeys } from "./tui/keys.ts";
import { PaneContext, type PaneInfo, type PaneRegistry, type Target } from "./tui/pane.ts";
import {
  ActorList,
  DealList,
  EntityPane,
  NetworkList,
  NetworkPane,
  OverviewPane,
  RouteList,
  SearchPane,
  SourceList,
  TimelineList,
  useListCount,
} from "./tui/panes.tsx";
import { QueryCache, QueryProvider } from "./tui/query.tsx";
import { type Theme, ThemeProvider, useTheme } from "./tui/theme.tsx";
import { type Size, useTerminalSize } from "./tui/use-terminal-size.ts";

const SEARCH_TAB = TABS.indexOf("Search");

/**
 * How long after the Overview has its data the other tabs' first reads start: over small
 * data, at once (they take a few milliseconds); over a large store, a moment later.
 */
const PRELOAD_AFTER_MS = { small: 30, large: 300 };

interface View extends Target {
  cursor: number;
}

interface TabState {
  selected: number;
  stack: View[];
  /**
   * The last key on the tab's list was End: a list read page by page that is short enough
   * to read to its end is, and the selection follows to its last row.
   */
  end?: boolean;
}

export interface State {
  tab: number;
  tabs: TabState[];
  help: boolean;
  query: string;
  /** Whether keys go to the search box. */
  editing: boolean;
  quit: boolean;
  /** Enter was pressed before the pane on screen was ready; applied once it is. */
  pendingOpen: boolean;
}

/** Identifies what is on screen: the tab and the views opened in it. */
export function viewKey(s: State): string {
  const t = s.tabs[s.tab];
  return `${s.tab}${s.help ? "?" : ""}/${(t?.stack ?? []).map((v) => `${v.view}:${v.id}`).join("/")}`;
}

export const initialState: State = {
  tab: 0,
  tabs: TABS.map(() => ({ selected: 0, stack: [] })),
  help: false,
  query: "",
  editing: false,
  quit: false,
  pendingOpen: false,
};

type Msg =
  | { type: "tab"; tab: number }
  | { type: "move"; action: Action; count: number; page: number }
  | { type: "open"; target: Target }
  | { type: "back" }
  | { type: "help"; open?: boolean }
  | { type: "search" }
  | { type: "edit"; query?: string; editing?: boolean }
  | { type: "key"; input: string; key: Key; pane: PaneInfo | undefined; page: number }
  | { type: "ready"; pane: PaneInfo | undefined };

function updateTab(s: State, f: (t: TabState) => TabState): State {
  return { ...s, tabs: s.tabs.map((t, i) => (i === s.tab ? f(t) : t)) };
}

/** Whether the list on screen was sent to its end (End) and should stay there as it grows. */
function following(s: State): boolean {
  const t = s.tabs[s.tab];
  return t?.end === true && t.stack.length === 0;
}

/** The selected row of the view on screen. */
export function cursorOf(s: State): number {
  const t = s.tabs[s.tab];
  const top = t?.stack[t.stack.length - 1];
  return top ? top.cursor : (t?.selected ?? 0);
}

function setCursor(s: State, cursor: number): State {
  return updateTab(s, (t) => {
    const top = t.stack[t.stack.length - 1];
    return top ? { ...t, stack: [...t.stack.slice(0, -1), { ...top, cursor }] } : { ...t, selected: cursor };
  });
}

/**
 * Every state change. Keys are interpreted here, against the latest state, so that keys
 * arriving faster than frames (pastes, quick typing) are never applied to a stale screen.
 */
export function reducer(s: State, m: Msg): State {
  switch (m.type) {
    case "tab":
      return { ...s, tab: (m.tab + TABS.length) % TABS.length, help: false, editing: false };
    case "move":
      return updateTab(s, (t) => {
        const top = t.stack[t.stack.length - 1];
        if (top) {
          const stack = [
            ...t.stack.slice(0, -1),
            { ...top, cursor: move(m.action, top.cursor, m.count, m.page) },
          ];
          return { ...t, stack };
        }
        return {
          ...t,
          selected: move(m.action, t.selected, m.count, m.page),
          end: m.action === "bottom",
        };
      });
    case "open":
      return updateTab({ ...s, pendingOpen: false }, (t) => ({
        ...t,
        stack: [...t.stack, { ...m.target, cursor: 0 }],
      }));
    case "ready": {
      if (!m.pane || m.pane.key !== viewKey(s)) return s;
      const last = Math.max(0, m.pane.count - 1);
      if (cursorOf(s) > last || (following(s) && m.pane.follow)) s = setCursor(s, last);
      {
        // a view opened at an anchor lands there once its document is drawn
        const t = s.tabs[s.tab];
        const top = t?.stack[t.stack.length - 1];
        if (top?.anchor) {
          const row = m.pane.find?.(top.anchor);
          s = updateTab(s, (tab) => ({
            ...tab,
            stack: [...tab.stack.slice(0, -1), { ...top, anchor: undefined, cursor: row ?? top.cursor }],
          }));
        }
      }
      if (!s.pendingOpen) return s;
      const t = s.tabs[s.tab];
      const top = t?.stack[t.stack.length - 1];
      const target = m.pane.open(top ? top.cursor : (t?.selected ?? 0));
      return target ? reducer(s, { type: "open", target }) : { ...s, pendingOpen: false };
    }
    case "back":
      if (s.help) return { ...s, help: false };
      // at the top of a tab there is nothing to go back to; on the Search tab that means Esc
      // leaves the search box and stays out (/ or ↑ on the first result go back in)
      return updateTab(s, (t) => ({ ...t, stack: t.stack.slice(0, -1) }));
    case "help":
      return { ...s, help: m.open ?? !s.help };
    case "search":
      return {
        ...s,
        tab: SEARCH_TAB,
        help: false,
        editing: true,
        tabs: s.tabs.map((t, i) => (i === SEARCH_TAB ? { ...t, stack: [] } : t)),
      };
    case "edit": {
      const query = m.query ?? s.query;
      const next = { ...s, query, editing: m.editing ?? s.editing };
      // a new query starts the results from the top
      return query !== s.query
        ? { ...next, tabs: next.tabs.map((t, i) => (i === SEARCH_TAB ? { ...t, selected: 0 } : t)) }
        : next;
    }
    case "key":
      return onKey(s, m);
  }
}

function onKey(s: State, msg: Extract<Msg, { type: "key" }>): State {
  // a registration from an older screen says nothing about this one
  const pane = msg.pane && msg.pane.key === viewKey(s) ? msg.pane : undefined;
  const m = { ...msg, pane };
  s = s.pendingOpen ? { ...s, pendingOpen: false } : s;
  const { input, key } = m;
  if (s.editing && !s.help) {
    if (key.escape || key.return || key.downArrow) return reducer(s, { type: "edit", editing: false });
    if (key.tab) return reducer(s, { type: "tab", tab: s.tab + (key.shift ? -1 : 1) });
    if (key.backspace || key.delete)
      return reducer(s, { type: "edit", query: [...s.query].slice(0, -1).join("") });
    if (key.ctrl && input === "u") return reducer(s, { type: "edit", query: "" });
    if (key.ctrl && input === "c") return { ...s, quit: true };
    if (input && !key.ctrl && !key.meta && !key.upArrow && !key.leftArrow && !key.rightArrow) {
      return reducer(s, { type: "edit", query: s.query + input.replace(/[\r\n\t]/g, "") });
    }
    return s;
  }
  const action = actionFor(input, key);
  if (action === "quit") return { ...s, quit: true };
  if (s.help) {
    if (action === "help" || action === "back") return { ...s, help: false };
    if (action === "search") return reducer(s, { type: "search" });
    if (action !== "nextTab" && action !== "prevTab" && !/^[1-8]$/.test(input)) return s;
    s = { ...s, help: false };
  }
  if (/^[1-8]$/.test(input)) return reducer(s, { type: "tab", tab: Number(input) - 1 });
  const t = s.tabs[s.tab];
  const top = t?.stack[t.stack.length - 1];
  switch (action) {
    case "help":
      return reducer(s, { type: "help" });
    case "search":
      return reducer(s, { type: "search" });
    case "nextTab":
      return reducer(s, { type: "tab", tab: s.tab + 1 });
    case "prevTab":
      return reducer(s, { type: "tab", tab: s.tab - 1 });
    case "back":
      return reducer(s, { type: "back" });
    case "open": {
      if (!t) return s;
      if (!m.pane) return { ...s, pendingOpen: true };
      const target = m.pane.open(top ? top.cursor : t.selected);
      return target ? reducer(s, { type: "open", target }) : s;
    }
    case undefined:
      return s;
    default:
      // ↑ on the first search result goes back into the search box
      if (s.tab === SEARCH_TAB && action === "up" && !top && (t?.selected ?? 0) === 0) {
        return reducer(s, { type: "edit", editing: true });
      }
      // not knowing the row count yet, do not clamp the end: the pane clamps when it draws
      return reducer(s, {
        type: "move",
        action,
        count: m.pane?.count ?? Number.MAX_SAFE_INTEGER,
        page: m.page,
      });
  }
}

export interface AppProps {
  /** The data; while undefined (still loading) the frame shows that it is loading. */
  api: Api | undefined;
  theme: Theme;
  /** Where the data comes from, shown in the status bar. */
  where?: string;
  /** Fixed size (tests); default: the terminal's, following resizes. */
  size?: Partial<Size>;
  initial?: Partial<State>;
}

export function App({ api, theme, where, size: fixed, initial }: AppProps) {
  const cache = useMemo(() => {
    if (!api) return undefined;
    const c = new QueryCache(api);
    const start = (k: QueryName) => {
      const [key, fn] = QUERIES[k];
      return c.fetch(key, fn as (a: Api) => Promise<unknown>);
    };
    // What the Overview shows first (it reads the end of the timeline itself, once the counts
    // are known); then, once it is drawn, the first page of each list. Over small data every
    // tab's data follows, so that switching tabs never waits; over a large store the slow
    // reads (every deal, the sources' claims, the network) wait for their tab (see data.ts).
    const stats = start("stats");
    void stats.settled.then(async () => {
      const s = stats.data as Out["stats"]["summary"] | undefined;
      for (const k of ["deals", "routes"] as const) if (!s || s.counts[k] <= OVERVIEW_LIST_UP_TO) start(k);
      // the rest once the Overview has what it shows: an in-process store answers one query
      // at a time, and these would make the first frame wait
      if (s) await c.fetch(overviewKey(s), (a) => overviewEvents(a, s)).settled;
      // over small data all at once; over a large store a moment after the first frame (a
      // first key, pressed at once, finds nothing running) and one at a time with the event
      // loop free between them (a key pressed meanwhile waits for one query at most)
      const rest: (() => Promise<unknown>)[] = [
        () => start("datasets").settled,
        () => c.firstPage("events", PAGED.events),
        () => c.firstPage("actors", PAGED.actors),
        () => start("routes").settled,
      ];
      if (!s || isSmall(s)) {
        rest.push(() => c.firstPage("dealList", PAGED.dealList));
        for (const k of ["network", "sources"] as const) rest.push(() => start(k).settled);
      }
      const next = () => {
        const job = rest.shift();
        if (job) void job().finally(() => setTimeout(next, 0));
      };
      if (!s || isSmall(s)) setTimeout(() => rest.splice(0).forEach((job) => job()), PRELOAD_AFTER_MS.small);
      else setTimeout(next, PRELOAD_AFTER_MS.large);
    });
    return c;
  }, [api]);
  return (
    <ThemeProvider theme={theme}>
      {cache ? (
        <QueryProvider cache={cache}>
          <Explorer where={where} fixed={fixed} initial={initial} />
        </QueryProvider>
      ) : (
        <Splash fixed={fixed} />
      )}
    </ThemeProvider>
  );
}

/** The frame while the data loads: the same chrome, so nothing jumps when it arrives. */
function Splash({ fixed }: { fixed?: Partial<Size> }) {
  const theme = useTheme();
  const size = useTerminalSize(fixed);
  const { exit } = useApp();
  useInput((input, key) => {
    if (input === "q" || (key.ctrl && input === "c")) exit();
  });
  const width = Math.max(20, size.columns);
  const height = Math.max(6, size.rows - 1);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <TabBar active={0} width={width} />
      <Box height={1}>
        <Text color={theme.accent}>Overview</Text>
      </Box>
      <Box height={height - 3}>
        <Text dimColor>Loading the data…</Text>
      </Box>
      <StatusBar width={width} hint="q quit" />
    </Box>
  );
}

function Explorer({
  where,
  fixed,
  initial,
}: {
  where?: string;
  fixed?: Partial<Size>;
  initial?: Partial<State>;
}) {
  const { exit } = useApp();
  const theme = useTheme();
  const size = useTerminalSize(fixed);
  const [state, dispatch] = useReducer(reducer, { ...initialState, ...initial });
  const registry = useRef<PaneRegistry>({ current: undefined, viewKey: "", ready: () => {} }).current;
  registry.current = undefined;
  registry.viewKey = viewKey(state);
  const latest = useRef(state);
  latest.current = state;
  registry.ready = () => {
    const s = latest.current;
    const pane = registry.current;
    const t = s.tabs[s.tab];
    const seeking = t?.stack[t.stack.length - 1]?.anchor !== undefined;
    const follow = following(s) && pane?.follow === true && cursorOf(s) < pane.count - 1;
    if (pane && (s.pendingOpen || seeking || follow || cursorOf(s) >= pane.count))
      dispatch({ type: "ready", pane });
  };

  const width = Math.max(20, size.columns);
  // one line is left free: a frame as tall as the terminal makes Ink clear the screen on
  // every update (flicker)
  const height = Math.max(6, size.rows - 1);
  const bodyHeight = height - 3;
  const page = Math.max(1, bodyHeight - 1);

  useInput((input, key) => {
    for (const [i, k] of splitKeys(input, key))
      dispatch({ type: "key", input: i, key: k, pane: registry.current, page });
  });
  useEffect(() => {
    if (state.quit) exit();
  }, [state.quit, exit]);

  const tabState = state.tabs[state.tab] ?? { selected: 0, stack: [] };
  const top = tabState.stack[tabState.stack.length - 1];
  const props = { height: bodyHeight, width, focused: !state.help };
  let body: React.ReactNode;
  if (top) {
    body =
      top.view === "network" ? (
        <NetworkPane
          key={`n:${top.id}:${tabState.stack.length}`}
          id={top.id}
          cursor={top.cursor}
          {...props}
        />
      ) : (
        <EntityPane key={`e:${top.id}:${tabState.stack.length}`} id={top.id} cursor={top.cursor} {...props} />
      );
  } else {
    const p = { ...props, cursor: tabState.selected };
    body = [
      <OverviewPane key="o" {...p} />,
      <TimelineList key="t" {...p} end={tabState.end} />,
      <ActorList key="a" {...p} end={tabState.end} />,
      <NetworkList key="n" {...p} />,
      <RouteList key="r" {...p} />,
      <DealList key="d" {...p} end={tabState.end} />,
      <SourceList key="s" {...p} />,
      <SearchPane key="q" {...p} query={state.query} editing={state.editing} />,
    ][state.tab];
  }

  const listCount = useListCount(TABS[state.tab] ?? "", tabState.selected);
  const crumbs = [
    TABS[state.tab],
    ...tabState.stack.map((v) => (v.view === "network" ? `ties of ${v.id}` : v.id)),
  ];
  const hint = state.help
    ? "? or Esc close help   q quit"
    : state.editing
      ? "type to search   ↓/Enter results   Esc leave   Tab next tab"
      : `↑↓ move  Enter open  ${tabState.stack.length ? "Esc back  " : ""}Tab/1-8 tabs  / search  ? help  q quit`;

  return (
    <PaneContext.Provider value={registry}>
      <Box flexDirection="column" width={width} height={height}>
        <TabBar active={state.tab} width={width} />
        <Box height={1} width={width}>
          <Box flexGrow={1} flexShrink={top ? 1 : 0}>
            <Text wrap="truncate-start" color={theme.accent}>
              {terminalSafe(crumbs.join(" › "))}
            </Text>
          </Box>
          {listCount && !top && !state.help ? (
            <Box flexShrink={1} marginLeft={2}>
              <Text dimColor wrap="truncate-end">
                {listCount}
              </Text>
            </Box>
          ) : null}
        </Box>
        <Box height={bodyHeight} width={width} overflow="hidden">
          {state.help ? <HelpOverlay width={width} height={bodyHeight} /> : body}
        </Box>
        <StatusBar width={width} hint={hint} position={where && width >= 100 ? where : undefined} />
      </Box>
    </PaneContext.Provider>
  );
}
