/**
 * A list that shows a window of `height` rows and scrolls so the selected row stays visible.
 * One row per item, cut to the width; a one-column scrollbar shows where the window is.
 */
import { Box, Text } from "ink";
import { type ReactNode, useRef } from "react";
import { useTheme } from "./theme.tsx";

/**
 * First visible index: the previous window when the selection is still inside it (so the view
 * does not jump); one row further when the selection steps just past an edge; and, when it
 * jumps further (a page, a link to a paragraph), a window with the selection in its top third.
 */
export function windowStart(prev: number, selected: number, height: number, total: number): number {
  if (height <= 0 || total <= height) return 0;
  let start = Math.min(Math.max(0, prev), total - height);
  const third = Math.floor(height / 3);
  if (selected === start - 1) start = selected;
  else if (selected === start + height) start = selected - height + 1;
  else if (selected < start || selected >= start + height) start = selected - third;
  return Math.max(0, Math.min(start, total - height));
}

export interface ScrollListProps<T> {
  items: readonly T[];
  selected: number;
  height: number;
  width: number;
  /** One row's content; plain strings or <Text> pieces, cut to fit. */
  render: (item: T, index: number, selected: boolean) => ReactNode;
  /** Shown when there are no items. */
  empty?: string;
  /** Whether the list has the keyboard (the selection is drawn only then). */
  focused?: boolean;
}

export function ScrollList<T>({
  items,
  selected,
  height,
  width,
  render,
  empty,
  focused = true,
}: ScrollListProps<T>) {
  const theme = useTheme();
  const startRef = useRef(0);
  const start = windowStart(startRef.current, selected, height, items.length);
  startRef.current = start;
  if (items.length === 0) {
    return (
      <Box height={height} width={width}>
        <Text dimColor>{empty ?? "Nothing here."}</Text>
      </Box>
    );
  }
  const visible = items.slice(start, start + height);
  const scrollable = items.length > height;
  const rowWidth = scrollable ? width - 1 : width;
  // scrollbar thumb: proportional size and position
  const thumb = Math.max(1, Math.round((height * height) / Math.max(1, items.length)));
  const thumbAt = scrollable ? Math.round(((height - thumb) * start) / (items.length - height)) : 0;
  return (
    <Box flexDirection="row" height={height} width={width}>
      <Box flexDirection="column" width={rowWidth}>
        {visible.map((item, i) => {
          const index = start + i;
          const isSel = index === selected && focused;
          return (
            <Box key={index} width={rowWidth} height={1}>
              <Text wrap="truncate-end" inverse={isSel}>
                {render(item, index, isSel)}
              </Text>
            </Box>
          );
        })}
      </Box>
      {scrollable ? (
        <Box flexDirection="column" width={1}>
          {Array.from({ length: height }, (_, i) => (
            <Text key={i} color={theme.accent} dimColor={!(i >= thumbAt && i < thumbAt + thumb)}>
              {i >= thumbAt && i < thumbAt + thumb ? "┃" : "│"}
            </Text>
          ))}
        </Box>
      ) : null}
    </Box>
  );
}
