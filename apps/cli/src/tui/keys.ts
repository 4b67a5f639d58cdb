/**
 * The keymap, in one place: the help overlay lists exactly these bindings.
 */
import type { Key } from "ink";

export type Action =
  | "up"
  | "down"
  | "pageUp"
  | "pageDown"
  | "top"
  | "bottom"
  | "open"
  | "back"
  | "nextTab"
  | "prevTab"
  | "search"
  | "help"
  | "quit";

/** Every binding, as shown in the help overlay. */
export const KEY_HELP: readonly [keys: string, what: string][] = [
  ["↑ ↓  k j", "move the selection"],
  ["PgUp PgDn  Ctrl-u Ctrl-d", "move a page"],
  ["Home End  g G", "first / last item (a long list: the last loaded, reading on)"],
  ["Enter  → l", "open the selected item or link"],
  ["Esc  Backspace  ← h", "go back"],
  ["Tab  Shift-Tab", "next / previous tab"],
  ["1 … 8", "go to a tab"],
  ["/", "search from anywhere (results update as you type)"],
  ["?", "show or hide this help"],
  ["q  Ctrl-c", "quit"],
];

/** The action for a key press outside a text field, if any. */
export function actionFor(input: string, key: Key): Action | undefined {
  if (key.upArrow || input === "k") return "up";
  if (key.downArrow || input === "j") return "down";
  if (key.pageUp || (key.ctrl && input === "u")) return "pageUp";
  if (key.pageDown || (key.ctrl && input === "d") || input === " ") return "pageDown";
  if (key.home || input === "g") return "top";
  if (key.end || input === "G") return "bottom";
  if (key.return || key.rightArrow || input === "l") return "open";
  if (key.escape || key.backspace || key.delete || key.leftArrow || input === "h") return "back";
  if (key.tab && key.shift) return "prevTab";
  if (key.tab) return "nextTab";
  if (input === "/") return "search";
  if (input === "?") return "help";
  if (input === "q" || (key.ctrl && input === "c")) return "quit";
  return undefined;
}

/** New selection index after a movement action. */
export function move(action: Action, selected: number, total: number, page: number): number {
  if (total <= 0) return 0;
  const last = total - 1;
  switch (action) {
    case "up":
      return Math.max(0, selected - 1);
    case "down":
      return Math.min(last, selected + 1);
    case "pageUp":
      return Math.max(0, selected - Math.max(1, page));
    case "pageDown":
      return Math.min(last, selected + Math.max(1, page));
    case "top":
      return 0;
    case "bottom":
      return last;
    default:
      return Math.min(selected, last);
  }
}

const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

/**
 * Ink hands over several plain characters that arrive together (typed fast, pasted, sent by
 * tmux) as one input. Split them back into key presses, so "jjj\r" moves three rows and opens.
 */
export function splitKeys(input: string, key: Key): [string, Key][] {
  const chars = [...input];
  const special =
    key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.escape || key.meta || key.ctrl;
  if (chars.length <= 1 || special) return [[input, key]];
  return chars.map((ch): [string, Key] => {
    if (ch === "\r" || ch === "\n") return ["", { ...NO_KEY, return: true }];
    if (ch === "\t") return ["", { ...NO_KEY, tab: true }];
    if (ch === "\u007F") return ["", { ...NO_KEY, delete: true }];
    if (ch === "\b") return ["", { ...NO_KEY, backspace: true }];
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 1 && code <= 26) return [String.fromCharCode(code + 96), { ...NO_KEY, ctrl: true }];
    return [ch, { ...NO_KEY, shift: ch !== ch.toLowerCase() }];
  });
}
