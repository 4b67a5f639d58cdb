import { useStdout } from "ink";
import { useEffect, useState } from "react";

export interface Size {
  columns: number;
  rows: number;
}

/**
 * The terminal's size, updated on resize. Falls back to 80×24 when the stream does not know
 * (tests, pipes).
 */
export function useTerminalSize(override?: Partial<Size>): Size {
  const { stdout } = useStdout();
  const read = (): Size => ({
    columns: override?.columns ?? (stdout.columns || 80),
    rows: override?.rows ?? (stdout.rows || 24),
  });
  const [size, setSize] = useState<Size>(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on("resize", onResize);
    return () => {
      stdout.off("resize", onResize);
    };
  }, [stdout, override?.columns, override?.rows]);
  return override?.columns !== undefined || override?.rows !== undefined ? read() : size;
}
