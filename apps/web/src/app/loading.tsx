/** Shown while a page's data is read (streamed before the page itself). */
export default function Loading() {
  return (
    <div aria-busy="true" aria-live="polite">
      <p className="visually-hidden">Loading…</p>
      <div className="skeleton" style={{ width: "40%", height: "2rem" }} />
      <div className="skeleton" style={{ width: "90%" }} />
      <div className="skeleton" style={{ width: "80%" }} />
      <div className="skeleton" style={{ width: "85%" }} />
    </div>
  );
}
