import { notFound, redirect } from "next/navigation";
import { call } from "@/trpc/server";

/** An assessment's permanent URL: its anchor on the analysis page. */
export default async function AssessmentRedirect({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const r = await call((api) => api.entity.get({ id }));
  if (!r.ok || r.data.kind !== "assessment") notFound();
  redirect(`/assessments#${encodeURIComponent(id)}`);
}
