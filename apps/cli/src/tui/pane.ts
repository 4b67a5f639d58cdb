/**
 * The pane that has the keyboard tells the app how many rows it has and what Enter opens, so
 * that one key handler (in app.tsx) can move and open in any tab.
 *
 * Registrations carry the key of the view they belong to: a key press that arrives before the
 * screen caught up with the previous one (a paste, fast typing) is never applied to the rows
 * of the screen that was there before.
 */
import { createContext, useContext, useEffect } from "react";

export interface Target {
  /** "entity" opens a profile; "network" walks the relation graph from an actor. */
  view: "entity" | "network";
  id: string;
  /** Land on the line with this anchor (a citation opens its source at the paragraph). */
  anchor?: string;
}

export interface PaneInfo {
  /** The view this pane shows (see viewKey in app.tsx). */
  key: string;
  count: number;
  /** What Enter opens at row `index`, if anything. */
  open(index: number): Target | undefined;
  /** The row of an anchor, when the pane has it. */
  find?(anchor: string): number | undefined;
  /**
   * A list still being read page by page that End takes to its very end: the selection
   * follows to the last row as pages arrive (see `end` in app.tsx).
   */
  follow?: boolean;
}

export interface PaneRegistry {
  current: PaneInfo | undefined;
  /** The key of the view on screen now. */
  viewKey: string;
  /** Called after a focused pane registered (so a pending Enter can be applied). */
  ready(): void;
}

export const PaneContext = createContext<PaneRegistry>({ current: undefined, viewKey: "", ready: () => {} });

/** Called during render by the focused pane. */
export function useRegisterPane(info: Omit<PaneInfo, "key">, focused: boolean): void {
  const reg = useContext(PaneContext);
  if (focused) reg.current = { ...info, key: reg.viewKey };
  useEffect(() => {
    if (focused) reg.ready();
  });
}
