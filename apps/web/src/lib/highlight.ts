/**
 * Splits a paragraph into plain and highlighted pieces for the cited spans ([start, end)
 * JavaScript string offsets). Overlapping spans merge; spans outside the text are clipped.
 * The pieces are rendered as text, never as HTML.
 */
export interface Piece {
  text: string;
  marked: boolean;
}

export function highlight(text: string, spans: readonly (readonly [number, number])[]): Piece[] {
  const clipped = spans
    .map(([a, b]) => [Math.max(0, Math.min(a, text.length)), Math.max(0, Math.min(b, text.length))] as const)
    .filter(([a, b]) => a < b)
    .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const merged: [number, number][] = [];
  for (const [a, b] of clipped) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  const out: Piece[] = [];
  let at = 0;
  for (const [a, b] of merged) {
    if (a > at) out.push({ text: text.slice(at, a), marked: false });
    out.push({ text: text.slice(a, b), marked: true });
    at = b;
  }
  if (at < text.length) out.push({ text: text.slice(at), marked: false });
  return out;
}
