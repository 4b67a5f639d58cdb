import { Problem } from "./ui";

/**
 * The designed state for a refused or failed read: unknown ids, nonsense filters, data that
 * failed to load. Says what was wrong in the router's words and how to recover.
 */
export function LoadProblem({
  code,
  message,
  resetHref,
  what = "this page",
}: {
  code: string;
  message: string;
  resetHref?: string;
  what?: string;
}) {
  if (code === "DATA_LOAD") {
    const lines = message.split("\n");
    return (
      <Problem title="The data could not be loaded">
        <p>{lines[0]}</p>
        {lines.length > 1 ? (
          <pre className="small" style={{ whiteSpace: "pre-wrap" }}>
            {lines.slice(1, 30).join("\n")}
            {lines.length > 31 ? `\n… and ${lines.length - 31} more` : ""}
          </pre>
        ) : null}
        <p>Fix the files listed (or unset DEALMAP_DATA) and reload.</p>
      </Problem>
    );
  }
  const bad = code === "BAD_REQUEST";
  return (
    <Problem title={bad ? `Some of the filters for ${what} do not make sense` : `Could not show ${what}`}>
      <p>{message}</p>
      {resetHref ? (
        <p>
          <a href={resetHref}>Start again without filters</a>
        </p>
      ) : null}
    </Problem>
  );
}
