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
  /** A last row that cannot be selected, dimmed (e.g. "Reading 201–400 of 20,000…"). */
  footer?: { text: string; tone?: "error" };
  /**
   * How long the whole list is when `items` are only its first rows: the scrollbar then shows
   * where the window is in the whole list.
   */
  total?: number;
}

export function ScrollList<T>({
  items,
  selected,
  height,
  width,
  render,
  empty,
  focused = true,
  footer,
  total,
}: ScrollListProps<T>) {
  const theme = useTheme();
  const startRef = useRef(0);
  const rows = items.length + (footer ? 1 : 0);
  // the footer comes into view with the last item
  const start = windowStart(
    startRef.current,
    footer && selected === items.length - 1 ? items.length : selected,
    height,
    rows,
  );
  startRef.current = start;
  if (items.length === 0) {
    return (
      <Box height={height} width={width}>
        <Text dimColor>{empty ?? "Nothing here."}</Text>
      </Box>
    );
  }
  const visible = items.slice(start, start + height);
  const whole = Math.max(rows, total ?? 0);
  const scrollable = whole > height;
  const rowWidth = scrollable ? width - 1 : width;
  // scrollbar thumb: proportional size and position
  const thumb = Math.max(1, Math.round((height * height) / Math.max(1, whole)));
  const thumbAt = scrollable ? Math.round(((height - thumb) * start) / (whole - height)) : 0;
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
        {footer && start + visible.length === items.length && visible.length < height ? (
          <Box width={rowWidth} height={1}>
            <Text
              wrap="truncate-end"
              dimColor={footer.tone !== "error"}
              color={footer.tone === "error" ? theme.warn : undefined}
            >
              {footer.text}
            </Text>
          </Box>
        ) : null}
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
