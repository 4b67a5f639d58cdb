/**
 * The frame around every tab: the tab bar on top, the key hints and position at the bottom,
 * and the help overlay.
 */
import { Box, Text } from "ink";
import { terminalSafe } from "../safe-text.ts";
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

type TabStyle = { title: boolean; pad: "all" | "active"; short: boolean };

/** The roomiest tab bar style that fits `width` (see TabBar). */
export function tabStyle(width: number): TabStyle {
  const names = TABS.map((t, i) => `${i + 1} ${t}`);
  const sum = names.reduce((a, n) => a + n.length, 0);
  const gaps = TABS.length - 1;
  const padAll = sum + 2 * TABS.length + gaps;
  if (padAll + " Dealmap ".length + 1 <= width) return { title: true, pad: "all", short: false };
  if (padAll <= width) return { title: false, pad: "all", short: false };
  if (sum + 2 + gaps <= width) return { title: false, pad: "active", short: false };
  return { title: false, pad: "active", short: true };
}

/** "1 Overview 2 Timeline …" with the active tab in inverse video; shorter when narrow. */
export function TabBar({ active, width }: { active: number; width: number }) {
  const theme = useTheme();
  const style = tabStyle(width);
  return (
    <Box width={width} height={1}>
      <Text wrap="truncate-end">
        {style.title ? (
          <Text bold color={theme.accent}>
            {" Dealmap "}
          </Text>
        ) : null}
        {TABS.map((t, i) => {
          const name = `${i + 1} ${style.short ? t.slice(0, 3) : t}`;
          const on = i === active;
          const padded = style.pad === "all" || on ? ` ${name} ` : name;
          return (
            <Text key={t}>
              {i > 0 || style.title ? " " : ""}
              <Text inverse={on} bold={on}>
                {padded}
              </Text>
            </Text>
          );
        })}
      </Text>
    </Box>
  );
}

/** The bottom line: context hints on the left, position on the right. */
export function StatusBar({ hint, position, width }: { hint: string; position?: string; width: number }) {
  // the position names the user's data directories: file names may hold control characters
  const right = terminalSafe(position ?? "");
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
    <Box width={width} height={height} justifyContent="center" alignItems="flex-start">
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
