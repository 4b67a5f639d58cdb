"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { hrefFor, type KindName } from "@/lib/links";
import { useTRPC } from "@/trpc/react";

const GROUP_LABEL: Record<string, string> = {
  actor: "Actors",
  place: "Places",
  event: "Events",
  route: "Routes",
  deal: "Deals",
  source: "Sources",
};
const ORDER = ["actor", "place", "event", "route", "deal", "source"];

/**
 * The global search box. A plain GET form to /search (works without JavaScript); with
 * JavaScript, "/" or Ctrl/⌘+K focuses it from anywhere and suggestions (the API's search,
 * grouped by kind) appear as you type: arrows move, Enter opens, Escape closes.
 */
export function SearchBox() {
  const input = useRef<HTMLInputElement>(null);
  const router = useRouter();
  const trpc = useTRPC();
  const listId = useId();
  const [text, setText] = useState("");
  const [q, setQ] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const target = e.target as HTMLElement | null;
      const typing =
        target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.isContentEditable);
      if ((e.key === "k" && (e.metaKey || e.ctrlKey)) || (e.key === "/" && !typing)) {
        e.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  // wait for a pause in typing before asking
  useEffect(() => {
    const t = setTimeout(() => setQ(text.trim().slice(0, 200)), 150);
    return () => clearTimeout(t);
  }, [text]);

  const hits = useQuery({
    ...trpc.search.query.queryOptions({ q, limit: 12 }),
    enabled: q.length >= 2,
    placeholderData: keepPreviousData,
  });
  const items = q.length >= 2 && hits.data ? hits.data.hits : [];
  const ordered = ORDER.flatMap((k) => items.filter((h) => h.kind === k));
  const showList = open && ordered.length > 0;

  function go(href: string) {
    setOpen(false);
    setActive(-1);
    router.push(href);
  }

  return (
    <search className="search-wrap">
      <form
        className="search-form"
        action="/search"
        method="get"
        onSubmit={(e) => {
          e.preventDefault();
          const chosen = ordered[active];
          if (showList && chosen) return go(hrefFor(chosen.kind as KindName, chosen.id));
          const value = input.current?.value.trim() ?? "";
          go(value ? `/search?q=${encodeURIComponent(value)}` : "/search");
        }}
      >
        <label htmlFor="global-search" className="visually-hidden">
          Search actors, places, events, routes, deals and sources
        </label>
        <input
          ref={input}
          id="global-search"
          type="search"
          name="q"
          placeholder="Search  ( / )"
          autoComplete="off"
          aria-keyshortcuts="/ Control+K"
          role="combobox"
          aria-expanded={showList}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={showList && active >= 0 ? `${listId}-${active}` : undefined}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={(e) => {
            if (e.key === "Escape") {
              setOpen(false);
              setActive(-1);
            } else if (e.key === "ArrowDown" && ordered.length > 0) {
              e.preventDefault();
              setOpen(true);
              setActive((a) => (a + 1) % ordered.length);
            } else if (e.key === "ArrowUp" && ordered.length > 0) {
              e.preventDefault();
              setActive((a) => (a <= 0 ? ordered.length - 1 : a - 1));
            }
          }}
        />
        <button type="submit">Search</button>
      </form>
      <div id={listId} role="listbox" aria-label="Suggestions" className="suggestions" hidden={!showList}>
        {ORDER.map((kind) => {
          const group = ordered.filter((h) => h.kind === kind);
          if (group.length === 0) return null;
          return (
            // biome-ignore lint/a11y/useSemanticElements: an ARIA listbox groups its options with role=group
            <div key={kind} role="group" aria-label={GROUP_LABEL[kind]}>
              <div className="suggestion-group" aria-hidden="true">
                {GROUP_LABEL[kind]}
              </div>
              {group.map((h) => {
                const i = ordered.indexOf(h);
                return (
                  <div
                    key={`${h.kind}-${h.id}`}
                    id={`${listId}-${i}`}
                    role="option"
                    aria-selected={i === active}
                    tabIndex={-1}
                    className={i === active ? "suggestion active" : "suggestion"}
                    onMouseDown={(e) => {
                      e.preventDefault();
                      go(hrefFor(h.kind as KindName, h.id));
                    }}
                    onMouseEnter={() => setActive(i)}
                  >
                    {h.label}
                    {h.matched && h.matched !== h.label && h.matched.length < 60 ? (
                      <span className="muted small"> · {h.matched}</span>
                    ) : null}
                  </div>
                );
              })}
            </div>
          );
        })}
      </div>
    </search>
  );
}
