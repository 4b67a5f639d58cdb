import { notFound, redirect } from "next/navigation";
import { LoadProblem } from "@/components/load-problem";
import { hrefFor } from "@/lib/links";
import { call, isMissing } from "@/trpc/server";

/** The kind-agnostic permanent URL: /e/<id> redirects to the entity's own page. */
export default async function EntityRedirect({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const r = await call((api) => api.entity.get({ id }));
  if (!r.ok) {
    if (isMissing(r)) notFound();
    return <LoadProblem code={r.code} message={r.message} what="this entity" heading={1} />;
  }
  redirect(hrefFor(r.data.kind, id));
}
