"use client";
import { useEffect, useRef, useState } from "react";

/**
 * "Cite this": select words in a paragraph of the source's text and get the citation to paste
 * into a data file — quote (with prefix and suffix when the words occur more than once in the
 * text shown), paragraph and span, as YAML. Client-side only: nothing is sent anywhere.
 * The selection grows to whole words, since the loader anchors quotes at word boundaries only.
 */

const WORD = /[\p{L}\p{N}]/u;
const isWord = (ch: string | undefined) => ch !== undefined && WORD.test(ch);

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

function occurrences(texts: readonly string[], quote: string): number {
  let n = 0;
  for (const t of texts) {
    for (let i = t.indexOf(quote); i >= 0; i = t.indexOf(quote, i + 1)) {
      const end = i + quote.length;
      if (!(isWord(t[i - 1]) && isWord(t[i])) && !(isWord(t[end - 1]) && isWord(t[end]))) n++;
    }
  }
  return n;
}

/** A few words beside the quote: up to `max` characters, cut at a space. */
function context(s: string, side: "before" | "after", max = 40): string {
  if (side === "before") {
    const tail = s.slice(-max);
    return (s.length > max && tail.includes(" ") ? tail.slice(tail.indexOf(" ") + 1) : tail).trim();
  }
  const head = s.slice(0, max);
  return (s.length > max && head.includes(" ") ? head.slice(0, head.lastIndexOf(" ")) : head).trim();
}

export interface CiteResult {
  paragraph: number;
  span: [number, number];
  quote: string;
  prefix?: string;
  suffix?: string;
  count: number;
}

/** The citation of words [start, end) of a paragraph, given every paragraph shown. */
export function citationFor(
  text: string,
  paragraph: number,
  start: number,
  end: number,
  all: readonly string[],
) {
  while (start < end && /\s/.test(text[start] as string)) start++;
  while (end > start && /\s/.test(text[end - 1] as string)) end--;
  while (start > 0 && isWord(text[start - 1]) && isWord(text[start])) start--;
  while (end < text.length && isWord(text[end - 1]) && isWord(text[end])) end++;
  if (start >= end) return undefined;
  const quote = text.slice(start, end);
  const count = occurrences(all, quote);
  const out: CiteResult = { paragraph, span: [start, end], quote, count };
  if (count > 1) {
    const prefix = context(text.slice(0, start), "before");
    const suffix = context(text.slice(end), "after");
    if (prefix) out.prefix = prefix;
    if (suffix) out.suffix = suffix;
  }
  return out;
}

export function citationYaml(source: string, c: CiteResult): string {
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

function fromSelection(): CiteResult | string | undefined {
  const sel = document.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return undefined;
  const r = sel.getRangeAt(0);
  const el = (n: Node) => (n instanceof Element ? n : n.parentElement);
  const a = el(r.startContainer)?.closest(".source-text[data-paragraph]");
  const b = el(r.endContainer)?.closest(".source-text[data-paragraph]");
  if (!a && !b) return undefined;
  if (a !== b || !a) return "Select words within one paragraph of the text to cite them.";
  const paras = [...document.querySelectorAll(".source-text[data-paragraph]")].map(ownText);
  const text = ownText(a);
  const start = textBefore(a, r.startContainer, r.startOffset).length;
  const end = textBefore(a, r.endContainer, r.endOffset).length;
  return citationFor(text, Number(a.getAttribute("data-paragraph")), start, end, paras);
}

export function CiteThis({ source }: { source: string }) {
  const [found, setFound] = useState<CiteResult | string | undefined>();
  const [open, setOpen] = useState<CiteResult | undefined>();
  const [copied, setCopied] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const area = useRef<HTMLTextAreaElement>(null);

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
  useEffect(() => {
    if (open) area.current?.select();
  }, [open]);

  const close = () => {
    setOpen(undefined);
    setCopied(false);
    button.current?.focus();
  };
  const yaml = open ? citationYaml(source, open) : "";
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
          onKeyDown={(e) => {
            if (e.key === "Escape") close();
          }}
        >
          <legend className="visually-hidden">Citation to copy</legend>
          <label htmlFor="cite-yaml" className="small">
            Paragraph {open.paragraph}, characters {open.span[0]}–{open.span[1]}
            {open.count > 1
              ? ` — these words occur ${open.count} times in the text shown, so a prefix and suffix tell them apart`
              : ""}
            . Paste it into a list of <code>citations</code>.
          </label>
          <textarea id="cite-yaml" ref={area} readOnly rows={yaml.split("\n").length} value={yaml} />
          <div className="row">
            <button
              type="button"
              className="button"
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
