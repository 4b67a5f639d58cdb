/**
 * Text from data files, file names and arguments, made safe for a terminal: every control
 * character that could move the cursor, clear the screen, retitle the window or start an escape
 * sequence is shown as visible characters instead, the way `less` shows them:
 *
 * - C0 controls as caret notation: ESC → `^[`, BEL → `^G`, CR → `^M`, NUL → `^@`;
 * - DEL as `^?`;
 * - C1 controls (U+0080–U+009F; U+009B starts a sequence in some terminals) as `<U+009B>`.
 *
 * Newline and tab are kept: they are how text is laid out, and cannot start a sequence. Every
 * text output point uses this function: the commands' stdout and stderr (see cli.tsx), table
 * cells and profiles (text.ts, views/doc.ts), and the explorer's rows. `--json` output needs
 * none of it: JSON escapes these characters itself (see `json` in output.ts).
 */

// Hand-written: one regular expression and the notation `less` uses; no package does this.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

function visible(c: string): string {
  const n = c.charCodeAt(0);
  if (n < 0x20) return `^${String.fromCharCode(n + 0x40)}`;
  if (n === 0x7f) return "^?";
  return `<U+${n.toString(16).toUpperCase().padStart(4, "0")}>`;
}

/** `text` with its control characters (but newline and tab) shown as visible characters. */
export function terminalSafe(text: string): string {
  return text.replace(CONTROL, visible);
}
