import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CiteThis } from "@/components/cite-this";
import { DateText } from "@/components/date-text";
import { LoadProblem } from "@/components/load-problem";
import { SourceParagraph } from "@/components/source-paragraph";
import { fieldPathInWords } from "@/lib/field-path";
import { humanize } from "@/lib/labels";
import { hrefFor, type KindName } from "@/lib/links";
import { layoutPassages, passageId } from "@/lib/passages";
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
 * (DEALMAP_SOURCES) and its SHA-256 matches, each paragraph is shown with each claim's passage
 * marked on its own (numbered, linked to its claim and back) and "Cite this" on selections.
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
  // claims are numbered down the page: markers in the text and the lists share the numbers
  let next = 0;
  const numbered = d.paragraphs.map((p) => ({ ...p, claims: p.claims.map((c) => ({ ...c, n: ++next })) }));
  const names = new Map(
    numbered.flatMap((p) =>
      p.claims.map(
        (c) => [c.n, `${c.kind} ${c.label}${c.field ? ` · ${fieldPathInWords(c.field)}` : ""}`] as const,
      ),
    ),
  );
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
      {d.text === "loaded" ? (
        <p className="small muted">
          Each claim's words are underlined on their own, numbered like the claim below them; overlapping
          passages stack their underlines. Select words in the text to get a citation to copy.
        </p>
      ) : null}
      {d.text === "loaded" ? <CiteThis source={s.id} /> : null}
      {numbered.map((p) => {
        const layout =
          p.text !== null && p.paragraph !== null
            ? layoutPassages(
                p.text,
                p.paragraph,
                p.claims.flatMap((c) => (c.citation.span ? [{ claim: c.n, span: c.citation.span }] : [])),
              )
            : null;
        return (
          <section
            key={p.paragraph ?? "whole"}
            id={p.paragraph ? `p${p.paragraph}` : "whole"}
            className="paragraph"
            aria-label={p.paragraph ? `Paragraph ${p.paragraph}` : "The source as a whole"}
          >
            <div className="pno">{p.paragraph ? `¶${p.paragraph}` : "—"}</div>
            <div>
              {layout && p.paragraph !== null ? (
                <SourceParagraph paragraph={p.paragraph} segments={layout.segments} names={names} />
              ) : null}
              <ol className="list small claims">
                {p.claims.map((c) => {
                  const target =
                    layout && p.paragraph !== null && c.citation.span
                      ? layout.passages.find(
                          (x) =>
                            x.id === passageId(p.paragraph as number, c.citation.span as [number, number]),
                        )
                      : undefined;
                  return (
                    <li key={c.n} id={`claim-${c.n}`} className="claim">
                      {target ? (
                        <a
                          className={`claim-no lane-${target.lane % 4}`}
                          href={`#${target.id}`}
                          aria-label={`${c.n}: go to its passage in the text`}
                        >
                          {c.n}
                        </a>
                      ) : (
                        <span className="claim-no">{c.n}</span>
                      )}{" "}
                      <span className="tag">{c.kind}</span>{" "}
                      {KINDS.has(c.kind) ? (
                        <a href={hrefFor(c.kind as KindName, c.id)}>{c.label}</a>
                      ) : (
                        c.label
                      )}
                      {c.field ? <span className="muted"> · {fieldPathInWords(c.field)}</span> : null}
                      {c.citation.span ? (
                        <span className="muted">
                          {" "}
                          · characters {c.citation.span[0]}–{c.citation.span[1]}
                        </span>
                      ) : null}
                      {c.citation.note ? <span className="muted"> — {c.citation.note}</span> : null}
                      {c.citation.quote && !c.passage ? (
                        <span className="muted"> — “{c.citation.quote}”</span>
                      ) : null}
                    </li>
                  );
                })}
              </ol>
            </div>
          </section>
        );
      })}
    </>
  );
}
