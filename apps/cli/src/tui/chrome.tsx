/**
 * The frame around every tab: the tab bar on top, the key hints and position at the bottom,
 * and the help overlay.
 */
import { Box, Text } from "ink";
import { KEY_HELP } from "./keys.ts";
import { useTheme } from "./theme.tsx";

export const TABS = [
  "Overview",
  "Timeline",
  "Actors",
  "Network",
  "Routes",
  "Deals",
  "Sources",
  "Search",
] as const;
export type TabName = (typeof TABS)[number];

/** "1 Overview  2 Timeline …", the active tab in inverse; short names when narrow. */
export function TabBar({ active, width }: { active: number; width: number }) {
  const theme = useTheme();
  const full = TABS.map((t, i) => `${i + 1} ${t}`);
  const fits = (labels: string[], gap: number) =>
    labels.reduce((a, l) => a + l.length + 2, 0) + (labels.length - 1) * gap <= width;
  const title = "Dealmap";
  const withTitle = fits([title, ...full], 1);
  const labels = fits(full, 1) ? full : TABS.map((t, i) => `${i + 1} ${t.slice(0, 4)}`);
  return (
    <Box width={width} height={1}>
      <Text wrap="truncate-end">
        {withTitle ? (
          <Text bold color={theme.accent}>
            {` ${title} `}
          </Text>
        ) : null}
        {labels.map((l, i) => (
          <Text key={l}>
            {i > 0 || withTitle ? " " : ""}
            <Text inverse={i === active} bold={i === active} underline={i !== active && !theme.color}>
              {` ${l} `}
            </Text>
          </Text>
        ))}
      </Text>
    </Box>
  );
}

/** The bottom line: context hints on the left, position on the right. */
export function StatusBar({ hint, position, width }: { hint: string; position?: string; width: number }) {
  const right = position ?? "";
  const leftWidth = Math.max(0, width - right.length - 1);
  return (
    <Box width={width} height={1}>
      <Box width={leftWidth}>
        <Text dimColor wrap="truncate-end">
          {hint}
        </Text>
      </Box>
      {right ? (
        <Box width={right.length + 1} justifyContent="flex-end">
          <Text dimColor>{right}</Text>
        </Box>
      ) : null}
    </Box>
  );
}

/** Every key, drawn over the current tab. */
export function HelpOverlay({ width, height }: { width: number; height: number }) {
  const theme = useTheme();
  const keyWidth = Math.max(...KEY_HELP.map(([k]) => k.length));
  const boxWidth = Math.min(width, keyWidth + 56);
  return (
    <Box width={width} height={height} justifyContent="center">
      <Box
        flexDirection="column"
        borderStyle="round"
        borderColor={theme.accent}
        paddingX={1}
        width={boxWidth}
      >
        <Text bold color={theme.accent}>
          Keys
        </Text>
        {KEY_HELP.map(([k, what]) => (
          <Text key={k} wrap="truncate-end">
            <Text bold>{k.padEnd(keyWidth)}</Text>
            {`  ${what}`}
          </Text>
        ))}
        <Text> </Text>
        <Text dimColor wrap="truncate-end">
          In the search box, type to search; ↓ or Enter moves to the results, Esc leaves.
        </Text>
        <Text dimColor wrap="truncate-end">
          Press ? or Esc to close this help.
        </Text>
      </Box>
    </Box>
  );
}
