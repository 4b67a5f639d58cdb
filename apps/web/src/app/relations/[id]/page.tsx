import { RELATION_TYPES } from "@dealmap/domain";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Citations } from "@/components/citations";
import { DateText } from "@/components/date-text";
import { LoadProblem } from "@/components/load-problem";
import { hrefFor } from "@/lib/links";
import { entityLabels } from "@/lib/server-data";
import { call, isMissing } from "@/trpc/server";

export const metadata: Metadata = { title: "Relation" };

/** A relation's permanent page: who, what tie, when, and the sources. */
export default async function RelationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const r = await call((api) => api.entity.get({ id }));
  if (!r.ok && !isMissing(r))
    return <LoadProblem code={r.code} message={r.message} what="this relation" heading={1} />;
  if (!r.ok || r.data.kind !== "relation") notFound();
  const rel = r.data.entity;
  // the names of its two actors, not of every actor
  const names = await entityLabels([rel.from, rel.to]);
  return (
    <>
      <p className="breadcrumb">
        <a href="/network">Network</a> › relation
      </p>
      <h1>
        <a href={hrefFor("actor", rel.from)}>{names.get(rel.from) ?? rel.from}</a>{" "}
        {RELATION_TYPES[rel.type].label} <a href={hrefFor("actor", rel.to)}>{names.get(rel.to) ?? rel.to}</a>
      </h1>
      {rel.when ? (
        <p>
          <DateText date={rel.when} />
        </p>
      ) : null}
      {rel.note ? <p>{rel.note}</p> : null}
      <Citations citations={rel.citations} collapsed={false} />
    </>
  );
}
