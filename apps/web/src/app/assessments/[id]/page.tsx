import { notFound, redirect } from "next/navigation";
import { LoadProblem } from "@/components/load-problem";
import { call, isMissing } from "@/trpc/server";

/** An assessment's permanent URL: its anchor on the analysis page. */
export default async function AssessmentRedirect({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const r = await call((api) => api.entity.get({ id }));
  if (!r.ok && !isMissing(r))
    return <LoadProblem code={r.code} message={r.message} what="this analysis" heading={1} />;
  if (!r.ok || r.data.kind !== "assessment") notFound();
  redirect(`/assessments#${encodeURIComponent(id)}`);
}
