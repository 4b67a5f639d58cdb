import type { Metadata } from "next";
import { LoadProblem } from "@/components/load-problem";
import { humanize } from "@/lib/labels";
import { hrefFor } from "@/lib/links";
import { call } from "@/trpc/server";

export const metadata: Metadata = { title: "Places" };

/** Every place, by kind. */
export default async function PlacesPage() {
  const r = await call((api) => api.places.list({ limit: 200 }));
  if (!r.ok) return <LoadProblem code={r.code} message={r.message} what="the places" heading={1} />;
  return (
    <>
      <h1>Places</h1>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Place</th>
              <th scope="col">Kind</th>
              <th scope="col">Country</th>
              <th scope="col">Also written</th>
            </tr>
          </thead>
          <tbody>
            {r.data.items.map((p) => (
              <tr key={p.id}>
                <td>
                  <a href={hrefFor("place", p.id)}>{p.name}</a>
                </td>
                <td>{humanize(p.kind)}</td>
                <td>{p.country}</td>
                <td className="small">{p.aliases.map((a) => a.name).join(" · ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
