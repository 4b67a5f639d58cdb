import { Problem } from "./ui";

/** One line of the loader's list: `file:line:col  field.path  message`. */
const PROBLEM_LINE = /^(.+?:\d+:\d+) {2}(\S+) {2}(.*)$/;
/** The loader's first line, naming the user directory when there is one. */
const FIRST_LINE = /^the data could not be loaded(?: \(DEALMAP_DATA=(.*)\))?:$/;
const SHOWN = 30;

/**
 * The data failed to load: which directory, then each problem with where it is (paths already
 * relative to their data directory, see `withoutServerPaths`), its field and what is wrong.
 */
function DataLoadProblem({ message, heading }: { message: string; heading?: 1 | 2 }) {
  const [first = "", ...rest] = message.split("\n").filter((l) => l.trim() !== "");
  const dir = FIRST_LINE.exec(first);
  const shown = rest.slice(0, SHOWN);
  const count = rest.length;
  return (
    <Problem title="The data could not be loaded" heading={heading}>
      {dir ? (
        <p>
          {count === 1 ? "There is a problem" : `There are ${count} problems`} in{" "}
          {dir[1] ? (
            <>
              the data (<code>DEALMAP_DATA</code> is <code>{dir[1]}</code>)
            </>
          ) : (
            "the built-in data"
          )}
          , so no data is shown:
        </p>
      ) : (
        <p>{first}</p>
      )}
      <ul className="load-problems small">
        {shown.map((line, i) => {
          const m = PROBLEM_LINE.exec(line);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: the lines are a fixed list
            <li key={i}>
              {m ? (
                <>
                  <code>{m[1]}</code>
                  {m[2] && m[2] !== "-" ? (
                    <>
                      {" "}
                      <code className="muted">{m[2]}</code>
                    </>
                  ) : null}{" "}
                  — {m[3]}
                </>
              ) : (
                line
              )}
            </li>
          );
        })}
      </ul>
      {count > SHOWN ? <p className="small">… and {count - SHOWN} more.</p> : null}
      <p>
        Fix the files listed (<code>pnpm dealmap validate DIR</code> lists the same problems) and reload this
        page, or restart the server without <code>DEALMAP_DATA</code>.
      </p>
    </Problem>
  );
}

/**
 * The designed state for a refused or failed read: unknown ids, nonsense filters, data that
 * failed to load. Says what was wrong in the router's words and how to recover. `heading`:
 * 1 when the problem is all the page shows (its title becomes the page's h1), 2 under a page's
 * own h1.
 */
export function LoadProblem({
  code,
  message,
  resetHref,
  what = "this page",
  heading,
}: {
  code: string;
  message: string;
  resetHref?: string;
  what?: string;
  heading?: 1 | 2;
}) {
  if (code === "DATA_LOAD") return <DataLoadProblem message={message} heading={heading} />;
  const bad = code === "BAD_REQUEST";
  return (
    <Problem
      title={bad ? `Some of the filters for ${what} do not make sense` : `Could not show ${what}`}
      heading={heading}
    >
      <p>{message}</p>
      {resetHref ? (
        <p>
          <a href={resetHref}>Start again without filters</a>
        </p>
      ) : null}
    </Problem>
  );
}
