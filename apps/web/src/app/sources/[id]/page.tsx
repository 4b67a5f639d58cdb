import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DateText } from "@/components/date-text";
import { LoadProblem } from "@/components/load-problem";
import { fieldPathInWords } from "@/lib/field-path";
import { highlight } from "@/lib/highlight";
import { humanize } from "@/lib/labels";
import { hrefFor, type KindName } from "@/lib/links";
import { call, isMissing, refusedTitle } from "@/trpc/server";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const r = await call((api) => api.sources.get({ id }));
  return { title: r.ok ? r.data.source.title : refusedTitle(r, "Source") };
}

const KINDS = new Set(["source", "actor", "place", "event", "route", "relation", "deal", "assessment"]);

/**
 * A source with every claim that cites it, paragraph by paragraph. When its text is supplied
 * (DEALMAP_SOURCES) and its SHA-256 matches, each paragraph is shown with the cited passages
 * highlighted.
 */
export default async function SourcePage({ params }: Props) {
  const { id } = await params;
  const r = await call((api) => api.sources.get({ id }));
  if (!r.ok) {
    if (isMissing(r)) notFound();
    return <LoadProblem code={r.code} message={r.message} what="this source" heading={1} />;
  }
  const d = r.data;
  const s = d.source;
  return (
    <>
      <p className="breadcrumb">
        <a href="/sources">Sources</a> › {humanize(s.kind)}
      </p>
      <h1>{s.title}</h1>
      <dl className="facts">
        <dt>Publisher</dt>
        <dd>{s.publisher}</dd>
        {s.author ? (
          <>
            <dt>Author</dt>
            <dd>{s.author}</dd>
          </>
        ) : null}
        {s.published ? (
          <>
            <dt>Published</dt>
            <dd>
              <DateText date={s.published} />
            </dd>
          </>
        ) : null}
        {s.url ? (
          <>
            <dt>Address</dt>
            <dd>
              <a href={s.url} rel="noreferrer noopener">
                {s.url}
              </a>
            </dd>
          </>
        ) : null}
        {s.reliability ? (
          <>
            <dt>Reliability</dt>
            <dd>{s.reliability}</dd>
          </>
        ) : null}
        <dt>Claims citing it</dt>
        <dd>{d.claimsTotal}</dd>
      </dl>
      {s.note ? <p>{s.note}</p> : null}
      {d.text === "loaded" ? (
        <p className="notice" data-testid="text-verified">
          The text of this source was supplied and its SHA-256 matches: cited passages are highlighted below.
        </p>
      ) : d.text === "hash-mismatch" ? (
        <p className="notice error">
          A text for this source was supplied but its SHA-256 does not match the one recorded, so it is not
          shown.
        </p>
      ) : s.textSha256 ? (
        <p className="small muted">
          Point <code>DEALMAP_SOURCES</code> at a folder holding this source's text to see the cited passages.
        </p>
      ) : null}

      <h2>Claims, paragraph by paragraph</h2>
      {d.paragraphs.map((p) => (
        <section
          key={p.paragraph ?? "whole"}
          id={p.paragraph ? `p${p.paragraph}` : "whole"}
          className="paragraph"
          aria-label={p.paragraph ? `Paragraph ${p.paragraph}` : "The source as a whole"}
        >
          <div className="pno">{p.paragraph ? `¶${p.paragraph}` : "—"}</div>
          <div>
            {p.text ? (
              <p className="source-text">
                {highlight(
                  p.text,
                  p.claims.flatMap((c) => (c.citation.span ? [c.citation.span] : [])),
                ).map((piece, i) =>
                  piece.marked ? (
                    // biome-ignore lint/suspicious/noArrayIndexKey: pieces are positional
                    <mark key={i}>{piece.text}</mark>
                  ) : (
                    // biome-ignore lint/suspicious/noArrayIndexKey: pieces are positional
                    <span key={i}>{piece.text}</span>
                  ),
                )}
              </p>
            ) : null}
            <ul className="list small">
              {p.claims.map((c) => (
                <li key={c.path + c.id}>
                  <span className="tag">{c.kind}</span>{" "}
                  {KINDS.has(c.kind) ? <a href={hrefFor(c.kind as KindName, c.id)}>{c.label}</a> : c.label}
                  {c.field ? <span className="muted"> · {fieldPathInWords(c.field)}</span> : null}
                  {c.citation.note ? <span className="muted"> — {c.citation.note}</span> : null}
                </li>
              ))}
            </ul>
          </div>
        </section>
      ))}
    </>
  );
}
