/** An entity's description in other languages (each in our own words; other datasets may add them). */
export function Translations({ items }: { items?: readonly { lang: string; text: string }[] }) {
  if (!items?.length) return null;
  return (
    <section aria-label="In other languages" className="translations">
      <h2>In other languages</h2>
      <ul>
        {items.map((t) => (
          <li key={`${t.lang}-${t.text}`} lang={t.lang}>
            <span className="muted">{t.lang}</span> {t.text}
          </li>
        ))}
      </ul>
    </section>
  );
}
