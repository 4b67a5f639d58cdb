/**
 * Shown while a page's data is read (streamed before the page itself). Only the pages in this
 * `(streamed)` group get it: once a skeleton is sent the status is 200 for good, so the entity
 * pages (`/actors/[id]` and the like), whose status depends on whether the id exists, live
 * outside the group and answer a real 404 from `notFound()`.
 */
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
