import { SECTIONS } from "@/lib/sections";

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
