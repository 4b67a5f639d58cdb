import type { ParamProblem } from "@/lib/params";
import { Problem } from "./ui";

/** Lists the URL parameters that could not be used, and how to start over. */
export function ParamProblems({ problems, resetHref }: { problems: ParamProblem[]; resetHref: string }) {
  if (problems.length === 0) return null;
  return (
    <Problem title="Some parts of this address could not be used">
      <ul>
        {problems.map((p) => (
          <li key={`${p.param}=${p.value}`}>
            <code>{p.param}</code>: {p.message}
          </li>
        ))}
      </ul>
      <p>
        They were left out. <a href={resetHref}>Start again without filters</a>.
      </p>
    </Problem>
  );
}
