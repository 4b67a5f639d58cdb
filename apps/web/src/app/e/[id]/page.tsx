import { notFound, redirect } from "next/navigation";
import { hrefFor } from "@/lib/links";
import { call } from "@/trpc/server";

/** The kind-agnostic permanent URL: /e/<id> redirects to the entity's own page. */
export default async function EntityRedirect({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const r = await call((api) => api.entity.get({ id }));
  if (!r.ok) notFound();
  redirect(hrefFor(r.data.kind, id));
}
