import type { Citation } from "@dealmap/domain";
import { hrefForCitation } from "@/lib/links";

/**
 * Citations as a list (usable on the server and in the browser): source title, paragraph,
 * optional deeper URL and our note.
 */
export function CitationList({
  citations,
  titles,
  collapsed = false,
  label = "Sources",
}: {
  citations: readonly Citation[];
  titles: Readonly<Record<string, string>>;
  collapsed?: boolean;
  label?: string;
}) {
  if (citations.length === 0) return null;
  const list = (
    <ul className="cite-list">
      {citations.map((c) => (
        <li
          key={`${c.source}-${c.paragraph ?? ""}-${c.span?.join("-") ?? ""}-${c.url ?? ""}-${c.note ?? ""}`}
        >
          <a href={hrefForCitation(c.source, c.paragraph)}>
            {titles[c.source] ?? c.source}
            {c.paragraph ? `, ¶${c.paragraph}` : ""}
          </a>
          {c.url ? (
            <>
              {" "}
              <a href={c.url} rel="noreferrer noopener" className="muted">
                (external link)
              </a>
            </>
          ) : null}
          {c.note ? <span className="muted"> — {c.note}</span> : null}
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
