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
  const { connect } = await import("./api.ts");
  // A remote server or a database is opened first, so that one that cannot be reached (or a
  // missing database file) is reported on the normal screen; opening either is quick. Local
  // YAML data is loaded after the first frame is drawn: the frame comes sooner.
  const remote = global.api || global.db ? await connect(global) : undefined;
  const [{ render }, { App }, { themeFor }] = await Promise.all([
    import("ink"),
    import("./app.tsx"),
    import("./tui/theme.tsx"),
  ]);
  const theme = themeFor(process.env);
  process.stdout.write(ENTER_ALT);
  const restore = () => process.stdout.write(LEAVE_ALT);
  process.once("exit", restore);
  try {
    const instance = render(<App api={remote?.api} where={remote?.where} theme={theme} />, {
      exitOnCtrlC: true,
      patchConsole: true,
      maxFps: 60,
    });
    let quit = false;
    const exited = instance.waitUntilExit().then(() => {
      quit = true;
    });
    if (!remote) {
      // let the first frame reach the terminal before the CPU-bound load
      await new Promise((r) => setImmediate(r));
      try {
        const local = await connect(global);
        if (!quit) instance.rerender(<App api={local.api} where={local.where} theme={theme} />);
      } catch (err) {
        instance.unmount();
        throw err;
      }
    }
    await exited;
  } finally {
    process.off("exit", restore);
    restore();
  }
  return EXIT.ok;
}
