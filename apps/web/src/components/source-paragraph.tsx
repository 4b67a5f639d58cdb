import type { ReactNode } from "react";
import type { Passage, Segment } from "@/lib/passages";

/** What a passage marker says about one claim: "event First round of talks · summary". */
export interface ClaimName {
  n: number;
  text: string;
}

const LANES = 4;
const laneClass = (lane: number) => `lane-${lane % LANES}`;

/**
 * One paragraph of a source's text with each claim's passage marked on its own: a numbered
 * marker (`#p<paragraph>-<start>-<end>`) at the passage's start links to each claim citing it,
 * nested marks draw one underline per passage (overlaps stack, each in its lane's colour), and a
 * hidden note closes each passage for screen readers. Markers and notes carry `data-nontext` so
 * "Cite this" counts offsets in the paragraph's own text only.
 */
export function SourceParagraph({
  paragraph,
  segments,
  names,
}: {
  paragraph: number;
  segments: readonly Segment[];
  names: ReadonlyMap<number, string>;
}) {
  const who = (p: Passage) => p.claims.map((n) => `claim ${n} (${names.get(n) ?? ""})`).join(" and ");
  return (
    <p className="source-text" data-paragraph={paragraph}>
      {segments.map((s) => (
        <span key={s.start}>
          {s.opens.map((p) => (
            <sup key={p.id} id={p.id} className={`pin ${laneClass(p.lane)}`} data-nontext="">
              {p.claims.map((n) => (
                <a
                  key={n}
                  href={`#claim-${n}`}
                  aria-label={`${n}: passage cited by ${names.get(n) ?? `claim ${n}`}`}
                >
                  {n}
                </a>
              ))}
            </sup>
          ))}
          {s.covering.reduceRight<ReactNode>(
            (inner, p) => (
              <mark
                className={`pas ${laneClass(p.lane)}`}
                data-claims={p.claims.join(" ")}
                title={`Cited by ${who(p)}`}
              >
                {inner}
              </mark>
            ),
            s.text,
          )}
          {s.closes.map((p) => (
            <span key={p.id} className="visually-hidden" data-nontext="">
              {` (end of the passage of ${p.claims.map((n) => `claim ${n}`).join(" and ")}) `}
            </span>
          ))}
        </span>
      ))}
    </p>
  );
}
