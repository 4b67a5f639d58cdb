import type { Citation } from "@dealmap/domain";
import { sourceTitles } from "@/trpc/server";
import { CitationList } from "./citation-list";

/** Server-side citations: looks the source titles up itself. */
export async function Citations({
  citations,
  collapsed = true,
  label,
  addedBy,
}: {
  citations: readonly Citation[];
  collapsed?: boolean;
  label?: string;
  /** For each citation, the dataset that added it (see CitationList). */
  addedBy?: readonly (string | undefined)[];
}) {
  if (citations.length === 0) return null;
  const titles = Object.fromEntries(await sourceTitles());
  return (
    <CitationList
      citations={citations}
      titles={titles}
      collapsed={collapsed}
      label={label}
      addedBy={addedBy}
    />
  );
}
