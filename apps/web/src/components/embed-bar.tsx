"use client";
/**
 * The one piece of chrome an embedded page (`?embed=1`) keeps: a small "Open in Dealmap" link to
 * the same view in a new tab, without the flag. The view may have changed in the browser since
 * the page was served (the map's date, the timeline's window live in the URL), so the link is
 * brought up to date from the address bar as the pointer or the focus reaches it.
 */
export function EmbedBar({ href }: { href: string }) {
  const refresh = (a: HTMLAnchorElement) => {
    const url = new URL(window.location.href);
    url.searchParams.delete("embed");
    a.href = `${url.pathname}${url.search}${url.hash}`;
  };
  return (
    <header className="embed-bar">
      <a
        className="embed-link"
        href={href}
        target="_blank"
        rel="noopener"
        onMouseEnter={(e) => refresh(e.currentTarget)}
        onFocus={(e) => refresh(e.currentTarget)}
        onClick={(e) => refresh(e.currentTarget)}
        data-testid="open-in-dealmap"
      >
        Open in Deal<span className="accent">map</span> <span aria-hidden="true">↗</span>
        <span className="visually-hidden"> (opens in a new tab)</span>
      </a>
    </header>
  );
}
