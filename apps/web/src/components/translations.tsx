import { DatasetMark } from "./dataset-mark";

/**
 * An entity's description in other languages (each in our own words; other datasets may add
 * them, and then carry that dataset's mark).
 */
export function Translations({
  items,
  addedBy,
}: {
  items?: readonly { lang: string; text: string }[];
  /** For each translation, the dataset that added it, when another than the entity's own did. */
  addedBy?: readonly (string | undefined)[];
}) {
  if (!items?.length) return null;
  return (
    <section aria-label="In other languages" className="translations">
      <h2>In other languages</h2>
      <ul>
        {items.map((t, i) => (
          <li key={`${t.lang}-${t.text}`} lang={t.lang}>
            <span className="muted">{t.lang}</span> {t.text}
            {addedBy?.[i] ? (
              <>
                {" "}
                <DatasetMark name={addedBy[i]} />
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
