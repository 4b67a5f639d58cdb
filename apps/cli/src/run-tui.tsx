/**
 * Start the full-screen explorer: check for a terminal, connect to the data, switch to the
 * terminal's alternate screen, render, and restore the screen on exit.
 */
import type { GlobalOptions } from "./context.ts";
import { EXIT, type Io, UsageError } from "./output.ts";

const ENTER_ALT = "\u001B[?1049h\u001B[H";
const LEAVE_ALT = "\u001B[?1049l";

export async function runTui(global: GlobalOptions, _io: Io): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new UsageError(
      "the explorer needs an interactive terminal; for scripts use a command such as `dealmap events --json`",
    );
  }
  // connect first: an unreachable --api server or invalid data is reported on the normal
  // screen, with exit 1, before anything is drawn
  const { connect } = await import("./api.ts");
  const [{ api, where }, { render }, { App }, { themeFor }] = await Promise.all([
    connect(global),
    import("ink"),
    import("./app.tsx"),
    import("./tui/theme.tsx"),
  ]);
  process.stdout.write(ENTER_ALT);
  const restore = () => process.stdout.write(LEAVE_ALT);
  process.once("exit", restore);
  try {
    const instance = render(<App api={api} where={where} theme={themeFor(process.env)} />, {
      exitOnCtrlC: true,
      patchConsole: true,
      incrementalRendering: false,
      maxFps: 60,
    });
    await instance.waitUntilExit();
  } finally {
    process.off("exit", restore);
    restore();
  }
  return EXIT.ok;
}
