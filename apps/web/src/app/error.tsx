"use client";

/** Shown when a page fails unexpectedly; the rest of the site keeps working. */
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div className="notice error" role="alert">
      <h1>This page could not be shown</h1>
      <p>Something went wrong while reading the data{error.digest ? ` (reference ${error.digest})` : ""}.</p>
      <p>
        <button type="button" onClick={reset}>
          Try again
        </button>{" "}
        <a href="/">Back to the overview</a>
      </p>
    </div>
  );
}
