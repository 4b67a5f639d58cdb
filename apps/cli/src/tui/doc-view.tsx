/**
 * Drawing a Doc (see views/doc.ts) in Ink: styled segments, link lines, a cursor that scrolls.
 */
import { Box, Text } from "ink";
import { terminalSafe } from "../safe-text.ts";
import type { Doc, DocLine, Seg } from "../views/doc.ts";
import { useRegisterPane } from "./pane.ts";
import { ScrollList } from "./scroll-list.tsx";
import { statusColour, type Theme, useTheme } from "./theme.tsx";

export function SegText({ seg, theme }: { seg: Seg; theme: Theme }) {
  switch (seg.tone) {
    case "heading":
      return (
        <Text bold color={theme.accent} underline={!theme.color}>
          {seg.text}
        </Text>
      );
    case "label":
      return <Text bold>{seg.text}</Text>;
    case "link":
      return <Text color={theme.link}>{seg.text}</Text>;
    case "date":
      return <Text color={theme.date}>{seg.text}</Text>;
    case "dim":
      return <Text dimColor>{seg.text}</Text>;
    case "analysis":
      return (
        <Text color={theme.analysis} italic>
          {seg.text}
        </Text>
      );
    case "warn":
      return <Text color={theme.warn}>{seg.text}</Text>;
    case "cited":
      // a source's cited words: underlined, so they stand apart without colour too
      return <Text underline>{seg.text}</Text>;
    case "status":
      return (
        <Text color={statusColour(theme, seg.status)} bold={!theme.color}>
          {seg.text}
        </Text>
      );
    default:
      return <Text>{seg.text}</Text>;
  }
}

export function LineText({ line }: { line: DocLine }) {
  const theme = useTheme();
  return (
    <>
      {line.segs.map((s, i) => (
        // segments never reorder: the index is their identity
        <SegText key={i} seg={s} theme={theme} />
      ))}
    </>
  );
}

export interface DocPaneProps {
  doc: Doc;
  cursor: number;
  height: number;
  width: number;
  focused: boolean;
}

/** A document with a line cursor; Enter on a link line opens that entity. */
export function DocPane({ doc, cursor, height, width, focused }: DocPaneProps) {
  useRegisterPane(
    {
      count: doc.lines.length,
      open: (i) => {
        const line = doc.lines[i];
        if (!line?.link) return undefined;
        return line.linkAnchor
          ? { view: "entity", id: line.link, anchor: line.linkAnchor }
          : { view: "entity", id: line.link };
      },
      find: (anchor) => {
        const i = doc.lines.findIndex((l) => l.anchor === anchor);
        return i >= 0 ? i : undefined;
      },
    },
    focused,
  );
  return (
    <ScrollList
      items={doc.lines}
      selected={Math.min(cursor, Math.max(0, doc.lines.length - 1))}
      height={height}
      width={width}
      focused={focused}
      render={(line) => (line.segs.length ? <LineText line={line} /> : " ")}
    />
  );
}

/** A one-line message in place of a pane (loading, error). */
export function Message({ text, tone, height }: { text: string; tone?: "error"; height: number }) {
  const theme = useTheme();
  return (
    <Box height={height}>
      <Text color={tone === "error" ? theme.bad : undefined} dimColor={tone !== "error"} wrap="wrap">
        {terminalSafe(text)}
      </Text>
    </Box>
  );
}
