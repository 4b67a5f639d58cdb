"use client";
import { useRouter } from "next/navigation";
import type { ReactNode } from "react";

/**
 * A GET form whose fields live in the URL. Without JavaScript it submits normally; with it,
 * every change navigates at once (empty fields are dropped, so links stay short).
 */
export function FilterForm({
  action,
  children,
  label,
  keep = [],
}: {
  action: string;
  children: ReactNode;
  label: string;
  /** Fields to drop when a filter changes (e.g. the page number). */
  keep?: string[];
}) {
  const router = useRouter();
  function go(form: HTMLFormElement) {
    const params = new URLSearchParams();
    for (const [k, v] of new FormData(form)) {
      if (typeof v === "string" && v.trim() !== "" && !keep.includes(k)) params.append(k, v.trim());
    }
    // an embedded page stays embedded in its frame as its filters change
    if (new URLSearchParams(window.location.search).get("embed") === "1") params.set("embed", "1");
    const qs = params.toString();
    router.push(qs ? `${action}?${qs}` : action, { scroll: false });
  }
  return (
    <form
      className="filters"
      method="get"
      action={action}
      aria-label={label}
      onChange={(e) => {
        const t = e.target as unknown as HTMLInputElement;
        if (t.type === "text" || t.type === "search") return; // typed fields apply on Enter / Apply
        go(e.currentTarget);
      }}
      onSubmit={(e) => {
        e.preventDefault();
        go(e.currentTarget);
      }}
    >
      {children}
      <button type="submit">Apply</button>
      <a className="button" href={action}>
        Reset
      </a>
    </form>
  );
}
