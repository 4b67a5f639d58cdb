"use client";
import { type QuotePlace, quoteAt } from "@dealmap/domain";
import { skipToken, useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "@/trpc/react";

/**
 * "Cite this": select words in a paragraph of the source's text and get the citation to paste
 * into a data file — quote, paragraph and span, as YAML, with a prefix and suffix when the words
 * occur more than once. The page holds only the cited paragraphs, so the server tells the words
 * apart over the whole text (`sources.cite`, a read-only query that sends back the selector, not
 * the text); when it cannot, the paragraphs shown are used and the panel says so. Nothing is
 * written anywhere. The selection grows to whole words, since quotes anchor at word boundaries.
 */

/** The paragraph's own text up to (node, offset), without markers (`data-nontext`). */
function textBefore(p: Element, node: Node, offset: number): string {
  const r = document.createRange();
  r.setStart(p, 0);
  r.setEnd(node, offset);
  const frag = r.cloneContents();
  for (const el of frag.querySelectorAll("[data-nontext]")) el.remove();
  return frag.textContent ?? "";
}

function ownText(p: Element): string {
  return textBefore(p, p, p.childNodes.length);
}

/** Words selected in one paragraph, and their citation over the paragraphs shown. */
export interface Selected {
  paragraph: number;
  start: number;
  end: number;
  /** Told apart within the paragraphs on the page only (the fallback). */
  shown: QuotePlace;
}

/** What the panel shows: the citation, and over how much text it was told apart. */
export interface Citation {
  paragraph: number;
  span: [number, number];
  quote: string;
  prefix?: string | undefined;
  suffix?: string | undefined;
  occurrences: number;
  unique: boolean;
  /** "whole": the server checked the whole text; "shown": only the paragraphs on the page. */
  over: "whole" | "shown";
}

/**
 * The citation of words [start, end) of paragraph `paragraph`, told apart within the paragraphs
 * given (by number; the others are not on the page). `undefined` when no word is selected.
 */
export function shownCitation(
  shown: ReadonlyMap<number, string>,
  paragraph: number,
  start: number,
  end: number,
): QuotePlace | undefined {
  const last = Math.max(paragraph, ...shown.keys());
  const paragraphs = Array.from({ length: last }, (_, i) => shown.get(i + 1) ?? "");
  return quoteAt(paragraphs, paragraph, start, end);
}

export function citationYaml(source: string, c: Citation): string {
  const q = (s: string) => JSON.stringify(s);
  return [
    `- source: ${source}`,
    `  paragraph: ${c.paragraph}`,
    `  span: [${c.span[0]}, ${c.span[1]}]`,
    `  quote: ${q(c.quote)}`,
    ...(c.prefix ? [`  prefix: ${q(c.prefix)}`] : []),
    ...(c.suffix ? [`  suffix: ${q(c.suffix)}`] : []),
    "",
  ].join("\n");
}

/** The panel's first line: where the words are and, when they repeat, how they are told apart. */
export function citationNote(c: Citation): string {
  const where = `Paragraph ${c.paragraph}, characters ${c.span[0]}–${c.span[1]}`;
  const text = c.over === "whole" ? "the whole text" : "the paragraphs shown";
  if (c.occurrences <= 1)
    return c.over === "whole"
      ? `${where}. These words occur once in the whole text.`
      : `${where}. The whole text could not be checked: these words occur once in the paragraphs shown, and a prefix or suffix may still be needed.`;
  return c.unique
    ? `${where}. These words occur ${c.occurrences} times in ${text}, so a prefix and suffix tell them apart.`
    : `${where}. These words occur ${c.occurrences} times in ${text}, and even the words around them repeat: cite by paragraph and span instead of the quote.`;
}

function fromSelection(): Selected | string | undefined {
  const sel = document.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return undefined;
  const r = sel.getRangeAt(0);
  const el = (n: Node) => (n instanceof Element ? n : n.parentElement);
  const a = el(r.startContainer)?.closest(".source-text[data-paragraph]");
  const b = el(r.endContainer)?.closest(".source-text[data-paragraph]");
  if (!a && !b) return undefined;
  if (a !== b || !a) return "Select words within one paragraph of the text to cite them.";
  const shown = new Map(
    [...document.querySelectorAll(".source-text[data-paragraph]")].map(
      (p) => [Number(p.getAttribute("data-paragraph")), ownText(p)] as const,
    ),
  );
  const paragraph = Number(a.getAttribute("data-paragraph"));
  const start = textBefore(a, r.startContainer, r.startOffset).length;
  const end = textBefore(a, r.endContainer, r.endOffset).length;
  const place = shownCitation(shown, paragraph, start, end);
  return place ? { paragraph, start, end, shown: place } : undefined;
}

/** The citation to show for an open selection: the server's over the whole text, else the page's. */
export function citationOf(
  open: Selected,
  whole: Omit<Citation, "over"> | undefined,
  failed: boolean,
): Citation | undefined {
  if (whole) return { ...whole, over: "whole" };
  if (!failed) return undefined;
  const s = open.shown;
  return {
    paragraph: s.paragraph,
    span: s.span,
    quote: s.exact,
    prefix: s.prefix,
    suffix: s.suffix,
    occurrences: s.occurrences,
    unique: s.unique,
    over: "shown",
  };
}

export function CiteThis({ source }: { source: string }) {
  const trpc = useTRPC();
  const [found, setFound] = useState<Selected | string | undefined>();
  const [open, setOpen] = useState<Selected | undefined>();
  const [copied, setCopied] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  // asked only once the panel opens: a read of the server's copy of the text, nothing written
  const whole = useQuery({
    ...trpc.sources.cite.queryOptions(
      open ? { id: source, paragraph: open.paragraph, start: open.start, end: open.end } : skipToken,
    ),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const citation = open ? citationOf(open, whole.data, whole.isError) : undefined;
  const yaml = citation ? citationYaml(source, citation) : "";

  useEffect(() => {
    const update = () => setFound(fromSelection());
    // "c" opens the panel for a selection made from the keyboard (caret browsing, Shift+arrows)
    const key = (e: KeyboardEvent) => {
      if (e.key !== "c" || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.target instanceof HTMLElement && e.target.closest("input, textarea, select, [contenteditable]"))
        return;
      const got = fromSelection();
      if (typeof got === "object") {
        e.preventDefault();
        setOpen(got);
      }
    };
    document.addEventListener("selectionchange", update);
    document.addEventListener("keydown", key);
    return () => {
      document.removeEventListener("selectionchange", update);
      document.removeEventListener("keydown", key);
    };
  }, []);
  // the YAML is selected for copying as soon as it is there
  useEffect(() => {
    if (yaml) area.current?.select();
  }, [yaml]);

  const close = () => {
    setOpen(undefined);
    setCopied(false);
    button.current?.focus();
  };
  return (
    <div className="cite-this" data-testid="cite-this">
      {typeof found === "object" && !open ? (
        <button
          ref={button}
          type="button"
          className="button primary"
          aria-keyshortcuts="c"
          // keep the selection: a press that cleared it would take the button away before the click
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => setOpen(found)}
        >
          Cite this <kbd>c</kbd>
        </button>
      ) : null}
      {typeof found === "string" && !open ? <p className="small muted">{found}</p> : null}
      {open ? (
        <fieldset
          className="cite-panel card"
          aria-busy={citation ? undefined : true}
          onKeyDown={(e) => {
            if (e.key === "Escape") close();
          }}
        >
          <legend className="visually-hidden">Citation to copy</legend>
          {citation ? (
            <>
              <label htmlFor="cite-yaml" className="small" data-over={citation.over}>
                {citationNote(citation)} Paste it into a list of <code>citations</code>.
              </label>
              <textarea id="cite-yaml" ref={area} readOnly rows={yaml.split("\n").length} value={yaml} />
            </>
          ) : (
            <p className="small muted" role="status">
              Checking the whole text for the same words…
            </p>
          )}
          <div className="row">
            <button
              type="button"
              className="button"
              disabled={!citation}
              onClick={() => {
                void navigator.clipboard?.writeText(yaml).then(
                  () => setCopied(true),
                  () => area.current?.select(),
                );
              }}
            >
              {copied ? "Copied" : "Copy"}
            </button>
            <button type="button" className="button" onClick={close}>
              Close
            </button>
          </div>
        </fieldset>
      ) : null}
    </div>
  );
}
