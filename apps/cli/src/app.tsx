import { Box, Text, useApp, useInput } from "ink";
import { useState } from "react";
import { HelpOverlay, StatusBar, TABS, TabBar } from "./tui/chrome.tsx";
import { actionFor } from "./tui/keys.ts";
import { type Theme, ThemeProvider } from "./tui/theme.tsx";
import { useTerminalSize } from "./tui/use-terminal-size.ts";

export function App({ theme }: { theme: Theme }) {
  const { exit } = useApp();
  const size = useTerminalSize();
  const [tab, setTab] = useState(0);
  const [help, setHelp] = useState(false);
  useInput((input, key) => {
    const a = actionFor(input, key);
    if (a === "quit") exit();
    if (a === "help") setHelp((h) => !h);
    if (a === "nextTab") setTab((t) => (t + 1) % TABS.length);
    if (/^[1-8]$/.test(input)) setTab(Number(input) - 1);
  });
  const bodyHeight = size.rows - 3;
  return (
    <ThemeProvider theme={theme}>
      <Box flexDirection="column" width={size.columns} height={size.rows - 1}>
        <TabBar active={tab} width={size.columns} />
        <Box height={bodyHeight}>
          {help ? <HelpOverlay width={size.columns} height={bodyHeight} /> : <Text>{TABS[tab]}</Text>}
        </Box>
        <StatusBar width={size.columns} hint="? help  q quit" />
      </Box>
    </ThemeProvider>
  );
}
