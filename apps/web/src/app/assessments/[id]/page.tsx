import { notFound, redirect } from "next/navigation";
import { LoadProblem } from "@/components/load-problem";
import { ASSESSMENTS_PAGE } from "@/lib/paging";
import { qs } from "@/lib/params";
import { call, isMissing } from "@/trpc/server";

/**
 * An assessment's permanent URL: its anchor on the page of the analysis list that holds it (the
 * list pages 50 at a time, so the page's cursor is the last assessment of the page before).
 */
export default async function AssessmentRedirect({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const r = await call((api) => api.entity.get({ id }));
  if (!r.ok && !isMissing(r))
    return <LoadProblem code={r.code} message={r.message} what="this analysis" heading={1} />;
  if (!r.ok || r.data.kind !== "assessment") notFound();
  const all = await call((api) => api.assessments.list({}));
  const i = all.ok ? all.data.items.findIndex((a) => a.id === id) : -1;
  const page = Math.floor(Math.max(0, i) / ASSESSMENTS_PAGE);
  const after = page > 0 && all.ok ? all.data.items[page * ASSESSMENTS_PAGE - 1]?.id : undefined;
  redirect(
    `/assessments${qs([
      ["after", after],
      ["page", after ? String(page + 1) : undefined],
    ])}#${encodeURIComponent(id)}`,
  );
}
