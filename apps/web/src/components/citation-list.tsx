import type { Citation } from "@dealmap/domain";
import { hrefForCitation } from "@/lib/links";
import { passageId } from "@/lib/passages";
import { DatasetMark } from "./dataset-mark";

/** The key of a cited passage: `<source>#p<paragraph>-<start>-<end>`. */
export function passageKey(source: string, paragraph: number, span: readonly [number, number]): string {
  return `${source}#${passageId(paragraph, span)}`;
}

/**
 * Citations as a list (usable on the server and in the browser): source title, paragraph and
 * span (linked to that passage on the source page), the cited words when known (the citation's
 * quote, or the passage from the verified text in `passages`), optional deeper URL, our note,
 * and the dataset that added it when that is not the entity's own (`addedBy`).
 */
export function CitationList({
  citations,
  titles,
  collapsed = false,
  label = "Sources",
  passages,
  addedBy,
}: {
  citations: readonly Citation[];
  titles: Readonly<Record<string, string>>;
  collapsed?: boolean;
  label?: string;
  /** Cited words by {@link passageKey}, from the sources whose text is loaded. */
  passages?: Readonly<Record<string, string>>;
  /** For each citation, the dataset that added it, when another than the entity's own did. */
  addedBy?: readonly (string | undefined)[];
}) {
  if (citations.length === 0) return null;
  // the passage on the source page exists (as an anchor) only when its text is loaded
  const known = (c: Citation) =>
    c.paragraph && c.span ? passages?.[passageKey(c.source, c.paragraph, c.span)] : undefined;
  const words = (c: Citation) => known(c) ?? c.quote;
  const list = (
    <ul className="cite-list">
      {citations.map((c, i) => (
        <li
          key={`${c.source}-${c.paragraph ?? ""}-${c.span?.join("-") ?? ""}-${c.url ?? ""}-${c.note ?? ""}`}
        >
          <a href={hrefForCitation(c.source, c.paragraph, known(c) ? c.span : undefined)}>
            {titles[c.source] ?? c.source}
            {c.paragraph ? `, ¶${c.paragraph}` : ""}
            {c.span ? `, characters ${c.span[0]}–${c.span[1]}` : ""}
          </a>
          {words(c) ? (
            <>
              {" "}
              <q className="cite-quote">{words(c)}</q>
            </>
          ) : null}
          {c.url ? (
            <>
              {" "}
              <a href={c.url} rel="noreferrer noopener" className="muted">
                (external link)
              </a>
            </>
          ) : null}
          {c.note ? <span className="muted"> — {c.note}</span> : null}
          {addedBy?.[i] ? (
            <>
              {" "}
              <DatasetMark name={addedBy[i]} />
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
  if (!collapsed)
    return (
      <div className="citations small">
        <strong>{label}</strong>
        {list}
      </div>
    );
  return (
    <details className="citations small">
      <summary>
        {label} ({citations.length})
      </summary>
      {list}
    </details>
  );
}
