import type { Metadata } from "next";
import { SECTIONS } from "@/lib/sections";

export const metadata: Metadata = { title: "Not found" };

/**
 * The 404 page: for addresses that match no route, and for entity pages whose id names
 * nothing (they call `notFound()`, so the status is a real 404).
 */
export default function NotFound() {
  return (
    <div className="notice" role="status">
      <h1>Nothing here</h1>
      <p>
        There is no page at this address — perhaps the id is misspelled, or the entity is not in the loaded
        data. Try the search box above (press <kbd>/</kbd>), or start from a section:
      </p>
      <ul>
        {SECTIONS.map((s) => (
          <li key={s.href}>
            <a href={s.href}>{s.label}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
