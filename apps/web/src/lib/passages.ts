/**
 * Lays out the cited passages of one paragraph so that each claim's words stay its own: spans
 * ([start, end) JavaScript string offsets) that are equal form one passage (cited by several
 * claims); passages that overlap get different lanes (drawn as stacked underlines of different
 * colours, numbered markers at their starts). The text is cut at every passage boundary into
 * segments, each knowing the passages that cover it, open at its start and close at its end.
 * Pure: the page renders the result as text, never as HTML.
 */
export interface CitedSpan {
  /** The claim's number on the page. */
  claim: number;
  span: readonly [number, number];
}

export interface Passage {
  /** Anchor id, `p<paragraph>-<start>-<end>` (the span as the data gives it). */
  id: string;
  start: number;
  end: number;
  /** Claim numbers citing exactly these words, ascending. */
  claims: number[];
  /** 0 for the first layer; overlapping passages never share a lane. */
  lane: number;
}

export interface Segment {
  text: string;
  start: number;
  end: number;
  /** Passages covering the whole segment, outermost (highest lane) first. */
  covering: Passage[];
  /** Passages starting at this segment's start. */
  opens: Passage[];
  /** Passages ending at this segment's end. */
  closes: Passage[];
}

/** The anchor id of a passage: paragraph and span, so any page can link to it. */
export function passageId(paragraph: number, span: readonly [number, number]): string {
  return `p${paragraph}-${span[0]}-${span[1]}`;
}

export function layoutPassages(
  text: string,
  paragraph: number,
  cited: readonly CitedSpan[],
): { passages: Passage[]; segments: Segment[] } {
  const clip = (n: number) => Math.max(0, Math.min(n, text.length));
  const byId = new Map<string, Passage>();
  for (const c of cited) {
    const start = clip(c.span[0]);
    const end = clip(c.span[1]);
    if (start >= end) continue;
    const id = passageId(paragraph, c.span);
    const p = byId.get(id);
    if (p) {
      if (!p.claims.includes(c.claim)) p.claims.push(c.claim);
    } else byId.set(id, { id, start, end, claims: [c.claim], lane: 0 });
  }
  const passages = [...byId.values()].sort((a, b) => a.start - b.start || b.end - a.end);
  // the lowest lane free of overlap (interval partitioning, in order of start)
  const laneEnds: number[] = [];
  for (const p of passages) {
    p.claims.sort((a, b) => a - b);
    let lane = laneEnds.findIndex((end) => end <= p.start);
    if (lane < 0) lane = laneEnds.length;
    laneEnds[lane] = p.end;
    p.lane = lane;
  }
  const cuts = [...new Set([0, text.length, ...passages.flatMap((p) => [p.start, p.end])])].sort(
    (a, b) => a - b,
  );
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i] as number;
    const end = cuts[i + 1] as number;
    segments.push({
      text: text.slice(start, end),
      start,
      end,
      covering: passages.filter((p) => p.start <= start && p.end >= end).sort((a, b) => b.lane - a.lane),
      opens: passages.filter((p) => p.start === start),
      closes: passages.filter((p) => p.end === end),
    });
  }
  return { passages, segments };
}
