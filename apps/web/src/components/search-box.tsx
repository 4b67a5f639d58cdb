"use client";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";

/**
 * The global search box. A plain GET form to /search (works without JavaScript); with
 * JavaScript, "/" or Ctrl/⌘+K focuses it from anywhere.
 */
export function SearchBox() {
  const input = useRef<HTMLInputElement>(null);
  const router = useRouter();
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
  return (
    <search>
      <form
        className="search-form"
        action="/search"
        method="get"
        onSubmit={(e) => {
          e.preventDefault();
          const q = input.current?.value.trim() ?? "";
          router.push(q ? `/search?q=${encodeURIComponent(q)}` : "/search");
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
        />
        <button type="submit">Search</button>
      </form>
    </search>
  );
}
